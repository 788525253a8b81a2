"""The exact ε* for mixture data: against autograd, Monte Carlo, trained nets and the ELBO."""

import math

import pytest
import torch

import ddpm_core
from ddpm_core import (
    MLP2D,
    OracleEps,
    Schedule,
    loss_floor,
    marginal,
    mixture,
    optimal_eps,
    posterior_mean_x0,
    q_sample,
    score,
    train,
    vlb_terms,
)

LIN = Schedule.linear(1000)
MIX = mixture("8gaussians")


@pytest.mark.parametrize("name", ["8gaussians", "two_gaussians"])
def test_score_equals_autograd_of_exact_marginal(name):
    mix = mixture(name)
    x = torch.randn(64, 2, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    for t in (0, 1, 10, 300, 1000):
        xr = x.clone().requires_grad_(True)
        (grad,) = torch.autograd.grad(marginal(mix, LIN, t).log_prob(xr).sum(), xr)
        assert torch.allclose(score(mix, LIN, x, t), grad, atol=1e-10), t


def test_batched_t_matches_scalar_t():
    g = torch.Generator().manual_seed(1)
    x = torch.randn(6, 2, generator=g, dtype=torch.float64)
    t = torch.tensor([1, 5, 5, 200, 999, 1000])
    batched = optimal_eps(MIX, LIN, x, t)
    for i in range(6):
        assert torch.allclose(batched[i], optimal_eps(MIX, LIN, x[i : i + 1], int(t[i]))[0])


def test_eps_star_is_conditional_mean_monte_carlo():
    """E[ε - ε*(x_t) | x_t] = 0: ε - ε* is uncorrelated with any function of x_t (FORMULAS §h5)."""
    g = torch.Generator().manual_seed(2)
    n, t = 200_000, 150
    x0 = MIX.sample(n, g, dtype=torch.float64)
    eps = torch.randn(n, 2, generator=g, dtype=torch.float64)
    x_t = q_sample(LIN, x0, t, eps)
    r = eps - optimal_eps(MIX, LIN, x_t, t)
    for f in (x_t[:, :1], torch.sin(3 * x_t[:, 1:]), torch.ones(n, 1, dtype=torch.float64)):
        prod = (r * f).mean(0)
        se = (r * f).std(0) / math.sqrt(n)
        assert bool((prod.abs() < 4 * se).all())


def test_tweedie_posterior_mean():
    g = torch.Generator().manual_seed(3)
    x = torch.randn(32, 2, generator=g, dtype=torch.float64)
    for t in (1, 50, 700):
        ab = float(LIN.alpha_bars[t])
        via_score = (x + (1 - ab) * score(MIX, LIN, x, t)) / math.sqrt(ab)
        assert torch.allclose(posterior_mean_x0(MIX, LIN, x, t), via_score, atol=1e-9)


@pytest.mark.slow
def test_oracle_beats_trained_mlp_and_training_approaches_it():
    g = torch.Generator().manual_seed(4)
    n = 20_000
    x0 = MIX.sample(n, g)
    t = torch.randint(1, 1001, (n,), generator=g)
    eps = torch.randn(n, 2, generator=g)
    x_t = q_sample(LIN, x0, t, eps)
    eps_star = optimal_eps(MIX, LIN, x_t, t)
    oracle_loss = float(((eps - eps_star) ** 2).mean())

    model = MLP2D(width=64, depth=2)
    data = MIX.sample(20_000, g)
    gaps, losses = [], []
    for _ in range(3):
        train(model, LIN, data, 300, 256, 3e-3, generator=g)
        with torch.no_grad():
            pred = model(x_t, t)
        losses.append(float(((eps - pred) ** 2).mean()))
        gaps.append(float(((pred - eps_star) ** 2).mean()))
    assert all(loss > oracle_loss for loss in losses)
    assert gaps[-1] < gaps[0]  # the learned ε̂ approaches ε* as training goes on
    floor = loss_floor(MIX, Schedule.linear(100, scale_to_T=True), n=2000, generator=g)
    assert 0 < float(floor[1:].mean()) < 1


@pytest.mark.slow
@pytest.mark.parametrize("sigma,margin", [("beta", 0.2), ("beta_tilde", 1.2)])
def test_oracle_elbo_below_exact_log_likelihood(sigma, margin):
    """E[ELBO] ≤ E[log p_θ(x_0)] ≤ E[log q(x_0)] (nats); stated margins for T = 1000.

    Measured (n = 2000, linear T = 1000, 8 gaussians): gap 0.02–0.09 ± 0.03 with σ² = β and
    0.90 ± 0.04 with σ² = β̃ — β̃ is too small a reverse variance at small t (Analytic-DPM).
    """
    g = torch.Generator().manual_seed(5)
    x0 = MIX.sample(2000, g, dtype=torch.float64)
    res = vlb_terms(OracleEps(MIX, LIN), LIN, x0, g, sigma=sigma)
    gap = MIX.log_prob(x0) - res.elbo
    se = float(gap.std()) / math.sqrt(len(gap))
    assert float(gap.mean()) > -4 * se  # the bound holds (within Monte-Carlo error)
    assert float(gap.mean()) < margin
    if sigma == "beta_tilde":
        assert float(gap.mean()) > 4 * se  # and is visibly loose there


def test_loss_decomposition_orthogonality():
    """loss = floor + gap + cross draw by draw; the cross term vanishes in expectation
    (ε − ε* ⟂ functions of x_t); ε̂ = ε* has gap 0; ε̂ = 0 has loss 1 (per coordinate) and
    gap = Γ_t."""
    mix, sched = ddpm_core.mixture("8gaussians"), ddpm_core.Schedule.linear(1000)
    g = torch.Generator().manual_seed(11)
    n = 20_000
    x0 = mix.sample(n, g, dtype=torch.float64)
    for t in (10, 300, 900):
        eps = torch.randn(x0.shape, generator=g, dtype=torch.float64)
        x_t = ddpm_core.q_sample(sched, x0, t, eps)
        star = ddpm_core.optimal_eps(mix, sched, x_t, t)
        bent = star + 0.3 * torch.tanh(x_t)  # a wrong predictor: some function of x_t
        d = ddpm_core.loss_decomposition(eps, bent, star)
        assert abs(d["loss"] - (d["floor"] + d["gap"] + d["cross"])) < 1e-12
        assert abs(d["cross"]) < 4 * d["cross_se"]
        assert d["gap"] > 0.01
        exact = ddpm_core.loss_decomposition(eps, star, star)
        assert exact["gap"] == 0 and exact["cross"] == 0
        assert abs(exact["loss"] - exact["floor"]) < 1e-15
        zero = ddpm_core.loss_decomposition(eps, torch.zeros_like(eps), star)
        assert abs(zero["gap"] - zero["gamma"]) < 1e-15
        assert abs(zero["loss"] - 1) < 4 * zero["loss_se"]
    # a biased "cross term" is caught: ε itself is not a function of x_t
    cheat = ddpm_core.loss_decomposition(eps, eps, star)
    assert cheat["cross"] < -10 * cheat["cross_se"]


@pytest.mark.parametrize("bad", [
    dict(eps=torch.zeros(5), eps_hat=torch.zeros(5)),
    dict(eps=torch.zeros(5, 2), eps_hat=torch.zeros(5, 3)),
    dict(eps=torch.zeros(1, 2), eps_hat=torch.zeros(1, 2)),
    dict(eps=torch.zeros(5, 2), eps_hat=torch.zeros(5, 2), eps_star=torch.zeros(4, 2)),
    dict(eps=torch.full((5, 2), float("nan")), eps_hat=torch.zeros(5, 2)),
])
def test_loss_decomposition_bad_input(bad):
    with pytest.raises(ValueError, match="eps"):
        ddpm_core.loss_decomposition(**bad)
