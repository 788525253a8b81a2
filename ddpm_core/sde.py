"""Diffusion as a stochastic differential equation — Song et al. 2021 (score SDE), FORMULAS.md §l.

Time here is continuous, t ∈ [0, 1] (t = 0 is the data). The VP SDE
dx = −½β(t) x dt + √β(t) dw, β(t) = β_min + t(β_max − β_min), has the marginals
q(x_t|x_0) = N(√ᾱ(t) x_0, (1 − ᾱ(t)) I) with ᾱ(t) = exp(−∫₀ᵗ β); DDPM's linear chain of N steps
is its discretisation with β_i = β((i−1)/(N−1))/N (`VPSDE.discrete`). The score is
∇log q_t = −ε*/√(1 − ᾱ(t)). Every function here calls `eps_model(x, t)` with continuous t (a
float or an (N,) tensor): wrap a discrete model with `DiscreteEps`; for Gaussian-mixture data
`MixtureEps` is the exact ε* at any t.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import torch

from ._util import check_tensor
from .schedule import Schedule

SOLVERS = ("euler", "heun")


@dataclass(frozen=True)
class VPSDE:
    """The variance-preserving SDE of Song et al. 2021, Eq. (11); β_min, β_max as in their code."""

    beta_min: float = 0.1
    beta_max: float = 20.0

    def __post_init__(self):
        for name in ("beta_min", "beta_max"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not v > 0 \
                    or not math.isfinite(v):
                raise ValueError(f"{name} must be a finite number > 0, got {name}={v!r}")
        if not self.beta_max >= self.beta_min:
            raise ValueError(f"beta_max must be >= beta_min, got {self.beta_max} < {self.beta_min}")

    @staticmethod
    def check_t(t, name: str = "t") -> torch.Tensor:
        tt = torch.as_tensor(t, dtype=torch.float64)
        if not bool(torch.isfinite(tt).all()) or bool((tt < 0).any()) or bool((tt > 1).any()):
            raise ValueError(f"{name} must lie in [0, 1] (continuous time), got {name}={t!r}")
        return tt

    def beta(self, t) -> torch.Tensor:
        """β(t) = β_min + t (β_max − β_min)."""
        return self.beta_min + self.check_t(t) * (self.beta_max - self.beta_min)

    def alpha_bar(self, t) -> torch.Tensor:
        """ᾱ(t) = exp(−β_min t − ½(β_max − β_min) t²) — Song et al. 2021, Eq. (33)."""
        t = self.check_t(t)
        return torch.exp(-self.beta_min * t - 0.5 * (self.beta_max - self.beta_min) * t**2)

    def discrete(self, N: int = 1000) -> Schedule:
        """The DDPM chain it matches: β_i = β((i−1)/(N−1))/N, i = 1..N (score_sde's
        `linspace(β_min/N, β_max/N, N)`); N = 1000 is Ho et al.'s linear 1e-4 → 0.02."""
        if isinstance(N, bool) or not isinstance(N, int) or N < 2:
            raise ValueError(f"N must be an integer >= 2, got N={N!r}")
        return Schedule.from_betas(torch.linspace(self.beta_min / N, self.beta_max / N, N,
                                                  dtype=torch.float64))


def score_from_eps(eps: torch.Tensor, alpha_bar) -> torch.Tensor:
    """∇log q_t(x) = −ε*/√(1 − ᾱ(t)) — Song et al. 2021, §3 (FORMULAS.md §l3)."""
    ab = torch.as_tensor(alpha_bar, dtype=eps.dtype, device=eps.device)
    if ab.ndim == 1:
        ab = ab.view(-1, *([1] * (eps.ndim - 1)))
    return -eps / (1 - ab).sqrt()


def _as_batch_t(t, n: int) -> torch.Tensor:
    tt = torch.as_tensor(t, dtype=torch.float64)
    return tt.expand(n).clone() if tt.ndim == 0 else tt


class MixtureEps(torch.nn.Module):
    """The exact ε*(x, t) = E[ε | x_t = x] at continuous t for Gaussian-mixture data, with the
    exact divergence ∇·ε* = −√(1−ᾱ) Δlog q_t (the Hessian's trace, in closed form)."""

    def __init__(self, mix, sde: VPSDE):
        super().__init__()
        self.mix, self.sde = mix, sde

    @property
    def sample_shape(self) -> tuple:
        return (self.mix.dim,)

    def _terms(self, x, t, **kw):
        from .oracle import terms_at

        check_tensor("x", x)
        ab = self.sde.alpha_bar(_as_batch_t(t, x.shape[0]))
        return terms_at(self.mix, x, ab, **kw)

    def score(self, x: torch.Tensor, t) -> torch.Tensor:
        """∇log q_t(x) = Σ_k w_k C_k⁻¹(m_k − x), float64."""
        w, sol, _ = self._terms(x, t)
        return -(w.unsqueeze(-1) * sol).sum(1)

    def forward(self, x: torch.Tensor, t) -> torch.Tensor:
        w, sol, ab = self._terms(x, t)
        eps = (1 - ab).sqrt()[:, None] * (w.unsqueeze(-1) * sol).sum(1)
        return eps.to(device=x.device, dtype=x.dtype)

    def divergence(self, x: torch.Tensor, t) -> torch.Tensor:
        """∇·ε* = −√(1−ᾱ) tr ∇²log q_t; tr ∇²log q = Σ_k w_k(‖s_k‖² − tr C_k⁻¹) − ‖Σ_k w_k s_k‖²,
        s_k = C_k⁻¹(m_k − x). (N,) float64."""
        return self.eps_and_divergence(x, t)[1]

    def eps_and_divergence(self, x: torch.Tensor, t) -> tuple[torch.Tensor, torch.Tensor]:
        """(ε*, ∇·ε*) from one evaluation of the mixture's terms."""
        w, sol, ab, tr_inv = self._terms(x, t, with_inverse=True)
        mean_s = -(w.unsqueeze(-1) * sol).sum(1)
        lap = (w * ((sol**2).sum(-1) - tr_inv)).sum(1) - (mean_s**2).sum(1)
        eps = ((1 - ab).sqrt()[:, None] * -mean_s).to(device=x.device, dtype=x.dtype)
        return eps, -(1 - ab).sqrt() * lap


class DiscreteEps(torch.nn.Module):
    """A discrete-time ε-model (t = 1..T) at continuous t ∈ [0, 1]: t ↦ round(t·T), kept in 1..T."""

    def __init__(self, model, T: int):
        super().__init__()
        self.model, self.T = model, int(T)

    @property
    def sample_shape(self) -> tuple:
        return tuple(self.model.sample_shape)

    def step(self, t: float) -> int:
        """The model's step for one continuous time t ∈ [0, 1]: round(t·T), kept in 1..T."""
        t = float(t)
        if not 0.0 <= t <= 1.0:  # also NaN
            raise ValueError(f"t must lie in [0, 1] (continuous time), got t={t!r}")
        return int(min(max(round(t * self.T), 1), self.T))

    def forward(self, x: torch.Tensor, t) -> torch.Tensor:
        if not isinstance(t, torch.Tensor) or t.ndim == 0:
            # one time for the whole batch: an int step, so the model embeds it once (a (B,)
            # tensor of equal steps costs ~3x as much per call for the 2-D MLP)
            return self.model(x, self.step(float(t)))
        tt = VPSDE.check_t(_as_batch_t(t, x.shape[0]))
        idx = (tt * self.T).round().clamp(1, self.T).long().to(x.device)
        return self.model(x, idx)

    def sampling_fn(self, n: int) -> Callable:
        """ε(x, t) for n points at one float t per call: the model's own fused sampling pass
        when it has one (`MLP2D.sampling_fn`; its output is overwritten by the next call)."""
        make = getattr(self.model, "sampling_fn", None)
        if make is None:
            inner = self.model
        else:  # MLP2D: every step's time rows up front (`t_max`), a step indexes them
            try:
                inner = make(n, t_max=self.T)
            except TypeError:  # a sampling_fn without t_max
                inner = make(n)
        return lambda x, t: inner(x, self.step(t))

    def divergence_fn(self, n: int) -> Callable | None:
        """(ε, ∇·ε) for n points at one float t per call: the model's fused forward-mode pass
        (`MLP2D.divergence_fn`, every step's time rows up front) when it has one, else None.
        Its outputs are overwritten by the next call."""
        make = getattr(self.model, "divergence_fn", None)
        if make is None or getattr(self.model, "num_classes", 0):
            return None
        inner = make(n, t_max=self.T)
        return lambda x, t: inner(x, self.step(t))

    def eps_and_divergence(self, x: torch.Tensor, t) -> tuple[torch.Tensor, torch.Tensor]:
        """(ε, ∇·ε): the model's forward-mode divergence when it has one (`MLP2D`), else
        autograd."""
        fn = getattr(self.model, "eps_and_divergence", None)
        if fn is not None and (not isinstance(t, torch.Tensor) or t.ndim == 0):
            return fn(x, self.step(float(t)))
        return _autograd_divergence(self, x, t)


def time_grid(sde: VPSDE, steps: int, t_min: float, rho: float = 7.0) -> list[float]:
    """steps + 1 times from 1 down to t_min, evenly spaced in σ^(1/ρ), σ(t) = √((1−ᾱ(t))/ᾱ(t))
    (Karras et al. 2022, Eq. (5)): small steps where the flow bends fast, near the data."""
    _check_run(None, None, steps, t_min)
    def sigma(t):
        ab = float(sde.alpha_bar(t))
        return math.sqrt((1 - ab) / ab)

    def t_of_sigma(sig):  # ½(β_max−β_min)t² + β_min t = log(1 + σ²)
        a, b, c = 0.5 * (sde.beta_max - sde.beta_min), sde.beta_min, -math.log1p(sig**2)
        return -c / b if a == 0 else (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)

    hi, lo = sigma(1.0) ** (1 / rho), sigma(t_min) ** (1 / rho)
    ts = [t_of_sigma((hi + i / steps * (lo - hi)) ** rho) for i in range(steps + 1)]
    ts[0], ts[-1] = 1.0, float(t_min)
    return ts


def _model_io(eps_model):
    p = next(iter(getattr(eps_model, "parameters", lambda: iter(()))()), None)
    return (p.device, p.dtype) if p is not None else (torch.device("cpu"), torch.float64)


def _check_run(eps_model, n, steps, t_min, solver=None):
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ValueError(f"steps must be an integer >= 1, got steps={steps!r}")
    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
        raise ValueError(f"n must be an integer >= 1, got n={n!r}")
    if not (isinstance(t_min, (int, float)) and 0 < t_min < 1):
        raise ValueError(f"t_min must lie in (0, 1), got t_min={t_min!r}")
    if solver is not None and solver not in SOLVERS:
        raise ValueError(f"solver must be one of {SOLVERS}, got solver={solver!r}")
    if eps_model is not None and not hasattr(eps_model, "sample_shape"):
        raise ValueError("eps_model must have a sample_shape (MixtureEps, DiscreteEps, a model)")


def _start(eps_model, n, generator, x_T):
    device, dtype = _model_io(eps_model)
    shape = (n, *eps_model.sample_shape)
    if x_T is None:
        return torch.randn(shape, generator=generator, dtype=torch.float64).to(device, dtype)
    check_tensor("x_T", x_T)
    if tuple(x_T.shape) != shape:
        raise ValueError(f"x_T must have shape {shape}, got {tuple(x_T.shape)}")
    return x_T.to(device, dtype, copy=True)


def ode_drift(eps_model, sde: VPSDE, x: torch.Tensor, t: float) -> torch.Tensor:
    """dx/dt = −½β(t)[x − ε_θ(x, t)/√(1−ᾱ(t))] — Song et al. 2021, Eq. (13) (probability flow)."""
    beta, ab = float(sde.beta(t)), float(sde.alpha_bar(t))
    return -0.5 * beta * (x - eps_model(x, t) / math.sqrt(1 - ab))


def _coefficients(sde: VPSDE, ts: list[float]) -> tuple[list[float], list[float]]:
    """β(t) and √(1 − ᾱ(t)) at each grid time, as Python floats (the loops' per-step scalars;
    the same formulas as `VPSDE.beta` and `VPSDE.alpha_bar`, to float64 rounding)."""
    b0, db = sde.beta_min, sde.beta_max - sde.beta_min
    betas = [b0 + t * db for t in ts]
    sq = [math.sqrt(-math.expm1(-b0 * t - 0.5 * db * t * t)) for t in ts]
    return betas, sq


def _eps_fn(eps_model, n: int) -> Callable:
    """ε(x, t) for the samplers' loops: a fused pass for n points when the model offers one
    (`DiscreteEps.sampling_fn`; the result is overwritten by the next call), else the model."""
    make = getattr(eps_model, "sampling_fn", None)
    return make(n) if make is not None else eps_model


@torch.no_grad()
def sample_sde(eps_model, sde: VPSDE, n: int, steps: int = 1000,
               generator: torch.Generator | None = None, *, t_min: float = 1e-3,
               x_T: torch.Tensor | None = None,
               callback: Callable[[dict], None] | None = None) -> torch.Tensor:
    """Euler–Maruyama for dx = [f − g²∇log q_t] dt + g dw̄ from t = 1 to t_min — Song et al. 2021,
    Eq. (6): x ← x + [½β x + β ∇log q_t] Δ + √(βΔ) z, with ∇log q_t = −ε_θ/√(1−ᾱ(t)).

    x_T ~ N(0, I) unless given; the last step adds no noise (it returns its mean, as DDPM's
    t = 1 step does). z is drawn in float64 from `generator`, one (n, ...) draw per step.
    """
    _check_run(eps_model, n, steps, t_min)
    x = _start(eps_model, n, generator, x_T)
    ts = torch.linspace(1.0, t_min, steps + 1, dtype=torch.float64).tolist()
    betas, sq = _coefficients(sde, ts)
    eps_fn, z = _eps_fn(eps_model, n), torch.empty(x.shape, dtype=torch.float64)
    z_x = z if x.dtype == z.dtype and x.device == z.device else torch.empty_like(x)
    for i in range(steps):
        dt = ts[i] - ts[i + 1]
        # x ← x(1 + ½βΔ) − (βΔ/√(1−ᾱ)) ε_θ(x, t): the drift step, in place
        e = eps_fn(x, ts[i])
        x.mul_(1 + 0.5 * betas[i] * dt).add_(e, alpha=-betas[i] * dt / sq[i])
        if i < steps - 1:
            z.normal_(generator=generator)
            if z_x is not z:
                z_x.copy_(z)  # z in x's dtype, no fresh tensor per step
            x.add_(z_x, alpha=math.sqrt(betas[i] * dt))  # + √(βΔ) z
        if callback is not None:
            callback({"t": ts[i], "t_next": ts[i + 1], "x": x.clone()})
    return x


@torch.no_grad()
def sample_ode(eps_model, sde: VPSDE, n: int, steps: int = 100, solver: str = "heun",
               generator: torch.Generator | None = None, *, t_min: float = 1e-3,
               x_T: torch.Tensor | None = None,
               callback: Callable[[dict], None] | None = None) -> torch.Tensor:
    """The probability-flow ODE dx/dt = −½β(t)[x − ε_θ/√(1−ᾱ(t))] from t = 1 to t_min —
    Song et al. 2021, Eq. (13); `solver` "euler" (steps calls) or "heun" (2·steps − 1 calls).

    Deterministic given x_T (drawn from N(0, I) with `generator` unless given).
    """
    _check_run(eps_model, n, steps, t_min, solver)
    x = _start(eps_model, n, generator, x_T)
    ts = time_grid(sde, steps, t_min)
    betas, sq = _coefficients(sde, ts)
    eps_fn = _eps_fn(eps_model, n)
    for i in range(steps):
        h, b, c = ts[i + 1] - ts[i], betas[i], 0.5 * betas[i] / sq[i]
        if solver == "euler":  # x ← x + h·drift = x(1 − ½βh) + h(½β/√(1−ᾱ)) ε
            e = eps_fn(x, ts[i])
            x.mul_(1 - 0.5 * b * h).add_(e, alpha=h * c)
        else:  # Heun: the Euler guess x_e = x + h d₁, then x ← x + h(d₁ + d₂)/2
            d1 = torch.mul(x, -0.5 * b).add_(eps_fn(x, ts[i]), alpha=c)
            x_e = torch.add(x, d1, alpha=h)
            b2, c2 = betas[i + 1], 0.5 * betas[i + 1] / sq[i + 1]
            d1.add_(x_e, alpha=-0.5 * b2).add_(eps_fn(x_e, ts[i + 1]), alpha=c2)
            x.add_(d1, alpha=0.5 * h)
        if callback is not None:
            callback({"t": ts[i], "t_next": ts[i + 1], "x": x.clone()})
    return x


def _divergence(eps_model, x: torch.Tensor, t: float) -> tuple[torch.Tensor, torch.Tensor]:
    """ε_θ(x, t) and its exact divergence Σ_i ∂ε_i/∂x_i: the model's own `eps_and_divergence`
    when it has one (the mixture oracle's closed form, the MLP's forward mode), else autograd,
    one backward pass per coordinate."""
    fn = getattr(eps_model, "eps_and_divergence", None)
    if fn is not None:
        with torch.no_grad():
            eps, div = fn(x, t)
            return eps, div.to(x)
    return _autograd_divergence(eps_model, x, t)


def _autograd_divergence(eps_model, x: torch.Tensor, t) -> tuple[torch.Tensor, torch.Tensor]:
    with torch.enable_grad():
        xg = x.detach().requires_grad_(True)
        eps = eps_model(xg, t)
        flat_e, d = eps.flatten(1), eps[0].numel()
        div = torch.zeros(x.shape[0], dtype=x.dtype, device=x.device)
        for i in range(d):
            (g,) = torch.autograd.grad(flat_e[:, i].sum(), xg, retain_graph=i < d - 1)
            div += g.flatten(1)[:, i]
    return eps.detach(), div


def _normal_log_prob(x: torch.Tensor) -> torch.Tensor:
    d = x[0].numel()
    return -0.5 * (x.double().flatten(1) ** 2).sum(1) - 0.5 * d * math.log(2 * math.pi)


def ode_log_likelihood(eps_model, sde: VPSDE, x0: torch.Tensor, steps: int = 100,
                       solver: str = "heun", *, t_min: float = 1e-5,
                       prior: Callable[[torch.Tensor], torch.Tensor] | None = None
                       ) -> torch.Tensor:
    """log p_{t_min}(x0) = log p_1(x(1)) + ∫ ∇·f̃(x(t), t) dt along the probability-flow ODE —
    Song et al. 2021, App. D.2 (instantaneous change of variables), in nats, (N,) float64.

    ∇·f̃ = −½β(t)[d − ∇·ε_θ/√(1−ᾱ(t))], the exact divergence (no Hutchinson estimate).
    `prior` is log p_1 (default: N(0, I); the exact q_1 differs from it by ~ᾱ(1)).
    """
    _check_run(eps_model, None, steps, t_min, solver)
    check_tensor("x0", x0)
    device, dtype = _model_io(eps_model)
    x = x0.to(device, dtype)
    d = x[0].numel()

    ts = time_grid(sde, steps, t_min)[::-1]
    betas, sq = _coefficients(sde, ts)
    make = getattr(eps_model, "divergence_fn", None)
    fused = make(x.shape[0]) if make is not None else None
    div_fn = (lambda x, t: _divergence(eps_model, x, t)) if fused is None else fused

    def rates(x, i):
        eps, div_eps = div_fn(x, ts[i])
        drift = (x - eps / sq[i]).mul_(-0.5 * betas[i])
        div = (d - div_eps.double() / sq[i]).mul_(-0.5 * betas[i])
        return drift, div

    delta = torch.zeros(x.shape[0], dtype=torch.float64, device=device)
    for i in range(steps):
        h = ts[i + 1] - ts[i]
        f1, g1 = rates(x, i)
        if solver == "euler":
            x, delta = x + h * f1, delta + h * g1
        else:
            f2, g2 = rates(x + h * f1, i + 1)
            x, delta = x + 0.5 * h * (f1 + f2), delta + 0.5 * h * (g1 + g2)
    log_p1 = (prior or _normal_log_prob)(x.detach()).double().to(device)
    return (log_p1 + delta).cpu()
