"""Data the app trains on, all generated on the spot (nothing is downloaded).

- `toy_2d(name, n, generator)`: 2-D toy sets, normalized to mean 0 and overall
  standard deviation 1 (one scale for both axes, so shapes keep their aspect).
- `GaussianMixture2D`: a mixture with exact `log_prob` and `sample`; the
  "8gaussians" toy set is one, so the exact ε* oracle applies to it.
- `glyph_digits(n, size, generator)`: digit images 0–9 drawn with Pillow (in `glyphs`).
"""

from __future__ import annotations

import math
from functools import cache

import torch

TOY_DATASETS = ("moons", "swiss_roll", "8gaussians", "checkerboard", "rings", "heart")
MIXTURES = ("8gaussians", "two_gaussians")


class GaussianMixture2D:
    """q(x) = Σ_k π_k N(x; μ_k, Σ_k) in 2-D (float64), with exact density and sampling."""

    def __init__(self, means, covs, weights):
        self.means = torch.as_tensor(means, dtype=torch.float64).clone()  # (K, d)
        self.covs = torch.as_tensor(covs, dtype=torch.float64).clone()  # (K, d, d)
        self.weights = torch.as_tensor(weights, dtype=torch.float64).clone()  # (K,)
        K = self.weights.shape[0] if self.weights.ndim == 1 else -1
        if self.means.ndim != 2 or self.means.shape[0] != K or K < 1:
            raise ValueError(
                f"means must have shape (K, d) and weights (K,), got means "
                f"{tuple(self.means.shape)} and weights {tuple(self.weights.shape)}"
            )
        d = self.means.shape[1]
        if self.covs.shape != (K, d, d):
            raise ValueError(f"covs must have shape {(K, d, d)}, got {tuple(self.covs.shape)}")
        if not all(bool(torch.isfinite(v).all()) for v in (self.means, self.covs, self.weights)):
            raise ValueError("means, covs and weights must be finite")
        if bool((self.weights <= 0).any()) or abs(float(self.weights.sum()) - 1.0) > 1e-9:
            raise ValueError(f"weights must be > 0 and sum to 1, got {self.weights.tolist()}")
        if not torch.allclose(self.covs, self.covs.transpose(1, 2)):
            raise ValueError("covs must be symmetric")
        if bool((torch.linalg.eigvalsh(self.covs) <= 0).any()):
            raise ValueError("covs must be positive definite")
        self._chol = torch.linalg.cholesky(self.covs)

    @property
    def dim(self) -> int:
        return self.means.shape[1]

    def sample(self, n: int, generator: torch.Generator | None = None,
               dtype: torch.dtype = torch.float32) -> torch.Tensor:
        """n draws: k ~ Categorical(π), x = μ_k + L_k z with Σ_k = L_k L_kᵀ."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ValueError(f"n must be an integer >= 1, got n={n!r}")
        k = torch.multinomial(self.weights, n, replacement=True, generator=generator)
        z = torch.randn(n, self.dim, generator=generator, dtype=torch.float64)
        x = self.means[k] + (self._chol[k] @ z.unsqueeze(-1)).squeeze(-1)
        return x.to(dtype)

    def component_log_probs(self, x: torch.Tensor) -> torch.Tensor:
        """(B, K): log π_k + log N(x; μ_k, Σ_k)."""
        x = x.double()
        diff = x.unsqueeze(1) - self.means  # (B, K, d)
        sol = torch.linalg.solve_triangular(
            self._chol.unsqueeze(0), diff.unsqueeze(-1), upper=False
        ).squeeze(-1)  # L_k^{-1}(x - μ_k)
        maha = (sol**2).sum(-1)
        logdet = 2 * torch.log(torch.diagonal(self._chol, dim1=-2, dim2=-1)).sum(-1)  # (K,)
        return torch.log(self.weights) - 0.5 * (maha + logdet + self.dim * math.log(2 * math.pi))

    def log_prob(self, x: torch.Tensor) -> torch.Tensor:
        """log q(x) by log-sum-exp over components, float64, shape (B,)."""
        if not isinstance(x, torch.Tensor) or x.ndim != 2 or x.shape[1] != self.dim:
            raise ValueError(f"x must have shape (B, {self.dim})")
        return torch.logsumexp(self.component_log_probs(x), dim=1)

    def affine(self, scale: float, shift) -> GaussianMixture2D:
        """The law of scale·x + shift (again a mixture)."""
        shift = torch.as_tensor(shift, dtype=torch.float64)
        return GaussianMixture2D(self.means * scale + shift, self.covs * scale**2, self.weights)


def mixture(name: str) -> GaussianMixture2D:
    """A named mixture with exact density, normalized to overall standard deviation 1."""
    if name == "8gaussians":
        # 8 modes on a circle; per-axis variance r²/2 + s² = 1
        s = 0.12
        r = math.sqrt(2 * (1 - s**2))
        ang = torch.arange(8, dtype=torch.float64) * (2 * math.pi / 8)
        means = torch.stack([r * torch.cos(ang), r * torch.sin(ang)], 1)
        covs = torch.eye(2).repeat(8, 1, 1) * s**2
        return GaussianMixture2D(means, covs, torch.full((8,), 1 / 8))
    if name == "two_gaussians":
        # unequal weights and shapes: the posterior E[x_0|x_t] is visibly non-linear
        means = [[-0.9, -0.3], [0.9, 0.45]]
        covs = [[[0.12, 0.05], [0.05, 0.08]], [[0.05, -0.02], [-0.02, 0.15]]]
        return GaussianMixture2D(means, covs, [0.6, 0.4])
    raise ValueError(f"mixture name must be one of {MIXTURES}, got name={name!r}")


def glyph_digits(n: int, size: int = 28, generator: torch.Generator | None = None, **kw):
    """Digits 0–9 drawn with Pillow: (n, 1, size, size) in [-1, 1] and labels (see `glyphs`)."""
    from .glyphs import glyph_digits as draw  # Pillow is imported only when images are asked for

    return draw(n, size, generator, **kw)


# ------------------------------------------------------------------ toy sets
def _raw(name: str, n: int, g: torch.Generator | None) -> torch.Tensor:
    """Un-normalized draws (float64, (n, 2))."""
    u = torch.rand(n, generator=g, dtype=torch.float64)
    e = torch.randn(n, 2, generator=g, dtype=torch.float64)
    if name == "moons":  # two interleaving half circles, noise 0.08 (sklearn's make_moons form)
        upper = torch.rand(n, generator=g) < 0.5
        a = u * math.pi
        x = torch.where(upper, torch.cos(a), 1 - torch.cos(a))
        y = torch.where(upper, torch.sin(a), 0.5 - torch.sin(a))
        return torch.stack([x, y], 1) + 0.08 * e
    if name == "swiss_roll":  # arc-length-uniform points on r = θ, θ ∈ [1.5π, 4.5π]
        th0, th1 = 1.5 * math.pi, 4.5 * math.pi
        theta = torch.sqrt(th0**2 + u * (th1**2 - th0**2))
        return torch.stack([theta * torch.cos(theta), theta * torch.sin(theta)], 1) + 0.35 * e
    if name == "checkerboard":  # 8 filled squares of a 4×4 board
        cell = torch.randint(0, 8, (n,), generator=g)
        row = cell // 2
        col = 2 * (cell % 2) + (row % 2)
        off = torch.rand(n, 2, generator=g, dtype=torch.float64)
        return torch.stack([col + off[:, 0], row + off[:, 1]], 1)
    if name == "rings":  # three concentric rings, points proportional to circumference
        ring = torch.multinomial(torch.tensor([1.0, 2.0, 3.0]), n, replacement=True, generator=g)
        radius = (ring + 1).double()
        a = u * 2 * math.pi
        return torch.stack([radius * torch.cos(a), radius * torch.sin(a)], 1) + 0.08 * e
    if name == "heart":  # the heart curve x = 16 sin³θ, y = 13cosθ - 5cos2θ - 2cos3θ - cos4θ
        a = u * 2 * math.pi
        x = 16 * torch.sin(a) ** 3
        y = 13 * torch.cos(a) - 5 * torch.cos(2 * a) - 2 * torch.cos(3 * a) - torch.cos(4 * a)
        return torch.stack([x, y], 1) + 0.4 * e
    raise AssertionError(name)


@cache
def _norm_constants(name: str) -> tuple[tuple[float, float], float]:
    """Mean and overall std of a set, from a fixed reference draw of 200,000 points."""
    ref = _raw(name, 200_000, torch.Generator().manual_seed(0))
    mean = ref.mean(0)
    std = float(((ref - mean) ** 2).sum(1).mean().div(2).sqrt())
    return (float(mean[0]), float(mean[1])), std


def toy_2d(name: str, n: int, generator: torch.Generator | None = None) -> torch.Tensor:
    """n points of a 2-D toy set as float32 (n, 2), normalized (mean 0, overall std 1)."""
    if name not in TOY_DATASETS:
        raise ValueError(f"name must be one of {TOY_DATASETS}, got name={name!r}")
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be an integer >= 1, got n={n!r}")
    if name == "8gaussians":
        return mixture("8gaussians").sample(n, generator)
    mean, std = _norm_constants(name)
    x = (_raw(name, n, generator) - torch.tensor(mean, dtype=torch.float64)) / std
    return x.float()
