"""The optimal-variance page's computations that depend only on the schedule (views/variance.py),
shared by every session through st.cache_data and warmed for the default schedule when the
server starts (ui/warmup.py): the S-sweep with the exact ε*, Γ_t and σ*² curves, the checks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st
import torch

import ddpm_core
from ddpm_core.variance import optimal_variance, variance_bounds
from ui import fig_variance as fv
from ui.engine_cache import schedule_from_key

SEED = 0
MIXTURE = "8gaussians"  # the data set whose ε* is exact (and the pretrained model's data)
GAMMA_N = 2000  # Monte Carlo draws per t for Γ_t of ε* (the curve and the live check)
COV_N = 500  # draws per t for Γ_t through E tr Cov(x_0|x_t) (σ*² curve, analytic sweeps)
SWEEP_N = 500  # x_0 for the ELBO, and samples for SWD/MMD, per S and variance
CHECK_K = 4.0  # live check: |MC − quadrature| ≤ CHECK_K·SE + CHECK_ABS
CHECK_ABS = 1e-6  # quadrature error allowance (trapezoid rule on a Gaussian mixture)
MIX = ddpm_core.mixture(MIXTURE)


@st.cache_data(show_spinner=False, max_entries=32)
def _extremes(cfg: str) -> dict:
    return fv.extremes_numeric(schedule_from_key(cfg))


@st.cache_data(show_spinner=False, max_entries=32)
def _gamma_curve(cfg: str) -> tuple[np.ndarray, np.ndarray]:
    s = schedule_from_key(cfg)
    ts = fv.t_grid(s.T)
    return ts, fv.gamma_exact(MIX, s, ts, GAMMA_N, SEED)


@st.cache_data(show_spinner=False, max_entries=32)
def _quad_check(cfg: str) -> pd.DataFrame:
    """Γ_t of ε* at a few t: the engine's Monte Carlo (gamma_table, its own seed) against the
    quadrature of q_t(x)‖ε*(x)‖²/d, with the standard error √(Var/n) from the quadrature."""
    s = schedule_from_key(cfg)
    ts = fv.check_ts(s.T)
    mc = fv.gamma_exact(MIX, s, ts, GAMMA_N, SEED + 1)
    rows = []
    for t_, m in zip(ts, mc):
        q, var = fv.gamma_quadrature(MIX, s, t_)
        se = (var / GAMMA_N) ** 0.5
        rows.append({"t": t_, "mc": float(m), "quad": q, "diff": abs(float(m) - q), "se": se,
                     "tol": CHECK_K * se + CHECK_ABS})
    return pd.DataFrame(rows)


@st.cache_data(show_spinner=False, max_entries=32)
def _sigma_curve(cfg: str) -> dict:
    """σ*²_t of ε* (Γ through E tr Cov(x_0|x_t)) and the bounds, on the t grid, t ≥ 2."""
    s = schedule_from_key(cfg)
    ts = fv.t_grid(s.T, 60)
    ts = ts[ts >= 2]
    g = torch.zeros(s.T + 1, dtype=torch.float64)
    if ts.size:
        g[ts] = torch.tensor(np.clip(fv.gamma_from_cov(MIX, s, ts, COV_N, SEED), 0, 1))
    out = {"t": ts, "gamma": g.numpy()}
    out["sigma2"] = np.array([optimal_variance(s, g, int(k)) for k in ts])
    out["lo"] = np.array([variance_bounds(s, int(k))[0] for k in ts])
    out["hi"] = np.array([variance_bounds(s, int(k))[1] for k in ts])
    out["beta"] = s.betas.numpy()[ts]
    return out


@st.cache_data(show_spinner=False, max_entries=16)
def _sweep_exact(cfg: str) -> dict:
    s = schedule_from_key(cfg)
    S_list = fv.steps_list(s.T)
    need = fv.visited(s.T, S_list)
    g = torch.zeros(s.T + 1, dtype=torch.float64)
    g[need] = torch.tensor(np.clip(fv.gamma_from_cov(MIX, s, need, COV_N, SEED), 0, 1))
    return fv.sweep(ddpm_core.OracleEps(MIX, s), MIX, s, ("beta", "beta_tilde", "analytic",
                                                          "per_x"), SWEEP_N, SEED, S_list,
                    gamma=g)


def warm(cfg: str) -> None:
    """Fill the shared caches for the schedule `cfg` (ui/warmup.py: the sidebar's default)."""
    for f in (_extremes, _gamma_curve, _quad_check, _sigma_curve, _sweep_exact):
        f(cfg)
