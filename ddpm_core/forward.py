"""The forward (noising) process q — Ho et al. 2020, §2.

Time is the paper's t = 1..T; t = 0 is x_0 itself. `q_step` is one small step
q(x_t | x_{t-1}); `q_sample` jumps from x_0 to x_t in one closed-form step;
`q_sample_chain` takes the t small steps one by one (the lecture's "imagined"
view) — the two agree in law, not path by path; `chain_path` is the same chain from the same
draws, evaluated at several t in a few whole-array operations.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
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
    noise: torch.Tensor | None = None,
    path_at: Sequence[int] | None = None,
):
    """x_t by t single steps of q(x_s|x_{s-1}), s = 1..t — the same law as Ho et al. 2020, Eq. (4).

    With `return_path=True` returns a (t + 1, *x0.shape) tensor [x_0, x_1, ..., x_t]; with
    `path_at` (t's in 0..t) a (len(path_at), *x0.shape) tensor of x at those t, in their order.
    `noise`: the steps' ε_1..ε_t as rows 0..t-1 of a (≥ t, *x0.shape) tensor, used instead of
    drawing them from `generator` (draws that do not depend on the schedule, kept and reused:
    `chain_noise` gives the ones `generator` would draw, so the path is the same bit for bit).
    """
    check_tensor("x0", x0)
    sched.check_t(t)
    if isinstance(t, torch.Tensor):
        raise ValueError("t must be a single int for q_sample_chain (every row takes t steps)")
    t = int(t)
    if noise is not None:
        check_tensor("noise", noise, finite=False)  # finiteness: through x_t, below
        if noise.dim() != x0.dim() + 1 or noise.shape[1:] != x0.shape or noise.shape[0] < t:
            raise ValueError(f"noise must have shape (>= {t}, *{tuple(x0.shape)}), "
                             f"got {tuple(noise.shape)}")
    at: dict[int, list[int]] = {}
    if path_at is not None:
        if return_path:
            raise ValueError("path_at: give it or return_path=True, not both")
        for i, s in enumerate(path_at):
            if not 0 <= int(s) <= t:
                raise ValueError(f"path_at must hold t's in 0..{t}, got {s}")
            at.setdefault(int(s), []).append(i)
    elif return_path:
        at = {s: [s] for s in range(t + 1)}
    out = None if not at else x0.new_empty((sum(map(len, at.values())), *x0.shape))
    sqrt_alphas = sched.alphas.sqrt().tolist()
    sqrt_betas = sched.betas.sqrt().tolist()
    x = x0.clone()
    for i in at.get(0, ()):
        out[i] = x0
    eps = torch.empty_like(x0) if noise is None else None
    for s in range(1, t + 1):
        if noise is None:
            eps.normal_(generator=generator)
        x.mul_(sqrt_alphas[s]).add_(eps if noise is None else noise[s - 1],
                                    alpha=sqrt_betas[s])  # Ho Eq. (2), in place
        for i in at.get(s, ()):
            out[i] = x
    # every ε_s enters x_t with a weight > 0: a finiteness pass over all T kept draws on every
    # call cost as much as the chain itself
    if noise is not None and not bool(torch.isfinite(x).all()):
        raise ValueError("noise must be finite: the chain came out with NaN or inf")
    return x if out is None else out


def chain_path(sched: Schedule, x0: torch.Tensor, noise: torch.Tensor,
               ts: Sequence[int]) -> torch.Tensor:
    """x_t of `q_sample_chain`'s t single steps, from its draws, at each t of `ts` (any order,
    repeats allowed): a (len(ts), *x0.shape) tensor, as `q_sample_chain(sched, x0, max(ts),
    noise=noise, path_at=ts)` gives, equal to rounding (float64: ~1e-15 relative per step).

    The recursion x_s = √α_s x_{s-1} + √β_s ε_s (Ho et al. 2020, Eq. 2) unrolled with the
    same ε_s: x_t = A_t x_0 + Σ_{s≤t} √β_s (A_t / A_s) ε_s, A_t = Π_{r≤t} √α_r = √ᾱ_t.
    It is summed in a few whole-array operations instead of t small ones (a page's chain for
    any T in one pass; t steps of a few µs each are fast alone, but every one of them gives
    up Python's lock and waits for it back while other threads run): first the draws of each
    stretch between consecutive asked t, weighted relative to the stretch's end (weights ≤ 1,
    no overflow for any schedule), then the stretches by one lower-triangular product with
    entries A_u / A_v ≤ 1. Computed in float64, returned in x0's dtype.
    `noise`: rows 0..t-1 are ε_1..ε_t (≥ max(ts) rows of x0's shape), as `chain_noise` gives.
    """
    check_tensor("x0", x0)
    check_tensor("noise", noise, finite=False)  # finiteness: through the result, below
    ts = [int(s) for s in ts]
    if not ts:
        raise ValueError("ts must hold at least one t")
    for s in ts:
        if not 0 <= s <= sched.T:
            raise ValueError(f"ts must hold t's in 0..{sched.T}, got {s}")
    u = sorted(set(ts))
    t_max = u[-1]
    if noise.dim() != x0.dim() + 1 or noise.shape[1:] != x0.shape or noise.shape[0] < t_max:
        raise ValueError(f"noise must have shape (>= {t_max}, *{tuple(x0.shape)}), "
                         f"got {tuple(noise.shape)}")
    # The coefficients (≤ T numbers) in numpy, the sums in a few torch calls: a torch call
    # lets go of Python's lock and may wait milliseconds to get it back when another thread is
    # busy (a web server's), a small numpy operation keeps it. Beside one busy Python thread,
    # the cloud's grid (2000 x 2, 67 t): 638 ms with the coefficients in torch, 322 ms so.
    f64 = torch.float64
    log_a = np.zeros(t_max + 1)  # log A_t, t = 0..t_max
    np.cumsum(0.5 * np.log(sched.alphas.numpy()[1:t_max + 1]), out=log_a[1:])
    at = np.asarray(u)
    la = log_a[at]
    dev = x0.device  # the coefficients are computed on the CPU (T numbers), the sums on x0's
    coef = np.exp(la)[:, None]  # A_u, for A_u x_0
    x_flat = _as(x0.reshape(1, -1), dev, f64)
    if t_max:
        steps = np.arange(1, t_max + 1)
        k = np.searchsorted(at, steps)  # the stretch of step s: the first asked u >= s
        w = np.sqrt(sched.betas.numpy()[1:t_max + 1]) * np.exp(la[k] - log_a[1:])
        # stretch k = Σ_{s in it} w_s ε_s: one sparse (stretches × steps) product, a single
        # pass over the draws (weighting them first wrote a copy of them all: 6x slower)
        weights = torch.sparse_coo_tensor(torch.from_numpy(np.stack([k, steps - 1])),
                                          torch.from_numpy(w), (len(u), t_max),
                                          check_invariants=False)
        stretch = torch.sparse.mm(_as(weights, dev, f64),
                                  _as(noise[:t_max].reshape(t_max, -1), dev, f64))
        # the stretches combined (entries A_u / A_v ≤ 1, v ≤ u) and A_u x_0, in one product
        ratio = np.tril(np.exp(np.minimum(la[:, None] - la[None, :], 0.0)))
        out = _as(torch.from_numpy(np.concatenate([coef, ratio], 1)), dev, f64) \
            @ torch.cat([x_flat, stretch])
    else:
        out = _as(torch.from_numpy(coef), dev, f64) * x_flat
    if not bool(torch.isfinite(out).all()):
        raise ValueError("noise must be finite: the chain came out with NaN or inf")
    if ts != u:  # the asked order, repeats included
        pos = {s: i for i, s in enumerate(u)}
        out = out[[pos[s] for s in ts]]
    return _as(out.reshape(len(ts), *x0.shape), dev, x0.dtype)


def _as(x: torch.Tensor, device: torch.device, dtype: torch.dtype) -> torch.Tensor:
    """x on `device` as `dtype`, with no torch call when it already is (each call lets go of
    Python's lock, see chain_path)."""
    return x if x.device == device and x.dtype == dtype else x.to(device, dtype)


def chain_noise(x0: torch.Tensor, steps: int, generator: torch.Generator | None = None):
    """ε_1..ε_steps of `q_sample_chain` (row s-1 is ε_s), drawn as it draws them.

    They do not depend on the schedule: keep them once, and a chain for any T ≤ steps and any
    schedule is `q_sample_chain(..., noise=...)`, the same path as drawing from `generator`.
    """
    check_tensor("x0", x0)
    if int(steps) < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    out = x0.new_empty((int(steps), *x0.shape))
    for row in out:  # one draw per step, as q_sample_chain's: the same numbers for any shape
        row.normal_(generator=generator)
    return out
