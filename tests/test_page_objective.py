"""Page 'The ε-objective' (sections 1–4): renders in both languages, every slider extreme and
degenerate T; its numbers are checked against computations made here from the β's alone
(numpy, float64), never against the page's own helpers or the engine function it displays:
the live KL check, the sentence on where λ_t is largest/smallest (linear, cosine, quadratic,
sigmoid, short T), and the factor √((1−ᾱ_t)/ᾱ_t) at both ends of the schedule."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch
from apptest_util import chart_specs, open_page, tex_float, text

import ddpm_core
from ui.latex import unbroken_brackets

PAGE = "views/objective.py"
NUM = r"`([-+0-9.eE]+|inf|nan)`"
TEX = r"\$([^$]*)\$"


# ------------------------------------------------------------ independent references (numpy)
def _tables(sched) -> dict[str, np.ndarray]:
    """α, ᾱ from the schedule's β's only (t = 0..T, entry 0 is x_0)."""
    beta = sched.betas.numpy().astype(np.float64)
    beta[0] = 0.0
    alpha = 1.0 - beta
    return {"beta": beta, "alpha": alpha, "ab": np.cumprod(alpha)}


def _lambda_bt(sched) -> np.ndarray:
    """λ_t for σ_t² = β̃_t, t = 2..T, as Ho et al. 2020 Eq. 12 with β̃_t = β_t(1−ᾱ_{t−1})/(1−ᾱ_t)."""
    tb = _tables(sched)
    b, a, ab = tb["beta"], tb["alpha"], tb["ab"]
    t = np.arange(2, sched.T + 1)
    sigma2 = b[t] * (1 - ab[t - 1]) / (1 - ab[t])
    return b[t] ** 2 / (2 * sigma2 * a[t] * (1 - ab[t]))


def _amp(sched) -> np.ndarray:
    ab = _tables(sched)["ab"]
    return np.sqrt((1 - ab) / ab)


def _expected_kl(sched, step: int, sigma: str) -> tuple[float, float]:
    """(KL of the two Gaussians, from the posterior's closed form, and λ_t‖ε−ε_θ‖² + C from the
    weight): both in numpy, with the page's draws (seed 0: x_0, ε, ε_θ)."""
    g = torch.Generator().manual_seed(0)
    x0, eps, eps_theta = (torch.randn(1, 2, generator=g, dtype=torch.float64).numpy()[0]
                          for _ in range(3))
    tb = _tables(sched)
    b, a, ab = tb["beta"][step], tb["alpha"][step], tb["ab"][step]
    ab_prev = tb["ab"][step - 1]
    x_t = np.sqrt(ab) * x0 + np.sqrt(1 - ab) * eps
    mu = (np.sqrt(ab_prev) * b * x0 + np.sqrt(a) * (1 - ab_prev) * x_t) / (1 - ab)  # Eq. 7
    var = b * (1 - ab_prev) / (1 - ab)
    mu_theta = (x_t - b / np.sqrt(1 - ab) * eps_theta) / np.sqrt(a)  # Eq. 11
    var_m = var if sigma == "beta_tilde" else b
    kl = float(np.sum(0.5 * np.log(var_m / var) + (var + (mu - mu_theta) ** 2) / (2 * var_m)
                      - 0.5))
    lam = b**2 / (2 * var_m * a * (1 - ab))
    r = var / var_m
    c = 2 * 0.5 * (r - 1 - np.log(r))
    return kl, float(lam * np.sum((eps - eps_theta) ** 2) + c)


def _schedule(kind: str, T: int):
    return ddpm_core.Schedule.cosine(T) if kind == "cosine" else getattr(
        ddpm_core.Schedule, kind)(T, 1e-4, 0.02)


# ------------------------------------------------------------ reading the page
def _check_pair(at, marker: str) -> tuple[float, float]:
    """(formula, engine) from the 'formula says … / engine computed …' block holding `marker`."""
    hits = [m.value for m in at.markdown if marker in m.value]
    assert len(hits) == 1, [m.value for m in at.markdown]
    nums = [float(x) for x in re.findall(NUM, hits[0])]
    assert len(nums) == 2, hits[0]
    return nums[0], nums[1]


def _markdown_with(at, *needles: str) -> list[str]:
    return [m.value for m in at.markdown if all(n in m.value for n in needles)]


def _sympy_errors(at) -> list[float]:
    errs = []
    for el in at.success:
        if "SymPy" in el.value:
            errs += [tex_float(x) for x in re.findall(TEX, el.value)[:1]]
    return errs


# ------------------------------------------------------------ tests
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_renders_question_first_next_link_last_and_numbers_right(lang):
    at = open_page(PAGE, lang)
    assert at.header[0].value == text("nav.objective", lang)
    assert at.markdown[0].value.endswith(text("objective.question", lang))  # right under it
    assert len(at.latex) >= 12  # the SymPy steps and both means in ε form inline
    assert len(chart_specs(at)) == 2
    errs = _sympy_errors(at)
    assert len(errs) == 2 and max(errs) <= 1e-7, errs
    assert not at.error and not at.exception
    formula, engine = _check_pair(at, "λ_t‖ε − ε_θ‖² + C")
    step = int(at.main.slider[0].value)
    kl, lam_form = _expected_kl(ddpm_core.Schedule.linear(1000), step, "beta_tilde")
    assert abs(formula - lam_form) <= 1e-8 * abs(lam_form)  # the formula row is the formula
    assert abs(engine - kl) <= 1e-8 * abs(kl)  # the engine row is the KL of the Gaussians
    # no "1.2e-05" anywhere in the prose: numbers are a × 10^{k} in LaTeX
    prose = " ".join(m.value for m in at.markdown) + " ".join(s.value for s in at.success)
    assert not re.search(r"\d\.?\d*e[-+]\d", re.sub(NUM, "", prose)), prose


def test_step_7_shows_both_means_in_eps_form_inline():
    at = open_page(PAGE)
    latex = [x.value for x in at.latex]
    i = next(i for i, v in enumerate(latex) if r"\tilde\mu_t - \mu_\theta =" in v)
    mu, mu_theta = latex[i - 8], latex[i - 7]  # then the expander's six steps
    assert r"\tilde\mu_t =" in mu and r"\epsilon" in mu and r"\epsilon_\theta" not in mu
    # as shown: each outermost pair of brackets held in braces (ui.latex.unbroken_brackets)
    assert unbroken_brackets(r"\mu_\theta(x_t, t) =") in mu_theta
    assert r"\epsilon_\theta(x_t, t)" in mu_theta


@pytest.mark.parametrize("kind, T", [("linear", 1000), ("cosine", 1000), ("quadratic", 1000),
                                     ("sigmoid", 1000), ("linear", 10), ("cosine", 7)])
def test_lambda_sentence_names_the_right_ends(kind, T):
    """The page's sentence on λ_t (σ_t² = β̃_t) against λ_t computed here from the β's."""
    at = open_page(PAGE, T=T, kind=kind)
    sched = _schedule(kind, T)
    lam = _lambda_bt(sched)
    t_max, t_min = 2 + int(np.argmax(lam)), 2 + int(np.argmin(lam))
    d = np.diff(lam)
    shape = "falls" if (d <= 0).all() else "rises" if (d >= 0).all() else "not monotone"
    hits = _markdown_with(at, "For this schedule (σ_t² = β̃_t), λ_t")
    assert len(hits) == 1, [m.value for m in at.markdown]
    sentence = hits[0]
    if shape == "falls":
        assert "falls steadily" in sentence
    elif shape == "rises":
        assert "rises steadily" in sentence
    else:
        assert "not monotone" in sentence
        assert f"minimum $\\lambda_{{{t_min}}}" in sentence and f"at t = {t_min}," in sentence
        assert f"largest at t = {t_max}." in sentence
    values = {int(k): tex_float(v) for k, v in re.findall(r"\\lambda_\{?(\d+)\}? = ([^$]+)\$",
                                                          sentence)}
    for k, v in values.items():
        assert v == pytest.approx(lam[k - 2], rel=1e-3), (k, v)
    ratio_line = _markdown_with(at, "The largest weight is")
    assert len(ratio_line) == 1
    ratio = tex_float(re.findall(TEX, ratio_line[0])[0])
    assert ratio == pytest.approx(lam.max() / lam.min(), rel=1e-3)
    assert f"t = {t_max} down" in ratio_line[0] and f"term at t = {t_min}." in ratio_line[0]


def test_lambda_facts_of_the_issue():
    """The issue's numbers, from the β's: cosine λ_2 = 0.559, λ_T = 499.5; linear's minimum
    near t = 350; so 'λ_t is largest at small t' is false for cosine."""
    cos, lin = _lambda_bt(ddpm_core.Schedule.cosine(1000)), _lambda_bt(
        ddpm_core.Schedule.linear(1000))
    assert cos[0] == pytest.approx(0.559, abs=1e-3) and cos[-1] == pytest.approx(499.5, rel=1e-3)
    assert 2 + int(np.argmax(cos)) == 1000
    assert 2 + int(np.argmin(lin)) == 350


@pytest.mark.parametrize("kind, T", [("linear", 1000), ("cosine", 1000), ("sigmoid", 50)])
def test_amplification_at_both_ends(kind, T):
    at = open_page(PAGE, T=T, kind=kind)
    amp = _amp(_schedule(kind, T))
    hits = _markdown_with(at, "For this schedule: at t = 1 the factor is")
    assert len(hits) == 1
    a1, e1, aT, eT = (tex_float(x) for x in re.findall(TEX, hits[0]))
    assert a1 == pytest.approx(amp[1], rel=1e-3) and aT == pytest.approx(amp[T], rel=1e-3)
    assert e1 == pytest.approx(0.01 / amp[1], rel=1e-3)  # an x̂_0 error in ε: divided
    assert eT == pytest.approx(0.01 * amp[T], rel=1e-3)  # an ε error in x̂_0: multiplied
    # the identity under the chart, at the slider's t (= T): labelled as an identity
    assert _markdown_with(at, "identity shown for reading") or [
        w for w in at.markdown if "identity shown for reading" in w.value]
    vals = _markdown_with(at, "‖ε − ε_θ‖ = $", "‖x̂_0 − x_0‖")
    assert len(vals) == 1
    err_eps, factor, err_x0 = (tex_float(x) for x in re.findall(TEX, vals[0]))
    assert factor == pytest.approx(amp[T], rel=1e-3)
    assert err_x0 == pytest.approx(amp[T] * err_eps, rel=2e-3)


def test_why_eps_cites_ho_and_states_the_direction():
    for lang in ("en", "zh"):
        body, ho = text("objective.s4.body", lang), text("objective.s4.ho", lang)
        assert "√(ᾱ_t/(1−ᾱ_t))" in body and "√((1−ᾱ_t)/ᾱ_t)" in body
        assert "3.17" in ho and "13.22" in ho and "3.2" in ho
    assert "small t" in text("objective.s4.body", "en")
    assert "小 t" in text("objective.s4.body", "zh")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_main_slider_extreme(lang):
    at = open_page(PAGE, lang)
    sliders = at.main.slider
    assert len(sliders) >= 2
    for i in range(len(sliders)):
        s = at.main.slider[i]
        for v in (s.min, s.max):
            at.main.slider[i].set_value(v).run()
            assert not at.exception, (s.label, v)
            formula, engine = _check_pair(at, "λ_t‖ε − ε_θ‖² + C")
            assert abs(engine - formula) <= 1e-8 * abs(formula), (s.label, v)


def test_sigma_beta_against_independent_kl():
    at = open_page(PAGE)
    at.main.radio[0].set_value("beta").run()
    assert not at.exception
    formula, engine = _check_pair(at, "λ_t‖ε − ε_θ‖² + C")
    step = int(at.main.slider[0].value)
    kl, lam_form = _expected_kl(ddpm_core.Schedule.linear(1000), step, "beta")
    assert abs(formula - lam_form) <= 1e-8 * abs(lam_form)
    assert abs(engine - kl) <= 1e-8 * abs(kl)
    assert kl > lam_form - float(ddpm_core.kl_constant(ddpm_core.Schedule.linear(1000), "beta",
                                                       2)[step]) + 1e-12  # C > 0 for σ² = β


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_degenerate_T(lang):
    at = open_page(PAGE, lang, T=1)  # T = 1: no KL term, explained
    assert at.info and "L_0" in at.info[0].value
    assert not _markdown_with(at, "λ_t‖ε − ε_θ‖² + C")
    assert _sympy_errors(at) and max(_sympy_errors(at)) <= 1e-7
    assert _markdown_with(at, "$", "0.01") and not at.exception
    at = open_page(PAGE, lang, T=2)  # T = 2: one KL term, no t slider for it
    formula, engine = _check_pair(at, "λ_t‖ε − ε_θ‖² + C")
    kl, lam_form = _expected_kl(ddpm_core.Schedule.linear(2), 2, "beta_tilde")
    assert abs(formula - lam_form) <= 1e-8 * abs(lam_form) and abs(engine - kl) <= 1e-8 * kl
    for i in range(len(at.main.slider)):
        s = at.main.slider[i]
        for v in (s.min, s.max):
            at.main.slider[i].set_value(v).run()
            assert not at.exception, (s.label, v)
