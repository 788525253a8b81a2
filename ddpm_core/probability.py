"""The probability a student needs before DDPM (FORMULAS.md §k), each idea as an exact number.

1. Bayes with a coin: prior Beta(a, b), k heads in n tosses; the posterior Beta(a+k, b+n-k)
   and the evidence P(X) = C(n,k) B(a+k, b+n-k) / B(a, b), exactly (1/11 for 7 in 10, a = b = 1).
2. Joint, marginal, conditional: p(x, y) = 2 on 0 ≤ y ≤ x ≤ 1; p(x) = 2x, p(y|x) = 1/x,
   p(y) = 2(1-y), p(x|y) = 1/(1-y); the chain rule p(x)p(y|x) = p(y)p(x|y).
3. Latent variables: a two-coin mixture, P(X) summed over all 2ⁿ coin choices against the
   factorised product of n two-term sums.
4. ∇_μ E_{N(μ,σ²)}[z²] by reparameterization and by the score function (Kingma & Welling 2014,
   §2.4): both unbiased, variances 4σ² and μ⁴/σ² + 14μ² + 15σ².
5. Importance sampling of p = N(0, 1) with q = N(a, s²): E_q[w²] in closed form, infinite for
   s² ≤ ½.
6. The IWAE bound L_K (Burda et al. 2016) on the ELBO page's linear-Gaussian toy: L_1 = ELBO,
   Monte Carlo with standard errors, exactly by a 1-D integral, and the delta-method bias.

Numbers are float64. Every stochastic function takes a `torch.Generator`. Bad arguments raise
ValueError naming the argument.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import torch

from . import latent_toy


def _real(name: str, value, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite real number, got {name}={value!r}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be > 0, got {name}={value!r}")
    return float(value)


def _count(name: str, value, lo: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < lo:
        raise ValueError(f"{name} must be an integer >= {lo}, got {name}={value!r}")
    return int(value)


def _prob(name: str, value) -> float:
    value = _real(name, value)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be in [0, 1], got {name}={value!r}")
    return value


# ------------------------------------------------------------------ 1. Bayes with a coin
@dataclass(frozen=True)
class CoinPosterior:
    a_post: float  # posterior Beta(a + k, b + n - k)
    b_post: float
    evidence: float  # P(X) = P(k heads in n) = C(n,k) B(a+k, b+n-k)/B(a, b)
    evidence_sequence: float  # one given sequence of tosses: no C(n,k)
    mean: float  # (a+k)/(a+b+n)
    mode: float | None  # (a+k-1)/(a+b+n-2) when both posterior parameters exceed 1


def _check_coin(heads, trials, a, b) -> tuple[int, int, float, float]:
    trials = _count("trials", trials)
    heads = _count("heads", heads)
    if heads > trials:
        raise ValueError(f"trials must be >= heads, got heads={heads}, trials={trials}")
    return heads, trials, _real("a", a, positive=True), _real("b", b, positive=True)


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def coin_posterior(heads: int, trials: int, a: float = 1.0, b: float = 1.0) -> CoinPosterior:
    """P(θ|X) = P(X|θ)P(θ)/P(X) = Beta(a+k, b+n-k), P(X) = C(n,k)B(a+k, b+n-k)/B(a,b) — Bayes'
    rule with a conjugate prior (FORMULAS.md §k1)."""
    k, n, a, b = _check_coin(heads, trials, a, b)
    a_post, b_post = a + k, b + n - k
    log_seq = _log_beta(a_post, b_post) - _log_beta(a, b)  # ∫ θ^k (1-θ)^(n-k) Beta(θ; a, b) dθ
    mode = (a_post - 1) / (a_post + b_post - 2) if a_post > 1 and b_post > 1 else None
    return CoinPosterior(a_post, b_post, math.comb(n, k) * math.exp(log_seq), math.exp(log_seq),
                         a_post / (a_post + b_post), mode)


def coin_evidence_fraction(heads: int, trials: int, a: int = 1, b: int = 1) -> Fraction:
    """P(X) = C(n,k) B(a+k, b+n-k)/B(a,b) as an exact fraction, for integer a, b ≥ 1
    (B(p, q) = (p-1)!(q-1)!/(p+q-1)!)."""
    k, n, _, _ = _check_coin(heads, trials, a, b)
    for name, v in (("a", a), ("b", b)):
        _count(name, v, 1)

    def beta(p: int, q: int) -> Fraction:
        return Fraction(math.factorial(p - 1) * math.factorial(q - 1), math.factorial(p + q - 1))

    return math.comb(n, k) * beta(a + k, b + n - k) / beta(a, b)


def coin_densities(theta: np.ndarray, heads: int, trials: int, a: float = 1.0,
                   b: float = 1.0) -> dict[str, np.ndarray]:
    """Prior Beta(θ; a, b), likelihood P(X|θ) = C(n,k)θ^k(1-θ)^(n-k) and posterior
    Beta(θ; a+k, b+n-k) on a grid θ ∈ (0, 1)."""
    k, n, a, b = _check_coin(heads, trials, a, b)
    th = np.asarray(theta, dtype=np.float64)
    if th.ndim != 1 or np.any(th <= 0) or np.any(th >= 1):
        raise ValueError("theta must be a 1-D grid inside (0, 1)")

    def log_beta_pdf(p: float, q: float) -> np.ndarray:
        return (p - 1) * np.log(th) + (q - 1) * np.log1p(-th) - _log_beta(p, q)

    log_lik = math.log(math.comb(n, k)) + k * np.log(th) + (n - k) * np.log1p(-th)
    return {"prior": np.exp(log_beta_pdf(a, b)), "likelihood": np.exp(log_lik),
            "posterior": np.exp(log_beta_pdf(a + k, b + n - k))}


def coin_evidence_quadrature(heads: int, trials: int, a: float = 1.0, b: float = 1.0,
                             nodes: int = 200) -> float:
    """P(X) = ∫₀¹ P(X|θ) Beta(θ; a, b) dθ by Gauss-Legendre in φ, θ = sin²φ (smooth for a, b ≥ ½):
    the evidence by integration, independent of the Beta-function closed form."""
    k, n, a, b = _check_coin(heads, trials, a, b)
    x, w = np.polynomial.legendre.leggauss(_count("nodes", nodes, 2))
    phi = (x + 1) * math.pi / 4  # [-1, 1] -> [0, π/2]
    s, c = np.sin(phi), np.cos(phi)
    # θ^(a+k-1)(1-θ)^(b+n-k-1) dθ = 2 sin^(2a+2k-1)φ cos^(2b+2n-2k-1)φ dφ
    f = 2 * s ** (2 * (a + k) - 1) * c ** (2 * (b + n - k) - 1)
    return float(math.comb(n, k) * (w * f).sum() * math.pi / 4 / math.exp(_log_beta(a, b)))


# ------------------------------------------------------------------ 2. the triangle density
def triangle_joint(x, y):
    """p(x, y) = 2 on 0 ≤ y ≤ x ≤ 1, else 0 (FORMULAS.md §k2)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    return np.where((y >= 0) & (y <= x) & (x <= 1), 2.0, 0.0)


def triangle_marginal_x(x):
    """p(x) = ∫₀ˣ 2 dy = 2x on [0, 1]."""
    x = np.asarray(x, float)
    return np.where((x >= 0) & (x <= 1), 2.0 * x, 0.0)


def triangle_marginal_y(y):
    """p(y) = ∫_y¹ 2 dx = 2(1-y) on [0, 1]."""
    y = np.asarray(y, float)
    return np.where((y >= 0) & (y <= 1), 2.0 * (1.0 - y), 0.0)


def triangle_cond_y_given_x(y, x: float):
    """p(y|x) = p(x, y)/p(x) = 1/x on [0, x]: uniform, and unbounded as x → 0."""
    x = _real("x", x)
    if not 0 < x <= 1:
        raise ValueError(f"x must be in (0, 1], got x={x!r}")
    y = np.asarray(y, float)
    return np.where((y >= 0) & (y <= x), 1.0 / x, 0.0)


def triangle_cond_x_given_y(x, y: float):
    """p(x|y) = p(x, y)/p(y) = 1/(1-y) on [y, 1]."""
    y = _real("y", y)
    if not 0 <= y < 1:
        raise ValueError(f"y must be in [0, 1), got y={y!r}")
    x = np.asarray(x, float)
    return np.where((x >= y) & (x <= 1), 1.0 / (1.0 - y), 0.0)


def triangle_sample(n: int, generator: torch.Generator | None = None) -> np.ndarray:
    """(n, 2) draws (x, y) from p(x, y) = 2 on y ≤ x: x = max(u₁, u₂), y = min(u₁, u₂)."""
    u = torch.rand(_count("n", n, 1), 2, generator=generator, dtype=torch.float64).numpy()
    return np.stack([u.max(1), u.min(1)], axis=1)


@dataclass(frozen=True)
class SliceCheck:
    density_x: float  # p(x₀) from the fraction of draws with x in [x₀ - h/2, x₀ + h/2]
    density_x_se: float
    mean_y: float  # E[y | x ≈ x₀] from those draws; p(y|x) = 1/x says x₀/2
    mean_y_se: float
    n_in_band: int


def triangle_band_mean_y(x0: float, half_width: float) -> float:
    """E[y | |x - x₀| ≤ h] = E[x | band]/2 = (x₀ + h²/(3x₀))/2: p(y|x) = 1/x on [0, x] has mean
    x/2, and within the band x has density ∝ 2x (not flat), hence the h² term."""
    x0, h = _real("x0", x0, positive=True), _real("half_width", half_width, positive=True)
    return 0.5 * (x0 + h * h / (3.0 * x0))


def triangle_slice_mc(x0: float, n: int, half_width: float,
                      generator: torch.Generator | None = None) -> SliceCheck:
    """p(x₀) ≈ #{|x - x₀| ≤ h}/(2hn) and E[y | x ≈ x₀] from draws of the joint (Monte Carlo)."""
    x0, h = _real("x0", x0), _real("half_width", half_width, positive=True)
    if not h <= x0 <= 1 - h:
        raise ValueError(f"x0 must be in [half_width, 1 - half_width], got x0={x0!r}")
    xy = triangle_sample(n, generator)
    inside = np.abs(xy[:, 0] - x0) <= h
    m = int(inside.sum())
    frac = m / n
    y = xy[inside, 1]
    mean_y = float(y.mean()) if m else math.nan
    mean_y_se = float(y.std(ddof=1) / math.sqrt(m)) if m > 1 else math.nan
    return SliceCheck(frac / (2 * h), math.sqrt(frac * (1 - frac) / n) / (2 * h), mean_y,
                      mean_y_se, m)


# ------------------------------------------------------------------ 3. two coins, 2ⁿ terms
def _check_two_coin(xs, p1, p2, alpha) -> np.ndarray:
    xs = np.asarray(xs)
    if xs.ndim != 1 or not np.isin(xs, (0, 1)).all():
        raise ValueError("xs must be a 1-D sequence of 0 (tails) and 1 (heads)")
    _prob("p1", p1), _prob("p2", p2), _prob("alpha", alpha)
    return xs.astype(np.int64)


BRUTE_FORCE_MAX_N = 20  # 2²⁰ ≈ 10⁶ coin assignments: the most the enumeration may take


def two_coin_likelihood_brute(xs, p1: float, p2: float, alpha: float) -> float:
    """P(X|θ) = Σ_{z₁..zₙ ∈ {1,2}} Π_i P(x_i|z_i)P(z_i): every one of the 2ⁿ coin assignments
    enumerated — the seed's sum (FORMULAS.md §k; seed 002), a mixture likelihood in full."""
    xs = _check_two_coin(xs, p1, p2, alpha)
    n = len(xs)
    if n > BRUTE_FORCE_MAX_N:
        raise ValueError(f"n must be <= {BRUTE_FORCE_MAX_N} for enumeration, got n={n}")
    # per toss, the two factors P(x_i|z)P(z): coin 1 and coin 2
    f1 = alpha * np.where(xs == 1, p1, 1 - p1)  # (n,)
    f2 = (1 - alpha) * np.where(xs == 1, p2, 1 - p2)
    total = 0.0
    chunk = 1 << min(n, 16)
    for start in range(0, 1 << n, chunk):
        z = (np.arange(start, start + chunk)[:, None] >> np.arange(n)[None, :]) & 1  # (c, n)
        total += float(np.where(z == 0, f1, f2).prod(axis=1).sum())  # one product per z
    return total


def two_coin_likelihood_factorised(xs, p1: float, p2: float, alpha: float) -> float:
    """P(X|θ) = Π_i [α p₁^{x_i}(1-p₁)^{1-x_i} + (1-α) p₂^{x_i}(1-p₂)^{1-x_i}]: the tosses are
    independent given θ, so the sum over z₁..zₙ factorises into n sums of two terms."""
    xs = _check_two_coin(xs, p1, p2, alpha)
    per_toss = alpha * np.where(xs == 1, p1, 1 - p1) + (1 - alpha) * np.where(xs == 1, p2, 1 - p2)
    return float(per_toss.prod())


def two_coin_term_counts(n: int) -> tuple[int, int]:
    """(terms of the brute-force sum, terms of the factorised one): (2ⁿ products of n factors,
    n sums of 2 terms), i.e. n·2ⁿ multiplications against 2n."""
    n = _count("n", n, 1)
    return 2**n, 2 * n


def extrapolate_brute_seconds(n: int, n_ref: int, seconds_ref: float) -> float:
    """Time of the 2ⁿ-term sum from one measured at n_ref: the work is n·2ⁿ multiplications,
    so t(n) ≈ t(n_ref) · n 2ⁿ / (n_ref 2^n_ref)."""
    n, n_ref = _count("n", n, 1), _count("n_ref", n_ref, 1)
    return _real("seconds_ref", seconds_ref) * n * 2.0 ** (n - n_ref) / n_ref


# ------------------------------------------------------------------ 4. two gradient estimators
@dataclass(frozen=True)
class GradientEstimates:
    reparam: np.ndarray  # (n,) f'(μ + σε) = 2(μ + σε)
    score: np.ndarray  # (n,) f(z)(z - μ)/σ² = (μ + σε)² ε/σ
    true_grad: float  # ∂/∂μ E[z²] = 2μ


def gradient_estimators(mu: float, sigma: float, eps: torch.Tensor) -> GradientEstimates:
    """∂/∂μ E_{N(μ,σ²)}[z²]: reparameterization E[f'(μ+σε)] and score function
    E[f(z)(z-μ)/σ²] — Kingma & Welling 2014, §2.4; Williams 1992 (REINFORCE). One ε per draw."""
    mu, sigma = _real("mu", mu), _real("sigma", sigma, positive=True)
    e = eps.double().numpy()
    z = mu + sigma * e  # the same draws z for both estimators
    return GradientEstimates(2.0 * z, z * z * e / sigma, 2.0 * mu)


def gradient_variances(mu: float, sigma: float) -> tuple[float, float]:
    """Var of one draw: reparameterization 4σ²; score function μ⁴/σ² + 14μ² + 15σ²
    (FORMULAS.md §k4, f = z²)."""
    mu, sigma = _real("mu", mu), _real("sigma", sigma, positive=True)
    s2 = sigma * sigma
    return 4.0 * s2, mu**4 / s2 + 14.0 * mu * mu + 15.0 * s2


# ------------------------------------------------------------------ 5. importance sampling
def is_weight_second_moment(a: float, s2: float) -> float:
    """E_q[(p/q)²] = s/√(2c) · exp(a²/(4cs⁴) + a²/(2s²)), c = 1 - 1/(2s²), for p = N(0,1),
    q = N(a, s²); +inf for s² ≤ ½ (FORMULAS.md §k5)."""
    a, s2 = _real("a", a), _real("s2", s2, positive=True)
    if s2 <= 0.5:  # p/q grows like exp(x²(1/(2s²) - ½)) faster than q decays: ∫p²/q diverges
        return math.inf
    c = 1.0 - 1.0 / (2.0 * s2)
    s = math.sqrt(s2)
    return s / math.sqrt(2 * c) * math.exp(a * a / (4 * c * s2 * s2) + a * a / (2 * s2))


def is_weight_moment_finite(order: int, s2: float) -> bool:
    """E_q[w^k] = ∫ p^k q^(1-k) < ∞ iff s² > (k-1)/k (the exponent -kx²/2 + (k-1)x²/(2s²) must
    fall): k = 2 (the weights' variance) needs s² > ½, k = 4 (the SE of their variance) s² > ¾."""
    order, s2 = _count("order", order, 1), _real("s2", s2, positive=True)
    return s2 * order > order - 1


def log_is_weights(x: np.ndarray, a: float, s2: float) -> np.ndarray:
    """log w(x) = log p(x) - log q(x), p = N(0, 1), q = N(a, s²)."""
    a, s2 = _real("a", a), _real("s2", s2, positive=True)
    x = np.asarray(x, float)
    return -0.5 * x * x + 0.5 * (x - a) ** 2 / s2 + 0.5 * math.log(s2)


@dataclass(frozen=True)
class ISRun:
    x: np.ndarray  # (n,) draws from q
    w: np.ndarray  # (n,) weights p(x)/q(x)
    second_moment: float  # mean of w²: estimates E_q[w²]
    second_moment_se: float
    estimate: float  # mean of w x²: estimates E_p[x²] = 1
    estimate_se: float


def importance_sampling(a: float, s2: float, n: int,
                        generator: torch.Generator | None = None) -> ISRun:
    """E_p[f] = E_q[f p/q] ≈ (1/n) Σ f(x_i) w_i, x_i ~ q = N(a, s²), p = N(0, 1), f = x²
    — importance sampling (FORMULAS.md §k5)."""
    a, s2 = _real("a", a), _real("s2", s2, positive=True)
    n = _count("n", n, 2)
    eps = torch.randn(n, generator=generator, dtype=torch.float64).numpy()
    x = a + math.sqrt(s2) * eps
    w = np.exp(log_is_weights(x, a, s2))
    fw = w * x * x
    root = math.sqrt(n)
    return ISRun(x, w, float((w * w).mean()), float((w * w).std(ddof=1) / root),
                 float(fw.mean()), float(fw.std(ddof=1) / root))


# ------------------------------------------------------------------ 6. IWAE on the ELBO toy
@dataclass(frozen=True)
class Toy:
    """z ~ N(0,1), x|z ~ N(wz + b, σ²) (latent_toy) at one x, with the proposal q = N(m, s²)."""

    x: float = 1.1
    w: float = 1.3
    b: float = 0.0
    sigma: float = 0.5
    m: float = 0.1
    s: float = 0.7


# FORMULAS.md §k6 pins L_K for q = N(0.1, 0.7²) on this toy (p(z|x) = N(1.43/1.94, 0.25/1.94))
IWAE_TOY = Toy()


def _log_ratio(z: np.ndarray, toy: Toy) -> np.ndarray:
    """log w/p(x) = log p(z|x) - log q(z): the importance weight relative to the evidence."""
    mu, v = latent_toy.true_posterior(toy.x, toy.w, toy.b, toy.sigma)
    return (-0.5 * math.log(v) - (z - mu) ** 2 / (2 * v) + math.log(toy.s)
            + (z - toy.m) ** 2 / (2 * toy.s**2))


@dataclass(frozen=True)
class IWAEBound:
    L_K: float  # mean of log p̂_K over n independent sets of K draws
    se: float
    log_p_hat: np.ndarray  # (n,) log (1/K) Σ_k w_k, one per set
    log_px: float  # exact log p(x)
    elbo: float  # exact ELBO = L_1


def iwae_bound(K: int, n: int, generator: torch.Generator | None = None,
               toy: Toy = IWAE_TOY) -> IWAEBound:
    """L_K = E log (1/K) Σ_k p(x, z_k)/q(z_k), z_k ~ q — the IWAE bound, Burda et al. 2016
    (FORMULAS.md §k6); n sets of K draws on the ELBO page's toy (L_1 = ELBO ≤ L_K ≤ log p(x))."""
    K, n = _count("K", K, 1), _count("n", n, 2)
    _real("s", toy.s, positive=True)
    eps = torch.randn(n, K, generator=generator, dtype=torch.float64)  # (n, K)
    z = toy.m + toy.s * eps
    log_q = -0.5 * (latent_toy.LOG_2PI + math.log(toy.s**2) + eps**2)
    log_w = latent_toy.log_joint(toy.x, z, toy.w, toy.b, toy.sigma) - log_q  # (n, K)
    log_p_hat = (torch.logsumexp(log_w, dim=1) - math.log(K)).numpy()  # stable log-mean-exp
    return IWAEBound(float(log_p_hat.mean()), float(log_p_hat.std(ddof=1) / math.sqrt(n)),
                     log_p_hat, latent_toy.log_px(toy.x, toy.w, toy.b, toy.sigma),
                     latent_toy.elbo(toy.x, toy.m, toy.s, toy.w, toy.b, toy.sigma))


def iwae_gap_exact(K: int, toy: Toy = IWAE_TOY, nz: int = 401, dt: float = 0.1) -> float:
    """L_K - log p(x) = E log Y = ∫₀^∞ (e^{-u} - (E_q e^{-u r/K})^K) du/u, Y = (1/K) Σ_k r_k,
    r = p(z|x)/q(z) (FORMULAS.md §k6; Frullani's integral), by quadrature in log u and z."""
    K = _count("K", K, 1)
    _real("s", toy.s, positive=True)
    z = np.linspace(toy.m - 12 * toy.s, toy.m + 12 * toy.s, nz)
    q = np.exp(-0.5 * ((z - toy.m) / toy.s) ** 2) / (toy.s * math.sqrt(2 * math.pi))
    q *= z[1] - z[0]  # trapezoid weights (q vanishes at both ends)
    r = np.exp(_log_ratio(z, toy))  # (nz,)
    # log u: below -30 both terms are 1 - u + O(u²) (E r = 1); above 100 both have vanished
    # (log r is quadratic in z, so r is rarely tiny)
    t = np.arange(-30.0, 100.0, dt)
    out = 0.0
    for i in range(0, len(t), 400):  # (400, nz) at a time
        tt = t[i:i + 400]
        laplace = (q[None, :] * np.exp(-np.exp(tt[:, None] - math.log(K)) * r[None, :])).sum(1)
        f = np.exp(-np.exp(tt)) - laplace**K
        out += float(f.sum() * dt)
    return out


def iwae_weight_relative_variance(toy: Toy = IWAE_TOY) -> float:
    """Var_q(w)/p(x)² = E_q[r²] - 1, r = N(z; μ, v)/N(z; m, s²): E_q[r²] =
    s²/(√v √(2s² - v)) · exp((μ-m)²/(2s² - v)); +inf when 2s² ≤ v."""
    mu, v = latent_toy.true_posterior(toy.x, toy.w, toy.b, toy.sigma)
    s2 = _real("s", toy.s, positive=True) ** 2
    if 2 * s2 <= v:
        return math.inf
    return s2 / math.sqrt(v * (2 * s2 - v)) * math.exp((mu - toy.m) ** 2 / (2 * s2 - v)) - 1.0


def iwae_delta_bias(K: int, toy: Toy = IWAE_TOY) -> float:
    """L_K - log p(x) ≈ -Var_q(w)/(2K p(x)²): the delta method (FORMULAS.md §k7) — the log of an
    unbiased estimate p̂_K is biased low, by O(1/K)."""
    K = _count("K", K, 1)
    return -iwae_weight_relative_variance(toy) / (2 * K)


def time_two_coin(n: int, p1: float = 0.9, p2: float = 0.2, alpha: float = 0.3,
                  repeats: int = 3) -> tuple[float, float, float]:
    """(brute-force seconds, factorised seconds, P(X|θ)) for n tosses, 70 % heads: the best of
    `repeats` wall-clock runs of each sum (time.perf_counter)."""
    import time

    n = _count("n", n, 1)
    if n > BRUTE_FORCE_MAX_N:
        raise ValueError(f"n must be <= {BRUTE_FORCE_MAX_N} for enumeration, got n={n}")
    xs = (np.arange(n) < round(0.7 * n)).astype(np.int64)
    best = [math.inf, math.inf]
    for _ in range(_count("repeats", repeats, 1)):
        for j, fn in enumerate((two_coin_likelihood_brute, two_coin_likelihood_factorised)):
            t0 = time.perf_counter()
            value = fn(xs, p1, p2, alpha)
            best[j] = min(best[j], time.perf_counter() - t0)
    return best[0], best[1], value
