"""ddpm_core.probability against the formula sheet (FORMULAS.md §k): the coin's evidence and
posterior exactly (SymPy rationals), the triangle's marginals and conditionals (SymPy and
Monte Carlo), both gradient estimators (SymPy moments, Monte Carlo within stated SE), the
importance-weight second moment (quadrature), the IWAE bound's pinned values, order and
L_1 = ELBO; bad arguments raise ValueError naming the argument."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
import torch
from scipy import integrate

from ddpm_core import latent_toy
from ddpm_core import probability as P

torch.set_num_threads(1)
K_SE = 4  # Monte-Carlo checks: |diff| <= K_SE standard errors (+ a floor where stated)


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


# ------------------------------------------------------------------ 1. the coin
def _sympy_evidence(k: int, n: int, a: int, b: int) -> sp.Rational:
    th = sp.symbols("theta", positive=True)
    prior = th ** (a - 1) * (1 - th) ** (b - 1) / sp.integrate(th ** (a - 1) * (1 - th) ** (b - 1),
                                                               (th, 0, 1))
    return sp.integrate(sp.binomial(n, k) * th**k * (1 - th) ** (n - k) * prior, (th, 0, 1))


def test_seed_example_evidence_is_one_eleventh():
    """7 heads in 10, uniform prior: P(X) = 1/11 exactly (the seed says ≈ 0.1)."""
    assert _sympy_evidence(7, 10, 1, 1) == sp.Rational(1, 11)
    assert P.coin_evidence_fraction(7, 10) == Fraction(1, 11)
    post = P.coin_posterior(7, 10)
    assert post.evidence == pytest.approx(1 / 11, rel=1e-13)
    assert post.evidence_sequence == pytest.approx(1 / 1320, rel=1e-13)  # one given sequence
    assert (post.a_post, post.b_post) == (8, 4)
    assert post.mean == pytest.approx(2 / 3, rel=1e-15) and post.mode == pytest.approx(0.7)
    for k in range(11):  # 1/11 for every head count under the uniform prior
        assert P.coin_evidence_fraction(k, 10) == Fraction(1, 11)


@pytest.mark.parametrize("k, n, a, b", [(0, 0, 1, 1), (3, 5, 2, 3), (0, 4, 1, 5), (12, 20, 4, 1),
                                        (9, 9, 3, 2)])
def test_evidence_exact_against_sympy(k, n, a, b):
    exact = _sympy_evidence(k, n, a, b)
    assert P.coin_evidence_fraction(k, n, a, b) == Fraction(int(exact.p), int(exact.q))
    assert P.coin_posterior(k, n, a, b).evidence == pytest.approx(float(exact), rel=1e-12)


@pytest.mark.parametrize("k, n, a, b", [(7, 10, 1, 1), (0, 3, 0.5, 0.5), (50, 50, 0.5, 20),
                                        (13, 40, 2.5, 7.0)])
def test_evidence_quadrature_and_posterior_density(k, n, a, b):
    closed = P.coin_posterior(k, n, a, b)
    assert P.coin_evidence_quadrature(k, n, a, b) == pytest.approx(closed.evidence, rel=1e-9)
    th = np.linspace(1e-6, 1 - 1e-6, 200001)
    d = P.coin_densities(th, k, n, a, b)
    # Bayes' rule pointwise: posterior = likelihood · prior / evidence
    np.testing.assert_allclose(d["posterior"], d["likelihood"] * d["prior"] / closed.evidence,
                               rtol=1e-9)
    if a >= 1 and b >= 1:
        assert np.trapezoid(d["prior"], th) == pytest.approx(1, abs=1e-4)
    if closed.a_post >= 1 and closed.b_post >= 1:
        assert np.trapezoid(d["posterior"], th) == pytest.approx(1, abs=1e-4)
        assert np.trapezoid(th * d["posterior"], th) == pytest.approx(closed.mean, abs=1e-4)


# ------------------------------------------------------------------ 2. the triangle
def test_triangle_marginals_and_conditionals_against_sympy():
    x, y = sp.symbols("x y", positive=True)
    px = sp.integrate(2, (y, 0, x))
    py = sp.integrate(2, (x, y, 1))
    assert sp.simplify(px - 2 * x) == 0 and sp.simplify(py - 2 * (1 - y)) == 0
    assert sp.integrate(px, (x, 0, 1)) == 1  # a density
    xs = np.linspace(0.01, 1, 50)
    np.testing.assert_allclose(P.triangle_marginal_x(xs), [float(px.subs(x, v)) for v in xs])
    np.testing.assert_allclose(P.triangle_marginal_y(xs - 0.01),
                               [float(py.subs(y, v)) for v in xs - 0.01])
    for x0 in (0.05, 0.3, 1.0):
        ys = np.linspace(0, 1, 101)
        cond = P.triangle_cond_y_given_x(ys, x0)
        np.testing.assert_allclose(cond, np.where(ys <= x0, float(2 / px.subs(x, x0)), 0.0))
        assert integrate.quad(lambda v, x0=x0: float(P.triangle_cond_y_given_x(v, x0)), 0, x0)[0] \
            == pytest.approx(1, rel=1e-9)  # 1/x on [0, x] integrates to 1, however tall
    for y0 in (0.0, 0.4, 0.95):
        xs2 = np.linspace(0, 1, 101)
        np.testing.assert_allclose(P.triangle_cond_x_given_y(xs2, y0),
                                   np.where(xs2 >= y0, 2 / float(py.subs(y, y0)), 0.0))


def test_chain_rule_both_orders_equal_the_joint():
    g = np.linspace(0.001, 0.999, 120)
    for x0 in g[::7]:
        for y0 in g[::5]:
            joint = float(P.triangle_joint(x0, y0))
            a = float(P.triangle_marginal_x(x0) * P.triangle_cond_y_given_x(y0, x0))
            b = float(P.triangle_marginal_y(y0) * P.triangle_cond_x_given_y(x0, y0))
            assert a == pytest.approx(joint, rel=1e-12) and b == pytest.approx(joint, rel=1e-12)


@pytest.mark.parametrize("x0", [0.1, 0.5, 0.9])
def test_triangle_slice_monte_carlo(x0):
    chk = P.triangle_slice_mc(x0, 200_000, 0.02, _gen(3))
    assert abs(chk.density_x - 2 * x0) <= K_SE * chk.density_x_se  # band of width 0.04: p
    assert abs(chk.mean_y - P.triangle_band_mean_y(x0, 0.02)) <= K_SE * chk.mean_y_se
    # the band's E[y] by quadrature of y·p(x, y) over the band, against the closed form
    num = integrate.dblquad(lambda y, x: 2 * y, x0 - 0.02, x0 + 0.02, 0, lambda x: x)[0]
    den = integrate.dblquad(lambda y, x: 2.0, x0 - 0.02, x0 + 0.02, 0, lambda x: x)[0]
    assert P.triangle_band_mean_y(x0, 0.02) == pytest.approx(num / den, rel=1e-10)
    xy = P.triangle_sample(100_000, _gen(4))
    assert np.all(xy[:, 1] <= xy[:, 0])


# ------------------------------------------------------------------ 3. two coins
def test_two_coin_brute_force_equals_factorised_and_a_hand_sum():
    rng = np.random.default_rng(0)
    for n in (1, 2, 7, 12):
        xs = rng.integers(0, 2, n)
        brute = P.two_coin_likelihood_brute(xs, 0.9, 0.2, 0.3)
        fact = P.two_coin_likelihood_factorised(xs, 0.9, 0.2, 0.3)
        assert brute == pytest.approx(fact, rel=1e-12)
    # n = 2, x = (1, 0): the four terms written out by hand
    a, p1, p2 = 0.3, 0.9, 0.2
    hand = (a * p1 * a * (1 - p1) + a * p1 * (1 - a) * (1 - p2)
            + (1 - a) * p2 * a * (1 - p1) + (1 - a) * p2 * (1 - a) * (1 - p2))
    assert P.two_coin_likelihood_brute([1, 0], p1, p2, a) == pytest.approx(hand, rel=1e-15)
    assert P.two_coin_term_counts(10) == (1024, 20)
    tb, tf, value = P.time_two_coin(10, repeats=1)
    assert tb > 0 and tf > 0 and value == pytest.approx(0.41**7 * 0.59**3, rel=1e-12)


# ------------------------------------------------------------------ 4. gradient estimators
def test_gradient_variances_against_sympy_moments():
    """E and Var of both one-draw estimators from the moments of ε ~ N(0, 1), by SymPy."""
    mu, e = sp.symbols("mu epsilon", real=True)
    s = sp.symbols("sigma", positive=True)

    def E(expr):
        poly = sp.Poly(sp.expand(expr), e)
        return sum(c * (sp.factorial2(k - 1) if k % 2 == 0 else 0) if k else c
                   for (k,), c in poly.terms())

    z = mu + s * e
    rep, score = 2 * z, z**2 * e / s
    assert sp.simplify(E(rep) - 2 * mu) == 0 and sp.simplify(E(score) - 2 * mu) == 0
    var_rep = sp.simplify(E(rep**2) - E(rep) ** 2)
    var_score = sp.simplify(E(score**2) - E(score) ** 2)
    assert sp.simplify(var_rep - 4 * s**2) == 0
    assert sp.simplify(var_score - (mu**4 / s**2 + 14 * mu**2 + 15 * s**2)) == 0
    assert P.gradient_variances(1.0, 0.5) == pytest.approx((1.0, 21.75))  # the sheet's pair
    for m_, s_ in ((0.3, 1.7), (-2.0, 0.1)):
        got = P.gradient_variances(m_, s_)
        assert got[0] == pytest.approx(float(var_rep.subs({mu: m_, s: s_})), rel=1e-12)
        assert got[1] == pytest.approx(float(var_score.subs({mu: m_, s: s_})), rel=1e-12)


@pytest.mark.parametrize("mu, sigma", [(1.0, 0.5), (-0.7, 1.3), (1.5, 0.2)])
def test_gradient_estimators_unbiased_with_stated_variance(mu, sigma):
    """Means within 4 SE of 2μ; sample variances within 4 SE of the closed forms, the SE of a
    sample variance taken from the sample's fourth central moment."""
    n = 400_000
    est = P.gradient_estimators(mu, sigma, torch.randn(n, generator=_gen(7), dtype=torch.float64))
    assert est.true_grad == 2 * mu
    for samples, var in zip((est.reparam, est.score), P.gradient_variances(mu, sigma)):
        se_mean = samples.std() / math.sqrt(n)
        assert abs(samples.mean() - 2 * mu) <= K_SE * se_mean
        c = samples - samples.mean()
        se_var = math.sqrt(max((c**4).mean() - c.var() ** 2, 0) / n)
        assert abs(c.var(ddof=1) - var) <= K_SE * se_var
    assert P.gradient_variances(mu, sigma)[1] > P.gradient_variances(mu, sigma)[0]


def test_score_variance_blows_up_as_sigma_shrinks():
    v = [P.gradient_variances(1.0, s)[1] for s in (1.0, 0.1, 0.01)]
    assert v[0] < v[1] < v[2] and v[2] > 1e4  # μ⁴/σ² = 10⁴ at σ = 0.01
    assert P.gradient_variances(1.0, 0.01)[0] == pytest.approx(4e-4)


# ------------------------------------------------------------------ 5. importance sampling
@pytest.mark.parametrize("a, s2", [(0.0, 1.0), (0.5, 0.8), (-1.2, 2.5), (1.0, 0.55)])
def test_weight_second_moment_against_quadrature(a, s2):
    def integrand(x):  # p(x)²/q(x)
        return math.exp(-x * x - 0.5 * math.log(2 * math.pi)
                        + 0.5 * (x - a) ** 2 / s2 + 0.5 * math.log(s2))

    quad = integrate.quad(integrand, -np.inf, np.inf, limit=200)[0]
    assert P.is_weight_second_moment(a, s2) == pytest.approx(quad, rel=1e-8)
    if a == 0 and s2 == 1:
        assert P.is_weight_second_moment(a, s2) == 1.0  # q = p: every weight is 1


def test_weight_second_moment_infinite_at_and_below_one_half():
    assert P.is_weight_second_moment(0.0, 0.5) == math.inf
    assert P.is_weight_second_moment(1.0, 0.2) == math.inf
    assert P.is_weight_moment_finite(2, 0.51) and not P.is_weight_moment_finite(2, 0.5)
    assert P.is_weight_moment_finite(4, 0.76) and not P.is_weight_moment_finite(4, 0.75)
    # the truncated integral keeps growing with the range: it diverges
    vals = [integrate.quad(lambda x: math.exp(-x * x + 0.5 * x * x / 0.4), -L, L)[0]
            for L in (5, 10, 20)]
    assert vals[0] < vals[1] < vals[2] and vals[2] > 1e6


def test_importance_sampling_monte_carlo():
    run = P.importance_sampling(0.5, 1.5, 200_000, _gen(11))
    assert abs(run.estimate - 1.0) <= K_SE * run.estimate_se  # E_p[x²] = 1
    assert abs(run.second_moment - P.is_weight_second_moment(0.5, 1.5)) <= K_SE * \
        run.second_moment_se
    assert abs(run.w.mean() - 1) <= K_SE * run.w.std() / math.sqrt(len(run.w))


# ------------------------------------------------------------------ 6. IWAE
PINNED = {1: -2.3083, 2: -0.8419, 5: -0.2064, 10: -0.0820, 100: -0.00702, 1000: -0.000693}


def test_iwae_exact_matches_the_pinned_values():
    for K, v in PINNED.items():
        digits = 10 ** math.floor(math.log10(abs(v)) - 2)  # the sheet's last digit
        assert abs(P.iwae_gap_exact(K) - v) <= 0.5 * digits + 1e-12, K


def test_iwae_l1_is_the_elbo_pages_closed_form():
    toy = P.IWAE_TOY
    elbo = latent_toy.elbo(toy.x, toy.m, toy.s, toy.w, toy.b, toy.sigma)
    log_px = latent_toy.log_px(toy.x, toy.w, toy.b, toy.sigma)
    assert P.iwae_gap_exact(1) == pytest.approx(elbo - log_px, abs=1e-9)
    assert -latent_toy.kl_gap(toy.x, toy.m, toy.s, toy.w, toy.b, toy.sigma) == \
        pytest.approx(PINNED[1], abs=5e-5)
    r = P.iwae_bound(1, 100_000, _gen(5))
    assert r.elbo == elbo and r.log_px == log_px
    assert abs(r.L_K - elbo) <= K_SE * r.se


@pytest.mark.parametrize("K", [1, 2, 5, 10, 100])
def test_iwae_monte_carlo_matches_the_pinned_values(K):
    r = P.iwae_bound(K, 40_000, _gen(100 + K))
    assert abs((r.L_K - r.log_px) - PINNED[K]) <= K_SE * r.se + 1e-4


def test_iwae_ordered_and_delta_method():
    gaps = [P.iwae_gap_exact(K) for K in (1, 2, 5, 10, 100, 1000)]
    assert all(a < b for a, b in zip(gaps, gaps[1:])) and gaps[-1] < 0  # L_1 ≤ L_K ≤ log p(x)
    for K, rel in ((100, 1.4e-2), (1000, 1.4e-3)):  # the sheet's relative errors
        exact, delta = P.iwae_gap_exact(K), P.iwae_delta_bias(K)
        assert abs(delta / exact - 1) == pytest.approx(rel, rel=0.1)
    # the relative variance by quadrature
    toy = P.IWAE_TOY
    r2 = integrate.quad(lambda z: math.exp(2 * P._log_ratio(np.array(z), toy))
                        * math.exp(-0.5 * ((z - toy.m) / toy.s) ** 2)
                        / (toy.s * math.sqrt(2 * math.pi)), -np.inf, np.inf)[0]
    assert P.iwae_weight_relative_variance() == pytest.approx(r2 - 1, rel=1e-8)


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize("call, name", [
    (lambda: P.coin_posterior(7, 5), "trials"),
    (lambda: P.coin_posterior(-1, 5), "heads"),
    (lambda: P.coin_posterior(3, 5, a=0.0), "a"),
    (lambda: P.coin_posterior(3, 5, b=-1.0), "b"),
    (lambda: P.coin_evidence_fraction(3, 5, 1.5, 1), "a"),
    (lambda: P.iwae_bound(0, 10), "K"),
    (lambda: P.iwae_gap_exact(0), "K"),
    (lambda: P.iwae_bound(2, 1), "n"),
    (lambda: P.is_weight_second_moment(0.0, 0.0), "s2"),
    (lambda: P.importance_sampling(0.0, -1.0, 10), "s2"),
    (lambda: P.gradient_variances(1.0, 0.0), "sigma"),
    (lambda: P.triangle_cond_y_given_x([0.1], 0.0), "x"),
    (lambda: P.two_coin_likelihood_brute(np.ones(P.BRUTE_FORCE_MAX_N + 1, int), .5, .5, .5),
     "n"),
    (lambda: P.two_coin_likelihood_factorised([1, 0], 1.5, 0.5, 0.5), "p1"),
    (lambda: P.coin_posterior(3, 5, a=math.nan), "a"),
])
def test_bad_arguments_raise_value_error_naming_them(call, name):
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        call()
