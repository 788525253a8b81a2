"""The ELBO, exactly: a latent-variable model small enough that everything is closed form.

Model (FORMULAS.md §b):  z ~ N(0, 1),  x | z ~ N(w z + b, σ²).  Then
  p(x)     = N(b, w² + σ²),
  p(z | x) = N(μ, v),  μ = w(x - b)/(w² + σ²),  v = σ²/(w² + σ²),
and for any Gaussian q(z) = N(m, s²)
  log p(x) = ELBO(q) + KL(q ‖ p(z|x))   (Kingma & Welling 2014, Eqs. (1)-(3)),
so the gap between the evidence and its lower bound is exactly the KL to the true posterior,
and the bound is tight iff q = p(z|x). Pitfalls: v ≠ σ², and the w²s² term of the ELBO.

`ddpm_bound_check` applies the same identity to DDPM (latent z = x_{1:T}, q = the fixed forward
process): the bound L = -ELBO of `vlb_terms` against the exact -log q(x_0) of a Gaussian mixture.
Two densities of x_0 appear there: q(x_0), the data (the mixture, exact), and p_θ(x_0), the
model's marginal (intractable). The bound is L(x_0) ≥ -log p_θ(x_0) for every x_0; against the
data's density only the mean is bounded: E_q[L] ≥ E_q[-log p_θ(x_0)] ≥ H(q) = -E_q[log q(x_0)].
Every function works in nats and raises ValueError naming a bad argument.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from .data import GaussianMixture2D
from .objectives import vlb_terms
from .oracle import OracleEps
from .schedule import Schedule

LOG_2PI = math.log(2.0 * math.pi)


def _check(**values: float) -> None:
    """Finite real numbers; names ending in "_pos" (stripped in messages) must be > 0."""
    for name, value in values.items():
        label = name.removesuffix("_pos")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{label} must be a real number, got {label}={value!r}")
        if not math.isfinite(value):
            raise ValueError(f"{label} must be finite, got {label}={value!r}")
        if name.endswith("_pos") and value <= 0:
            raise ValueError(f"{label} must be > 0, got {label}={value!r}")


def log_px(x: float, w: float, b: float, sigma: float) -> float:
    """log p(x) = log N(x; b, w² + σ²): the evidence, z integrated out exactly (FORMULAS.md §b)."""
    _check(x=x, w=w, b=b, sigma_pos=sigma)
    var = w * w + sigma * sigma  # Var(w z + b + σ ε) = w² + σ²
    return -0.5 * (LOG_2PI + math.log(var) + (x - b) ** 2 / var)


def true_posterior(x: float, w: float, b: float, sigma: float) -> tuple[float, float]:
    """p(z|x) = N(μ, v), μ = w(x-b)/(w²+σ²), v = σ²/(w²+σ²) — Bayes for a linear Gaussian.

    Precisions add: 1/v = 1 (prior) + w²/σ² (likelihood). Note v ≠ σ².
    """
    _check(x=x, w=w, b=b, sigma_pos=sigma)
    var = w * w + sigma * sigma
    return w * (x - b) / var, sigma * sigma / var


def elbo_terms(x: float, m: float, s: float, w: float, b: float, sigma: float) -> dict:
    """ELBO = E_q[log p(x|z)] - KL(q(z) ‖ p(z)) for q = N(m, s²) — Kingma & Welling 2014, Eq. (3).

    E_q[log p(x|z)] = -½log(2πσ²) - ((x-b-wm)² + w²s²)/(2σ²)   (E_q(wz-wm)² = w²s²),
    KL(N(m,s²) ‖ N(0,1)) = ½(m² + s² - 1 - log s²)               (Kingma & Welling, App. B).
    Returns {"recon", "kl_prior", "w2s2", "elbo"}; "w2s2" = w²s²/(2σ²), the term usually dropped.
    """
    _check(x=x, m=m, s_pos=s, w=w, b=b, sigma_pos=sigma)
    s2, sig2 = s * s, sigma * sigma
    w2s2 = w * w * s2 / (2.0 * sig2)
    recon = -0.5 * (LOG_2PI + math.log(sig2)) - (x - b - w * m) ** 2 / (2.0 * sig2) - w2s2
    kl_prior = 0.5 * (m * m + s2 - 1.0 - math.log(s2))
    return {"recon": recon, "kl_prior": kl_prior, "w2s2": w2s2, "elbo": recon - kl_prior}


def elbo(x: float, m: float, s: float, w: float, b: float, sigma: float) -> float:
    """ELBO(q) = -½log(2πσ²) - ((x-b-wm)² + w²s²)/(2σ²) - ½(m² + s² - 1 - log s²) (FORMULAS §b)."""
    return elbo_terms(x, m, s, w, b, sigma)["elbo"]


def kl_gap(x: float, m: float, s: float, w: float, b: float, sigma: float) -> float:
    """KL(q ‖ p(z|x)) = ½[log(v/s²) + (s² + (m-μ)²)/v - 1] for q = N(m, s²), p(z|x) = N(μ, v).

    By Kingma & Welling 2014, Eq. (1) this is log p(x) - ELBO(q): the gap of the bound.
    """
    _check(m=m, s_pos=s)
    mu, v = true_posterior(x, w, b, sigma)
    s2 = s * s
    return 0.5 * (math.log(v / s2) + (s2 + (m - mu) ** 2) / v - 1.0)


def log_joint(x: float, z: torch.Tensor, w: float, b: float, sigma: float) -> torch.Tensor:
    """log p(x, z) = log N(z; 0, 1) + log N(x; wz + b, σ²), elementwise in z (float64)."""
    _check(x=x, w=w, b=b, sigma_pos=sigma)
    z = z.double()
    return -0.5 * (LOG_2PI + z**2) - 0.5 * (LOG_2PI + math.log(sigma**2)
                                             + (x - w * z - b) ** 2 / sigma**2)


def mc_elbo(x: float, m: float, s: float, w: float, b: float, sigma: float, n: int = 4000,
            generator: torch.Generator | None = None) -> tuple[float, float]:
    """ELBO ≈ (1/n) Σ_i [log p(x, z_i) - log q(z_i)], z_i = m + s ε_i (reparameterisation,
    Kingma & Welling 2014, §2.4). Returns (estimate, standard error), nats."""
    _check(x=x, m=m, s_pos=s, w=w, b=b, sigma_pos=sigma)
    if isinstance(n, bool) or not isinstance(n, int) or n < 2:
        raise ValueError(f"n must be an integer >= 2, got n={n!r}")
    eps = torch.randn(n, generator=generator, dtype=torch.float64)  # (n,)
    z = m + s * eps
    log_q = -0.5 * (LOG_2PI + math.log(s * s) + eps**2)  # log N(z; m, s²), (z-m)/s = ε
    f = log_joint(x, z, w, b, sigma) - log_q
    return float(f.mean()), float(f.std() / math.sqrt(n))


# ------------------------------------------------------------------ the DDPM bound, checked
@dataclass
class BoundCheck:
    """Mean bound terms over n data points against the exact NLL, all in nats per point."""

    terms: torch.Tensor  # (T+1,) mean of L_k: column 0 = L_0, 1..T-1 = L_{t-1} (t = k+1), T = L_T
    bound: float  # mean over the points of L = L_0 + Σ_{t=2}^T L_{t-1} + L_T = -ELBO
    bound_se: float
    nll: float  # exact -log q(x_0), q = the data's density, averaged over the same points
    # mean over the points of L + log q(x_0) (paired). Its expectation E_q[L] - H(q) is ≥ 0;
    # a single point's gap KL(q(x_{1:T}|x_0) ‖ p_θ(x_{1:T}|x_0)) + log q(x_0) - log p_θ(x_0)
    # can be negative (where the model's density exceeds the data's).
    gap: float
    gap_se: float
    n: int

    def denoising_share(self, upto: int) -> float:
        """The fraction of Σ_{k=1}^{T-1} L_k (the denoising terms) held by k = 1..upto."""
        mid = self.terms[1:-1]
        total = float(mid.sum())
        return float(mid[:upto].sum()) / total if total > 0 else math.nan


def ddpm_bound_check(mix: GaussianMixture2D, sched: Schedule, n: int = 256,
                     generator: torch.Generator | None = None,
                     sigma="beta_tilde") -> BoundCheck:
    """-log p_θ(x_0) ≤ L = E_q[L_T + Σ_{t=2}^T L_{t-1} + L_0] — Ho et al. 2020, Eqs. (3), (5).

    n points x_0 ~ q(x_0) = the mixture; the reverse process uses the exact ε* of
    `OracleEps`, with variances σ_t² = `sigma` ("beta" or "beta_tilde"); each L_{t-1} uses one
    draw x_t ~ q(x_t|x_0) per point. Per point, L(x_0) - (-log p_θ(x_0)) =
    KL(q(x_{1:T}|x_0) ‖ p_θ(x_{1:T}|x_0)) ≥ 0, where p_θ(x_0) is the model's density (unknown
    here). Against the data's density q(x_0) only the mean is bounded:
    E_q[L + log q(x_0)] = KL(q(x_0) ‖ p_θ(x_0)) + E_q[KL(q(x_{1:T}|x_0) ‖ p_θ(x_{1:T}|x_0))] ≥ 0;
    a single point's L + log q(x_0) can be negative. `gap` is the mean over the points, with
    its standard error.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 2:
        raise ValueError(f"n must be an integer >= 2, got n={n!r}")
    if sigma not in ("beta", "beta_tilde"):
        raise ValueError(f"sigma must be 'beta' or 'beta_tilde', got sigma={sigma!r}")
    x0 = mix.sample(n, generator, dtype=torch.float64)  # (n, d)
    vlb = vlb_terms(OracleEps(mix, sched), sched, x0, generator, sigma=sigma, decoder="gaussian")
    total = vlb.total  # (n,)
    log_q = mix.log_prob(x0).double()  # (n,) exact
    gap = total + log_q
    root_n = math.sqrt(n)
    return BoundCheck(terms=vlb.terms.mean(0), bound=float(total.mean()),
                      bound_se=float(total.std() / root_n), nll=float(-log_q.mean()),
                      gap=float(gap.mean()), gap_se=float(gap.std() / root_n), n=n)
