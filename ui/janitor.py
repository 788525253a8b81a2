"""Give back the memory of sessions that have left (issue 14: RSS back near its start).

Why it is needed: when a tab closes, Streamlit keeps its session (session state, the page's
per-session arrays, its media files) for a reconnect, in a store whose entries expire after
`server.disconnectedSessionTTL` (120 s) -- but only lazily: an expired entry is dropped when
the store is next written to (another tab closing), never by the clock, and a dropped entry
is not shut down (its media files and uploads stay registered). After a class leaves, nothing
writes to the store again, so every session stays. And the warm heap is frozen
(`gc.freeze`, ui/warmup.py) with whatever sessions were alive at that moment, so their
objects are never collected.

So a daemon thread here, every TICK_S: closes, on the server's event loop, each session
that has been without a browser for CLOSE_AFTER_S (`Runtime.close_session`: the same
shutdown Streamlit gives a session closed on purpose); then, at most every RELEASE_GAP_S and
only after it closed some, collects once and returns freed heap pages to the system
(`malloc_trim(0)`, glibc only). While students are connected the collection leaves the frozen
heap frozen (it walks only what came after the warm-up: ~0.1 s of the interpreter with 60
sessions); once nobody is connected it thaws it too (`gc.unfreeze`, `gc.collect`, `gc.freeze`
again), for the sessions frozen with the warm heap: that walk of the whole heap held every
student's rerun up ~0.5 s when it ran during a class (60 students, `scripts/bench_load.py`,
session 17). `plan` decides which.

`DDPM_SESSION_TTL` overrides CLOSE_AFTER_S (seconds without a browser before a session is
closed: a reconnect within it finds its state). `DDPM_MEM_LOG=path` appends one JSON line per
tick (RSS, sessions, what was closed and released) for measuring.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import json
import os
import threading
import time

TICK_S = 5.0
RELEASE_GAP_S = 30.0


def close_after_s() -> float:
    env = os.environ.get("DDPM_SESSION_TTL", "").strip()
    try:
        return max(1.0, float(env)) if env else 60.0
    except ValueError:
        return 60.0


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _malloc_trim() -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.malloc_trim(0))
    except (OSError, AttributeError):  # not glibc
        return False


def release_memory(thaw: bool = True) -> dict:
    """One full collection, with the frozen heap thawed and refrozen after (`thaw`) or left
    frozen; then malloc_trim."""
    before = rss_mb()
    frozen = gc.get_freeze_count() if thaw else 0
    if frozen:
        gc.unfreeze()
    freed = gc.collect()
    if frozen:
        gc.freeze()
    after_gc = rss_mb()
    trimmed = _malloc_trim()
    return {"rss_before": round(before), "rss_after_gc": round(after_gc),
            "rss_after_trim": round(rss_mb()), "collected": freed, "trimmed": trimmed,
            "thawed": bool(frozen)}


def plan(pending: int, unthawed: int, active: int, since_release: float) -> str | None:
    """What the janitor's tick releases: None (nothing closed since, or the last release was
    under RELEASE_GAP_S ago), "thaw" (sessions closed since the last thawed collection and
    nobody is connected: the whole heap) or "plain" (sessions closed since the last release
    while students are connected: only what came after the warm-up, the frozen heap left
    frozen). `pending`/`unthawed`: sessions closed since the last release / thawed one;
    `active`: sessions with a browser."""
    if since_release < RELEASE_GAP_S:
        return None
    if unthawed and active == 0:
        return "thaw"
    return "plain" if pending else None


class Janitor:
    """Tracks sessions without a browser; closes them after `close_after` seconds.

    `sessions()` -> [(session_id, active)]; `close(session_id)`; both run on the caller's
    thread here (the server wraps them to run on its event loop)."""

    def __init__(self, sessions, close, close_after: float, clock=time.monotonic):
        self.sessions, self.close, self.clock = sessions, close, clock
        self.close_after = close_after
        self.gone_since: dict[str, float] = {}
        self.active = 0  # sessions with a browser at the last sweep

    def sweep(self) -> list[str]:
        now = self.clock()
        listed = self.sessions()
        stored = {sid for sid, active in listed if not active}
        self.active = len(listed) - len(stored)
        for sid in list(self.gone_since):
            if sid not in stored:  # reconnected, or already closed
                del self.gone_since[sid]
        closed = []
        for sid in stored:
            since = self.gone_since.setdefault(sid, now)
            if now - since >= self.close_after:
                self.close(sid)
                self.gone_since.pop(sid, None)
                closed.append(sid)
        return closed


def _on_loop(runtime, fn, timeout: float = 30.0):
    """Run fn() on the Streamlit server's event loop (session management is not thread-safe)."""
    import asyncio

    loop = runtime._get_async_objs().eventloop

    async def call():
        return fn()

    return asyncio.run_coroutine_threadsafe(call(), loop).result(timeout)


def _server_janitor():
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return None
    rt = Runtime.instance()
    mgr = rt._session_mgr

    def listing():
        active = {i.session.id for i in mgr.list_active_sessions()}
        return [(i.session.id, i.session.id in active) for i in mgr.list_sessions()]

    def sessions():
        return _on_loop(rt, listing)

    def close(sid):
        _on_loop(rt, lambda: rt.close_session(sid))

    return Janitor(sessions, close, close_after_s())


def _run(stop: threading.Event) -> None:
    log = os.environ.get("DDPM_MEM_LOG", "").strip()
    jan, last_release, pending, unthawed = None, 0.0, 0, 0
    while not stop.wait(TICK_S):
        try:
            jan = jan or _server_janitor()
            if jan is None:
                continue
            closed = jan.sweep()
            pending += len(closed)
            unthawed += len(closed)
            rec = {"t": round(time.time(), 1), "rss": round(rss_mb()), "closed": len(closed),
                   "waiting": len(jan.gone_since), "active": jan.active}
            how = plan(pending, unthawed, jan.active, time.monotonic() - last_release)
            if how is not None:
                rec["release"] = release_memory(thaw=how == "thaw")
                last_release, pending = time.monotonic(), 0
                if how == "thaw":
                    unthawed = 0
            if log:
                rec["gc_objects"] = len(gc.get_objects())
                with open(log, "a") as f:
                    f.write(json.dumps(rec) + "\n")
        except Exception as e:  # noqa: BLE001 - a failed sweep is retried at the next tick
            if log:
                with open(log, "a") as f:
                    f.write(json.dumps({"t": round(time.time(), 1), "error": repr(e)}) + "\n")


_STARTED: list[threading.Event] = []


def start() -> None:
    """Start the janitor once per process (ui.warmup.start calls it)."""
    if _STARTED:
        return
    stop = threading.Event()
    _STARTED.append(stop)
    threading.Thread(target=_run, args=(stop,), name="ddpm-janitor", daemon=True).start()
