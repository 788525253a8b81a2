"""Computations and plotly figures of the Guidance page (views/guidance.py): pure functions of
the engine and of arrays, no Streamlit here.

The 2-D sections use the labelled mixture `ddpm_core.guidance.labelled_mixture("4gaussians")`
(8 Gaussians on a circle, 4 classes of two neighbouring modes), for which the noisy classifier
p_t(y|x_t), each class's ε* and the whole mixture's ε* are exact (FORMULAS.md §m).
"""

from __future__ import annotations

import atexit
import math
import os
import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np
import torch

from ddpm_core import Schedule, q_sample, sample
from ddpm_core.guidance import GuidedEps, LabelledMixture, cfg_eps, classifier_guided_eps
from ddpm_core.metrics import sliced_wasserstein
from ddpm_core.oracle import terms_at
from ddpm_core.sampling import ddim_sigma, timesteps
from ui import plot

LIM = 2.6  # the 2-D panels show [-LIM, LIM]²
GRID = 161  # the tilted density is computed on GRID × GRID points of [-LIM, LIM]²
CLASS_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")
DATA, SAMPLES, TILTED = "#b0b0b0", "#ff7f0e", "#1f77b4"


def _scale(scale):
    """A float, or a (B,) tensor of per-sample scales kept as it is (a grid of scales in one
    batch; `cfg_eps` and `classifier_guided_eps` check it)."""
    return scale if isinstance(scale, torch.Tensor) and scale.ndim > 0 else float(scale)


# ------------------------------------------------------------------ exact guided ε
class ExactClassifierGuided(torch.nn.Module):
    """ε̂ = ε*(x_t) − s √(1−ᾱ_t) ∇log p_t(y|x_t) with the exact ε* of the whole mixture and the
    exact noisy classifier (Dhariwal & Nichol 2021, Alg. 2), as an ε-model for the samplers."""

    sample_shape = (2,)

    def __init__(self, lm: LabelledMixture, sched: Schedule, y: int, scale: float):
        super().__init__()
        self.lm, self.sched, self.y, self.scale = lm, sched, int(y), _scale(scale)

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
        self.lm, self.sched, self.y, self.avoid = lm, sched, int(y), avoid
        self.scale = _scale(scale)
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
        self.model, self.y, self.scale, self.avoid = model, int(y), _scale(scale), avoid

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


def tilted_logs(lm: LabelledMixture, y: int, n: int = GRID, lim: float = LIM
                ) -> tuple[np.ndarray, torch.Tensor, torch.Tensor]:
    """(axis, log p(x|c), log p(x)) on the n × n grid of [-lim, lim]²: what p̃ is made of for
    every scale."""
    ax, pts = grid_points(n, lim)
    x = torch.tensor(pts, dtype=torch.float64)
    return ax, lm.conditional(y).log_prob(x), lm.mix.log_prob(x)


def tilted_from_logs(ax: np.ndarray, lc: torch.Tensor, lu: torch.Tensor, scale: float,
                     avoid: bool = False) -> np.ndarray:
    """p̃ ∝ exp(s·log p(x|c) + (1−s)·log p(x)) (avoid: c and the whole mixture swapped) on the
    grid of `tilted_logs`, normalised so that Σ p̃ · cell area = 1, (n, n)."""
    a, b = (lu, lc) if avoid else (lc, lu)
    logp = scale * a + (1 - scale) * b
    logp = logp - torch.logsumexp(logp, 0)
    cell = (ax[1] - ax[0]) ** 2
    return (logp.exp() / cell).numpy().reshape(ax.size, ax.size)


def tilted_density(lm: LabelledMixture, y: int, scale: float, avoid: bool = False,
                   n: int = GRID, lim: float = LIM) -> tuple[np.ndarray, np.ndarray]:
    """p̃(x) ∝ p(x|c)^s p(x)^{1−s} (avoid: p(x)^s p(x|c)^{1−s}) on an n × n grid of
    [-lim, lim]², normalised so that Σ p̃ · cell area = 1. Returns (axis, density (n, n))."""
    ax, lc, lu = tilted_logs(lm, y, n, lim)
    return ax, tilted_from_logs(ax, lc, lu, scale, avoid)


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


# ------------------------------------------------------------------ a grid of scales at once
class Stopped(Exception):
    """A background grid job gave up because the process is exiting."""


def run_sampler_grid(model, sched: Schedule, n: int, kind: str, seed: int, blocks: int,
                     stop: Callable[[], bool] | None = None) -> np.ndarray:
    """`run_sampler` for `blocks` ε-models in one batch: `model` takes blocks·n rows, block i
    (rows i·n … i·n + n − 1) being the i-th model (e.g. the i-th guidance scale). Every block
    starts from the x_T and gets the noise that `run_sampler(model_i, sched, n, kind, seed)`
    draws (the same generator calls, one (n, 2) draw per step, shared by the blocks), and takes
    the same DDIM step (`ddpm_core.sampling`'s fast loop, Song et al. 2021 Eq. (12)), so block i
    equals that run to float rounding. Returns (blocks, n, 2) float64."""
    steps, eta = (min(100, sched.T), 1.0) if kind == "ddpm" else (min(50, sched.T), 0.0)
    ts = timesteps(sched.T, steps)
    g = torch.Generator().manual_seed(seed)
    ab = sched.alpha_bars.tolist()
    with torch.inference_mode():
        x = torch.randn((n, 2), generator=g).repeat(blocks, 1)  # float32, as `sample`
        noise = torch.empty((n, 2))
        for t, s in zip(ts[:-1], ts[1:]):
            if stop is not None and stop():
                raise Stopped
            eps = model(x, t)
            noise.normal_(generator=g)
            sigma_t = ddim_sigma(sched, t, s, eta)
            c_x = math.sqrt(ab[s] / ab[t])
            c_eps = math.sqrt(max(1 - ab[s] - sigma_t**2, 0.0)) - c_x * math.sqrt(1 - ab[t])
            x.mul_(c_x).add_(eps, alpha=c_eps)
            if sigma_t > 0:
                x.add_(noise.repeat(blocks, 1), alpha=sigma_t)
    return x.double().numpy().reshape(blocks, n, 2)


def _rows(scales, n: int) -> torch.Tensor:
    """One scale per row, block-wise: scales[i] for rows i·n … i·n + n − 1 (float64)."""
    return torch.tensor([float(v) for v in scales], dtype=torch.float64).repeat_interleave(n)


def cg_grid(lm: LabelledMixture, sched: Schedule, y: int, scales, n: int, seed: int,
            stop: Callable[[], bool] | None = None) -> np.ndarray:
    """Classifier guidance with the exact classifier at every scale of `scales` in one DDPM run
    (`run_sampler_grid`): (len(scales), n, 2); block i equals
    `run_sampler(ExactClassifierGuided(lm, sched, y, scales[i]), sched, n, "ddpm", seed)`."""
    model = ExactClassifierGuided(lm, sched, y, _rows(scales, n))
    return run_sampler_grid(model, sched, n, "ddpm", seed, len(scales), stop)


def cfg_panels(lm: LabelledMixture, model, sched: Schedule, y: int, scales, avoid: bool,
               n: int, seed: int, grid: bool = True, stop: Callable[[], bool] | None = None
               ) -> list[dict]:
    """For each scale: CFG samples with the exact ε* (DDPM and DDIM) and with the trained
    conditional `model` (DDPM), draws from the gridded tilted density, and the SWD of each to the
    tilted draws. grid=True samples all scales in one batch (`run_sampler_grid`), grid=False
    one `run_sampler` per scale (the reference the grid must equal)."""
    S = len(scales)
    if grid:
        rows = _rows(scales, n)
        exact = ExactCFG(lm, sched, y, rows, avoid)
        trained = ModelCFG(model, y, rows.float(), avoid) if avoid \
            else GuidedEps(model, y, rows.float())
        runs = {"exact_ddpm": run_sampler_grid(exact, sched, n, "ddpm", seed, S, stop),
                "exact_ddim": run_sampler_grid(exact, sched, n, "ddim", seed, S, stop),
                "trained": run_sampler_grid(trained, sched, n, "ddpm", seed, S, stop)}
    else:
        runs = {k: [] for k in ("exact_ddpm", "exact_ddim", "trained")}
        for v in scales:
            exact = ExactCFG(lm, sched, y, v, avoid)
            trained = ModelCFG(model, y, v, avoid) if avoid else GuidedEps(model, y, v)
            runs["exact_ddpm"].append(run_sampler(exact, sched, n, "ddpm", seed))
            runs["exact_ddim"].append(run_sampler(exact, sched, n, "ddim", seed))
            runs["trained"].append(run_sampler(trained, sched, n, "ddpm", seed))
    ax, lc, lu = tilted_logs(lm, y)
    out = []
    for i, v in enumerate(scales):
        o = {k: np.ascontiguousarray(runs[k][i]) for k in runs}
        dens = tilted_from_logs(ax, lc, lu, float(v), avoid)
        o["ax"], o["dens"] = ax, dens
        ta, tb = tilted_samples(ax, dens, n, 11), tilted_samples(ax, dens, n, 12)
        o["tilted"] = ta
        a = torch.tensor(ta)
        o["swd_floor"] = sliced_wasserstein(torch.tensor(tb), a)
        for k in ("exact_ddpm", "exact_ddim", "trained"):
            o[f"swd_{k}"] = sliced_wasserstein(torch.tensor(o[k]), a)
        o["swd_trained_exact"] = sliced_wasserstein(torch.tensor(o["trained"]),
                                                    torch.tensor(o["exact_ddpm"]))
        out.append(o)
    return out


def eps_gap(lm: LabelledMixture, sched: Schedule, y: int, scales, avoid: bool, ts,
            n: int, stop: Callable[[], bool] | None = None) -> np.ndarray:
    """Mean ‖ε̃_CFG − ε_{noised tilted}‖ over x_t ~ q̃_t (n draws) at each t of `ts`, for each
    scale: (len(scales), len(ts))."""
    ax, lc, lu = tilted_logs(lm, y)
    out = []
    for v in scales:
        if stop is not None and stop():
            raise Stopped
        dens = tilted_from_logs(ax, lc, lu, float(v), avoid)
        x0 = torch.tensor(tilted_samples(ax, dens, n, 5))
        model = ExactCFG(lm, sched, y, float(v), avoid)
        g = torch.Generator().manual_seed(6)
        gaps = []
        for step in ts:
            x_t = q_sample(sched, x0, int(step),
                           torch.randn(x0.shape, generator=g, dtype=torch.float64))
            diff = model(x_t, int(step)) - tilted_eps(ax, dens, sched, x_t, int(step))
            gaps.append(float(diff.norm(dim=1).mean()))
        out.append(gaps)
    return np.array(out)


class GridStore:
    """Whole scale grids computed in the background, shared by every session of the process.

    `request(key, job)` queues `job(stop)` once per key (unless `enabled()` is False); one
    daemon thread, at a lowered CPU
    priority, runs the jobs one at a time, newest request first (the page a student is on now).
    `get(key)` is the result or None while it is pending: the page then computes the one scale
    it shows, as it would without a grid. The last `max_entries` results are kept. At exit the
    running job stops at its next step (torch must not run while the interpreter finalises)."""

    def __init__(self, max_entries: int = 48):
        self.max_entries = max_entries
        self._done: OrderedDict = OrderedDict()
        self._queue: list = []
        self._queued: set = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._thread: threading.Thread | None = None
        self._running = False
        self.failed: dict = {}

    @staticmethod
    def enabled() -> bool:
        """Off where DDPM_BACKGROUND_GRIDS=0 (the test suite): the page then computes the one
        scale it shows, as it always can."""
        return os.environ.get("DDPM_BACKGROUND_GRIDS", "1") != "0"

    def get(self, key):
        with self._lock:
            if key in self._done:
                self._done.move_to_end(key)
                return self._done[key]
            return None

    def request(self, key, job: Callable) -> None:
        if not self.enabled():
            return
        with self._lock:
            if key in self._done or key in self._queued or key in self.failed:
                return
            self._queue.append((key, job))
            self._queued.add(key)
            self._idle.clear()
            if not self._running:
                if self._thread is None:
                    atexit.register(self.shutdown)
                self._running = True
                self._thread = threading.Thread(target=self._work, name="guidance-grids",
                                                daemon=True)
                self._thread.start()

    def _work(self) -> None:
        try:  # Linux: a thread's own nice value; the page's reruns come first
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except (AttributeError, OSError):
            pass
        while not self._stop.is_set():
            with self._lock:
                if not self._queue:
                    self._running = False
                    self._idle.set()
                    return
                key, job = self._queue.pop()
            try:
                value = job(self._stop.is_set)
            except Stopped:
                with self._lock:
                    self._running = False
                return
            except Exception as e:  # noqa: BLE001 — the page falls back to one scale at a time
                with self._lock:
                    self.failed[key] = repr(e)
                    self._queued.discard(key)
                continue
            with self._lock:
                self._done[key] = value
                self._queued.discard(key)
                while len(self._done) > self.max_entries:
                    self._done.popitem(last=False)

    def wait_idle(self, timeout: float) -> bool:
        """True once every queued job has finished (benchmarks and tests; bounded wait)."""
        return self._idle.wait(timeout)

    def shutdown(self, timeout: float = 60.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)


GRIDS = GridStore()
# (digit, scale) settings of the guidance page's digits section computed in this process (the
# page shows its spinner only for the others; a cache eviction merely recomputes without one)
DIGITS_SHOWN: set = set()


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
    """The tilted density (heatmap, √ scale so faint mass shows) under each set of samples.
    The heatmap is sent as 8-bit levels 0..255 of √(dens / max) (a colour scale shows no
    more): 26 KB per panel instead of 207 KB of float64, most of a scale-slider rerun's
    JSON before."""
    fig = plot.Figure(rows=1, cols=len(panels), subplot_titles=titles, horizontal_spacing=0.05)
    z = np.rint(255 * np.sqrt(dens / dens.max())).astype(np.uint8)
    for i, x in enumerate(panels, start=1):
        fig.add_trace(plot.heatmap(x=ax, y=ax, z=z, zmin=0, zmax=255, colorscale="Blues",
                                   showscale=False, hoverinfo="skip", name=dens_name),
                      row=1, col=i)
        fig.add_trace(_pts(x, SAMPLES, samples_name, size=2.5, show=i == 1, opacity=0.6),
                      row=1, col=i)
    _square(fig, len(panels))
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      legend={"orientation": "h", "y": -0.12}, template="plotly_white")
    return fig
