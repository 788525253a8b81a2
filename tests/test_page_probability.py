"""Page 0, 'The probability you need': renders in both languages; every slider at its extremes
keeps every live check true (recomputed here from the table's numbers, not read from its
'holds' column); page-specific facts: P(X) = 1/11 for the seed's example and 1/(n+1) under
the uniform prior, the chain rule, brute force = factorised, the score-function variance above
the reparameterization one, Var(w) = ∞ for s² ≤ ½, ELBO = L_1 ≤ L_K ≤ log p(x); bad input
shows a translated message, not a traceback; the settings come from the URL."""

from __future__ import annotations

from fractions import Fraction

import pytest
from apptest_util import APP, chart_specs, open_page, text
from streamlit.testing.v1 import AppTest

PAGE = "views/probability.py"
N_CHECKS = 6  # one live-check table per section at the default settings


def _page(lang: str = "en") -> AppTest:
    return open_page(PAGE, lang, timeout=120)


def _prefix(key: str, lang: str) -> str:
    return text(key, lang).split("{")[0]


def _metric(at: AppTest, label: str) -> str:
    values = [m.value for m in at.metric if m.label == label]
    assert len(values) == 1, (label, [m.label for m in at.metric])
    return values[0]


def _check_tables(at: AppTest, lang: str) -> list:
    cols = [text(k, lang) for k in ("check.formula", "check.engine", "prob.col_se",
                                    "prob.col_diff", "prob.col_tol", "prob.col_ok")]
    return [d.value for d in at.dataframe if list(d.value.columns) == cols]


def _assert_checks_hold(at: AppTest, lang: str) -> int:
    """Every live-check row: |formula - engine| <= tolerance, recomputed from its numbers; the
    page says so (no st.error). Returns the number of tables."""
    assert not at.exception, at.exception
    tables = _check_tables(at, lang)
    for df in tables:
        f, e, se, tol = (df.iloc[:, i].to_numpy(float) for i in (0, 1, 2, 4))
        assert (abs(f - e) <= tol).all(), df
        # a Monte-Carlo row equal to its formula to the last digit is the formula shown twice
        assert (f[se > 0] != e[se > 0]).all(), df
        assert df.iloc[:, 5].all()
    assert not at.error, [x.value for x in at.error]
    assert len(at.success) == len(tables)
    return len(tables)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_renders_with_its_facts(lang):
    at = _page(lang)
    assert at.header[0].value == text("prob.title", lang)
    assert any(text("prob.question", lang) in m.value for m in at.markdown)
    assert len(at.latex) >= 10
    assert len(chart_specs(at)) == 7
    assert _assert_checks_hold(at, lang) == N_CHECKS
    assert not at.warning
    # the seed's example at the default settings: exactly 1/11, posterior Beta(8, 4)
    assert _metric(at, text("prob.m_evidence_exact", lang)) == "1/11"
    assert _metric(at, text("prob.m_post", lang)) == "Beta(8, 4)"
    assert any(text("prob.s1_seed", lang) in m.value for m in at.markdown)
    # the two-coin sum: 2^10 terms against 20
    assert _metric(at, text("prob.m_terms_brute", lang)) == "2^10 = 1,024"
    # f = z², μ = 1, σ = 0.5: the sheet's variances 1 and 21.75
    assert _metric(at, text("prob.m_var_rep", lang)) == "1"
    assert _metric(at, text("prob.m_var_score", lang)) == "21.75"
    # ELBO ≤ L_10 ≤ log p(x) (exact values, as shown)
    elbo = float(_metric(at, text("prob.m_elbo", lang)))
    lk = float(_metric(at, text("prob.m_LK", lang).format(K=10)))
    assert elbo < lk < float(_metric(at, "log p(x)"))
    assert any(m.value.startswith(_prefix("prob.s6_order", lang)) for m in at.markdown)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_slider_at_its_extremes(lang):
    at = _page(lang)
    sliders = [(s.key, s.min, s.max, s.value) for s in at.main.slider]
    assert len(sliders) == 15
    for key, lo, hi, default in sliders:
        for v in (lo, hi):
            at.main.slider(key=key).set_value(v).run()
            assert not at.exception, (key, v, at.exception)
            val = {k: at.main.slider(key=k).value for k in ("p_heads", "p_trials", "p_k", "p_n")}
            if val["p_heads"] > val["p_trials"] or val["p_k"] > val["p_n"]:
                # more heads than tosses: a message in place of that section, no traceback
                assert [w.value for w in at.warning] == [text("prob.bad.trials", lang)]
                _assert_checks_hold(at, lang)
                continue
            if key == "p_is_s2" and v == lo:  # s² = 0.1 ≤ ½: infinite variance, no check
                assert any(w.value.startswith(_prefix("prob.s5_infinite", lang))
                           for w in at.warning)
                assert _metric(at, text("prob.m_w2_formula", lang)) == "∞"
                assert any(i.value == text("prob.s5_no_check", lang) for i in at.info)
                _assert_checks_hold(at, lang)
                continue
            assert not at.warning, (key, v, [w.value for w in at.warning])
            _assert_checks_hold(at, lang)
        at.main.slider(key=key).set_value(default).run()
    for K in (1, 1000):
        at.select_slider(key="p_K").set_value(K).run()
        _assert_checks_hold(at, lang)
        lk = float(_metric(at, text("prob.m_LK", lang).format(K=K)))
        elbo = float(_metric(at, text("prob.m_elbo", lang)))
        if K == 1:
            assert lk == elbo  # L_1 is the ELBO
        else:
            assert elbo < lk < float(_metric(at, "log p(x)"))


def test_uniform_prior_evidence_is_one_over_n_plus_one():
    at = _page()
    at.main.slider(key="p_trials").set_value(20).run()
    for k in (0, 3, 20):
        at.main.slider(key="p_heads").set_value(k).run()
        assert Fraction(_metric(at, text("prob.m_evidence_exact", "en"))) == Fraction(1, 21)
    at.main.slider(key="p_a").set_value(2.0).run()  # Beta(2, 1): 1/21 no longer
    assert Fraction(_metric(at, text("prob.m_evidence_exact", "en"))) != Fraction(1, 21)
    at.main.slider(key="p_a").set_value(2.5).run()  # not a whole number: no fraction shown
    assert _metric(at, text("prob.m_evidence_exact", "en")) == "—"
    _assert_checks_hold(at, "en")


def test_triangle_outside_and_brute_force_cap():
    at = _page()
    at.main.slider(key="p_y0").set_value(0.9).run()  # y₀ > x₀ = 0.3: outside the triangle
    assert _metric(at, "p(x₀, y₀)") == "0"
    assert any(m.value.startswith(_prefix("prob.s2_outside", "en")) for m in at.markdown)
    _assert_checks_hold(at, "en")
    at.main.slider(key="p_n").set_value(40).run()  # beyond the brute-force cap: extrapolated
    assert any(i.value.startswith(_prefix("prob.check3_skip", "en")) for i in at.info)
    assert _metric(at, text("prob.m_terms_brute", "en")) == "2^40 = 1,099,511,627,776"
    _assert_checks_hold(at, "en")


def test_score_function_variance_grows_as_sigma_shrinks():
    at = _page()
    at.main.slider(key="p_sigma").set_value(0.05).run()
    var_rep = float(_metric(at, text("prob.m_var_rep", "en")))
    var_score = float(_metric(at, text("prob.m_var_score", "en")))
    assert var_rep == pytest.approx(0.01)  # 4σ²
    assert var_score == pytest.approx(1 / 0.0025 + 14 + 15 * 0.0025, rel=1e-3)  # μ⁴/σ² + …
    _assert_checks_hold(at, "en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_input_is_a_message_not_a_traceback(lang):
    at = _page(lang)
    at.main.slider(key="p_heads").set_value(8).run()
    at.main.slider(key="p_trials").set_value(5).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [text("prob.bad.trials", lang)]
    assert _assert_checks_hold(at, lang) == N_CHECKS - 1  # the coin section stops there


def test_settings_come_from_the_url():
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in {"p_heads": "3", "p_trials": "4", "p_a": "2.0", "p_sigma": "0.25",
                       "p_is_s2": "0.4", "p_K": "100"}.items():
        at.query_params[key] = value
    at.switch_page(PAGE).run()
    assert not at.exception
    assert _metric(at, text("prob.m_post", "en")) == "Beta(5, 2)"
    assert float(_metric(at, text("prob.m_var_rep", "en"))) == pytest.approx(0.25)
    assert _metric(at, text("prob.m_w2_formula", "en")) == "∞"
    assert at.select_slider(key="p_K").value == 100


def test_every_figure_is_valid_plotly():
    """As tests/test_plot.py does for the other pages: plotly's own validator on every figure
    the page sends (the app skips that check for speed), here also with s² in the ∞ region."""
    import json

    import plotly.graph_objects as go

    at = _page()
    for setting in (None, ("p_is_s2", 0.3)):
        if setting:
            at.main.slider(key=setting[0]).set_value(setting[1]).run()
        specs = [json.loads(c) for c in chart_specs(at)]
        assert len(specs) == 7
        for spec in specs:
            go.Figure({k: spec[k] for k in ("data", "layout", "frames") if k in spec})
            assert spec["data"] and "template" in spec["layout"]


def test_shared_link_gets_no_false_bad_url_notice():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["p_heads"] = "3"
    at.switch_page(PAGE).run()
    assert _metric(at, text("prob.m_post", "en")) == "Beta(4, 8)"  # the link's k = 3 applies
    assert not at.sidebar.warning  # the page's own key is not flagged by the sidebar
