"""Page 1, the overview: the hero (a pretrained model denoising live), both algorithms,
the schedule check, the map of the derivation; both languages, degenerate schedules."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.i18n import catalog
from ui.models import pretrained_names

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
LANG_LABEL = {"en": "English", "zh": "中文"}


def _text(key: str, lang: str) -> str:
    return catalog()[key][lang]


def _overview(lang: str = "en", **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang_label"] = LANG_LABEL[lang]
    for k, v in params.items():
        at.query_params[k] = str(v)
    at.run()
    assert not at.exception, at.exception
    return at


def _table(at: AppTest, column_key: str, lang: str):
    col = _text(column_key, lang)
    found = [d.value for d in at.dataframe if col in d.value.columns]
    assert len(found) == 1, f"no table with column {col!r}"
    return found[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_overview_renders_hero_algorithms_and_map(lang):
    at = _overview(lang)
    assert at.title[0].value == _text("app.title", lang)
    # both algorithms, as LaTeX
    assert any(r"\epsilon_\theta\big(\sqrt{\bar\alpha_t}" in x.value for x in at.latex)
    assert any(r"x_T \sim \mathcal N" in x.value for x in at.latex)
    # the hero ran the pretrained model and its samples meet the quality bars
    assert "moons" in pretrained_names()
    q = _table(at, "ov.row_bar", lang)
    engine = q[_text("check.engine", lang)]
    assert 0 < engine[_text("ov.col_swd", lang)] <= 1.5
    assert 0 < engine[_text("ov.col_mmd", lang)] <= 1.35
    # the schedule check: 200,000 draws of q_sample agree with N(√ᾱ_T, 1 − ᾱ_T)
    s = _table(at, "ov.col_mean", lang)
    f, e = s.loc[_text("check.formula", lang)], s.loc[_text("check.engine", lang)]
    assert abs(f.iloc[0] - e.iloc[0]) < 5 / 200_000**0.5  # 5 SE of the mean
    assert abs(f.iloc[1] - e.iloc[1]) < 0.01
    # the map links every page of the derivation, each with its question
    for key in ("mle", "elbo", "forward", "posterior", "objective", "sampling", "playground"):
        assert any(_text(f"ov.q.{key}", lang) == c.value for c in at.caption), key


def test_every_sidebar_slider_extreme_and_degenerate_schedules():
    at = _overview()
    for s in at.sidebar.slider:
        for v in (s.min, s.max):
            s.set_value(v).run()
            assert not at.exception, (s.label, v, at.exception)
    for params in ({"T": 1, "beta_T": 0.999}, {"kind": "cosine", "T": 1000},
                   {"beta_1": 0.05, "beta_T": 0.001}, {"T": 10, "beta_T": 0.001}):
        at = _overview(**params)
        s = _table(at, "ov.col_mean", "en")
        f, e = s.loc[_text("check.formula", "en")], s.loc[_text("check.engine", "en")]
        assert abs(f.iloc[1] - e.iloc[1]) < 0.01, params


def test_hero_seed_and_model_choice():
    at = _overview()
    at.number_input(key="ov_seed").set_value(3).run()
    assert not at.exception, at.exception
    names = at.selectbox(key="ov_model").options
    assert len(names) >= 3
    at.selectbox(key="ov_model").set_value(names[-1]).run()
    assert not at.exception, at.exception
