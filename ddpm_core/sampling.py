"""The reverse process: DDPM ancestral steps (Ho et al. 2020, Alg. 2) and DDIM (Song et al. 2021).

Time is the paper's t = T..1; a step goes from x_t to x_{t-1} (DDPM) or to x_s,
s < t, on a respaced grid (DDIM; s = 0 is the data). Every stochastic function
takes its noise explicitly (a tensor, or a `torch.Generator` for loops).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import torch

from ._util import check_same_shape, check_t, check_tensor, extract, model_device_dtype
from .posterior import _posterior_mean_from_eps, _predict_x0_from_eps
from .schedule import Schedule

SAMPLERS = ("ddpm", "ddim")


def ddpm_step(sched: Schedule, eps_pred: torch.Tensor, x_t: torch.Tensor, t: int,
              noise: torch.Tensor | None, sigma="beta_tilde") -> torch.Tensor:
    """x_{t-1} = 1/√α_t (x_t - β_t/√(1-ᾱ_t) ε_θ) + σ_t z — Ho et al. 2020, Algorithm 2.

    σ_t² = β_t ("beta"), β̃_t ("beta_tilde"), 0 ("zero": take the mean), or a table
    of variances. z = 0 at t = 1 whatever σ is (Alg. 2 returns the mean there).
    """
    check_tensor("x_t", x_t)
    check_tensor("eps_pred", eps_pred)
    check_same_shape("x_t", x_t, "eps_pred", eps_pred)
    check_t(sched, t, x_t, low=1)
    var = sched.reverse_variance(sigma)
    mean = _posterior_mean_from_eps(sched, x_t, t, eps_pred)  # μ_θ, Ho Eq. (11)
    if noise is None:
        if bool((var[1:] > 0).any()) and not _all_t_one(t):
            raise ValueError("noise is required unless sigma='zero' or t = 1")
        return mean
    check_tensor("noise", noise)
    check_same_shape("x_t", x_t, "noise", noise)
    sigma_t = extract(var.sqrt(), t, x_t)
    not_last = extract((torch.arange(sched.T + 1) > 1).double(), t, x_t)  # z = 0 at t = 1
    return mean + not_last * sigma_t * noise


def _all_t_one(t) -> bool:
    return bool((t == 1).all()) if isinstance(t, torch.Tensor) else int(t) == 1


def ddim_sigma(sched: Schedule, t: int, s: int, eta: float) -> float:
    """σ(η) = η √((1-ᾱ_s)/(1-ᾱ_t)) √(1-ᾱ_t/ᾱ_s) — Song et al. 2021, Eq. (16) (their α = our ᾱ)."""
    ab_t, ab_s = float(sched.alpha_bars[t]), float(sched.alpha_bars[s])
    return eta * math.sqrt((1 - ab_s) / (1 - ab_t)) * math.sqrt(max(1 - ab_t / ab_s, 0.0))


def ddim_step(sched: Schedule, eps_pred: torch.Tensor, x_t: torch.Tensor, t: int, t_prev: int,
              eta: float, noise: torch.Tensor | None, *,
              variance: float | None = None) -> torch.Tensor:
    """x_s = √ᾱ_s x̂_0 + √(1-ᾱ_s-σ²) ε_θ + σ z — Song et al. 2021, Eq. (12), s = t_prev < t.

    η = 0 is deterministic; η = 1 is DDPM (σ² = β̃) on the respaced chain. At s = 0,
    σ = 0 and the step returns x̂_0 for every η. `variance` replaces the noise's σ² only (the
    mean keeps σ(η)): Analytic-DPM's σ*² for the pair (ddpm_core.variance.optimal_variance).
    """
    check_tensor("x_t", x_t)
    check_tensor("eps_pred", eps_pred)
    check_same_shape("x_t", x_t, "eps_pred", eps_pred)
    sched.check_t(t, low=1)
    sched.check_t(t_prev, name="t_prev")
    if not int(t_prev) < int(t):
        raise ValueError(f"t_prev must be < t, got t={t}, t_prev={t_prev}")
    if not (isinstance(eta, (int, float)) and 0.0 <= eta <= 1.0):
        raise ValueError(f"eta must be a number in [0, 1], got eta={eta!r}")
    sigma = ddim_sigma(sched, int(t), int(t_prev), float(eta))
    if variance is not None and not (math.isfinite(variance) and variance >= 0):
        raise ValueError(f"variance must be a finite number >= 0, got variance={variance!r}")
    noise_sd = sigma if variance is None or int(t_prev) == 0 else math.sqrt(variance)
    if noise_sd > 0:
        if noise is None:
            raise ValueError("noise is required when eta > 0 or a variance > 0 is given")
        check_tensor("noise", noise)
        check_same_shape("x_t", x_t, "noise", noise)
    ab_s = float(sched.alpha_bars[int(t_prev)])
    x0_pred = _predict_x0_from_eps(sched, x_t, int(t), eps_pred)  # Ho Eq. (15)
    out = math.sqrt(ab_s) * x0_pred + math.sqrt(max(1 - ab_s - sigma**2, 0.0)) * eps_pred
    return out + noise_sd * noise if noise_sd > 0 else out


def timesteps(T: int, steps: int | None = None) -> list[int]:
    """The visited t, descending, ending at 0: all of T..0, or `steps` evenly spaced ("trailing").

    τ_i = round(i·T/S), i = S..0, so the first step starts at t = T (pure noise).
    """
    if steps is None or steps == T:
        return list(range(T, -1, -1))
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= T:
        raise ValueError(f"steps must be an integer in 1..T={T}, got steps={steps!r}")
    return [round(i * T / steps) for i in range(steps, -1, -1)]


def _validate(model, sched: Schedule, n, sampler, steps, eta, sigma) -> list[int]:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be an integer >= 1, got n={n!r}")
    if sampler not in SAMPLERS:
        raise ValueError(f"sampler must be one of {SAMPLERS}, got sampler={sampler!r}")
    if not _is_analytic(sigma):
        sched.reverse_variance(sigma)  # raises on an unknown choice
    if not (isinstance(eta, (int, float)) and 0.0 <= eta <= 1.0):
        raise ValueError(f"eta must be a number in [0, 1], got eta={eta!r}")
    if sampler == "ddpm" and steps not in (None, sched.T):
        raise ValueError(
            f"steps must be None (all T={sched.T}) for sampler='ddpm', got steps={steps!r}; "
            "use sampler='ddim' with eta=1 for DDPM on a shorter, respaced chain"
        )
    if not hasattr(model, "sample_shape"):
        raise ValueError("model must have a sample_shape (MLP2D, TinyUNet or OracleEps)")
    return timesteps(sched.T, steps)


def _is_analytic(sigma) -> bool:
    return isinstance(sigma, str) and sigma == "analytic"


def _noise_variances(sched: Schedule, sampler: str, ts: list[int], eta: float, sigma,
                     gamma) -> dict | None:
    """For sigma="analytic": the noise variance σ*² of each step t -> s (Bao et al. 2022)."""
    if not _is_analytic(sigma):
        if gamma is not None:
            raise ValueError("gamma is used only with sigma='analytic'")
        return None
    if gamma is None:
        raise ValueError("sigma='analytic' needs gamma, the Γ table of "
                         "ddpm_core.variance.gamma_table")
    from .variance import check_gamma, optimal_variance

    g = check_gamma(sched, gamma)
    if sampler == "ddpm":
        return {t: optimal_variance(sched, g, t) for t in ts[:-1]}
    return {t: optimal_variance(sched, g, t, s, float(eta)) for t, s in zip(ts[:-1], ts[1:])}


def _start(model, sched, n, sampler, steps, eta, sigma, generator, x_T):
    """Checked arguments -> (the visited t, x_T ~ N(0, I) on the model's device, a fresh copy)."""
    ts = _validate(model, sched, n, sampler, steps, eta, sigma)
    device, dtype = model_device_dtype(model)
    shape = (n, *model.sample_shape)
    if x_T is None:
        return ts, torch.randn(shape, generator=generator).to(device, dtype)
    check_tensor("x_T", x_T)
    if tuple(x_T.shape) != shape:
        raise ValueError(f"x_T must have shape {shape}, got {tuple(x_T.shape)}")
    return ts, x_T.to(device, dtype, copy=True)


@torch.inference_mode()
def sample_progressive(
    model, sched: Schedule, n: int, *, sampler: str = "ddpm", steps: int | None = None,
    eta: float = 0.0, sigma="beta_tilde", generator: torch.Generator | None = None,
    x_T: torch.Tensor | None = None, gamma=None,
) -> Iterator[dict]:
    """Yield one dict per step: t, t_prev, x_t, eps_pred, x0_pred, x_prev (fresh tensors).

    For the step-through page: x_T ~ N(0, I) (drawn with `generator` unless given),
    then Algorithm 2 (sampler="ddpm") or DDIM on `steps` respaced steps. sigma="analytic"
    with `gamma` (a Γ table) uses Analytic-DPM's optimal noise variance at every step.
    """
    ts, x = _start(model, sched, n, sampler, steps, eta, sigma, generator, x_T)
    var = _noise_variances(sched, sampler, ts, eta, sigma, gamma)
    device, dtype, shape = x.device, x.dtype, tuple(x.shape)
    for t, s in zip(ts[:-1], ts[1:]):
        eps = model(x, t)
        x0_pred = _predict_x0_from_eps(sched, x, t, eps)
        noise = torch.randn(shape, generator=generator).to(device, dtype)
        if sampler == "ddpm" and var is not None:
            x_prev = ddpm_step(sched, eps, x, t, noise, _one_entry(sched, t, var[t]))
        elif sampler == "ddpm":
            x_prev = ddpm_step(sched, eps, x, t, noise, sigma)
        else:
            x_prev = ddim_step(sched, eps, x, t, s, eta, noise,
                               variance=None if var is None else var[t])
        yield {"t": t, "t_prev": s, "x_t": x, "eps_pred": eps, "x0_pred": x0_pred,
               "x_prev": x_prev}
        x = x_prev


def _one_entry(sched: Schedule, t: int, value: float) -> torch.Tensor:
    table = torch.zeros(sched.T + 1, dtype=torch.float64)
    table[t] = value
    return table


def sample(
    model, sched: Schedule, n: int, *, sampler: str = "ddpm", steps: int | None = None,
    eta: float = 0.0, sigma="beta_tilde", generator: torch.Generator | None = None,
    callback: Callable[[dict], None] | None = None, x_T: torch.Tensor | None = None,
    gamma=None,
) -> torch.Tensor:
    """n samples x_0 from the model — Ho et al. 2020, Algorithm 2, or Song et al. 2021 DDIM.

    `callback(info)` gets the dict of `sample_progressive` after every step. Without a
    callback the loop runs in place with precomputed coefficients (the fast path);
    both paths consume the generator identically and give the same samples.
    """
    if callback is not None:
        x = None
        for info in sample_progressive(model, sched, n, sampler=sampler, steps=steps, eta=eta,
                                       sigma=sigma, generator=generator, x_T=x_T, gamma=gamma):
            callback(info)
            x = info["x_prev"]
        return x
    return _sample_fast(model, sched, n, sampler, steps, eta, sigma, generator, x_T, gamma)


@torch.inference_mode()
def _sample_fast(model, sched, n, sampler, steps, eta, sigma, generator, x_T,
                 gamma=None) -> torch.Tensor:
    ts, x = _start(model, sched, n, sampler, steps, eta, sigma, generator, x_T)
    device, dtype, shape = x.device, x.dtype, tuple(x.shape)
    noise_cpu = torch.empty(shape)
    analytic = _noise_variances(sched, sampler, ts, eta, sigma, gamma)
    if analytic is None:
        var = sched.reverse_variance(sigma)
    else:  # σ*² of each step, indexed by its t
        var = torch.zeros(sched.T + 1, dtype=torch.float64)
        for t, v in analytic.items():
            var[t] = v
    ab = sched.alpha_bars.tolist()
    eps_fn = getattr(model, "sampling_fn", lambda n: model)(n)
    for t, s in zip(ts[:-1], ts[1:]):
        eps = eps_fn(x, t)
        noise_cpu.normal_(generator=generator)  # drawn every step, as sample_progressive does
        if sampler == "ddpm":
            # x_{t-1} = (x_t - β_t/√(1-ᾱ_t) ε)/√α_t + σ_t z  (Ho Alg. 2), in place
            beta, alpha = float(sched.betas[t]), float(sched.alphas[t])
            x.sub_(eps, alpha=beta / math.sqrt(1 - ab[t])).mul_(1 / math.sqrt(alpha))
            sigma_t = math.sqrt(float(var[t])) if t > 1 else 0.0
        else:
            # x_s = √ᾱ_s x̂_0 + √(1-ᾱ_s-σ²) ε + σ z  (Song Eq. 12), x̂_0 = (x - √(1-ᾱ_t) ε)/√ᾱ_t
            sigma_t = ddim_sigma(sched, t, s, float(eta))
            c_x = math.sqrt(ab[s] / ab[t])
            c_eps = math.sqrt(max(1 - ab[s] - sigma_t**2, 0.0)) - c_x * math.sqrt(1 - ab[t])
            x.mul_(c_x).add_(eps, alpha=c_eps)
            if analytic is not None:  # the noise takes Analytic-DPM's σ*², the mean keeps σ(η)
                sigma_t = math.sqrt(float(var[t])) if s > 0 else 0.0
        if sigma_t > 0:
            x.add_(noise_cpu.to(device, dtype), alpha=sigma_t)
    return x


def _fused_eps(model, n: int, T: int):
    """The model's fused sampling pass for n rows (`sampling_fn`), with every step's time rows
    computed up front when it takes `t_max` (MLP2D); the model itself when it has none."""
    make = getattr(model, "sampling_fn", None)
    if make is None:
        return model
    try:
        return make(n, t_max=T)
    except TypeError:  # a sampling_fn without t_max
        return make(n)


@torch.inference_mode()
def sample_sigmas(
    model, sched: Schedule, n: int, sigmas=("beta", "beta_tilde", "zero"), *,
    generator: torch.Generator | None = None, x_T: torch.Tensor | None = None,
    callback: Callable[[dict], None] | None = None, rows: tuple[int, int] | None = None,
) -> torch.Tensor:
    """The DDPM chains (Ho et al. 2020, Alg. 2, all T steps) of several σ_t² choices at once:
    (len(sigmas), n, *sample_shape) samples x_0, block k for sigmas[k].

    Every chain starts from the same x_T and adds the same z_t at each step, as separate
    `sample(model, sched, n, sigma=sigmas[k], generator=g)` calls with equal generators do
    (x_T first, then one z per step): one batched chain of k·n rows, one network call per
    step, with a per-row σ_t. The same samples as those calls to float32 rounding (the
    network on k·n rows and its time rows computed for all t up front round differently).
    `callback(info)` after every step gets fresh tensors: t, t_prev, x_t, eps_pred,
    x0_pred, x_prev (each (k, n, ...)) and noise (the z of the step, (n, ...); unused at
    t = 1, where Alg. 2 takes the mean).

    `rows` = (lo, hi) computes only samples lo..hi-1 of the n, drawing every random number of
    the whole run all the same (so two calls on two threads, rows (0, m) and (m, n), give the
    whole run's samples between them, to float32 rounding): (len(sigmas), hi - lo, ...).
    """
    if isinstance(sigmas, (str, bytes)) or not hasattr(sigmas, "__len__") or len(sigmas) < 1:
        raise ValueError(f"sigmas must be a non-empty sequence of sigma choices, "
                         f"got sigmas={sigmas!r}")
    try:
        tables = [sched.reverse_variance(sg) for sg in sigmas]
    except ValueError as err:
        raise ValueError(f"sigmas: {err}") from None
    ts, x_all = _start(model, sched, n, "ddpm", None, 0.0, "beta_tilde", generator, x_T)
    if rows is None:
        rows = (0, n)
    if (not isinstance(rows, (tuple, list)) or len(rows) != 2
            or not all(isinstance(r, int) and not isinstance(r, bool) for r in rows)
            or not 0 <= rows[0] < rows[1] <= n):
        raise ValueError(f"rows must be a pair (lo, hi) of integers with 0 <= lo < hi <= "
                         f"n={n}, got rows={rows!r}")
    lo, hi = rows
    x_one = x_all[lo:hi]
    k, m = len(sigmas), hi - lo
    device, dtype, shape = x_one.device, x_one.dtype, tuple(x_one.shape)
    x = x_one.unsqueeze(0).repeat(k, *([1] * len(shape)))  # (k, n, ...): every chain's x_T
    flat = x.view(k * m, *shape[1:])
    sd = [t_.sqrt().tolist() for t_ in tables]  # σ_t of each chain, indexed by t
    rows_j = [x[j] for j in range(k)]  # each chain's block, a view taken once
    noise_cpu = torch.empty(tuple(x_all.shape))
    mine = noise_cpu[lo:hi]  # this call's rows of each step's z (refilled in place)
    on_cpu = mine.device == device and mine.dtype == dtype
    ab, betas, alphas = (v.tolist() for v in (sched.alpha_bars, sched.betas, sched.alphas))
    eps_fn = _fused_eps(model, k * m, sched.T)
    # a step is a few dozen small tensor calls, each of which lets go of the GIL and takes it
    # back: with two chains on two threads every call can wait for the other thread, so the
    # loop makes as few calls as it can (tables as Python floats, views taken once)
    for t, s in zip(ts[:-1], ts[1:]):
        eps = eps_fn(flat, t)
        noise_cpu.normal_(generator=generator)  # one z per step, shared by the k chains
        noise = mine if on_cpu else mine.to(device, dtype)
        if callback is not None:
            x_t, eps_k = x.clone(), eps.view_as(x).clone()
        # x_{t-1} = (x_t - β_t/√(1-ᾱ_t) ε)/√α_t + σ_t z  (Ho Alg. 2), in place, as `sample`
        flat.sub_(eps, alpha=betas[t] / math.sqrt(1 - ab[t])).mul_(1 / math.sqrt(alphas[t]))
        if t > 1:  # z = 0 at t = 1
            for j in range(k):
                if sd[j][t] > 0:
                    rows_j[j].add_(noise, alpha=sd[j][t])
        if callback is not None:  # x̂_0 = (x_t - √(1-ᾱ_t) ε)/√ᾱ_t  (Ho Eq. 15)
            x0_pred = (x_t - math.sqrt(1 - ab[t]) * eps_k) / math.sqrt(ab[t])
            callback({"t": t, "t_prev": s, "x_t": x_t, "eps_pred": eps_k, "x0_pred": x0_pred,
                      "x_prev": x.clone(), "noise": noise.clone()})
    return x
