"""Reverse steps and sampling loops: formulas, identities, golden loops, bad input."""

import math

import pytest
import torch

from ddpm_core import (
    Schedule,
    ddim_sigma,
    ddim_step,
    ddpm_step,
    predict_x0_from_eps,
    q_posterior,
    sample,
    sample_progressive,
    timesteps,
)

LIN = Schedule.linear(1000)


class Dummy(torch.nn.Module):
    """Deterministic stand-in: ε_θ(x_t, t) = tanh(x_t)·t/T (float64, no parameters)."""

    sample_shape = (2,)

    def __init__(self, T):
        super().__init__()
        self.T = T

    def forward(self, x_t, t):
        tt = t if isinstance(t, int) else t.to(x_t.dtype).reshape(-1, 1)
        return torch.tanh(x_t) * tt / self.T


class Dummy64(torch.nn.Module):
    """ε_θ = √(1-ᾱ_t)·x_t + 0.05·tanh(3x_t): the exact ε* for N(0, I) data, bent (float64)."""

    sample_shape = (2,)

    def __init__(self, sched):
        super().__init__()
        self.sqrt_1m_ab = (1 - sched.alpha_bars).sqrt()

    def parameters(self):
        yield torch.zeros(1, dtype=torch.float64)

    def forward(self, x_t, t):
        return float(self.sqrt_1m_ab[t]) * x_t + 0.05 * torch.tanh(3 * x_t)


def test_ddpm_step_is_algorithm_2():
    g = torch.Generator().manual_seed(0)
    x_t, eps, z = (torch.randn(4, 2, generator=g, dtype=torch.float64) for _ in range(3))
    t = 321
    a, b, ab = (float(v[t]) for v in (LIN.alphas, LIN.betas, LIN.alpha_bars))
    mean = (x_t - (1 - a) / math.sqrt(1 - ab) * eps) / math.sqrt(a)
    for sigma, var in (("beta", b), ("beta_tilde", float(LIN.beta_tildes[t])), ("zero", 0.0)):
        got = ddpm_step(LIN, eps, x_t, t, z, sigma)
        assert torch.allclose(got, mean + math.sqrt(var) * z, atol=1e-14), sigma
    # = μ̃(x_t, x̂_0) + σ z  (FORMULAS §f2)
    mu_tilde, var = q_posterior(LIN, predict_x0_from_eps(LIN, x_t, t, eps), x_t, t)
    assert torch.allclose(ddpm_step(LIN, eps, x_t, t, z), mu_tilde + var.sqrt() * z, atol=1e-12)
    # t = 1: z = 0 whatever σ (Alg. 2)
    assert torch.equal(ddpm_step(LIN, eps, x_t, 1, z, "beta"), ddpm_step(LIN, eps, x_t, 1, None))


def test_ddim_eta1_on_full_grid_is_ddpm_beta_tilde():
    g = torch.Generator().manual_seed(1)
    x_t, eps, z = (torch.randn(4, 2, generator=g, dtype=torch.float64) for _ in range(3))
    for t in (2, 10, 500, 1000):
        ddim = ddim_step(LIN, eps, x_t, t, t - 1, 1.0, z)
        ddpm = ddpm_step(LIN, eps, x_t, t, z, "beta_tilde")
        assert torch.allclose(ddim, ddpm, atol=1e-10), t
        assert abs(ddim_sigma(LIN, t, t - 1, 1.0) ** 2 - float(LIN.beta_tildes[t])) < 1e-15


def test_ddim_last_step_returns_x0_pred_for_every_eta():
    g = torch.Generator().manual_seed(2)
    x_t, eps, z = (torch.randn(4, 2, generator=g, dtype=torch.float64) for _ in range(3))
    want = predict_x0_from_eps(LIN, x_t, 40, eps)
    for eta in (0.0, 0.5, 1.0):
        assert torch.allclose(ddim_step(LIN, eps, x_t, 40, 0, eta, z), want, atol=1e-12)


def test_ddim_keeps_marginals_with_true_x0():
    """Song Eq. (7): with the true x_0 and ε, x_s has law q(x_s|x_0) for every η (Monte Carlo)."""
    n, t, s = 50_000, 600, 300
    g = torch.Generator().manual_seed(3)
    x0 = torch.full((n, 1), 0.8, dtype=torch.float64)
    eps = torch.randn(n, 1, generator=g, dtype=torch.float64)
    ab_t, ab_s = float(LIN.alpha_bars[t]), float(LIN.alpha_bars[s])
    x_t = math.sqrt(ab_t) * x0 + math.sqrt(1 - ab_t) * eps
    for eta in (0.0, 0.7, 1.0):
        z = torch.randn(n, 1, generator=g, dtype=torch.float64)
        x_s = ddim_step(LIN, eps, x_t, t, s, eta, z)
        assert abs(float(x_s.mean()) - math.sqrt(ab_s) * 0.8) < 4 * math.sqrt((1 - ab_s) / n)
        assert abs(float(x_s.var()) - (1 - ab_s)) < 4 * (1 - ab_s) * math.sqrt(2 / n)


def test_timesteps():
    assert timesteps(5) == [5, 4, 3, 2, 1, 0]
    assert timesteps(1000, 50)[:3] == [1000, 980, 960] and timesteps(1000, 50)[-1] == 0
    assert len(timesteps(1000, 50)) == 51 and timesteps(10, 3) == [10, 7, 3, 0]


def test_fast_path_equals_progressive_path():
    sched = Schedule.linear(50, 1e-3, 0.2)
    for kw in (dict(sampler="ddpm", sigma="beta"), dict(sampler="ddpm"),
               dict(sampler="ddim", steps=10, eta=0.5), dict(sampler="ddim", steps=50)):
        fast = sample(Dummy(50), sched, 8, generator=torch.Generator().manual_seed(7), **kw)
        seen = []
        slow = sample(Dummy(50), sched, 8, generator=torch.Generator().manual_seed(7),
                      callback=seen.append, **kw)
        assert torch.allclose(fast, slow, atol=1e-5), kw
        assert [d["t"] for d in seen] == timesteps(50, kw.get("steps"))[:-1]


def test_progressive_yields_fresh_tensors():
    steps = list(sample_progressive(Dummy(20), Schedule.linear(20, 1e-3, 0.2), 4,
                                    generator=torch.Generator().manual_seed(0)))
    assert [s["t"] for s in steps] == list(range(20, 0, -1))
    assert torch.equal(steps[0]["x_prev"], steps[1]["x_t"])
    assert steps[0]["x_t"] is not steps[1]["x_t"]
    assert set(steps[0]) == {"t", "t_prev", "x_t", "eps_pred", "x0_pred", "x_prev"}


GOLDEN_DDPM = [[-0.49791195311404, 0.881730040021744], [-0.868626642199765, -0.137107659765677],
               [-0.247103020021102, -0.494511418007958]]
GOLDEN_DDIM0 = [[-0.00770088770236345, 1.0555149617452], [-0.324816781271878, 0.763384204120517],
                [0.143562500395068, -0.133024556826573]]
GOLDEN_DDIM1 = [[-0.772743726641048, -0.197181920092039], [-0.172294295515585, -0.992508080542269],
                [0.207186122604186, 0.248854239523167]]

# Golden loops: fixed seed, deterministic dummy model, float64. Values pinned from this engine;
# a change to any coefficient, the noise order or the time grid moves them.
GOLDEN_VALUES = {
    ("ddpm", None, 0.0): GOLDEN_DDPM,
    ("ddim", 10, 0.0): GOLDEN_DDIM0,
    ("ddim", 10, 1.0): GOLDEN_DDIM1,
}


@pytest.mark.parametrize("sampler,steps,eta", list(GOLDEN_VALUES))
def test_golden_loops(sampler, steps, eta):
    sched = Schedule.linear(100, 1e-4, 0.02, scale_to_T=True)
    out = sample(Dummy64(sched), sched, 3, sampler=sampler, steps=steps, eta=eta,
                 generator=torch.Generator().manual_seed(2024))
    assert out.dtype == torch.float64
    want = torch.tensor(GOLDEN_VALUES[(sampler, steps, eta)], dtype=torch.float64)
    assert torch.allclose(out, want, rtol=0, atol=1e-10), out.tolist()


@pytest.mark.parametrize("call,word", [
    (lambda: ddpm_step(LIN, torch.zeros(2, 2), torch.zeros(2, 2), 0, torch.zeros(2, 2)), "t"),
    (lambda: ddpm_step(LIN, torch.zeros(2, 2), torch.zeros(2, 2), 5, torch.zeros(2, 2), "big"),
     "sigma"),
    (lambda: ddpm_step(LIN, torch.zeros(2, 3), torch.zeros(2, 2), 5, torch.zeros(2, 2)),
     "eps_pred"),
    (lambda: ddpm_step(LIN, torch.zeros(2, 2), torch.zeros(2, 2), 5, None), "noise"),
    (lambda: ddim_step(LIN, torch.zeros(2, 2), torch.zeros(2, 2), 5, 5, 0.0, None), "t_prev"),
    (lambda: ddim_step(LIN, torch.zeros(2, 2), torch.zeros(2, 2), 5, 2, 1.5, None), "eta"),
    (lambda: sample(Dummy(1000), LIN, 0), "n"),
    (lambda: sample(Dummy(1000), LIN, 4, sampler="euler"), "sampler"),
    (lambda: sample(Dummy(1000), LIN, 4, steps=50), "steps"),
    (lambda: sample(Dummy(1000), LIN, 4, sampler="ddim", steps=0), "steps"),
    (lambda: sample(Dummy(1000), LIN, 4, sigma="beta_hat"), "sigma"),
    (lambda: timesteps(10, 11), "steps"),
])
def test_bad_input(call, word):
    with pytest.raises(ValueError, match=word):
        call()
