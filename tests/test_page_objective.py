"""Page 'The ε-objective': renders in both languages, every slider extreme, degenerate T, and
its displayed numbers (KL = λ_t‖ε−ε_θ‖² + C, SymPy checks) are right."""

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch
from apptest_util import chart_specs
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
    assert len(chart_specs(at)) >= 3
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


# ------------------------------------------------------------ 5 + 6: a trained network vs ε*
PRETRAINED_8G = ROOT / "pretrained" / "8gaussians.safetensors"
ORTHO_SE = 4.0  # the tolerance the page states (|engine − formula| ≤ 4 standard errors)


def _user_model(dataset: str, T: int = 1000, steps: int = 150, nan: bool = False):
    """A small network trained for a few steps (fixed seed), as the student's own model."""
    from ui.models import ModelChoice

    torch.manual_seed(0)
    sched = ddpm_core.Schedule.linear(T)
    g = torch.Generator().manual_seed(0)
    model = ddpm_core.MLP2D(width=32, depth=2)
    ddpm_core.train(model, sched, ddpm_core.toy_2d(dataset, 2000, g), steps, batch_size=128,
                    generator=g)
    if nan:
        with torch.no_grad():
            model.out.bias.fill_(float("nan"))
    model.eval().requires_grad_(False)
    return ModelChoice("user", model, sched, dataset, {"train_steps": steps})


def _page_with(lang: str | None, user=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.query_params["lang_label"] = lang
    at.run()
    if user is not None:
        at.session_state["user_model"] = user
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def _vf_slider_index(at: AppTest) -> int | None:
    hits = [i for i, s in enumerate(at.main.slider) if s.label.startswith("t (vector field)")
            or s.label.startswith("t（向量场）")]
    assert len(hits) <= 1
    return hits[0] if hits else None


def _vf_figure(at: AppTest) -> dict:
    charts = [json.loads(c) for c in chart_specs(at) if "scaleanchor" in c]
    assert len(charts) == 1, "the vector field figure is missing"
    return charts[0]


def _check_arrows(fig: dict, n_fields: int) -> None:
    """A cloud trace, then n_fields arrow traces of 21·21 arrows (9 points each), finite."""
    traces = fig["data"]
    assert len(traces) == 1 + n_fields, [tr.get("name") for tr in traces]
    for tr in traces[1:]:
        xs = _values(tr["x"])
        assert len(xs) == 9 * 21 * 21
        assert np.isfinite(xs[~np.isnan(xs)]).all()
        assert np.nanmax(np.abs(xs)) < 6  # arrows stay around the [-3, 3]² grid


def _values(v) -> np.ndarray:
    if isinstance(v, dict):  # plotly's typed-array encoding
        import base64

        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).astype(float)
    return np.array([np.nan if x is None else x for x in v], dtype=float)


def _decomposition(at: AppTest) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the live check at a few t, the table of every value per t)."""
    labels = ({"formula says", "engine computed"}, {"公式给出", "引擎算得"})
    checks = [d.value for d in at.dataframe if set(map(str, d.value.index)) in labels
              and all(str(c).startswith("t = ") for c in d.value.columns)]
    tables = [d.value for d in at.dataframe if d.value.index.name == "t"
              and len(d.value.columns) == 6]
    assert len(checks) == 1 and len(tables) == 1
    return checks[0], tables[0]


def _assert_orthogonality(at: AppTest) -> None:
    check, table = _decomposition(at)
    formula, engine = check.iloc[0].to_numpy(float), check.iloc[1].to_numpy(float)
    loss, floor, gap = (table.iloc[:, i].to_numpy(float) for i in range(3))
    diff, se = table.iloc[:, 4].to_numpy(float), table.iloc[:, 5].to_numpy(float)
    assert np.allclose(engine - formula, [diff[list(table.index).index(int(c[4:]))]
                                          for c in check.columns], rtol=1e-9, atol=1e-15)
    assert np.allclose(loss - floor - gap, diff, rtol=1e-6, atol=1e-12)
    assert (np.abs(diff) <= ORTHO_SE * se).all(), np.abs(diff) / se
    assert (gap >= 0).all() and (floor >= 0).all()
    shown = [s.value for s in at.success if "`" in s.value and ("standard errors" in s.value
                                                                 or "标准误" in s.value)]
    assert len(shown) == 1
    assert float(re.findall(NUM, shown[0])[0]) <= ORTHO_SE
    assert np.allclose(float(re.findall(NUM, shown[0])[0]), (np.abs(diff) / se).max(), atol=0.01)


def _mid_ratio(at: AppTest) -> tuple[int, float, float]:
    hits = [m.value for m in at.markdown if "E‖ε̂ − ε*‖²/d" in m.value and "%" in m.value]
    assert len(hits) == 1
    step = int(re.search(r"t = (\d+)", hits[0]).group(1))
    gap, gamma, pct = (float(x) for x in re.findall(NUM, hits[0]))
    assert abs(100 * gap / gamma - pct) <= 0.01 * pct
    return step, gap, gamma


def _vf_values(at: AppTest) -> list[float]:
    hits = [m.value for m in at.markdown if "E‖ε − ε̂‖²/d" in m.value and "x_t" in m.value
            and "%" not in m.value and "L_simple" not in m.value]
    assert len(hits) == 1, hits
    return [float(x) for x in re.findall(NUM, hits[0])]


@pytest.mark.skipif(not PRETRAINED_8G.exists(), reason="pretrained/8gaussians not shipped yet")
@pytest.mark.parametrize("lang", [None, "中文"])
def test_pretrained_8gaussians_against_exact_eps(lang):
    at = _page_with(lang)
    assert at.selectbox(key="objective_model").value == "pretrained:8gaussians"
    assert not at.error
    _assert_orthogonality(at)
    step, gap, gamma = _mid_ratio(at)  # mid-way t: the network is within a few % of ε*
    assert step == 500 and gap / gamma < 0.05, (gap, gamma)
    _, table = _decomposition(at)
    mid = table.loc[(table.index >= 100) & (table.index <= 900)]
    assert (mid.iloc[:, 2] < 0.1 * mid.iloc[:, 3]).all()  # error ≪ E‖ε*‖²/d for mid t
    loss, floor, se = (table.iloc[:, i].to_numpy(float) for i in (0, 1, 5))
    assert (loss >= floor - ORTHO_SE * se).all()  # never below the floor (up to Monte Carlo)
    _check_arrows(_vf_figure(at), 2)
    i = _vf_slider_index(at)
    for v in (at.main.slider[i].min, at.main.slider[i].max):
        at.main.slider[i].set_value(v).run()
        assert not at.exception and not at.error
        gap_t, gamma_t, loss_t = _vf_values(at)
        assert gap_t <= loss_t + 1e-12 or v == 1
        _check_arrows(_vf_figure(at), 2)
    assert gap_t / gamma_t < 0.05  # at t = T the network is ε* up to a small error


@pytest.mark.parametrize("lang", [None, "中文"])
def test_user_model_on_8gaussians(lang):
    """A barely trained student model: the decomposition still holds (it holds for any g)."""
    at = _page_with(lang, _user_model("8gaussians"))
    assert at.selectbox(key="objective_model").value == "user"
    assert not at.error
    _assert_orthogonality(at)
    _mid_ratio(at)
    _check_arrows(_vf_figure(at), 2)
    i = _vf_slider_index(at)
    for v in (at.main.slider[i].min, at.main.slider[i].max):
        at.main.slider[i].set_value(v).run()
        assert not at.exception and not at.error
        _check_arrows(_vf_figure(at), 2)
        assert len(_vf_values(at)) == 3


@pytest.mark.parametrize("lang", [None, "中文"])
def test_user_model_not_a_mixture(lang):
    at = _page_with(lang, _user_model("moons", steps=60))
    if PRETRAINED_8G.exists():  # the default: pretrained 8gaussians, where ε* is exact
        assert at.selectbox(key="objective_model").value == "pretrained:8gaussians"
        at.selectbox(key="objective_model").set_value("user").run()
        assert not at.exception
    assert at.selectbox(key="objective_model").value == "user"
    assert len(at.info) >= 2 and all("moons" in m.value for m in at.info[-2:])
    assert not at.error
    assert not [d for d in at.dataframe if d.value.index.name == "t"
                and len(d.value.columns) == 6]
    _check_arrows(_vf_figure(at), 1)  # no ε* arrows
    i = _vf_slider_index(at)
    for v in (at.main.slider[i].min, at.main.slider[i].max):
        at.main.slider[i].set_value(v).run()
        assert not at.exception and not at.error
        (loss,) = _vf_values(at)
        assert 0 <= loss < 10


@pytest.mark.parametrize("T", [1, 2])
def test_user_model_degenerate_T(T):
    at = _page_with(None, _user_model("8gaussians", T=T, steps=20))
    assert not at.error
    _assert_orthogonality(at)
    i = _vf_slider_index(at)
    if T == 1:
        assert i is None
    else:
        for v in (at.main.slider[i].min, at.main.slider[i].max):
            at.main.slider[i].set_value(v).run()
            assert not at.exception and not at.error
    _check_arrows(_vf_figure(at), 2)


def test_user_model_nan_is_explained():
    at = _page_with("中文", _user_model("8gaussians", steps=5, nan=True))
    assert len(at.error) == 2 and all("NaN" in e.value for e in at.error)
    assert not [c for c in chart_specs(at) if "scaleanchor" in c]
