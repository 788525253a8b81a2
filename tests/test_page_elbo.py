"""Page 3, the ELBO: renders in both languages, every slider at its extremes, the displayed
gap equals the KL (and closes at q = p(z|x)), the DDPM bound is ≥ the exact NLL, and the
degenerate schedules (T = 1, T = 2, cosine, ᾱ_T near 1) render with their explanation."""

from __future__ import annotations

import numpy as np
import pytest
from apptest_util import chart_specs, open_page, text
from streamlit.testing.v1 import AppTest

PAGE = "views/elbo.py"


def _text(key: str, lang: str) -> str:
    return text(key, lang)


def _page(lang: str = "en", T: int | None = None, kind: str | None = None) -> AppTest:
    return open_page(PAGE, lang, T, kind)


def _prefix(key: str, lang: str) -> str:
    """The text of a formatted message up to its first placeholder."""
    return _text(key, lang).split("{")[0]


def _checks(at: AppTest, lang: str):
    """(toy check, DDPM bound check): the two formula/engine tables, told apart by columns."""
    index = [_text("check.formula", lang), _text("check.engine", lang)]
    tables = [d.value for d in at.dataframe if list(d.value.index) == index]
    toy = [d for d in tables if _text("elbo.col_gap", lang) in d.columns]
    bound = [d for d in tables if _text("elbo.col_gap2", lang) in d.columns]
    assert len(toy) == 1 and len(bound) == 1, "a live check table is missing"
    return toy[0], bound[0]


def _metric(at: AppTest, key: str, lang: str) -> str:
    values = [m.value for m in at.metric if m.label == _text(key, lang)]
    assert len(values) == 1, key
    return values[0]


def _assert_toy_facts(at: AppTest, lang: str) -> None:
    toy, _ = _checks(at, lang)
    gap_col, elbo_col, se_col = (_text(k, lang) for k in ("elbo.col_gap", "elbo.col_elbo",
                                                          "elbo.col_se"))
    gap_formula, kl = toy[gap_col].to_numpy(float)
    assert kl >= 0
    assert gap_formula == pytest.approx(kl, rel=1e-9, abs=1e-9)  # log p(x) - ELBO = KL
    elbo, mc = toy[elbo_col].to_numpy(float)
    se = float(toy[se_col].iloc[1])
    assert abs(mc - elbo) <= 4 * se + 1e-9  # Monte Carlo agrees with the closed form
    # the metrics show the same identity (4 decimals each)
    log_px = float(_metric(at, "elbo.metric_log_px", lang))
    shown_elbo = float(_metric(at, "elbo.metric_elbo", lang))
    shown_kl = float(_metric(at, "elbo.metric_kl", lang))
    assert shown_kl == pytest.approx(kl, abs=6e-5)
    assert log_px - shown_elbo == pytest.approx(shown_kl, abs=2e-4)


def _assert_bound_facts(at: AppTest, lang: str, strictly_above: bool = False) -> None:
    _, bound = _checks(at, lang)
    L_col, gap_col, se_col = (_text(k, lang) for k in ("elbo.col_L", "elbo.col_gap2",
                                                       "elbo.col_se"))
    nll, L = bound[L_col].to_numpy(float)
    gap_floor, gap = bound[gap_col].to_numpy(float)
    se = float(bound[se_col].iloc[1])
    assert gap_floor == 0 and se > 0
    assert gap == pytest.approx(L - nll, abs=1e-9)  # the gap is paired on the same points
    assert L >= nll - 4 * se  # the bound holds (up to Monte-Carlo error)
    if strictly_above:
        assert gap > 3 * se
    assert not at.error


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_renders_and_checks_hold(lang):
    at = _page(lang)
    assert at.header[0].value == _text("elbo.title", lang)
    assert len(at.latex) >= 8
    assert any(_text("elbo.terms_meaning", lang) in m.value for m in at.markdown)
    assert len(chart_specs(at)) == 3
    _assert_toy_facts(at, lang)
    # default σ² = β̃: the bound sits clearly above the exact NLL
    _assert_bound_facts(at, lang, strictly_above=True)
    assert any(s.value.startswith(_prefix("elbo.gap_clear", lang)) for s in at.success)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_slider_extreme(lang):
    at = _page(lang)
    assert len(at.main.slider) == 6
    for i in range(len(at.main.slider)):
        s = at.main.slider[i]
        for v in (s.min, s.max):
            at.main.slider[i].set_value(v).run()
            assert not at.exception, (s.label, v, at.exception)
            _assert_toy_facts(at, lang)
        at.main.slider[i].set_value(s.value).run()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_gap_closes_at_the_posterior(lang):
    at = _page(lang)
    at.main.slider(key="elbo_x").set_value(-3.0).run()
    at.toggle(key="elbo_q_post").set_value(True).run()
    assert not at.exception
    toy, _ = _checks(at, lang)
    gap_formula, kl = toy[_text("elbo.col_gap", lang)].to_numpy(float)
    assert abs(kl) < 1e-12 and abs(gap_formula) < 1e-12
    assert float(_metric(at, "elbo.metric_kl", lang)) == 0
    assert _metric(at, "elbo.metric_log_px", lang) == _metric(at, "elbo.metric_elbo", lang)
    assert any(s.value == _text("elbo.tight", lang) for s in at.success)
    # moving x keeps q on the posterior: still tight
    at.main.slider(key="elbo_x").set_value(4.0).run()
    toy, _ = _checks(at, lang)
    assert abs(toy[_text("elbo.col_gap", lang)].iloc[1]) < 1e-12


def test_gap_reacts_to_q():
    at = _page()
    before = _checks(at, "en")[0].iloc[1, 0]
    at.main.slider(key="elbo_m").set_value(3.0).run()
    after = _checks(at, "en")[0].iloc[1, 0]
    assert after > before  # q moved away from the posterior: a larger KL
    _assert_toy_facts(at, "en")


def test_sigma_beta_and_other_mixture():
    """σ² = β: the bound is nearly tight (gap within MC error, never below it); the other
    mixture also holds the bound."""
    at = _page()
    at.radio(key="elbo_sigma2").set_value("beta").run()
    assert not at.exception
    _assert_bound_facts(at, "en")
    gap_beta = _checks(at, "en")[1][_text("elbo.col_gap2", "en")].iloc[1]
    assert abs(gap_beta) < 0.5
    at.selectbox(key="elbo_mix").set_value("two_gaussians").run()
    assert not at.exception
    _assert_bound_facts(at, "en")


def test_T1_only_decoder_and_prior():
    at = _page(T=1)
    assert at.session_state["schedule_obj"].T == 1
    assert any(i.value.startswith(_prefix("elbo.T1", "en")) for i in at.info)
    # ᾱ_1 = 0.9999: the prior term is large and the sidebar-style warning names it
    assert any(w.value.startswith(_prefix("elbo.prior_mismatch", "en")) for w in at.warning)
    assert float(_metric(at, "elbo.m_LT", "en")) > 5
    _assert_bound_facts(at, "en", strictly_above=True)
    _assert_toy_facts(at, "en")


def test_T2_and_short_unscaled_schedule():
    at = _page(T=2)
    assert any(i.value == _text("elbo.T2", "en") for i in at.info)
    _assert_bound_facts(at, "en")
    at = _page(T=10)  # unscaled linear: ᾱ_T ≈ 0.9, x_T is not noise
    assert any(w.value.startswith(_prefix("elbo.prior_mismatch", "en")) for w in at.warning)
    _assert_bound_facts(at, "en", strictly_above=True)


def test_cosine_schedule():
    at = _page(kind="cosine")
    assert at.session_state["schedule_obj"].kind == "cosine"
    assert float(_metric(at, "elbo.m_LT", "en")) < 1e-6  # ᾱ_T ≈ 2e-9: x_T is pure noise
    _assert_bound_facts(at, "en", strictly_above=True)
    assert not at.warning
    np.testing.assert_array_less(0, [float(_metric(at, "elbo.m_Lmid", "en"))])


def test_cosine_T1():
    """Cosine with T = 1: β₁ is capped at 0.999, so x₁ is nearly noise and L_T is small."""
    at = _page(T=1, kind="cosine")
    assert at.session_state["schedule_obj"].T == 1
    assert any(i.value.startswith(_prefix("elbo.T1", "en")) for i in at.info)
    assert float(_metric(at, "elbo.m_LT", "en")) < 0.01
    _assert_bound_facts(at, "en")
