"""The optimal reverse variance (Analytic-DPM, FORMULAS.md §i) checked from outside: its two
limits against the schedule's own β and β̃, Gaussian data where the true conditional variance is
known in closed form, the sheet's pinned Γ_t for 8 Gaussians, and sampling with it."""

from __future__ import annotations

import math

import pytest
import torch

import ddpm_core
from ddpm_core import GaussianMixture2D, OracleEps, Schedule, sample
from ddpm_core.variance import (
    analytic_variance_table,
    check_gamma,
    gamma_table,
    optimal_variance,
    per_x_variance,
    variance_bounds,
)

LIN = Schedule.linear(1000)
SHORT = Schedule.linear(50, scale_to_T=True)


def _gaussian_gamma(sched: Schedule, v: float) -> torch.Tensor:
    """Γ_t for x_0 ~ N(0, v I): ε* = √(1−ᾱ) x_t / (ᾱ v + 1 − ᾱ), so Γ_t = (1−ᾱ)/(ᾱ v + 1 − ᾱ)."""
    ab = sched.alpha_bars
    return (1 - ab) / (ab * v + 1 - ab)


@pytest.mark.parametrize("sched", [LIN, Schedule.cosine(1000), SHORT], ids=["lin", "cos", "T50"])
def test_the_two_limits_are_beta_and_beta_tilde(sched):
    """N(0, I) data (Γ_t = 1 − ᾱ_t) gives σ*² = β_t; one point (Γ_t = 1) gives β̃_t (Ho §3.2)."""
    g_normal = 1 - sched.alpha_bars
    g_point = torch.ones(sched.T + 1, dtype=torch.float64)
    betas = sched.betas
    for t in range(2, sched.T + 1):
        ab_prev, ab_t = float(sched.alpha_bars[t - 1]), float(sched.alpha_bars[t])
        beta_tilde = (1 - ab_prev) / (1 - ab_t) * float(betas[t])  # Ho Eq. (7), written out
        assert optimal_variance(sched, g_normal, t) == pytest.approx(float(betas[t]), rel=1e-9)
        assert optimal_variance(sched, g_point, t) == pytest.approx(beta_tilde, rel=1e-9)
        lo, hi = variance_bounds(sched, t)
        assert lo == pytest.approx(beta_tilde, rel=1e-9)
        assert hi >= float(betas[t]) * (1 - 1e-12)


@pytest.mark.parametrize("t,s,eta", [(10, 9, 1.0), (300, 299, 1.0), (300, 200, 0.0),
                                     (300, 200, 0.5), (40, 0, 1.0), (999, 500, 1.0)])
def test_gaussian_data_gives_the_true_conditional_variance(t, s, eta):
    """x_0 ~ N(0, v I): the DDIM-family q_σ(x_s|x_t) = ∫ q_σ(x_s|x_t, x_0) q(x_0|x_t) dx_0 has
    variance λ² + γ² Var(x_0|x_t) with Var(x_0|x_t) = v − ᾱ_t v²/(ᾱ_t v + 1 − ᾱ_t) (Gaussian
    conditioning, written out here). σ*² from Γ_t must equal it, and so must the oracle's per-x
    covariance for a one-component mixture."""
    v = 0.3
    sched = LIN
    ab_t, ab_s = float(sched.alpha_bars[t]), float(sched.alpha_bars[s])
    lam2 = eta**2 * (1 - ab_s) / (1 - ab_t) * (1 - ab_t / ab_s)
    # x_s = √ᾱ_s x_0 + √(1−ᾱ_s−λ²) (x_t − √ᾱ_t x_0)/√(1−ᾱ_t) + λ z: the coefficient of x_0
    gamma_coef = math.sqrt(ab_s) - math.sqrt(1 - ab_s - lam2) * math.sqrt(ab_t / (1 - ab_t))
    var_x0 = v - ab_t * v**2 / (ab_t * v + 1 - ab_t)
    want = lam2 + gamma_coef**2 * var_x0
    got = optimal_variance(sched, _gaussian_gamma(sched, v), t, None if s == t - 1 else s, eta)
    assert got == pytest.approx(want, rel=1e-9)
    mix = GaussianMixture2D(torch.zeros(1, 2, dtype=torch.float64),
                            v * torch.eye(2, dtype=torch.float64)[None], torch.ones(1))
    x_t = torch.randn(5, 2, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    cov = per_x_variance(mix, sched, x_t, t, None if s == t - 1 else s, eta)
    torch.testing.assert_close(cov, want * torch.eye(2, dtype=torch.float64).expand(5, 2, 2),
                               rtol=1e-9, atol=1e-12)


def test_per_x_variance_of_a_mixture_by_monte_carlo():
    """For a two-component mixture the per-x covariance of x_0 given x_t (the oracle's
    Cov(x_0|x_t)) matches a self-normalised Monte-Carlo estimate from the prior draws."""
    mix = GaussianMixture2D(torch.tensor([[-1.0, 0.0], [1.5, 0.5]]),
                            torch.stack([0.2 * torch.eye(2), torch.diag(torch.tensor([0.1, 0.4]))]),
                            torch.tensor([0.3, 0.7]))
    sched, t = LIN, 200
    ab = float(sched.alpha_bars[t])
    x_t = torch.tensor([[0.3, 0.2]], dtype=torch.float64)
    g = torch.Generator().manual_seed(1)
    x0 = mix.sample(400_000, g, dtype=torch.float64)
    logw = -((x_t - ab**0.5 * x0) ** 2).sum(1) / (2 * (1 - ab))  # q(x_t|x_0), up to a constant
    w = torch.softmax(logw, 0)
    m = (w[:, None] * x0).sum(0)
    cov_mc = (w[:, None, None] * (x0 - m)[:, :, None] * (x0 - m)[:, None, :]).sum(0)
    from ddpm_core.oracle import posterior_cov_x0

    cov = posterior_cov_x0(mix, sched, x_t, t)[0]
    ess = 1 / float((w**2).sum())
    assert ess > 2000
    torch.testing.assert_close(cov, cov_mc, atol=0.01, rtol=0.05)


def test_gamma_of_8_gaussians_matches_the_sheet():
    """FORMULAS.md §i7: 8 Gaussians of radius 2, sd 0.1, linear schedule, exact ε*:
    Γ_t = 0.160, 0.722, 0.487, 0.9999 at t = 10, 100, 300, 1000 (not monotone). Monte Carlo with
    n = 20,000 draws per t; judged within 5 standard errors plus the sheet's rounding."""
    ang = torch.arange(8, dtype=torch.float64) * (2 * math.pi / 8)
    means = 2 * torch.stack([ang.cos(), ang.sin()], 1)
    mix = GaussianMixture2D(means, 0.01 * torch.eye(2).expand(8, 2, 2), torch.full((8,), 1 / 8))
    oracle = OracleEps(mix, LIN)
    ts = [10, 100, 300, 1000]
    g = gamma_table(oracle, LIN, mix, 20_000, torch.Generator().manual_seed(0), ts=ts)
    assert math.isnan(float(g[11])) and float(g[0]) == 0.0
    for t, want, rounding in zip(ts, (0.160, 0.722, 0.487, 0.9999), (5e-4, 5e-4, 5e-4, 5e-5)):
        # SE of a mean of ‖ε*‖²/d: bounded by its spread; estimated by a second, independent run
        g2 = gamma_table(oracle, LIN, mix, 20_000, torch.Generator().manual_seed(t), ts=[t])
        se = max(abs(float(g[t]) - float(g2[t])), 2e-3 if t < 1000 else 1e-4)
        assert abs(float(g[t]) - want) <= 5 * se + rounding, (t, float(g[t]), want)


def test_gamma_table_from_a_data_tensor_and_a_model():
    """A model that returns √(1−ᾱ_t) x_t is ε* for N(0, I) data: Γ_t = 1 − ᾱ_t."""

    class Normal(torch.nn.Module):
        sample_shape = (2,)

        def forward(self, x, t):
            return (1 - SHORT.alpha_bars[t].float()).sqrt()[:, None] * x

    data = torch.randn(50_000, 2, generator=torch.Generator().manual_seed(3))
    g = gamma_table(Normal(), SHORT, data, 4000, torch.Generator().manual_seed(4))
    want = 1 - SHORT.alpha_bars
    # ‖ε*‖²/d = (1−ᾱ)·(x²+y²)/2 with x_t ~ N(0, I): SE = (1−ᾱ)/√n
    assert bool(((g[1:] - want[1:]).abs() <= 5 * want[1:] / 4000**0.5 + 1e-3).all())


def _propagated_variance(sched, v, pairs, noise_var):
    """Var of x_0 out of a linear sampler on N(0, v) data with the exact (linear) ε*: each step is
    x_s = c x_t + sd z, so Var_s = c² Var_t + sd², from Var_T = 1; the coefficients written out
    from Song et al. 2021, Eq. (12) (DDPM = η = 1 on consecutive steps)."""
    var = 1.0
    for t, s_, lam2 in pairs:
        ab_t, ab_s = float(sched.alpha_bars[t]), float(sched.alpha_bars[s_])
        k = math.sqrt(1 - ab_t) / (ab_t * v + 1 - ab_t)  # ε* = k x_t
        c = math.sqrt(ab_s) * (1 - math.sqrt(1 - ab_t) * k) / math.sqrt(ab_t) \
            + math.sqrt(max(1 - ab_s - lam2, 0.0)) * k
        var = c**2 * var + noise_var(t, s_)
    return var


def test_sampling_with_the_analytic_variance():
    """N(0, v) data with its exact ε*: the samples' variance equals the variance propagated
    through the steps with σ*² as the noise (z = 0 on the last step), for DDPM (T = 50) and
    DDIM 10 steps η = 0; the analytic table equals optimal_variance entry by entry; the fast
    and the step-by-step loops agree."""
    v = 0.3
    mix = GaussianMixture2D(torch.zeros(1, 2, dtype=torch.float64),
                            v * torch.eye(2, dtype=torch.float64)[None], torch.ones(1))
    oracle = OracleEps(mix, SHORT)
    gamma = _gaussian_gamma(SHORT, v)
    table = analytic_variance_table(SHORT, gamma)
    assert float(table[7]) == pytest.approx(optimal_variance(SHORT, gamma, 7))
    T = SHORT.T
    ddpm_pairs = []
    for t in range(T, 0, -1):
        ab_t, ab_p = float(SHORT.alpha_bars[t]), float(SHORT.alpha_bars[t - 1])
        ddpm_pairs.append((t, t - 1, (1 - ab_p) / (1 - ab_t) * (1 - ab_t / ab_p)))
    ddim_ts = [round(i * T / 10) for i in range(10, -1, -1)]
    cases = [
        (dict(), ddpm_pairs, lambda t, s: optimal_variance(SHORT, gamma, t) if t > 1 else 0.0),
        (dict(sampler="ddim", steps=10, eta=0.0), [(t, s, 0.0) for t, s in
                                                    zip(ddim_ts[:-1], ddim_ts[1:])],
         lambda t, s: optimal_variance(SHORT, gamma, t, s, 0.0) if s > 0 else 0.0),
    ]
    for kw, pairs, noise_var in cases:
        want = _propagated_variance(SHORT, v, pairs, noise_var)
        x = sample(oracle, SHORT, 20_000, sigma="analytic", gamma=gamma,
                   generator=torch.Generator().manual_seed(0), **kw)
        var = float(x.double().var(0).mean())
        se = want * (1 / 20_000) ** 0.5  # two coordinates of a Gaussian sample variance
        assert abs(var - want) <= 5 * se, (kw, var, want)
    same = sample(oracle, SHORT, 64, sigma="analytic", gamma=gamma,
                  generator=torch.Generator().manual_seed(1))
    again = sample(oracle, SHORT, 64, sigma="analytic", gamma=gamma,
                   generator=torch.Generator().manual_seed(1), callback=lambda info: None)
    torch.testing.assert_close(same, again)


def test_bad_input():
    ok = torch.ones(LIN.T + 1, dtype=torch.float64)
    with pytest.raises(ValueError, match="gamma"):
        optimal_variance(LIN, -ok, 5)
    with pytest.raises(ValueError, match="gamma"):
        optimal_variance(LIN, ok[:10], 5)
    with pytest.raises(ValueError, match="t_prev"):
        optimal_variance(LIN, ok, 5, t_prev=7)
    with pytest.raises(ValueError, match="eta"):
        optimal_variance(LIN, ok, 5, eta=1.5)
    with pytest.raises(ValueError, match="t"):
        optimal_variance(LIN, ok, 0)
    with pytest.warns(UserWarning, match="clipped"):
        g = check_gamma(LIN, 1.02 * ok)
    assert float(g[1:].max()) == 1.0
    with pytest.raises(ValueError, match="gamma"):
        sample(OracleEps(GaussianMixture2D(torch.zeros(1, 2), torch.eye(2)[None], torch.ones(1)),
                         SHORT), SHORT, 4, sigma="analytic")


@pytest.mark.parametrize("call,word", [
    # issue 13: Γ outside [0, 1] — below 0 or not a number is an error (Γ_t = E‖ε‖²/d ≥ 0)
    (lambda: check_gamma(LIN, torch.full((LIN.T + 1,), float("nan"), dtype=torch.float64)),
     "gamma"),
    (lambda: analytic_variance_table(LIN, -0.1 * torch.ones(LIN.T + 1, dtype=torch.float64)),
     "gamma"),
    (lambda: gamma_table(OracleEps(ddpm_core.mixture("8gaussians"), LIN), LIN,
                         ddpm_core.mixture("8gaussians"), n=0), "n"),
    (lambda: gamma_table(OracleEps(ddpm_core.mixture("8gaussians"), LIN), LIN,
                         ddpm_core.mixture("8gaussians"), n=10, ts=[0, 5]), "ts"),
    (lambda: variance_bounds(LIN, LIN.T + 1), r"\bt\b"),
    (lambda: optimal_variance(LIN, torch.ones(LIN.T + 1, dtype=torch.float64), 5,
                              eta=float("nan")), "eta"),
])
def test_bad_input_named(call, word):
    with pytest.raises(ValueError, match=word):
        call()


def test_data_range_clip_caps_the_variance():
    """Data in [−1, 1]: σ*² ≤ λ² + γ_t²·1 (Bao Thm 2); with Γ = 0 the clip is active."""
    zero = torch.zeros(LIN.T + 1, dtype=torch.float64)
    for t in (2, 100, 1000):
        ab_t, ab_p = float(LIN.alpha_bars[t]), float(LIN.alpha_bars[t - 1])
        c0 = math.sqrt(ab_p) * float(LIN.betas[t]) / (1 - ab_t)  # γ_t = c⁰_t for DDPM
        beta_tilde = (1 - ab_p) / (1 - ab_t) * float(LIN.betas[t])
        clipped = optimal_variance(LIN, zero, t, data_range=(-1.0, 1.0))
        assert clipped <= beta_tilde + c0**2 * 1.0 + 1e-15
        assert clipped <= optimal_variance(LIN, zero, t) + 1e-15


def test_underflowed_alpha_bar_is_a_value_error_naming_sched():
    # β₁ = 0.1 → β_T = 0.999 over T = 1000: ᾱ_t is exactly 0.0 in float64 long before T
    sched = Schedule.linear(1000, beta_1=0.1, beta_T=0.999)
    assert float(sched.alpha_bars[1000]) == 0.0
    with pytest.raises(ValueError, match="sched"):
        variance_bounds(sched, 1000)
    with pytest.raises(ValueError, match="sched"):
        optimal_variance(sched, torch.full((1001,), 0.5, dtype=torch.float64), 1000)
