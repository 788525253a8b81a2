"""The guidance page's computations (views/guidance.py), in a module so that their
st.cache_data wrappers are built once per process: decorated inside the page script, each
was rebuilt on every rerun, hashing its function's source (~5 % of a scale-slider rerun).
Results are cached per setting and shared by every session (read-only); the 2-D sections'
results for every value of the scale slider are computed in one batch in the background
(`fig_guidance.GRIDS`) the first time a class is shown, and once there moving the slider only
indexes them (until then the one scale shown is computed directly, the same numbers to float
rounding).
"""

from __future__ import annotations

import numpy as np
import streamlit as st
import torch

import ddpm_core
from ddpm_core.glyphs import nearest_template
from ddpm_core.guidance import cfg_eps, classifier_guided_eps, labelled_mixture
from ddpm_core.pretrain import sample_cond_digits
from ui import fig_guidance as fg
from ui.engine_cache import schedule_from_key
from ui.models import load_conditional

N_2D = 500  # samples per 2-D panel
GAP_K, GAP_N = 8, 300  # the ε-gap chart: values of t, draws per t
N_DIGITS = 64
SEED = 0
PROBE = (0.8, 0.9)  # the point where the live check prints ε̂
S_MAX = 8.0
S_STEP = 0.25  # the scale slider's step: its values are S_GRID
S_GRID = tuple(i * S_STEP for i in range(round(S_MAX / S_STEP) + 1))
LM = labelled_mixture("4gaussians")


# ------------------------------------------------------------------ cached computations
@st.cache_data(show_spinner=False, max_entries=64)
def _cg_samples(cfg: str, c: int, s: float) -> np.ndarray:
    """N_2D samples of classifier guidance with the exact classifier (sidebar schedule)."""
    sc = schedule_from_key(cfg)
    return fg.run_sampler(fg.ExactClassifierGuided(LM, sc, c, s), sc, N_2D, "ddpm", SEED)


@st.cache_data(show_spinner=False, max_entries=8)
def _data() -> tuple[np.ndarray, np.ndarray]:
    x, y = LM.sample(1500, torch.Generator().manual_seed(7))
    return x.double().numpy(), y.numpy()


def _check_ts(T: int) -> list[int]:
    return sorted({1, max(1, T // 10), max(1, T // 2), T})


@st.cache_data(show_spinner=False, max_entries=32)
def _check_terms(cfg: str, c: int) -> dict:
    """What the live check needs that does not depend on s: at a few t, 500 points x_t ~ q(x_t)
    and there the whole mixture's ε*, the exact ∇log p_t(c|x_t) and the class's own ε* (its
    sub-mixture's oracle); the same two at the probe point."""
    sc = schedule_from_key(cfg)
    g = torch.Generator().manual_seed(3)
    x0, _ = LM.sample(500, g, torch.float64)
    rows = []
    for step in _check_ts(sc.T):
        x_t = ddpm_core.q_sample(sc, x0, step, torch.randn(x0.shape, generator=g,
                                                           dtype=torch.float64))
        rows.append({"t": step, "eps": LM.eps_star(sc, x_t, step),
                     "grad": LM.grad_log_p_y(sc, x_t, step, c),
                     "own": LM.eps_star(sc, x_t, step, c)})
    probe_t = max(1, sc.T // 10)
    xp = torch.tensor([PROBE], dtype=torch.float64)
    return {"rows": rows, "probe_t": probe_t, "probe_eps": LM.eps_star(sc, xp, probe_t),
            "probe_grad": LM.grad_log_p_y(sc, xp, probe_t, c)}


def _live_check(cfg: str, c: int, s: float) -> dict:
    """At a few t, on 500 points x_t ~ q(x_t): (a) classifier guidance with s = 1 against the
    class's own ε* (its sub-mixture's oracle), (b) classifier guidance at s against CFG with the
    exact ε*_c, ε*_u (the implicit classifier); and ε̂ at the probe point for s. Both formulas
    run at this s on every rerun; only the oracle's values (`_check_terms`) are cached."""
    sc = schedule_from_key(cfg)
    terms = _check_terms(cfg, c)
    rows = []
    for r in terms["rows"]:
        step, eps, grad, own = r["t"], r["eps"], r["grad"], r["own"]
        guided1 = classifier_guided_eps(eps, grad, sc, step, 1.0)
        guided_s = classifier_guided_eps(eps, grad, sc, step, s)
        cfg_s = cfg_eps(own, eps, s)
        rows.append({"t": step, "s1": float((guided1 - own).abs().max()),
                     "cfg": float((guided_s - cfg_s).abs().max())})
    probe_t = terms["probe_t"]
    eps_p = classifier_guided_eps(terms["probe_eps"], terms["probe_grad"], sc, probe_t, s)
    return {"rows": rows, "probe_t": probe_t, "probe_eps": eps_p[0].tolist()}


def _stats(x: np.ndarray, c: int, cfg: str) -> dict:
    """Share of samples the exact classifier (t = 0) gives to class c; their mean radius (the
    modes sit at 1.6); their angular spread (degrees, rms) about the class's centre direction.
    (At t = 0 the classifier is the data's, whatever the schedule.)"""
    xt = torch.tensor(x)
    p = LM.log_p_y(schedule_from_key(cfg), xt, 0, c).exp()
    centre = LM.conditional(c).means.mean(0)
    ang = torch.atan2(xt[:, 1], xt[:, 0]) - torch.atan2(centre[1], centre[0])
    ang = torch.remainder(ang + torch.pi, 2 * torch.pi) - torch.pi
    return {"share": float((p > 0.5).double().mean()), "radius": float(xt.norm(dim=1).mean()),
            "spread": float(ang.pow(2).mean().sqrt() * 180 / torch.pi)}


@st.cache_data(show_spinner=False, max_entries=64)
def _cfg_panels(c: int, s: float, avoid: bool) -> dict:
    """CFG on the conditional model's schedule: exact ε* (DDPM and DDIM), the trained model
    (DDPM), and draws from the gridded tilted density; SWD of each to the tilted draws."""
    ck = load_conditional("4gaussians")
    return fg.cfg_panels(LM, ck.model, ck.schedule, c, [s], avoid, N_2D, SEED, grid=False)[0]


def _gap_ts() -> np.ndarray:
    """Up to GAP_K values of t, geometric, from the first t whose noise √(1−ᾱ_t) spans two
    grid cells (the grid density resolves the noise there) to T."""
    sc = load_conditional("4gaussians").schedule
    h = 2 * fg.LIM / (fg.GRID - 1)
    t_lo = int(np.argmax((1 - sc.alpha_bars).sqrt().numpy() >= 2 * h))
    return np.unique(np.round(np.geomspace(t_lo, sc.T, GAP_K)).astype(int))


@st.cache_data(show_spinner=False, max_entries=64)
def _eps_gap(c: int, s: float, avoid: bool) -> np.ndarray:
    """Mean ‖ε̃_CFG − ε_{noised tilted}‖ over x_t ~ q̃_t (GAP_N draws) at each t of `_gap_ts`."""
    sc = load_conditional("4gaussians").schedule
    return fg.eps_gap(LM, sc, c, [s], avoid, _gap_ts(), GAP_N)[0]


# ------------------------------------------------------------------ the scale grid
def _frozen(a):
    if isinstance(a, np.ndarray):
        a.flags.writeable = False  # shared by every session: read-only
    return a


def _grid_jobs(cfg: str, c: int, avoid: bool, ck) -> dict:
    """The background jobs that fill the whole scale grid for this class and setting (the
    schedule and the shared model resolved here, in the script's thread; None: no model)."""
    sc = schedule_from_key(cfg)

    def cg(stop):
        return _frozen(fg.cg_grid(LM, sc, c, S_GRID, N_2D, SEED, stop))

    jobs = {("cg", cfg, c): cg}
    if ck is None:
        return jobs
    ts = _gap_ts()

    def cfg_p(stop):
        out = fg.cfg_panels(LM, ck.model, ck.schedule, c, S_GRID, avoid, N_2D, SEED, stop=stop)
        return [{k: _frozen(v) for k, v in o.items()} for o in out]

    def gap(stop):
        return _frozen(fg.eps_gap(LM, ck.schedule, c, S_GRID, avoid, ts, GAP_N, stop))

    return {**jobs, ("cfg", c, avoid): cfg_p, ("gap", c, avoid): gap}


def _request_grids(cfg: str, c: int, avoid: bool, ck) -> None:
    if not fg.GRIDS.enabled():
        return
    jobs = _grid_jobs(cfg, c, avoid, ck)
    for key in reversed(list(jobs)):  # the queue runs newest first: the CG panel first
        fg.GRIDS.request(key, jobs[key])


def _from_grid(key, s: float):
    """The grid's entry for s once the background job has filled it, else None."""
    grid = fg.GRIDS.get(key)
    return None if grid is None or s not in S_GRID else grid[S_GRID.index(s)]


def _cg_panel(cfg: str, c: int, s: float) -> np.ndarray:
    got = _from_grid(("cg", cfg, c), s)
    return got if got is not None else _cg_samples(cfg, c, s)


@st.cache_data(show_spinner=False, max_entries=256)
def _cg_stats(cfg: str, c: int, s: float) -> dict:
    """`_stats` of the classifier-guidance panel at scale s, per setting: a scale-slider rerun
    computes only the new s's (the panels at s = 0 and 1 stay). From the panel there is when
    first asked (the grid's or the direct run's, the same numbers to float rounding)."""
    return _stats(_cg_panel(cfg, c, s), c, cfg)


def _cfg_panel(c: int, s: float, avoid: bool) -> dict:
    got = _from_grid(("cfg", c, avoid), s)
    return got if got is not None else _cfg_panels(c, s, avoid)


def _gap(c: int, s: float, avoid: bool) -> np.ndarray:
    got = _from_grid(("gap", c, avoid), s)
    return got if got is not None else _eps_gap(c, s, avoid)


@st.cache_data(show_spinner=False, max_entries=128)
def _digits(digit: int, s: float) -> dict:
    """N_DIGITS classifier-free guided samples of `digit` (DDIM 50, cond/uncond batched),
    and how many the nearest-template measure recognises as that digit."""
    ck = load_conditional("digits")
    imgs = sample_cond_digits(ck.model, ck.schedule, digit, s, N_DIGITS,
                                                 seed=SEED)
    idx, sim = nearest_template(imgs)
    bar = ck.meta["quality"]["bar"]
    ok = torch.isfinite(sim) & (sim >= bar) & (idx == digit)
    return {"imgs": imgs.numpy(), "rate": float(ok.double().mean()), "bar": bar,
            "hist": torch.bincount(idx[torch.isfinite(sim) & (sim >= bar)],
                                   minlength=10).tolist()}
