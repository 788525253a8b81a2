"""The optimal reverse variance — Bao et al. 2022 (Analytic-DPM), FORMULAS.md §i.

Time is the paper's t = 1..T; a step goes from t to s = t_prev < t (s = t - 1 for DDPM, a
respaced pair for DDIM). With β̄_t = 1 - ᾱ_t, α_{t|s} = ᾱ_t/ᾱ_s and λ² the variance of the
step's own family (λ² = β̃_t for DDPM, λ² = σ(η)² for a DDIM pair), the best isotropic Gaussian
p(x_s|x_t) with the ε-model's mean has

    σ*² = λ² + (√(β̄_t/α_{t|s}) − √(β̄_s − λ²))² (1 − Γ_t),   Γ_t = E_{q(x_t)} ‖ε*(x_t, t)‖²/d,

which lies between λ² (Γ_t = 1: one point of data) and λ² + (√(β̄_t/α_{t|s}) − √(β̄_s − λ²))²
(Γ_t = 0). For DDPM the extremes are β̃_t and β_t (Ho et al. 2020, §3.2). Γ_t is estimated by
Monte Carlo from a model (`gamma_table`); for Gaussian-mixture data the oracle gives the exact
ε* and also the per-x optimum λ² I + γ_t² Cov(x_0|x_t) (`per_x_variance`).
"""

from __future__ import annotations

import math
import warnings

import torch

from ._util import check_tensor, model_device_dtype
from .schedule import Schedule


def _pair(sched: Schedule, t, t_prev, eta) -> tuple[int, int, float]:
    """Checked (t, s, λ²) of a step t -> s with the family's variance λ² = σ(η)²."""
    sched.check_t(t, low=1)
    t = int(t)
    s = t - 1 if t_prev is None else int(t_prev)
    if t_prev is not None:
        sched.check_t(t_prev, name="t_prev")
        if not s < t:
            raise ValueError(f"t_prev must be < t, got t={t}, t_prev={t_prev}")
    if isinstance(eta, bool) or not isinstance(eta, (int, float)) or not 0.0 <= eta <= 1.0:
        raise ValueError(f"eta must be a number in [0, 1], got eta={eta!r}")
    ab_t, ab_s = float(sched.alpha_bars[t]), float(sched.alpha_bars[s])
    if ab_t <= 0.0:  # Γ_t then carries no information: σ*² would be ∞ · 0
        raise ValueError(f"sched: ᾱ_t underflows to 0 at t={t} (float64), so σ*² cannot be "
                         f"computed from Γ_t there; use a schedule with ᾱ_t > 0 or the per-x "
                         f"variance")
    # σ(η)² = η² (1-ᾱ_s)/(1-ᾱ_t) (1-ᾱ_t/ᾱ_s) — Song et al. 2021, Eq. (16); η = 1, s = t-1: β̃_t
    lam2 = eta**2 * (1 - ab_s) / (1 - ab_t) * max(1 - ab_t / ab_s, 0.0)
    return t, s, lam2


def _gap2(sched: Schedule, t: int, s: int, lam2: float) -> float:
    """(√(β̄_t/α_{t|s}) − √(β̄_s − λ²))², the most the variance can grow above λ² (Γ_t = 0)."""
    ab_t, ab_s = float(sched.alpha_bars[t]), float(sched.alpha_bars[s])
    return (math.sqrt((1 - ab_t) * ab_s / ab_t) - math.sqrt(max(1 - ab_s - lam2, 0.0))) ** 2


def check_gamma(sched: Schedule, gamma) -> torch.Tensor:
    """Γ as a (T+1,) float64 table with entries 1..T in [0, 1].

    Γ_t ≤ 1 holds for the exact ε* (Jensen: ‖E[ε|x_t]‖² ≤ E[‖ε‖²|x_t]); a Monte-Carlo estimate
    from a trained model may exceed 1 slightly, so values above 1 are clipped with a warning.
    Negative or non-finite values raise.
    """
    g = torch.as_tensor(gamma, dtype=torch.float64).detach().cpu()
    if g.ndim != 1 or g.numel() != sched.T + 1:
        raise ValueError(f"gamma must be a (T+1,) = ({sched.T + 1},) table, got shape "
                         f"{tuple(g.shape)}")
    body = g[1:]
    if not bool(torch.isfinite(body).all()) or bool((body < 0).any()):
        raise ValueError("gamma must hold finite values in [0, 1] at t = 1..T (Γ_t = E‖ε‖²/d "
                         f"cannot be negative); got min {float(body.min())!r}")
    if bool((body > 1).any()):
        warnings.warn(f"gamma exceeds 1 (max {float(body.max()):.4g}): clipped to 1, the "
                      "theory's bound for the exact ε* (a Monte-Carlo estimate overshot)",
                      stacklevel=2)
        g = g.clone()
        g[1:] = body.clamp(max=1.0)
    return g


def optimal_variance(sched: Schedule, gamma, t: int, t_prev: int | None = None,
                     eta: float = 1.0, *, data_range: tuple[float, float] | None = None) -> float:
    """σ*² = λ² + (√(β̄_t/α_{t|s}) − √(β̄_s − λ²))² (1 − Γ_t) — Bao et al. 2022, Theorem 1.

    The step t -> t_prev (None: t - 1, DDPM); λ² = σ(η)² of Song et al. 2021, Eq. (16), so
    η = 1 with t_prev = None is DDPM (λ² = β̃_t). `gamma` is the (T+1,) table of
    `gamma_table`. With `data_range=(a, b)` the data's conditional variance
    (β̄_t/ᾱ_t)(1 − Γ_t) is clipped to ((b − a)/2)² (Bao et al. 2022, Theorem 2).
    """
    t, s, lam2 = _pair(sched, t, t_prev, eta)
    g = float(check_gamma(sched, gamma)[t])
    gap2 = _gap2(sched, t, s, lam2)
    if data_range is not None:
        a, b = data_range
        if not b > a:
            raise ValueError(f"data_range must be (a, b) with b > a, got {data_range!r}")
        ab_t = float(sched.alpha_bars[t])
        cov = (1 - ab_t) / ab_t * (1 - g)  # E tr Cov(x_0|x_t)/d
        return lam2 + gap2 * ab_t / (1 - ab_t) * min(max(cov, 0.0), ((b - a) / 2) ** 2)
    return lam2 + gap2 * (1 - g)


def variance_bounds(sched: Schedule, t: int, t_prev: int | None = None,
                    eta: float = 1.0) -> tuple[float, float]:
    """λ² ≤ σ*² ≤ λ² + (√(β̄_t/α_{t|s}) − √(β̄_s − λ²))² — Bao et al. 2022, Theorem 2.

    (From 0 ≤ Γ_t ≤ 1.)
    """
    t, s, lam2 = _pair(sched, t, t_prev, eta)
    return lam2, lam2 + _gap2(sched, t, s, lam2)


def analytic_variance_table(sched: Schedule, gamma, **kw) -> torch.Tensor:
    """(T+1,) table of DDPM's σ*²_t for t = 1..T (entry 0 is 0): `sigma=` for `sample`."""
    g = check_gamma(sched, gamma)
    out = torch.zeros(sched.T + 1, dtype=torch.float64)
    for t in range(1, sched.T + 1):
        out[t] = optimal_variance(sched, g, t, **kw)
    return out


@torch.no_grad()
def gamma_table(eps_model, sched: Schedule, data, n: int = 1000,
                generator: torch.Generator | None = None, *, batch: int = 50_000,
                ts=None) -> torch.Tensor:
    """Γ_t = E_{q(x_t)} ‖ε_θ(x_t, t)‖²/d for t = 1..T by Monte Carlo — Bao et al. 2022, Eq. (9).

    `data`: an (N, ...) tensor of x_0 (n rows drawn with replacement per t) or an object with
    `.sample(n, generator)` (a mixture). x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε with fresh draws per t.
    Returns a (T+1,) float64 table; entry 0 (x_0 itself, where ε* = 0) is 0. `ts` (a list of
    t in 1..T) computes only those entries and leaves the others NaN.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be an integer >= 1, got n={n!r}")
    device, dtype = model_device_dtype(eps_model)
    out = torch.zeros(sched.T + 1, dtype=torch.float64)
    wanted = torch.arange(1, sched.T + 1)
    if ts is not None:
        wanted = torch.as_tensor(list(ts), dtype=torch.long)
        if wanted.ndim != 1 or bool((wanted < 1).any()) or bool((wanted > sched.T).any()):
            raise ValueError(f"ts must list time steps in 1..T={sched.T}, got {ts!r}")
        out[1:] = float("nan")
    per = max(1, batch // n)  # how many t values share one model call
    for start in range(0, wanted.numel(), per):
        ts_ = wanted[start:start + per]
        if hasattr(data, "sample"):
            x0 = data.sample(n * len(ts_), generator).to(torch.float64)
        else:
            check_tensor("data", data)
            idx = torch.randint(0, data.shape[0], (n * len(ts_),), generator=generator)
            x0 = data[idx].to(torch.float64)
        tt = ts_.repeat_interleave(n)
        eps = torch.randn(x0.shape, generator=generator, dtype=torch.float64)
        view = (-1,) + (1,) * (x0.ndim - 1)
        ab = sched.alpha_bars[tt].view(view)
        x_t = ab.sqrt() * x0 + (1 - ab).sqrt() * eps  # Ho et al. 2020, Eq. (4)
        e = eps_model(x_t.to(device, dtype), tt.to(device)).to("cpu", torch.float64)
        sq = e.flatten(1).pow(2).mean(1)  # ‖ε_θ‖²/d per draw
        out[ts_] = sq.view(len(ts_), n).mean(1)
    return out


def per_x_variance(mix, sched: Schedule, x_t: torch.Tensor, t: int, t_prev: int | None = None,
                   eta: float = 1.0) -> torch.Tensor:
    """Cov(x_s|x_t) = λ² I + γ_t² Cov(x_0|x_t), γ_t = √ᾱ_s − √(β̄_s − λ²)√(ᾱ_t/β̄_t) — the exact
    per-x reverse covariance for Gaussian-mixture data (Bao et al. 2022, §4; FORMULAS.md §i).

    (B, d, d) float64; Cov(x_0|x_t) from the oracle (`posterior_cov_x0`).
    """
    from .oracle import posterior_cov_x0

    t, s, lam2 = _pair(sched, t, t_prev, eta)
    ab_t, ab_s = float(sched.alpha_bars[t]), float(sched.alpha_bars[s])
    gamma_t = math.sqrt(ab_s) - math.sqrt(max(1 - ab_s - lam2, 0.0)) * math.sqrt(ab_t / (1 - ab_t))
    cov = posterior_cov_x0(mix, sched, x_t, t)
    eye = torch.eye(cov.shape[-1], dtype=torch.float64)
    return lam2 * eye + gamma_t**2 * cov
