"""Plotly figures of the sampling page (pure: no Streamlit), and the paper's update rules
written out once more, independently of the engine, for the page's live check.

Arrays are numpy; 2-D clouds are (n, 2); images are (n, 1, H, W) in [-1, 1].
"""

from __future__ import annotations

import math

import numpy as np

from ui import plot

CLOUD = "rgba(31,119,180,0.55)"
PRED = "rgba(44,160,44,0.55)"
DATA = "rgba(150,150,150,0.30)"
TRAIL = "rgba(214,39,40,0.55)"
HEAD = "#d62728"
LIM = 3.5  # the 2-D axes show [-LIM, LIM]²: the data has std 1, x_T ~ N(0, I)


# ------------------------------------------------------------------ live-check formulas
def ddpm_step_formula(x_t: np.ndarray, eps: np.ndarray, z: np.ndarray, alpha_t: float,
                      alpha_bar_t: float, sigma_t: float) -> np.ndarray:
    """x_{t-1} = (x_t - (1-α_t)/√(1-ᾱ_t) ε_θ)/√α_t + σ_t z — Ho et al. 2020, Algorithm 2."""
    x_t, eps, z = (np.asarray(a, np.float64) for a in (x_t, eps, z))
    return (x_t - (1.0 - alpha_t) / math.sqrt(1.0 - alpha_bar_t) * eps) / math.sqrt(alpha_t) \
        + sigma_t * z


def x0_formula(x_t: np.ndarray, eps: np.ndarray, alpha_bar_t: float) -> np.ndarray:
    """x̂_0 = (x_t - √(1-ᾱ_t) ε_θ)/√ᾱ_t — Ho et al. 2020, Eq. (15)."""
    x_t, eps = np.asarray(x_t, np.float64), np.asarray(eps, np.float64)
    return (x_t - math.sqrt(1.0 - alpha_bar_t) * eps) / math.sqrt(alpha_bar_t)


def ddim_sigma_formula(alpha_bar_t: float, alpha_bar_s: float, eta: float) -> float:
    """σ(η) = η √((1-ᾱ_s)/(1-ᾱ_t)) √(1-ᾱ_t/ᾱ_s) — Song et al. 2021, Eq. (16)."""
    return eta * math.sqrt((1 - alpha_bar_s) / (1 - alpha_bar_t)) \
        * math.sqrt(max(1 - alpha_bar_t / alpha_bar_s, 0.0))


def ddim_step_formula(x_t: np.ndarray, eps: np.ndarray, z: np.ndarray, alpha_bar_t: float,
                      alpha_bar_s: float, sigma: float) -> np.ndarray:
    """x_s = √ᾱ_s x̂_0 + √(1-ᾱ_s-σ²) ε_θ + σ z — Song et al. 2021, Eq. (12)."""
    x0 = x0_formula(x_t, eps, alpha_bar_t)
    eps, z = np.asarray(eps, np.float64), np.asarray(z, np.float64)
    return math.sqrt(alpha_bar_s) * x0 + math.sqrt(max(1 - alpha_bar_s - sigma**2, 0.0)) * eps \
        + sigma * z


# ------------------------------------------------------------------ 2-D clouds
def _square(fig: plot.Figure, n_cols: int, lim: float = LIM) -> None:
    for i in range(1, n_cols + 1):
        fig.update_xaxes(range=[-lim, lim], row=1, col=i, zeroline=False)
        fig.update_yaxes(range=[-lim, lim], row=1, col=i, zeroline=False,
                         scaleanchor=f"x{'' if i == 1 else i}", scaleratio=1)


def _points(x: np.ndarray, color: str, name: str, size: float = 3.5,
            showlegend: bool = True) -> dict:
    return plot.scattergl(x=x[:, 0], y=x[:, 1], mode="markers", name=name,
                          showlegend=showlegend, marker={"color": color, "size": size},
                          hoverinfo="skip")


def trails_xy(trail: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(k, m, 2) positions of m particles over k steps -> one polyline per particle,
    separated by NaN (a single trace draws them all)."""
    k, m, _ = trail.shape
    seg = np.full((m, k + 1, 2), np.nan)
    seg[:, :k] = trail.transpose(1, 0, 2)
    seg = seg.reshape(-1, 2)
    return seg[:, 0], seg[:, 1]


def cloud_figure(x_t: np.ndarray, x0_pred: np.ndarray, trail: np.ndarray,
                 data: np.ndarray | None, titles: tuple[str, str],
                 names: tuple[str, str, str, str], height: int = 440) -> plot.Figure:
    """Left: x_t with the last steps of a few particles (trails); right: the model's x̂_0
    over the true data (grey). names: (x_t, trail, x̂_0, data)."""
    fig = plot.Figure(rows=1, cols=2, subplot_titles=titles, horizontal_spacing=0.06)
    fig.add_trace(_points(x_t, CLOUD, names[0]), row=1, col=1)
    tx, ty = trails_xy(trail)
    fig.add_trace(plot.scatter(x=tx, y=ty, mode="lines", name=names[1], hoverinfo="skip",
                               line={"color": TRAIL, "width": 1.5}), row=1, col=1)
    fig.add_trace(plot.scatter(x=trail[-1, :, 0], y=trail[-1, :, 1], mode="markers",
                               showlegend=False, hoverinfo="skip",
                               marker={"color": HEAD, "size": 6}), row=1, col=1)
    if data is not None:
        fig.add_trace(_points(data, DATA, names[3], size=3), row=1, col=2)
    fig.add_trace(_points(x0_pred, PRED, names[2]), row=1, col=2)
    _square(fig, 2)
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      legend={"orientation": "h", "y": -0.08}, template="plotly_white",
                      uirevision="sampling-cloud")
    return fig


def samples_figure(samples: list[np.ndarray], titles: list[str], data: np.ndarray | None,
                   names: tuple[str, str], height: int = 360) -> plot.Figure:
    """Final samples side by side (one panel each) over the true data in grey.
    names: (samples, data)."""
    fig = plot.Figure(rows=1, cols=len(samples), subplot_titles=titles,
                      horizontal_spacing=0.04)
    for i, x in enumerate(samples, start=1):
        if data is not None:
            fig.add_trace(_points(data, DATA, names[1], size=3, showlegend=i == 1), row=1, col=i)
        fig.add_trace(_points(x, CLOUD, names[0], showlegend=i == 1), row=1, col=i)
    _square(fig, len(samples))
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      legend={"orientation": "h", "y": -0.1}, template="plotly_white")
    return fig


# ------------------------------------------------------------------ images
def image_grid(x: np.ndarray, ncol: int = 8, pad: int = 1) -> np.ndarray:
    """(n, 1, H, W) in [-1, 1] (clamped) -> one (rows·(H+pad)+pad, ncol·(W+pad)+pad) array in
    [0, 1], the images row by row on a mid-grey background."""
    x = np.clip(np.asarray(x, np.float32), -1, 1)
    n, _, h, w = x.shape
    ncol = max(1, min(ncol, n))
    nrow = math.ceil(n / ncol)
    grid = np.full((nrow * (h + pad) + pad, ncol * (w + pad) + pad), 0.5, np.float32)
    for i in range(n):
        r, c = divmod(i, ncol)
        top, left = pad + r * (h + pad), pad + c * (w + pad)
        grid[top:top + h, left:left + w] = (x[i, 0] + 1) / 2
    return grid


def grids_figure(grids: list[np.ndarray], titles: list[str], height: int = 400) -> plot.Figure:
    """Image grids side by side as grey heatmaps (black = -1, white = +1), square pixels."""
    fig = plot.Figure(rows=1, cols=len(grids), subplot_titles=titles,
                      horizontal_spacing=0.03)
    for i, g in enumerate(grids, start=1):
        fig.add_trace(plot.heatmap(z=g, zmin=0, zmax=1, colorscale="gray", showscale=False,
                                   hoverinfo="skip"), row=1, col=i)
        fig.update_xaxes(visible=False, constrain="domain", row=1, col=i)
        fig.update_yaxes(visible=False, autorange="reversed", row=1, col=i,
                         scaleanchor=f"x{'' if i == 1 else i}", scaleratio=1)
    fig.update_layout(height=height, margin={"l": 5, "r": 5, "t": 40, "b": 5},
                      template="plotly_white", uirevision="sampling-grid")
    return fig
