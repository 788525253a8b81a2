"""Page 3, the ELBO: renders in both languages, every slider at its extremes; the displayed
numbers are recomputed here from the slider values with formulas written in this file (not
with `latent_toy`), so a page that shows the formula's value in the engine's row, or an engine
with a wrong sign, fails; the Monte-Carlo check is judged by |diff| ≤ 4·SE + 1e-9 and shows
agreement at q = p(z|x); the DDPM bound's mean gap is ≥ 0 against an NLL recomputed here; the
sigma note quotes the computed gaps; the part that uses later pages sits in an 'ahead of the
story' expander with links; the degenerate schedules render with their explanation."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
import torch
from apptest_util import chart_specs, open_page, text
from streamlit.testing.v1 import AppTest

import ddpm_core

PAGE = "views/elbo.py"
MC_N, MC_SEED, BOUND_N, BOUND_SEED = 4000, 0, 256, 0  # as the page


def _text(key: str, lang: str) -> str:
    return text(key, lang)


def _page(lang: str = "en", T: int | None = None, kind: str | None = None) -> AppTest:
    return open_page(PAGE, lang, T, kind)


def assert_question_and_next(at: AppTest, page: str, lang: str, next_page: str) -> None:
    """The question line is the first markdown under the title; the last link goes next."""
    line = f"**{_text('nav.question', lang)}** {_text(page + '.question', lang)}"
    assert at.main.markdown[0].value == line
    last = at.main.page_link[-1].proto
    assert last.page == next_page
    assert last.label == _text("nav.next", lang).format(title=_text(f"nav.{next_page}", lang))


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
    for d in (toy[0], bound[0]):
        assert not d.isna().any().any()  # no "None" cells
    return toy[0], bound[0]


def _float(shown: str) -> float:
    """A number as the page prints it in plain text: 0.7790, or 2.91 × 10⁻⁵ (never 2.91e-05)."""
    assert "e-" not in shown and "e+" not in shown, shown
    if " × 10" not in shown:
        return float(shown)
    mantissa, power = shown.split(" × 10")
    return float(mantissa) * 10.0 ** int(power.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹",
                                                                       "-0123456789")))


def _metric(at: AppTest, key: str, lang: str) -> str:
    values = [m.value for m in at.metric if m.label == _text(key, lang)]
    assert len(values) == 1, key
    return values[0]


# ---------------------------------------------------------------- the toy, recomputed here
def _toy_values(x, m, s, w, b, sigma) -> dict:
    """log p(x), ELBO, KL(q ‖ p(z|x)) and the Monte-Carlo ELBO, from the formulas (FORMULAS.md
    §b) written out here, and the page's random draws (torch, seed 0) for the estimate."""
    var = w * w + sigma * sigma
    log_px = -0.5 * (math.log(2 * math.pi * var) + (x - b) ** 2 / var)
    mu, v = w * (x - b) / var, sigma * sigma / var
    elbo = (-0.5 * math.log(2 * math.pi * sigma**2)
            - ((x - b - w * m) ** 2 + w * w * s * s) / (2 * sigma**2)
            - 0.5 * (m * m + s * s - 1 - math.log(s * s)))
    kl = 0.5 * (math.log(v / (s * s)) + (s * s + (m - mu) ** 2) / v - 1)
    eps = torch.randn(MC_N, generator=torch.Generator().manual_seed(MC_SEED),
                      dtype=torch.float64).numpy()
    z = m + s * eps
    f = (-0.5 * np.log(2 * np.pi) - 0.5 * z**2                          # log p(z)
         - 0.5 * np.log(2 * np.pi * sigma**2) - (x - w * z - b) ** 2 / (2 * sigma**2)  # log p(x|z)
         + 0.5 * np.log(2 * np.pi * s * s) + 0.5 * eps**2)               # - log q(z)
    return {"log_px": log_px, "elbo": elbo, "kl": kl, "mc": float(f.mean()),
            "se": float(f.std(ddof=1) / math.sqrt(MC_N)), "mu": mu, "v": v}


def _sliders(at: AppTest) -> tuple[float, ...]:
    """(x, m, s, w, b, σ) as the page uses them (q = p(z|x) when the toggle is on)."""
    x, w, b, sigma = (float(at.slider(key=k).value) for k in
                      ("elbo_x", "elbo_w", "elbo_b", "elbo_sigma"))
    if at.toggle(key="elbo_q_post").value:
        var = w * w + sigma * sigma
        m, s = w * (x - b) / var, math.sqrt(sigma * sigma / var)
    else:
        m, s = float(at.slider(key="elbo_m").value), float(at.slider(key="elbo_s").value)
    return x, m, s, w, b, sigma


def _check1_caption(at: AppTest, lang: str) -> str:
    found = [m.value for m in at.markdown
             if m.value.startswith(_prefix("elbo.check1_caption", lang))]
    assert len(found) == 1
    return found[0]


def _assert_toy_facts(at: AppTest, lang: str) -> dict:
    toy, _ = _checks(at, lang)
    ref = _toy_values(*_sliders(at))
    gap_col, elbo_col = _text("elbo.col_gap", lang), _text("elbo.col_elbo", lang)
    gap_formula, kl = toy[gap_col].to_numpy(float)
    elbo, mc = toy[elbo_col].to_numpy(float)
    # formula rows: the closed forms; engine rows: the KL computed directly and the estimate
    assert gap_formula == pytest.approx(ref["log_px"] - ref["elbo"], rel=1e-9, abs=1e-9)
    assert kl == pytest.approx(ref["kl"], rel=1e-9, abs=1e-9)
    assert elbo == pytest.approx(ref["elbo"], rel=1e-12, abs=1e-12)
    assert mc == pytest.approx(ref["mc"], rel=1e-12, abs=1e-12)
    # the verdict: |MC - closed form| ≤ 4 SE + 1e-9 (true for the engine: MC is unbiased)
    caption = _check1_caption(at, lang)
    assert abs(mc - elbo) <= 4 * ref["se"] + 1e-9
    assert f"**{_text('elbo.agree', lang)}**" in caption
    # the metrics show the same numbers (4 decimals)
    assert float(_metric(at, "elbo.metric_log_px", lang)) == pytest.approx(ref["log_px"],
                                                                           abs=6e-5)
    assert float(_metric(at, "elbo.metric_elbo", lang)) == pytest.approx(ref["elbo"], abs=6e-5)
    assert float(_metric(at, "elbo.metric_kl", lang)) == pytest.approx(ref["kl"], abs=6e-5)
    return ref


# ---------------------------------------------------------------- the DDPM bound
def _nll(mix_name: str) -> float:
    """-mean log q(x_0) on the page's points, with the mixture density written out here."""
    mix = ddpm_core.mixture(mix_name)
    x0 = mix.sample(BOUND_N, torch.Generator().manual_seed(BOUND_SEED), dtype=torch.float64)
    diff = x0[:, None, :] - mix.means[None]  # (n, K, d)
    prec = torch.linalg.inv(mix.covs)
    quad = torch.einsum("nki,kij,nkj->nk", diff, prec, diff)
    logdet = torch.logdet(mix.covs)
    d = x0.shape[1]
    comp = torch.log(mix.weights) - 0.5 * (d * math.log(2 * math.pi) + logdet + quad)
    return float(-torch.logsumexp(comp, dim=1).mean())


def _assert_bound_facts(at: AppTest, lang: str, mix_name: str = "8gaussians",
                        clear: bool | None = None) -> tuple[float, float]:
    _, bound = _checks(at, lang)
    L_col, gap_col = _text("elbo.col_L", lang), _text("elbo.col_gap2", lang)
    nll, L = bound[L_col].to_numpy(float)
    gap_floor, gap = bound[gap_col].to_numpy(float)
    assert nll == pytest.approx(_nll(mix_name), rel=1e-10)  # the formula row: the exact NLL
    assert gap_floor == 0
    assert gap == pytest.approx(L - nll, abs=1e-9)  # the gap is paired on the same points
    # the message states the mean gap and its SE; the bound holds within 4 SE + 1e-9
    msgs = [m.value for m in list(at.success) + list(at.info) + list(at.error)
            if m.value.startswith(tuple(_prefix(k, lang) for k in
                                        ("elbo.gap_clear", "elbo.gap_small",
                                         "elbo.gap_violated")))]
    assert len(msgs) == 1
    se = float(re.search(r"± ([0-9.]+)", msgs[0]).group(1))
    assert se > 0
    assert gap >= -(4 * se + 1e-9) - 1e-4  # (the SE is shown to 4 decimals)
    assert not at.error
    if clear is True:
        assert any(s.value.startswith(_prefix("elbo.gap_clear", lang)) for s in at.success)
        assert gap > 4 * se
    if clear is False:
        assert any(i.value.startswith(_prefix("elbo.gap_small", lang)) for i in at.info)
    return gap, se


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_renders_and_checks_hold(lang):
    at = _page(lang)
    assert at.header[0].value == _text("elbo.title", lang)
    # the question line right under the title, the next-page link at the end
    assert_question_and_next(at, "elbo", lang, "forward")
    assert len(at.latex) >= 8
    assert any(_text("elbo.terms_meaning", lang) in m.value for m in at.markdown)
    assert len(chart_specs(at)) == 3
    _assert_toy_facts(at, lang)
    # default σ² = β̃: the mean gap sits clearly above 0 (7 SE at the defaults)
    _assert_bound_facts(at, lang, clear=True)


def test_ahead_of_the_story_expander_holds_what_later_pages_define():
    """β̃, ε*, Analytic-DPM appear only inside the expander, which links to the pages that
    define them; the prose before it uses none of them."""
    at = _page()
    exp = [e for e in at.expander if e.label == _text("elbo.ahead", "en")]
    assert len(exp) == 1
    links = [p.proto.page for p in exp[0].page_link]
    assert "posterior" in links and "objective" in links
    inside = {m.value for m in exp[0].markdown}
    outside = [m.value for m in at.main.markdown if m.value not in inside]
    outside += [c.value for c in at.main.caption if c.value not in {x.value for x in
                                                                   exp[0].caption}]
    assert outside
    for value in outside:
        for later in ("Analytic", "\\tilde\\beta", "β̃", "ε*", "\\epsilon^*"):
            assert later not in value, (later, value[:80])
    assert any("Analytic-DPM" in v for v in inside)


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
def test_gap_closes_and_monte_carlo_agrees_at_the_posterior(lang):
    """At q = p(z|x) every draw gives log p(x): the SE is ~1e-17 and the difference ~1e-16.
    The check must say 'agree' (a z-score would read about -60 standard errors)."""
    at = _page(lang)
    at.main.slider(key="elbo_x").set_value(-3.0).run()
    at.toggle(key="elbo_q_post").set_value(True).run()
    assert not at.exception
    ref = _assert_toy_facts(at, lang)
    assert ref["se"] < 1e-12 and abs(ref["kl"]) < 1e-12
    toy, _ = _checks(at, lang)
    gap_formula, kl = toy[_text("elbo.col_gap", lang)].to_numpy(float)
    assert abs(kl) < 1e-12 and abs(gap_formula) < 1e-12
    caption = _check1_caption(at, lang)
    assert f"**{_text('elbo.agree', lang)}**" in caption
    assert _text("elbo.check1_post", lang).strip() in caption
    assert float(_metric(at, "elbo.metric_kl", lang)) == 0
    assert _metric(at, "elbo.metric_log_px", lang) == _metric(at, "elbo.metric_elbo", lang)
    assert any(s.value == _text("elbo.tight", lang) for s in at.success)
    # moving x keeps q on the posterior: still tight, still agreeing
    at.main.slider(key="elbo_x").set_value(4.0).run()
    _assert_toy_facts(at, lang)
    toy, _ = _checks(at, lang)
    assert abs(toy[_text("elbo.col_gap", lang)].iloc[1]) < 1e-12


def test_gap_reacts_to_q():
    at = _page()
    before = _checks(at, "en")[0].iloc[1, 0]
    at.main.slider(key="elbo_m").set_value(3.0).run()
    after = _checks(at, "en")[0].iloc[1, 0]
    assert after > before  # q moved away from the posterior: a larger KL
    _assert_toy_facts(at, "en")


def test_sigma_note_quotes_the_computed_gaps():
    """The note's two gaps are the tables' mean gaps for σ² = β̃ and σ² = β (2 decimals)."""
    at = _page()
    g_bt, _ = _assert_bound_facts(at, "en", clear=True)
    at.radio(key="elbo_sigma2").set_value("beta").run()
    assert not at.exception
    g_b, se_b = _assert_bound_facts(at, "en")
    note = [m.value for m in at.markdown if m.value.startswith(_prefix("elbo.sigma_note", "en"))]
    assert len(note) == 1
    quoted = [float(v) for v in re.findall(r"(-?[0-9]+\.[0-9]+) ± [0-9.]+ nats", note[0])]
    assert quoted == [pytest.approx(g_bt, abs=0.006), pytest.approx(g_b, abs=0.006)]
    assert "0.9 nats" not in note[0]
    # σ² = β on this data: within the tolerance of 0, said as such
    assert abs(g_b) <= 4 * se_b + 1e-4
    _assert_bound_facts(at, "en", clear=False)
    at.selectbox(key="elbo_mix").set_value("two_gaussians").run()
    assert not at.exception
    _assert_bound_facts(at, "en", mix_name="two_gaussians")


def test_T1_only_decoder_and_prior():
    at = _page(T=1)
    assert at.session_state["schedule_obj"].T == 1
    assert any(i.value.startswith(_prefix("elbo.T1", "en")) for i in at.info)
    # ᾱ_1 = 0.9999: the prior term is large and the sidebar-style warning names it
    assert any(w.value.startswith(_prefix("elbo.prior_mismatch", "en")) for w in at.warning)
    assert _float(_metric(at, "elbo.m_LT", "en")) > 5
    _assert_bound_facts(at, "en", clear=True)
    _assert_toy_facts(at, "en")


def test_T2_and_short_unscaled_schedule():
    at = _page(T=2)
    assert any(i.value == _text("elbo.T2", "en") for i in at.info)
    _assert_bound_facts(at, "en")
    at = _page(T=10)  # unscaled linear: ᾱ_T ≈ 0.9, x_T is not noise
    assert any(w.value.startswith(_prefix("elbo.prior_mismatch", "en")) for w in at.warning)
    _assert_bound_facts(at, "en", clear=True)


def test_cosine_schedule_and_the_computed_share():
    at = _page(kind="cosine")
    sched = at.session_state["schedule_obj"]
    assert sched.kind == "cosine"
    assert _float(_metric(at, "elbo.m_LT", "en")) < 1e-6  # ᾱ_T ≈ 2e-9: x_T is pure noise
    _assert_bound_facts(at, "en", clear=True)
    assert not at.warning
    assert float(_metric(at, "elbo.m_Lmid", "en")) > 0
    # the caption's share of the denoising cost is a number of this schedule, not a claim
    first = (sched.T - 1) // 10
    share = [c.value for c in at.caption if c.value.startswith(_prefix("elbo.fig_caption", "en"))]
    assert len(share) == 1
    assert f"first {first} denoising terms" in share[0]


def test_cosine_T1():
    """Cosine with T = 1: β₁ is capped at 0.999, so x₁ is nearly noise and L_T is small."""
    at = _page(T=1, kind="cosine")
    assert at.session_state["schedule_obj"].T == 1
    assert any(i.value.startswith(_prefix("elbo.T1", "en")) for i in at.info)
    assert _float(_metric(at, "elbo.m_LT", "en")) < 0.01
    _assert_bound_facts(at, "en")
