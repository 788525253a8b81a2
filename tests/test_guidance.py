"""Guidance (FORMULAS.md §m) checked from outside: the exact noisy classifier against Bayes'
rule on the diffused densities and its gradient against finite differences; classifier guidance
at s = 1 equals the class's own ε*; classifier-free guidance with exact ε* is classifier guidance
with the implicit classifier; a class-conditional network trained with label dropout draws the
class it is asked for."""

from __future__ import annotations

import math

import pytest
import torch

from ddpm_core import MLP2D, Schedule, TinyUNet, marginal, sample, train
from ddpm_core.guidance import (
    GuidedEps,
    cfg_eps,
    classifier_guided_eps,
    labelled_mixture,
)

LIN = Schedule.linear(1000)
LM = labelled_mixture()


def _x(n=64, seed=0):
    return 1.5 * torch.randn(n, 2, generator=torch.Generator().manual_seed(seed),
                             dtype=torch.float64)


@pytest.mark.parametrize("t", [5, 100, 400, 900])
def test_noisy_classifier_is_bayes_rule_on_the_diffused_densities(t):
    """p_t(y|x) = p(y) q_t(x|y) / q_t(x), each density the diffused mixture's log_prob."""
    x = _x()
    prior = LM.class_prior()
    log_q = marginal(LM.mix, LIN, t).log_prob(x)
    for y in range(LM.num_classes):
        want = math.log(float(prior[y])) + marginal(LM.conditional(y), LIN, t).log_prob(x) - log_q
        torch.testing.assert_close(LM.log_p_y(LIN, x, t, y), want, rtol=1e-9, atol=1e-9)


def test_classifier_gradient_by_finite_differences():
    x, h = _x(8), 1e-6
    for t, y in ((50, 0), (300, 2), (800, 3)):
        fd = torch.stack([(LM.log_p_y(LIN, x + h * e, t, y) - LM.log_p_y(LIN, x - h * e, t, y))
                          / (2 * h) for e in torch.eye(2, dtype=torch.float64)], 1)
        torch.testing.assert_close(LM.grad_log_p_y(LIN, x, t, y), fd, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("t", [3, 60, 500, 1000])
def test_classifier_guidance_at_scale_1_is_the_class_eps_star(t):
    """ε* − √(1−ᾱ_t) ∇log p_t(y|x_t) = ε*_y (the sub-mixture's oracle) to 1e-8."""
    x = _x(32, t)
    for y in range(LM.num_classes):
        guided = classifier_guided_eps(LM.eps_star(LIN, x, t), LM.grad_log_p_y(LIN, x, t, y),
                                       LIN, t, 1.0)
        torch.testing.assert_close(guided, LM.eps_star(LIN, x, t, y), rtol=0, atol=1e-8)


@pytest.mark.parametrize("s", [0.0, 1.0, 3.0])
def test_cfg_with_exact_eps_is_guidance_with_the_implicit_classifier(s):
    """ε_u + s(ε_c − ε_u) = classifier guidance of ε_u at scale s with the exact classifier,
    whose gradient is −(ε*_c − ε*_u)/√(1−ᾱ_t) (Ho & Salimans 2022, §3)."""
    t, y = 250, 1
    x = _x(16, 3)
    eps_u, eps_c = LM.eps_star(LIN, x, t), LM.eps_star(LIN, x, t, y)
    want = classifier_guided_eps(eps_u, LM.grad_log_p_y(LIN, x, t, y), LIN, t, s)
    torch.testing.assert_close(cfg_eps(eps_c, eps_u, s), want, rtol=0, atol=1e-8)
    if s == 0.0:
        torch.testing.assert_close(cfg_eps(eps_c, eps_u, s), eps_u)


def test_label_dropout_rate_in_training():
    """train(..., labels, p_uncond) shows the model "no class" (label C) at rate p_uncond."""
    seen = []

    class Rec(MLP2D):
        def forward(self, x_t, t, y=None):
            seen.append(y.clone())
            return super().forward(x_t, t, y)

    x, y = LM.sample(512, torch.Generator().manual_seed(0))
    model = Rec(width=16, depth=1, num_classes=4)
    train(model, LIN, x, 40, 256, 1e-3, labels=y, p_uncond=0.25,
          generator=torch.Generator().manual_seed(1))
    labels = torch.cat(seen)
    n = labels.numel()
    rate = float((labels == 4).double().mean())
    assert abs(rate - 0.25) <= 5 * (0.25 * 0.75 / n) ** 0.5, rate
    assert set(labels.unique().tolist()) == {0, 1, 2, 3, 4}


@pytest.mark.slow
def test_a_trained_conditional_model_draws_the_class_asked_for():
    """MLP2D(num_classes=4) trained with label dropout; classifier-free guidance at s = 1 and
    s = 3 (DDIM 50): at least 90 % of the samples for class y lie within 0.5 of one of y's two
    modes; unconditional sampling (the null label) covers all 4 classes."""
    sched = Schedule.linear(200, scale_to_T=True)
    x, y = LM.sample(20_000, torch.Generator().manual_seed(0))
    torch.manual_seed(0)
    model = MLP2D(width=96, depth=3, num_classes=4)
    train(model, sched, x, 2500, 256, 3e-3, labels=y, p_uncond=0.1,
          generator=torch.Generator().manual_seed(1))
    for s in (1.0, 3.0):
        for c in range(4):
            out = sample(GuidedEps(model, c, s), sched, 500, sampler="ddim", steps=50,
                         generator=torch.Generator().manual_seed(c)).double()
            d = torch.cdist(out, LM.mix.means)  # (500, 8)
            near = d.min(1)
            nearest_class = LM.labels[d.argmin(1)]
            ok = (near.values < 0.5) & (nearest_class == c)
            assert float(ok.double().mean()) >= 0.9, (s, c, float(ok.double().mean()))
    out = sample(model, sched, 2000, sampler="ddim", steps=50,
                 generator=torch.Generator().manual_seed(9)).double()
    cls = LM.labels[torch.cdist(out, LM.mix.means).argmin(1)]
    share = torch.bincount(cls, minlength=4).double() / 2000
    assert bool((share > 0.15).all()), share


def test_conditional_models_take_labels_and_round_trip_their_config():
    from ddpm_core import build_model

    m = MLP2D(width=8, depth=2, num_classes=3)
    x = torch.zeros(4, 2)
    assert m(x, 5, torch.tensor([0, 1, 2, 3])).shape == (4, 2)
    assert torch.equal(m(x, 5), m(x, 5, torch.full((4,), 3)))  # None is "no class"
    assert build_model(m.config(), "cpu").num_classes == 3
    u = TinyUNet(channels=8, image_size=8, num_classes=10)
    assert u(torch.zeros(2, 1, 8, 8), 3, torch.tensor([9, 10])).shape == (2, 1, 8, 8)
    assert "num_classes" not in MLP2D(width=8).config()  # old checkpoints' configs unchanged


@pytest.mark.parametrize("call,word", [
    (lambda: cfg_eps(torch.zeros(2, 2), torch.zeros(2, 2), -1.0), "scale"),
    (lambda: cfg_eps(torch.zeros(2, 2), torch.zeros(2, 2), float("nan")), "scale"),
    (lambda: classifier_guided_eps(torch.zeros(2, 2), torch.zeros(2, 2), LIN, 0, 1.0), "t"),
    (lambda: LM.log_p_y(LIN, torch.zeros(2, 2), 5, 4), "y"),
    (lambda: GuidedEps(MLP2D(width=8, num_classes=3), 3, 1.0), "y"),
    (lambda: GuidedEps(MLP2D(width=8), 0, 1.0), "y"),
    (lambda: MLP2D(width=8, num_classes=3)(torch.zeros(2, 2), 5, torch.tensor([0, 4])), "y"),
    (lambda: MLP2D(width=8)(torch.zeros(2, 2), 5, torch.tensor([0, 1])), "y"),
    (lambda: train(MLP2D(width=8, num_classes=3), LIN, torch.zeros(8, 2), 2, 4, 1e-3,
                   labels=torch.full((8,), 3)), "labels"),
    (lambda: train(MLP2D(width=8), LIN, torch.zeros(8, 2), 2, 4, 1e-3,
                   labels=torch.zeros(8, dtype=torch.long)), "labels"),
    (lambda: train(MLP2D(width=8, num_classes=3), LIN, torch.zeros(8, 2), 2, 4, 1e-3),
     "labels"),
    # issue 13's list: a class outside the model's classes, a negative or NaN scale
    (lambda: GuidedEps(MLP2D(width=8, num_classes=3), -1, 1.0), "y"),
    (lambda: GuidedEps(MLP2D(width=8, num_classes=3), 0, -0.5), "scale"),
    (lambda: GuidedEps(MLP2D(width=8, num_classes=3), 0, float("nan")), "scale"),
    (lambda: GuidedEps(MLP2D(width=8, num_classes=3), 0, float("inf")), "scale"),
    (lambda: classifier_guided_eps(torch.zeros(2, 2), torch.zeros(2, 2), LIN, 5, -1.0), "scale"),
    (lambda: classifier_guided_eps(torch.zeros(2, 2), torch.zeros(2, 2), LIN, 5,
                                   float("nan")), "scale"),
    (lambda: LM.eps_star(LIN, torch.zeros(2, 2), 5, 4), "y"),
    (lambda: LM.grad_log_p_y(LIN, torch.zeros(2, 2), 5, -1), "y"),
    (lambda: LM.conditional(7), "y"),
])
def test_bad_input(call, word):
    with pytest.raises(ValueError, match=word):
        call()


def test_classifier_gradient_is_finite_far_from_the_class():
    # far from class 0 its share of the responsibilities underflows to 0 in float64; the gradient
    # must still be the class's score minus the mixture's (here: finite, pointing back to it)
    lm = labelled_mixture("4gaussians")
    sched = Schedule.linear(1000)
    far = -40.0 * lm.mix.means[lm.labels == 0][0:1].to(torch.float64)
    g = lm.grad_log_p_y(sched, far, 1, 0)
    assert torch.isfinite(g).all()
    lp = lm.log_p_y(sched, far, 1, 0)
    assert torch.isfinite(lp).all() and float(lp) < -100
    # the direction: towards class 0's mean
    assert float((g * lm.mix.means[lm.labels == 0][0]).sum()) > 0


@pytest.mark.parametrize("s", [0.0, 1.0, 2.5])
def test_guided_eps_is_the_cfg_formula_on_two_separate_calls(s):
    """GuidedEps (one batched call, or the conditional call alone at s = 1) against
    ε_u + s(ε_c − ε_u) from two separate calls of the model, for an int t and a (B,) t."""
    torch.manual_seed(0)
    m = MLP2D(width=16, depth=2, num_classes=3).eval()
    x = torch.randn(7, 2)
    with torch.no_grad():
        for t in (17, torch.arange(1, 8) * 100):
            e_c = m(x, t, torch.full((7,), 2))
            e_u = m(x, t)
            want = e_u + s * (e_c - e_u)
            torch.testing.assert_close(GuidedEps(m, 2, s)(x, t), want, rtol=1e-5, atol=1e-6)


def test_eps_and_classifier_gradient_from_one_pass():
    """LabelledMixture.eps_and_grad_log_p_y (one pass over the components, what the guidance
    page's sampler calls) equals eps_star and grad_log_p_y computed separately."""
    lm = labelled_mixture("4gaussians")
    sched = Schedule.linear(1000)
    x = 2 * torch.randn(50, 2, generator=torch.Generator().manual_seed(2), dtype=torch.float64)
    for t in (1, 40, 700, torch.arange(1, 51) * 20):
        for y in (0, 3):
            eps, grad = lm.eps_and_grad_log_p_y(sched, x, t, y)
            torch.testing.assert_close(eps, lm.eps_star(sched, x, t), rtol=1e-12, atol=1e-13)
            torch.testing.assert_close(grad, lm.grad_log_p_y(sched, x, t, y), rtol=1e-12,
                                       atol=1e-13)


def test_a_tensor_of_scales_is_one_scale_per_sample():
    """cfg_eps, classifier_guided_eps and GuidedEps with a (B,) tensor of scales (a grid of
    scales in one batch) give row by row what each scale gives alone; bad entries raise."""
    sched = Schedule.linear(100)
    g = torch.Generator().manual_seed(0)
    e_c, e_u, grad = (torch.randn(6, 2, generator=g, dtype=torch.float64) for _ in range(3))
    scales = torch.tensor([0.0, 0.25, 1.0, 2.5, 3.0, 8.0], dtype=torch.float64)
    got_cfg, got_cg = cfg_eps(e_c, e_u, scales), classifier_guided_eps(e_u, grad, sched, 40,
                                                                         scales)
    for i, s in enumerate(scales.tolist()):
        assert torch.equal(got_cfg[i], cfg_eps(e_c[i:i + 1], e_u[i:i + 1], s)[0])
        assert torch.equal(got_cg[i], classifier_guided_eps(e_u[i:i + 1], grad[i:i + 1], sched,
                                                            40, s)[0])
    torch.manual_seed(0)
    model = MLP2D(width=16, depth=2, num_classes=3).eval()
    x = torch.randn(6, 2, generator=g)
    got = GuidedEps(model, 1, scales.float())(x, 30)
    for i, s in enumerate(scales.tolist()):
        want = GuidedEps(model, 1, s)(x[i:i + 1], 30)[0]
        assert torch.allclose(got[i], want, atol=1e-6), (s, got[i], want)
    for bad in (torch.tensor([1.0, -0.5] * 3), torch.tensor([1.0, float("nan")] * 3),
                torch.ones(5), torch.ones(6, 1)):
        with pytest.raises(ValueError, match="scale"):
            cfg_eps(e_c, e_u, bad)
        with pytest.raises(ValueError, match="scale"):
            classifier_guided_eps(e_u, grad, sched, 40, bad)
