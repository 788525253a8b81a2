"""The forward (noising) process q — Ho et al. 2020, §2.

Time is the paper's t = 1..T; t = 0 is x_0 itself. `q_step` is one small step
q(x_t | x_{t-1}); `q_sample` jumps from x_0 to x_t in one closed-form step;
`q_sample_chain` takes the t small steps one by one (the lecture's "imagined"
view) — the two agree in law, not path by path.
"""

from __future__ import annotations

import torch

from ._util import check_same_shape, check_t, check_tensor, extract
from .schedule import Schedule


def q_step(sched: Schedule, x_prev: torch.Tensor, t: int | torch.Tensor, noise: torch.Tensor):
    """x_t = √α_t x_{t-1} + √β_t ε  — Ho et al. 2020, Eq. (2).

    q(x_t|x_{t-1}) = N(√α_t x_{t-1}, β_t I).

    t in 1..T (int or (B,) tensor); `noise` ~ N(0, I) with the shape of x_prev.
    """
    check_tensor("x_prev", x_prev)
    check_tensor("noise", noise)
    check_same_shape("x_prev", x_prev, "noise", noise)
    check_t(sched, t, x_prev, low=1)
    sqrt_alpha = extract(sched.alphas.sqrt(), t, x_prev)
    sqrt_beta = extract(sched.betas.sqrt(), t, x_prev)
    return sqrt_alpha * x_prev + sqrt_beta * noise  # mean uses x_{t-1}, not x_0


def q_sample(sched: Schedule, x0: torch.Tensor, t: int | torch.Tensor, noise: torch.Tensor):
    """x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε  — Ho et al. 2020, Eq. (4): q(x_t|x_0) = N(√ᾱ_t x_0, (1-ᾱ_t) I).

    t in 0..T (int or (B,) tensor); t = 0 returns x_0.
    """
    check_tensor("x0", x0)
    check_tensor("noise", noise)
    check_same_shape("x0", x0, "noise", noise)
    check_t(sched, t, x0)
    return _q_sample(sched, x0, t, noise)


def _q_sample(sched: Schedule, x0: torch.Tensor, t, noise: torch.Tensor) -> torch.Tensor:
    """q_sample without argument checks (hot loops: training, vlb_terms)."""
    sqrt_ab = extract(sched.alpha_bars.sqrt(), t, x0)
    sqrt_1m_ab = extract((1.0 - sched.alpha_bars).sqrt(), t, x0)
    return sqrt_ab * x0 + sqrt_1m_ab * noise


def q_sample_chain(
    sched: Schedule,
    x0: torch.Tensor,
    t: int,
    generator: torch.Generator | None = None,
    *,
    return_path: bool = False,
):
    """x_t by t single steps of q(x_s|x_{s-1}), s = 1..t — the same law as Ho et al. 2020, Eq. (4).

    With `return_path=True` returns a (t + 1, *x0.shape) tensor [x_0, x_1, ..., x_t].
    """
    check_tensor("x0", x0)
    sched.check_t(t)
    if isinstance(t, torch.Tensor):
        raise ValueError("t must be a single int for q_sample_chain (every row takes t steps)")
    sqrt_alphas = sched.alphas.sqrt().tolist()
    sqrt_betas = sched.betas.sqrt().tolist()
    x = x0.clone()
    path = [x0.clone()] if return_path else None
    noise = torch.empty_like(x0)
    for s in range(1, int(t) + 1):
        noise.normal_(generator=generator)
        x.mul_(sqrt_alphas[s]).add_(noise, alpha=sqrt_betas[s])  # Ho Eq. (2), in place
        if path is not None:
            path.append(x.clone())
    return torch.stack(path) if path is not None else x
