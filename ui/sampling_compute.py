"""The sampling page's (views/sampling.py) settings, its trajectory and the computations the
step-through reads per t, in a module so that their caches are built once per process (inside
the page script, they were built again on every full rerun): the live check's table at a step
and the frames the browser receives, each shared by every session, and sections 2 and 3's
tables."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from ddpm_core import Schedule
from ui import fig_sampling as figs
from ui import plot, tables
from ui.i18n import lang, t
from ui.shared_cache import shared

_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


@dataclass(frozen=True)
class Settings:
    """What a trajectory depends on (besides the model)."""

    sampler: str
    sigma: str
    steps: int | None  # DDIM's S (None: all T steps)
    eta: float
    seed: int
    n: int


@dataclass(frozen=True)
class Trajectory:
    ts: tuple  # the stored t, descending, ending at 0
    xs: np.ndarray  # (K, m, ...) x_t at each stored t, the first m ≤ N_VIEW samples
    x0s: np.ndarray  # (K, m, ...) x̂_0(x_t, t) at each stored t; the last is x_0 itself
    checks: dict  # t -> sample #0's t_prev, x_t, eps, z, x_prev, x0_pred (flat float64)
    seconds: float
    final: np.ndarray | None = None  # all n samples x_0, as `_final` gives them
    settings: Settings | None = None  # what the chain ran
    engine_seconds: float = 0.0  # the engine's own time in the chain (no storing of frames)
    shared: int = 1  # chains computed together in one batched run (`SigmaRun`): seconds are
    # that run's


def sigma_t(sched: Schedule, sigma: str, step: int) -> float:
    """σ_t of Algorithm 2 from the schedule's tables (z = 0 at t = 1)."""
    if step <= 1 or sigma == "zero":
        return 0.0
    table = sched.betas if sigma == "beta" else sched.beta_tildes
    return float(table[step]) ** 0.5


def live_check(sched: Schedule, s: Settings, step: int,
               c: dict) -> tuple[list[str], np.ndarray]:
    """Sample #0: x_{t-1} and x̂_0 from the paper's formulas (ui.fig_sampling) vs the engine:
    the columns, and their values (row 0 the formulas', row 1 the engine's)."""
    ab_t = float(sched.alpha_bars[step])
    if s.sampler == "ddpm":
        prev = figs.ddpm_step_formula(c["x_t"], c["eps_pred"], c["z"], float(sched.alphas[step]),
                                      ab_t, sigma_t(sched, s.sigma, step))
    else:
        ab_s = float(sched.alpha_bars[c["t_prev"]])
        sig = figs.ddim_sigma_formula(ab_t, ab_s, s.eta)
        prev = figs.ddim_step_formula(c["x_t"], c["eps_pred"], c["z"], ab_t, ab_s, sig)
    x0 = figs.x0_formula(c["x_t"], c["eps_pred"], ab_t)
    j = int(np.argmax(np.abs(c["x_t"]))) if len(c["x_t"]) > 2 else 0  # a pixel that moves
    idx = [0, 1] if len(c["x_t"]) == 2 else [j]
    cols, formula, engine = [], [], []
    name_prev = "x" + str(c["t_prev"]).translate(_SUBSCRIPT)  # x₉₉₉: no raw x_{...} in a header
    for i in idx:
        suffix = f"[{i}]"
        cols += [f"{name_prev}{suffix}", f"x̂₀{suffix}"]
        formula += [prev[i], x0[i]]
        engine += [c["x_prev"][i], c["x0_pred"][i]]
    cols.append(f"‖{name_prev}‖")
    formula.append(float(np.linalg.norm(prev)))
    engine.append(float(np.linalg.norm(c["x_prev"])))
    return cols, np.array([formula, engine], dtype=np.float64)


@shared(256)
def check_table(mkey: str, s: Settings, step: int, language: str, _sched: Schedule,
                _c: dict) -> tuple[pa.Table, tuple, float, float]:
    """The live check at one step of a trajectory (named by the model's key and its
    settings) as an Arrow table, shared read-only by every session (Streamlit sends it without
    converting a DataFrame on every report of a t), its columns, the largest |formula −
    engine|, and the float32 rounding unit it is judged by. (`ui.shared_cache`, not
    st.cache_resource: read at every t a student reports.)"""
    return _check_table(_sched, s, step, _c)


def _check_table(sched: Schedule, s: Settings, step: int,
                 c: dict) -> tuple[pa.Table, tuple, float, float]:
    cols, check = live_check(sched, s, step, c)
    diff = float(np.abs(check[0] - check[1]).max())
    # float32 rounding of x_t and ε_θ as x̂_0 = (x_t − √(1−ᾱ_t) ε_θ)/√ᾱ_t carries them: x_t's
    # by 1/√ᾱ_t, ε_θ's by √((1−ᾱ_t)/ᾱ_t), the one factor of an ε error in x̂_0
    ab = float(sched.alpha_bars[step])
    unit = float(np.finfo(np.float32).eps) * (np.abs(c["x_t"]).max() / ab ** 0.5
                                              + np.abs(c["eps_pred"]).max()
                                              * ((1.0 - ab) / ab) ** 0.5)
    table = tables.indexed(cols, (t("check.formula"), t("check.engine")), check)
    return table, tuple(cols), diff, unit


@shared(16)
def step_frames(model_key: str, _traj: Trajectory, s: Settings, idx: tuple, is_image: bool,
                data_trace: bool) -> bytes:
    """The frames of x_t and x̂_0 at the stored steps `idx`, encoded once for the browser
    (`ui.plot.frames_body`), shared by every session (bytes: read-only)."""
    return _step_frames(_traj, idx, is_image, data_trace)


def _step_frames(traj: Trajectory, idx: tuple, is_image: bool, data_trace: bool) -> bytes:
    if is_image:
        return plot.frames_body([
            {"trace": 0, "prop": "z",
             **plot.frames_img(np.stack([figs.image_grid(traj.xs[i]) for i in idx]))},
            {"trace": 1, "prop": "z",
             **plot.frames_img(np.stack([figs.image_grid(traj.x0s[i]) for i in idx]))}])
    pred = 4 if data_trace else 3
    xs, x0s = traj.xs[list(idx)], traj.x0s[list(idx)]
    return plot.frames_body([{"trace": 0, "prop": "x", **plot.frames_xy(xs[..., 0])},
                             {"trace": 0, "prop": "y", **plot.frames_xy(xs[..., 1])},
                             {"trace": pred, "prop": "x", **plot.frames_xy(x0s[..., 0])},
                             {"trace": pred, "prop": "y", **plot.frames_xy(x0s[..., 1])}])


_TABLES = plot.SharedLRU(64)  # (ident, language) -> (Arrow table, its value columns)


def shared_table(ident: tuple, build) -> tuple[pa.Table, list]:
    """The table `build()` (a DataFrame) makes, as an Arrow table, with its columns: built and
    converted once per `ident` (everything the table shows except the language) and language
    for every session (a section's table that stays the same while students move other
    controls is not converted from pandas again on each rerun)."""
    name = (ident, lang())
    got = _TABLES.get(name)
    if got is None:
        frame = build()
        got = (pa.Table.from_pandas(frame), list(frame.columns))
        _TABLES.put(name, got)
    return got
