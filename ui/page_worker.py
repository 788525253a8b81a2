"""A page's whole-array engine work in a helper process, off the web server's GIL.

Every script run of every session shares the server process's one GIL. A computation of many
torch operations (the forward page's chains at a new T: `chain_path` and `q_sample` over its
frame grid) lets go of the GIL at each operation and then waits for it back while the other
sessions' runs and the event loop hold it: 14 ms alone took ~100 ms inside a server serving 60
students (`scripts/bench_load.py` under py-spy, session 15), and held up the runs waiting
behind it. Run in a helper process, the same work takes its alone time on the second core,
and the server's thread only waits for the answer (GIL released).

`run(fn, *args)`: fn(*args) in the helper (fn a module-level function, its arguments and
result small enough to pickle: arrays of a few MB), or here in the server process when the
helper is off (`DDPM_PAGE_WORKERS=0`) or broke (a crash or a hang: it is replaced, and this
call is computed here, so the page still shows its result). One helper process by default
(`DDPM_PAGE_WORKERS`), at the pages' own priority (the training workers are niced below).
"""

from __future__ import annotations

import atexit
import concurrent.futures as cf
import logging
import multiprocessing as mp
import os
import threading
from collections.abc import Callable
from typing import Any

RESULT_TIMEOUT_S = 60.0  # a helper that has not answered by then is treated as hung
_LOCK = threading.Lock()
_POOL: list[cf.ProcessPoolExecutor | None] = [None]
_state = {"atexit": False}
_log = logging.getLogger(__name__)


def workers() -> int:
    """How many helper processes (`DDPM_PAGE_WORKERS`, default 1; 0: compute in-process)."""
    env = os.environ.get("DDPM_PAGE_WORKERS", "").strip()
    return int(env) if env.isdigit() else 1


def _init() -> None:
    import torch

    torch.set_num_threads(1)  # the server's process keeps the other core


def pool() -> cf.ProcessPoolExecutor | None:
    """The helper pool (started on first use), or None when it is off."""
    n = workers()
    if n < 1:
        return None
    with _LOCK:
        if _POOL[0] is None:
            _POOL[0] = cf.ProcessPoolExecutor(max_workers=n, mp_context=mp.get_context("spawn"),
                                              initializer=_init)
            if not _state["atexit"]:  # stopped in order, not collected at the interpreter's end
                atexit.register(shutdown)
                _state["atexit"] = True
        return _POOL[0]


def start() -> None:
    """Start the helper now (the spawn and its imports take ~2 s), not at a student's first
    computation."""
    p = pool()
    if p is not None:
        p.submit(os.getpid)


def pids() -> list[int]:
    """The helper processes' pids (for tests and benchmarks)."""
    p = _POOL[0]
    return [] if p is None else [int(q.pid) for q in list(p._processes.values())]


def shutdown() -> None:
    """Stop the helper (the next call starts a new one)."""
    with _LOCK:
        p, _POOL[0] = _POOL[0], None
    if p is not None:
        p.shutdown(wait=True, cancel_futures=True)


def _discard(p: cf.ProcessPoolExecutor) -> None:
    """Drop a broken or hung pool: its processes are killed, the next call starts a new one."""
    with _LOCK:
        if _POOL[0] is p:
            _POOL[0] = None
    for q in list(getattr(p, "_processes", {}).values()):
        try:
            q.kill()
        except (OSError, ValueError, AttributeError):
            pass
    p.shutdown(wait=False, cancel_futures=True)


def run(fn: Callable, *args: Any) -> Any:
    """fn(*args) in the helper process, or in this one when the helper is off or fails."""
    p = pool()
    if p is None:
        return fn(*args)
    try:
        return p.submit(fn, *args).result(timeout=RESULT_TIMEOUT_S)
    except (cf.process.BrokenProcessPool, cf.TimeoutError, RuntimeError) as e:
        # RuntimeError: submit after a shutdown (a concurrent _discard)
        _log.warning("page helper failed (%s: %s); computed in the server process",
                     type(e).__name__, e)
        _discard(p)
        return fn(*args)
