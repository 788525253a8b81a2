"""Page 2, maximum likelihood = minimum KL: renders in both languages, every slider extreme,
the identity E[log p_θ] = -H - KL read from the displayed table, the Fit button landing on
the sample mean/std, mode covering, and any sidebar schedule."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
import torch
from apptest_util import chart_specs, open_page, text
from streamlit.testing.v1 import AppTest

from ddpm_core import likelihood

PAGE = "views/mle.py"


def _text(key: str, lang: str) -> str:
    return text(key, lang)


def _page(lang: str = "en", T: int | None = None, kind: str | None = None) -> AppTest:
    return open_page(PAGE, lang, T, kind)


def _table(at: AppTest, lang: str, first_col: str):
    formula, engine = _text("check.formula", lang), _text("check.engine", lang)
    col = _text(first_col, lang)
    tables = [d.value for d in at.dataframe
              if list(d.value.index) == [formula, engine] and d.value.columns[0] == col]
    assert len(tables) == 1, f"the {first_col} check table is not displayed once"
    return tables[0]


def _se(at: AppTest, lang: str) -> float:
    label = _text("mle.metric_avg", lang)
    deltas = [m.proto.delta for m in at.metric if m.label == label]
    assert len(deltas) == 1
    return float(re.search(r"± ([0-9.eE+-]+)", deltas[0]).group(1))


def _sample(kind: str, s: float, n: int) -> np.ndarray:
    """The page's sample, drawn here again by the engine (seed 0)."""
    return likelihood.data_1d(kind, s).sample(n, torch.Generator().manual_seed(0)).numpy()


def _components(kind: str, s: float) -> list[tuple[float, float, float]]:
    """(weight, mean, std) of the page's p_data, written out here."""
    return [(1.0, 1.5, s)] if kind == "one" else [(0.5, -2.0, s), (0.5, 2.0, s)]


def _log_normal(x, m, sd):
    return -0.5 * np.log(2 * np.pi * sd * sd) - (x - m) ** 2 / (2 * sd * sd)


def _reference(kind: str, s: float, n: int, mu: float, sigma: float) -> dict:
    """Both sides of the identity and the sample average, computed here without the engine's
    formulas: E[log p_θ] in closed form, H and KL by a fine trapezoid rule (closed forms for
    one Gaussian), the sample average by NumPy."""
    comps = _components(kind, s)
    ell = sum(w * (-0.5 * math.log(2 * math.pi * sigma**2) - ((m - mu) ** 2 + sd * sd)
                   / (2 * sigma**2)) for w, m, sd in comps)
    if kind == "one":
        H = 0.5 * math.log(2 * math.pi * math.e * s * s)
        kl = math.log(sigma / s) + (s * s + (1.5 - mu) ** 2) / (2 * sigma**2) - 0.5
    else:
        z = np.linspace(-2 - 16 * s, 2 + 16 * s, 400_001)
        p = sum(w * np.exp(_log_normal(z, m, sd)) for w, m, sd in comps)
        logp = np.log(np.maximum(p, 1e-300))
        H = float(-np.trapezoid(p * logp, z))
        kl = float(np.trapezoid(p * (logp - _log_normal(z, mu, sigma)), z))
    ll = _log_normal(_sample(kind, s, n), mu, sigma)
    return {"ell": ell, "H": H, "kl": kl, "avg": float(ll.mean()),
            "se": float(ll.std(ddof=1) / math.sqrt(n))}


def _state(at: AppTest) -> tuple[str, float, int, float, float]:
    return (at.selectbox(key="mle_kind").value, float(at.slider(key="mle_s").value),
            int(at.slider(key="mle_n").value), float(at.slider(key="mle_mu").value),
            float(at.slider(key="mle_sigma").value))


def _assert_identity(at: AppTest, lang: str) -> None:
    """The table against values computed here: formula row -H - KL, engine rows the
    closed-form expectation and the sample average; the caption's verdict is 'agree'."""
    kind, s, n, mu, sigma = _state(at)
    ref = _reference(kind, s, n, mu, sigma)
    table = _table(at, lang, "mle.col_exact")
    exact, mc = table.columns
    formula, engine = table[exact].to_numpy(float)
    tol = 1e-7 if kind == "two" else 1e-9  # the trapezoid rule here, for two Gaussians
    assert formula == pytest.approx(-ref["H"] - ref["kl"], abs=tol * max(1.0, abs(formula)))
    assert engine == pytest.approx(ref["ell"], rel=1e-12, abs=1e-12)
    f_mc, e_mc = table[mc].to_numpy(float)
    assert f_mc == formula
    assert e_mc == pytest.approx(ref["avg"], rel=1e-12, abs=1e-12)
    assert _se(at, lang) == pytest.approx(ref["se"], rel=0.05)
    verdict = [m.value for m in at.markdown
               if m.value.startswith(_text("mle.check_caption", lang).split("{")[0])]
    assert len(verdict) == 1
    agree = abs(ref["avg"] - formula) <= 4 * ref["se"] + 1e-9
    assert f"**{_text('mle.agree' if agree else 'mle.disagree', lang)}**" in verdict[0]


def _assert_question_and_next(at: AppTest, lang: str) -> None:
    line = f"**{_text('nav.question', lang)}** {_text('mle.question', lang)}"
    assert at.main.markdown[0].value == line
    last = at.main.page_link[-1].proto
    assert last.page == "elbo"
    assert last.label == _text("nav.next", lang).format(title=_text("nav.elbo", lang))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_renders_and_identity_holds(lang):
    at = _page(lang)
    assert at.header[0].value == _text("mle.title", lang)
    _assert_question_and_next(at, lang)
    assert any(_text("mle.H_explain", lang) == m.value for m in at.markdown)
    assert len(at.latex) >= 4
    assert len(chart_specs(at)) >= 2
    _assert_identity(at, lang)
    assert any(i.value == _text("mle.fit_none", lang) for i in at.info)
    # the displayed metrics are the engine's values for the default data and θ = (0, 1)
    data = likelihood.data_1d("one", 0.5)
    metrics = {m.label: float(m.value) for m in at.metric}
    ref = _reference("one", 0.5, 1000, 0.0, 1.0)
    assert metrics[_text("mle.metric_H", lang)] == pytest.approx(ref["H"], abs=6e-5)
    assert metrics[_text("mle.metric_E", lang)] == pytest.approx(ref["ell"], abs=6e-5)
    assert metrics[_text("mle.metric_KL", lang)] == pytest.approx(ref["kl"], abs=6e-5)
    assert float(likelihood.expected_log_likelihood(data, 0.0, 1.0)) == pytest.approx(ref["ell"])
    # the exact statement of negative differential entropy: σ < 1/√(2πe) = 0.2420
    assert f"{1 / math.sqrt(2 * math.pi * math.e):.4f}" in _text("mle.neg_entropy", lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_slider_extreme_and_both_data_sets(lang):
    at = _page(lang)
    assert len(at.main.slider) == 4
    for kind in likelihood.DATA_KINDS:
        at.selectbox(key="mle_kind").set_value(kind).run()
        assert not at.exception
        for i in range(len(at.main.slider)):
            s = at.main.slider[i]
            for v in (s.min, s.max):
                at.main.slider[i].set_value(v).run()
                assert not at.exception, (kind, s.label, v, at.exception)
                _assert_identity(at, lang)
    # small data spread: negative differential entropy is pointed out
    at.slider(key="mle_s").set_value(0.1).run()
    assert any("H(p_{data})" in i.value and "-" in i.value for i in at.info)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", likelihood.DATA_KINDS)
def test_fit_button_lands_on_sample_mean_and_std(lang, kind):
    at = _page(lang)
    at.selectbox(key="mle_kind").set_value(kind).run()
    at.slider(key="mle_n").set_value(400).run()
    at.slider(key="mle_mu").set_value(-4.0).run()
    at.slider(key="mle_sigma").set_value(0.1).run()
    at.button(key="mle_fit_button").click().run()
    assert not at.exception, at.exception
    x = _sample(kind, 0.5, 400)
    mean, std = float(np.mean(x)), float(np.std(x))  # the MLE: 1/N, not 1/(N-1)
    table = _table(at, lang, "mle.col_mu")
    (f_mu, e_mu), (f_sigma, e_sigma) = (table[c].to_numpy(float) for c in table.columns)
    assert f_mu == pytest.approx(mean, abs=1e-12) and f_sigma == pytest.approx(std, abs=1e-12)
    assert abs(e_mu - mean) < 1e-3 and abs(e_sigma - std) < 1e-3
    # the fit's result stands next to its button (before the density chart): the fitted θ
    # and the sample's MLE, as in the table of section 4
    near = at.main.success[0].value
    assert near.startswith(_text("mle.fit_near", lang).split("{")[0])
    assert f"{e_mu:.4f}" in near and f"{e_sigma:.4f}" in near and f"{mean:.4f}" in near
    # the sliders now show the fitted θ, and the page's numbers follow them
    assert at.slider(key="mle_mu").value == pytest.approx(e_mu, abs=1e-12)
    assert at.slider(key="mle_sigma").value == pytest.approx(e_sigma, abs=1e-12)
    _assert_identity(at, lang)
    assert len(chart_specs(at)) >= 3  # density, sweeps, fit history
    kl = {m.label: float(m.value) for m in at.metric}[_text("mle.metric_KL", lang)]
    if kind == "one":
        assert kl < 0.01  # the family contains p_data: only sampling error is left
    else:
        assert kl > 0.5  # one Gaussian cannot fit two modes
        assert abs(e_mu) < 0.3  # ... and sits between them (mode covering)
        text = _text("mle.cover_two", lang).split("{")[0]
        assert any(m.value.startswith(text) for m in at.markdown)
    # a rerun keeps the fit; changing the data marks it stale
    at.slider(key="mle_n").set_value(500).run()
    assert any(i.value == _text("mle.fit_stale", lang) for i in at.info)


def test_fit_caption_says_what_converges_to_what():
    """At the defaults (N(1.5, 0.5²), N = 1000, fit from μ = 0, σ = 1) the sample average never
    falls while the exact KL rises in most of the 200 steps; the caption's counts and KLs are
    recomputed here from the fitted path with the closed-form KL between Gaussians."""
    at = _page()
    at.button(key="mle_fit_button").click().run()
    assert not at.exception
    fit = at.session_state["mle_fit_result"]
    mu, sigma, avg = (np.asarray(fit[k]) for k in ("mu", "sigma", "avg_ll"))
    kl = np.log(sigma / 0.5) + (0.25 + (1.5 - mu) ** 2) / (2 * sigma**2) - 0.5
    rose = int((np.diff(kl) > 1e-12).sum())
    assert 100 < rose < 200 and (np.diff(avg) >= -1e-12).all()
    caption = [m.value for m in at.markdown
               if m.value.startswith(_text("mle.fit_caption", "en").split("{")[0])]
    assert len(caption) == 1
    assert _text("mle.fit_avg_up", "en").format(steps=200) in caption[0]
    assert f"KL rose in {rose} of the 200 steps" in caption[0]
    kl_fit = float(re.search(r"its KL is \$([^$]+)\$", caption[0]).group(1)
                   .replace(" \\times 10^{", "e").replace("}", ""))
    assert kl_fit == pytest.approx(kl[-1], rel=1e-3)
    assert "reaches is $0$, at θ* = (mean, std of p_data) = (1.500, 0.500)" in caption[0]


@pytest.mark.parametrize("T,kind", [(1, None), (2, None), (None, "cosine")])
def test_any_sidebar_schedule(T, kind):
    at = _page(T=T, kind=kind)
    _assert_identity(at, "en")
    at.button(key="mle_fit_button").click().run()
    assert not at.exception
    _table(at, "en", "mle.col_mu")
