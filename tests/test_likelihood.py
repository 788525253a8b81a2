"""ddpm_core.likelihood: E_{p_data}[log p_θ] = -H(p_data) - KL(p_data ‖ p_θ) in 1-D.

Closed forms against quadrature, an independent mpmath integral, Monte Carlo within 4 SE,
the fit against the closed-form MLE, and bad arguments."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from ddpm_core import gaussian_kl
from ddpm_core import likelihood as L

torch.set_num_threads(1)

PARAMS = [(0.0, 1.0), (4.0, 0.1), (-4.0, 4.0), (1.5, 0.3), (0.3, 2.2)]


def _data(kind: str, s: float) -> L.Mixture1D:
    return L.data_1d(kind, s)


# ---------------------------------------------------------------- closed forms

@pytest.mark.parametrize("s", [0.1, 0.242, 1.0, 3.0])
def test_entropy_of_one_gaussian(s):
    """Quadrature entropy of N(1.5, s²) = ½ log(2πe s²), negative below 1/√(2πe)."""
    h = L.mixture_entropy_1d(_data("one", s))
    exact = 0.5 * math.log(2 * math.pi * math.e * s * s)
    assert h == pytest.approx(exact, abs=1e-12)
    assert float(L.gaussian_entropy(s)) == pytest.approx(exact, abs=1e-15)
    assert (h < 0) == (s < 1 / math.sqrt(2 * math.pi * math.e))


@pytest.mark.parametrize("s", [0.1, 0.7, 1.5])
@pytest.mark.parametrize("mu,sigma", PARAMS)
def test_kl_one_gaussian_matches_gaussian_kl(s, mu, sigma):
    """Quadrature KL(N(1.5, s²) ‖ N(μ, σ²)) = the closed form of ddpm_core.gaussian_kl."""
    kl = float(L.kl_mixture_to_gaussian(_data("one", s), mu, sigma))
    exact = float(gaussian_kl(1.5, s * s, mu, sigma * sigma))
    assert kl == pytest.approx(exact, rel=1e-11, abs=1e-12)


def test_well_separated_mixture_entropy_adds_log2():
    """½N(-a, s²) + ½N(a, s²) with a ≫ s: H = ½ log(2πe s²) + log 2 (disjoint supports)."""
    d = L.Mixture1D((0.5, 0.5), (-50.0, 50.0), (0.5, 0.5))
    assert L.mixture_entropy_1d(d) == pytest.approx(
        0.5 * math.log(2 * math.pi * math.e * 0.25) + math.log(2), abs=1e-12)


@pytest.mark.parametrize("s", [0.1, 0.5])
def test_mixture_entropy_against_mpmath(s):
    """An independent integral (mpmath, 30 digits) of -p log p for the two-Gaussian data."""
    mpmath.mp.dps = 30

    def p(x):
        return sum(mpmath.mpf(0.5) * mpmath.npdf(x, m, s) for m in (-2, 2))

    def f(x):
        px = p(x)
        return -px * mpmath.log(px) if px > 0 else mpmath.mpf(0)

    pts = [-2 - 12 * s, -2, 0, 2, 2 + 12 * s]
    ref = float(mpmath.quad(f, pts))
    assert L.mixture_entropy_1d(_data("two", s)) == pytest.approx(ref, abs=1e-10)


def test_mixture_moments_and_expected_log_likelihood_by_quadrature():
    """E[x], sd and the closed-form E[log N(x; μ, σ²)] against direct integration."""
    d = L.Mixture1D((0.2, 0.5, 0.3), (-1.0, 0.5, 3.0), (0.4, 1.1, 0.2))
    x, w = L._nodes(d)
    p = np.exp(d.log_prob(x))
    assert (w * p).sum() == pytest.approx(1.0, abs=1e-13)
    assert (w * p * x).sum() == pytest.approx(d.mean, abs=1e-12)
    assert math.sqrt((w * p * (x - d.mean) ** 2).sum()) == pytest.approx(d.std, abs=1e-12)
    for mu, sigma in PARAMS:
        quad = (w * p * L.gaussian_log_prob(x, mu, sigma)).sum()
        assert float(L.expected_log_likelihood(d, mu, sigma)) == pytest.approx(quad, rel=1e-12)


# ---------------------------------------------------------------- the identity

@pytest.mark.parametrize("kind", L.DATA_KINDS)
@pytest.mark.parametrize("s", [0.1, 0.5, 1.5])
@pytest.mark.parametrize("mu,sigma", PARAMS)
def test_identity_by_quadrature(kind, s, mu, sigma):
    """E[log p_θ] (closed form) = -H (quadrature) - KL (quadrature), to 1e-8."""
    d = _data(kind, s)
    lhs = float(L.expected_log_likelihood(d, mu, sigma))
    rhs = -L.mixture_entropy_1d(d) - float(L.kl_mixture_to_gaussian(d, mu, sigma))
    assert abs(lhs - rhs) <= 1e-8 * max(1.0, abs(lhs))


@settings(max_examples=40, deadline=None)
@given(w=st.floats(0.05, 0.95), m1=st.floats(-3, 3), m2=st.floats(-3, 3),
       s1=st.floats(0.05, 2.0), s2=st.floats(0.05, 2.0), mu=st.floats(-5, 5),
       sigma=st.floats(0.05, 5.0))
def test_identity_property(w, m1, m2, s1, s2, mu, sigma):
    """Any 2-component mixture, any θ: the identity holds and KL ≥ 0."""
    d = L.Mixture1D((w, 1 - w), (m1, m2), (s1, s2))
    kl = float(L.kl_mixture_to_gaussian(d, mu, sigma))
    lhs = float(L.expected_log_likelihood(d, mu, sigma))
    assert kl >= -1e-10
    assert abs(lhs + L.mixture_entropy_1d(d) + kl) <= 1e-8 * max(1.0, abs(lhs))


def test_vectorised_over_parameters():
    d = _data("two", 0.5)
    mus, sigmas = np.array([m for m, _ in PARAMS]), np.array([s for _, s in PARAMS])
    kl = L.kl_mixture_to_gaussian(d, mus, sigmas)
    ell = L.expected_log_likelihood(d, mus, sigmas)
    assert kl.shape == ell.shape == (len(PARAMS),)
    for i, (m, s) in enumerate(PARAMS):
        assert kl[i] == pytest.approx(float(L.kl_mixture_to_gaussian(d, m, s)), rel=1e-14)


@pytest.mark.parametrize("kind", L.DATA_KINDS)
@pytest.mark.parametrize("mu,sigma", PARAMS)
def test_monte_carlo_within_4_se(kind, mu, sigma):
    """(1/N) Σ log p_θ(x_i) on N = 20000 samples is within 4 SE of -H - KL."""
    d = _data(kind, 0.5)
    x = d.sample(20_000, torch.Generator().manual_seed(1))
    avg, se = L.avg_log_likelihood(x, mu, sigma)
    target = -L.mixture_entropy_1d(d) - float(L.kl_mixture_to_gaussian(d, mu, sigma))
    assert 0 < se < math.inf
    assert abs(avg - target) <= 4 * se


def test_sample_moments():
    d = _data("two", 0.5)
    x = d.sample(50_000, torch.Generator().manual_seed(2))
    assert x.dtype == torch.float64 and x.shape == (50_000,)
    n = x.numel()
    assert abs(float(x.mean()) - d.mean) <= 4 * d.std / math.sqrt(n)
    assert float(x.std()) == pytest.approx(d.std, rel=0.02)
    again = d.sample(50_000, torch.Generator().manual_seed(2))
    assert torch.equal(x, again)


# ---------------------------------------------------------------- the fit

@pytest.mark.parametrize("kind,s", [("one", 0.1), ("one", 1.5), ("two", 0.1), ("two", 1.5)])
@pytest.mark.parametrize("mu0,sigma0", [(-4.0, 0.1), (4.0, 4.0), (0.0, 1.0)])
def test_fit_converges_to_sample_mean_and_std(kind, s, mu0, sigma0):
    x = _data(kind, s).sample(500, torch.Generator().manual_seed(3))
    seen = []
    hist = L.fit_gaussian_mle(x, mu0, sigma0, callback=seen.append)
    m, sd = L.gaussian_mle(x)
    assert m == pytest.approx(float(x.mean()), abs=1e-14)
    assert sd == pytest.approx(float(np.std(x.numpy())), rel=1e-12)  # 1/N, not 1/(N-1)
    assert abs(hist.mu[-1] - m) < 1e-3 and abs(hist.sigma[-1] - sd) < 1e-3
    assert len(hist.mu) == len(hist.sigma) == len(hist.avg_ll) == 201
    assert [i["step"] for i in seen] == list(range(1, 201))
    assert seen[-1]["mu"] == hist.mu[-1]
    # ascent: the objective never goes down, and ends at the likelihood of the MLE
    assert (np.diff(hist.avg_ll) >= -1e-12).all()
    assert hist.avg_ll[-1] == pytest.approx(L.avg_log_likelihood(x, m, sd)[0], abs=1e-9)


def test_fit_uses_the_gradient():
    """One step with lr = 1 lands on μ = x̄ and σ² = mean (x - μ0)² (the natural-gradient form)."""
    x = torch.tensor([0.0, 1.0, 2.0, 5.0], dtype=torch.float64)
    hist = L.fit_gaussian_mle(x, 0.5, 2.0, steps=1, lr=1.0)
    assert hist.mu[1] == pytest.approx(2.0, abs=1e-14)
    assert hist.sigma[1] ** 2 == pytest.approx(float(((x - 0.5) ** 2).mean()), abs=1e-13)


# ---------------------------------------------------------------- independence of the two sides

@pytest.mark.parametrize("kind", L.DATA_KINDS)
@pytest.mark.parametrize("s", [0.1, 1.5])
def test_entropy_and_kl_share_no_quadrature_node(kind, s):
    """-H - KL is not ∫ p log p_θ summed twice on one grid: H and KL use different rules,
    so the log p_data terms do not cancel node by node and the identity is a real check."""
    d = _data(kind, s)
    xh, _ = L._nodes(d, **L._H_RULE)
    xk, _ = L._nodes(d, **L._KL_RULE)
    assert len(xh) != len(xk)
    assert np.intersect1d(np.round(xh, 12), np.round(xk, 12)).size == 0


@pytest.mark.parametrize("s", [0.1, 0.7, 1.5])
@pytest.mark.parametrize("mu,sigma", PARAMS)
def test_identity_against_closed_forms_of_one_gaussian(s, mu, sigma):
    """For p_data = N(1.5, s²) every term has a closed form written out here: H = ½log(2πes²),
    KL = log(σ/s) + (s² + (1.5-μ)²)/(2σ²) - ½, E[log p_θ] = -½log(2πσ²) - ((1.5-μ)² + s²)/(2σ²)."""
    d = _data("one", s)
    H = 0.5 * math.log(2 * math.pi * math.e * s * s)
    kl = math.log(sigma / s) + (s * s + (1.5 - mu) ** 2) / (2 * sigma**2) - 0.5
    ell = -0.5 * math.log(2 * math.pi * sigma**2) - ((1.5 - mu) ** 2 + s * s) / (2 * sigma**2)
    assert L.mixture_entropy_1d(d) == pytest.approx(H, abs=1e-11)
    assert float(L.kl_mixture_to_gaussian(d, mu, sigma)) == pytest.approx(kl, rel=1e-10,
                                                                         abs=1e-11)
    assert float(L.expected_log_likelihood(d, mu, sigma)) == pytest.approx(ell, rel=1e-13)
    assert ell == pytest.approx(-H - kl, rel=1e-12)


# ---------------------------------------------------------------- judging Monte Carlo

def test_mc_check_uses_an_absolute_floor_not_a_z_score():
    """An estimate with no variance (an ELBO at q = p(z|x)): SE 1e-17, difference 7e-16 —
    60 'standard errors', yet agreement; a real discrepancy is still caught."""
    c = L.mc_check(-2.0 + 6.7e-16, -2.0, 1.1e-17)
    assert abs(c.diff) / c.se > 50 and c.ok
    assert c.tol == pytest.approx(4 * 1.1e-17 + 1e-9)
    assert L.mc_check(0.30, 0.25, 0.01).ok is False  # 5 SE away: tolerance 0.04
    assert L.mc_check(0.28, 0.25, 0.01).ok is True
    assert L.mc_check(0.0, 0.0, 0.0).ok is True
    with pytest.raises(ValueError, match="se"):
        L.mc_check(0.0, 0.0, -1.0)


def test_sample_moments_and_their_standard_errors():
    x = torch.randn(40_000, generator=torch.Generator().manual_seed(5), dtype=torch.float64) * 3
    mean, sd, se_mean, se_sd = L.sample_moments(x)
    v = x.numpy()
    assert mean == pytest.approx(v.mean(), rel=1e-12)
    assert sd == pytest.approx(v.std(ddof=1), rel=1e-12)
    assert se_mean == pytest.approx(v.std(ddof=1) / 200.0, rel=1e-12)
    assert se_sd == pytest.approx(v.std(ddof=1) / math.sqrt(2 * 39_999), rel=1e-12)
    # the SE of the std is right: over 400 repeats of n = 200, the stds spread by about it
    reps = torch.randn(400, 200, generator=torch.Generator().manual_seed(6), dtype=torch.float64)
    spread = float(reps.std(dim=1).std())
    assert spread == pytest.approx(1 / math.sqrt(2 * 199), rel=0.15)


# ---------------------------------------------------------------- what the fit climbs

def test_fit_summary_counts_against_closed_form_kl():
    """Default data of the page (N(1.5, 0.5²), N = 1000, seed 0) fitted from (0, 1): ℓ̂ never
    falls, but the exact KL (closed form here, not quadrature) rises in most steps — the
    lockstep ΔE = -ΔKL is for the expectation, not for the sample average the fit climbs."""
    d = _data("one", 0.5)
    x = d.sample(1000, torch.Generator().manual_seed(0))
    hist = L.fit_gaussian_mle(x, 0.0, 1.0, steps=200, lr=0.1)
    sm = L.fit_summary(d, hist)
    kl = np.log(hist.sigma / 0.5) + (0.25 + (1.5 - hist.mu) ** 2) / (2 * hist.sigma**2) - 0.5
    assert sm.steps == 200
    assert sm.avg_fell == int((np.diff(hist.avg_ll) < -1e-12).sum()) == 0
    assert sm.kl_rose == int((np.diff(kl) > 1e-12).sum())
    assert 100 < sm.kl_rose < 200
    assert sm.kl_fit == pytest.approx(kl[-1], rel=1e-9)
    assert (sm.mu_star, sm.sigma_star) == (1.5, 0.5)
    assert abs(sm.kl_min) < 1e-12


@pytest.mark.parametrize("s", [0.3, 1.5])
def test_least_kl_is_at_the_moments_for_two_gaussians(s):
    """θ* = (mean, std of p_data) minimises KL(p_data ‖ N(μ, σ²)): every nearby θ is worse."""
    d = _data("two", s)
    x = d.sample(300, torch.Generator().manual_seed(4))
    sm = L.fit_summary(d, L.fit_gaussian_mle(x, 1.0, 1.0))
    assert sm.mu_star == 0.0 and sm.sigma_star == pytest.approx(math.sqrt(4 + s * s))
    for dm, ds in ((0.05, 0), (-0.05, 0), (0, 0.05), (0, -0.05)):
        assert float(L.kl_mixture_to_gaussian(d, sm.mu_star + dm, sm.sigma_star + ds)) > sm.kl_min
    assert sm.kl_fit >= sm.kl_min


# ---------------------------------------------------------------- bad arguments

@pytest.mark.parametrize("call,name", [
    (lambda: L.gaussian_log_prob(0.0, 0.0, 0.0), "sigma"),
    (lambda: L.gaussian_log_prob(0.0, 0.0, -1.0), "sigma"),
    (lambda: L.gaussian_log_prob(0.0, float("nan"), 1.0), "mu"),
    (lambda: L.avg_log_likelihood([], 0.0, 1.0), "x"),
    (lambda: L.avg_log_likelihood([1.0, float("inf")], 0.0, 1.0), "x"),
    (lambda: L.avg_log_likelihood([1.0], 0.0, 0.0), "sigma"),
    (lambda: L.expected_log_likelihood(_data("one", 1.0), 0.0, float("inf")), "sigma"),
    (lambda: L.kl_mixture_to_gaussian(_data("one", 1.0), 0.0, -0.5), "sigma"),
    (lambda: L.gaussian_entropy(0.0), "sigma"),
    (lambda: L.gaussian_mle([]), "x"),
    (lambda: L.data_1d("three", 1.0), "kind"),
    (lambda: L.data_1d("one", 0.0), "std"),
    (lambda: L.data_1d("one", float("nan")), "std"),
    (lambda: L.Mixture1D((0.5, 0.6), (0.0, 1.0), (1.0, 1.0)), "weights"),
    (lambda: L.Mixture1D((1.0,), (0.0,), (-1.0,)), "stds"),
    (lambda: L.Mixture1D((1.0,), (0.0, 1.0), (1.0,)), "same length"),
    (lambda: L.Mixture1D((1.0,), (float("nan"),), (1.0,)), "means"),
    (lambda: _data("one", 1.0).sample(0), "n"),
    (lambda: L.fit_gaussian_mle([1.0, 2.0], 0.0, 0.0), "sigma0"),
    (lambda: L.fit_gaussian_mle([1.0, 2.0], float("nan"), 1.0), "mu0"),
    (lambda: L.fit_gaussian_mle([1.0, 2.0], 0.0, 1.0, steps=0), "steps"),
    (lambda: L.fit_gaussian_mle([1.0, 2.0], 0.0, 1.0, lr=1.5), "lr"),
    (lambda: L.fit_gaussian_mle([1.0, 2.0], 0.0, 1.0, lr=0.0), "lr"),
    (lambda: L.fit_gaussian_mle([], 0.0, 1.0), "x"),
    (lambda: L.mc_check(float("nan"), 0.0, 1.0), "estimate"),
    (lambda: L.mc_check(0.0, 0.0, 1.0, k=0.0), "k"),
    (lambda: L.sample_moments([1.0]), "two"),
])
def test_bad_arguments_raise_value_error(call, name):
    with pytest.raises(ValueError, match=name):
        call()
