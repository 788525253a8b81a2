"""Plotly figures for the posterior page (pure functions of arrays; no Streamlit here)."""

from __future__ import annotations

import math

import numpy as np

from ui import plot

PRIOR, LIKE, POST = "#1f77b4", "#ff7f0e", "#2ca02c"
ENGINE, DERIVED = "#d62728", "#1f77b4"
TINY = 1e-17  # exact agreement (relative error 0) is drawn at this floor on the log axis


def product_of_gaussians(m1: float, v1: float, m2: float, v2: float) -> tuple[float, float]:
    """N(m1, v1)·N(m2, v2) ∝ N(m, v): precisions add, the mean is precision-weighted."""
    p1, p2 = 1.0 / v1, 1.0 / v2
    v = 1.0 / (p1 + p2)
    return v * (p1 * m1 + p2 * m2), v


def likelihood_weight(v_prior: float, v_like: float) -> float:
    """The weight of the likelihood's mean in the posterior mean: its share of the precision,
    (1/v_like) / (1/v_prior + 1/v_like) = v_prior / (v_prior + v_like)."""
    return v_prior / (v_prior + v_like)


def gaussian_data_reverse_variance(alpha_t, beta_t, alpha_bar_prev, v: float):
    """Var(x_{t-1} | x_t) when the data are x_0 ~ N(0, v) (1-D): x_{t-1} ~ N(0, V) with
    V = ᾱ_{t-1} v + 1 - ᾱ_{t-1}, and x_t = √α_t x_{t-1} + √β_t ε, so conditioning the joint
    Gaussian gives V β_t / (α_t V + β_t). It equals β_t for v = 1 and exceeds it for v > 1."""
    V = alpha_bar_prev * v + 1.0 - alpha_bar_prev
    return V * beta_t / (alpha_t * V + beta_t)


def reverse_variance_example(alphas: np.ndarray, betas: np.ndarray, alpha_bars: np.ndarray,
                             v: float) -> tuple[int, float, int]:
    """For data N(0, v), v > 1: the t in 1..T where Var(x_{t-1}|x_t) exceeds β_t the most
    (relatively), that variance, and how many significant digits show it apart from β_t."""
    a, b = np.asarray(alphas, np.float64)[1:], np.asarray(betas, np.float64)[1:]
    var = gaussian_data_reverse_variance(a, b, np.asarray(alpha_bars, np.float64)[:-1], v)
    excess = var / b - 1.0
    i = int(np.argmax(excess))
    digits = int(min(12, max(4, math.ceil(-math.log10(max(excess[i], 1e-15))) + 2)))
    return i + 1, float(var[i]), digits


def _pdf(x: np.ndarray, m: float, v: float) -> np.ndarray:
    return np.exp(-0.5 * (x - m) ** 2 / v) / math.sqrt(2.0 * math.pi * v)


def _grid(curves: list[tuple[float, float]], n: int = 1500) -> np.ndarray:
    """Points over the union of mean ± 4.5 sd of every curve, dense near each (narrow peaks
    stay smooth even when the curves are far apart)."""
    lo = min(m - 4.5 * math.sqrt(v) for m, v in curves)
    hi = max(m + 4.5 * math.sqrt(v) for m, v in curves)
    parts = [np.linspace(lo, hi, n)]
    parts += [np.linspace(m - 4.5 * math.sqrt(v), m + 4.5 * math.sqrt(v), n // 2)
              for m, v in curves]
    return np.unique(np.concatenate(parts))


def densities_figure(prior: tuple[float, float], like: tuple[float, float],
                     post: tuple[float, float], names: tuple[str, str, str],
                     x_label: str, y_label: str, x0: float, x_t: float,
                     x0_label: str, xt_label: str) -> plot.Figure:
    """Prior q(x_{t-1}|x_0), the likelihood in x_{t-1} (normalised), the posterior."""
    x = _grid([prior, like, post])
    fig = plot.Figure()
    for (m, v), name, color, dash in ((prior, names[0], PRIOR, "dash"),
                                      (like, names[1], LIKE, "dot"),
                                      (post, names[2], POST, "solid")):
        fig.add_trace(plot.scatter(x=x, y=_pdf(x, m, v), name=name, mode="lines",
                                   line={"color": color, "dash": dash,
                                       "width": 3 if dash == "solid" else 2}))
    lo, hi = float(x[0]), float(x[-1])
    for value, label, color in ((x0, x0_label, "#7f7f7f"), (x_t, xt_label, "#9467bd")):
        if lo <= value <= hi:
            fig.add_vline(x=value, line={"color": color, "width": 1, "dash": "dashdot"},
                          annotation_text=label, annotation_position="top")
    fig.update_layout(height=380, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      xaxis_title=x_label, yaxis_title=y_label,
                      legend={"orientation": "h", "y": -0.22})
    return fig


def coefficients_figure(comparisons: dict, titles: dict[str, str], derived_name: str,
                        engine_name: str, err_title: str, t_label: str) -> plot.Figure:
    """SymPy-derived (line) vs engine (markers) for each coefficient over t, and the relative
    error per t on a log axis."""
    keys = list(comparisons)
    fig = plot.Figure(rows=1, cols=len(keys) + 1,
                      subplot_titles=[titles[k] for k in keys] + [err_title],
                      horizontal_spacing=0.06)
    worst = None
    for i, k in enumerate(keys, start=1):
        t, derived, engine = comparisons[k]
        stride = max(1, len(t) // 60)
        fig.add_trace(plot.scatter(x=t, y=derived, mode="lines", name=derived_name,
                                   line={"color": DERIVED, "width": 2},
                                   legendgroup="d", showlegend=i == 1), row=1, col=i)
        fig.add_trace(plot.scatter(x=t[::stride], y=engine[::stride], mode="markers",
                                   name=engine_name, marker={"color": ENGINE, "size": 6,
                                                           "symbol": "x"},
                                   legendgroup="e", showlegend=i == 1), row=1, col=i)
        positive = bool(np.all(engine > 0))
        spread = engine.max() / engine.min() if positive and len(engine) else 1.0
        if positive and spread > 20:  # many decades: log axis
            fig.update_yaxes(type="log", exponentformat="power", dtick=1, row=1, col=i)
        with np.errstate(all="ignore"):
            err = np.abs(derived - engine) / np.maximum(np.abs(engine), np.finfo(float).tiny)
        err = np.where(derived == engine, 0.0, np.nan_to_num(err, nan=np.inf))
        worst = err if worst is None else np.maximum(worst, err)
        fig.update_xaxes(title_text=t_label, row=1, col=i)
    t = comparisons[keys[0]][0]
    fig.add_trace(plot.scatter(x=t, y=np.maximum(worst, TINY), mode="markers", showlegend=False,
                               marker={"color": "#7f7f7f", "size": 3}), row=1, col=len(keys) + 1)
    fig.add_hline(y=1e-7, line={"color": ENGINE, "dash": "dash", "width": 1},
                  annotation_text="10⁻⁷", row=1, col=len(keys) + 1)
    fig.update_yaxes(type="log", exponentformat="power", row=1, col=len(keys) + 1)
    fig.update_xaxes(title_text=t_label, row=1, col=len(keys) + 1)
    fig.update_layout(height=340, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      legend={"orientation": "h", "y": -0.3})
    return fig
