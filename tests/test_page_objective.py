"""Page 'The ε-objective': renders in both languages, every slider extreme, degenerate T, and
its displayed numbers (KL = λ_t‖ε−ε_θ‖² + C, SymPy checks) are right."""

import re
from pathlib import Path

import pytest
import torch
from streamlit.testing.v1 import AppTest

import ddpm_core

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE = "views/objective.py"
NUM = r"`([-+0-9.eE]+|inf|nan)`"


def _page(lang: str | None = None, T: int | None = None, kind: str | None = None) -> AppTest:
    """The page; the sidebar is set on the overview first (after switch_page, AppTest's
    element tree no longer lists the sidebar, although the app still draws it)."""
    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.query_params["lang_label"] = lang
    at.run()
    if kind is not None:
        at.sidebar.selectbox[0].set_value(kind).run()
    if T is not None:
        at.sidebar.slider[0].set_value(T).run()
    assert not at.exception
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def _check_pair(at: AppTest, marker: str) -> tuple[float, float]:
    """(formula, engine) from the 'formula says … / engine computed …' block holding `marker`."""
    hits = [m.value for m in at.markdown if marker in m.value]
    assert len(hits) == 1, [m.value for m in at.markdown]
    nums = [float(x) for x in re.findall(NUM, hits[0])]
    assert len(nums) == 2, hits[0]
    return nums[0], nums[1]


def _expected_kl(sched, step: int, sigma: str) -> float:
    g = torch.Generator().manual_seed(0)
    _x0, eps, eps_theta = (torch.randn(1, 2, generator=g, dtype=torch.float64) for _ in range(3))
    lam = float(ddpm_core.lambda_t(sched, sigma)[step])
    c = float(ddpm_core.kl_constant(sched, sigma, 2)[step])
    return lam * float(((eps - eps_theta) ** 2).sum()) + c


def _sympy_errors(at: AppTest) -> list[float]:
    errs = []
    for el in at.success:
        if "SymPy" in el.value:
            errs += [float(x) for x in re.findall(NUM, el.value)]
    return errs


@pytest.mark.parametrize("lang", [None, "中文"])
def test_renders_and_numbers_right(lang):
    at = _page(lang)
    if lang:
        assert "ε 目标函数" in at.header[0].value
    assert len(at.latex) >= 10  # the SymPy steps
    assert len(at.get("plotly_chart")) >= 3
    errs = _sympy_errors(at)
    assert len(errs) == 2 and max(errs) <= 1e-7, errs
    assert not at.error
    formula, engine = _check_pair(at, "λ_t‖ε − ε_θ‖² + C")
    assert abs(engine - formula) <= 1e-8 * abs(formula)
    step = int(at.main.slider[0].value)
    sched = ddpm_core.Schedule.linear(1000)
    assert abs(formula - _expected_kl(sched, step, "beta_tilde")) <= 1e-10 * abs(formula)
    f2, e2 = _check_pair(at, "predict_x0_from_eps(x_t, ε_θ)")
    assert abs(e2 - f2) <= 1e-8 * abs(f2)


@pytest.mark.parametrize("lang", [None, "中文"])
def test_every_main_slider_extreme(lang):
    at = _page(lang)
    sliders = at.main.slider
    assert len(sliders) >= 2
    for i in range(len(sliders)):
        s = at.main.slider[i]
        for v in (s.min, s.max):
            at.main.slider[i].set_value(v).run()
            assert not at.exception, (s.label, v)
            formula, engine = _check_pair(at, "λ_t‖ε − ε_θ‖² + C")
            assert abs(engine - formula) <= 1e-8 * abs(formula), (s.label, v)


def test_sigma_beta_has_positive_constant():
    at = _page()
    at.main.radio[0].set_value("beta").run()
    assert not at.exception
    formula, engine = _check_pair(at, "λ_t‖ε − ε_θ‖² + C")
    assert abs(engine - formula) <= 1e-8 * abs(formula)
    step = int(at.main.slider[0].value)
    assert float(ddpm_core.kl_constant(ddpm_core.Schedule.linear(1000), "beta", 2)[step]) > 0
    assert abs(formula - _expected_kl(ddpm_core.Schedule.linear(1000), step, "beta")) <= (
        1e-10 * abs(formula))


@pytest.mark.parametrize("lang", [None, "中文"])
def test_degenerate_T_and_cosine(lang):
    at = _page(lang, T=1)  # T = 1: no KL term, explained
    assert at.info and "L_0" in at.info[0].value
    assert not [m for m in at.markdown if "λ_t‖ε − ε_θ‖² + C" in m.value]
    assert _sympy_errors(at) and max(_sympy_errors(at)) <= 1e-7
    at = _page(lang, T=2)  # T = 2: one KL term, no t slider for it
    formula, engine = _check_pair(at, "λ_t‖ε − ε_θ‖² + C")
    assert abs(engine - formula) <= 1e-8 * abs(formula)
    assert abs(formula - _expected_kl(ddpm_core.Schedule.linear(2), 2, "beta_tilde")) <= (
        1e-10 * abs(formula))
    for i in range(len(at.main.slider)):
        s = at.main.slider[i]
        for v in (s.min, s.max):
            at.main.slider[i].set_value(v).run()
            assert not at.exception, (s.label, v)
    at = _page(lang, kind="cosine")
    errs = _sympy_errors(at)
    assert len(errs) == 2 and max(errs) <= 1e-7, errs
    for i in range(len(at.main.slider)):
        s = at.main.slider[i]
        for v in (s.min, s.max):
            at.main.slider[i].set_value(v).run()
            assert not at.exception, (s.label, v)
            formula, engine = _check_pair(at, "λ_t‖ε − ε_θ‖² + C")
            assert abs(engine - formula) <= 1e-8 * abs(formula), (s.label, v)
