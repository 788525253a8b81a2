"""Maximum likelihood = minimum KL, in one dimension.

E_{p_data}[log p_θ(x)] = -H(p_data) - KL(p_data ‖ p_θ), and H(p_data) does not depend on θ,
so maximising the expected log-likelihood is minimising the forward KL.

Here p_data is a 1-D Gaussian mixture (`Mixture1D`) and p_θ = N(μ, σ²). The expected
log-likelihood has a closed form; the entropy and the KL are integrals, each done by its own
composite Gauss–Legendre rule (different nodes, so -H - KL is not the closed form's integrand
summed twice on one grid), and the identity holds to ~1e-11. Everything is float64; arrays are
NumPy except the samples and the fit, which are torch.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import torch

LOG_2PI = math.log(2.0 * math.pi)
DATA_KINDS = ("one", "two")  # one Gaussian (the model can fit it), two Gaussians (it cannot)


def _finite(name: str, value) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a real number, got {name}={value!r}") from None
    if not math.isfinite(v):
        raise ValueError(f"{name} must be finite, got {name}={value!r}")
    return v


def _check_params(mu, sigma) -> tuple[np.ndarray, np.ndarray]:
    """μ and σ as float64 arrays (broadcast together); σ > 0 and both finite."""
    mu = np.asarray(mu, dtype=np.float64)
    sigma = np.asarray(sigma, dtype=np.float64)
    if not np.isfinite(mu).all():
        raise ValueError(f"mu must be finite, got mu={mu.tolist()!r}")
    if not np.isfinite(sigma).all() or (sigma <= 0).any():
        raise ValueError(f"sigma must be finite and > 0, got sigma={sigma.tolist()!r}")
    return np.broadcast_arrays(mu, sigma)


def _check_sample(x) -> torch.Tensor:
    x = torch.as_tensor(x, dtype=torch.float64).reshape(-1)
    if x.numel() == 0:
        raise ValueError("x must hold at least one sample, got an empty sample")
    if not bool(torch.isfinite(x).all()):
        raise ValueError("x contains NaN or inf")
    return x


@dataclass(frozen=True)
class Mixture1D:
    """p_data(x) = Σ_k π_k N(x; m_k, s_k²), a 1-D Gaussian mixture with exact density."""

    weights: tuple[float, ...]
    means: tuple[float, ...]
    stds: tuple[float, ...]

    def __post_init__(self):
        w, m, s = (tuple(_finite(n, v) for v in vals) for n, vals in
                   (("weights", self.weights), ("means", self.means), ("stds", self.stds)))
        if not w or not len(w) == len(m) == len(s):
            raise ValueError(f"weights, means and stds must have the same length >= 1, got "
                             f"{len(w)}, {len(m)}, {len(s)}")
        if min(w) <= 0 or abs(sum(w) - 1.0) > 1e-9:
            raise ValueError(f"weights must be > 0 and sum to 1, got weights={w}")
        if min(s) <= 0:
            raise ValueError(f"stds must be > 0, got stds={s}")
        for name, vals in (("weights", w), ("means", m), ("stds", s)):
            object.__setattr__(self, name, vals)

    @property
    def mean(self) -> float:
        """E[x] = Σ π_k m_k."""
        return sum(w * m for w, m in zip(self.weights, self.means))

    @property
    def std(self) -> float:
        """√Var[x], Var[x] = Σ π_k (s_k² + m_k²) - E[x]² (law of total variance)."""
        second = sum(w * (s * s + m * m) for w, m, s in zip(self.weights, self.means, self.stds))
        return math.sqrt(max(second - self.mean**2, 0.0))

    def log_prob(self, x) -> np.ndarray:
        """log p_data(x) = logsumexp_k [log π_k + log N(x; m_k, s_k²)], elementwise."""
        x = np.asarray(x, dtype=np.float64)[..., None]  # (..., 1) against (K,)
        w, m, s = (np.asarray(v) for v in (self.weights, self.means, self.stds))
        terms = np.log(w) - np.log(s) - 0.5 * LOG_2PI - 0.5 * ((x - m) / s) ** 2
        top = terms.max(axis=-1, keepdims=True)
        return (top + np.log(np.exp(terms - top).sum(axis=-1, keepdims=True)))[..., 0]

    def sample(self, n: int, generator: torch.Generator | None = None) -> torch.Tensor:
        """n draws (float64): k ~ Categorical(π), x = m_k + s_k z."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ValueError(f"n must be an integer >= 1, got n={n!r}")
        w, m, s = (torch.tensor(v, dtype=torch.float64) for v in
                   (self.weights, self.means, self.stds))
        k = torch.multinomial(w, n, replacement=True, generator=generator)
        z = torch.randn(n, generator=generator, dtype=torch.float64)
        return m[k] + s[k] * z


def data_1d(kind: str, std: float) -> Mixture1D:
    """The page's p_data: "one" = N(1.5, s²); "two" = ½N(-2, s²) + ½N(2, s²)."""
    std = _finite("std", std)
    if std <= 0:
        raise ValueError(f"std must be > 0, got std={std!r}")
    if kind == "one":
        return Mixture1D((1.0,), (1.5,), (std,))
    if kind == "two":
        return Mixture1D((0.5, 0.5), (-2.0, 2.0), (std, std))
    raise ValueError(f"kind must be one of {DATA_KINDS}, got kind={kind!r}")


# ---------------------------------------------------------------- log-likelihood of θ

def gaussian_log_prob(x, mu, sigma) -> np.ndarray:
    """log N(x; μ, σ²) = -½ log(2πσ²) - (x-μ)²/(2σ²), elementwise (NumPy broadcasting)."""
    mu, sigma = _check_params(mu, sigma)
    x = np.asarray(x, dtype=np.float64)
    return -np.log(sigma) - 0.5 * LOG_2PI - 0.5 * ((x - mu) / sigma) ** 2


def avg_log_likelihood(x, mu: float, sigma: float) -> tuple[float, float]:
    """(1/N) Σ_i log N(x_i; μ, σ²) and its standard error sd/√N (Monte Carlo for E_{p_data}).

    The maximum-likelihood θ* = argmax Π_i p_θ(x^i) maximises exactly this average.
    """
    x = _check_sample(x).numpy()
    ll = gaussian_log_prob(x, _finite("mu", mu), _finite("sigma", sigma))
    se = float(ll.std(ddof=1) / math.sqrt(ll.size)) if ll.size > 1 else math.inf
    return float(ll.mean()), se


def expected_log_likelihood(data: Mixture1D, mu, sigma) -> np.ndarray:
    """E_{p_data}[log N(x; μ, σ²)] = Σ_k π_k [-½ log(2πσ²) - ((m_k-μ)² + s_k²)/(2σ²)], exact.

    (Each component contributes E[(x-μ)²] = (m_k-μ)² + s_k².) Vectorised over μ and σ.
    """
    mu, sigma = _check_params(mu, sigma)
    out = -np.log(sigma) - 0.5 * LOG_2PI
    for w, m, s in zip(data.weights, data.means, data.stds):
        out = out - w * ((m - mu) ** 2 + s * s) / (2.0 * sigma**2)
    return out


def gaussian_mle(x) -> tuple[float, float]:
    """The maximum-likelihood N(μ, σ²) of a sample: μ̂ = x̄, σ̂² = (1/N) Σ (x_i - x̄)² (not N-1)."""
    x = _check_sample(x)
    return float(x.mean()), float(x.std(correction=0))


# ---------------------------------------------------------------- entropy and KL (quadrature)

@lru_cache(maxsize=64)
def _nodes(data: Mixture1D, order: int = 16, width: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """Composite Gauss–Legendre nodes and weights covering every component's m_k ± 14 s_k,
    `order` nodes per panel, panels no wider than `width` × the narrowest s_k (p_data < 1e-40
    outside: the tails are lost)."""
    lo = min(m - 14.0 * s for m, s in zip(data.means, data.stds))
    hi = max(m + 14.0 * s for m, s in zip(data.means, data.stds))
    panels = max(8, math.ceil((hi - lo) / (width * min(data.stds))))
    t, w = np.polynomial.legendre.leggauss(order)  # on [-1, 1]
    edges = np.linspace(lo, hi, panels + 1)
    half = 0.5 * np.diff(edges)[:, None]
    x = (0.5 * (edges[:-1] + edges[1:]))[:, None] + half * t
    return x.ravel(), (half * w).ravel()


# The entropy and the KL use different rules, so the two sides of the identity
# E[log p_θ] = -H - KL are computed independently (no node is shared).
_H_RULE = {"order": 16, "width": 0.5}
_KL_RULE = {"order": 21, "width": 0.7}


def gaussian_entropy(sigma) -> np.ndarray:
    """H(N(μ, σ²)) = ½ log(2πe σ²) nats; negative when σ < 1/√(2πe) ≈ 0.242."""
    _, sigma = _check_params(0.0, sigma)
    return 0.5 * (LOG_2PI + 1.0) + np.log(sigma)


def mixture_entropy_1d(data: Mixture1D) -> float:
    """H(p_data) = -∫ p_data(x) log p_data(x) dx (nats), by quadrature; no closed form for K > 1."""
    x, w = _nodes(data, **_H_RULE)
    logp = data.log_prob(x)
    return float(-(w * np.exp(logp) * logp).sum())


def kl_mixture_to_gaussian(data: Mixture1D, mu, sigma) -> np.ndarray:
    """KL(p_data ‖ N(μ, σ²)) = ∫ p_data(x) [log p_data(x) - log N(x; μ, σ²)] dx, by quadrature.

    The *forward* KL: it is large wherever p_data has mass and p_θ has little, so the best
    single Gaussian covers every mode. Vectorised over μ and σ.
    """
    mu, sigma = _check_params(mu, sigma)
    x, w = _nodes(data, **_KL_RULE)
    logp = data.log_prob(x)
    wp = w * np.exp(logp)  # quadrature weight × p_data(x)
    logq = gaussian_log_prob(x, mu[..., None], sigma[..., None])  # (..., nodes)
    return ((logp - logq) * wp).sum(axis=-1)


# ---------------------------------------------------------------- the fit

@dataclass
class FitHistory:
    """μ, σ and the sample's average log-likelihood before every step and after the last."""

    mu: np.ndarray
    sigma: np.ndarray
    avg_ll: np.ndarray


def fit_gaussian_mle(x, mu0: float, sigma0: float, steps: int = 200, lr: float = 0.1,
                     callback: Callable[[dict], None] | None = None) -> FitHistory:
    """Maximise ℓ(μ, σ²) = (1/N) Σ log N(x_i; μ, σ²) by natural-gradient ascent.

    The gradient g = ∇ℓ comes from torch autograd; each step is θ ← θ + lr · F⁻¹ g with the
    Fisher information F = diag(1/σ², 1/(2σ⁴)) of N(μ, σ²) in θ = (μ, σ²). Plain gradient
    steps would need lr below the curvature 1/σ² (data-scale dependent); with F⁻¹ the step
    works out to μ ← μ + lr (x̄ - μ), σ² ← σ² + lr (mean (x-μ)² - σ²): for 0 < lr ≤ 1 σ² stays
    > 0, and both approach the MLE (x̄, biased sample variance) by a factor (1 - lr) a step.
    `callback(info)` gets {"step", "mu", "sigma", "avg_ll"} after every step.
    """
    x = _check_sample(x)
    mu0, sigma0 = _finite("mu0", mu0), _finite("sigma0", sigma0)
    if sigma0 <= 0:
        raise ValueError(f"sigma0 must be > 0, got sigma0={sigma0!r}")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ValueError(f"steps must be an integer >= 1, got steps={steps!r}")
    lr = _finite("lr", lr)
    if not 0.0 < lr <= 1.0:
        raise ValueError(f"lr must lie in (0, 1], got lr={lr!r}")

    mu = torch.tensor(mu0, dtype=torch.float64, requires_grad=True)
    var = torch.tensor(sigma0**2, dtype=torch.float64, requires_grad=True)
    mus, sigmas, lls = [], [], []
    for step in range(steps + 1):
        # 1. the objective: average log-likelihood of the sample
        ll = (-0.5 * torch.log(2.0 * math.pi * var) - (x - mu) ** 2 / (2.0 * var)).mean()
        mus.append(float(mu.detach()))
        sigmas.append(math.sqrt(float(var.detach())))
        lls.append(float(ll.detach()))
        if step > 0 and callback is not None:
            callback({"step": step, "mu": mus[-1], "sigma": sigmas[-1], "avg_ll": lls[-1]})
        if step == steps:
            break
        # 2. its gradient by autograd
        g_mu, g_var = torch.autograd.grad(ll, (mu, var))
        # 3. natural-gradient step: multiply by F⁻¹ = diag(σ², 2σ⁴)
        with torch.no_grad():
            v = var.detach()
            mu += lr * v * g_mu
            var += lr * 2.0 * v**2 * g_var
    return FitHistory(np.array(mus), np.array(sigmas), np.array(lls))


@dataclass(frozen=True)
class FitSummary:
    """What the fit did to the sample average ℓ̂ and to the exact E[log p_θ] = -H - KL."""

    steps: int
    avg_fell: int  # steps in which the sample average ℓ̂ (what the fit climbs) fell
    kl_rose: int  # steps in which the exact KL(p_data ‖ p_θ) rose (E[log p_θ] fell)
    kl_fit: float  # KL at the fit's end point (≈ the sample MLE θ̂_N)
    kl_min: float  # min over Gaussians of KL(p_data ‖ N(μ, σ²)), at θ* = (mean, std) of p_data
    mu_star: float
    sigma_star: float


def fit_summary(data: Mixture1D, hist: FitHistory, rounding: float = 1e-12) -> FitSummary:
    """Count the steps of a fit in which ℓ̂ fell and the exact KL rose (by more than
    `rounding`), and compare the KL at its end with the least KL a Gaussian can reach.

    The least forward KL to a Gaussian is reached by moment matching: d/dμ and d/dσ of
    E[log N(x; μ, σ²)] vanish at μ = E[x], σ² = Var[x]. The fit maximises the sample average
    instead, so it converges to the sample MLE θ̂_N, whose KL exceeds the least by O(1/N).
    """
    kl = kl_mixture_to_gaussian(data, hist.mu, hist.sigma)
    mu_star, sigma_star = data.mean, data.std
    return FitSummary(steps=len(hist.mu) - 1,
                      avg_fell=int((np.diff(hist.avg_ll) < -rounding).sum()),
                      kl_rose=int((np.diff(kl) > rounding).sum()), kl_fit=float(kl[-1]),
                      kl_min=float(kl_mixture_to_gaussian(data, mu_star, sigma_star)),
                      mu_star=mu_star, sigma_star=sigma_star)


# ---------------------------------------------------------------- judging a Monte-Carlo check

@dataclass(frozen=True)
class MCCheck:
    """A Monte-Carlo estimate against an exact value: |diff| ≤ tol = k·SE + floor."""

    diff: float  # estimate - exact
    se: float
    k: float
    floor: float

    @property
    def tol(self) -> float:
        return self.k * self.se + self.floor

    @property
    def ok(self) -> bool:
        return abs(self.diff) <= self.tol


def mc_check(estimate: float, exact: float, se: float, k: float = 4.0,
             floor: float = 1e-9) -> MCCheck:
    """Judge a Monte-Carlo `estimate` of `exact` with standard error `se`: agreement means
    |estimate - exact| ≤ k·SE + floor. The absolute floor covers rounding when the estimate has
    (almost) no variance — e.g. an ELBO at q = p(z|x), where every draw gives log p(x) and the
    SE is ~1e-17: a z-score of such an estimate is rounding noise divided by rounding noise."""
    estimate, exact, se = _finite("estimate", estimate), _finite("exact", exact), _finite("se", se)
    k, floor = _finite("k", k), _finite("floor", floor)
    if se < 0:
        raise ValueError(f"se must be >= 0, got se={se!r}")
    if k <= 0 or floor < 0:
        raise ValueError(f"k must be > 0 and floor >= 0, got k={k!r}, floor={floor!r}")
    return MCCheck(diff=estimate - exact, se=se, k=k, floor=floor)


def sample_moments(x) -> tuple[float, float, float, float]:
    """(mean, std, SE of the mean, SE of the std) of a sample: SE(mean) = sd/√n, and
    SE(std) ≈ sd/√(2(n-1)), the large-n standard error of a Gaussian sample's std."""
    x = _check_sample(x)
    n = x.numel()
    if n < 2:
        raise ValueError(f"x must hold at least two samples, got {n}")
    mean, sd = float(x.mean()), float(x.std())
    return mean, sd, sd / math.sqrt(n), sd / math.sqrt(2.0 * (n - 1))
