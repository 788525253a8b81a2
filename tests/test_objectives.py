"""The bound's terms: Gaussian KL, decoders, L_T, λ_t, vlb_terms, L_simple."""

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from ddpm_core import (
    Schedule,
    discretized_gaussian_log_likelihood,
    gaussian_kl,
    kl_constant,
    lambda_t,
    loss_simple,
    prior_kl,
    q_posterior,
    q_sample,
    vlb_terms,
)
from ddpm_core.objectives import LN2

LIN = Schedule.linear(1000)
COS = Schedule.cosine(1000)


class ConstEps(torch.nn.Module):
    """A deterministic stand-in model: ε_θ(x_t, t) = c·x_t."""

    def __init__(self, c=0.3, shape=(2,)):
        super().__init__()
        self.c, self.sample_shape = c, shape

    def forward(self, x_t, t):
        return self.c * x_t


@settings(max_examples=100, deadline=None)
@given(st.floats(-5, 5), st.floats(1e-3, 5), st.floats(-5, 5), st.floats(1e-3, 5))
def test_kl_properties(m1, v1, m2, v2):
    kl = float(gaussian_kl(torch.tensor(m1), torch.tensor(v1), torch.tensor(m2), torch.tensor(v2)))
    assert kl >= -1e-12
    m, v = torch.tensor(m1), torch.tensor(v1)
    same = float(gaussian_kl(m, v, m, v))
    assert abs(same) < 1e-12


def test_kl_against_quadrature():
    m1, v1, m2, v2 = 0.3, 0.5, -0.4, 1.7
    x = torch.linspace(-15, 15, 300001, dtype=torch.float64)
    p = torch.exp(-((x - m1) ** 2) / (2 * v1)) / math.sqrt(2 * math.pi * v1)
    logq = -((x - m2) ** 2) / (2 * v2) - 0.5 * math.log(2 * math.pi * v2)
    integrand = p * (torch.log(p) - logq)
    quad = float(torch.trapezoid(integrand, x))
    closed = float(gaussian_kl(*(torch.tensor(v, dtype=torch.float64) for v in (m1, v1, m2, v2))))
    assert abs(quad - closed) < 1e-9


def test_prior_term_pinned():
    """FORMULAS.md §j: L_T in bits/dim for x_0 = ±1 and for uniform 8-bit data."""
    x = torch.tensor([[1.0], [-1.0]], dtype=torch.float64)
    assert abs(float(prior_kl(LIN, x)[0]) / LN2 - 2.9112945420307866e-05) < 1e-18
    assert abs(float(prior_kl(COS, x)[1]) / LN2 - 1.7519849882547886e-09) < 1e-21
    k = torch.arange(256, dtype=torch.float64)
    uniform = (k / 127.5 - 1).reshape(1, -1)  # E[x²] = 257/765 exactly
    per_dim = float(prior_kl(LIN, uniform)) / 256 / LN2
    assert abs(per_dim - 9.780817532093388e-06) < 1e-17


def test_lambda_pinned_and_relation():
    lam = lambda_t(LIN)
    assert abs(float(lam[2]) - 0.600) < 1e-3 and abs(float(lam[1000]) - 0.0102) < 1e-4
    assert math.isinf(float(lam[1])) and float(lam[0]) == 0.0
    b, a, ab = LIN.betas, LIN.alphas, LIN.alpha_bars
    t = torch.arange(2, 1001)
    assert torch.allclose(lam[t], b[t] / (2 * a[t] * (1 - ab[t - 1])), rtol=1e-12)
    lam_b = lambda_t(LIN, "beta")
    t = torch.arange(1, 1001)
    assert torch.allclose(lam_b[t], b[t] / (2 * a[t] * (1 - ab[t])), rtol=1e-12)


@pytest.mark.parametrize("sigma", ["beta_tilde", "beta"])
def test_kl_term_equals_lambda_times_eps_error_plus_C(sigma):
    """Ho Eqs. (8)-(12): L_{t-1} = λ_t ‖ε - ε_θ‖² + C, checked on explicit tensors."""
    g = torch.Generator().manual_seed(1)
    x0 = torch.randn(32, 3, generator=g, dtype=torch.float64)
    eps = torch.randn(32, 3, generator=g, dtype=torch.float64)
    eps_pred = eps + 0.2 * torch.randn(32, 3, generator=g, dtype=torch.float64)
    var = LIN.reverse_variance(sigma)
    for t in (2, 10, 400, 1000):
        x_t = q_sample(LIN, x0, t, eps)
        mu_tilde, _ = q_posterior(LIN, x0, x_t, t)
        from ddpm_core import posterior_mean_from_eps

        mu_theta = posterior_mean_from_eps(LIN, x_t, t, eps_pred)
        kl = gaussian_kl(mu_tilde, LIN.beta_tildes[t], mu_theta, var[t]).sum(1)
        want = lambda_t(LIN, sigma)[t] * ((eps - eps_pred) ** 2).sum(1) + kl_constant(
            LIN, sigma, d=3)[t]
        assert torch.allclose(kl, want, rtol=1e-8), t


def test_kl_constant_zero_iff_beta_tilde():
    assert float(kl_constant(LIN, "beta_tilde").abs().max()) < 1e-12
    c = kl_constant(LIN, "beta", d=2)
    assert bool((c[2:] > 0).all())


def test_discretized_decoder_sums_to_one_and_tails():
    k = torch.arange(256, dtype=torch.float64)
    x = (k / 127.5 - 1).reshape(-1, 1)
    for mean, var in ((0.1, 0.01), (-0.97, 1e-4), (0.5, 2.0), (1.0, 1e-6)):
        ll = discretized_gaussian_log_likelihood(x, torch.full_like(x, mean), var)
        assert abs(float(ll.exp().sum()) - 1.0) < 1e-9
    # 13σ out above the mean: the naive Φ difference is 0 in float64, the true mass ≈ 2.8e-38
    x1 = torch.tensor([[0.0]], dtype=torch.float64)
    sigma = (1 / 255) / 13.0
    ll = discretized_gaussian_log_likelihood(x1, torch.tensor([[-2 / 255]]), sigma**2)
    assert torch.isfinite(ll).all() and -90 < float(ll) < -80


def test_vlb_terms_structure_and_units():
    g = torch.Generator().manual_seed(0)
    sched = Schedule.linear(20, 1e-3, 0.2)
    x0 = torch.randn(16, 2, generator=g, dtype=torch.float64)
    res = vlb_terms(ConstEps(), sched, x0, g)
    assert res.terms.shape == (16, 21) and res.units == "nats"
    assert bool((res.terms[:, 1:] >= 0).all())  # KLs are non-negative
    assert torch.allclose(res.terms[:, 20], prior_kl(sched, x0))
    assert torch.allclose(res.total, res.terms.sum(1)) and torch.equal(res.elbo, -res.total)
    imgs = (torch.randint(0, 256, (4, 1, 4, 4), generator=g).double() / 127.5) - 1
    res_img = vlb_terms(ConstEps(shape=(1, 4, 4)), sched, imgs, g)
    assert res_img.units == "bits/dim"
    assert bool((res_img.terms[:, 0] > 0).all())  # a probability ≤ 1: -log ≥ 0


def test_vlb_bad_sigma():
    with pytest.raises(ValueError, match="sigma"):
        vlb_terms(ConstEps(), LIN, torch.zeros(2, 2), sigma="zero")
    with pytest.raises(ValueError, match="decoder"):
        vlb_terms(ConstEps(), LIN, torch.zeros(2, 2), decoder="bernoulli")


def test_loss_simple_matches_manual():
    g = torch.Generator().manual_seed(3)
    x0 = torch.randn(10, 2, generator=g, dtype=torch.float64)
    t = torch.randint(1, 1001, (10,), generator=g)
    eps = torch.randn(10, 2, generator=g, dtype=torch.float64)
    model = ConstEps(0.5)
    x_t = q_sample(LIN, x0, t, eps)
    want = ((eps - 0.5 * x_t) ** 2).mean()
    assert torch.allclose(loss_simple(model, LIN, x0, t=t, eps=eps), want)


def test_vlb_L0_is_the_discretized_decoder_with_variance_beta_1_by_quadrature():
    """L_0 = -log p_θ(x_0|x_1) (Ho Eq. 13) recomputed outside the engine: x_1 from the same
    first noise draw, μ_θ(x_1, 1) from Eq. (11) written out, each bin's mass by mpmath
    quadrature of N(u; μ, β₁) over [x - 1/255, x + 1/255] (open at ±1). Catches a decoder
    variance of β₂ (or β̃₁), a wrong bin width and a wrong mean."""
    import mpmath

    sched = Schedule.linear(10, 0.01, 0.2)
    g = torch.Generator().manual_seed(4)
    k = torch.tensor([[0, 40, 128, 255], [17, 200, 127, 254]], dtype=torch.float64)
    x0 = (k / 127.5 - 1).reshape(2, 1, 2, 2)
    model = ConstEps(0.4, shape=(1, 2, 2))
    res = vlb_terms(model, sched, x0, torch.Generator().manual_seed(4))
    eps = torch.randn(x0.shape, generator=g, dtype=torch.float64)  # vlb_terms' first draw (t = 1)
    b1 = 0.01
    x1 = math.sqrt(1 - b1) * x0 + math.sqrt(b1) * eps  # ᾱ_1 = α_1 = 1 - β_1
    mu = (x1 - b1 / math.sqrt(b1) * (0.4 * x1)) / math.sqrt(1 - b1)  # Ho Eq. (11)
    sd = mpmath.sqrt(b1)
    for i in range(2):
        nll = mpmath.mpf(0)
        for x, m in zip(x0[i].flatten().tolist(), mu[i].flatten().tolist()):
            lo = -mpmath.inf if x <= -1 + 1e-9 else x - 1 / 255
            hi = mpmath.inf if x >= 1 - 1e-9 else x + 1 / 255
            mass = mpmath.quad(lambda u, m=m: mpmath.npdf(u, m, sd), [lo, hi])
            nll -= mpmath.log(mass)
        want = float(nll) / (4 * math.log(2))  # bits/dim, d = 4
        assert float(res.terms[i, 0]) == pytest.approx(want, rel=1e-7), i
