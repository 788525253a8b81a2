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


def _assert_identity(at: AppTest, lang: str) -> None:
    """Exact column: -H - KL = E[log p_θ] (1e-9); sample-average column within 5 SE."""
    table = _table(at, lang, "mle.col_exact")
    exact, mc = table.columns
    formula, engine = table[exact].to_numpy(float)
    assert abs(formula - engine) <= 1e-9 * max(1.0, abs(engine))
    f_mc, e_mc = table[mc].to_numpy(float)
    assert f_mc == formula
    assert abs(e_mc - f_mc) <= 5 * _se(at, lang)


def _sample(kind: str, s: float, n: int) -> np.ndarray:
    """The page's sample, drawn here again by the engine (seed 0)."""
    return likelihood.data_1d(kind, s).sample(n, torch.Generator().manual_seed(0)).numpy()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_renders_and_identity_holds(lang):
    at = _page(lang)
    assert at.header[0].value == _text("mle.title", lang)
    assert any(_text("mle.H_explain", lang) == m.value for m in at.markdown)
    assert len(at.latex) >= 4
    assert len(chart_specs(at)) >= 2
    _assert_identity(at, lang)
    assert any(i.value == _text("mle.fit_none", lang) for i in at.info)
    # the displayed metrics are the engine's values for the default data and θ = (0, 1)
    data = likelihood.data_1d("one", 0.5)
    metrics = {m.label: float(m.value) for m in at.metric}
    assert metrics[_text("mle.metric_H", lang)] == pytest.approx(
        0.5 * math.log(2 * math.pi * math.e * 0.25), abs=1e-6)
    assert metrics[_text("mle.metric_E", lang)] == pytest.approx(
        float(likelihood.expected_log_likelihood(data, 0.0, 1.0)), abs=1e-6)


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


@pytest.mark.parametrize("T,kind", [(1, None), (2, None), (None, "cosine")])
def test_any_sidebar_schedule(T, kind):
    at = _page(T=T, kind=kind)
    _assert_identity(at, "en")
    at.button(key="mle_fit_button").click().run()
    assert not at.exception
    _table(at, "en", "mle.col_mu")
