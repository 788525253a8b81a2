"""Noise schedules β_t and every table derived from them.

Index convention (fixed across the project): the paper's time t = 1..T
(Ho et al. 2020). Every table has length T + 1 and is indexed by t directly;
entry 0 stands for x_0: β_0 = 0, α_0 = 1, ᾱ_0 = 1, β̃_0 = 0, snr_0 = +inf, and the
posterior coefficients at 0 are stored as 0 (no transition; never read).

Tables are float64 torch tensors, built once with NumPy's cumulative product
(as improved-diffusion does), so the pinned values in FORMULAS.md §j hold to the
last digit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

SCHEDULE_KINDS = ("linear", "cosine", "quadratic", "sigmoid", "custom")


def _check_T(T: Any) -> int:
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < 1:
        raise ValueError(f"T must be an integer >= 1, got T={T!r}")
    return int(T)


def _check_open_unit(name: str, value: Any) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number in (0, 1), got {name}={value!r}") from None
    if not (0.0 < v < 1.0):
        raise ValueError(f"{name} must lie in the open interval (0, 1), got {name}={value!r}")
    return v


def _ramp(T: int) -> np.ndarray:
    """(t - 1) / (T - 1) for t = 1..T; a single 0 when T = 1 (np.linspace convention)."""
    return np.linspace(0.0, 1.0, T) if T > 1 else np.zeros(1)


@dataclass(frozen=True, eq=False)
class Schedule:
    """A fixed forward process: β_1..β_T and the float64 tables derived from them.

    Build one with `Schedule.linear`, `.cosine`, `.quadratic`, `.sigmoid` or
    `.from_betas`; every table is indexed by the paper's t (entry 0 = x_0).
    """

    betas: torch.Tensor  # (T+1,)  β_t, β_0 = 0
    alphas: torch.Tensor  # (T+1,)  α_t = 1 - β_t
    alpha_bars: torch.Tensor  # (T+1,)  ᾱ_t = Π_{s<=t} α_s, ᾱ_0 = 1
    beta_tildes: torch.Tensor  # (T+1,)  β̃_t = (1 - ᾱ_{t-1}) / (1 - ᾱ_t) · β_t
    posterior_coef_x0: torch.Tensor  # (T+1,)  √ᾱ_{t-1} β_t / (1 - ᾱ_t)
    posterior_coef_xt: torch.Tensor  # (T+1,)  √α_t (1 - ᾱ_{t-1}) / (1 - ᾱ_t)
    snr: torch.Tensor  # (T+1,)  ᾱ_t / (1 - ᾱ_t), snr_0 = +inf
    kind: str = "custom"
    params: dict = field(default_factory=dict)

    # ------------------------------------------------------------------ build
    @classmethod
    def from_betas(cls, betas: Any, *, kind: str = "custom", params: dict | None = None):
        """Schedule from β_1..β_T (1-D, each in (0, 1)); all tables follow — Ho et al. 2020, §2."""
        b = torch.as_tensor(betas, dtype=torch.float64).detach().cpu()
        if b.ndim != 1 or b.numel() < 1:
            raise ValueError(
                f"betas must be a 1-D sequence of length T >= 1, got shape {tuple(b.shape)}"
            )
        if not torch.isfinite(b).all():
            raise ValueError("betas must be finite, got NaN or inf")
        bad = ((b <= 0) | (b >= 1)).nonzero()
        if len(bad):
            t = int(bad[0]) + 1
            raise ValueError(
                f"betas must each lie in the open interval (0, 1); β_{t} = {float(b[t - 1])!r}"
            )
        beta = np.concatenate([[0.0], b.numpy()])  # β_0 = 0 stands for x_0
        alpha = 1.0 - beta
        alpha_bar = np.cumprod(alpha)  # ᾱ_0 = 1
        alpha_bar_prev = np.concatenate([[1.0], alpha_bar[:-1]])  # ᾱ_{t-1}
        one_minus = 1.0 - alpha_bar  # 1 - ᾱ_t, 0 only at t = 0
        with np.errstate(divide="ignore", invalid="ignore"):
            # Ho et al. 2020, Eq. (7); entry 0 is no transition and is stored as 0.
            beta_tilde = np.where(one_minus > 0, (1.0 - alpha_bar_prev) / one_minus * beta, 0.0)
            coef_x0 = np.where(one_minus > 0, np.sqrt(alpha_bar_prev) * beta / one_minus, 0.0)
            coef_xt = np.where(
                one_minus > 0, np.sqrt(alpha) * (1.0 - alpha_bar_prev) / one_minus, 0.0
            )
            snr = np.where(one_minus > 0, alpha_bar / one_minus, np.inf)

        def t64(a: np.ndarray) -> torch.Tensor:
            return torch.from_numpy(np.ascontiguousarray(a, dtype=np.float64))

        return cls(
            betas=t64(beta),
            alphas=t64(alpha),
            alpha_bars=t64(alpha_bar),
            beta_tildes=t64(beta_tilde),
            posterior_coef_x0=t64(coef_x0),
            posterior_coef_xt=t64(coef_xt),
            snr=t64(snr),
            kind=kind,
            params=dict(params or {}),
        )

    @classmethod
    def linear(cls, T: int, beta_1: float = 1e-4, beta_T: float = 0.02, scale_to_T: bool = False):
        """β_t = β_1 + (t-1)/(T-1)·(β_T - β_1) — Ho et al. 2020, §4 (1e-4 → 0.02, T = 1000).

        `scale_to_T=True` multiplies both ends by 1000/T (improved-diffusion's
        convention) so that ᾱ_T stays small when T shrinks. For T = 1 the single
        step is β_1 (np.linspace convention, as Ho's code and diffusers).
        """
        T = _check_T(T)
        b1 = _check_open_unit("beta_1", beta_1)
        bT = _check_open_unit("beta_T", beta_T)
        params = {"T": T, "beta_1": b1, "beta_T": bT, "scale_to_T": bool(scale_to_T)}
        if scale_to_T:
            scale = 1000.0 / T
            b1, bT = b1 * scale, bT * scale
            for name, v in (("beta_1", b1), ("beta_T", bT)):
                if not v < 1.0:
                    raise ValueError(
                        f"{name}·1000/T = {v:.4g} is not below 1 with scale_to_T=True and T={T}; "
                        f"use a larger T, a smaller {name}, or scale_to_T=False"
                    )
        betas = np.linspace(b1, bT, T)  # = β_1 + (t-1)/(T-1)·(β_T - β_1), bit for bit as Ho's code
        return cls.from_betas(betas, kind="linear", params=params)

    @classmethod
    def cosine(cls, T: int, s: float = 0.008, max_beta: float = 0.999):
        """ᾱ(t) = f(t)/f(0), f(t) = cos²((t/T + s)/(1 + s)·π/2) — Nichol & Dhariwal 2021.

    β_t = min(1 - f(t)/f(t-1), max_beta).

        Nichol & Dhariwal 2021, Eq. (17); diffusers `squaredcos_cap_v2`. The tables
        are then rebuilt from the capped β (so ᾱ_T = (1-max_beta)·ᾱ_{T-1} when capped).
        """
        T = _check_T(T)
        try:
            s = float(s)
        except (TypeError, ValueError):
            raise ValueError(f"s must be a number >= 0, got s={s!r}") from None
        if not (s >= 0.0 and math.isfinite(s)):
            raise ValueError(f"s must be a finite number >= 0, got s={s!r}")
        max_beta = _check_open_unit("max_beta", max_beta)

        def f(u: np.ndarray) -> np.ndarray:
            return np.cos((u / T + s) / (1 + s) * math.pi / 2) ** 2

        t = np.arange(1, T + 1, dtype=np.float64)
        betas = np.minimum(1.0 - f(t) / f(t - 1), max_beta)
        betas = np.maximum(betas, np.finfo(np.float64).tiny)  # s = 0: β_1 would be exactly 0
        return cls.from_betas(
            betas, kind="cosine", params={"T": T, "s": s, "max_beta": max_beta}
        )

    @classmethod
    def quadratic(cls, T: int, beta_1: float = 1e-4, beta_T: float = 0.02):
        """β_t = (√β_1 + (t-1)/(T-1)·(√β_T - √β_1))² — Ho's "quad"; diffusers "scaled_linear"."""
        T = _check_T(T)
        b1 = _check_open_unit("beta_1", beta_1)
        bT = _check_open_unit("beta_T", beta_T)
        betas = (math.sqrt(b1) + _ramp(T) * (math.sqrt(bT) - math.sqrt(b1))) ** 2
        return cls.from_betas(
            betas, kind="quadratic", params={"T": T, "beta_1": b1, "beta_T": bT}
        )

    @classmethod
    def sigmoid(cls, T: int, beta_1: float = 1e-4, beta_T: float = 0.02):
        """β_t = sigmoid(-6 + 12·(t-1)/(T-1))·(β_T - β_1) + β_1 — diffusers `sigmoid`.

        The ends are not exactly β_1 and β_T (1.492e-4 and 1.995e-2 for the defaults).
        """
        T = _check_T(T)
        b1 = _check_open_unit("beta_1", beta_1)
        bT = _check_open_unit("beta_T", beta_T)
        betas = 1.0 / (1.0 + np.exp(-(-6.0 + 12.0 * _ramp(T)))) * (bT - b1) + b1
        return cls.from_betas(betas, kind="sigmoid", params={"T": T, "beta_1": b1, "beta_T": bT})

    @classmethod
    def from_config(cls, config: dict) -> Schedule:
        """Rebuild a schedule from `Schedule.config()`; unknown kinds raise ValueError."""
        if not isinstance(config, dict) or "kind" not in config:
            raise ValueError(f"schedule config must be a dict with a 'kind', got {config!r}")
        kind = config["kind"]
        kwargs = {k: v for k, v in config.items() if k != "kind"}
        if kind == "custom":
            return cls.from_betas(kwargs.get("betas"))
        if kind not in SCHEDULE_KINDS:
            raise ValueError(f"schedule kind must be one of {SCHEDULE_KINDS}, got kind={kind!r}")
        try:
            return getattr(cls, kind)(**kwargs)
        except TypeError as e:
            raise ValueError(f"schedule config for kind={kind!r} is invalid: {e}") from None

    # ----------------------------------------------------------------- access
    @property
    def T(self) -> int:
        """Number of diffusion steps."""
        return self.betas.numel() - 1

    def reverse_variance(self, sigma: Any = "beta_tilde") -> torch.Tensor:
        """σ_t² of p_θ(x_{t-1}|x_t) as a (T+1,) float64 table — Ho et al. 2020, §3.2.

        sigma: "beta" (σ_t² = β_t), "beta_tilde" (σ_t² = β̃_t), "zero" (take the mean),
        or a (T+1,) / (T,) sequence of variances (>= 0) given directly.
        """
        if isinstance(sigma, str):
            if sigma == "beta":
                return self.betas
            if sigma == "beta_tilde":
                return self.beta_tildes
            if sigma == "zero":
                return torch.zeros_like(self.betas)
            raise ValueError(
                f"sigma must be 'beta', 'beta_tilde', 'zero' or a table of variances, "
                f"got sigma={sigma!r}"
            )
        v = torch.as_tensor(sigma, dtype=torch.float64).detach().cpu()
        if v.ndim == 1 and v.numel() == self.T:
            v = torch.cat([v.new_zeros(1), v])
        if v.ndim != 1 or v.numel() != self.T + 1:
            raise ValueError(
                f"sigma as a table must have length T = {self.T} or T + 1, "
                f"got shape {tuple(v.shape)}"
            )
        if not bool(torch.isfinite(v).all()) or bool((v < 0).any()):
            raise ValueError("sigma as a table must hold finite variances >= 0")
        return v

    def config(self) -> dict:
        """A JSON-serialisable description that `Schedule.from_config` rebuilds exactly."""
        if self.kind == "custom":
            return {"kind": "custom", "betas": self.betas[1:].tolist()}
        return {"kind": self.kind, **self.params}

    def check_t(self, t: Any, name: str = "t", low: int = 0) -> None:
        """Raise ValueError unless every t lies in low..T (integers)."""
        if isinstance(t, torch.Tensor):
            if t.dtype.is_floating_point or t.dtype == torch.bool:
                raise ValueError(f"{name} must hold integers, got dtype {t.dtype}")
            if t.numel() and (int(t.min()) < low or int(t.max()) > self.T):
                raise ValueError(
                    f"{name} must lie in {low}..{self.T}, got values in "
                    f"{int(t.min())}..{int(t.max())}"
                )
            return
        if isinstance(t, bool) or not isinstance(t, (int, np.integer)):
            raise ValueError(f"{name} must be an integer or an integer tensor, got {name}={t!r}")
        if not low <= t <= self.T:
            raise ValueError(f"{name} must lie in {low}..{self.T}, got {name}={t}")

    def __repr__(self) -> str:
        p = ", ".join(f"{k}={v}" for k, v in self.params.items() if k != "T")
        return f"Schedule.{self.kind}(T={self.T}{', ' + p if p else ''})"


def make_schedule(kind: str, T: int, **kwargs: Any) -> Schedule:
    """Build a schedule by name ("linear", "cosine", "quadratic", "sigmoid")."""
    if kind not in SCHEDULE_KINDS or kind == "custom":
        allowed = SCHEDULE_KINDS[:-1]
        raise ValueError(f"kind must be one of {allowed}, got kind={kind!r}")
    return getattr(Schedule, kind)(T, **kwargs)
