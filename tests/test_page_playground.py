"""Page 8, the training playground: real training in a background thread, stop, sampling,
download -> upload, bad uploads, and two sessions training at once."""

from __future__ import annotations

import re
import time

import pytest
import torch
from apptest_util import chart_specs, open_page
from streamlit.testing.v1 import AppTest

import ddpm_core
from ui.i18n import catalog
from ui.training_job import STOP_WAIT_S

PAGE = "views/playground.py"


def _text(key: str, lang: str) -> str:
    return catalog()[key][lang]


def _page(lang: str = "en", T: int = 100) -> AppTest:
    """The playground with a short schedule (T = 100) so sampling in tests is quick."""
    return open_page(PAGE, lang, query={"T": T}, timeout=90)


def _train(at: AppTest, steps: int = 100, dataset: str = "moons", wait: bool = True):
    at.selectbox(key="play_dataset").set_value(dataset).run()
    at.select_slider(key="play_steps").set_value(steps).run()
    at.select_slider(key="play_batch").set_value(128).run()
    at.button(key="play_train").click().run()
    assert not at.exception, at.exception
    job = at.session_state["play_job"]
    if wait:
        assert job.join(120), "training did not finish"
        at.run()
        assert not at.exception, at.exception
    return job


def _scored(at: AppTest) -> dict:
    """Wait for the ScoreJob of the student's model (a worker process), then redraw the page."""
    job = at.session_state["play_score"][1]
    assert job.join(600), "scoring did not finish"
    at.run()
    assert not at.exception, at.exception
    assert job.error is None, job.error
    return job.result


def _state(model) -> dict:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_renders_and_every_slider_moves(lang):
    at = _page(lang)
    assert at.header[0].value == _text("play.title", lang)
    assert any(_text("play.no_model", lang) == i.value for i in at.info)
    for s in list(at.slider) + list(at.select_slider):
        for v in (s.min, s.max) if hasattr(s, "min") else (s.options[0], s.options[-1]):
            s.set_value(v if not hasattr(s, "options") else type(s.value)(v)).run()
            assert not at.exception, (s.label, v, at.exception)
    at.selectbox(key="play_dataset").set_value("digits").run()
    assert not at.exception, at.exception
    # the dataset change applied the digits settings and shows the U-Net's channels
    assert at.select_slider(key="play_steps").value == 1000
    assert at.select_slider(key="play_channels").value == 16
    assert len(at.get("image")) == 1  # the digits data grid


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_train_a_tiny_model_and_sample(lang):
    at = _page(lang)
    job = _train(at, steps=100)
    snap = job.snapshot()
    assert snap.status == "done" and snap.steps_done == 100
    assert len(snap.losses) >= 4 and all(v > 0 for v in snap.losses)
    assert any(_text("play.done", lang).split("{")[0] in s.value for s in at.success)
    mine = at.session_state["user_model"]
    assert mine.dataset == "moons" and mine.schedule.T == 100  # the sidebar's schedule
    assert mine.meta["train_steps"] == 100
    assert all(not p.requires_grad for p in mine.model.parameters())
    # samples were drawn right away and scored against the noise floor (in a thread)
    x = at.session_state["play_samples"][1]
    assert x.shape == (2000, 2) and torch.isfinite(x).all()
    assert any(_text("play.scoring", lang).split("{")[0] in i.value for i in at.info)
    q = _scored(at)
    table = at.dataframe[-1].value
    assert list(table.columns) == [_text("play.floor_row", lang), _text("play.model_row", lang),
                                   _text("play.ratio_row", lang)]
    assert (table.iloc[:, 2] > 0).all()
    assert table.iloc[0].tolist() == pytest.approx([q["swd_floor"], q["swd"], q["swd_ratio"]])
    # a second sampler on the same model redraws without exception
    at.radio(key="play_sampler").set_value("ddim").run()
    assert not at.exception, at.exception
    assert at.session_state["play_samples"][1].shape == (2000, 2)


def test_loss_floor_drawn_for_mixture_data():
    at = _page()
    job = _train(at, steps=250, dataset="8gaussians")
    fig = chart_specs(at)
    assert fig, "no charts"
    floor_text = [c.value for c in at.caption if "ε*" in c.value]
    assert floor_text, "the floor caption is missing"
    floor = float(floor_text[0].split("loss ")[1].split(":")[0])
    mix, sched = ddpm_core.mixture("8gaussians"), job.schedule
    exact = float(ddpm_core.loss_floor(mix, sched, 2000, torch.Generator().manual_seed(5))[1:]
                  .mean())
    assert abs(floor - exact) < 0.01, (floor, exact)
    tail = job.snapshot().losses[-20:]  # 40 steps of 128 draws: no network beats ε*
    assert sum(tail) / len(tail) > floor - 0.02


def test_stop_is_shown_by_the_click_itself_and_keeps_a_usable_model():
    """Issue 14: Stop shown within 1 s. The worker sees the stop before its next step and
    sends the weights back; the click's run waits for them (at most STOP_WAIT_S), so the run
    the click started already shows "stopped" -- no wait for the next progress poll. No
    timed assertion but the issue's own 1 s, with a generous margin (5 s) for a loaded
    2-core machine; the "shown by the click" check applies when the worker answered within
    the click's wait, and otherwise the page must show it by the next polls."""
    at = _page()
    job = _train(at, steps=10000, wait=False)
    deadline = time.monotonic() + 120
    while job.snapshot().steps_done < 50:
        assert time.monotonic() < deadline, "training made no progress in 120 s"
        time.sleep(0.05)
    t_click = time.perf_counter()
    at.button(key="play_stop").click().run()
    assert not at.exception, at.exception
    assert job.join(5.0), f"the worker had not stopped 5 s after Stop: {job.snapshot()}"
    snap = job.snapshot()
    assert snap.status == "stopped" and snap.steps_done < 10000
    stopped = _text("play.stopped", "en").split("{")[0]  # "Stopped after "
    shown = [w.value for w in at.warning if w.value.startswith(stopped)]
    if job._t1 - t_click <= 0.9 * STOP_WAIT_S:  # answered inside the click's wait
        print("the worker answered in", round(job._t1 - t_click, 3), "s: shown by the click")
        assert shown, ("the click's own run did not show the stop",
                       [w.value for w in at.warning])
    deadline = time.monotonic() + 60
    while not shown:  # a slow worker: the next polls show it
        assert time.monotonic() < deadline, "the page never showed the stop"
        at.run()
        shown = [w.value for w in at.warning if w.value.startswith(stopped)]
    assert str(snap.steps_done) in shown[0]
    mine = at.session_state["user_model"]
    assert mine.model is job.result
    assert mine.meta["stopped"] and mine.meta["train_steps"] == snap.steps_done
    assert torch.isfinite(at.session_state["play_samples"][1]).all()


def test_model_survives_page_switches():
    at = _page()
    job = _train(at, steps=10000, wait=False)
    at.switch_page("views/forward.py").run()  # leave while it trains
    # it goes on training in its worker while the student is away (the pool may still be
    # starting on a loaded machine: a job stopped before its first step has nothing to keep)
    deadline = time.monotonic() + 120
    while job.snapshot().steps_done < 50:
        assert time.monotonic() < deadline, "training made no progress in 120 s"
        time.sleep(0.05)
    job.stop()
    assert job.join(10)
    assert job.result is not None
    at.switch_page("views/posterior.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    mine = at.session_state["user_model"]
    assert mine.model is job.result and mine.meta["stopped"]


def test_download_upload_round_trip_and_bad_uploads():
    at = _page()
    _train(at, steps=50)
    mine = at.session_state["user_model"]
    before = _state(mine.model)
    model, blob = at.session_state["play_blob"]  # the bytes the download button serves
    assert model is mine.model
    at.file_uploader(key="play_upload").set_value(
        ("mine.safetensors", blob, "application/octet-stream")).run()
    assert not at.exception, at.exception
    back = at.session_state["user_model"]
    assert back.model is not mine.model and back.meta["source"] == "uploaded"
    assert back.dataset == "moons" and back.schedule.config() == mine.schedule.config()
    after = _state(back.model)
    assert before.keys() == after.keys()
    assert all(torch.equal(before[k], after[k]) for k in before)
    # bad files: a message naming the file, no traceback, the model is kept
    for name, data in [("junk.safetensors", b"not a checkpoint at all"),
                       ("cut.safetensors", blob[: len(blob) // 2]),
                       ("empty.safetensors", b"")]:
        at.file_uploader(key="play_upload").set_value(
            (name, data, "application/octet-stream")).run()
        assert not at.exception, (name, at.exception)
        errors = [e.value for e in at.error]
        assert any(name in e for e in errors), (name, errors)
        assert at.session_state["user_model"] is back


def test_two_sessions_train_at_once_without_touching_each_other():
    a, b = _page(), _page()
    ja = _train(a, steps=1000, dataset="moons", wait=False)
    jb = _train(b, steps=1000, dataset="checkerboard", wait=False)
    assert ja.snapshot().running and jb.snapshot().running  # at the same time (or queued)
    assert ja.join(120) and jb.join(120)
    a.run()
    b.run()
    ma, mb = a.session_state["user_model"], b.session_state["user_model"]
    assert ma.dataset == "moons" and mb.dataset == "checkerboard"
    assert ma.model is not mb.model
    assert not all(torch.equal(p, q) for p, q in
                   zip(ma.model.parameters(), mb.model.parameters(), strict=True))
    # a new run in one session leaves the other session's model untouched
    frozen = _state(mb.model)
    _train(a, steps=100, dataset="moons")
    assert b.session_state["user_model"] is mb
    assert all(torch.equal(frozen[k], v) for k, v in mb.model.state_dict().items())
    # and each run used the data it was asked for
    assert ja.data.shape == jb.data.shape == (20000, 2)
    assert not torch.equal(ja.data, jb.data)


# ------------------------------------------------------------ scored as the benchmark scores
def test_score_is_the_benchmarks_five_repeats():
    """The page's score of a model equals ddpm_core.compare_to_floor over 5 repeats of 2,000
    DDPM samples (the benchmark's measure), recomputed here from the model; a page scoring a
    single repeat, or with a floor from other true draws, fails."""
    from ui.training_job import SCORE_N, SCORE_REPEATS, ScoreJob

    assert (SCORE_N, SCORE_REPEATS) == (2000, 5)
    torch.manual_seed(0)
    sched = ddpm_core.Schedule.linear(20)
    g = torch.Generator().manual_seed(0)
    model = ddpm_core.MLP2D(width=32, depth=2)
    ddpm_core.train(model, sched, ddpm_core.toy_2d("moons", 2000, g), 100, batch_size=128,
                    generator=g)
    model.eval().requires_grad_(False)
    job = ScoreJob(model, sched, "moons").start()
    assert job.join(600) and job.error is None
    # on one thread, as the worker computes (a sum split over 2 threads may differ in the
    # last bits: this process has 2 when an earlier page ran ui.compute.set_threads on an
    # idle machine)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        x = ddpm_core.sample(model, sched, SCORE_N * SCORE_REPEATS,
                             generator=torch.Generator().manual_seed(1))
        ref = ddpm_core.compare_to_floor(list(x.split(SCORE_N)),
                                         lambda n, gen: ddpm_core.toy_2d("moons", n, gen),
                                         n=SCORE_N, repeats=SCORE_REPEATS, seed=0)
    finally:
        torch.set_num_threads(threads)
    assert job.result.keys() == ref.keys()
    for k in ref:
        assert job.result[k] == pytest.approx(ref[k], rel=1e-12), k


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_uploader_states_one_limit_and_bad_files_are_translated(lang):
    at = _page(lang)
    up = at.file_uploader(key="play_upload")
    mb = ddpm_core.checkpoints.MAX_BYTES // 2**20
    assert up.proto.max_upload_size_mb == mb
    assert f"{mb} MB" in up.label and f"{mb} MB" in at.markdown[-1].value or any(
        f"{mb} MB" in m.value for m in at.markdown)
    for name, data, reason in [("junk.safetensors", b"not a checkpoint at all",
                                "play.ckpt.not_safetensors"),
                               ("empty.safetensors", b"", "play.ckpt.empty")]:
        at.file_uploader(key="play_upload").set_value(
            (name, data, "application/octet-stream")).run()
        assert not at.exception, at.exception
        errors = [e.value for e in at.error if name in e.value]
        assert len(errors) == 1, [e.value for e in at.error]
        assert _text(reason, lang) in errors[0]  # the right reason, in the page's language
        if lang == "zh":  # no English exception text inside the Chinese message
            rest = errors[0].replace(name, "").replace("safetensors", "")
            assert not re.search(r"[A-Za-z]{3,}", rest), rest


def test_chinese_model_line_has_catalog_names():
    at = _page("zh")
    _train(at, steps=50)
    line = [m.value for m in at.markdown if m.value.startswith("**你的模型**")]
    assert len(line) == 1
    assert _text("data.moons", "zh") in line[0] and _text("kind.linear", "zh") in line[0]
    assert "上上" not in line[0] and "moons" not in line[0] and "linear" not in line[0]
    model, blob = at.session_state["play_blob"]
    at.file_uploader(key="play_upload").set_value(
        ("mine.safetensors", blob, "application/octet-stream")).run()
    line = [m.value for m in at.markdown if m.value.startswith("**你的模型**")]
    assert _text("play.source.uploaded", "zh") in line[0] and "上上" not in line[0]
