"""The training objectives: the DDPM variational bound term by term, and L_simple.

Time is the paper's t = 1..T. `vlb_terms` returns a (B, T + 1) table whose
column k is the bound's term L_k (Ho et al. 2020, Eq. (5)):
  k = 0        L_0     = -log p_θ(x_0 | x_1)                       (decoder)
  k = 1..T-1   L_{t-1} = KL(q(x_{t-1}|x_t,x_0) ‖ p_θ(x_{t-1}|x_t)),  t = k + 1
  k = T        L_T     = KL(q(x_T|x_0) ‖ N(0, I))                    (prior, no θ)
Images (B, C, H, W) in [-1, 1] use the discretized decoder (Eq. (13)) and bits/dim;
flat data (B, d) uses a Gaussian decoder and nats per sample.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from ._util import check_tensor, extract, model_device_dtype
from .forward import _q_sample
from .posterior import _posterior_mean_from_eps
from .schedule import Schedule

LN2 = math.log(2.0)


def gaussian_kl(mean1, var1, mean2, var2) -> torch.Tensor:
    """KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) = log(σ₂/σ₁) + (σ₁² + (μ₁-μ₂)²)/(2σ₂²) - ½, elementwise (nats).

    Standard result; Ho et al. 2020 use it for every L_{t-1} (Eq. (8) when σ₁² is fixed).
    Sum over coordinates for a diagonal Gaussian.
    """
    mean1, var1, mean2, var2 = (torch.as_tensor(v, dtype=torch.float64) if not isinstance(
        v, torch.Tensor) else v for v in (mean1, var1, mean2, var2))
    if bool((var2 <= 0).any()) or bool((var1 < 0).any()):
        raise ValueError("var2 must be > 0 and var1 >= 0 in gaussian_kl")
    return 0.5 * (torch.log(var2) - torch.log(var1) + (var1 + (mean1 - mean2) ** 2) / var2 - 1.0)


def lambda_t(sched: Schedule, sigma="beta_tilde") -> torch.Tensor:
    """λ_t = β_t² / (2σ_t² α_t (1-ᾱ_t)), so L_{t-1} - C = λ_t ‖ε - ε_θ‖² — Ho et al. 2020, Eq. (12).

    (T+1,) float64; entry 0 is 0 (no term). σ_t² = β̃_t gives β_t/(2α_t(1-ᾱ_{t-1})), and
    λ_1 = +inf there (β̃_1 = 0: the t = 1 term is the decoder L_0, not a KL).
    L_simple (Eq. (14)) replaces every λ_t by 1.
    """
    var = sched.reverse_variance(sigma)
    num = sched.betas**2
    den = 2.0 * var * sched.alphas * (1.0 - sched.alpha_bars)
    with torch.no_grad():
        lam = torch.where(den > 0, num / den.clamp_min(1e-300), torch.full_like(num, math.inf))
    lam[0] = 0.0
    return lam


def kl_constant(sched: Schedule, sigma="beta_tilde", d: int = 1) -> torch.Tensor:
    """C_t = d/2 (β̃_t/σ_t² - 1 - log(β̃_t/σ_t²)) ≥ 0, zero iff σ_t² = β̃_t — Ho et al. 2020, Eq. (8).

    (T+1,) float64, entries 0 and 1 are 0 (no KL term there).
    """
    var = sched.reverse_variance(sigma)
    c = torch.zeros_like(var)
    r = sched.beta_tildes[2:] / var[2:]
    c[2:] = 0.5 * d * (r - 1.0 - torch.log(r))
    return c


def prior_kl(sched: Schedule, x0: torch.Tensor) -> torch.Tensor:
    """L_T = KL(N(√ᾱ_T x_0, (1-ᾱ_T)I) ‖ N(0, I)) per sample, in nats — Ho et al. 2020, Eq. (5).

    Per coordinate ½(-log(1-ᾱ_T) - ᾱ_T + ᾱ_T x_0²), with log1p for small ᾱ_T.
    """
    check_tensor("x0", x0)
    ab = float(sched.alpha_bars[sched.T])
    per = 0.5 * (-math.log1p(-ab) - ab + ab * x0.double() ** 2)
    return per.flatten(1).sum(1)


def discretized_gaussian_log_likelihood(x0: torch.Tensor, mean: torch.Tensor, var) -> torch.Tensor:
    """log ∫_{δ₋(x)}^{δ₊(x)} N(u; μ, σ²) du per coordinate (nats) — Ho et al. 2020, Eq. (13).

    x0 holds 8-bit values k/127.5 - 1 in [-1, 1]; bins are x ± 1/255, the edge bins
    open to ∓∞. Uses the exact normal CDF in log space (log_ndtr), reflecting bins
    above the mean so the tail mass never rounds to 0.
    """
    check_tensor("x0", x0)
    x0, mean = x0.double(), mean.double()
    std = torch.as_tensor(var, dtype=torch.float64).sqrt()
    if bool((std <= 0).any()):
        raise ValueError("var must be > 0 for the discretized decoder")
    lo = torch.where(x0 <= -1 + 1e-9, torch.full_like(x0, -math.inf), x0 - 1 / 255)
    hi = torch.where(x0 >= 1 - 1e-9, torch.full_like(x0, math.inf), x0 + 1 / 255)
    z_lo, z_hi = (lo - mean) / std, (hi - mean) / std
    # above the mean use Q(z) = Φ(-z): mass = Φ(-z_lo) - Φ(-z_hi)
    flip = (z_lo + z_hi) > 0
    a = torch.where(flip, -z_hi, z_lo)  # lower end, in the reflected frame
    b = torch.where(flip, -z_lo, z_hi)  # upper end
    log_b = torch.special.log_ndtr(b)
    log_a = torch.special.log_ndtr(a)
    return log_b + torch.log1p(-torch.exp(log_a - log_b).clamp(max=1.0 - 1e-300))


def gaussian_log_likelihood(x0: torch.Tensor, mean: torch.Tensor, var) -> torch.Tensor:
    """log N(x_0; μ, σ²) per coordinate (nats); a density, so it may be > 0."""
    var = torch.as_tensor(var, dtype=torch.float64)
    x0, mean = x0.double(), mean.double()
    return -0.5 * (torch.log(2 * math.pi * var) + (x0 - mean) ** 2 / var)


@dataclass
class VLBTerms:
    """The variational bound term by term: `terms[:, k]` is L_k (see the module docstring)."""

    terms: torch.Tensor  # (B, T+1) float64
    units: str  # "bits/dim" or "nats"

    @property
    def total(self) -> torch.Tensor:
        """L = L_0 + Σ_{t=2}^T L_{t-1} + L_T per sample: minus the ELBO (Ho et al. 2020, Eq. 5)."""
        return self.terms.sum(1)

    @property
    def elbo(self) -> torch.Tensor:
        return -self.total


@torch.no_grad()
def vlb_terms(
    model,
    sched: Schedule,
    x0: torch.Tensor,
    generator: torch.Generator | None = None,
    *,
    sigma="beta_tilde",
    decoder: str | None = None,
) -> VLBTerms:
    """Every term of L = E_q[L_T + Σ_{t=2}^T L_{t-1} + L_0] for each x_0 — Ho et al. 2020, Eq. (5).

    One fresh ε per t and sample (drawn with `generator`). The decoder variance at
    t = 1 is β_1 (β̃_1 = 0 is degenerate). `decoder`: "discretized" (bits/dim,
    images in [-1, 1]) or "gaussian" (nats); default by shape.
    """
    check_tensor("x0", x0)
    if decoder is None:
        decoder = "discretized" if x0.ndim == 4 else "gaussian"
    if decoder not in ("discretized", "gaussian"):
        raise ValueError(f"decoder must be 'discretized' or 'gaussian', got decoder={decoder!r}")
    var = sched.reverse_variance(sigma)
    if sigma == "zero" or bool((var[2:] <= 0).any()):
        raise ValueError("vlb_terms needs σ_t² > 0 for t >= 2 (sigma='zero' has no likelihood)")
    x0 = x0.double()
    B, T = x0.shape[0], sched.T
    d = x0[0].numel()
    mdevice, mdtype = model_device_dtype(model)
    terms = torch.zeros(B, T + 1, dtype=torch.float64)
    for t in range(1, T + 1):
        eps = torch.randn(x0.shape, generator=generator, dtype=torch.float64)
        x_t = _q_sample(sched, x0, t, eps)
        tt = torch.full((B,), t, dtype=torch.long, device=mdevice)
        eps_pred = model(x_t.to(device=mdevice, dtype=mdtype), tt).to("cpu", torch.float64)
        mu_theta = _posterior_mean_from_eps(sched, x_t, t, eps_pred)
        if t == 1:  # L_0 = -log p_θ(x_0|x_1), decoder variance β_1
            var1 = float(sched.betas[1])
            if decoder == "discretized":
                ll = discretized_gaussian_log_likelihood(x0, mu_theta, var1)
            else:
                ll = gaussian_log_likelihood(x0, mu_theta, var1)
            terms[:, 0] = -ll.flatten(1).sum(1)
        else:  # L_{t-1} = KL(q(x_{t-1}|x_t,x_0) ‖ N(μ_θ, σ_t² I))
            mu_tilde = extract(sched.posterior_coef_x0, t, x0) * x0 + extract(
                sched.posterior_coef_xt, t, x0
            ) * x_t
            kl = gaussian_kl(mu_tilde, sched.beta_tildes[t], mu_theta, var[t])
            terms[:, t - 1] = kl.flatten(1).sum(1)
    terms[:, T] = prior_kl(sched, x0)
    if decoder == "discretized":
        return VLBTerms(terms / (d * LN2), "bits/dim")
    return VLBTerms(terms, "nats")


def loss_simple(
    model, sched: Schedule, x0: torch.Tensor, generator: torch.Generator | None = None,
    t: torch.Tensor | None = None, eps: torch.Tensor | None = None,
) -> torch.Tensor:
    """L_simple = E_{t,x_0,ε} ‖ε - ε_θ(√ᾱ_t x_0 + √(1-ᾱ_t) ε, t)‖² — Ho et al. 2020, Eq. (14).

    Averaged over coordinates (as training code does); multiply by d for the
    paper's sum. t ~ U{1..T} and ε ~ N(0, I) are drawn unless given.
    """
    check_tensor("x0", x0)
    B = x0.shape[0]
    if t is None:
        t = torch.randint(1, sched.T + 1, (B,), generator=generator)
    sched.check_t(t, low=1)
    if eps is None:
        eps = torch.randn(x0.shape, generator=generator, dtype=x0.dtype)
    x_t = _q_sample(sched, x0, t, eps)
    eps_pred = model(x_t, t.to(x_t.device))
    return ((eps - eps_pred) ** 2).mean()
