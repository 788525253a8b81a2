"""Latent diffusion in miniature (FORMULAS.md §p): PCA of the glyph digits as an exact linear
autoencoder, per-class Gaussian mixtures in its latent (so ε*_z and guidance are exact), and a
toy text-to-image pipeline: text encoder → generator in the latent → decoder (seed 002).

- `PCAAutoencoder`: U = top-d eigenvectors of Cov(x) (orthonormal), z = Uᵀ(x − m),
  x̂ = m + Uz = m + UUᵀ(x − m) (orthogonal projection); E‖x − x̂‖² = Σ_{j>d} λ_j and
  Cov(z) = diag(λ_1..λ_d) on the data it was fitted to `[p1]`.
- `fit_class_mixture`: a `guidance.LabelledMixture` in z (one or more Gaussians per class), so
  classifier-free and classifier guidance run with the exact ε*_z (FORMULAS §m) and DDIM.
- `eps_x_from_latent`: data on the plane x_0 = m + Uz_0 diffuse as z does:
  ε*_x(x) = U ε*_z(Uᵀ(x − √ᾱ_t m)) + (I − UUᵀ)(x − √ᾱ_t m)/√(1 − ᾱ_t) `[p2]`; ⚠ the offset at
  time t is √ᾱ_t m, not m.
- `encode_text` / `text_to_image`: a bilingual word → class lookup, CFG + DDIM in the latent,
  decode to 16×16 pixels, with each stage's time and tensor shapes.
Time is the paper's t = 1..T. Bad input raises ValueError naming the argument.
"""

from __future__ import annotations

import functools
import time
import unicodedata

import torch

from .data import GaussianMixture2D
from .guidance import LabelledMixture, cfg_eps, classifier_guided_eps
from .schedule import Schedule


# ------------------------------------------------------------------ PCA autoencoder
class PCAAutoencoder:
    """z = Uᵀ(x − m), x̂ = m + Uz — PCA as an exact linear autoencoder (FORMULAS §p1)."""

    def __init__(self, mean: torch.Tensor, eigvecs: torch.Tensor, eigvals: torch.Tensor, d: int,
                 data_shape: tuple):
        self.mean, self.eigvecs, self.eigvals = mean, eigvecs, eigvals  # (D,), (D, D), (D,)
        self.d, self.data_shape = d, tuple(data_shape)
        self.U = eigvecs[:, :d]  # (D, d), orthonormal columns

    @classmethod
    def fit(cls, data: torch.Tensor, d: int) -> PCAAutoencoder:
        """m = mean, Cov(x) = (1/N)Σ(x − m)(x − m)ᵀ = V diag(λ) Vᵀ (λ descending), U = V[:, :d]
        — FORMULAS §p1. data: (N, ...) floating, flattened; float64 inside."""
        if not isinstance(data, torch.Tensor) or not data.dtype.is_floating_point \
                or data.ndim < 2 or data.shape[0] < 2 or not bool(torch.isfinite(data).all()):
            raise ValueError("data must be a finite floating (N >= 2, ...) tensor")
        x = data.detach().flatten(1).to(torch.float64)
        D = x.shape[1]
        if isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= D:
            raise ValueError(f"d must be an integer in 1..{D}, got d={d!r}")
        m = x.mean(0)
        cov = (x - m).T @ (x - m) / x.shape[0]
        lam, V = torch.linalg.eigh(cov)
        lam, V = lam.flip(0).clamp_min(0.0), V.flip(1)
        V = V * torch.sign(V[V.abs().argmax(0), torch.arange(D)])  # a fixed sign per vector
        return cls(m, V, lam, d, tuple(data.shape[1:]))

    @property
    def D(self) -> int:
        """D = dim x (pixels)."""
        return self.mean.shape[0]

    def _flat(self, x) -> torch.Tensor:
        if not isinstance(x, torch.Tensor) or not x.dtype.is_floating_point or x.ndim < 2 \
                or x[0].numel() != self.D:
            shape = tuple(x.shape) if isinstance(x, torch.Tensor) else type(x).__name__
            raise ValueError(f"x must be a floating (N, ...) tensor of {self.D} values per row, "
                             f"got {shape}")
        return x.flatten(1).to(torch.float64)

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        """z = Uᵀ(x − m), (N, d) float64."""
        return (self._flat(x) - self.mean) @ self.U

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """x̂ = m + Uz in the data's shape, float64."""
        if not isinstance(z, torch.Tensor) or z.ndim != 2 or z.shape[1] != self.d:
            raise ValueError(f"z must have shape (N, {self.d})")
        return (self.mean + z.to(torch.float64) @ self.U.T).view(z.shape[0], *self.data_shape)

    def reconstruct(self, x: torch.Tensor) -> torch.Tensor:
        """x̂ = m + UUᵀ(x − m): the orthogonal projection onto the plane."""
        return self.decode(self.encode(x))

    def expected_error(self) -> float:
        """E‖x − x̂‖² = Σ_{j>d} λ_j on the fitted data (the discarded variance)."""
        return float(self.eigvals[self.d:].sum())

    def explained(self) -> float:
        """Σ_{j≤d} λ_j / Σ_j λ_j: the share of the variance the latent keeps."""
        return float(self.eigvals[:self.d].sum() / self.eigvals.sum())


# ------------------------------------------------------------------ mixtures in the latent
def _em_gaussians(z: torch.Tensor, k: int, reg: float, g: torch.Generator, iters: int = 30):
    """k-component Gaussian mixture by EM (start: k random points as means, shared covariance)."""
    n, d = z.shape
    eye = torch.eye(d, dtype=torch.float64)
    means = z[torch.randperm(n, generator=g)[:k]].clone()
    covs = (torch.cov(z.T).reshape(d, d) + reg * eye).expand(k, d, d).clone()
    w = torch.full((k,), 1.0 / k, dtype=torch.float64)
    for _ in range(iters):
        mix = GaussianMixture2D(means, covs, w / w.sum())
        r = torch.softmax(mix.component_log_probs(z), 1)  # (n, k) responsibilities
        nk = r.sum(0).clamp_min(1e-9)
        means = (r.T @ z) / nk[:, None]
        diff = z[:, None, :] - means  # (n, k, d)
        covs = torch.einsum("nk,nki,nkj->kij", r, diff, diff) / nk[:, None, None] + reg * eye
        w = nk / n
    return means, covs, w / w.sum()


def fit_class_mixture(z: torch.Tensor, labels: torch.Tensor, components: int = 1,
                      reg: float = 1e-3, generator: torch.Generator | None = None
                      ) -> LabelledMixture:
    """p(z) = Σ_c p(c) Σ_k π_{c,k} N(z; μ_{c,k}, Σ_{c,k} + reg·I), fitted per class (maximum
    likelihood; EM when components > 1) — a `LabelledMixture` (FORMULAS §m, §p2)."""
    if not isinstance(z, torch.Tensor) or z.ndim != 2 or not bool(torch.isfinite(z).all()):
        raise ValueError("z must be a finite (N, d) tensor")
    labels = torch.as_tensor(labels, dtype=torch.long).reshape(-1)
    if labels.shape[0] != z.shape[0]:
        raise ValueError(f"labels must have shape ({z.shape[0]},), got {tuple(labels.shape)}")
    if isinstance(components, bool) or not isinstance(components, int) or components < 1:
        raise ValueError(f"components must be an integer >= 1, got components={components!r}")
    if isinstance(reg, bool) or not isinstance(reg, (int, float)) or not reg > 0:
        raise ValueError(f"reg must be a number > 0, got reg={reg!r}")
    z = z.to(torch.float64)
    g = generator if generator is not None else torch.Generator().manual_seed(0)
    classes = torch.unique(labels).tolist()
    if classes != list(range(len(classes))):
        raise ValueError(f"labels must use every class 0..C−1, got {classes}")
    means, covs, weights, labs = [], [], [], []
    for c in classes:
        zc = z[labels == c]
        if zc.shape[0] < components * (z.shape[1] + 1):
            raise ValueError(f"labels: class {c} has {zc.shape[0]} points, too few for "
                             f"{components} Gaussian(s) in {z.shape[1]} dimensions")
        m, S, w = _em_gaussians(zc, components, float(reg), g)
        means.append(m)
        covs.append(S)
        weights.append(w * zc.shape[0] / z.shape[0])
        labs += [c] * components
    mix = GaussianMixture2D(torch.cat(means), torch.cat(covs), torch.cat(weights))
    return LabelledMixture(mix, labs)


GUIDANCE = ("cfg", "classifier")


class LatentGuidedEps(torch.nn.Module):
    """The exact guided ε in the latent as a model for `sampling.sample`: classifier-free
    ε_u + s(ε*_c − ε*_u) (HS Eq. 6) or classifier ε*_u − s√(1−ᾱ_t)∇log p_t(c|z) (DN Alg. 2);
    the two agree for every s on an exact mixture (FORMULAS §m2). `scale` is a number or a (B,)
    tensor, one s per row of z_t (a whole grid of scales sampled in one batch)."""

    def __init__(self, lm: LabelledMixture, sched: Schedule, y: int, scale: float,
                 guidance: str = "cfg"):
        super().__init__()
        if guidance not in GUIDANCE:
            raise ValueError(f"guidance must be one of {GUIDANCE}, got guidance={guidance!r}")
        self.lm, self.sched, self.y = lm, sched, int(lm.check_y(y))
        if isinstance(scale, torch.Tensor) and scale.ndim > 0:  # one s per row: a scale grid
            cfg_eps(torch.zeros(scale.shape[0]), torch.zeros(scale.shape[0]), scale)  # checks
            self.scale = scale.detach().to(torch.float64).clone()
        else:
            cfg_eps(torch.zeros(1), torch.zeros(1), scale)  # checks scale
            self.scale = float(scale)
        self.guidance = guidance
        self._member = (lm.labels == self.y).double()[None, :]  # (1, K)
        # Σ_k = Q_k diag(λ_k) Q_kᵀ once, so C_k = ᾱΣ_k + (1−ᾱ)I = Q_k diag(ᾱλ_k + 1 − ᾱ) Q_kᵀ
        # needs no factorisation per step (no LAPACK call inside the sampling loop)
        self._lam, self._Q = torch.linalg.eigh(lm.mix.covs)  # (K, d), (K, d, d)
        self._logpi = lm.mix.weights.log()

    @property
    def sample_shape(self) -> tuple:
        """(d,): the latent's shape, what `sampling.sample` draws z_T ~ N(0, I) in."""
        return (self.lm.mix.dim,)

    def responsibilities(self, z_t: torch.Tensor, t) -> tuple:
        """w_k(z_t) ∝ π_k N(z_t; √ᾱ_t μ_k, C_k) (B, K), C_k⁻¹(z_t − √ᾱ_t μ_k) (B, K, d), ᾱ_t (B,)
        — as `oracle._terms`, through the eigenvectors of Σ_k. float64."""
        z = z_t.detach().to(torch.float64)
        if z.ndim != 2 or z.shape[1] != self.lm.mix.dim:
            raise ValueError(f"z_t must have shape (B, {self.lm.mix.dim}), got "
                             f"{tuple(z_t.shape)}")
        self.sched.check_t(t, low=1)
        if isinstance(t, torch.Tensor) and t.ndim > 0:
            ab = self.sched.alpha_bars[t.cpu().long()].reshape(-1)
        else:
            ab = self.sched.alpha_bars[int(t)].expand(z.shape[0])
        c = ab[:, None, None] * self._lam + (1 - ab)[:, None, None]  # (B, K, d) eigenvalues of C
        diff = z[:, None, :] - ab.sqrt()[:, None, None] * self.lm.mix.means  # (B, K, d)
        proj = torch.einsum("kij,bki->bkj", self._Q, diff)  # Q_kᵀ(z − m_k)
        sol = torch.einsum("kij,bkj->bki", self._Q, proj / c)  # C_k⁻¹(z − m_k)
        logw = self._logpi - 0.5 * ((proj**2 / c).sum(-1) + c.log().sum(-1))
        return torch.softmax(logw, 1), sol, ab

    def forward(self, z_t: torch.Tensor, t) -> torch.Tensor:
        """One evaluation of the mixture's responsibilities w_k serves both ε*_u = √(1−ᾱ)Σ_k w_k
        C_k⁻¹(z − m_k) and ε*_c (the class's w_k renormalised = its sub-mixture's)."""
        w, sol, ab = self.responsibilities(z_t, t)
        w_c = w * self._member
        w_c = w_c / w_c.sum(1, keepdim=True)
        eps_u = (1 - ab).sqrt()[:, None] * (w.unsqueeze(-1) * sol).sum(1)
        if self.guidance == "cfg":
            eps_c = (1 - ab).sqrt()[:, None] * (w_c.unsqueeze(-1) * sol).sum(1)
            return cfg_eps(eps_c, eps_u, self.scale).to(z_t)
        grad = -((w_c - w).unsqueeze(-1) * sol).sum(1)  # ∇ log p_t(c|z), as guidance does
        return classifier_guided_eps(eps_u, grad, self.sched, t, self.scale).to(z_t)


def encode_noisy(pca: PCAAutoencoder, sched: Schedule, x_t: torch.Tensor, t: int) -> torch.Tensor:
    """z_t = Uᵀ(x_t − √ᾱ_t m): the latent of a noisy x_t (FORMULAS §p2; offset √ᾱ_t m)."""
    sched.check_t(t)
    return (pca._flat(x_t) - float(sched.alpha_bars[int(t)]) ** 0.5 * pca.mean) @ pca.U


def eps_x_from_latent(pca: PCAAutoencoder, eps_z, sched: Schedule, x_t: torch.Tensor,
                      t: int) -> torch.Tensor:
    """ε*_x(x) = U ε*_z(Uᵀ(x − √ᾱ_t m)) + (I − UUᵀ)(x − √ᾱ_t m)/√(1 − ᾱ_t) — FORMULAS §p2, for
    data on the plane x_0 = m + Uz_0; eps_z(z_t, t) is the latent's ε. (N, D) float64."""
    sched.check_t(t, low=1)
    ab = float(sched.alpha_bars[int(t)])
    y = pca._flat(x_t) - ab**0.5 * pca.mean
    z = y @ pca.U
    perp = y - z @ pca.U.T
    return eps_z(z, int(t)).to(torch.float64) @ pca.U.T + perp / (1 - ab) ** 0.5


def grad_x_from_latent(pca: PCAAutoencoder, grad_z: torch.Tensor) -> torch.Tensor:
    """∇_x log p_t(c|x) = U ∇_z log p_t(c|z) (FORMULAS §p2): the classifier sees only z."""
    return grad_z.to(torch.float64) @ pca.U.T


# ------------------------------------------------------------------ the toy pipeline
DIGIT_WORDS: dict[int, tuple[str, ...]] = {
    0: ("zero", "0", "零", "〇"), 1: ("one", "1", "一"), 2: ("two", "2", "二", "两"),
    3: ("three", "3", "三"), 4: ("four", "4", "四"), 5: ("five", "5", "五"),
    6: ("six", "6", "六"), 7: ("seven", "7", "七"), 8: ("eight", "8", "八"),
    9: ("nine", "9", "九"),
}
_LOOKUP = {w: c for c, words in DIGIT_WORDS.items() for w in words}


def known_words() -> list[str]:
    """∪_c DIGIT_WORDS[c]: every word the toy text encoder knows, digit by digit."""
    return [w for words in DIGIT_WORDS.values() for w in words]


def encode_text(prompt: str) -> int:
    """c = lookup(normalise(prompt)): the toy text encoder, English and Chinese words for the
    digits (NFKC, lower case, surrounding spaces dropped) → class id 0..9."""
    if not isinstance(prompt, str):
        raise ValueError(f"prompt must be a string, got {type(prompt).__name__}")
    key = unicodedata.normalize("NFKC", prompt).strip().lower()
    if not key:
        raise ValueError(f"prompt is empty; known words: {', '.join(known_words())}")
    if key not in _LOOKUP:
        raise ValueError(f"prompt={prompt!r} is not a known word; known words: "
                         f"{', '.join(known_words())}")
    return _LOOKUP[key]


class LatentPipeline:
    """Decoder (PCA) + labelled mixture in its latent + schedule: what `text_to_image` runs."""

    def __init__(self, pca: PCAAutoencoder, lm: LabelledMixture, sched: Schedule,
                 build_seconds: float = 0.0):
        self.pca, self.lm, self.sched, self.build_seconds = pca, lm, sched, build_seconds


# the default toy: 16×16 digits, a 16-dim latent (74 % of the variance), 2 Gaussians per class;
# "seven" at s = 3, DDIM 50: 93 of 100 seeds recognised as 7 by glyphs.nearest_template (s = 1: 71)
PIPELINE = {"n_data": 4000, "image_size": 16, "d": 16, "components": 2, "seed": 0}


def build_pipeline(n_data: int = PIPELINE["n_data"], d: int = PIPELINE["d"],
                   components: int = PIPELINE["components"], seed: int = PIPELINE["seed"],
                   sched: Schedule | None = None, image_size: int = PIPELINE["image_size"]
                   ) -> LatentPipeline:
    """U = top-d eigenvectors of Cov(x) on n_data glyph digits (§p1), then `components`
    Gaussians per class in z = Uᵀ(x − m) (`fit_class_mixture`)."""
    from .data import glyph_digits

    t0 = time.perf_counter()
    g = torch.Generator().manual_seed(seed)
    x, labels = glyph_digits(n_data, image_size, g)
    pca = PCAAutoencoder.fit(x, d)
    lm = fit_class_mixture(pca.encode(x), labels, components, generator=g)
    return LatentPipeline(pca, lm, sched if sched is not None else Schedule.linear(1000),
                          time.perf_counter() - t0)


@functools.lru_cache(maxsize=2)
def default_pipeline() -> LatentPipeline:
    """The default pipeline (PIPELINE), built once per process (read-only afterwards)."""
    return build_pipeline()


def text_to_image(prompt: str, scale: float = 3.0, steps: int = 50,
                  generator: torch.Generator | None = None, *,
                  pipeline: LatentPipeline | None = None, guidance: str = "cfg"
                  ) -> tuple[torch.Tensor, dict]:
    """image = decode(DDIM_steps(ε_u + s(ε*_c − ε*_u), z_T)), c = encode_text(prompt) — seed 002's
    three parts (text encoder → generator in a latent → decoder); HS Eq. 6, Song Eq. 12.

    Returns the (1, 1, 16, 16) image in [-1, 1] (float32) and {"class", "stages": [name, seconds,
    input and output shapes per stage], "seconds"}; steps ≤ the schedule's T."""
    from .sampling import sample

    t_start = time.perf_counter()
    y = encode_text(prompt)
    emb = torch.nn.functional.one_hot(torch.tensor([y]), 10).float()  # the "text embedding"
    t_enc = time.perf_counter()
    pipe = pipeline if pipeline is not None else default_pipeline()
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= pipe.sched.T:
        raise ValueError(f"steps must be an integer in 1..T={pipe.sched.T}, got steps={steps!r}")
    t_gen0 = time.perf_counter()
    model = LatentGuidedEps(pipe.lm, pipe.sched, y, scale, guidance)
    z0 = sample(model, pipe.sched, 1, sampler="ddim", steps=steps, generator=generator)
    t_gen = time.perf_counter()
    image = pipe.pca.decode(z0).clamp(-1, 1).float()
    t_dec = time.perf_counter()
    d = pipe.pca.d
    stages = [
        {"name": "text encoder", "seconds": t_enc - t_start, "input": f"{prompt!r} (text)",
         "output_shape": tuple(emb.shape)},
        {"name": "generator", "seconds": t_gen - t_gen0, "input_shape": (1, d),
         "output_shape": tuple(z0.shape), "steps": steps, "scale": float(scale)},
        {"name": "decoder", "seconds": t_dec - t_gen, "input_shape": (1, d),
         "output_shape": tuple(image.shape)},
    ]
    return image, {"class": y, "stages": stages, "seconds": t_dec - t_start - (t_gen0 - t_enc),
                   "embedding": emb}
