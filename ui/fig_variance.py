"""The optimal-reverse-variance page (views/variance.py): its computations and figures.

No Streamlit here (the page caches these with st.cache_data). Time is the paper's t = 1..T;
a step of a respaced chain goes t -> s < t (s = t - 1 for all T steps), with the DDPM-family
(η = 1) posterior q(x_s|x_t, x_0) = N(μ̃, λ² I), λ² = β̃_{t|s} (Song et al. 2021, Eq. (16)).
The reverse step p(x_s|x_t) keeps the ε-model's mean and takes one of four variances:

  "beta"        β_{t|s} = 1 − ᾱ_t/ᾱ_s               (Ho et al. 2020's σ² = β_t when s = t − 1)
  "beta_tilde"  λ² = β̃_{t|s}                        (Ho's σ² = β̃_t)
  "analytic"    σ*² of Bao et al. 2022 from a Γ table (ddpm_core.variance.optimal_variance)
  "per_x"       λ² I + γ² Cov(x_0|x_t), exact for mixture data (ddpm_core.variance.per_x_variance)
  "imperfect"   λ² + (hi − λ²)·E‖ε − ε_θ‖²/d: the best isotropic variance for an imperfect mean

The last step s = 0 is the decoder p(x_0|x_{τ_1}) = N(x̂_0, σ²): β̃_{τ_1|0} = 0 there, so the
"beta_tilde" chain uses β_{τ_1|0} at that one step (Ho et al. 2020 use β_1 for their decoder).
"""

from __future__ import annotations

import functools
import math

import numpy as np
import torch

import ddpm_core
from ddpm_core import Schedule
from ddpm_core.variance import gamma_table, optimal_variance, per_x_variance, variance_bounds

from . import plot
from .fig_objective import log_ticks

TINY = 1e-12  # the least variance a decoder gets (a Monte-Carlo Γ of exactly 1 at s = 0)
VARIANCES = ("beta", "beta_tilde", "analytic", "per_x", "imperfect")
COLORS = {"beta": "#d62728", "beta_tilde": "#1f77b4", "analytic": "#2ca02c",
          "per_x": "#9467bd", "imperfect": "#ff7f0e", "model": "#8c564b", "bound": "#7f7f7f"}
DASH = {"beta": "dash", "beta_tilde": "dot", "analytic": "solid", "per_x": "solid",
        "imperfect": "dashdot"}


# ------------------------------------------------------------------ the two extremes (SymPy)
@functools.cache
def extremes_derivation() -> list[tuple[str, str, bool]]:
    """The DDPM optimum σ*² = β̃_t + (c⁰_t)² v_t, v_t = E tr Cov(x_0|x_t)/d, at its two extremes,
    derived with SymPy in the independent symbols α_t, ᾱ_{t−1}: (label, LaTeX, verified) rows.

    N(0, I) data: Var(x_0|x_t) = 1 − ᾱ_t·1²/(ᾱ_t·1 + 1 − ᾱ_t) = 1 − ᾱ_t (Gaussian conditioning),
    and σ*² − β_t simplifies to 0. One point: v_t = 0 and σ*² = β̃_t. The largest: v_t ≤
    (1 − ᾱ_t)/ᾱ_t (Γ_t ≥ 0) gives β_t/α_t.
    """
    import sympy as sp

    from ddpm_core.symbolic import alpha_bar_prev, alpha_t

    beta = 1 - alpha_t
    ab_t = alpha_t * alpha_bar_prev
    beta_tilde = (1 - alpha_bar_prev) / (1 - ab_t) * beta  # Ho et al. 2020, Eq. (7)
    c0 = sp.sqrt(alpha_bar_prev) * beta / (1 - ab_t)  # Ho et al. 2020, Eq. (7)
    v = sp.Symbol("v", nonnegative=True)
    sigma2 = beta_tilde + c0**2 * v
    var = sp.Symbol("s", positive=True)  # the data's variance, for Gaussian conditioning
    cond = var - ab_t * var**2 / (ab_t * var + 1 - ab_t)  # Var(x_0|x_t), x_0 ~ N(0, s)
    v_normal = sp.cancel(cond.subs(var, 1))

    def zero(expr) -> bool:  # one common fraction, cancelled: 0 iff the identity holds
        return bool(sp.cancel(sp.together(expr)) == 0)

    rows = []
    ok = zero(v_normal - (1 - ab_t))
    rows.append(("normal_cov", r"\mathrm{Var}(x_0\mid x_t) = 1-\frac{\bar\alpha_t}{\bar\alpha_t"
                 r"+1-\bar\alpha_t} = 1-\bar\alpha_t", bool(ok)))
    ok = zero(sigma2.subs(v, v_normal) - beta)
    rows.append(("normal", r"\tilde\beta_t + (c^0_t)^2 (1-\bar\alpha_t) = \beta_t", bool(ok)))
    ok = zero(sigma2.subs(v, 0) - beta_tilde)
    rows.append(("point", r"\tilde\beta_t + (c^0_t)^2\cdot 0 = \tilde\beta_t", bool(ok)))
    ok = zero(sigma2.subs(v, (1 - ab_t) / ab_t) - beta / alpha_t)
    rows.append(("upper", r"\tilde\beta_t + (c^0_t)^2\,\frac{1-\bar\alpha_t}{\bar\alpha_t}"
                 r" = \frac{\beta_t}{\alpha_t}", bool(ok)))
    return rows


def extremes_numeric(sched: Schedule) -> dict:
    """The engine's σ*² (`optimal_variance`, from Γ alone) at the two extremes against the
    schedule's own tables at up to ~200 t in 2..T: Γ_t = 1 − ᾱ_t (ε* of N(0, I) data,
    √(1−ᾱ_t) x_t) must give β_t (the input of the schedule, never recomputed from ᾱ); Γ_t = 1
    must give β̃_t."""
    T = sched.T
    normal = (1 - sched.alpha_bars).clone()
    point = torch.ones(T + 1, dtype=torch.float64)
    ts = t_grid(T, 200) if T > 200 else np.arange(2, T + 1)
    ts = ts[ts >= 2]
    if ts.size == 0:
        return {"t": ts, "normal": 0.0, "point": 0.0}
    rel_n = max(abs(optimal_variance(sched, normal, int(t)) / float(sched.betas[t]) - 1)
                for t in ts)
    rel_p = max(abs(optimal_variance(sched, point, int(t)) / float(sched.beta_tildes[t]) - 1)
                for t in ts)
    return {"t": ts, "normal": float(rel_n), "point": float(rel_p)}


# ------------------------------------------------------------------ Γ_t
def t_grid(T: int, k: int = 36) -> np.ndarray:
    """About k values of t in 1..T: geometric (small t) and even (large t)."""
    return np.unique(np.round(np.concatenate([np.geomspace(1, T, k // 2),
                                              np.linspace(1, T, k // 2)])).astype(int))


def gamma_exact(mix, sched: Schedule, ts, n: int, seed: int) -> np.ndarray:
    """Γ_t of the exact ε* at `ts` by the engine's Monte Carlo (`gamma_table`)."""
    oracle = ddpm_core.OracleEps(mix, sched)
    g = gamma_table(oracle, sched, mix, n, torch.Generator().manual_seed(seed),
                    ts=[int(t) for t in ts])
    return g[torch.as_tensor(np.asarray(ts), dtype=torch.long)].numpy()


def gamma_quadrature(mix, sched: Schedule, t: int, half: float = 7.0,
                     m: int = 241) -> tuple[float, float]:
    """Γ_t = ∫ q_t(x) ‖ε*(x, t)‖²/d dx on an m×m grid over [−half, half]² (trapezoid rule on a
    smooth, fast-decaying integrand), and the variance of ‖ε*‖²/d under q_t (for the standard
    error of a Monte-Carlo mean). The density is the mixture q_t's own `log_prob`, not a draw."""
    ax = torch.linspace(-half, half, m, dtype=torch.float64)
    gx, gy = torch.meshgrid(ax, ax, indexing="ij")
    x = torch.stack([gx.reshape(-1), gy.reshape(-1)], 1)
    h = float(ax[1] - ax[0])
    w1 = torch.full((m,), h, dtype=torch.float64)
    w1[0] = w1[-1] = h / 2
    w = (w1[:, None] * w1[None, :]).reshape(-1)
    dens = ddpm_core.oracle.marginal(mix, sched, t).log_prob(x).exp() * w
    f = (ddpm_core.optimal_eps(mix, sched, x, t) ** 2).mean(1)
    mass = float(dens.sum())
    mean = float((dens * f).sum()) / mass
    second = float((dens * f**2).sum()) / mass
    return mean, max(second - mean**2, 0.0)


@torch.no_grad()
def gamma_from_cov(mix, sched: Schedule, ts, n: int, seed: int) -> np.ndarray:
    """Γ_t = 1 − ᾱ_t/(1−ᾱ_t) · E tr Cov(x_0|x_t)/d (FORMULAS.md §i, the oracle's covariance),
    x_t ~ q(x_t) by Monte Carlo: the same Γ_t as `gamma_table` of ε*, but 1 − Γ_t keeps its
    relative precision where it is tiny (t near T, where 1 − Γ_T ≈ ᾱ_T Var(x_0)/d)."""
    g = torch.Generator().manual_seed(seed)
    out = np.zeros(len(ts))
    for i, t in enumerate(ts):
        x0 = mix.sample(n, g, dtype=torch.float64)
        x_t = ddpm_core.q_sample(sched, x0, int(t),
                                 torch.randn(x0.shape, generator=g, dtype=torch.float64))
        v = float(ddpm_core.oracle.posterior_cov_x0(mix, sched, x_t, int(t))
                  .diagonal(dim1=-2, dim2=-1).mean())
        ab = float(sched.alpha_bars[int(t)])
        out[i] = 1 - ab / (1 - ab) * v
    return out


def check_ts(T: int) -> list[int]:
    """A few t for the quadrature check: 1, ~T/100, ~T/10, ~T/2, T (deduplicated)."""
    return sorted({1, max(1, round(T / 100)), max(1, round(T / 10)), max(1, round(T / 2)), T})


# ------------------------------------------------------------------ a trained model vs ε*
@torch.no_grad()
def model_stats(model, mix, sched: Schedule, ts, n: int, seed: int) -> dict:
    """Per t in `ts`, on the same draws x_0 ~ mix, ε ~ N(0, I), x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε:
    Γ_θ = E‖ε_θ‖²/d, Γ* = E‖ε*‖²/d, the loss E‖ε − ε_θ‖²/d with its standard error, the floor
    E‖ε − ε*‖²/d (= 1 − Γ* in expectation, with relative precision where 1 − Γ* is tiny) and the
    model's error E‖ε* − ε_θ‖²/d."""
    g = torch.Generator().manual_seed(seed)
    device, dtype = ddpm_core._util.model_device_dtype(model)
    out = {k: np.zeros(len(ts)) for k in ("gamma_model", "gamma_star", "loss", "loss_se",
                                            "floor", "gap")}
    for i, t in enumerate(ts):
        x0 = mix.sample(n, g, dtype=torch.float64)
        eps = torch.randn(x0.shape, generator=g, dtype=torch.float64)
        x_t = ddpm_core.q_sample(sched, x0, int(t), eps)
        e_m = model(x_t.to(device, dtype), int(t)).to("cpu", torch.float64)
        e_s = ddpm_core.optimal_eps(mix, sched, x_t, int(t))
        per = ((eps - e_m) ** 2).mean(1)
        out["gamma_model"][i] = float((e_m**2).mean())
        out["gamma_star"][i] = float((e_s**2).mean())
        out["loss"][i] = float(per.mean())
        out["loss_se"][i] = float(per.std() / n**0.5)
        out["floor"][i] = float(((eps - e_s) ** 2).mean())
        out["gap"][i] = float(((e_s - e_m) ** 2).mean())
    out["t"] = np.asarray(ts)
    return out


# ------------------------------------------------------------------ variance of one step
def step_variance(kind: str, sched: Schedule, t: int, s: int, *, gamma=None, loss=None,
                  mix=None, x_t=None):
    """The reverse variance of the step t -> s: a float, or (B, d, d) for "per_x"."""
    lam2, hi = variance_bounds(sched, t, None if s == t - 1 else s, 1.0)
    beta_ts = 1 - float(sched.alpha_bars[t]) / float(sched.alpha_bars[s])  # β_{t|s}
    if kind == "beta" or (kind == "beta_tilde" and s == 0):
        return beta_ts
    if kind == "beta_tilde":
        return lam2
    if kind == "analytic":
        v = optimal_variance(sched, gamma, t, None if s == t - 1 else s, 1.0)
    elif kind == "imperfect":  # argmin over σ² of E KL(q(x_s|x_t,x_0) ‖ N(μ_θ, σ² I))
        v = lam2 + (hi - lam2) * float(loss[t])
    if kind in ("analytic", "imperfect"):
        return max(v, TINY)  # Γ_t = 1 at s = 0 would make the decoder a point
    if kind == "per_x":
        return per_x_variance(mix, sched, x_t, t, None if s == t - 1 else s, 1.0)
    raise ValueError(f"kind must be one of {VARIANCES}, got kind={kind!r}")


def _mean(sched: Schedule, eps, x_t, t: int, s: int) -> torch.Tensor:
    """μ_θ of the DDPM-family step t -> s (DDIM η = 1 without its noise)."""
    return ddpm_core.ddim_step(sched, eps, x_t, t, s, 1.0, None, variance=0.0)


def _eps(model, x, t):
    device, dtype = ddpm_core._util.model_device_dtype(model)
    with torch.no_grad():
        return model(x.to(device, dtype), t).to("cpu", torch.float64)


def respaced_nll(model, sched: Schedule, x0: torch.Tensor, steps: int, kinds,
                 generator: torch.Generator, **kw) -> dict:
    """−ELBO/d in nats for the respaced chain of `steps` steps (Ho et al. 2020, Eq. (5) on the
    chain τ_S = T > … > τ_1 > 0): KL(q(x_T|x_0) ‖ N(0, I)) + Σ KL(q(x_s|x_t,x_0) ‖ p(x_s|x_t))
    − log p(x_0|x_{τ_1}), each with one fresh x_t ~ q(x_t|x_0) (the same draws for every
    variance kind); {kind: (mean over x_0, its standard error)}."""
    ts = ddpm_core.timesteps(sched.T, steps)
    B, d = x0.shape
    prior = ddpm_core.objectives.prior_kl(sched, x0)
    totals = {k: prior.clone() for k in kinds}
    for t, s in zip(ts[:-1], ts[1:]):
        eps = torch.randn(x0.shape, generator=generator, dtype=torch.float64)
        x_t = ddpm_core.q_sample(sched, x0, t, eps)
        mu_p = _mean(sched, _eps(model, x_t, t), x_t, t, s)
        ab_t, ab_s = float(sched.alpha_bars[t]), float(sched.alpha_bars[s])
        lam2 = variance_bounds(sched, t, None if s == t - 1 else s, 1.0)[0]
        # μ̃ = √ᾱ_s x_0 + √(1−ᾱ_s−λ²)(x_t − √ᾱ_t x_0)/√(1−ᾱ_t)   (Song et al. 2021, Eq. (7))
        mu_q = (math.sqrt(ab_s) * x0 + math.sqrt(max(1 - ab_s - lam2, 0.0))
                * (x_t - math.sqrt(ab_t) * x0) / math.sqrt(1 - ab_t))
        diff = mu_q - mu_p
        for k in kinds:
            var = step_variance(k, sched, t, s, x_t=x_t, **kw)
            if s == 0:  # the decoder: −log N(x_0; x̂_0, Σ)
                cov = var if torch.is_tensor(var) else var * torch.eye(d, dtype=torch.float64)
                totals[k] += -torch.distributions.MultivariateNormal(
                    mu_p, cov.expand(B, d, d)).log_prob(x0)
            elif torch.is_tensor(var):  # KL(N(μ_q, λ²I) ‖ N(μ_p, Σ)) per sample
                inv = torch.linalg.inv(var)
                quad = (diff.unsqueeze(1) @ inv @ diff.unsqueeze(-1)).reshape(B)
                tr = lam2 * inv.diagonal(dim1=-2, dim2=-1).sum(-1)
                totals[k] += 0.5 * (tr + quad - d + torch.logdet(var) - d * math.log(lam2))
            else:  # isotropic: d/2 (λ²/σ² − 1 + log σ²/λ²) + ‖μ_q − μ_p‖²/(2σ²)
                totals[k] += 0.5 * (d * (lam2 / var - 1 + math.log(var / lam2))
                                    + (diff**2).sum(1) / var)
    return {k: (float((v / d).mean()), float((v / d).std() / B**0.5)) for k, v in totals.items()}


@torch.no_grad()
def respaced_sample(model, sched: Schedule, n: int, steps: int, kind: str,
                    generator: torch.Generator, **kw) -> torch.Tensor:
    """x_0 by the respaced chain: each step the model's mean plus noise of the chosen variance
    (z = 0 at the last step, as in Algorithm 2), float64."""
    ts = ddpm_core.timesteps(sched.T, steps)
    x = torch.randn(n, 2, generator=generator, dtype=torch.float64)
    for t, s in zip(ts[:-1], ts[1:]):
        z = torch.randn(x.shape, generator=generator, dtype=torch.float64)
        mean = _mean(sched, _eps(model, x, t), x, t, s)
        if s == 0:
            x = mean
            continue
        var = step_variance(kind, sched, t, s, x_t=x, **kw)
        if torch.is_tensor(var):
            x = mean + (torch.linalg.cholesky(var) @ z.unsqueeze(-1)).squeeze(-1)
        else:
            x = mean + math.sqrt(var) * z
    return x


def steps_list(T: int, first: int = 1) -> list[int]:
    """The numbers of steps S of the sweeps: 1 (or `first`), 2, 3, 5, … up to 50, at most T."""
    out = [S for S in (1, 2, 3, 5, 10, 20, 50) if first <= S <= T]
    return out or [T]


def visited(T: int, S_list) -> list[int]:
    """Every t at which some chain of the sweep takes a step (the t the Γ table needs)."""
    return sorted({t for S in S_list for t in ddpm_core.timesteps(T, S)[:-1]})


def sweep(model, mix, sched: Schedule, kinds, n: int, seed: int, S_list, **kw) -> dict:
    """For each S of `steps_list` and each variance kind: −ELBO/d (nats) with its SE, and the
    SWD and MMD of n samples to fresh data, each divided by the same distance between two
    fresh draws of the data (the noise floor)."""
    out = {"S": np.array(S_list)}
    x0 = mix.sample(n, torch.Generator().manual_seed(seed), dtype=torch.float64)
    g = torch.Generator().manual_seed(seed + 1)
    truth_a = mix.sample(n, g, dtype=torch.float64)
    truth_b = mix.sample(n, g, dtype=torch.float64)
    swd_floor = ddpm_core.sliced_wasserstein(truth_b, truth_a)
    mmd_floor = ddpm_core.mmd(truth_b, truth_a)
    elbo = [respaced_nll(model, sched, x0, S, kinds, torch.Generator().manual_seed(seed + S),
                         mix=mix, **kw) for S in S_list]
    for k in kinds:
        nll, se, swd, mmd = [], [], [], []
        for i, S in enumerate(S_list):
            nll.append(elbo[i][k][0])
            se.append(elbo[i][k][1])
            x = respaced_sample(model, sched, n, S, k,
                                torch.Generator().manual_seed(seed + 7 + S), mix=mix, **kw)
            swd.append(ddpm_core.sliced_wasserstein(x, truth_a) / swd_floor)
            mmd.append(ddpm_core.mmd(x, truth_a) / mmd_floor)
        out[k] = {"nll": np.array(nll), "se": np.array(se), "swd": np.array(swd),
                  "mmd": np.array(mmd)}
    ent = -mix.log_prob(x0) / 2
    out["entropy"], out["entropy_se"] = float(ent.mean()), float(ent.std() / n**0.5)
    return out


# ------------------------------------------------------------------ figures
def _layout(fig, title: str, x_title: str, y_title: str, height: int = 380) -> None:
    fig.update_layout(title=title, height=height, template="plotly_white",
                      margin={"l": 10, "r": 10, "t": 50, "b": 10},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.3, "x": 0},
                      xaxis_title=x_title, yaxis_title=y_title)


def gamma_figure(curves: list[tuple[np.ndarray, np.ndarray, str, str, str]], title: str,
                 x_title: str, y_title: str, log_x: bool) -> plot.Figure:
    """Γ_t curves: (t, Γ, name, colour, dash) each."""
    fig = plot.Figure()
    for ts, g, name, color, dash in curves:
        fig.add_trace(plot.scatter(x=ts, y=g, name=name, mode="lines+markers",
                                   marker={"size": 4}, line={"color": color, "dash": dash}))
    _layout(fig, title, x_title, y_title)
    fig.update_layout(xaxis=log_ticks({"title": x_title}, np.concatenate([c[0] for c in curves]))
                      if log_x else {"title": x_title},
                      yaxis={"title": y_title, "range": [-0.03, 1.05]})
    return fig


def ratio_figure(ts, series: list[tuple[np.ndarray, str, str, str]], title: str, x_title: str,
                 y_title: str, log_x: bool, mark_t: int | None = None) -> plot.Figure:
    """σ²/β_t over t: (values, name, colour, dash) each; the bounds as a shaded band."""
    fig = plot.Figure()
    for y, name, color, dash in series:
        fig.add_trace(plot.scatter(x=ts, y=y, name=name, mode="lines",
                                   line={"color": color, "dash": dash, "width": 2}))
    _layout(fig, title, x_title, y_title, height=400)
    fig.update_layout(xaxis=log_ticks({"title": x_title}, ts) if log_x else {"title": x_title},
                      yaxis={"title": y_title, "type": "log"})
    if mark_t is not None:
        fig.add_vline(x=mark_t, line={"color": "#555", "width": 1, "dash": "dot"})
    return fig


def interval_figure(lo: float, hi: float, marks: list[tuple[float, str, str, str]],
                    title: str, x_title: str) -> plot.Figure:
    """One t: the interval [λ², upper bound] and the variances as markers on a log axis."""
    fig = plot.Figure()
    fig.add_trace(plot.scatter(x=[lo, hi], y=[0, 0], mode="lines", name="",
                               line={"color": COLORS["bound"], "width": 10}, showlegend=False,
                               hoverinfo="skip"))
    for x, name, color, symbol in marks:
        fig.add_trace(plot.scatter(x=[x], y=[0], mode="markers", name=name,
                                   marker={"color": color, "size": 14, "symbol": symbol,
                                           "line": {"color": "white", "width": 1}}))
    _layout(fig, title, x_title, "", height=230)
    pos = [v for v in [lo, hi] + [m[0] for m in marks] if v > 0]
    lo_x, hi_x = math.log10(min(pos)), math.log10(max(pos))
    pad = max(0.1 * (hi_x - lo_x), 0.05)
    fig.update_layout(xaxis={"title": x_title, "type": "log", "range": [lo_x - pad, hi_x + pad],
                             "exponentformat": "power"},
                      yaxis={"visible": False, "range": [-1, 1]},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.45, "x": 0},
                      margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


def sweep_figure(res: dict, kinds, names: dict, titles: tuple[str, str], x_title: str,
                 y_titles: tuple[str, str], entropy_name: str) -> plot.Figure:
    """Two panels over S: −ELBO/d with the data's entropy, and SWD / noise floor."""
    fig = plot.Figure(rows=1, cols=2, subplot_titles=list(titles), horizontal_spacing=0.17)
    S = res["S"]
    for k in kinds:
        r = res[k]
        style = {"color": COLORS[k], "dash": DASH[k], "width": 2}
        fig.add_trace(plot.scatter(x=S, y=r["nll"], name=names[k], mode="lines+markers",
                                   line=style, legendgroup=k,
                                   error_y={"type": "data", "array": 2 * r["se"],
                                            "visible": True}), row=1, col=1)
        fig.add_trace(plot.scatter(x=S, y=r["swd"], name=names[k], mode="lines+markers",
                                   line=style, legendgroup=k, showlegend=False), row=1, col=2)
    fig.add_trace(plot.scatter(x=S, y=np.full(len(S), res["entropy"]), name=entropy_name,
                               mode="lines", line={"color": "black", "dash": "dot", "width": 1}),
                  row=1, col=1)
    fig.add_trace(plot.scatter(x=S, y=np.ones(len(S)), name="", mode="lines", showlegend=False,
                               line={"color": "black", "dash": "dot", "width": 1}), row=1, col=2)
    _layout(fig, "", x_title, "", height=420)
    fig.update_layout(title=None, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0})
    for col in (1, 2):
        fig.update_xaxes(row=1, col=col, title=x_title,
                         **(log_ticks({}, S) if len(S) > 1 else {}))
    nll_all = np.concatenate([res[k]["nll"] for k in kinds] + [[res["entropy"]]])
    lo, hi = float(nll_all.min()), float(np.quantile(nll_all, 0.9))
    fig.update_yaxes(row=1, col=1, title=y_titles[0],
                     range=[lo - 0.1 * (hi - lo + 0.1), hi + 0.25 * (hi - lo + 0.1)])
    # a ratio spanning about one decade: plotly's own log ticks label 0.9 as "9" and crowd in
    # 2…9 twice; name a 1-2-5 ladder instead
    swd = np.concatenate([np.asarray(res[k]["swd"], float) for k in kinds] + [[1.0]])
    swd = swd[np.isfinite(swd) & (swd > 0)]
    ladder = [m * 10.0 ** e for e in range(-2, 4) for m in (1, 2, 5)]
    ticks = [v for v in ladder if swd.min() / 1.3 <= v <= swd.max() * 1.3]
    fig.update_yaxes(row=1, col=2, title=y_titles[1], type="log", tickvals=ticks,
                     ticktext=[f"{v:g}" for v in ticks])
    return fig
