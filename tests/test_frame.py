"""The app frame: i18n catalog completeness, sidebar schedule controls, URL state."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.i18n import LANGS, catalog, missing

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def _run(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def test_catalog_complete_in_both_languages():
    assert set(LANGS) == {"en", "zh"}
    assert missing() == []


def test_every_key_used_in_code_exists():
    used = set()
    for path in [ROOT / "app.py", *ROOT.glob("ui/*.py"), *ROOT.glob("views/*.py")]:
        used |= set(re.findall(r"""\bt\(\s*f?["']([a-z_0-9.]+)["']""", path.read_text()))
    keys = catalog().keys()
    assert used, "no t(...) calls found: the scan is broken"
    assert sorted(k for k in used if k not in keys and not k.endswith(".")) == []


def test_defaults_render_with_engine_value():
    at = _run()
    assert not at.exception
    # the sidebar's ᾱ_T in plain text: a × 10^k, never e-notation
    assert any(c.value == "ᾱ_T = 4.036 × 10⁻⁵" for c in at.sidebar.caption), \
        [c.value for c in at.sidebar.caption]
    assert any(r"4.035830 \times 10^{-5}" in el.value for el in at.latex)
    assert at.sidebar.selectbox[0].value == "linear"


@pytest.mark.parametrize("kind", ["linear", "cosine", "quadratic", "sigmoid"])
def test_every_slider_extreme_renders(kind):
    at = _run()
    at.sidebar.selectbox[0].set_value(kind).run()
    assert not at.exception
    for i in range(len(at.sidebar.slider)):
        s = at.sidebar.slider[i]
        if s.disabled:  # cosine has no β endpoints to choose
            continue
        for v in (s.min, s.max):
            at.sidebar.slider[i].set_value(v).run()
            assert not at.exception, (kind, s.label, v)
    assert not at.exception


def test_degenerate_settings_explained_not_raised():
    at = _run()
    at.sidebar.slider[0].set_value(1).run()  # T = 1
    at.sidebar.slider[2].set_value(0.999).run()  # β_T near 1
    assert not at.exception
    assert any("x_T" in w.value for w in at.sidebar.warning)  # ᾱ_T large: x_T is not noise
    at = _run()
    at.sidebar.slider[0].set_value(10).run()
    at.sidebar.toggle[0].set_value(True).run()  # β_T·1000/10 = 2 ≥ 1
    assert not at.exception
    assert any("1000/T" in w.value for w in at.sidebar.warning)
    at.sidebar.slider[1].set_value(0.1).run()  # β₁ > β_T is allowed and renders
    assert not at.exception


def test_url_sets_values_and_nonsense_falls_back_with_notice():
    at = _run(T="50", schedule="cosine")
    assert not at.exception
    assert at.sidebar.slider[0].value == 50 and at.sidebar.selectbox[0].value == "cosine"
    at = _run(T="banana", beta_1="-3", foo="bar")
    assert not at.exception
    assert at.sidebar.slider[0].value == 1000
    notices = " ".join(w.value for w in at.sidebar.warning)
    assert "T" in notices and "beta_1" in notices and "foo" in notices
    at = _run(lang_label="Klingon")
    assert not at.exception and at.title[0].value == "DDPM, derived"


def test_chinese_interface():
    at = _run(lang_label="中文")
    assert not at.exception
    assert at.title[0].value == "DDPM 推导"
    assert at.sidebar.slider[0].label == "T（扩散步数）"


def test_the_page_list_follows_a_switch_of_language():
    """app.py keeps a session's st.Page objects between its reruns (NAV_KEY): a switch of
    language must build them again with the other language's titles."""
    from ui.nav import PAGES

    want = {lang: [catalog()[f"nav.{p.key}"][lang] for p in PAGES] for lang in LANGS}
    assert want["en"] != want["zh"]

    def titles(at):
        return [p.title for group in at.session_state["_nav_pages"][1].values() for p in group]

    at = _run()
    assert titles(at) == want["en"]
    at.session_state["lang_label"] = LANGS["zh"]
    at.run()
    assert not at.exception and at.title[0].value == "DDPM 推导"
    assert titles(at) == want["zh"]


@pytest.mark.parametrize("kind", ["linear", "quadratic", "sigmoid"])
def test_beta_sliders_drive_every_schedule_that_has_them(kind):
    """β₁ and β_T from the sidebar reach the schedule the pages get, by the kind's own formula
    (FORMULAS.md §g, written out here): linear and quadratic end exactly at β₁ and β_T; the
    sigmoid at sigmoid(∓6)·(β_T − β₁) + β₁."""
    import math

    at = _run(schedule=kind, T="100")
    at.sidebar.slider[1].set_value(0.002).run()
    at.sidebar.slider[2].set_value(0.05).run()
    assert not at.exception
    sched = at.session_state["schedule_obj"]
    b1, bT = float(sched.betas[1]), float(sched.betas[100])
    if kind == "sigmoid":
        sig = 1 / (1 + math.exp(6))
        want = (sig * (0.05 - 0.002) + 0.002, (1 - sig) * (0.05 - 0.002) + 0.002)
    else:
        want = (0.002, 0.05)
    assert b1 == pytest.approx(want[0], rel=1e-9) and bT == pytest.approx(want[1], rel=1e-9)
    if kind == "quadratic":  # the middle step: the square of the mean of the square roots
        mid = float(sched.betas[50])
        ramp = 49 / 99
        assert mid == pytest.approx((math.sqrt(0.002) + ramp * (math.sqrt(0.05)
                                                                - math.sqrt(0.002))) ** 2)


def test_missing_reports_a_key_without_one_language():
    cat = catalog()
    cat["zz.planted"] = {"en": "only English"}
    try:
        assert ("zz.planted", "zh") in missing()
    finally:
        del cat["zz.planted"]
    assert missing() == []


def test_every_widget_bound_to_the_url_is_declared_in_ui_nav():
    """A page widget with bind="query-params" must be listed in its PageInfo.url_keys, or a
    shared link would show the sidebar's 'ignored URL parameters' notice for it."""
    import ast

    from ui.nav import PAGES

    for page in PAGES:
        tree = ast.parse((ROOT / page.path).read_text())
        bound = set()
        url_names = {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign)
                     for t in n.targets if isinstance(t, ast.Name)
                     and isinstance(n.value, ast.Dict)
                     and any(isinstance(v, ast.Constant) and v.value == "query-params"
                             for v in n.value.values)}
        url_names |= {a.asname or a.name for n in ast.walk(tree)
                      if isinstance(n, ast.ImportFrom) and n.module == "ui.urlstate"
                      for a in n.names if a.name == "URL"}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            kws = {k.arg: k.value for k in node.keywords}
            direct = isinstance(kws.get("bind"), ast.Constant) and kws["bind"].value == \
                "query-params"
            spread = any(k.arg is None and isinstance(k.value, ast.Name)
                         and k.value.id in url_names for k in node.keywords)
            by_id = (isinstance(node.func, ast.Name)
                     and node.func.id in ("url_choice", "url_slider"))
            if (direct or spread or by_id) and isinstance(kws.get("key"), ast.Constant):
                bound.add(kws["key"].value)
        assert bound == set(page.url_keys), (page.path, sorted(bound ^ set(page.url_keys)))


def test_a_page_setting_in_the_url_is_not_flagged_but_nonsense_is():
    at = _run(p_heads="3", bogus="1")
    notices = " ".join(w.value for w in at.sidebar.warning)
    assert "bogus" in notices and "p_heads" not in notices


def test_every_page_question_line_is_where_ui_nav_says():
    """ui.nav's question_key of each page is in the catalog and is what the page shows."""
    from ui.nav import PAGES

    for page in PAGES:
        assert page.question_key in catalog(), page.path
        assert f'question("{page.question_key}")' in (ROOT / page.path).read_text(), page.path
