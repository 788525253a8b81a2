"""Benchmark of the app: `python3 scripts/bench_app.py [--quick] [--json PATH]`.

Prints medians of the figures issues 3 and 4 ask for and writes them as JSON:
- `streamlit run app.py` until /_stcore/health answers (fresh process each time);
- every page's first render in AppTest after the app is warm (caches filled by an earlier
  session, as for the second student), and a rerun after moving each of the page's sliders
  (server side: AppTest reruns the whole script, so this bounds a fragment's rerun; page
  scripts are compiled once, as the real server does);
- in chromium against a real server: slider key press -> chart redrawn, per page;
- the playground's default run in the server while another session reruns pages
  (responsiveness during training);
- the player (issue 10) in chromium: a t change -> the painted frame; frames per second of
  play over 10 s; the page's rerun after the player reports its t (forward, sampling 2-D);
- the sampling page after a new seed (server side): the default 2-D model, the digits
  model, the page opened with a student's own 2-D model (the rerun, and until every section
  holds the new results); and the same new seed in chromium against a real server, until no
  section shows a progress bar (the browser shares the 2 cores; their CPU is printed);
- the pretrained digits model: 64 samples with DDIM 50 steps.
Run it on an idle machine: every figure is wall-clock time.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import torch  # noqa: E402
from streamlit.runtime.scriptrunner import script_cache  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

# A real server compiles each page script once (ScriptCache); AppTest makes a new cache for
# every run, which would add each page's compile time (up to 0.14 s) to every rerun here.
_compiled: dict = {}
_get_bytecode = script_cache.ScriptCache.get_bytecode


def _cached_bytecode(self, script_path):
    if script_path not in _compiled:
        _compiled[script_path] = _get_bytecode(self, script_path)
    return _compiled[script_path]


script_cache.ScriptCache.get_bytecode = _cached_bytecode

APP = str(ROOT / "app.py")
PAGES = ["overview", "mle", "elbo", "forward", "posterior", "objective", "sampling",
         "playground"]
BROWSER_PAGES = PAGES
# Timing a redraw in the page's own clock: a key press starts the clock; the first DOM change
# inside a plotly chart after it, plus the animation frame that paints it, stops it.
# (Polling the chart fingerprint, conftest.CHARTS_JS, on every frame would serialise every
# chart's SVG 60 times a second and slow the very redraw it times, by up to half a second on
# the sampling page.)
TIMER_JS = """() => {
  if (window.__redraw) return;
  window.__redraw = {key: null, chart: null};
  document.addEventListener('keydown', () => {
    window.__redraw = {key: performance.now(), chart: null};
  }, true);
  const inChart = (n) => {
    const el = n && (n.nodeType === 1 ? n : n.parentElement);
    return !!(el && el.closest('.js-plotly-plot'));
  };
  new MutationObserver((muts) => {
    const r = window.__redraw;
    if (r.key === null || r.chart !== null || r.pending) return;
    if (muts.some(m => inChart(m.target))) {
      r.pending = true;
      requestAnimationFrame(() => { r.chart = performance.now(); });
    }
  }).observe(document.body, {subtree: true, childList: true, attributes: true,
                             characterData: true});
}"""


def _med(xs) -> float:
    return statistics.median(xs) if xs else float("nan")


def _fresh(page: str) -> tuple[AppTest, float]:
    at = AppTest.from_file(APP, default_timeout=300)
    t0 = time.perf_counter()
    at.run()
    if page != "overview":
        t0 = time.perf_counter()  # time the page itself, not the landing page before it
        at.switch_page(f"views/{page}.py").run()
    dt = time.perf_counter() - t0
    assert not at.exception, (page, at.exception)
    return at, dt


def bench_healthy(repeats: int) -> float:
    from conftest import _free_port, start_server, wait_healthy

    times = []
    for _ in range(repeats):
        port = _free_port()
        t0 = time.perf_counter()
        proc = start_server(ROOT / "app.py", port)
        try:
            wait_healthy(port, 60)
            times.append(time.perf_counter() - t0)
        finally:
            proc.terminate()
            proc.wait(10)
    return _med(times)


def bench_pages(repeats: int) -> dict:
    out = {}
    for page in PAGES:
        _fresh(page)  # warm: module imports, st.cache_data / cache_resource entries
        firsts = [_fresh(page)[1] for _ in range(repeats)]
        at, _ = _fresh(page)
        reruns = []
        for s in list(at.slider) + list(at.select_slider):
            if getattr(s, "disabled", False):
                continue
            options = getattr(s, "options", None)
            values = (options[0], options[-1]) if options else (s.min, s.max)
            for v in values * max(1, repeats // 2):
                s.set_value(type(s.value)(v) if options else v)
                t0 = time.perf_counter()
                at.run()
                reruns.append(time.perf_counter() - t0)
        out[page] = {"first_render_s": _med(firsts), "slider_rerun_s": _med(reruns),
                     "n_reruns": len(reruns)}
        print(f"  {page:<11} first render {out[page]['first_render_s']:.3f} s   "
              f"slider rerun {out[page]['slider_rerun_s']:.3f} s ({len(reruns)} reruns)",
              flush=True)
    return out


@contextlib.contextmanager
def _served_chromium():
    """A `streamlit run app.py` on a free port and Debian's chromium: (port, browser, the
    server's process)."""
    from conftest import CHROMIUM_ARGS, _free_port, start_server, wait_healthy
    from playwright.sync_api import sync_playwright

    port = _free_port()
    proc = start_server(ROOT / "app.py", port)
    try:
        wait_healthy(port, 60)
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                  args=CHROMIUM_ARGS)
            try:
                yield port, b, proc
            finally:
                b.close()
    finally:
        proc.terminate()
        proc.wait(10)


def bench_browser(repeats: int) -> dict:
    from conftest import CHARTS_JS

    out = {}
    with _served_chromium() as (port, b, _):
        page = b.new_page(viewport={"width": 1400, "height": 1600})
        for name in [p for p in PAGES if p in BROWSER_PAGES]:
            if name == "playground":
                continue  # its sliders set up a run; they draw no chart
            for _ in range(2):  # the second visit is the warm one
                page.goto(f"http://127.0.0.1:{port}/{name if name != 'overview' else ''}")
                page.locator('[data-testid="stMain"] h1, [data-testid="stMain"] h2'
                             ).first.wait_for(timeout=120_000)
                page.wait_for_function("() => !document.querySelector("
                                       "'[data-testid=\"stStatusWidget\"]')",
                                       timeout=120_000)
                page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
            sliders = page.locator('[data-testid="stMain"] [data-testid="stSlider"] '
                                   'input[type="range"]')
            if name == "overview":
                sliders = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"] '
                                       'input[type="range"]')
            if name == "sampling":  # the step-through slider, not the sampler settings
                sliders = page.locator('[data-testid="stMain"] input[type="range"]'
                                       '[aria-label^="t (from T"]')
            if sliders.count() == 0:
                continue
            slider, times = sliders.first, []
            page.evaluate(TIMER_JS)
            for i in range(repeats * 2):
                page.wait_for_timeout(600)  # the previous run has settled
                before = page.evaluate(CHARTS_JS)
                slider.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
                try:
                    page.wait_for_function("() => window.__redraw.chart !== null",
                                           timeout=20_000, polling=50)
                except Exception:  # noqa: BLE001 - at an end of its range: other way
                    continue
                r = page.evaluate("() => window.__redraw")
                page.wait_for_timeout(800)
                if page.evaluate(CHARTS_JS) == before:
                    continue  # no chart changed: not a redraw
                times.append((r["chart"] - r["key"]) / 1000)
            out[name] = _med(times)
            print(f"  {name:<11} slider -> chart redrawn {out[name] * 1000:.0f} ms "
                  f"({len(times)} moves)", flush=True)
    return out


# The player's figures (issue 10), in the page's own clock:
# - scrub: a t change on the player's slider (an input event) -> the frame painted (the
#   Plotly.react promise, then the next animation frame);
# - play: frames painted per second over 10 s of play (speed 1, restarted at the end);
# - report: the slider let go (its change event) -> the page's rerun finished (Streamlit's
#   running indicator gone): the server's rerun plus the round trip.
SCRUB_JS = """async (n) => {
  const S = window.__ddpmPlayer, labels = S.fig.player.labels, out = [];
  const painted = (v) => new Promise((ok) => { const look = () => {
    const log = window.__ddpmPaints || [];
    if (log.length && log[log.length - 1].frame === v && !S.busy)
      requestAnimationFrame(() => ok(performance.now())); else requestAnimationFrame(look); };
    look(); });
  for (let k = 0; k < n; k++) {
    let i = Math.floor(Math.random() * labels.length);
    if (i === S.idx) i = (i + 1) % labels.length;
    await new Promise((ok) => setTimeout(ok, 60));
    const t0 = performance.now();
    S.slider.value = String(i);
    S.slider.dispatchEvent(new Event('input'));
    out.push((await painted(labels[i])) - t0);
  }
  return out;
}"""
PLAY_JS = """async (seconds) => {
  const S = window.__ddpmPlayer;
  S.speedSel.value = '1';
  window.__ddpmPaints = [];
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    if (!S.playing) S.playBtn.click();
    await new Promise((ok) => setTimeout(ok, 100));
  }
  if (S.playing) S.playBtn.click();
  const n = window.__ddpmPaints.filter((p) => p.t >= t0 && p.t <= t0 + seconds * 1000).length;
  return n / seconds;
}"""
REPORT_JS = """async () => {
  const S = window.__ddpmPlayer, labels = S.fig.player.labels;
  const i = (S.idx + 1) % labels.length, v = String(labels[i]);
  S.slider.value = String(i);
  S.slider.dispatchEvent(new Event('input'));
  let sent = null;
  const own = S.setStateValue;
  S.setStateValue = (k, x) => { sent = performance.now(); S.setStateValue = own; own(k, x); };
  S.slider.dispatchEvent(new Event('change'));
  // the page has rerun with the reported t: its t field shows it and the run is over
  const done = () => sent !== null && [...document.querySelectorAll(
      '[data-testid="stNumberInput"] input')].some((e) => e.value === v)
    && !document.querySelector('[data-testid="stStatusWidget"]');
  const t0 = performance.now();
  while (!done()) {
    if (performance.now() - t0 > 30000) return null;
    await new Promise((ok) => requestAnimationFrame(ok));
  }
  return performance.now() - sent;
}"""
PLAYER_PAGES = {"forward": "forward?T=1000",
                "sampling 2-D, 500 points": "sampling?sampling_n_2d=500"}


def bench_player(repeats: int) -> dict:
    out = {}
    with _served_chromium() as (port, b, _):
        for name, path in PLAYER_PAGES.items():
            page = b.new_page(viewport={"width": 1280, "height": 720})
            page.goto(f"http://127.0.0.1:{port}/{path}")
            page.wait_for_function("() => window.__ddpmPlayer && window.__ddpmPlayer.P",
                                   timeout=300_000)
            page.wait_for_function("() => !document.querySelector("
                                   "'[data-testid=\"stStatusWidget\"]')", timeout=300_000)
            scrub = page.evaluate(SCRUB_JS, 10 * repeats)
            fps = page.evaluate(PLAY_JS, 10)
            page.wait_for_function("() => !document.querySelector("
                                   "'[data-testid=\"stStatusWidget\"]')", timeout=300_000)
            page.wait_for_timeout(1000)
            reports = []
            for _ in range(repeats):
                r = page.evaluate(REPORT_JS)
                if r is not None:
                    reports.append(r / 1000)
                page.wait_for_timeout(500)
            out[name] = {"scrub_ms": _med(scrub), "play_fps": fps,
                         "report_rerun_s": _med(reports) if reports else None}
            print(f"  {name:<26} scrub -> painted {_med(scrub):.0f} ms ({len(scrub)}), "
                  f"play {fps:.1f} frames/s over 10 s, report -> rerun done "
                  + (f"{_med(reports) * 1000:.0f} ms" if reports else "n/a"), flush=True)
            page.close()
    return out


def _student_model():
    """A student's own 2-D model as the playground leaves it: an MLP2D trained by the engine
    (a short run on moons, the default linear schedule with T = 1000)."""
    import ddpm_core
    from ui.models import ModelChoice

    sched = ddpm_core.Schedule.linear(1000)
    g = torch.Generator().manual_seed(0)
    model = ddpm_core.MLP2D(width=64, depth=2)
    ddpm_core.train(model, sched, ddpm_core.toy_2d("moons", 2000, g), steps=200,
                    batch_size=256, generator=g)
    return ModelChoice("user", model.eval().requires_grad_(False), sched, "moons",
                       {"kind": "2d"})


def _seed_case(at: AppTest, repeats: int, first: int) -> tuple[list, list]:
    """New seeds on an open sampling page: (rerun seconds, seconds until every section holds
    the new seed's results: the rerun, plus the page's own polls while chains run behind)."""
    times, ready = [], []
    for k in range(repeats):
        at.number_input(key="sampling_seed").set_value(first + k)
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
        assert not at.exception, at.exception
        _until_ready(at)
        ready.append(time.perf_counter() - t0)
    return times, ready


def _pending(at: AppTest) -> bool:
    """True while the page says that a section is still being computed (its progress bar)."""
    return any(getattr(p, "proto", None) is not None for p in at.get("progress"))


def _until_ready(at: AppTest) -> None:
    """Wait for the chains the page runs behind it (the Futures the session keeps), then rerun
    as the page's own poll would: the browser polls with a fragment, not a whole rerun."""
    deadline = time.perf_counter() + 300
    while _pending(at) and time.perf_counter() < deadline:
        for _, fut in at.session_state["sampling_jobs"]:
            with contextlib.suppress(Exception):
                fut.exception(timeout=max(0.0, deadline - time.perf_counter()))
        at.run()


def _warm_done(timeout: float = 300) -> None:
    """Wait for the server's one-off warm-up thread (ui/warmup.py, started by the first run of
    app.py), so that the seeds are timed on a settled server, not beside its warm-up."""
    for th in threading.enumerate():
        if th.name == "ddpm-warmup":
            th.join(timeout)


def bench_seed(repeats: int) -> dict:
    """The sampling page's rerun after a new seed (issue 10, item 6), server side (AppTest runs
    the script as the server does, after the server's warm-up has ended), each seed new to the
    caches: the default 2-D model and n;
    the pretrained digits model (its default sampler); and the page opened with a student's
    own 2-D model (T = 1000, trained by the engine), then a new seed on it."""
    out = {}
    at, _ = _fresh("sampling")
    _until_ready(at)
    _warm_done()
    times, ready = _seed_case(at, repeats, 1000)
    n = at.session_state["sampling_n_2d"] if "sampling_n_2d" in at.session_state else None
    out.update({"new_seed_s": _med(times), "new_seed_ready_s": _med(ready),
                "model": at.session_state["sampling_model"], "n": n})
    print(f"  sampling, a new seed ({out['model']}, n = {n}): rerun {_med(times):.2f} s, "
          f"every section ready {_med(ready):.2f} s (median of {len(times)})", flush=True)

    at = AppTest.from_file(APP, default_timeout=300)
    at.session_state["sampling_model"] = "pretrained:digits"
    at.run()
    at.switch_page("views/sampling.py").run()
    assert not at.exception, at.exception
    times, ready = _seed_case(at, repeats, 2000)
    out.update({"digits_new_seed_s": _med(times), "digits_new_seed_ready_s": _med(ready),
                "digits_sampler": at.session_state["sampling_sampler"]})
    print(f"  sampling, a new seed (pretrained:digits, {out['digits_sampler']}): rerun "
          f"{_med(times):.2f} s, every section ready {_med(ready):.2f} s", flush=True)

    opened, opened_ready = [], []
    mine = _student_model()
    for _ in range(repeats):
        mine.model.out.bias.data += 1e-4  # another model each time (new to the caches)
        at = AppTest.from_file(APP, default_timeout=300)
        at.session_state["user_model"] = mine
        at.session_state["sampling_model"] = "user"
        at.run()
        t0 = time.perf_counter()
        at.switch_page("views/sampling.py").run()
        opened.append(time.perf_counter() - t0)
        assert not at.exception, at.exception
        assert at.session_state["sampling_model"] == "user"
        _until_ready(at)
        opened_ready.append(time.perf_counter() - t0)
    times, ready = _seed_case(at, repeats, 3000)
    out.update({"user_open_s": _med(opened), "user_open_ready_s": _med(opened_ready),
                "user_new_seed_s": _med(times), "user_new_seed_ready_s": _med(ready)})
    print(f"  sampling, opened with the student's own 2-D model (T = 1000): "
          f"{_med(opened):.2f} s, every section ready {_med(opened_ready):.2f} s; a new seed "
          f"on it: rerun {_med(times):.2f} s, ready {_med(ready):.2f} s", flush=True)
    return out


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _chromium_cpu_s() -> float:
    pids = subprocess.run(["pgrep", "-f", "chromium"], capture_output=True, text=True).stdout
    return sum(_cpu_s(int(p)) for p in pids.split())


def _until_idle(pid: int, timeout: float = 300) -> float:
    """Wait until the server has used < 0.1 s of CPU in 2 s (its warm-up thread has ended)."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        c0 = _cpu_s(pid)
        time.sleep(2)
        if _cpu_s(pid) - c0 < 0.1:
            break
    return time.perf_counter() - t0


def bench_seed_browser(repeats: int) -> dict:
    """The sampling page's new seed in chromium against a real server, as a student sees it:
    Enter in the seed field -> no section shows a progress bar any more (every section holds
    the new seed's results; the page notices at its next poll, every POLL_S). The browser runs
    on the same 2 cores as the server, without a GPU (software WebGL): the CPU both use in
    that time is printed beside it. Default settings (pretrained moons)."""
    times, cpu_server, cpu_browser = [], [], []
    bars = '[data-testid="stProgress"]'
    with _served_chromium() as (port, b, proc):
        page = b.new_page(viewport={"width": 1280, "height": 720})
        page.goto(f"http://127.0.0.1:{port}/sampling")
        box = page.locator('[data-testid="stNumberInput"]').filter(has_text="Seed").locator(
            "input")
        box.wait_for(timeout=120_000)
        _until_idle(proc.pid)

        def settled() -> None:
            page.wait_for_function(f"() => !document.querySelector('{bars}, "
                                   "[data-testid=\"stStatusWidget\"]')", timeout=120_000,
                                   polling=25)

        settled()
        for seed in range(7000, 7000 + repeats + 1):
            page.wait_for_timeout(500)
            box.fill(str(seed))
            c_srv, c_br = _cpu_s(proc.pid), _chromium_cpu_s()
            t0 = time.perf_counter()
            box.press("Enter")
            page.locator(bars).first.wait_for(timeout=30_000)  # the new seed's run began
            settled()
            if seed > 7000:  # the first is a warm-up (the page's first new seed)
                times.append(time.perf_counter() - t0)
                cpu_server.append(_cpu_s(proc.pid) - c_srv)
                cpu_browser.append(_chromium_cpu_s() - c_br)
    out = {"seed_browser_s": _med(times), "server_cpu_s": _med(cpu_server),
           "chromium_cpu_s": _med(cpu_browser)}
    print(f"  sampling, a new seed in chromium (pretrained:moons, defaults): every section "
          f"ready {out['seed_browser_s']:.2f} s (median of {len(times)}); CPU meanwhile: "
          f"server {out['server_cpu_s']:.2f} s, chromium {out['chromium_cpu_s']:.2f} s",
          flush=True)
    return out


def _quality(job) -> dict:
    """The engine issue's measure of a trained model: SWD and MMD of 2,000 DDPM samples
    against fresh data, as ratios to the floor between two data draws, means over 5 repeats
    (ddpm_core.compare_to_floor; the page shows a single repeat, which is noisier)."""
    import ddpm_core

    model, sched = job.result, job.schedule
    return ddpm_core.compare_to_floor(
        lambda n, g: ddpm_core.sample(model, sched, n, generator=g),
        lambda n, g: ddpm_core.toy_2d(job.dataset, n, g), n=2000, repeats=5, seed=0)


def bench_training_responsiveness(repeats: int) -> dict:
    """The playground's default run in one session, alone and while another session reruns
    a page back to back (the worst case: that session never pauses)."""
    trainer = AppTest.from_file(APP, default_timeout=300)
    trainer.run()
    trainer.switch_page("views/playground.py").run()
    other, _ = _fresh("posterior")
    idle = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        other.run()
        idle.append(time.perf_counter() - t0)
    out = {"rerun_idle_s": _med(idle)}
    # alone: the default run (3000 steps), polled twice a second like the page's fragment
    trainer.button(key="play_train").click().run()
    job = trainer.session_state["play_job"]
    while job.snapshot().running:
        time.sleep(0.5)
        trainer.run()
    snap = job.snapshot()
    out.update(alone_steps=snap.steps_done, alone_s=snap.seconds,
               alone_ms_per_step=1000 * snap.seconds / max(snap.steps_done, 1))
    q = _quality(job)
    out.update(full_swd_ratio=q["swd_ratio"], full_mmd_ratio=q["mmd_ratio"])
    print(f"  default run alone: {snap.steps_done} steps in {snap.seconds:.1f} s "
          f"({out['alone_ms_per_step']:.2f} ms/step); its samples: SWD {q['swd_ratio']:.2f}x, "
          f"MMD {q['mmd_ratio']:.2f}x the noise floor", flush=True)
    # the same run stopped by the Stop button after 5 s of wall time (the SWD bar's budget)
    trainer.button(key="play_train").click().run()
    job = trainer.session_state["play_job"]
    while job.snapshot().seconds < 5.0:
        time.sleep(0.05)
    trainer.button(key="play_stop").click().run()
    job.join(10)
    trainer.run()  # the page sees the run finished: its settings are enabled again
    snap, q = job.snapshot(), _quality(job)
    out.update(stopped_s=snap.seconds, stopped_steps=snap.steps_done,
               stopped_swd_ratio=q["swd_ratio"], stopped_mmd_ratio=q["mmd_ratio"])
    print(f"  stopped after {snap.seconds:.1f} s ({snap.steps_done} steps): samples SWD "
          f"{q['swd_ratio']:.2f}x, MMD {q['mmd_ratio']:.2f}x the noise floor", flush=True)
    # with another session rerunning without pause: 1000 steps
    trainer.select_slider(key="play_steps").set_value(1000).run()
    trainer.button(key="play_train").click().run()
    job = trainer.session_state["play_job"]
    busy = []
    while job.snapshot().running:
        t0 = time.perf_counter()
        other.run()
        busy.append(time.perf_counter() - t0)
    snap = job.snapshot()
    out.update(rerun_during_training_s=_med(busy),
               busy_ms_per_step=1000 * snap.seconds / max(snap.steps_done, 1))
    print(f"  another session's rerun: {out['rerun_idle_s']:.3f} s idle, "
          f"{out['rerun_during_training_s']:.3f} s during training; training meanwhile "
          f"{out['busy_ms_per_step']:.1f} ms/step", flush=True)
    return out


def bench_digits(repeats: int) -> dict | None:
    import ddpm_core

    path = ROOT / "pretrained" / "digits.safetensors"
    if not path.exists():
        print("  no pretrained/digits.safetensors", flush=True)
        return None
    ck = ddpm_core.load_checkpoint(path, device="cpu")
    out = {}
    for threads in (1, 2):
        torch.set_num_threads(threads)

        def run():
            ddpm_core.sample(ck.model, ck.schedule, 64, sampler="ddim", steps=50,
                             generator=torch.Generator().manual_seed(0))
        run()
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            run()
            times.append(time.perf_counter() - t0)
        out[f"threads_{threads}_s"] = _med(times)
        print(f"  digits: 64 samples, DDIM 50 steps, {threads} thread(s): {_med(times):.3f} s",
              flush=True)
    return out


BENCHES = ("healthy", "pages", "browser", "player", "seed", "seed_browser", "training", "digits")


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", default=str(ROOT / "bench_app_results.json"))
    ap.add_argument("--only", nargs="*", default=None,
                    choices=BENCHES)
    args = ap.parse_args(argv)
    repeats = 3 if args.quick else 5
    want = set(args.only or BENCHES)
    res: dict = {}
    if "healthy" in want:
        res["healthy_s"] = bench_healthy(repeats)
        print(f"streamlit run app.py healthy: {res['healthy_s']:.2f} s (median)", flush=True)
    if "pages" in want:
        print("AppTest, warm app (medians):", flush=True)
        res["pages"] = bench_pages(repeats)
    if "browser" in want:
        print("chromium, real server (medians):", flush=True)
        res["browser_slider_s"] = bench_browser(repeats)
    if "player" in want:
        print("the player in chromium, real server (medians):", flush=True)
        res["player"] = bench_player(repeats)
    if "seed" in want:
        print("the sampling page's new seed (AppTest):", flush=True)
        res["seed"] = bench_seed(repeats)
    if "seed_browser" in want:
        print("the sampling page's new seed (chromium, real server):", flush=True)
        res["seed_browser"] = bench_seed_browser(repeats)
    if "training" in want:
        print("playground default run in the server:", flush=True)
        res["training"] = bench_training_responsiveness(repeats)
    if "digits" in want:
        print("pretrained digits:", flush=True)
        res["digits"] = bench_digits(repeats)
    Path(args.json).write_text(json.dumps(res, indent=2))
    print(f"written to {args.json}")
    return res


if __name__ == "__main__":
    threading.current_thread().name = "bench"
    main()
