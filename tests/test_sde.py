"""The SDE view (FORMULAS.md §l) checked from outside: ᾱ(t) against a quadrature of β, the
discrete chain it matches, the exact score against finite differences of the diffused mixture's
log density, the ODE likelihood against that log density, both samplers carrying q_1 to q_0, and
DDIM η = 0 as an Euler step of the flow in x̄ = x/√ᾱ."""

from __future__ import annotations

import math

import pytest
import torch

import ddpm_core
from ddpm_core import GaussianMixture2D, Schedule
from ddpm_core.sde import (
    VPSDE,
    DiscreteEps,
    MixtureEps,
    ode_log_likelihood,
    sample_ode,
    sample_sde,
    score_from_eps,
    time_grid,
)

SDE = VPSDE()


def _diffused(mix: GaussianMixture2D, t: float) -> GaussianMixture2D:
    """q_t = Σ_k π_k N(√ᾱ μ_k, ᾱ Σ_k + (1−ᾱ) I) (FORMULAS.md §h1), ᾱ = ᾱ(t) from quadrature."""
    ab = _alpha_bar_by_quadrature(t)
    eye = torch.eye(2, dtype=torch.float64)
    return GaussianMixture2D(ab**0.5 * mix.means, ab * mix.covs + (1 - ab) * eye, mix.weights)


def _alpha_bar_by_quadrature(t: float) -> float:
    """exp(−∫₀ᵗ β(u) du), the integral by the composite Simpson rule on β(u) = 0.1 + 19.9 u."""
    n = 200
    h = t / n
    total = sum((1 if i in (0, n) else 4 if i % 2 else 2) * (0.1 + 19.9 * i * h)
                for i in range(n + 1))
    return math.exp(-total * h / 3)


def test_alpha_bar_and_the_discrete_chain():
    for t in (0.0, 0.1, 0.5, 1.0):
        assert float(SDE.alpha_bar(t)) == pytest.approx(_alpha_bar_by_quadrature(t), rel=1e-12)
    chain = SDE.discrete(1000)
    ho = Schedule.linear(1000, 1e-4, 0.02)
    torch.testing.assert_close(chain.betas, ho.betas, rtol=1e-12, atol=0)
    # the sheet (§l2): ᾱ_T = 4.0358e-5 for the chain, e^{-10.05} = 4.3186e-5 for the SDE
    assert float(chain.alpha_bars[1000]) == pytest.approx(4.0358297653756761e-05, rel=1e-12)
    assert float(SDE.alpha_bar(1.0)) == pytest.approx(4.3186e-5, rel=1e-4)


def test_score_and_divergence_of_the_mixture_oracle():
    """∇log q_t by central differences of the diffused mixture's log_prob; ∇·ε* by central
    differences of ε*; score = −ε*/√(1−ᾱ(t))."""
    mix = ddpm_core.mixture("8gaussians")
    oracle = MixtureEps(mix, SDE)
    x = torch.tensor([[0.3, -0.2], [1.1, 0.9], [-2.0, 0.1]], dtype=torch.float64)
    h = 1e-5
    for t in (0.01, 0.2, 0.7):
        q = _diffused(mix, t)
        fd = torch.stack([(q.log_prob(x + h * e) - q.log_prob(x - h * e)) / (2 * h)
                          for e in torch.eye(2, dtype=torch.float64)], 1)
        torch.testing.assert_close(oracle.score(x, t), fd, rtol=1e-5, atol=1e-6)
        eps = oracle(x, t)
        torch.testing.assert_close(score_from_eps(eps, SDE.alpha_bar(t)), fd, rtol=1e-5, atol=1e-6)
        div_fd = sum((oracle(x + h * e, t)[:, i] - oracle(x - h * e, t)[:, i]) / (2 * h)
                     for i, e in enumerate(torch.eye(2, dtype=torch.float64)))
        torch.testing.assert_close(oracle.divergence(x, t), div_fd, rtol=1e-5, atol=1e-6)


def test_ode_likelihood_matches_the_exact_log_density():
    """The instantaneous change of variables along the PF-ODE with the exact ε* and divergence,
    started from the exact q_1, gives log q_{t_min}(x_0): at 100 Heun steps (199 calls) within
    0.05 nats per point and 0.005 on average (the solver's error; 200 steps: 0.0054 / 0.0003)."""
    mix = ddpm_core.mixture("8gaussians")
    oracle = MixtureEps(mix, SDE)
    x0 = mix.sample(300, torch.Generator().manual_seed(0), dtype=torch.float64)
    want = _diffused(mix, 1e-5).log_prob(x0)
    got = ode_log_likelihood(oracle, SDE, x0, 100, "heun", prior=_diffused(mix, 1.0).log_prob)
    err = (got - want).abs()
    assert float(err.max()) < 0.05 and float(err.mean()) < 0.005, (float(err.max()),
                                                                     float(err.mean()))
    coarse = ode_log_likelihood(oracle, SDE, x0, 25, "euler", prior=_diffused(mix, 1.0).log_prob)
    assert float((coarse - want).abs().mean()) > float(err.mean())  # more error with Euler


class _GaussEps(torch.nn.Module):
    """ε* for x_0 ~ N(m, s² I), written as a differentiable network: √(1−ᾱ)(x − √ᾱ m)/v_t."""

    sample_shape = (2,)

    def __init__(self, m, s2):
        super().__init__()
        self.w = torch.nn.Parameter(torch.ones((), dtype=torch.float64))  # makes it a "model"
        self.m, self.s2 = torch.as_tensor(m, dtype=torch.float64), s2

    def forward(self, x, t):
        ab = SDE.alpha_bar(t)
        return self.w * (1 - ab).sqrt() * (x - ab.sqrt() * self.m) / (ab * self.s2 + 1 - ab)


def test_ode_likelihood_with_the_autograd_divergence():
    """A network without a closed-form divergence (autograd, one backward pass per coordinate):
    for Gaussian data the ODE likelihood is the Gaussian log density."""
    m, s2 = [0.3, -0.5], 0.2
    model = _GaussEps(m, s2)
    x0 = torch.tensor([[0.3, -0.5], [1.0, 0.0], [-0.4, -1.2]], dtype=torch.float64)
    gauss = torch.distributions.MultivariateNormal(torch.tensor(m, dtype=torch.float64),
                                                   s2 * torch.eye(2, dtype=torch.float64))
    ab1 = float(SDE.alpha_bar(1.0))
    q1 = torch.distributions.MultivariateNormal(ab1**0.5 * torch.tensor(m, dtype=torch.float64),
                                                (ab1 * s2 + 1 - ab1) * torch.eye(2,
                                                                                dtype=torch.float64))
    got = ode_log_likelihood(model, SDE, x0, 100, "heun", t_min=1e-5, prior=q1.log_prob)
    torch.testing.assert_close(got, gauss.log_prob(x0), atol=2e-3, rtol=0)


@pytest.mark.parametrize("which", ["ode", "sde"])
def test_samplers_carry_q1_to_q0(which):
    """From x_1 ~ q_1 (exact), the PF-ODE (Heun, 100 steps) and the reverse SDE (Euler–Maruyama,
    500 steps) end at q_{t_min}: mean and covariance of 8-Gaussian samples within 5 standard
    errors of the mixture's (plus the solver's 0.01)."""
    mix = ddpm_core.mixture("8gaussians")
    oracle = MixtureEps(mix, SDE)
    n = 10_000
    g = torch.Generator().manual_seed(1)
    x1 = _diffused(mix, 1.0).sample(n, g, dtype=torch.float64)
    if which == "ode":
        x = sample_ode(oracle, SDE, n, 100, "heun", g, x_T=x1)
    else:
        x = sample_sde(oracle, SDE, n, 500, g, x_T=x1)
    q0 = _diffused(mix, 1e-3)
    ref = q0.sample(400_000, torch.Generator().manual_seed(2), dtype=torch.float64)
    mean, cov = ref.mean(0), torch.cov(ref.T)
    se_mean = (cov.diagonal() / n).sqrt()
    assert bool(((x.mean(0) - mean).abs() <= 5 * se_mean + 0.01).all()), (x.mean(0), mean)
    se_cov = (2 / n) ** 0.5 * cov.diagonal().max()
    assert bool(((torch.cov(x.T) - cov).abs() <= 5 * se_cov + 0.01).all()), (torch.cov(x.T), cov)
    # and the modes are where they should be: most samples lie near one of the 8 means
    d = torch.cdist(x, mix.means).min(1).values
    assert float((d < 0.5).double().mean()) > 0.95


def test_ddim_eta0_is_an_euler_step_of_the_flow_in_xbar():
    """Song et al. 2021 §4.3: with x̄ = x/√ᾱ and σ = √((1−ᾱ)/ᾱ), a DDIM η = 0 step t -> s is
    x̄_s = x̄_t + (σ_s − σ_t) ε_θ — checked on the engine's ddim_step."""
    sched = Schedule.linear(1000)
    x = torch.randn(6, 2, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    eps = torch.randn(6, 2, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    for t, s in ((1000, 950), (500, 300), (20, 1)):
        ab_t, ab_s = float(sched.alpha_bars[t]), float(sched.alpha_bars[s])
        sig_t, sig_s = math.sqrt((1 - ab_t) / ab_t), math.sqrt((1 - ab_s) / ab_s)
        want = (x / math.sqrt(ab_t) + (sig_s - sig_t) * eps) * math.sqrt(ab_s)
        got = ddpm_core.ddim_step(sched, eps, x, t, s, 0.0, None)
        torch.testing.assert_close(got, want, rtol=1e-10, atol=1e-12)


def test_discrete_model_adapter_and_grid():
    seen = []

    class Rec(torch.nn.Module):
        sample_shape = (2,)

        def forward(self, x, t):
            seen.append(t.clone())
            return torch.zeros_like(x)

    DiscreteEps(Rec(), 1000)(torch.zeros(3, 2), torch.tensor([0.0, 0.5004, 1.0]))
    assert seen[0].tolist() == [1, 500, 1000]
    ts = time_grid(SDE, 50, 1e-3)
    assert ts[0] == 1.0 and ts[-1] == 1e-3 and all(a > b for a, b in zip(ts, ts[1:]))


@pytest.mark.parametrize("call,word", [
    (lambda: SDE.alpha_bar(1.5), "t"), (lambda: SDE.beta(-0.1), "t"),
    (lambda: sample_ode(MixtureEps(ddpm_core.mixture("8gaussians"), SDE), SDE, 4, 0), "steps"),
    (lambda: sample_ode(MixtureEps(ddpm_core.mixture("8gaussians"), SDE), SDE, 4, 5, "rk4"),
     "solver"),
    (lambda: sample_sde(MixtureEps(ddpm_core.mixture("8gaussians"), SDE), SDE, 0, 5), "n"),
    (lambda: VPSDE(beta_min=-1.0), "beta_min"), (lambda: SDE.discrete(1), "N"),
    # issue 13's list: t outside [0, 1], steps < 1, an unknown solver
    (lambda: SDE.alpha_bar(float("nan")), r"\bt must"),
    (lambda: MixtureEps(ddpm_core.mixture("8gaussians"), SDE)(torch.zeros(2, 2), 1.2),
     r"\bt must"),
    (lambda: DiscreteEps(ddpm_core.MLP2D(width=8), 1000)(torch.zeros(2, 2), 1.5), r"\bt must"),
    (lambda: DiscreteEps(ddpm_core.MLP2D(width=8), 1000)(torch.zeros(2, 2), -0.1), r"\bt must"),
    (lambda: DiscreteEps(ddpm_core.MLP2D(width=8), 1000)(torch.zeros(2, 2),
                                                         torch.tensor([0.5, 1.1])), r"\bt must"),
    (lambda: DiscreteEps(ddpm_core.MLP2D(width=8), 1000).eps_and_divergence(
        torch.zeros(2, 2), float("nan")), r"\bt must"),
    (lambda: sample_sde(MixtureEps(ddpm_core.mixture("8gaussians"), SDE), SDE, 4, 0), "steps"),
    (lambda: sample_sde(MixtureEps(ddpm_core.mixture("8gaussians"), SDE), SDE, 4, 5,
                        t_min=1.5), "t_min"),
    (lambda: sample_ode(MixtureEps(ddpm_core.mixture("8gaussians"), SDE), SDE, 4, 5,
                        t_min=float("nan")), "t_min"),
    (lambda: ode_log_likelihood(MixtureEps(ddpm_core.mixture("8gaussians"), SDE), SDE,
                                torch.zeros(2, 2), 0), "steps"),
    (lambda: ode_log_likelihood(MixtureEps(ddpm_core.mixture("8gaussians"), SDE), SDE,
                                torch.zeros(2, 2), 5, "rk45"), "solver"),
    (lambda: time_grid(SDE, 0, 1e-3), "steps"), (lambda: time_grid(SDE, 5, 0.0), "t_min"),
])
def test_bad_input(call, word):
    with pytest.raises(ValueError, match=word):
        call()


def test_discrete_eps_maps_continuous_t_to_the_step_round_t_T():
    """t ↦ round(t·T) in 1..T, the same for one float t (the model embeds one int step) and for
    a (B,) tensor of times."""
    from ddpm_core import MLP2D
    from ddpm_core.sde import DiscreteEps

    torch.manual_seed(0)
    m = MLP2D(width=32, depth=2).eval()
    x = torch.randn(5, 2)
    wrapped = DiscreteEps(m, 1000)
    with torch.no_grad():
        for t, step in ((0.5, 500), (0.0004, 1), (1e-6, 1), (1.0, 1000), (0.2346, 235)):
            want = m(x, torch.full((5,), step))
            assert torch.allclose(wrapped(x, t), want, atol=1e-6)
            assert torch.allclose(wrapped(x, torch.full((5,), t, dtype=torch.float64)), want,
                                  atol=1e-6)


# ------------------------------------------------ the fast loops against the formulas written out
def _ref_sde(eps_model, x, steps, g, t_min=1e-3):
    """Song et al. 2021, Eq. (6) by Euler–Maruyama, every coefficient from VPSDE's tensors."""
    ts = torch.linspace(1.0, t_min, steps + 1, dtype=torch.float64).tolist()
    for i, (t, s) in enumerate(zip(ts[:-1], ts[1:])):
        beta, ab = float(SDE.beta(t)), float(SDE.alpha_bar(t))
        x = x + (0.5 * beta * x - beta * eps_model(x, t) / math.sqrt(1 - ab)) * (t - s)
        if i < steps - 1:
            x = x + math.sqrt(beta * (t - s)) * torch.randn(x.shape, generator=g,
                                                            dtype=torch.float64).to(x)
    return x


def _ref_drift(eps_model, x, t):
    beta, ab = float(SDE.beta(t)), float(SDE.alpha_bar(t))
    return -0.5 * beta * (x - eps_model(x, t) / math.sqrt(1 - ab))


def _ref_ode(eps_model, x, steps, solver, t_min=1e-3):
    ts = time_grid(SDE, steps, t_min)
    for t, s in zip(ts[:-1], ts[1:]):
        d1 = _ref_drift(eps_model, x, t)
        if solver == "euler":
            x = x + (s - t) * d1
        else:
            x = x + (s - t) * 0.5 * (d1 + _ref_drift(eps_model, x + (s - t) * d1, s))
    return x


def test_fast_samplers_match_the_formulas_written_out():
    """sample_sde and sample_ode (in-place updates, per-step coefficients as Python floats, the
    MLP's fused sampling pass) against the plain formulas: to float64 rounding with the exact
    ε*, to float32 rounding (rtol 1e-4) with a float32 network; the same noise stream."""
    oracle = MixtureEps(ddpm_core.mixture("8gaussians"), SDE)
    x_T = torch.randn(300, 2, generator=torch.Generator().manual_seed(4), dtype=torch.float64)
    got = sample_sde(oracle, SDE, 300, 60, torch.Generator().manual_seed(5), x_T=x_T)
    want = _ref_sde(oracle, x_T, 60, torch.Generator().manual_seed(5))
    torch.testing.assert_close(got, want, rtol=1e-12, atol=1e-12)
    for solver in ("euler", "heun"):
        got = sample_ode(oracle, SDE, 300, 40, solver, x_T=x_T)
        torch.testing.assert_close(got, _ref_ode(oracle, x_T, 40, solver), rtol=1e-12, atol=1e-12)
    torch.manual_seed(0)
    net = DiscreteEps(ddpm_core.MLP2D(width=32, depth=2).eval(), 1000)
    x32 = x_T.float()
    with torch.no_grad():
        got = sample_sde(net, SDE, 300, 60, torch.Generator().manual_seed(5), x_T=x32)
        want = _ref_sde(net, x32, 60, torch.Generator().manual_seed(5))
        torch.testing.assert_close(got, want, rtol=1e-4, atol=1e-4)
        for solver in ("euler", "heun"):
            torch.testing.assert_close(sample_ode(net, SDE, 300, 40, solver, x_T=x32),
                                       _ref_ode(net, x32, 40, solver), rtol=1e-4, atol=1e-4)


def test_likelihood_with_the_network_divergence_matches_autograd():
    """MLP2D's forward-mode divergence against autograd's Jacobian trace (each activation, with
    and without a class), and the ODE likelihood with it against the likelihood computed with
    autograd's divergence (a wrapper that hides the forward mode)."""
    from ddpm_core.sde import _autograd_divergence

    torch.manual_seed(0)
    x = 1.5 * torch.randn(200, 2)
    for act in ("relu", "silu", "gelu"):
        for classes in (0, 3):
            m = ddpm_core.MLP2D(width=32, depth=3, act=act, num_classes=classes).eval()
            y = torch.randint(0, classes + 1, (200,)) if classes else None
            eps, div = m.eps_and_divergence(x, 37, y)
            ref_eps, ref_div = _autograd_divergence(lambda x_, t_, m=m, y=y: m(x_, t_, y), x, 37)
            torch.testing.assert_close(eps, ref_eps, rtol=1e-5, atol=1e-6)
            torch.testing.assert_close(div, ref_div, rtol=1e-4, atol=1e-5)

    m = ddpm_core.MLP2D(width=32, depth=3).eval()

    class Hidden(torch.nn.Module):  # no eps_and_divergence: autograd
        sample_shape = (2,)

        def __init__(self):
            super().__init__()
            self.inner = DiscreteEps(m, 1000)

        def forward(self, x_, t_):
            return self.inner(x_, t_)

    x0 = x[:50]
    got = ode_log_likelihood(DiscreteEps(m, 1000), SDE, x0, 20, "heun")
    want = ode_log_likelihood(Hidden(), SDE, x0, 20, "heun")
    torch.testing.assert_close(got, want, rtol=1e-5, atol=1e-4)


@pytest.mark.parametrize("act", ["relu", "silu", "gelu"])
def test_fused_passes_match_forward_and_autograd(act):
    """The samplers' fused passes (`MLP2D.sampling_fn` and `divergence_fn`, with and without
    every step's time rows up front) against `forward` and autograd's Jacobian trace."""
    from ddpm_core.sde import _autograd_divergence

    torch.manual_seed(0)
    m = ddpm_core.MLP2D(width=32, depth=3, act=act).eval()
    x = 1.5 * torch.randn(120, 2)
    for t_max in (None, 1000):
        fwd, div_fn = m.sampling_fn(120, t_max=t_max), m.divergence_fn(120, t_max=t_max)
        for t in (1, 37, 1000):
            with torch.no_grad():
                want = m(x, t)
            torch.testing.assert_close(fwd(x, t).clone(), want, rtol=1e-5, atol=1e-6)
            eps, div = div_fn(x, t)
            ref_eps, ref_div = _autograd_divergence(lambda x_, t_: m(x_, t_), x, t)
            torch.testing.assert_close(eps.clone(), ref_eps, rtol=1e-5, atol=1e-6)
            torch.testing.assert_close(div.clone(), ref_div, rtol=1e-4, atol=1e-5)


def test_sampling_fn_needs_no_grad_context():
    """`MLP2D.sampling_fn` (which no longer enters a grad mode per call) gives `forward`'s
    numbers with grad enabled, for an input that requires grad, and inside inference mode, and
    its output never requires grad (a training step after it still works)."""
    torch.manual_seed(3)
    m = ddpm_core.MLP2D(width=16, depth=2, num_classes=0).train()
    x = torch.randn(30, 2)
    with torch.no_grad():
        want = m(x, 500)
    fn = m.sampling_fn(30, t_max=1000)
    got = fn(x.clone().requires_grad_(True), 500)
    assert not got.requires_grad
    torch.testing.assert_close(got.clone(), want, rtol=1e-5, atol=1e-6)
    with torch.inference_mode():
        torch.testing.assert_close(fn(x, 500).clone(), want, rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(m.sampling_fn(30)(x, 500).clone(), want, rtol=1e-5, atol=1e-6)
    m(x, 500).pow(2).mean().backward()  # the model's own parameters are untouched
    assert m.out.weight.grad is not None
