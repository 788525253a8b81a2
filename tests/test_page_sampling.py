"""Page 7, sampling step by step: renders in both languages, every slider extreme, the step
and play controls move t, the live check of Algorithm 2 / DDIM holds, σ = 0 collapses the
samples, the DDIM row is there, a fixed seed replays, degenerate schedules, the digits grid,
and a browser test that the step-through slider and play redraw the chart.

Most tests use the exact ε* of the 8-Gaussian mixture (always offered, needs no checkpoint)
on a short sidebar schedule, so they are fast and do not depend on the shipped models.
"""

from __future__ import annotations

import json
import math
import time

import numpy as np
import pytest
import torch
from apptest_util import chart_specs, open_page, player_frames
from streamlit.testing.v1 import AppTest

import ddpm_core
from ui.i18n import catalog
from ui.models import ModelChoice, pretrained_names

PAGE = "views/sampling.py"


def _text(key: str, lang: str = "en", **fmt) -> str:
    s = catalog()[key][lang]
    return s.format(**fmt) if fmt else s


def _page(lang: str = "en", model: str = "oracle", n: int = 250, query: dict | None = None,
          state: dict | None = None, timeout: int = 60) -> AppTest:
    """The sampling page with `model` picked and n points; the sidebar set by URL params."""
    at = open_page(PAGE, lang, timeout=timeout,
                   query=query if query is not None else {"T": "100", "scale": "true"},
                   state={"sampling_model": model, "sampling_n_2d": n,
                          "sampling_wait_s": 600, **(state or {})})  # sections 2, 3 in the rerun
    for _ in range(3):  # on a slow machine a long computation waits for its button: press it
        slow = [b for b in at.button if (b.key or "").startswith("sampling_slow_")]
        if not slow:
            break
        slow[0].click().run()
        assert not at.exception, at.exception
    return at


def _t_input(at: AppTest, lang: str = "en"):
    """The page's t: a number field bound to the URL (the player above the picture reports
    the t the user lets go of into it)."""
    found = [n for n in at.number_input if n.key == "sampling_t"]
    assert len(found) == 1, [n.key for n in at.number_input]
    assert found[0].label == _text("sampling.t_input", lang)
    return found[0]


def _player(at: AppTest) -> dict:
    out = []
    for spec in chart_specs(at):
        fig = json.loads(spec) if isinstance(spec, str) else spec
        if "player" in fig:
            out.append(fig)
    assert len(out) == 1, len(out)
    return out[0]


def _check(at: AppTest, lang: str = "en"):
    index = [_text("check.formula", lang), _text("check.engine", lang)]
    tables = [d.value for d in at.dataframe if list(d.value.index) == index]
    assert len(tables) == 1, "the formula/engine check table is not displayed"
    return tables[0]


def _check_holds(at: AppTest, lang: str = "en", rtol: float = 1e-5, atol: float = 2e-4) -> None:
    """Formula = engine for sample #0; atol: float32 rounding grows as 1/√ᾱ_t in x̂_0
    (≈ 160 at t = T for the test schedule)."""
    df = _check(at, lang)
    f, e = df.iloc[0].to_numpy(float), df.iloc[1].to_numpy(float)
    np.testing.assert_allclose(f, e, rtol=rtol, atol=atol)


def _alpha_bar(sched, t: int) -> float:
    out = 1.0
    for b in sched.betas[1:t + 1].tolist():
        out *= 1.0 - b
    return out


def _check_independent(at: AppTest, lang: str = "en") -> None:
    """Recompute both rows of the oracle's live check without the page: rerun the engine's
    chain with the page's seed and settings (the engine row must be exactly its x_{t-1} and
    x̂_0 for sample #0), and write Algorithm 2 / DDIM out once more here, with ᾱ multiplied out
    from the β's (the formula row must match it); then the page must report agreement."""
    ss = at.session_state
    sched = ss["schedule_obj"]
    T = sched.T
    sampler, sigma = ss["sampling_sampler"], ss["sampling_sigma"]
    S = ss["sampling_S"] if T > 1 and "sampling_S" in ss else 1
    eta, seed, n = float(ss["sampling_eta"]), int(ss["sampling_seed"]), int(ss["sampling_n_2d"])
    step = int(_t_input(at, lang).value)
    model = ddpm_core.OracleEps(ddpm_core.mixture("8gaussians"), sched)
    shape = (n, 2)
    replay = torch.Generator().manual_seed(seed)
    torch.randn(shape, generator=replay)  # x_T
    info = None
    if sampler == "ddpm":  # the page runs the three σ chains as one batched chain, its rows
        # split in two halves over two threads (views/sampling.py, _sigma_run): sample #0 is
        # row 0 of the first half, of block σ
        j = ("beta", "beta_tilde", "zero").index(sigma)
        seen = []
        ddpm_core.sample_sigmas(model, sched, n, generator=torch.Generator().manual_seed(seed),
                                rows=(0, (n + 1) // 2), callback=seen.append)
        for got in seen:
            z = torch.randn(shape, generator=replay)[0].double().numpy()
            if got["t"] == step:
                info = {"t": step, "t_prev": got["t_prev"],
                        **{k: got[k][j] for k in ("x_t", "eps_pred", "x0_pred", "x_prev")}}
                break
    else:
        for info in ddpm_core.sample_progressive(
                model, sched, n, sampler=sampler, steps=S, eta=eta, sigma=sigma,
                generator=torch.Generator().manual_seed(seed)):
            z = torch.randn(shape, generator=replay)[0].double().numpy()
            if info["t"] == step:
                break
    assert info is not None and info["t"] == step
    x_t, eps = (info[k][0].double().numpy() for k in ("x_t", "eps_pred"))
    s_prev = info["t_prev"]
    ab_t, ab_s = _alpha_bar(sched, step), _alpha_bar(sched, s_prev)
    x0 = (x_t - math.sqrt(1 - ab_t) * eps) / math.sqrt(ab_t)  # Ho et al. 2020, Eq. (15)
    if sampler == "ddpm":
        a, b = 1 - float(sched.betas[step]), float(sched.betas[step])
        var = {"beta": b, "beta_tilde": (1 - ab_s) / (1 - ab_t) * b, "zero": 0.0}[sigma]
        sig = math.sqrt(var) if step > 1 else 0.0  # z = 0 at t = 1
        prev = (x_t - b / math.sqrt(1 - ab_t) * eps) / math.sqrt(a) + sig * z  # Algorithm 2
    else:
        sig = eta * math.sqrt((1 - ab_s) / (1 - ab_t) * (1 - ab_t / ab_s))  # Song Eq. (16)
        prev = math.sqrt(ab_s) * x0 + math.sqrt(max(1 - ab_s - sig ** 2, 0)) * eps + sig * z
    engine_prev = info["x_prev"][0].double().numpy()
    engine_x0 = info["x0_pred"][0].double().numpy()
    df = _check(at, lang)
    f, e = df.iloc[0].to_numpy(float), df.iloc[1].to_numpy(float)
    assert e.tolist() == [engine_prev[0], engine_x0[0], engine_prev[1], engine_x0[1],
                          float(np.linalg.norm(engine_prev))]  # the engine's numbers
    np.testing.assert_allclose(f[:4], [prev[0], x0[0], prev[1], x0[1]], rtol=1e-9, atol=1e-12)
    assert any(s.value.startswith(_text("sampling.check_rel", lang).split("{")[0])
               for s in at.success), "the page does not report the check as passed"


def _sigma_table(at: AppTest, lang: str = "en"):
    name = _text("sampling.col.sigma", lang)
    tables = [d.value for d in at.dataframe if d.value.index.name == name]
    assert len(tables) == 1
    return tables[0]


def _button(at: AppTest, key: str):
    return next(b for b in at.button if b.key == key)


def _fresh_draws(dataset: str, n: int) -> dict:
    """The quality table's data row as the page documents it, from the engine: the truth `a`
    and the floor from two draws of a generator seeded 12345; then 10 draws of a generator
    seeded 12346, each one's spread and SWD, MMD to `a` over the floor."""
    g = torch.Generator().manual_seed(12345)
    a, b = ddpm_core.toy_2d(dataset, n, g), ddpm_core.toy_2d(dataset, n, g)
    swd0, mmd0 = ddpm_core.sliced_wasserstein(b, a), ddpm_core.mmd(b, a)
    g = torch.Generator().manual_seed(12346)
    out: dict = {"spread": [], "swd": [], "mmd": []}
    for _ in range(10):
        c = ddpm_core.toy_2d(dataset, n, g)
        out["spread"].append(float(c.double().var(0, unbiased=False).mean().sqrt()))
        out["swd"].append(ddpm_core.sliced_wasserstein(c, a) / swd0)
        out["mmd"].append(ddpm_core.mmd(c, a) / mmd0)
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_renders_checks_hold_and_sigma_zero_collapses(lang):
    at = _page(lang)
    assert at.main.header[0].value == _text("sampling.title", lang)
    assert any(_text("ov.alg2_latex", lang) in el.value for el in at.latex)  # Algorithm 2
    assert len(chart_specs(at)) >= 3
    assert _t_input(at, lang).value == 100  # the chain starts at t = T
    assert at.main.markdown[0].value.endswith(_text("sampling.question", lang))
    _check_holds(at, lang)
    _check_independent(at, lang)
    # 'why not just take the mean?': σ = 0 has less spread and a worse distance to the data
    sig = _sigma_table(at, lang)
    labels = {k: _text(f"sampling.sigma.{k}", lang) for k in ("beta", "beta_tilde", "zero")}
    assert set(labels.values()) <= set(sig.index)
    beta, zero = sig.loc[labels["beta"]], sig.loc[labels["zero"]]
    cols = sig.columns
    assert zero[cols[0]] < beta[cols[0]]  # spread
    assert zero[cols[1]] > beta[cols[1]] and zero[cols[2]] > beta[cols[2]]  # SWD, MMD / floor
    # the data row: not the floor over itself (1 by construction) but how 10 further fresh
    # draws of the data score, recomputed here from the engine; the caption gives their range
    want = _fresh_draws("8gaussians", 250)
    data = sig.loc[_text("sampling.row.data", lang)]
    for col, m in zip(cols, ("spread", "swd", "mmd")):  # MMD: its float32 kernel sums
        assert data[col] == pytest.approx(float(np.median(want[m])), rel=1e-4), m
    assert not math.isclose(data[cols[1]], 1.0)
    fmt = {f"{m}_{w}": f"{f(want[m]):.2f}" for m in ("swd", "mmd")
           for w, f in (("lo", min), ("hi", max))}
    assert any(c.value == _text("sampling.fresh_range", lang, k=10, n=250, **fmt)
               for c in at.caption)
    # the DDIM row, with its timing, next to the full DDPM
    ddim = _text("sampling.row.ddim", lang, S=50, eta="0")
    tables = [d.value for d in at.dataframe if ddim in d.value.index]
    assert len(tables) == 1
    row = tables[0].loc[ddim]
    assert row.iloc[0] == 50 and row.iloc[1] > 0 and np.isfinite(row.iloc[3])
    # the reading quotes the table's two times; when the full chain's is a share of section
    # 2's batched run (the caption says so), it says so and gives the batch's own time too,
    # instead of setting the two side by side as like for like
    full = tables[0].iloc[0, 1]
    line = next(m.value for m in at.markdown if m.value.startswith(("DDIM made", "DDIM 调用")))
    assert f"{row.iloc[1]:.2f}" in line and f"{full:.2f}" in line
    shared = _text("sampling.time_note_shared", lang, k=3, n=250)
    assert any(shared in c.value for c in at.caption)  # the oracle's DDPM row: a share of 3
    assert line == _text("sampling.s3_read_shared", lang, S=50, T=100, ratio="2", k=3,
                         sec_fast=f"{row.iloc[1]:.2f}", sec_full=f"{full:.2f}",
                         sec_all=f"{3 * full:.2f}")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("sampler", ["ddpm", "ddim"])
def test_every_slider_extreme(lang, sampler):
    at = _page(lang, state={"sampling_sampler": sampler})
    assert len(at.main.slider) == 2  # S and η
    for i in range(len(at.main.slider)):
        s = at.main.slider[i]
        for v in (s.min, s.max):
            at.main.slider[i].set_value(v).run()
            assert not at.exception, (s.label, v, at.exception)
    at.main.slider[0].set_value(20).run()
    assert not at.select_slider  # the t control is the player's, in the browser
    for v in (100, 0, 1 if sampler == "ddpm" else 5):  # S = 20: t = 100, 95, ..., 5, 0
        _t_input(at, lang).set_value(v).run()
        assert not at.exception, (v, at.exception)
        if v > 0:
            _check_holds(at, lang)
            _check_independent(at, lang)
    if sampler == "ddim":
        assert _player(at)["player"]["labels"][:2] == [100, 95]  # S = 20 of T = 100


def _numbers_line_agrees(at: AppTest, t: int, s: int, sampler: str) -> None:
    """The step's numbers (inline maths) against the update's coefficients multiplied out here
    from the sidebar's β table: 1/√α_t and β_t/√(1-ᾱ_t) for DDPM, √ᾱ_s for DDIM (6 figures)."""
    from ui.latex import num_short
    sched = at.session_state["schedule_obj"]
    betas = sched.betas.tolist()
    ab_t, ab_s = _alpha_bar(sched, t), _alpha_bar(sched, s)
    if sampler == "ddpm":
        want = (f"$x_{{{s}}} = {num_short(1 / math.sqrt(1 - betas[t]), 6)}\\,\\big(x_{{{t}}} - "
                f"{num_short(betas[t] / math.sqrt(1 - ab_t), 6)}\\;")
    else:
        want = f"$x_{{{s}}} = {num_short(math.sqrt(ab_s), 6)}\\,\\hat x_0 + "
    lines = [m.value for m in at.main.markdown if m.value.startswith(f"$t = {t}$")]
    assert len(lines) == 1 and want in lines[0].split("\n\n")[1], (want, lines)


def test_t_snaps_to_the_nearest_stored_step_and_the_last_steps_read_right():
    at = _page(state={"sampling_sampler": "ddim"})
    at.main.slider[0].set_value(20).run()  # S = 20: t = 100, 95, ..., 5, 0
    _t_input(at).set_value(97).run()
    assert not at.exception
    assert _player(at)["player"]["labels"][_player(at)["player"]["index"]] == 95
    assert any(m.value.startswith(_text("sampling.step_now", t=95, s=90)[:12])
               for m in at.markdown)
    _numbers_line_agrees(at, 95, 90, "ddim")
    _check_independent(at)
    at = _page()
    _t_input(at).set_value(1).run()
    _numbers_line_agrees(at, 1, 0, "ddpm")
    assert any(_text("sampling.last_step") == c.value for c in at.caption)  # z = 0 at t = 1
    _check_independent(at)
    _t_input(at).set_value(0).run()
    assert any(s.value.startswith("t = 0") for s in at.success)




@pytest.mark.parametrize("sampler", ["ddpm", "ddim"])
def test_browser_frames_are_the_engines_chain(sampler):
    """The frames the browser plays, decoded as it does, are the engine's x_t and x̂_0 at
    their t (the chain rerun here from the seed), within int16 rounding; ≤ 2 MB."""
    at = _page(state={"sampling_sampler": sampler, "sampling_seed": 3})
    spec = _player(at)
    pl = spec["player"]
    raw = [c for c in chart_specs(at) if '"player"' in c]
    assert len(raw) == 1 and len(raw[0]) <= 2_000_000  # what the browser receives
    sched = at.session_state["schedule_obj"]
    S = at.session_state["sampling_S"]
    model = ddpm_core.OracleEps(ddpm_core.mixture("8gaussians"), sched)
    want = {}
    x = None
    if sampler == "ddpm":  # the page's batched σ chains, rows split in two halves (as
        # _check_independent says); block 1 is σ² = β̃
        halves = [[], []]
        for h, rows in enumerate(((0, 125), (125, 250))):
            ddpm_core.sample_sigmas(model, sched, 250, generator=torch.Generator().manual_seed(3),
                                    rows=rows, callback=halves[h].append)
        for a, b in zip(*halves):
            want[a["t"]] = tuple(torch.cat([a[k][1], b[k][1]]).numpy()
                                 for k in ("x_t", "x0_pred"))
            x = torch.cat([a["x_prev"][1], b["x_prev"][1]]).numpy()
    else:
        for info in ddpm_core.sample_progressive(
                model, sched, 250, sampler=sampler, steps=S, eta=0.0, sigma="beta_tilde",
                generator=torch.Generator().manual_seed(3)):
            want[info["t"]] = (info["x_t"].numpy(), info["x0_pred"].numpy())
            x = info["x_prev"].numpy()
    want[0] = (x, x)
    assert pl["labels"] == sorted(want, reverse=True)  # every step fits: all of them
    by = {(u["trace"], u["prop"]): (u, player_frames(u)) for u in pl["updates"]}
    pred = max(tr for tr, _ in by)
    for k, t in enumerate(pl["labels"]):
        for (trace, prop), ref in (((0, "x"), want[t][0][:, 0]), ((0, "y"), want[t][0][:, 1]),
                                   ((pred, "x"), want[t][1][:, 0]),
                                   ((pred, "y"), want[t][1][:, 1])):
            u, got = by[(trace, prop)]
            np.testing.assert_allclose(got[k], ref, rtol=0, atol=u["scale"] * 0.51,
                                       err_msg=f"t={t} {trace}{prop}")


def test_url_round_trip_and_nonsense_falls_back():
    """A shared link (the settings in the URL; choices by their ids, so a link does not depend
    on the language) opened afresh reproduces model, seed, n, sampler, σ, S, η and t."""
    oracle, sampler, sigma = "oracle", "ddim", "beta"
    query = {"T": "100", "scale": "true", "sampling_model": oracle, "sampling_seed": "5",
             "sampling_n_2d": "500", "sampling_sampler": sampler, "sampling_sigma": sigma,
             "sampling_S": "20", "sampling_eta": "0.5", "sampling_t": "35"}
    fresh = open_page(PAGE, "en", query=query, timeout=120)
    assert not fresh.exception and not fresh.sidebar.warning  # no 'ignored' notice
    ss = fresh.session_state
    assert (ss["sampling_model"], ss["sampling_seed"], ss["sampling_n_2d"],
            ss["sampling_sampler"], ss["sampling_sigma"], ss["sampling_S"],
            ss["sampling_eta"]) == ("oracle", 5, 500, "ddim", "beta", 20, 0.5)
    assert _t_input(fresh).value == 35
    pl = _player(fresh)["player"]
    assert pl["labels"][pl["index"]] == 35  # S = 20 of T = 100: 35 is a stored step
    for bad in ({"sampling_t": "5000"}, {"sampling_seed": "-4"}, {"sampling_model": "nope"},
                {"sampling_S": "100000"}, {"sampling_eta": "7"}):
        at = open_page(PAGE, "en", query={"T": "100", "scale": "true", **bad}, timeout=120)
        assert not at.exception, bad


def test_seed_replays_the_same_trajectory():
    first = _check(_page(state={"sampling_seed": 7})).iloc[1].to_numpy(float)
    again = _check(_page(state={"sampling_seed": 7})).iloc[1].to_numpy(float)
    other = _check(_page(state={"sampling_seed": 8})).iloc[1].to_numpy(float)
    np.testing.assert_array_equal(first, again)
    assert not np.allclose(first, other)


@pytest.mark.parametrize("query", [
    {"T": "1"}, {"T": "2"}, {"schedule": "cosine", "T": "1000"},
    {"T": "50", "beta_1": "0.05", "beta_T": "0.01"},  # β₁ > β_T
    {"T": "10"},  # ᾱ_T close to 1: x_T is not noise
], ids=["T1", "T2", "cosine1000", "beta1_gt_betaT", "xT_not_noise"])
def test_degenerate_schedules_render(query):
    at = _page(query=query, timeout=120)
    T = at.session_state["schedule_obj"].T
    assert T == int(query["T"])
    assert _t_input(at).value == T
    if T == 1:
        assert any(i.value == _text("sampling.t1_note") for i in at.info)
        assert len(at.main.slider) == 1  # η only: S = 1
    if query == {"T": "10"}:
        assert any(w.value.startswith("ᾱ_T = ") for w in at.warning)
    _t_input(at).set_value(1).run()  # the last step, t → 0
    assert not at.exception
    _check_holds(at, rtol=1e-4)
    _check_independent(at)


def test_user_model_is_offered_with_its_own_schedule():
    sched = ddpm_core.Schedule.linear(40, scale_to_T=True)
    model = ddpm_core.MLP2D(width=16, depth=2).eval()
    mine = ModelChoice("user", model, sched, "moons", {})
    at = _page(model="user", state={"user_model": mine})
    label = _text("sampling.model_user", name=_text("data.moons"), kind=_text("sampling.kind_2d"))
    assert at.selectbox(key="sampling_model").format_func("user") == label
    assert any("T = 40" in i.value for i in at.info)  # its schedule, not the sidebar's
    assert _t_input(at).value == 40
    _check_holds(at)


def test_image_model_renders_grids():
    """The image path with a small untrained UNet as the student's model (no checkpoint
    needed): x_t and x̂_0 as image grids, the live check, the σ and DDIM grids."""
    sched = ddpm_core.Schedule.linear(20, beta_T=0.3)
    model = ddpm_core.TinyUNet(channels=8, image_size=8, emb_dim=8).eval()
    mine = ModelChoice("user", model, sched, "digits", {})
    at = _page(model="user", state={"user_model": mine, "sampling_n_img": 16})
    assert at.radio(key="sampling_sampler").value == "ddim"  # images start with DDIM
    charts = chart_specs(at)
    assert len(charts) == 3 and all('"heatmap"' in c for c in charts)
    assert _t_input(at).value == 20
    _check_holds(at, rtol=1e-4, atol=1e-3)
    _t_input(at).set_value(0).run()
    assert not at.exception
    at.radio(key="sampling_sampler").set_value("ddpm").run()
    assert not at.exception
    _t_input(at).set_value(10).run()
    _check_holds(at, rtol=1e-4, atol=1e-3)


def test_pretrained_2d_model_collapses_without_noise():
    names = [n for n in pretrained_names() if n in ddpm_core.TOY_DATASETS]
    if not names:
        pytest.skip("no pretrained 2-D checkpoint in pretrained/ (run the pretrain script)")
    name = "moons" if "moons" in names else names[0]
    at = _page(model=f"pretrained:{name}", n=500, timeout=180)
    assert any("T = " in i.value for i in at.info)  # the model's own schedule is stated
    _check_holds(at)
    sig = _sigma_table(at)
    spread = sig[sig.columns[0]]
    assert spread[_text("sampling.sigma.zero")] < 0.8 * spread[_text("sampling.sigma.beta")]


@pytest.mark.slow
def test_digits_model_renders_a_grid():
    from ui.models import load_pretrained

    digits = [n for n in pretrained_names() if load_pretrained(n).meta.get("dataset") == "digits"]
    if not digits:
        pytest.skip("no pretrained digits checkpoint in pretrained/ (run the pretrain script)")
    at = _page(model=f"pretrained:{digits[0]}", timeout=180,
               state={"sampling_n_img": 16, "sampling_sampler": "ddim"})
    assert any('"heatmap"' in c for c in chart_specs(at))
    _check_holds(at, rtol=1e-3)
    _t_input(at).set_value(0).run()
    assert not at.exception


# ---------------------------------------------------------------------- browser
@pytest.mark.browser
def test_step_through_in_browser(app_server, browser):
    """The player on the sampling page: ←/→ step one frame, Home/End go to t = T and t = 0,
    Space plays to the end, all drawn in the browser with no message to the server until the
    user lets go; then the page follows (the t field, the URL, the step explained)."""
    from test_browser_pages import frame_of, open_player, sent_counter

    oracle = "oracle"  # the model's id in the URL (ui.urlstate.url_choice)
    page = open_player(browser, app_server + "/sampling?T=100&scale=true&sampling_n_2d=250"
                       f"&sampling_model={oracle}", _text("sampling.fig.xt", t=100))
    try:
        sent = sent_counter(page)
        page.evaluate("document.activeElement && document.activeElement.blur()")
        labels = page.evaluate("window.__ddpmPlayer.fig.player.labels")
        assert labels[0] == 100 and labels[-1] == 0
        n0 = sent()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => window.__ddpmPlayer.gd.dataset.frame === '99'",
                               timeout=30_000)
        page.keyboard.press("Shift+ArrowRight")
        page.wait_for_function("() => window.__ddpmPlayer.gd.dataset.frame === '89'",
                               timeout=30_000)
        page.keyboard.press("ArrowLeft")
        page.wait_for_function("() => window.__ddpmPlayer.gd.dataset.frame === '90'",
                               timeout=30_000)
        assert sent() == n0  # not one message while stepping (the report waits for a pause)
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=\"stNumberInput\"] input')]"
            ".some(e => e.value === '90')", timeout=60_000)  # reported when the keys rest
        assert "sampling_t=90" in page.url or page.wait_for_function(
            "() => location.search.includes('sampling_t=90')", timeout=30_000)
        page.keyboard.press("Home")
        page.wait_for_function("() => window.__ddpmPlayer.gd.dataset.frame === '100'",
                               timeout=30_000)
        page.evaluate("window.__ddpmPaints = []")
        n1 = sent()
        page.keyboard.press(" ")  # play from t = T to t = 0
        page.wait_for_function("() => window.__ddpmPlayer.gd.dataset.frame === '0'",
                               timeout=120_000)
        paints = page.evaluate("window.__ddpmPaints")
        assert len({p["frame"] for p in paints}) >= 5  # it moved through the chain
        page.get_by_text(_text("sampling.done", sec="")[:8]).first.wait_for(timeout=60_000)
        assert sent() - n1 >= 1  # reported once it stopped
        assert frame_of(page) == "0"
        dt = (paints[-1]["t"] - paints[0]["t"]) / 1000
        print(f"sampling play: {len(paints)} frames in {dt:.2f} s "
              f"({(len(paints) - 1) / max(dt, 1e-9):.1f} per s, page clock)")
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()


def test_outside_caption_uses_the_eps_amplification():
    """x̂_0 = (x_t − √(1−ᾱ_t) ε_θ)/√ᾱ_t: an ε error is multiplied by √((1−ᾱ_t)/ᾱ_t) (the
    factor of the ε-objective page and FORMULAS.md §d), not 1/√ᾱ_t. An untrained network's
    guesses at t = T leave the picture; the caption shows the right factor."""
    sched = ddpm_core.Schedule.linear(40, scale_to_T=True)
    torch.manual_seed(0)
    model = ddpm_core.MLP2D(width=16, depth=2).eval()
    at = _page(model="user", state={"user_model": ModelChoice("user", model, sched, "moons", {})})
    checked = 0
    for step in (40, 20, 10, 5, 3):  # where √((1−ᾱ)/ᾱ) and 1/√ᾱ differ in 3 digits
        _t_input(at).set_value(step).run()
        ab = _alpha_bar(sched, step)
        amp, wrong = math.sqrt((1 - ab) / ab), 1 / math.sqrt(ab)
        caps = [c.value for c in at.caption if "outside the picture" in c.value]
        if not caps or f"{amp:.3g}" == f"{wrong:.3g}":
            continue
        assert caps[0].endswith(f"= {amp:.3g}."), (step, caps[0], amp)
        checked += 1
    assert checked, "no step with guesses outside the picture and distinct factors"


def test_ddim_reading_states_calls_without_n_times_fewer():
    at = _page(lang="zh")
    line = next(m.value for m in at.markdown if m.value.startswith("DDIM 调用网络"))
    assert "变为原来的 1/2" in line and "少了" not in line  # S = 50 of T = 100


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_algorithm_2_is_shown_in_the_page_language(lang):
    at = _page(lang)
    shown = [x.value.strip("$\n") for x in at.latex]
    assert _text("ov.alg2_latex", lang) in shown
    if lang == "zh":
        assert not any("end for" in x for x in shown)


def _spread(x) -> float:
    flat = np.asarray(x, np.float64).reshape(len(x), -1)
    return float(np.sqrt(flat.var(0).mean()))


def test_a_new_seed_shows_progress_and_the_previous_results_then_its_own():
    """Issue 10, item 6: the step-through's chain and the full chains of sections 2 and 3 run
    behind the page. A rerun that does not wait for them (sampling_wait_s = 0) shows progress
    bars naming the new seed and keeps the previous seed's results, said to be the previous
    ones; once the chains are done the page shows the new seed's own samples (their spread
    recomputed here by the engine) and its own trajectory."""
    at = _page(state={"sampling_seed": 3})
    old, old_check = _sigma_table(at), _check(at).to_numpy(float)
    assert not at.get("progress")
    at.session_state["sampling_wait_s"] = 0
    at.number_input(key="sampling_seed").set_value(4).run()
    assert not at.exception
    bars = [p.proto.text for p in at.get("progress")]
    expected = {_text("sampling.pending", seed=4, k=k, m=m) for m in (2, 3) for k in range(m)}
    expected |= {_text("sampling.pending_traj", seed=4, p=p) for p in range(101)}
    assert bars and set(bars) <= expected, bars
    assert any(c.value == _text("sampling.pending_old", seed=3) for c in at.caption)
    shown = _sigma_table(at)  # the previous seed's table, unchanged
    assert shown.equals(old)
    np.testing.assert_array_equal(_check(at).to_numpy(float), old_check)  # and step-through
    assert sum(c.value == _text("sampling.pending_old", seed=3) for c in at.caption) == 3
    for _ in range(600):  # the page's own polls, as the browser makes them (bounded)
        if not at.get("progress"):
            break
        time.sleep(0.1)
        at.run()
    assert not at.get("progress") and not at.exception
    assert not any(c.value == _text("sampling.pending_old", seed=3) for c in at.caption)
    sched = at.session_state["schedule_obj"]
    model = ddpm_core.OracleEps(ddpm_core.mixture("8gaussians"), sched)
    new = _sigma_table(at)
    col = new.columns[0]
    for sg in ("beta", "zero"):
        x = ddpm_core.sample(model, sched, 250, sigma=sg,
                             generator=torch.Generator().manual_seed(4))
        row = _text(f"sampling.sigma.{sg}")
        assert new.loc[row, col] == pytest.approx(_spread(x), rel=1e-5)
        assert new.loc[row, col] != old.loc[row, col]
    again = _page(state={"sampling_seed": 4})  # the same seed, waited for in one rerun
    np.testing.assert_array_equal(_check(at).to_numpy(float), _check(again).to_numpy(float))
