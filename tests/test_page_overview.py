"""Page 1, the overview: the hero (a pretrained model denoising live), both algorithms,
the schedule check, the map of the derivation; both languages, degenerate schedules."""

from __future__ import annotations

import math

import pytest
import torch
from apptest_util import open_page
from streamlit.testing.v1 import AppTest

import ddpm_core
from ui.hero import CHANCE_DRAWS, HERO_N, real_data_range
from ui.i18n import catalog
from ui.models import pretrained_names
from ui.nav import PAGES


def _text(key: str, lang: str) -> str:
    return catalog()[key][lang]


def _overview(lang: str = "en", **params) -> AppTest:
    return open_page(None, lang, query=params, timeout=120)


def _table(at: AppTest, column_key: str, lang: str):
    col = _text(column_key, lang)
    found = [d.value for d in at.dataframe if col in d.value.columns]
    assert len(found) == 1, f"no table with column {col!r}"
    return found[0]


def _assert_schedule_check(at: AppTest, lang: str) -> None:
    """The schedule check against a computation done here: ᾱ_T = ∏(1 - β_t) from the β table,
    the page's 200,000 noise draws (torch, seed 0), x_T = √ᾱ_T·1 + √(1 - ᾱ_T)·ε, and the
    caption's verdict for |difference| ≤ 4·SE + 1e-9."""
    sched = at.session_state["schedule_obj"]
    ab_T = math.prod(1.0 - b for b in sched.betas[1:].tolist())
    noise = torch.randn((200_000, 1), generator=torch.Generator().manual_seed(0),
                        dtype=torch.float64)
    x_T = math.sqrt(ab_T) + math.sqrt(1.0 - ab_T) * noise
    mean, std = float(x_T.mean()), float(x_T.std())
    s = _table(at, "ov.col_mean", lang)
    f, e = s.loc[_text("check.formula", lang)], s.loc[_text("check.engine", lang)]
    assert f.iloc[0] == pytest.approx(math.sqrt(ab_T), rel=1e-12)
    assert f.iloc[1] == pytest.approx(math.sqrt(1.0 - ab_T), rel=1e-12)
    assert e.iloc[0] == pytest.approx(mean, abs=1e-12)
    assert e.iloc[1] == pytest.approx(std, rel=1e-12)
    se_mean, se_std = std / math.sqrt(200_000), std / math.sqrt(2 * 199_999)
    agree = (abs(mean - math.sqrt(ab_T)) <= 4 * se_mean + 1e-9
             and abs(std - math.sqrt(1 - ab_T)) <= 4 * se_std + 1e-9)
    captions = [m.value for m in at.markdown
                if m.value.startswith(_text("ov.schedule_check", lang).split("{")[0])]
    assert len(captions) == 1
    assert f"**{_text('ov.agree' if agree else 'ov.disagree', lang)}**" in captions[0]
    assert "e-0" not in captions[0] and "e+0" not in captions[0]  # a × 10^{k}, never 4.9e-05


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_overview_renders_hero_algorithms_and_map(lang):
    at = _overview(lang)
    assert at.title[0].value == _text("app.title", lang)
    # the question line right under the title; the last element links to the next page
    assert at.main.markdown[0].value == (f"**{_text('nav.question', lang)}** "
                                         f"{_text('ov.question', lang)}")
    last = at.main.page_link[-1].proto
    assert last.page == "probability"  # page 0 comes right after the overview
    assert last.label == _text("nav.next", lang).format(title=_text("nav.probability", lang))
    # both algorithms, as LaTeX, in the page's language
    shown = [x.value.strip("$\n") for x in at.latex]
    assert _text("ov.alg1_latex", lang) in shown and _text("ov.alg2_latex", lang) in shown
    if lang == "zh":
        assert "重复" in _text("ov.alg1_latex", lang) and "返回" in _text("ov.alg2_latex", lang)
    # Algorithm 1's code is the loop body of train (the loss line), not its argument checks
    codes = [c.value for c in at.code]
    alg1 = [c for c in codes if "mse_loss" in c]
    assert len(alg1) == 1
    assert "torch.randint(1, sched.T + 1" in alg1[0] and "loss.backward()" in alg1[0]
    assert "_check_args" not in alg1[0] and "def train" not in alg1[0]
    # Algorithm 2's code includes the maths of the mean, not only ddpm_step's checks
    assert any(c.startswith("def _posterior_mean_from_eps") for c in codes)
    assert any(c.startswith("def _q_sample") for c in codes)
    # the hero ran the pretrained model, and its samples score within real data's chance range
    assert "moons" in pretrained_names()
    q = _table(at, "ov.col_swd", lang)
    real = real_data_range("moons", HERO_N)
    rows = [_text("ov.col_run", lang), _text("ov.col_real_median", lang),
            _text("ov.col_real_max", lang)]
    assert q.index.tolist() == rows
    for col, m in (("ov.col_swd", "swd"), ("ov.col_mmd", "mmd")):
        run, median, top = q[_text(col, lang)].tolist()
        assert (median, top) == pytest.approx(real[m])
        assert 0 < run <= top
    _assert_schedule_check(at, lang)
    # the map links every page after the overview (from ui.nav.PAGES), each with its question
    labels = [p.value for p in at.main.page_link]
    for page in PAGES[1:]:
        assert _text(f"nav.{page.key}", lang) in labels, page.key
        own = page.question_key  # the page's own line (playground's prefix is "play")
        caption = _text(own if own in catalog() else f"ov.q.{page.key}", lang)
        assert any(caption == c.value for c in at.caption), page.key


def test_algorithm_2_adds_no_noise_at_the_last_step():
    """ov.alg2_note: every step but the last adds σ_t z; at t = 1 the step returns the mean."""
    sched = ddpm_core.Schedule.linear(10)
    x, eps = torch.randn(5, 2, dtype=torch.float64), torch.randn(5, 2, dtype=torch.float64)
    z = torch.randn(5, 2, dtype=torch.float64)
    for sigma in ("beta", "beta_tilde"):
        assert torch.equal(ddpm_core.ddpm_step(sched, eps, x, 1, z, sigma=sigma),
                           ddpm_core.ddpm_step(sched, eps, x, 1, torch.zeros_like(z), sigma=sigma))
        assert not torch.equal(ddpm_core.ddpm_step(sched, eps, x, 2, z, sigma=sigma),
                               ddpm_core.ddpm_step(sched, eps, x, 2, torch.zeros_like(z),
                                                   sigma=sigma))


def test_every_sidebar_slider_extreme_and_degenerate_schedules():
    at = _overview()
    for s in at.sidebar.slider:
        for v in (s.min, s.max):
            s.set_value(v).run()
            assert not at.exception, (s.label, v, at.exception)
    for params in ({"T": 1, "beta_T": 0.999}, {"kind": "cosine", "T": 1000},
                   {"beta_1": 0.05, "beta_T": 0.001}, {"T": 10, "beta_T": 0.001}):
        at = _overview(**params)
        _assert_schedule_check(at, "en")


def test_hero_seed_and_model_choice():
    at = _overview()
    at.number_input(key="ov_seed").set_value(3).run()
    assert not at.exception, at.exception
    box = at.selectbox(key="ov_model")
    names = [n for n in pretrained_names() if n != "digits"]
    assert len(box.options) == len(names) >= 3
    # the choices are shown by their catalog names, never as raw identifiers
    assert box.options == [_text(f"data.{n}", "en") for n in names]
    box.set_value(names[-1]).run()
    assert not at.exception, at.exception
    assert at.selectbox(key="ov_model").value == names[-1]


@pytest.mark.parametrize("dataset", ["moons", "checkerboard"])
def test_the_hero_checks_chance_range_is_real_data_scored_as_the_hero_is(dataset):
    """`real_data_range`: real data in the model's place, scored as the hero's final points
    are. Checked against what is known without it: fresh data against fresh data has a ratio
    near 1 (median of 20 within 0.75-1.35, as `test_metrics` takes one), and single draws of 800
    points move the SWD ratio by chance well past the pretrained models' bar of 1.5 (measured
    over 5 repeats of 2,000) that the hero table showed before: the highest of 20 is above 1.5
    for these two data sets (seen: 2.29 and 1.92 with other seeds). Catches a range divided by
    the wrong floor, scored against the model, or made of one draw."""
    real = real_data_range(dataset, HERO_N)
    assert real["k"] == CHANCE_DRAWS == 20
    for m in ("swd", "mmd"):
        median, top = real[m]
        assert 0.75 < median < 1.35 and top >= median, (m, real)
    assert real["swd"][1] > 1.5, real
