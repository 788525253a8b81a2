"""ddpm_core.vae against independent computations (FORMULAS.md §o1, §o2): torch.distributions
densities and KLs, Gaussian conditioning of the joint, Monte Carlo over the reparameterised q
and over the forward chain (within 5 standard errors, fixed seeds)."""

from __future__ import annotations

import math

import pytest
import torch
from torch.distributions import MultivariateNormal, Normal, kl_divergence

from ddpm_core import Schedule, make_schedule
from ddpm_core.data import mixture
from ddpm_core.vae import (
    GaussianVAE,
    LinearGaussianVAE,
    ddpm_gaussian_elbo,
    default_vae,
    gaussian_vae_elbo,
    train_vae,
)

D, d = 4, 2


@pytest.fixture(scope="module")
def lin():
    g = torch.Generator().manual_seed(3)
    W = torch.randn(D, d, generator=g, dtype=torch.float64)
    b = torch.randn(D, generator=g, dtype=torch.float64)
    x = torch.randn(5, D, generator=g, dtype=torch.float64) * 1.5
    return LinearGaussianVAE(W, b, 0.6), x


def _joint_posterior(vae: LinearGaussianVAE, x):
    """p(z|x) by conditioning the joint Gaussian of (z, x): μ = WᵀC⁻¹(x − b), P = I − WᵀC⁻¹W."""
    C = vae.W @ vae.W.T + vae.sigma_x**2 * torch.eye(vae.D, dtype=torch.float64)
    K = vae.W.T @ torch.linalg.inv(C)
    return (x - vae.b) @ K.T, torch.eye(vae.d, dtype=torch.float64) - K @ vae.W


def test_linear_log_px_and_posterior_match_independent_gaussians(lin):
    vae, x = lin
    C = vae.W @ vae.W.T + 0.36 * torch.eye(D, dtype=torch.float64)
    ref = MultivariateNormal(vae.b, covariance_matrix=C).log_prob(x)
    assert torch.allclose(vae.log_px(x), ref, atol=1e-12)
    mu, P = vae.posterior(x)
    mu_ref, P_ref = _joint_posterior(vae, x)
    assert torch.allclose(mu, mu_ref, atol=1e-12) and torch.allclose(P, P_ref, atol=1e-12)


def test_linear_elbo_reaches_log_px_at_the_posterior_and_gap_is_kl(lin):
    vae, x = lin
    mu, P = vae.posterior(x)
    assert torch.allclose(vae.elbo(x, mu, P), vae.log_px(x), atol=1e-10)
    g = torch.Generator().manual_seed(0)
    for full in (False, True):
        for _ in range(3):
            m = mu + 0.5 * torch.randn(mu.shape, generator=g, dtype=torch.float64)
            if full:
                A = torch.randn(d, d, generator=g, dtype=torch.float64)
                S = A @ A.T + 0.1 * torch.eye(d, dtype=torch.float64)
            else:
                S = torch.rand(d, generator=g, dtype=torch.float64) + 0.05
            e = vae.elbo(x, m, S)
            gap = vae.log_px(x) - e
            assert bool((gap > 0).all())
            Sm = S if full else torch.diag(S)
            kl = torch.stack([kl_divergence(MultivariateNormal(m[i], covariance_matrix=Sm),
                                            MultivariateNormal(mu[i], covariance_matrix=P))
                              for i in range(x.shape[0])])
            assert torch.allclose(gap, kl, atol=1e-10)
            assert torch.allclose(vae.kl_to_posterior(x, m, S), kl, atol=1e-10)
    # the posterior's covariance is not diagonal here: the best diagonal q stays below log p(x)
    assert abs(float(P[0, 1])) > 1e-3
    best_diag = vae.elbo(x, mu, 1 / torch.linalg.inv(P).diagonal())  # optimal mean-field s²
    assert bool((vae.log_px(x) - best_diag > 1e-4).all())


def test_linear_elbo_matches_monte_carlo_over_reparameterised_q(lin):
    vae, x = lin
    g = torch.Generator().manual_seed(1)
    m, S = torch.tensor([0.3, -0.7], dtype=torch.float64), torch.tensor([0.4, 0.9],
                                                                       dtype=torch.float64)
    z = vae.sample_q(m, S, 40_000, g)
    assert torch.allclose(z.mean(0), m, atol=0.03) and torch.allclose(z.var(0), S, atol=0.03)
    x0 = x[0]
    log_lik = Normal(z @ vae.W.T + vae.b, vae.sigma_x).log_prob(x0).sum(1)
    log_prior = Normal(0.0, 1.0).log_prob(z).sum(1)
    log_q = Normal(m, S.sqrt()).log_prob(z).sum(1)
    terms = vae.elbo_terms(x0, m, S)
    for est, exact in ((log_lik, terms["recon"]), (log_lik + log_prior - log_q, terms["elbo"])):
        se = float(est.std()) / math.sqrt(est.numel())
        assert abs(float(est.mean()) - float(exact)) < 5 * se


def test_gaussian_vae_elbo_is_normal_log_likelihood_minus_kl():
    g = torch.Generator().manual_seed(2)
    x, xr = torch.randn(6, 3, generator=g), torch.randn(6, 3, generator=g)
    mu, lv = torch.randn(6, 2, generator=g), torch.randn(6, 2, generator=g)
    out = gaussian_vae_elbo(x, xr, mu, lv, 0.3)
    recon = Normal(xr, 0.3).log_prob(x).sum(1)
    kl = kl_divergence(Normal(mu, (0.5 * lv).exp()), Normal(0.0, 1.0)).sum(1)
    assert torch.allclose(out["recon"], recon, atol=1e-5)
    assert torch.allclose(out["kl"], kl, atol=1e-5)
    assert torch.allclose(out["elbo"], recon - kl, atol=1e-5)
    # an MSE loss is −ELBO only up to 1/(2σ_x²) and a constant
    assert torch.allclose(-out["recon"], out["sq_err"] / (2 * 0.09)
                          + 1.5 * math.log(2 * math.pi * 0.09), atol=1e-5)


def test_trained_vae_elbo_improves_and_stays_below_the_data_entropy_bound():
    """E_data[ELBO] ≤ E_data[log p_θ(x)] ≤ E_data[log q(x)] (Gibbs): the exact mixture's
    density bounds the VAE's mean ELBO; a flipped KL sign breaks it."""
    mix = mixture("8gaussians")
    g = torch.Generator().manual_seed(0)
    data = mix.sample(4000, g)
    held = mix.sample(2000, g)
    torch.manual_seed(0)
    vae = GaussianVAE((2,), 2, 32, 2, sigma_x=0.1)
    with torch.no_grad():
        before = float(vae.elbo_terms(held, g)["elbo"].mean())
    hist = train_vae(vae, data, 400, 256, 3e-3, generator=g, log_every=100)
    assert hist.steps == [100, 200, 300, 400] and hist.steps_done == 400
    assert all(math.isclose(lo, kl - r, rel_tol=1e-5) for lo, r, kl in
               zip(hist.loss, hist.recon, hist.kl))
    with torch.no_grad():
        terms = [vae.elbo_terms(held, g) for _ in range(4)]
    after = float(torch.stack([t["elbo"] for t in terms]).mean())
    entropy_bound = float(mix.log_prob(held).mean())  # −H(q), estimated on the held-out set
    assert after > before + 10
    assert after < entropy_bound
    assert bool((torch.stack([t["kl"] for t in terms]) >= 0).all())
    s = vae.sample(500, torch.Generator().manual_seed(1))
    assert s.shape == (500, 2) and bool(torch.isfinite(s).all())
    assert vae.sample(3, decoder_noise=True).shape == (3, 2)


def test_default_vae_digits_runs_short_and_decodes_images():
    vae, hist, data = default_vae("digits", steps=20)
    assert vae.data_shape == (1, 16, 16) and data.shape[1:] == (1, 16, 16)
    assert vae.sample(4).shape == (4, 1, 16, 16)
    assert vae.reconstruct(data[:3]).shape == (3, 1, 16, 16)
    assert hist.steps_done == 20


@pytest.mark.parametrize("kind", ["linear", "cosine", "quadratic", "sigmoid"])
@pytest.mark.parametrize("T", [1, 2, 10, 1000])
def test_ddpm_elbo_is_exact_with_the_true_reverse_variance(kind, T):
    sched = make_schedule(kind, T)
    x0 = torch.tensor([-3.0, -0.5, 0.0, 1.0, 2.5], dtype=torch.float64)
    r = ddpm_gaussian_elbo(sched, x0, "beta")
    assert torch.allclose(r["elbo"], Normal(0.0, 1.0).log_prob(x0), atol=1e-8)
    assert torch.allclose(r["log_p_model"], r["log_px"], atol=1e-10)
    rt = ddpm_gaussian_elbo(sched, x0, "beta_tilde")
    assert bool((rt["model_gap"] >= -1e-9).all())  # ELBO ≤ log p_θ(x_0) for every x_0
    if T == 1:  # one step: σ_1² = β_1 either way
        assert torch.allclose(rt["elbo"], r["elbo"], atol=1e-12)


def test_ddpm_elbo_with_beta_tilde_is_loose_by_stated_nats():
    x0 = torch.linspace(-3, 3, 13, dtype=torch.float64)
    for sched in (Schedule.linear(1000), Schedule.cosine(1000)):
        gap = ddpm_gaussian_elbo(sched, x0, "beta_tilde")["gap"]
        assert bool((gap > 0.4).all()) and bool((gap < 1.5).all())


@pytest.mark.parametrize("sigma", ["beta", "beta_tilde"])
def test_ddpm_elbo_terms_match_monte_carlo_over_the_forward_chain(sigma):
    """−L = E_q[log p_θ(x_{0:T}) − log q(x_{1:T}|x_0)] by sampling the chain, T = 6."""
    sched = Schedule.linear(6, beta_1=0.05, beta_T=0.4)
    x0, n = 1.3, 200_000
    g = torch.Generator().manual_seed(4)
    var = sched.reverse_variance(sigma).clone()
    var[1] = sched.betas[1]
    xs = [torch.full((n,), x0, dtype=torch.float64)]
    log_q = torch.zeros(n, dtype=torch.float64)
    for t in range(1, 7):
        a = sched.alphas[t]
        mean = a.sqrt() * xs[-1]
        xt = mean + (1 - a).sqrt() * torch.randn(n, generator=g, dtype=torch.float64)
        log_q += Normal(mean, (1 - a).sqrt()).log_prob(xt)
        xs.append(xt)
    log_p = Normal(0.0, 1.0).log_prob(xs[6])
    for t in range(6, 0, -1):
        log_p += Normal(sched.alphas[t].sqrt() * xs[t], var[t].sqrt()).log_prob(xs[t - 1])
    est = log_p - log_q
    exact = float(ddpm_gaussian_elbo(sched, x0, sigma)["elbo"])
    # with σ² = β the ratio is constant (q(x_{1:T}|x_0) is the model's posterior): SE 0
    assert abs(float(est.mean()) - exact) < 5 * float(est.std()) / math.sqrt(n) + 1e-9


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="sigma_x"):
        LinearGaussianVAE(torch.ones(2, 1), torch.zeros(2), 0.0)
    with pytest.raises(ValueError, match="b must"):
        LinearGaussianVAE(torch.ones(2, 1), torch.zeros(3), 1.0)
    vae = LinearGaussianVAE(torch.ones(2, 1), torch.zeros(2), 1.0)
    with pytest.raises(ValueError, match="cov"):
        vae.elbo(torch.zeros(1, 2), torch.zeros(1), torch.tensor([-1.0]))
    with pytest.raises(ValueError, match="x must"):
        vae.log_px(torch.zeros(1, 3))
    with pytest.raises(ValueError, match="sigma"):
        ddpm_gaussian_elbo(Schedule.linear(10), 0.0, "zero")
    with pytest.raises(ValueError, match="x0"):
        ddpm_gaussian_elbo(Schedule.linear(10), float("nan"))
    with pytest.raises(ValueError, match="latent_dim"):
        GaussianVAE((2,), 0)
    g = GaussianVAE((2,), 2)
    with pytest.raises(ValueError, match="x must"):
        g.encode(torch.zeros(3, 5))
    with pytest.raises(ValueError, match="steps"):
        train_vae(g, torch.zeros(10, 2), 0, 4, 1e-3)
    with pytest.raises(ValueError, match="lr"):
        train_vae(g, torch.zeros(10, 2), 5, 4, 2.0)
    with pytest.raises(ValueError, match="kind"):
        default_vae("3d")
    with pytest.raises(ValueError, match="warmup"):
        train_vae(g, torch.zeros(10, 2), 5, 4, 1e-3, warmup=-1)


@pytest.mark.parametrize("warmup", [None, 0, 3])
def test_training_loss_is_the_elbo_of_the_batch_it_drew(warmup):
    """The training loop's logged −ELBO at step 1 (before any update) equals gaussian_vae_elbo
    on the same batch and noise (the loop draws the batch indices, then ε, from `generator`),
    split into E_q log p(x|z) and KL; the first logged steps arrive through `callback`."""
    import copy

    torch.manual_seed(0)
    vae = GaussianVAE((2,), 2, 16, 2, sigma_x=0.2)
    before = copy.deepcopy(vae)
    data = torch.randn(50, 2, generator=torch.Generator().manual_seed(1))
    seen = []
    hist = train_vae(vae, data, 3, 8, 1e-2, generator=torch.Generator().manual_seed(2),
                     log_every=1, warmup=warmup, callback=lambda *a: seen.append(a))
    g = torch.Generator().manual_seed(2)
    x = data[torch.randint(0, 50, (8,), generator=g)]
    eps = torch.randn(8, 2, generator=g)
    with torch.no_grad():
        mu, logvar = before.encode(x)
        out = gaussian_vae_elbo(x, before.decode(before.reparameterize(mu, logvar, eps)), mu,
                                logvar, 0.2)
    assert hist.loss[0] == pytest.approx(-float(out["elbo"].mean()), rel=1e-5)
    assert hist.recon[0] == pytest.approx(float(out["recon"].mean()), rel=1e-5)
    assert hist.kl[0] == pytest.approx(float(out["kl"].mean()), rel=1e-5, abs=1e-7)
    assert [a[0] for a in seen] == [1, 2, 3] and seen[0][1] == hist.loss[0]


def test_vae_bytes_round_trip_and_bad_files():
    from ddpm_core.vae import load_vae_bytes, vae_bytes

    torch.manual_seed(0)
    vae = GaussianVAE((2,), 2, 16, 1, sigma_x=0.2)
    data = vae_bytes(vae, {"dataset": "moons"})
    back, meta = load_vae_bytes(data)
    assert meta == {"dataset": "moons"} and back.config() == vae.config()
    x = torch.randn(5, 2)
    assert torch.equal(back.reconstruct(x), vae.reconstruct(x))
    with pytest.raises(ValueError, match="data"):
        load_vae_bytes(b"not a file at all")
    with pytest.raises(ValueError, match="data"):
        load_vae_bytes(data[:40])
    from safetensors.torch import save

    with pytest.raises(ValueError, match="VAE"):  # a safetensors file, but not ours
        load_vae_bytes(save({"w": torch.zeros(2)}))


def test_shipped_vaes_load_and_beat_their_initialisation():
    """pretrained/vae/*.safetensors: every name ships, loads without pickle, and has a mean ELBO
    far above an untrained VAE's (fresh data, fixed seed)."""
    from pathlib import Path

    from ddpm_core.data import toy_2d
    from ddpm_core.vae import VAE_NAMES, load_vae_bytes

    folder = Path(__file__).resolve().parent.parent / "pretrained" / "vae"
    for name in VAE_NAMES:
        vae, meta = load_vae_bytes((folder / f"{name}.safetensors").read_bytes())
        assert meta["dataset"] == name and not meta["quick"]
        if name == "digits":
            continue
        g = torch.Generator().manual_seed(5)
        x = toy_2d(name, 2000, g)
        torch.manual_seed(0)
        fresh = GaussianVAE((2,), **{k: vae.config()[k] for k in ("latent_dim", "hidden", "depth",
                                                                   "sigma_x")})
        with torch.no_grad():
            good = float(vae.elbo_terms(x, g)["elbo"].mean())
            bad = float(fresh.elbo_terms(x, g)["elbo"].mean())
        assert good > bad + 50, (name, good, bad)


def test_beta_tilde_gap_depends_on_the_schedule_and_T():
    """The sheet's '0.4-1.5 nats' holds for T = 1000 (linear, cosine); at T = 10 (linear) the
    mean gap (x_0 = 1: every term is linear in x_0², E x_0² = 1) is about 10.7 nats."""
    g10 = float(ddpm_gaussian_elbo(Schedule.linear(10), 1.0, "beta_tilde")["gap"][0])
    g1000 = float(ddpm_gaussian_elbo(Schedule.linear(1000), 1.0, "beta_tilde")["gap"][0])
    assert 10.6 < g10 < 10.8 and 0.4 < g1000 < 0.5
