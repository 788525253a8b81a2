"""Page 5, the posterior q(x_{t-1} | x_t, x_0): renders in both languages, every slider
extreme, the SymPy-vs-engine error and the live q_posterior check, degenerate schedules."""

from __future__ import annotations

import numpy as np
import pytest
from apptest_util import chart_specs, open_page, text
from streamlit.testing.v1 import AppTest

PAGE = "views/posterior.py"


def _text(key: str, lang: str) -> str:
    return text(key, lang)


def _page(lang: str = "en", T: int | None = None, kind: str | None = None) -> AppTest:
    return open_page(PAGE, lang, T, kind)


def _max_rel_err(at: AppTest, lang: str) -> float:
    label = _text("posterior.max_rel_err", lang)
    values = [m.value for m in at.metric if m.label == label]
    assert len(values) == 1, "the largest relative error is not displayed"
    return float(values[0])


def _live_check(at: AppTest, lang: str):
    formula, engine = _text("check.formula", lang), _text("check.engine", lang)
    tables = [d.value for d in at.dataframe if list(d.value.index) == [formula, engine]]
    assert len(tables) == 1, "the formula/engine check table is not displayed"
    return tables[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_renders_and_checks_hold(lang):
    at = _page(lang)
    assert at.header[0].value == _text("posterior.title", lang)
    # every step of the SymPy derivation is shown with its translated reason
    assert len(at.latex) >= 8 + 3
    assert any(_text("posterior.step.complete_square", lang) in m.value for m in at.markdown)
    err = _max_rel_err(at, lang)
    assert 0 <= err <= 1e-7
    check = _live_check(at, lang)
    np.testing.assert_allclose(check.iloc[0].to_numpy(float), check.iloc[1].to_numpy(float),
                               rtol=1e-9)
    assert len(chart_specs(at)) >= 2


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_main_slider_extreme(lang):
    at = _page(lang)
    assert len(at.main.slider) == 3
    for i in range(len(at.main.slider)):
        s = at.main.slider[i]
        for v in (s.min, s.max):
            at.main.slider[i].set_value(v).run()
            assert not at.exception, (s.label, v, at.exception)
            check = _live_check(at, lang)
            np.testing.assert_allclose(check.iloc[0].to_numpy(float),
                                       check.iloc[1].to_numpy(float), rtol=1e-9)


def test_check_reacts_to_sliders():
    """The check table follows the sliders (t = 2 with x_0 = x_t = 1: posterior mean near 1)."""
    at = _page()
    before = _live_check(at, "en").iloc[1].to_numpy(float)
    at.main.slider[0].set_value(2).run()
    after = _live_check(at, "en").iloc[1].to_numpy(float)
    assert not np.allclose(before, after)


@pytest.mark.parametrize("T", [1, 2])
def test_tiny_T_explained(T):
    at = _page(T=T)
    assert at.session_state["schedule_obj"].T == T
    if T == 1:
        no_t2 = _text("posterior.no_t2", "en").format(T=1)
        assert any(i.value == no_t2 for i in at.info)
        assert len(at.main.slider) == 0
    else:
        assert _max_rel_err(at, "en") <= 1e-7
        _live_check(at, "en")
        for i in range(len(at.main.slider)):
            s = at.main.slider[i]
            for v in (s.min, s.max):
                at.main.slider[i].set_value(v).run()
                assert not at.exception


def test_cosine_schedule():
    at = _page(kind="cosine")
    assert at.session_state["schedule_obj"].kind == "cosine"
    assert _max_rel_err(at, "en") <= 1e-7
    check = _live_check(at, "en")
    np.testing.assert_allclose(check.iloc[0].to_numpy(float), check.iloc[1].to_numpy(float),
                               rtol=1e-9)
