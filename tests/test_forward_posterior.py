"""Forward process and posterior: closed forms, Monte Carlo against them, identities, bad input."""

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from ddpm_core import (
    Schedule,
    chain_noise,
    chain_path,
    posterior_mean_from_eps,
    predict_x0_from_eps,
    q_posterior,
    q_sample,
    q_sample_chain,
    q_step,
)

SCHED = Schedule.linear(1000)


def test_q_step_is_eq2():
    x_prev = torch.tensor([[0.5, -2.0]], dtype=torch.float64)
    noise = torch.tensor([[1.0, 0.25]], dtype=torch.float64)
    t = 300
    a, b = float(SCHED.alphas[t]), float(SCHED.betas[t])
    want = math.sqrt(a) * x_prev + math.sqrt(b) * noise  # mean uses x_{t-1}
    assert torch.allclose(q_step(SCHED, x_prev, t, noise), want, rtol=0, atol=1e-15)


def test_q_sample_is_eq4_and_t0_is_identity():
    x0 = torch.randn(5, 3, dtype=torch.float64)
    eps = torch.randn(5, 3, dtype=torch.float64)
    t = torch.tensor([0, 1, 10, 500, 1000])
    ab = SCHED.alpha_bars[t].unsqueeze(1)
    want = ab.sqrt() * x0 + (1 - ab).sqrt() * eps
    assert torch.allclose(q_sample(SCHED, x0, t, eps), want, rtol=0, atol=1e-14)
    assert torch.equal(q_sample(SCHED, x0, 0, eps), x0)


@pytest.mark.parametrize("t", [1, 7, 250, 1000])
def test_chain_matches_closed_form_in_distribution(t):
    """t single steps vs one closed-form step: means and variances within 4 standard errors."""
    n = 20000
    g = torch.Generator().manual_seed(t)
    x0 = torch.tensor([1.5, -0.5], dtype=torch.float64).repeat(n, 1)
    chain = q_sample_chain(SCHED, x0, t, g)
    ab = float(SCHED.alpha_bars[t])
    mean, var = math.sqrt(ab) * x0[0], 1 - ab
    se_mean = math.sqrt(var / n)
    se_var = var * math.sqrt(2 / (n - 1))
    assert (chain.mean(0) - mean).abs().max() < 4 * se_mean
    assert (chain.var(0) - var).abs().max() < 4 * se_var
    one_shot = q_sample(SCHED, x0, t, torch.randn(x0.shape, generator=g, dtype=torch.float64))
    assert (chain.mean(0) - one_shot.mean(0)).abs().max() < 4 * math.sqrt(2) * se_mean


def test_chain_path_shape_and_determinism():
    x0 = torch.zeros(4, 2)
    path = q_sample_chain(SCHED, x0, 5, torch.Generator().manual_seed(0), return_path=True)
    assert path.shape == (6, 4, 2) and torch.equal(path[0], x0)
    again = q_sample_chain(SCHED, x0, 5, torch.Generator().manual_seed(0))
    assert torch.equal(path[-1], again)


@pytest.mark.parametrize("shape", [(2000, 2), (1, 7, 9)])  # 63 numbers: not a multiple of 16
def test_kept_noise_gives_the_drawn_chain_bit_for_bit(shape):
    """The forward page keeps the chain's draws once (they do not depend on the schedule) and
    reruns only the multiply-adds for a new T. Its path must be the one drawing from the seed
    gives, for any schedule, at the t asked for, in their order (duplicates too); and both must
    be the recursion x_s = √α_s x_{s-1} + √β_s ε_s typed here in numpy from the same ε."""
    x0 = torch.rand(shape, generator=torch.Generator().manual_seed(5), dtype=torch.float64)
    noise = chain_noise(x0, 1000, torch.Generator().manual_seed(1))
    assert noise.shape == (1000, *shape)
    for sched in (SCHED, Schedule.cosine(137)):
        T = sched.T
        drawn = q_sample_chain(sched, x0, T, torch.Generator().manual_seed(1), return_path=True)
        at = [T, 0, 1, T // 2, 1, T - 1]
        kept = q_sample_chain(sched, x0, T, noise=noise, path_at=at)
        assert torch.equal(kept, drawn[at])
        assert torch.equal(q_sample_chain(sched, x0, T, noise=noise, return_path=True), drawn)
        assert torch.equal(q_sample_chain(sched, x0, 40, noise=noise), drawn[40])
        a, b, eps = sched.alphas.numpy(), sched.betas.numpy(), noise.numpy()
        x = x0.numpy().copy()
        for s in range(1, T + 1):
            x = math.sqrt(a[s]) * x + math.sqrt(b[s]) * eps[s - 1]
        assert abs(x - drawn[-1].numpy()).max() < 1e-12


@pytest.mark.parametrize("dtype,tol", [(torch.float64, 1e-12), (torch.float32, 2e-5)])
def test_chain_path_is_the_chains_recursion_at_every_t_asked(dtype, tol):
    """chain_path sums the chain in closed form; the recursion x_s = √α_s x_{s-1} + √β_s ε_s
    is typed here in numpy (float64) from the same ε, for schedules whose ᾱ_T reaches ~1e-9
    (cosine) and ~1e-30 (a sigmoid with β up to 0.9), at t's in any order, with repeats and
    t = 0."""
    x0 = (torch.rand((3, 5, 7), generator=torch.Generator().manual_seed(7),
                     dtype=torch.float64) * 4 - 1).to(dtype)
    noise = torch.randn((1000, 3, 5, 7), generator=torch.Generator().manual_seed(8),
                        dtype=dtype)
    for sched in (SCHED, Schedule.cosine(137), Schedule.sigmoid(50, 1e-4, 0.9),
                  Schedule.linear(1)):
        T = sched.T
        at = [T, 0, 1, T // 2, 1, max(T - 1, 0), T]
        got = chain_path(sched, x0, noise, at)
        assert got.shape == (len(at), 3, 5, 7) and got.dtype == dtype
        a, b, eps = sched.alphas.numpy(), sched.betas.numpy(), noise.double().numpy()
        x, path = x0.double().numpy(), [x0.double().numpy()]
        for s in range(1, T + 1):
            x = math.sqrt(a[s]) * x + math.sqrt(b[s]) * eps[s - 1]
            path.append(x)
        want = np.stack([path[s] for s in at])
        assert np.abs(got.double().numpy() - want).max() < tol
    # the same numbers as q_sample_chain from the same draws (float64: to rounding)
    kept = q_sample_chain(SCHED, x0.double(), 700, noise=noise.double(), path_at=[700, 3])
    assert torch.allclose(chain_path(SCHED, x0.double(), noise.double(), [700, 3]), kept,
                          rtol=0, atol=1e-12)


@pytest.mark.parametrize("kw,word", [
    ({"ts": []}, "ts"),
    ({"ts": [1001]}, "ts"),
    ({"ts": [-1]}, "ts"),
    ({"noise": torch.zeros(9, 2, 2), "ts": [10]}, "noise"),
    ({"noise": torch.zeros(10, 2, 3)}, "noise"),
    ({"noise": torch.full((10, 2, 2), float("nan"))}, "noise"),
    ({"x0": torch.zeros(2, 2, dtype=torch.long)}, "x0"),
])
def test_chain_path_bad_input(kw, word):
    args = {"x0": torch.zeros(2, 2), "noise": torch.zeros(10, 2, 2), "ts": [5]} | kw
    with pytest.raises(ValueError, match=word):
        chain_path(SCHED, args["x0"], args["noise"], args["ts"])


@pytest.mark.parametrize("kw,word", [
    ({"noise": torch.zeros(9, 2, 2)}, "noise"),  # fewer rows than t = 10 steps
    ({"noise": torch.zeros(10, 2, 3)}, "noise"),
    ({"noise": torch.full((10, 2, 2), float("nan"))}, "noise"),
    ({"path_at": [0, 11]}, "path_at"),
    ({"path_at": [-1]}, "path_at"),
    ({"path_at": [3], "return_path": True}, "path_at"),
])
def test_chain_bad_noise_or_path_at(kw, word):
    with pytest.raises(ValueError, match=word):
        q_sample_chain(SCHED, torch.zeros(2, 2), 10, torch.Generator().manual_seed(0), **kw)
    with pytest.raises(ValueError, match="steps"):
        chain_noise(torch.zeros(2, 2), -1)


def test_posterior_pinned_coefficients_used():
    x0 = torch.tensor([[2.0]], dtype=torch.float64)
    x_t = torch.tensor([[-1.0]], dtype=torch.float64)
    mean, var = q_posterior(SCHED, x0, x_t, 501)
    assert abs(float(mean) - (0.0030580570756296192 * 2 - 0.99410435075672576)) < 1e-15
    assert abs(float(var) - 1.0051335778909593e-02) < 1e-17
    m1, v1 = q_posterior(SCHED, x0, x_t, 1)  # t = 1: the point x_0
    assert abs(float(m1) - 2.0) < 1e-12 and float(v1) == 0.0


@pytest.mark.parametrize("t", [2, 40, 900])
def test_posterior_monte_carlo(t):
    """x_t ~ q(x_t|x_0), then x_{t-1} ~ q(x_{t-1}|x_t,x_0) must have law q(x_{t-1}|x_0)."""
    n = 40000
    g = torch.Generator().manual_seed(t)
    x0 = torch.full((n, 1), 0.7, dtype=torch.float64)
    x_t = q_sample(SCHED, x0, t, torch.randn(n, 1, generator=g, dtype=torch.float64))
    mean, var = q_posterior(SCHED, x0, x_t, t)
    x_prev = mean + var.sqrt() * torch.randn(n, 1, generator=g, dtype=torch.float64)
    ab_prev = float(SCHED.alpha_bars[t - 1])
    want_mean, want_var = math.sqrt(ab_prev) * 0.7, 1 - ab_prev
    assert abs(float(x_prev.mean()) - want_mean) < 4 * math.sqrt(want_var / n)
    assert abs(float(x_prev.var()) - want_var) < 4 * want_var * math.sqrt(2 / n)


def test_posterior_mean_from_true_eps_equals_mu_tilde():
    """Ho Eqs. (9)-(10): μ̃(x_t, x_0) = (x_t - β_t/√(1-ᾱ_t) ε)/√α_t when x_t = q_sample(x_0, ε)."""
    g = torch.Generator().manual_seed(0)
    x0 = torch.randn(64, 2, generator=g, dtype=torch.float64)
    eps = torch.randn(64, 2, generator=g, dtype=torch.float64)
    for t in (1, 2, 17, 500, 1000):
        x_t = q_sample(SCHED, x0, t, eps)
        mu, _ = q_posterior(SCHED, x0, x_t, t)
        assert torch.allclose(posterior_mean_from_eps(SCHED, x_t, t, eps), mu, atol=1e-9), t


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(1e-5, 0.5), min_size=1, max_size=40), st.integers(0, 10_000))
def test_predict_x0_inverts_q_sample(betas, seed):
    s = Schedule.from_betas(betas)
    g = torch.Generator().manual_seed(seed)
    x0 = torch.randn(8, 2, generator=g, dtype=torch.float64)
    eps = torch.randn(8, 2, generator=g, dtype=torch.float64)
    t = torch.randint(0, s.T + 1, (8,), generator=g)
    back = predict_x0_from_eps(s, q_sample(s, x0, t, eps), t, eps)
    # ε errors are amplified by √((1-ᾱ)/ᾱ): bound the round-off accordingly
    amp = float(((1 - s.alpha_bars) / s.alpha_bars).sqrt().max())
    assert torch.allclose(back, x0, atol=1e-12 * (1 + amp))


@pytest.mark.parametrize("call,word", [
    (lambda: q_sample(SCHED, torch.zeros(2, 2), 1001, torch.zeros(2, 2)), "t"),
    (lambda: q_sample(SCHED, torch.zeros(2, 2), -1, torch.zeros(2, 2)), "t"),
    (lambda: q_sample(SCHED, torch.zeros(2, 2), 3, torch.zeros(2, 3)), "noise"),
    (lambda: q_sample(SCHED, torch.full((2, 2), float("nan")), 3, torch.zeros(2, 2)), "x0"),
    (lambda: q_sample(SCHED, torch.zeros(2, 2), torch.tensor([1, 2, 3]), torch.zeros(2, 2)), "t"),
    (lambda: q_sample(SCHED, torch.zeros(2, 2), 2.5, torch.zeros(2, 2)), "t"),
    (lambda: q_step(SCHED, torch.zeros(2, 2), 0, torch.zeros(2, 2)), "t"),
    (lambda: q_step(SCHED, torch.zeros(2, 2), 1, torch.full((2, 2), float("inf"))), "noise"),
    (lambda: q_posterior(SCHED, torch.zeros(2, 2), torch.zeros(3, 2), 5), "x_t"),
    (lambda: predict_x0_from_eps(SCHED, torch.zeros(2, 2), 5, torch.zeros(2)), "eps"),
    (lambda: q_sample_chain(SCHED, torch.zeros(2, 2), 1001), "t"),
    (lambda: q_sample(SCHED, [[0.0]], 1, torch.zeros(1, 1)), "x0"),
])
def test_bad_input(call, word):
    with pytest.raises(ValueError, match=word):
        call()
