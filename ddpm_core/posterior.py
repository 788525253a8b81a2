"""The forward-process posterior q(x_{t-1} | x_t, x_0) and the ε ↔ x_0 conversions.

Time is the paper's t = 1..T. At t = 1 the posterior is the point x_0
(β̃_1 = 0, coefficient of x_0 = 1, coefficient of x_t = 0).
"""

from __future__ import annotations

import torch

from ._util import check_same_shape, check_t, check_tensor, extract
from .schedule import Schedule


def q_posterior(sched: Schedule, x0: torch.Tensor, x_t: torch.Tensor, t: int | torch.Tensor):
    """μ̃_t = √ᾱ_{t-1}β_t/(1-ᾱ_t)·x_0 + √α_t(1-ᾱ_{t-1})/(1-ᾱ_t)·x_t — Ho et al. 2020, Eqs. (6)-(7).

    Variance β̃_t = (1-ᾱ_{t-1})/(1-ᾱ_t)·β_t.

    Returns (mean, variance); the variance is broadcast to the mean's shape.
    """
    check_tensor("x0", x0)
    check_tensor("x_t", x_t)
    check_same_shape("x0", x0, "x_t", x_t)
    check_t(sched, t, x_t, low=1)
    mean = extract(sched.posterior_coef_x0, t, x_t) * x0 + extract(
        sched.posterior_coef_xt, t, x_t
    ) * x_t
    variance = extract(sched.beta_tildes, t, x_t).expand_as(mean)
    return mean, variance


def predict_x0_from_eps(sched: Schedule, x_t: torch.Tensor, t, eps: torch.Tensor) -> torch.Tensor:
    """x̂_0 = (x_t - √(1-ᾱ_t) ε) / √ᾱ_t  — Ho et al. 2020, Eq. (15); Song et al. 2021, Eq. (9)."""
    check_tensor("x_t", x_t)
    check_tensor("eps", eps)
    check_same_shape("x_t", x_t, "eps", eps)
    check_t(sched, t, x_t)
    return _predict_x0_from_eps(sched, x_t, t, eps)


def _predict_x0_from_eps(sched: Schedule, x_t, t, eps) -> torch.Tensor:
    # errors in ε are amplified by √((1-ᾱ_t)/ᾱ_t): about 157 at t = T for the linear schedule
    return (x_t - extract((1.0 - sched.alpha_bars).sqrt(), t, x_t) * eps) / extract(
        sched.alpha_bars.sqrt(), t, x_t
    )


def posterior_mean_from_eps(sched: Schedule, x_t: torch.Tensor, t, eps: torch.Tensor):
    """μ_θ = (x_t - β_t/√(1-ᾱ_t)·ε) / √α_t  — Ho et al. 2020, Eq. (11).

    With the true ε this is μ̃_t itself (Eqs. (9)-(10)).
    """
    check_tensor("x_t", x_t)
    check_tensor("eps", eps)
    check_same_shape("x_t", x_t, "eps", eps)
    check_t(sched, t, x_t, low=1)
    return _posterior_mean_from_eps(sched, x_t, t, eps)


def _posterior_mean_from_eps(sched: Schedule, x_t, t, eps) -> torch.Tensor:
    eps_coef = extract(sched.betas / (1.0 - sched.alpha_bars).clamp_min(1e-300).sqrt(), t, x_t)
    return (x_t - eps_coef * eps) / extract(sched.alphas.sqrt(), t, x_t)
