"""ui/gate.py: one script run at a time in a server process, a slot lent beside a long run.

The slot accounting is checked with threads here; the gate itself against a real `streamlit
run` server of a small app (tests/apps/gated.py: each run sleeps, holding its slot, and logs
when it worked), driven over Streamlit's websocket protocol by two sessions. Without the gate
their runs overlap (a sleep lets go of the GIL). The gain in latency is a benchmark figure
(`scripts/bench_load.py`), not asserted here."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from pathlib import Path

import pytest
from apptest_util import run_async
from conftest import ROOT, _free_port, start_server, wait_healthy

from ui import gate

sys.path.insert(0, str(ROOT / "scripts"))

DEADLINE_S = 60.0


def test_a_lent_slot_is_given_back_once():
    """A run that lends its slot lets the next run in at once, and the two leave the
    semaphore with the one slot it started with (not two, not none)."""
    sem = threading.Semaphore(1)
    try:
        gate.enter(sem)
        b_in = threading.Event()

        def b():
            gate.enter(sem)
            b_in.set()
            time.sleep(0.05)
            gate.leave(sem)

        th = threading.Thread(target=b)
        th.start()
        assert not b_in.wait(0.3)  # the slot is held: b waits in line
        assert gate.lend()
        assert not gate.lend()  # lent once per run
        assert b_in.wait(5)  # b went in beside the lending run
        gate.leave(sem)
        th.join(5)
        assert sem.acquire(blocking=False)  # one slot is free again...
        assert not sem.acquire(blocking=False)  # ...and only one
        sem.release()
        assert gate.lend() is False  # outside the gate: nothing to lend
    finally:
        gate._lent.clear()
        gate._holders.clear()


def test_the_watchdog_lends_a_slot_beside_a_long_run_only():
    sem = threading.Semaphore(1)
    gate.enter(sem)
    try:
        now = time.monotonic()
        assert gate.lend_beside_long_runs(sem, now) == 0  # not long yet
        assert not sem.acquire(blocking=False)
        assert gate.lend_beside_long_runs(sem, now + gate.LONG_S + 0.1) == 1
        assert gate.lend_beside_long_runs(sem, now + gate.LONG_S + 0.2) == 0  # once per run
        assert sem.acquire(blocking=False)  # the lent slot
    finally:
        gate.leave(sem)  # the long run keeps its slot out: the lent one took its place
        gate._lent.clear()
        gate._holders.clear()
    assert not sem.acquire(blocking=False)  # the lent slot is still held (acquired above)


def _set(st, key: str, value: int) -> None:
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    found = st.find(key)
    assert found is not None, f"no widget {key}"
    w = st.states.get(found[0]) or WidgetState()
    w.id, w.int_value = found[0], value
    st.states[found[0]] = w


async def _two_sessions(base: str, sleeps: tuple[int, int], lag: float, reruns: int) -> None:
    from bench_load import Student

    url = base.replace("http", "ws", 1)
    a, b = Student(url, "overview"), Student(url, "overview")
    try:
        for s in (a, b):  # the first runs install the gate
            await s.connect()
            await s.rerun()

        async def go(s, ms: int, delay: float):
            await asyncio.sleep(delay)
            for _ in range(reruns):
                _set(s, "sleep", ms)
                await s.rerun()

        await asyncio.gather(go(a, sleeps[0], 0.0), go(b, sleeps[1], lag))
        assert not a.errors and not b.errors, a.errors + b.errors
    finally:
        await a.close()
        await b.close()


def _runs(log: Path) -> list[tuple]:
    out = []
    for line in log.read_text().splitlines():
        sid, gated, ms, t0, t1 = line.split()
        if gated == "1" and int(ms) > 0:
            out.append((sid, int(ms), float(t0), float(t1)))
    return sorted(out, key=lambda r: r[2])


@pytest.fixture()
def gated_server(tmp_path, monkeypatch):
    log = tmp_path / "gate.log"
    monkeypatch.setenv("GATE_LOG", str(log))
    monkeypatch.delenv("DDPM_SCRIPT_SLOTS", raising=False)
    port = _free_port()
    proc = start_server(ROOT / "tests" / "apps" / "gated.py", port)
    try:
        wait_healthy(port)
        yield f"http://127.0.0.1:{port}", log
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except Exception:  # noqa: BLE001 - a server that will not stop is killed
            proc.kill()
            proc.wait(10)


def _drive(base: str, *args) -> None:
    run_async(_two_sessions(base, *args), DEADLINE_S)


def test_two_sessions_runs_take_turns_under_the_gate(gated_server):
    base, log = gated_server
    _drive(base, (200, 200), 0.05, 3)
    runs = _runs(log)
    assert len(runs) == 6 and len({r[0] for r in runs}) == 2, runs
    for (_, _, start0, end0), (_, _, start, _) in zip(runs, runs[1:]):
        # one run worked at a time; a run went in beside another only once that one had
        # held its slot for LONG_S (the watchdog's lent slot, on a loaded machine)
        assert start >= end0 - 0.01 or start - start0 >= gate.LONG_S - 0.01, runs


def test_a_long_run_does_not_hold_up_the_other_session(gated_server):
    """A run of 3 s: the other session's short run, asked for just after it began, waits
    about LONG_S, then goes ahead beside it in a lent slot and is done long before it."""
    base, log = gated_server
    _drive(base, (3000, 100), 0.02, 1)
    (sa, _, a0, a1), (sb, _, b0, b1) = _runs(log)
    assert sa != sb
    assert b0 - a0 >= gate.LONG_S - 0.01, (a0, b0)  # it waited while the run was short
    assert b1 < a1 - 1.0, (a1, b1)  # and then did not wait for the long run to end


def test_the_app_puts_the_gate_in_front_of_script_runs():
    """app.py installs the gate on its first run: Streamlit's script runner is wrapped, its
    page parse retried (retry_ast_race), and the event loop's wake-ups coalesced."""
    from asyncio.base_events import BaseEventLoop
    from asyncio.selector_events import BaseSelectorEventLoop

    from apptest_util import open_page
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    at = open_page(None, "en")
    assert not at.exception
    assert gate.install_state() is True
    assert getattr(ScriptRunner._run_script, "__wrapped__", None) is not None
    assert getattr(ScriptCache.get_bytecode, "__wrapped__", None) is not None
    assert getattr(BaseSelectorEventLoop._write_to_self, "__wrapped__", None) is not None
    assert getattr(BaseEventLoop._run_once, "__wrapped__", None) is not None


def test_a_page_parse_failed_by_the_ast_race_is_tried_again(monkeypatch):
    """CPython 3.11's spurious "AST constructor recursion depth mismatch" (two threads using
    the ast module at once) is retried; any other error is raised at its first try."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    calls: list[str] = []

    def flaky(self, path):  # stands in for Streamlit's parse: fails once, as the race does
        calls.append(path)
        if len(calls) == 1:
            raise SystemError("AST constructor recursion depth mismatch (before=48, after=127)")
        return "bytecode"

    monkeypatch.setattr(ScriptCache, "get_bytecode", flaky)
    assert gate.retry_ast_race()
    assert ScriptCache.get_bytecode(None, "page.py") == "bytecode"
    assert calls == ["page.py", "page.py"]

    def broken(self, path):
        calls.append(path)
        raise SystemError("another error")

    monkeypatch.setattr(ScriptCache, "get_bytecode", broken)
    assert gate.retry_ast_race()
    calls.clear()
    with pytest.raises(SystemError, match="another error"):
        ScriptCache.get_bytecode(None, "page.py")
    assert calls == ["page.py"]


def test_the_theme_options_are_read_once_per_parse_of_the_config(monkeypatch):
    """Streamlit's new-session message (every run) reads the theme sections; with
    cache_theme_options the walk over the config happens once per section and per options
    dict, a re-parse (a new dict) reads them again, other sections are read each time, and a
    caller that changes its copy changes nothing kept."""
    from streamlit import config

    walks: list[str] = []

    def walk(section):  # stands in for Streamlit's walk over every option
        walks.append(section)
        return {"primaryColor": f"#{len(walks)}", "base": None}

    monkeypatch.setattr(config, "get_options_for_section", walk)
    monkeypatch.setattr(config, "_config_options", {"a": 1})
    assert gate.cache_theme_options()
    read = config.get_options_for_section
    first = read("theme")
    first["primaryColor"] = "changed by a caller"
    assert read("theme") == {"primaryColor": "#1", "base": None}
    assert read("theme.dark") == {"primaryColor": "#2", "base": None}
    assert read("theme.dark")["primaryColor"] == "#2"
    assert walks == ["theme", "theme.dark"]
    read("server")
    read("server")
    assert walks[2:] == ["server", "server"]
    monkeypatch.setattr(config, "_config_options", {"a": 2})  # the config parsed again
    assert read("theme") == {"primaryColor": "#5", "base": None}
    assert gate.cache_theme_options() and config.get_options_for_section is read  # once


@pytest.fixture()
def counted_loop(monkeypatch):
    """A real selector event loop in its own thread, created and running before the wake-up
    coalescing is installed (as Streamlit's is, before app.py runs), with its self-pipe writes
    counted (restored after the test)."""
    from asyncio.base_events import BaseEventLoop
    from asyncio.selector_events import BaseSelectorEventLoop

    writes = [0]
    cls = BaseSelectorEventLoop  # the originals (the app's tests may have installed it already)
    write = getattr(cls._write_to_self, "__wrapped__", cls._write_to_self)
    run_once = getattr(BaseEventLoop._run_once, "__wrapped__", BaseEventLoop._run_once)

    def counting(self):
        writes[0] += 1
        write(self)

    monkeypatch.setattr(cls, "_write_to_self", counting)
    monkeypatch.setattr(BaseEventLoop, "_run_once", run_once)
    loop = asyncio.new_event_loop()
    runner = threading.Thread(target=loop.run_forever, daemon=True)
    runner.start()
    ready = threading.Event()
    loop.call_soon_threadsafe(ready.set)
    assert ready.wait(10)
    assert gate.coalesce_wakeups()
    assert gate.coalesce_wakeups()  # a second install leaves the first (wrapped twice: stalls)
    try:
        yield loop, writes
    finally:
        loop.call_soon_threadsafe(loop.stop)
        runner.join(10)
        loop.close()


def test_a_burst_of_callbacks_wakes_the_loop_a_few_times_and_runs_them_all(counted_loop):
    """A script run's burst of messages (here 5,000 callbacks from another thread, as its
    elements are handed to the event loop): every callback runs, in order, but the self-pipe
    is written for a fraction of them (without the coalescing: once each)."""
    loop, writes = counted_loop
    n, done, got = 5000, threading.Event(), []

    def cb(i):
        got.append(i)
        if i == n - 1:
            done.set()

    for i in range(n):
        loop.call_soon_threadsafe(cb, i)
    assert done.wait(DEADLINE_S), f"{len(got)} of {n} callbacks ran"
    assert got == list(range(n))
    assert 1 <= writes[0] <= n // 10, writes[0]


def test_no_wakeup_is_lost_when_callbacks_come_one_at_a_time(counted_loop):
    """A callback queued while the loop sleeps in select always wakes it: 300 rounds of one
    callback each (from two threads at once, with pauses of varied length), each run within
    the deadline. A flag that were never cleared (or cleared where a loop created
    before the patch never calls it) would leave the second round unrun."""
    loop, _ = counted_loop
    rounds = 300

    def producer(tag: int, out: list) -> None:
        for k in range(rounds):
            ev = threading.Event()
            loop.call_soon_threadsafe(ev.set)
            if not ev.wait(10):
                out.append((tag, k))
                return
            time.sleep((k % 4) * 0.0005)

    lost: list = []
    threads = [threading.Thread(target=producer, args=(i, lost)) for i in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(DEADLINE_S)
    assert not any(th.is_alive() for th in threads) and not lost, lost
