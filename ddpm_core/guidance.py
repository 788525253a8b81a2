"""Conditional generation: classifier guidance (Dhariwal & Nichol 2021) and classifier-free
guidance (Ho & Salimans 2022) — FORMULAS.md §m.

Time is the paper's t = 1..T. Guidance changes the noise prediction, then the usual DDPM or
DDIM step runs with it:
- classifier guidance (Dhariwal & Nichol 2021, Algorithm 2):
  ε̂ = ε_θ(x_t) − s √(1−ᾱ_t) ∇log p(y|x_t);
- classifier-free guidance (Ho & Salimans 2022, Eq. (6)): ε̃ = ε_u + s (ε_c − ε_u),
  s = diffusers' `guidance_scale` (s = 1: no guidance; Ho & Salimans write w = s − 1).
For a Gaussian mixture whose components carry class labels everything is exact: the noisy
classifier p_t(y|x_t) is the class's share of the responsibilities, and each class's ε* is the
oracle of its own sub-mixture (`LabelledMixture`).
"""

from __future__ import annotations

import math

import torch

from ._util import check_tensor, extract
from .data import GaussianMixture2D
from .models import MLP2D
from .schedule import Schedule


def _check_scale(scale) -> float:
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not math.isfinite(scale) \
            or scale < 0:
        raise ValueError(f"scale must be a finite number >= 0, got scale={scale!r}")
    return float(scale)


def _scale_of(scale, like: torch.Tensor):
    """The scale s as a checked number, or a (B,) tensor of per-sample scales (finite, >= 0;
    a grid of scales sampled in one batch) shaped to broadcast against `like` (B, ...)."""
    if isinstance(scale, torch.Tensor) and scale.ndim > 0:
        if scale.ndim != 1 or scale.shape[0] != like.shape[0]:
            raise ValueError(f"scale must be a number or a ({like.shape[0]},) tensor, got shape "
                             f"{tuple(scale.shape)}")
        if not bool(torch.isfinite(scale).all()) or bool((scale < 0).any()):
            raise ValueError("scale must be finite and >= 0 for every sample, got "
                             f"scale={scale.tolist()[:8]}")
        return scale.to(like).view(-1, *([1] * (like.ndim - 1)))
    return _check_scale(scale)


def cfg_eps(eps_cond: torch.Tensor, eps_uncond: torch.Tensor, scale) -> torch.Tensor:
    """ε̃ = ε_u + s (ε_c − ε_u) — Ho & Salimans 2022, Eq. (6) with s = 1 + w (diffusers'
    guidance_scale): s = 0 is unconditional, s = 1 conditional, s > 1 guided. `scale` is a
    number or a (B,) tensor (one s per sample)."""
    check_tensor("eps_cond", eps_cond)
    check_tensor("eps_uncond", eps_uncond)
    if eps_cond.shape != eps_uncond.shape:
        raise ValueError(f"eps_cond and eps_uncond must have one shape, got "
                         f"{tuple(eps_cond.shape)} and {tuple(eps_uncond.shape)}")
    s = _scale_of(scale, eps_cond)
    return eps_uncond + s * (eps_cond - eps_uncond)


def classifier_guided_eps(eps: torch.Tensor, grad_log_p_y: torch.Tensor, sched: Schedule, t,
                          scale) -> torch.Tensor:
    """ε̂ = ε_θ(x_t, t) − s √(1−ᾱ_t) ∇_{x_t} log p_φ(y|x_t) — Dhariwal & Nichol 2021, Algorithm 2
    (guided-diffusion's `condition_score`); t an int or a (B,) tensor in 1..T; `scale` a number
    or a (B,) tensor (one s per sample)."""
    check_tensor("eps", eps)
    check_tensor("grad_log_p_y", grad_log_p_y)
    if eps.shape != grad_log_p_y.shape:
        raise ValueError(f"grad_log_p_y must have the shape of eps {tuple(eps.shape)}, got "
                         f"{tuple(grad_log_p_y.shape)}")
    sched.check_t(t, low=1)
    s = _scale_of(scale, eps)
    sqrt_1m_ab = extract((1 - sched.alpha_bars).sqrt(), t, eps)
    return eps - s * sqrt_1m_ab * grad_log_p_y.to(eps)


class LabelledMixture:
    """A Gaussian mixture whose components carry class labels 0..C−1: p(x|y) is the mixture of
    the class's components (weights renormalised), p(y) the class's total weight."""

    def __init__(self, mix: GaussianMixture2D, labels):
        self.mix = mix
        self.labels = torch.as_tensor(labels, dtype=torch.long)
        K = mix.weights.shape[0]
        if self.labels.shape != (K,):
            raise ValueError(f"labels must have shape ({K},), one per component, got "
                             f"{tuple(self.labels.shape)}")
        self.num_classes = int(self.labels.max()) + 1
        if int(self.labels.min()) < 0 or \
                len(torch.unique(self.labels)) != self.num_classes:
            raise ValueError(f"labels must use every class 0..C−1, got {self.labels.tolist()}")

    def check_y(self, y) -> torch.Tensor:
        yy = torch.as_tensor(y, dtype=torch.long)
        if bool((yy < 0).any()) or bool((yy >= self.num_classes).any()):
            raise ValueError(f"y must be a class in 0..{self.num_classes - 1}, got y={y!r}")
        return yy

    def class_prior(self) -> torch.Tensor:
        """p(y) = Σ_{k∈y} π_k, (C,)."""
        return torch.zeros(self.num_classes, dtype=torch.float64).index_add_(
            0, self.labels, self.mix.weights)

    def conditional(self, y: int) -> GaussianMixture2D:
        """p(x|y): the components of class y, their weights renormalised."""
        y = int(self.check_y(y))
        keep = self.labels == y
        w = self.mix.weights[keep]
        return GaussianMixture2D(self.mix.means[keep], self.mix.covs[keep], w / w.sum())

    def sample(self, n: int, generator: torch.Generator | None = None,
               dtype: torch.dtype = torch.float32) -> tuple[torch.Tensor, torch.Tensor]:
        """n draws (x, y): component k ~ π, x ~ N(μ_k, Σ_k), y = label of k."""
        k = torch.multinomial(self.mix.weights, n, replacement=True, generator=generator)
        z = torch.randn(n, self.mix.dim, generator=generator, dtype=torch.float64)
        x = self.mix.means[k] + (self.mix._chol[k] @ z.unsqueeze(-1)).squeeze(-1)
        return x.to(dtype), self.labels[k]

    def log_p_y(self, sched: Schedule, x_t: torch.Tensor, t, y) -> torch.Tensor:
        """log p_t(y|x_t) = log Σ_{k∈y} w_k(x_t): the exact noisy classifier (FORMULAS.md §m1)."""
        from .oracle import _terms

        yy = self.check_y(y).expand(x_t.shape[0]) if torch.as_tensor(y).ndim == 0 \
            else self.check_y(y)
        lw, _, _ = _terms(self.mix, sched, x_t, t, log_w=True)
        member = self.labels[None, :] == yy[:, None]  # (B, K)
        return torch.logsumexp(lw.masked_fill(~member, -math.inf), dim=1)

    def grad_log_p_y(self, sched: Schedule, x_t: torch.Tensor, t, y) -> torch.Tensor:
        """∇_{x_t} log p_t(y|x_t) = ∇log q_t(x_t|y) − ∇log q_t(x_t): the class's score minus the
        whole mixture's (Bayes' rule; p(y) does not depend on x_t). float64."""
        from .oracle import _terms

        yy = self.check_y(y).expand(x_t.shape[0]) if torch.as_tensor(y).ndim == 0 \
            else self.check_y(y)
        lw, sol, _ = _terms(self.mix, sched, x_t, t, log_w=True)
        member = self.labels[None, :] == yy[:, None]
        # responsibilities within the class, from the logs: finite even where the class's share
        # of the whole underflows (far from the class, e.g. under negative guidance)
        w_y = torch.softmax(lw.masked_fill(~member, -math.inf), dim=1)
        return -((w_y - lw.exp()).unsqueeze(-1) * sol).sum(1)

    def eps_and_grad_log_p_y(self, sched: Schedule, x_t: torch.Tensor, t, y
                             ) -> tuple[torch.Tensor, torch.Tensor]:
        """(ε*(x_t, t) of the whole mixture, ∇_{x_t} log p_t(y|x_t)) from one pass over the
        components — what classifier guidance with the exact classifier needs per step; the same
        numbers as `eps_star(…, y=None)` and `grad_log_p_y` (float64)."""
        from .oracle import _terms

        yy = self.check_y(y).expand(x_t.shape[0]) if torch.as_tensor(y).ndim == 0 \
            else self.check_y(y)
        lw, sol, ab = _terms(self.mix, sched, x_t, t, log_w=True)
        w = lw.exp()
        eps = (1 - ab).sqrt()[:, None] * (w.unsqueeze(-1) * sol).sum(1)
        member = self.labels[None, :] == yy[:, None]
        w_y = torch.softmax(lw.masked_fill(~member, -math.inf), dim=1)
        return eps, -((w_y - w).unsqueeze(-1) * sol).sum(1)

    def eps_star(self, sched: Schedule, x_t: torch.Tensor, t, y=None) -> torch.Tensor:
        """ε*(x_t, t | y) of the class's sub-mixture, or the whole mixture's for y = None."""
        from .oracle import optimal_eps

        if y is None:
            return optimal_eps(self.mix, sched, x_t, t)
        yy = self.check_y(y)
        if yy.ndim == 0:
            return optimal_eps(self.conditional(int(yy)), sched, x_t, t)
        out = torch.empty_like(x_t)
        for c in torch.unique(yy).tolist():
            rows = yy == c
            tt = t[rows] if isinstance(t, torch.Tensor) and t.ndim > 0 else t
            out[rows] = optimal_eps(self.conditional(c), sched, x_t[rows], tt)
        return out


def labelled_mixture(name: str = "4gaussians") -> LabelledMixture:
    """A named labelled mixture: "4gaussians" — 8 Gaussians on a circle (radius 1.6, sd 0.15)
    in 4 classes of two neighbouring modes each, so a class is itself bimodal."""
    if name != "4gaussians":
        raise ValueError(f"name must be '4gaussians', got name={name!r}")
    ang = torch.arange(8, dtype=torch.float64) * (2 * math.pi / 8)
    means = 1.6 * torch.stack([ang.cos(), ang.sin()], 1)
    covs = 0.15**2 * torch.eye(2, dtype=torch.float64).expand(8, 2, 2)
    mix = GaussianMixture2D(means, covs, torch.full((8,), 1 / 8, dtype=torch.float64))
    return LabelledMixture(mix, [0, 0, 1, 1, 2, 2, 3, 3])


class GuidedEps(torch.nn.Module):
    """A class-conditional ε-model as an unconditional one for the samplers: ε̃ of classifier-free
    guidance for class `y` at scale s, the conditional and unconditional calls in one batch.
    `y` and `scale` may also be (B,) tensors: one class and one scale per sample."""

    def __init__(self, model, y, scale):
        super().__init__()
        self.model = model
        self.scale = scale if isinstance(scale, torch.Tensor) and scale.ndim > 0 \
            else _check_scale(scale)
        num = getattr(model, "num_classes", 0)
        yy = torch.as_tensor(y, dtype=torch.long)
        if not num or bool((yy < 0).any()) or bool((yy >= num).any()):
            raise ValueError(f"y must be a class in 0..{num - 1} of a conditional model, got "
                             f"y={y!r}")
        self.y = yy

    @property
    def sample_shape(self) -> tuple:
        return tuple(self.model.sample_shape)

    def sampling_fn(self, n: int, t_max: int | None = None):
        """The samplers' pass for n rows: at s = 1 for one class, the model's fused conditional
        pass (`MLP2D.sampling_fn` with y; ε̃ = ε_c); otherwise this module's `forward`."""
        if not isinstance(self.model, MLP2D) or self.y.ndim \
                or not (isinstance(self.scale, float) and self.scale == 1.0):
            return self
        return self.model.sampling_fn(n, t_max=t_max, y=int(self.y))

    def forward(self, x_t: torch.Tensor, t) -> torch.Tensor:
        B = x_t.shape[0]
        y = self.y.expand(B) if self.y.ndim == 0 else self.y
        if isinstance(self.scale, float) and self.scale == 1.0:
            # ε̃ = ε_u + 1·(ε_c − ε_u) = ε_c: the conditional call alone
            return self.model(x_t, t, y.to(x_t.device))
        null = torch.full((B,), self.model.num_classes, dtype=torch.long)
        shared = getattr(self.model, "forward_shared", None)
        if shared is not None and not torch.is_grad_enabled():
            # TinyUNet: the layers that see neither t nor y run once for both halves
            both = shared(x_t, t, [y.to(x_t.device), null.to(x_t.device)])
            return cfg_eps(both[:B], both[B:], self.scale)
        if isinstance(t, torch.Tensor) and t.ndim > 0:
            t = torch.cat([t, t]).to(x_t.device)
        # one int step stays an int: the model embeds it once for both halves
        both = self.model(torch.cat([x_t, x_t]), t, torch.cat([y, null]).to(x_t.device))
        eps_c, eps_u = both[:B], both[B:]
        return cfg_eps(eps_c, eps_u, self.scale)
