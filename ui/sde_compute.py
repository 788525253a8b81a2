"""The SDE page's computations (views/sde.py), shared by every session through st.cache_data
and warmed for the default settings when the server starts (ui/warmup.py): the same functions,
so the first student finds the heavy ones (the solver sweep, the paths, the likelihood) done.

Everything runs the exact ε* of the 8-Gaussian mixture (`MixtureEps`) at continuous t under Song
et al.'s VP SDE (β_min = 0.1, β_max = 20), except `chain_vs_sde` (the sidebar's schedule).
"""

from __future__ import annotations

import math

import numpy as np
import streamlit as st
import torch

import ddpm_core
from ddpm_core import GaussianMixture2D, Schedule
from ddpm_core.sde import (
    VPSDE,
    MixtureEps,
    ode_log_likelihood,
    sample_ode,
    sample_sde,
    score_from_eps,
    time_grid,
)
from ui.engine_cache import schedule_from_key

MIXTURE = "8gaussians"
SDE = VPSDE()  # Song et al.'s β_min = 0.1, β_max = 20
T_MIN = 1e-3  # the samplers stop here (as score_sde's eps = 1e-3)
LL_T_MIN = 1e-5  # the likelihood integrates from here (score_sde's likelihood eps)
N_CLOUD = 1000  # points per sampler
N_PATHS = 12  # paths drawn
N_LL = 200  # points whose likelihood is computed
N_REF = 20_000  # draws of q_t for E[log q_t] by Monte Carlo
N_ERR = 200  # points of the solver-error sweep
STEP_OPTIONS = (50, 100, 200)
LL_STEP_OPTIONS = (25, 50, 100, 200)
SOLVER_NAMES = ("Heun", "Euler")  # 2nd and 1st order
ERR_STEPS = (4, 8, 16, 32, 64, 128)
REF_STEPS = 512  # Heun steps of the reference flow map
TIMES = (1.0, 0.7, 0.5, 0.4, 0.3, 0.2, 0.15, 0.1, 0.07, 0.05, 0.03, 0.02, 0.01, 0.001)
SCORE_TIMES = (0.001, 0.01, 0.1, 0.5, 1.0)
FD_H = 1e-5  # central-difference step of the score check
SCORE_RTOL = 1e-5  # |engine − finite difference| ≤ RTOL·|score| + ATOL
SCORE_ATOL = 1e-6
MARG_SE = 5.0  # the ODE's marginal check: |sampled − exact| ≤ 5 SE
LL_SAFETY = 2.0  # the likelihood check: error ≤ 2 × the solver's own error estimate + floor
SEED = 0


def diffused(t_cont: float) -> GaussianMixture2D:
    """q_t = Σ_k π_k N(√ᾱ(t) μ_k, ᾱ(t) Σ_k + (1−ᾱ(t)) I) (FORMULAS.md §h1 at continuous t)."""
    mix = ddpm_core.mixture(MIXTURE)
    ab = float(SDE.alpha_bar(t_cont))
    eye = torch.eye(2, dtype=torch.float64)
    return GaussianMixture2D(ab**0.5 * mix.means, ab * mix.covs + (1 - ab) * eye, mix.weights)


def _oracle() -> MixtureEps:
    return MixtureEps(ddpm_core.mixture(MIXTURE), SDE)


@st.cache_data(show_spinner=False, max_entries=32)
def chain_vs_sde(cfg: str) -> dict:
    """The sidebar's ᾱ_t against continuous time: exp(−Σ_{s≤t} β_s) (the SDE with the
    piecewise-constant β(τ) = T·β_⌈τT⌉) for every schedule, and for a linear one the VP SDE it
    discretises, β_min = T·β_1, β_max = T·β_T (VPSDE.discrete)."""
    s = schedule_from_key(cfg)
    betas = s.betas[1:].numpy()
    ab = s.alpha_bars.numpy()
    T = s.T
    out = {"T": T, "kind": s.config().get("kind", "custom"), "ab": ab,
           "ab_sum": np.concatenate([[1.0], np.exp(-np.cumsum(betas))]),
           "sum_beta": float(betas.sum()), "half_sq": float(0.5 * (betas**2).sum()),
           "dlog": float(np.sum(np.log1p(-betas) + betas)), "vp": None, "vp_reason": None}
    if out["kind"] != "linear":
        out["vp_reason"] = "kind"
    elif T < 2:
        out["vp_reason"] = "T1"
    elif betas[-1] < betas[0]:
        out["vp_reason"] = "decreasing"
    else:
        vp = VPSDE(float(T * betas[0]), float(T * betas[-1]))
        tau = np.arange(T + 1) / T
        out["vp"] = {"beta_min": vp.beta_min, "beta_max": vp.beta_max,
                     "ab": vp.alpha_bar(torch.tensor(tau)).numpy(),
                     "integral": vp.beta_min + 0.5 * (vp.beta_max - vp.beta_min),
                     "match": float((vp.discrete(T).betas - s.betas).abs().max()),
                     "standard": abs(vp.beta_min - SDE.beta_min) < 1e-9
                     and abs(vp.beta_max - SDE.beta_max) < 1e-9}
    return out


@st.cache_data(show_spinner=False)
def score_check() -> list[dict]:
    """At each SCORE_TIMES: −ε*/√(1−ᾱ(t)) (the engine's oracle and score_from_eps) against
    central differences of log q_t (GaussianMixture2D.log_prob of the diffused mixture)."""
    o = _oracle()
    x = torch.randn(50, 2, generator=torch.Generator().manual_seed(SEED), dtype=torch.float64)
    x = x * 1.2  # around the data's circle and beyond
    rows = []
    for tc in SCORE_TIMES:
        q = diffused(tc)
        fd = torch.stack([(q.log_prob(x + FD_H * e) - q.log_prob(x - FD_H * e)) / (2 * FD_H)
                          for e in torch.eye(2, dtype=torch.float64)], 1)
        got = score_from_eps(o(x, tc), SDE.alpha_bar(tc))
        diff = (got - fd).abs()
        tol = SCORE_RTOL * fd.abs() + SCORE_ATOL
        rows.append({"t": tc, "ab": float(SDE.alpha_bar(tc)), "diff": float(diff.max()),
                     "ok": bool((diff <= tol).all()), "size": float(fd.norm(dim=1).mean())})
    return rows


def _snapshots(run, steps: int, x_T: torch.Tensor, **kw) -> tuple[np.ndarray, list]:
    snaps = [(1.0, x_T.clone())]
    run(_oracle(), SDE, x_T.shape[0], steps, x_T=x_T, t_min=T_MIN,
        callback=lambda d: snaps.append((float(d["t_next"]), d["x"].clone())), **kw)
    return np.array([s[0] for s in snaps]), [s[1] for s in snaps]


@st.cache_data(show_spinner=False, max_entries=32)  # one per snapshot time of `paths`
def ref_log_q(t_cont: float) -> tuple[float, float]:
    """E_{q_t}[log q_t] by N_REF exact draws, and its standard error."""
    q = diffused(t_cont)
    lp = q.log_prob(q.sample(N_REF, torch.Generator().manual_seed(SEED + 7), dtype=torch.float64))
    return float(lp.mean()), float(lp.std() / math.sqrt(N_REF))


@st.cache_data(show_spinner=False, max_entries=8)
def paths(steps: int, seed: int) -> dict:
    """Reverse SDE (Euler–Maruyama, uniform grid) and PF-ODE (Heun, σ-spaced grid) from the
    same x_T ~ N(0, I): the first N_PATHS paths, the clouds at the snapshot nearest each of
    TIMES, and per snapshot E‖x‖² and E[log q_t(x)] (± SE) against the exact q_t."""
    g = torch.Generator().manual_seed(seed)
    x_T = torch.randn(N_CLOUD, 2, generator=g, dtype=torch.float64)
    out = {"x_T": x_T[:N_PATHS].numpy()}
    for name, run, kw in (("sde", sample_sde, {"generator": g}),
                          ("ode", sample_ode, {"solver": "heun"})):
        ts, xs = _snapshots(run, steps, x_T, **kw)
        out[name] = {"t": ts, "paths": np.stack([x[:N_PATHS].numpy() for x in xs], 1),
                     "at": {}}
        for want in TIMES:
            i = int(np.argmin(np.abs(ts - want)))
            x, tc = xs[i], float(ts[i])
            q = diffused(tc)
            lp, r2 = q.log_prob(x), (x**2).sum(1)
            exact_r2 = float((q.weights * ((q.means**2).sum(1)
                                           + q.covs.diagonal(dim1=1, dim2=2).sum(1))).sum())
            ref, ref_se = ref_log_q(tc)
            out[name]["at"][want] = {
                "t": tc, "x": x.numpy().astype(np.float32),
                "lq": float(lp.mean()), "lq_se": float(lp.std() / math.sqrt(len(lp))),
                "lq_ref": ref, "lq_ref_se": ref_se,
                "r2": float(r2.mean()), "r2_se": float(r2.std() / math.sqrt(len(r2))),
                "r2_exact": exact_r2}
    # stochastic vs deterministic: the first paths again, other noise / the same ODE
    again = sample_sde(_oracle(), SDE, N_PATHS, steps, torch.Generator().manual_seed(seed + 1),
                       x_T=x_T[:N_PATHS], t_min=T_MIN)
    ode_again = sample_ode(_oracle(), SDE, N_PATHS, steps, "heun", x_T=x_T[:N_PATHS],
                           t_min=T_MIN)
    out["sde_spread"] = float((again.numpy() - out["sde"]["paths"][:, -1]).__pow__(2)
                              .sum(1).__pow__(0.5).mean())
    out["ode_spread"] = float(np.abs(ode_again.numpy() - out["ode"]["paths"][:, -1]).max())
    return out


@st.cache_data(show_spinner=False, max_entries=16)
def density_grid(t_cont: float, lim: float, n: int) -> np.ndarray:
    """q_t on an n × n grid over [−lim, lim]² (rows: y)."""
    ax = torch.linspace(-lim, lim, n, dtype=torch.float64)
    gy, gx = torch.meshgrid(ax, ax, indexing="ij")
    pts = torch.stack([gx.reshape(-1), gy.reshape(-1)], 1)
    return diffused(t_cont).log_prob(pts).exp().reshape(n, n).numpy()


@st.cache_data(show_spinner=False, max_entries=8)
def likelihood(steps: int, solver: str) -> dict:
    """log p by the PF-ODE (instantaneous change of variables, exact divergence, prior = the
    exact q_1) with `steps` and 2·`steps`, against the mixture's log q_0 = log_prob."""
    mix = ddpm_core.mixture(MIXTURE)
    x0 = mix.sample(N_LL, torch.Generator().manual_seed(SEED + 3), dtype=torch.float64)
    prior = diffused(1.0).log_prob
    o = _oracle()
    got = ode_log_likelihood(o, SDE, x0, steps, solver, t_min=LL_T_MIN, prior=prior)
    fine = ode_log_likelihood(o, SDE, x0, 2 * steps, solver, t_min=LL_T_MIN, prior=prior)
    exact = mix.log_prob(x0)
    order = 1 if solver == "euler" else 2
    est = (got - fine).abs() * 2**order / (2**order - 1)  # Richardson: the error of `got`
    t_min_gap = (diffused(LL_T_MIN).log_prob(x0) - exact).abs()
    err = (got - exact).abs()
    tol = LL_SAFETY * float(est.max()) + float(t_min_gap.max())
    calls = steps if solver == "euler" else 2 * steps - 1
    return {"got": got.numpy(), "exact": exact.numpy(), "err_max": float(err.max()),
            "err_mean": float(err.mean()), "est_max": float(est.max()),
            "t_min_gap": float(t_min_gap.max()), "tol": tol, "ok": float(err.max()) <= tol,
            "calls": calls, "mean_got": float(got.mean()), "mean_exact": float(exact.mean())}


def grid_schedule(ts: list[float]) -> Schedule:
    """A DDPM table whose ᾱ_k is ᾱ(τ_k) on the ascending grid τ_1 = t_min < … < τ_{S+1} = 1:
    DDIM's step k → k−1 then runs between two grid times."""
    ab = SDE.alpha_bar(torch.tensor(sorted(ts), dtype=torch.float64))
    prev = torch.cat([torch.ones(1, dtype=torch.float64), ab[:-1]])
    return Schedule.from_betas(1 - ab / prev)


def ddim_on_grid(eps_model, x_T: torch.Tensor, steps: int) -> torch.Tensor:
    """DDIM η = 0 (the engine's ddim_step) on sample_ode's σ-spaced grid, ε at continuous t."""
    ts = time_grid(SDE, steps, T_MIN)  # descending, 1 → t_min
    s = grid_schedule(ts)
    x = x_T.clone()
    for k, tc in zip(range(steps + 1, 1, -1), ts[:-1]):
        x = ddpm_core.ddim_step(s, eps_model(x, tc), x, k, k - 1, 0.0, None)
    return x


def euler_in_xbar(eps_model, x_T: torch.Tensor, steps: int) -> torch.Tensor:
    """Euler on dx̄/dσ = ε with x̄ = x/√ᾱ, σ = √((1−ᾱ)/ᾱ), written out here (not the engine)."""
    ts = time_grid(SDE, steps, T_MIN)
    ab = [float(SDE.alpha_bar(tc)) for tc in ts]
    sig = [math.sqrt((1 - a) / a) for a in ab]
    xbar = x_T / math.sqrt(ab[0])
    for i in range(steps):
        eps = eps_model(xbar * math.sqrt(ab[i]), ts[i])
        xbar = xbar + (sig[i + 1] - sig[i]) * eps
    return xbar * math.sqrt(ab[-1])


@st.cache_data(show_spinner=False)
def solver_error() -> dict:
    """RMS distance to the reference flow map (Heun, REF_STEPS) of Euler and Heun in (x, t)
    and DDIM η = 0, per number of ε-calls; DDIM against Euler in x̄ written out."""
    o = _oracle()
    x_T = torch.randn(N_ERR, 2, generator=torch.Generator().manual_seed(SEED + 5),
                      dtype=torch.float64)
    ref = sample_ode(o, SDE, N_ERR, REF_STEPS, "heun", x_T=x_T, t_min=T_MIN)
    half = sample_ode(o, SDE, N_ERR, REF_STEPS // 2, "heun", x_T=x_T, t_min=T_MIN)

    def rms(x):
        return float(((x - ref) ** 2).sum(1).mean().sqrt())

    out = {"steps": list(ERR_STEPS), "euler": [], "heun": [], "ddim": [], "identity": 0.0,
           "ref_err": rms(half) / 3}  # Heun: err(S/2) ≈ 4 err(S), so err(S) ≈ |Δ|/3
    for n in ERR_STEPS:
        out["euler"].append(rms(sample_ode(o, SDE, N_ERR, n, "euler", x_T=x_T, t_min=T_MIN)))
        out["heun"].append(rms(sample_ode(o, SDE, N_ERR, n, "heun", x_T=x_T, t_min=T_MIN)))
        d = ddim_on_grid(o, x_T, n)
        out["ddim"].append(rms(d))
        out["identity"] = max(out["identity"], float((d - euler_in_xbar(o, x_T, n)).abs().max()))
    return out


def warm() -> None:
    """Fill the shared caches for the page's default settings (ui/warmup.py, at server start)."""
    solver_error()
    P = paths(STEP_OPTIONS[1], SEED)
    for tc in (0.1,):
        for a in (P["sde"]["at"][tc], P["ode"]["at"][tc]):
            density_grid(a["t"], 3.0, 61)
    likelihood(100, "heun")
    score_check()

