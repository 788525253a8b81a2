"""The exact ELBO toy (FORMULAS.md §b) and the DDPM bound check: closed forms against SymPy,
quadrature and Monte Carlo; KL ≥ 0 with equality at the posterior; bad arguments."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import ddpm_core
from ddpm_core import latent_toy as lt

torch.set_num_threads(1)

PARAMS = [  # (x, m, s, w, b, sigma)
    (1.3, 0.2, 0.7, 1.5, -0.4, 0.6),
    (-2.0, -1.0, 0.3, -0.8, 0.5, 1.2),
    (0.0, 0.0, 1.0, 0.0, 0.0, 1.0),  # w = 0: x carries no information about z
    (3.5, 2.5, 0.05, 3.0, 1.0, 0.2),
]

real = st.floats(-4, 4, allow_nan=False)
pos = st.floats(0.05, 3, allow_nan=False)


def test_sympy_identity_log_px_equals_elbo_plus_kl():
    """log p(x) - ELBO - KL(q ‖ p(z|x)) simplifies to 0, with the ELBO derived by SymPy as
    E_q[log p(x, z) - log q(z)] from q's first two moments (the integrand is quadratic in z)."""
    x, z, w, b, m = sp.symbols("x z w b m", real=True)
    sigma, s = sp.symbols("sigma s", positive=True)

    def log_normal(u, mean, var):
        return -sp.log(2 * sp.pi * var) / 2 - (u - mean) ** 2 / (2 * var)

    integrand = sp.expand(log_normal(z, 0, 1) + log_normal(x, w * z + b, sigma**2)
                          - log_normal(z, m, s**2))
    poly = sp.Poly(integrand, z)
    moments = {0: 1, 1: m, 2: m**2 + s**2}  # E_q[z^k], q = N(m, s²)
    elbo = sum(c * moments[k] for (k,), c in poly.terms())
    var_x = w**2 + sigma**2
    log_px = log_normal(x, b, var_x)
    mu, v = w * (x - b) / var_x, sigma**2 / var_x
    kl = (sp.log(v / s**2) + (s**2 + (m - mu) ** 2) / v - 1) / 2
    assert sp.simplify(sp.expand_log(log_px - elbo - kl, force=True)) == 0
    # the engine's closed forms are the same expressions
    for vals in PARAMS:
        xv, mv, sv, wv, bv, sigv = vals
        subs = {x: xv, m: mv, s: sv, w: wv, b: bv, sigma: sigv}
        assert float(elbo.subs(subs)) == pytest.approx(lt.elbo(*vals), rel=1e-12, abs=1e-12)
        assert float(log_px.subs(subs)) == pytest.approx(lt.log_px(xv, wv, bv, sigv), rel=1e-12)
        assert float(kl.subs(subs)) == pytest.approx(lt.kl_gap(*vals), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("vals", PARAMS)
def test_log_px_by_quadrature(vals):
    """p(x) = ∫ p(z) p(x|z) dz, on a fine grid (trapezoid)."""
    x, _, _, w, b, sigma = vals
    z = torch.linspace(-12, 12, 200001, dtype=torch.float64)
    px = torch.trapezoid(lt.log_joint(x, z, w, b, sigma).exp(), z)
    assert math.log(float(px)) == pytest.approx(lt.log_px(x, w, b, sigma), abs=1e-9)


@pytest.mark.parametrize("vals", PARAMS)
def test_posterior_by_quadrature(vals):
    """Mean and variance of p(z|x) ∝ p(x, z), by quadrature; and v ≠ σ² (the pitfall)."""
    x, _, _, w, b, sigma = vals
    z = torch.linspace(-12, 12, 200001, dtype=torch.float64)
    dens = (lt.log_joint(x, z, w, b, sigma) - lt.log_px(x, w, b, sigma)).exp()
    mean = float(torch.trapezoid(z * dens, z))
    var = float(torch.trapezoid((z - mean) ** 2 * dens, z))
    mu, v = lt.true_posterior(x, w, b, sigma)
    assert mean == pytest.approx(mu, abs=1e-8)
    assert var == pytest.approx(v, rel=1e-6)
    if w != 0:
        assert abs(v - sigma**2) > 1e-3


@pytest.mark.parametrize("vals", PARAMS)
def test_monte_carlo_elbo_within_4_se(vals):
    g = torch.Generator().manual_seed(7)
    est, se = lt.mc_elbo(*vals, n=20000, generator=g)
    # at q = p(z|x) (here w = 0, so q = prior = posterior) log p(x,z) - log q(z) = log p(x)
    # for every z: zero variance, the estimate is exact up to rounding
    assert abs(est - lt.elbo(*vals)) < 4 * se + 1e-12


def test_monte_carlo_catches_a_dropped_w2s2_term():
    """The check can fail: an ELBO without the w²s²/(2σ²) term is many SE away from MC."""
    vals = (1.0, 0.5, 1.2, 2.0, 0.0, 0.5)
    est, se = lt.mc_elbo(*vals, n=20000, generator=torch.Generator().manual_seed(1))
    wrong = lt.elbo(*vals) + lt.elbo_terms(*vals)["w2s2"]
    assert abs(est - wrong) > 20 * se


def test_pinned_values():
    x, m, s, w, b, sigma = 1.0, 0.0, 1.0, 1.0, 0.0, 1.0
    # p(x) = N(0, 2): log p(1) = -½ log(4π) - 1/4
    assert lt.log_px(x, w, b, sigma) == pytest.approx(-0.5 * math.log(4 * math.pi) - 0.25,
                                                      rel=1e-15)
    assert lt.true_posterior(x, w, b, sigma) == (0.5, 0.5)
    # q = prior N(0,1): ELBO = E log p(x|z) = -½log(2π) - (1 + 1)/2
    assert lt.elbo(x, m, s, w, b, sigma) == pytest.approx(-0.5 * math.log(2 * math.pi) - 1.0,
                                                          rel=1e-15)
    # KL(N(0,1) ‖ N(½,½)) = ½(log ½ + (1 + ¼)/½ - 1)
    assert lt.kl_gap(x, m, s, w, b, sigma) == pytest.approx(0.5 * (math.log(0.5) + 1.5),
                                                            rel=1e-15)


@settings(max_examples=200, deadline=None)
@given(x=real, m=real, s=pos, w=real, b=real, sigma=pos)
def test_gap_is_kl_and_nonnegative(x, m, s, w, b, sigma):
    kl = lt.kl_gap(x, m, s, w, b, sigma)
    gap = lt.log_px(x, w, b, sigma) - lt.elbo(x, m, s, w, b, sigma)
    assert kl >= -1e-12
    assert gap == pytest.approx(kl, abs=1e-9 * max(1.0, abs(gap)))
    terms = lt.elbo_terms(x, m, s, w, b, sigma)
    assert terms["elbo"] == pytest.approx(terms["recon"] - terms["kl_prior"], rel=1e-12)
    assert terms["kl_prior"] >= -1e-12 and terms["w2s2"] >= 0


@settings(max_examples=100, deadline=None)
@given(x=real, w=real, b=real, sigma=pos)
def test_tight_iff_q_is_the_posterior(x, w, b, sigma):
    mu, v = lt.true_posterior(x, w, b, sigma)
    s = math.sqrt(v)
    assert lt.kl_gap(x, mu, s, w, b, sigma) == pytest.approx(0.0, abs=1e-12)
    assert lt.elbo(x, mu, s, w, b, sigma) == pytest.approx(lt.log_px(x, w, b, sigma),
                                                           rel=1e-12, abs=1e-12)
    # any other q leaves a positive gap
    assert lt.kl_gap(x, mu + 0.1, s, w, b, sigma) > 0
    assert lt.kl_gap(x, mu, 1.1 * s, w, b, sigma) > 0


@pytest.mark.parametrize("call, name", [
    (lambda: lt.log_px(0.0, 1.0, 0.0, 0.0), "sigma"),
    (lambda: lt.log_px(float("nan"), 1.0, 0.0, 1.0), "x"),
    (lambda: lt.true_posterior(0.0, float("inf"), 0.0, 1.0), "w"),
    (lambda: lt.elbo(0.0, 0.0, -1.0, 1.0, 0.0, 1.0), "s"),
    (lambda: lt.elbo(0.0, "a", 1.0, 1.0, 0.0, 1.0), "m"),
    (lambda: lt.kl_gap(0.0, 0.0, 0.0, 1.0, 0.0, 1.0), "s"),
    (lambda: lt.kl_gap(0.0, 0.0, 1.0, 1.0, True, 1.0), "b"),
    (lambda: lt.mc_elbo(0.0, 0.0, 1.0, 1.0, 0.0, 1.0, n=1), "n"),
    (lambda: lt.ddpm_bound_check(ddpm_core.mixture("two_gaussians"),
                                 ddpm_core.Schedule.linear(5), n=4, sigma="zero"), "sigma"),
    (lambda: lt.ddpm_bound_check(ddpm_core.mixture("two_gaussians"),
                                 ddpm_core.Schedule.linear(5), n=0), "n"),
])
def test_bad_arguments_raise(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# ------------------------------------------------------------------ the DDPM bound
def test_ddpm_bound_terms_and_gap_beta_tilde():
    """Linear T=100: columns are L_0..L_T, the bound is their sum, and with σ² = β̃ the bound
    sits clearly above the exact NLL (β̃ is too small a reverse variance at small t)."""
    sched = ddpm_core.Schedule.linear(100, scale_to_T=True)
    mix = ddpm_core.mixture("8gaussians")
    chk = lt.ddpm_bound_check(mix, sched, n=256, generator=torch.Generator().manual_seed(0),
                              sigma="beta_tilde")
    assert chk.terms.shape == (101,)
    assert chk.bound == pytest.approx(float(chk.terms.sum()), rel=1e-12)
    assert bool((chk.terms[1:] > 0).all())  # KLs and the prior term
    x0 = mix.sample(256, torch.Generator().manual_seed(0), dtype=torch.float64)
    assert float(chk.terms[-1]) == pytest.approx(float(ddpm_core.prior_kl(sched, x0).mean()),
                                                 rel=1e-12)
    assert chk.nll == pytest.approx(float(-mix.log_prob(x0).mean()), rel=1e-12)
    assert chk.gap == pytest.approx(chk.bound - chk.nll, abs=1e-12)
    assert chk.gap > 4 * chk.gap_se


@pytest.mark.parametrize("T", [1, 2, 10])
def test_ddpm_bound_holds_for_short_chains(T):
    """T=1: only L_0 and L_T; unscaled linear T=10 keeps ᾱ_T ≈ 0.9, so L_T (prior mismatch)
    is large. In every case -log q(x_0) ≤ L (up to 4 SE)."""
    sched = ddpm_core.Schedule.linear(T)
    mix = ddpm_core.mixture("two_gaussians")
    chk = lt.ddpm_bound_check(mix, sched, n=512, generator=torch.Generator().manual_seed(3),
                              sigma="beta")
    assert chk.terms.shape == (T + 1,)
    assert chk.gap > -4 * chk.gap_se
    if T == 10:
        assert float(chk.terms[-1]) > 0.5
    assert np.isfinite(chk.bound) and np.isfinite(chk.gap)


def test_per_point_gap_can_be_negative_only_the_mean_is_bounded():
    """The page's corrected claim. At x_0 = (2, 0), the centre of one of the 8 Gaussians,
    L(x_0) + log q(x_0) — L averaged over 400 draws of the chain — is clearly negative with
    σ² = β: there the model's density exceeds the data's. Over x_0 ~ q the mean gap is ≥ 0."""
    from ddpm_core.objectives import vlb_terms

    sched = ddpm_core.Schedule.linear(100, scale_to_T=True)
    mix = ddpm_core.mixture("8gaussians")
    x0 = torch.tensor([[2.0, 0.0]] * 400, dtype=torch.float64)
    vlb = vlb_terms(ddpm_core.OracleEps(mix, sched), sched, x0,
                    torch.Generator().manual_seed(0), sigma="beta", decoder="gaussian")
    gap = vlb.total + mix.log_prob(x0).double()
    mean, se = float(gap.mean()), float(gap.std() / math.sqrt(gap.numel()))
    assert mean < -8 * se  # measured about -1.9 ± 0.11
    chk = lt.ddpm_bound_check(mix, sched, n=512, generator=torch.Generator().manual_seed(1),
                              sigma="beta")
    assert chk.gap >= -4 * chk.gap_se


def test_denoising_share():
    """The share of Σ L_{t-1} in the first k terms, against a sum done here."""
    sched = ddpm_core.Schedule.linear(50, scale_to_T=True)
    chk = lt.ddpm_bound_check(ddpm_core.mixture("two_gaussians"), sched, n=64,
                              generator=torch.Generator().manual_seed(2), sigma="beta_tilde")
    mid = chk.terms[1:50].numpy()
    assert chk.denoising_share(4) == pytest.approx(mid[:4].sum() / mid.sum(), rel=1e-12)
    assert chk.denoising_share(49) == pytest.approx(1.0, rel=1e-12)
