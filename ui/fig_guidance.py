"""Computations and plotly figures of the Guidance page (views/guidance.py): pure functions of
the engine and of arrays, no Streamlit here.

The 2-D sections use the labelled mixture `ddpm_core.guidance.labelled_mixture("4gaussians")`
(8 Gaussians on a circle, 4 classes of two neighbouring modes), for which the noisy classifier
p_t(y|x_t), each class's ε* and the whole mixture's ε* are exact (FORMULAS.md §m).
"""

from __future__ import annotations

import math

import numpy as np
import torch

from ddpm_core import Schedule, sample
from ddpm_core.guidance import LabelledMixture, cfg_eps, classifier_guided_eps
from ddpm_core.oracle import terms_at
from ui import plot

LIM = 2.6  # the 2-D panels show [-LIM, LIM]²
GRID = 161  # the tilted density is computed on GRID × GRID points of [-LIM, LIM]²
CLASS_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")
DATA, SAMPLES, TILTED = "#b0b0b0", "#ff7f0e", "#1f77b4"


# ------------------------------------------------------------------ exact guided ε
class ExactClassifierGuided(torch.nn.Module):
    """ε̂ = ε*(x_t) − s √(1−ᾱ_t) ∇log p_t(y|x_t) with the exact ε* of the whole mixture and the
    exact noisy classifier (Dhariwal & Nichol 2021, Alg. 2), as an ε-model for the samplers."""

    sample_shape = (2,)

    def __init__(self, lm: LabelledMixture, sched: Schedule, y: int, scale: float):
        super().__init__()
        self.lm, self.sched, self.y, self.scale = lm, sched, int(y), float(scale)

    def forward(self, x_t: torch.Tensor, t) -> torch.Tensor:
        x = x_t.double()
        eps, grad = self.lm.eps_and_grad_log_p_y(self.sched, x, t, self.y)  # one pass
        bad = ~torch.isfinite(grad).all(1)
        if bool(bad.any()):  # p_t(y|x_t) underflowed to 0 far from the class: Bayes instead,
            # ∇log p_t(y|x_t) = ∇log q_t(x_t|y) − ∇log q_t(x_t) = (ε*_u − ε*_y)/√(1−ᾱ_t)
            sd = float((1 - self.sched.alpha_bars[t]).sqrt())
            grad[bad] = (eps[bad] - self.lm.eps_star(self.sched, x[bad], t, self.y)) / sd
        return classifier_guided_eps(eps, grad, self.sched, t, self.scale).to(x_t.dtype)


class ExactCFG(torch.nn.Module):
    """ε̃ = ε*_u + s (ε*_c − ε*_u) with the exact conditional and unconditional ε* (Ho & Salimans
    2022, Eq. 6 with diffusers' s); `avoid=True` swaps the two (negative guidance: ε*_c + s(ε*_u −
    ε*_c), away from class c). One pass over the mixture's components gives both ε*."""

    sample_shape = (2,)

    def __init__(self, lm: LabelledMixture, sched: Schedule, y: int, scale: float,
                 avoid: bool = False):
        super().__init__()
        self.lm, self.sched, self.y, self.scale, self.avoid = lm, sched, int(y), float(scale), avoid
        self.sub = lm.conditional(int(y))

    def both(self, x_t: torch.Tensor, t) -> tuple[torch.Tensor, torch.Tensor]:
        """(ε*_c, ε*_u), float64: each from its own mixture's responsibilities, so a point far
        from class c (its share of the whole mixture's responsibilities underflows to 0, as
        negative guidance produces) still gets a finite ε*_c."""
        B = x_t.shape[0]
        tt = t.cpu().long() if isinstance(t, torch.Tensor) and t.ndim > 0 else \
            torch.full((B,), int(t))
        ab = self.sched.alpha_bars[tt]
        k = (1 - ab).sqrt()[:, None]
        w, sol, _ = terms_at(self.lm.mix, x_t.double(), ab)
        w_c, sol_c, _ = terms_at(self.sub, x_t.double(), ab)
        return k * (w_c.unsqueeze(-1) * sol_c).sum(1), k * (w.unsqueeze(-1) * sol).sum(1)

    def forward(self, x_t: torch.Tensor, t) -> torch.Tensor:
        e_c, e_u = self.both(x_t, t)
        if self.avoid:
            e_c, e_u = e_u, e_c
        return cfg_eps(e_c, e_u, self.scale).to(x_t.dtype)


class ModelCFG(torch.nn.Module):
    """Negative guidance with a trained class-conditional model: ε̃ = ε_θ(x, t, c) + s (ε_θ(x, t)
    − ε_θ(x, t, c)) (the roles of the two calls in `GuidedEps` swapped), both in one batch."""

    def __init__(self, model, y: int, scale: float, avoid: bool = True):
        super().__init__()
        self.model, self.y, self.scale, self.avoid = model, int(y), float(scale), avoid

    @property
    def sample_shape(self) -> tuple:
        return tuple(self.model.sample_shape)

    def forward(self, x_t: torch.Tensor, t) -> torch.Tensor:
        B = x_t.shape[0]
        tt = t if isinstance(t, torch.Tensor) and t.ndim > 0 else torch.full((B,), int(t))
        y = torch.cat([torch.full((B,), self.y), torch.full((B,), self.model.num_classes)])
        both = self.model(torch.cat([x_t, x_t]), torch.cat([tt, tt]), y)
        e_c, e_u = both[:B], both[B:]
        if self.avoid:
            e_c, e_u = e_u, e_c
        return cfg_eps(e_c, e_u, self.scale)


def run_sampler(model, sched: Schedule, n: int, kind: str, seed: int) -> np.ndarray:
    """n samples: kind "ddpm" = DDPM on a respaced chain of min(100, T) steps (DDIM η = 1),
    "ddim" = DDIM with min(50, T) steps, η = 0."""
    steps, eta = (min(100, sched.T), 1.0) if kind == "ddpm" else (min(50, sched.T), 0.0)
    with torch.inference_mode():
        x = sample(model, sched, n, sampler="ddim", steps=steps, eta=eta,
                   generator=torch.Generator().manual_seed(seed))
    return x.double().numpy()


# ------------------------------------------------------------------ the tilted density
def grid_points(n: int = GRID, lim: float = LIM) -> tuple[np.ndarray, np.ndarray]:
    ax = np.linspace(-lim, lim, n)
    gx, gy = np.meshgrid(ax, ax)
    return ax, np.stack([gx.ravel(), gy.ravel()], 1)


def tilted_density(lm: LabelledMixture, y: int, scale: float, avoid: bool = False,
                   n: int = GRID, lim: float = LIM) -> tuple[np.ndarray, np.ndarray]:
    """p̃(x) ∝ p(x|c)^s p(x)^{1−s} (avoid: p(x)^s p(x|c)^{1−s}) on an n × n grid of
    [-lim, lim]², normalised so that Σ p̃ · cell area = 1. Returns (axis, density (n, n))."""
    ax, pts = grid_points(n, lim)
    x = torch.tensor(pts, dtype=torch.float64)
    lc = lm.conditional(y).log_prob(x)
    lu = lm.mix.log_prob(x)
    a, b = (lu, lc) if avoid else (lc, lu)
    logp = scale * a + (1 - scale) * b
    logp = logp - torch.logsumexp(logp, 0)
    cell = (ax[1] - ax[0]) ** 2
    return ax, (logp.exp() / cell).numpy().reshape(n, n)


def tilted_samples(ax: np.ndarray, dens: np.ndarray, n: int, seed: int) -> np.ndarray:
    """n draws from the gridded density: a cell by its mass, then uniform within the cell."""
    g = np.random.default_rng(seed)
    p = dens.ravel() / dens.sum()
    idx = g.choice(p.size, size=n, p=p)
    h = ax[1] - ax[0]
    iy, ix = np.divmod(idx, ax.size)
    return np.stack([ax[ix], ax[iy]], 1) + g.uniform(-h / 2, h / 2, (n, 2))


def tilted_eps(ax: np.ndarray, dens: np.ndarray, sched: Schedule, x_t: torch.Tensor,
               t: int) -> torch.Tensor:
    """ε of the *diffused* tilted density q̃_t = p̃ * N(0, (1−ᾱ_t) I) (after scaling by √ᾱ_t),
    with p̃ taken as point masses at the grid points: ε = (x_t − √ᾱ E[x_0|x_t]) / √(1−ᾱ_t)."""
    _, pts = grid_points(ax.size, float(ax[-1]))
    keep = dens.ravel() > dens.max() * 1e-10  # the rest holds < 1e-10 of the mass per cell
    g0 = torch.tensor(pts[keep])
    logw0 = torch.tensor(np.log(dens.ravel()[keep]))
    ab = float(sched.alpha_bars[t])
    d2 = torch.cdist(x_t.double(), math.sqrt(ab) * g0) ** 2  # (B, M)
    w = torch.softmax(logw0[None, :] - d2 / (2 * (1 - ab)), dim=1)
    mean_x0 = w @ g0
    return (x_t.double() - math.sqrt(ab) * mean_x0) / math.sqrt(1 - ab)


# ------------------------------------------------------------------ figures
def _square(fig: plot.Figure, n_cols: int, lim: float = LIM) -> None:
    for c in range(1, n_cols + 1):
        fig.update_xaxes(range=[-lim, lim], constrain="domain", row=1, col=c, zeroline=False)
        fig.update_yaxes(range=[-lim, lim], scaleanchor=f"x{'' if c == 1 else c}",
                         scaleratio=1, row=1, col=c, zeroline=False)


def _pts(x: np.ndarray, color: str, name: str, size: float = 3.0, show: bool = True,
         opacity: float = 0.7) -> dict:
    return plot.scattergl(x=x[:, 0], y=x[:, 1], mode="markers", name=name, showlegend=show,
                          marker={"size": size, "color": color, "opacity": opacity})


def class_panels(data: np.ndarray, labels: np.ndarray, panels: list[np.ndarray],
                 titles: list[str], class_name, samples_name: str, height: int = 380
                 ) -> plot.Figure:
    """Panels side by side: the labelled data (one colour per class) under each set of samples."""
    fig = plot.Figure(rows=1, cols=len(panels), subplot_titles=titles, horizontal_spacing=0.05)
    for i, x in enumerate(panels, start=1):
        for c in range(len(CLASS_COLORS)):
            sel = labels == c
            fig.add_trace(_pts(data[sel], CLASS_COLORS[c], class_name(c), size=2.5,
                               show=i == 1, opacity=0.25), row=1, col=i)
        fig.add_trace(_pts(x, SAMPLES, samples_name, size=3, show=i == 1, opacity=0.8),
                      row=1, col=i)
    _square(fig, len(panels))
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      legend={"orientation": "h", "y": -0.12}, template="plotly_white")
    return fig


def tilted_figure(ax: np.ndarray, dens: np.ndarray, panels: list[np.ndarray],
                  titles: list[str], samples_name: str, dens_name: str,
                  height: int = 380) -> plot.Figure:
    """The tilted density (heatmap, √ scale so faint mass shows) under each set of samples."""
    fig = plot.Figure(rows=1, cols=len(panels), subplot_titles=titles, horizontal_spacing=0.05)
    z = np.sqrt(dens / dens.max())
    for i, x in enumerate(panels, start=1):
        fig.add_trace(plot.heatmap(x=ax, y=ax, z=z, colorscale="Blues", showscale=False,
                                   hoverinfo="skip", name=dens_name), row=1, col=i)
        fig.add_trace(_pts(x, SAMPLES, samples_name, size=2.5, show=i == 1, opacity=0.6),
                      row=1, col=i)
    _square(fig, len(panels))
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      legend={"orientation": "h", "y": -0.12}, template="plotly_white")
    return fig
