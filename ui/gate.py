"""One script run at a time in a server process: the gate.

Streamlit runs every session's script run in its own thread, and they all share one GIL. Each
torch or numpy operation, each message a run hands to the event loop (a socket write to wake
it) lets go of the GIL and then waits for it back; with a class's runs all wanting it, every
such wait lasts up to the interpreter's switch interval (5 ms), so the many small steps of a
run get hundreds of times slower (a 3,000-operation loop: 11 ms alone, 35 s beside one busy
Python thread). 60 students on one server reached p50/p95 2.4/3.8 s this way
(`scripts/bench_load.py`), and the server got through fewer reruns, not more.

So the gate lets one run work at a time (`DDPM_SCRIPT_SLOTS`, default 1; 0 turns it off) and
the others wait their turn, in order, blocked rather than polling; the event loop and the
training workers (other processes) are not gated. A run that holds its slot longer than
`LONG_S` (a cold computation, the click that stops a training) does not hold up the class: a
watchdog lends one more slot beside it, so the next run in line goes ahead; a run about to do
whole-array engine work, which lets go of the GIL while it computes, lends its slot at once
(`lend`). At most MAX_LENT = 1 slot is lent at a time: with 2, the extra runs made each other
wait on the GIL again (60 students, two runs each: p95 1.35 and 1.39 s, against 0.53 and 0.51 s
with 1). The same 60 students, gated: p50/p95 0.19-0.20/0.51-0.53 s, 651-676 reruns in 40 s
(ungated: 2.4/3.8 s, 409 reruns).

It wraps `ScriptRunner._run_script` (Streamlit's own, run once per full or fragment run in the
script thread); where that is missing (another Streamlit), the app runs ungated.

`install` also puts in place, gate or not, the retry of a page's parse that CPython 3.11's
AST race failed spuriously (`retry_ast_race`, a wrap of Streamlit's `ScriptCache.get_bytecode`),
one event-loop wake-up per loop iteration from the script runs' messages
(`coalesce_wakeups`; `DDPM_COALESCE_WAKEUPS=0` turns it off), and the theme's config options
read once per parse of the config instead of at every run (`cache_theme_options`).
"""

from __future__ import annotations

import functools
import logging
import os
import threading
import time

LONG_S = 0.25  # a run holding its slot longer than this: the watchdog lends one beside it
WATCH_S = 0.05  # how often the watchdog looks for a long run
MAX_LENT = 1  # extra slots lent at once (beside a long run, or a run doing engine work)

_LOCK = threading.Lock()
_state: dict = {"installed": False, "retry": False}
_holders: dict[int, tuple] = {}  # thread id -> (when its run took a slot, the semaphore)
_lent: set[int] = set()  # the long runs beside which a slot was lent
_log = logging.getLogger(__name__)


def slots() -> int:
    """How many runs may work at once (`DDPM_SCRIPT_SLOTS`, default 1; 0 = no gate)."""
    env = os.environ.get("DDPM_SCRIPT_SLOTS", "").strip()
    return int(env) if env.isdigit() else 1


def enter(sem: threading.Semaphore) -> None:
    """Wait in line (blocked, not polling: waiters must not take the GIL from the run that
    works) for a slot, and take it."""
    sem.acquire()
    with _LOCK:
        _holders[threading.get_ident()] = (time.monotonic(), sem)


def leave(sem: threading.Semaphore) -> None:
    """Give the slot back; a run a slot was lent beside keeps it out instead (the lent one,
    now in use or free, takes its place)."""
    me = threading.get_ident()
    with _LOCK:
        _holders.pop(me, None)
        if me in _lent:
            _lent.discard(me)
            return
    sem.release()


def lend() -> bool:
    """Called by a run about to do seconds or tens of ms of whole-array engine work (which
    lets go of the GIL while it computes): the next run in line may start now, beside this
    one, which goes on without waiting again (at most MAX_LENT such runs at once; a run
    outside the gate, or one already lent beside, changes nothing). True when a slot was lent."""
    me = threading.get_ident()
    with _LOCK:
        held = _holders.get(me)
        if held is None or me in _lent or len(_lent) >= MAX_LENT:
            return False
        _lent.add(me)
        held[1].release()
        return True


def lend_beside_long_runs(sem: threading.Semaphore, now: float | None = None) -> int:
    """One watchdog look: for each run holding a slot of `sem` longer than LONG_S, lend one
    more slot (at most MAX_LENT at once). Returns how many were lent now."""
    now = time.monotonic() if now is None else now
    n = 0
    with _LOCK:
        for tid, (since, held) in _holders.items():
            if len(_lent) >= MAX_LENT:
                break
            if held is sem and now - since > LONG_S and tid not in _lent:
                _lent.add(tid)
                sem.release()
                n += 1
    return n


def _watch(sem: threading.Semaphore) -> None:
    while True:
        time.sleep(WATCH_S)
        lend_beside_long_runs(sem)


def install_state() -> bool:
    """Whether the gate is in place in this process."""
    return bool(_state["installed"])


COMPILE_TRIES = 3  # a page's parse, when CPython's AST race fails it (retry_ast_race)


def retry_ast_race() -> bool:
    """Retry a page's parse that CPython 3.11 failed spuriously. Its ast module keeps one
    recursion depth per interpreter, not per thread (python/cpython#106905): an ast.parse
    while another thread builds or converts an AST can raise "SystemError: AST constructor
    recursion depth mismatch". Streamlit parses each page once (`ScriptCache.get_bytecode`,
    for its magic); on a fresh server, the first visit of a page beside the warm-up thread
    showed that traceback instead of the page (session 14, once in 17 pages). Nothing is
    cached when the parse fails, so it is tried again (COMPILE_TRIES in all); any other error
    is raised at once. True when in place."""
    try:
        from streamlit.runtime.scriptrunner.script_cache import ScriptCache

        get = ScriptCache.get_bytecode
    except (ImportError, AttributeError):  # another Streamlit: as it is
        return False

    @functools.wraps(get)
    def get_bytecode(self, script_path):
        for attempt in range(COMPILE_TRIES):
            try:
                return get(self, script_path)
            except SystemError as e:
                if "recursion depth mismatch" not in str(e) or attempt == COMPILE_TRIES - 1:
                    raise
                _log.warning("ui.gate: %s parsing %s, parsing again", e, script_path)

    ScriptCache.get_bytecode = get_bytecode
    return True


def coalesce_wakeups() -> bool:
    """One wake-up of the event loop at a time from the script runs. Every message a run sends
    (each element it draws) is handed to the event loop with `call_soon_threadsafe`, which
    writes a byte to the loop's self-pipe to wake it: a system call, so the run lets go of the
    GIL and then waits for it back, up to the switch interval (5 ms) when another thread
    holds it. With a class on the server these waits were a fifth of the script threads' time
    (60 students, py-spy: 1,529 of 7,730 samples in `_write_to_self`, not holding the GIL).
    A wake-up written since the loop last began an iteration of `_run_once` is not written
    again: a callback queued after it is in the loop's ready queue before that byte is read,
    and the loop looks at the ready queue (waiting for nothing when it holds one) at its next
    iteration, where the flag is cleared first. (The flag is cleared there and not where the
    loop reads the pipe: the loop keeps the reading method it had when it was created, before
    the app could patch it.) True when in place."""
    try:
        from asyncio.base_events import BaseEventLoop
        from asyncio.selector_events import BaseSelectorEventLoop

        write, run_once = BaseSelectorEventLoop._write_to_self, BaseEventLoop._run_once
    except (ImportError, AttributeError):  # another Python: as it is
        return False
    if getattr(write, "_ddpm_coalesced", False):  # in place already (wrapped twice, the inner
        return True  # one would see the outer's flag and never write)

    @functools.wraps(write)
    def _write_to_self(self):
        if getattr(self, "_ddpm_wake_pending", False):
            return
        self._ddpm_wake_pending = True
        write(self)

    @functools.wraps(run_once)
    def _run_once(self):
        self._ddpm_wake_pending = False
        return run_once(self)

    _write_to_self._ddpm_coalesced = True
    BaseSelectorEventLoop._write_to_self = _write_to_self
    BaseEventLoop._run_once = _run_once
    return True


def cache_theme_options() -> bool:
    """The theme's config options read once per parse of the config, not at every run. Each
    script run (a fragment's too) starts with a new-session message for which Streamlit reads
    six theme sections, each a walk over all ~250 config options under the config's lock, in
    the event loop's thread: 2 % of a busy server's GIL time (py-spy, 60 students). The values
    are kept per section for the options dict they were read from (a re-parse of the config
    makes a new one, and they are read again) and handed out as a copy. Other sections are
    read as before. True when in place."""
    try:
        from streamlit import config

        get = config.get_options_for_section
    except (ImportError, AttributeError):  # another Streamlit: as it is
        return False
    if getattr(get, "_ddpm_cached", False):
        return True
    kept: dict[str, tuple] = {}  # section -> (the options dict read, its values)

    @functools.wraps(get)
    def get_options_for_section(section: str) -> dict:
        opts = getattr(config, "_config_options", None)
        if opts is None or not section.startswith("theme"):
            return get(section)
        hit = kept.get(section)
        if hit is None or hit[0] is not opts:
            hit = kept[section] = (opts, get(section))
        return dict(hit[1])

    get_options_for_section._ddpm_cached = True
    config.get_options_for_section = get_options_for_section
    return True


def install() -> bool:
    """Put the gate in front of every script run of this process (once; later calls do
    nothing), and the retry of a page's parse (`retry_ast_race`, gate or not). True when the
    gate is in place."""
    with _LOCK:
        if not _state.get("retry"):
            _state["retry"] = retry_ast_race()
        if not _state.get("wakeups") and os.environ.get("DDPM_COALESCE_WAKEUPS", "1") != "0":
            _state["wakeups"] = coalesce_wakeups()
        if not _state.get("theme"):
            _state["theme"] = cache_theme_options()
        if _state["installed"]:
            return True
        n = slots()
        if n < 1:
            return False
        try:
            from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

            run = ScriptRunner._run_script
        except (ImportError, AttributeError):  # another Streamlit: run ungated
            _log.warning("ui.gate: ScriptRunner._run_script not found, script runs ungated")
            return False
        sem = threading.Semaphore(n)

        @functools.wraps(run)
        def gated(self, rerun_data):
            enter(sem)
            try:
                return run(self, rerun_data)
            finally:
                leave(sem)

        ScriptRunner._run_script = gated
        threading.Thread(target=_watch, args=(sem,), name="ddpm-gate-watch",
                         daemon=True).start()
        _state["installed"] = True
        return True
