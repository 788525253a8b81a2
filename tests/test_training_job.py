"""Trainings run in worker processes (ui.training_job.WorkerPool), with real processes here:
parallel runs give their solo weights, Stop acts within a second and keeps what was learned,
a job whose session left is stopped, a killed worker fails its job with a message and the pool
goes on, the K+1-th job queues. Every wait has a timeout."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import subprocess
import sys
import threading
import time
import types
from pathlib import Path

import pytest
import torch

import ddpm_core
from ui.training_job import CRASH_MESSAGE, TrainJob, WorkerPool

ROOT = Path(__file__).resolve().parent.parent
SCHED = ddpm_core.Schedule.linear(100)
DATA = ddpm_core.toy_2d("moons", 2000, torch.Generator().manual_seed(0))
CFG = {"kind": "mlp2d", "width": 32, "depth": 2}
WAIT = 180.0  # generous: worker start-up (spawn + import torch) on a loaded 2-core machine


def _job(seed: int, steps: int = 150, owner_alive=None) -> TrainJob:
    return TrainJob(CFG, SCHED, DATA, "moons", steps, 64, 3e-3, seed, owner_alive=owner_alive)


def _wait(cond, timeout: float = WAIT, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def _same(a: torch.nn.Module, b: torch.nn.Module) -> bool:
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)


@pytest.fixture(scope="module")
def pool2():
    pool = WorkerPool(workers=2, grace_s=0.3)
    yield pool
    pool.shutdown()


def _solo(seed: int, steps: int = 150) -> torch.nn.Module:
    """The same run in this process, with nothing else going on (the independent reference)."""
    torch.manual_seed(seed)
    model = ddpm_core.build_model(CFG)  # where the workers train: a GPU when there is one
    hist = ddpm_core.train(model, SCHED, DATA, steps, batch_size=64, lr=3e-3,
                           generator=torch.Generator().manual_seed(seed), ema=0.99,
                           log_every=max(1, min(25, steps // 100)))
    assert hist.steps_done == steps
    return model.cpu()  # under 200 steps the job keeps the raw weights, not the EMA


def test_two_parallel_trainings_give_their_solo_weights(pool2):
    a, b = _job(3).start(pool2), _job(4).start(pool2)
    assert a.join(WAIT) and b.join(WAIT), (a.snapshot(), b.snapshot())
    assert a.snapshot().status == b.snapshot().status == "done"
    assert a.worker_pid != b.worker_pid and os.getpid() not in (a.worker_pid, b.worker_pid)
    assert a.device == b.device == ddpm_core.get_device().type
    assert _same(a.result, _solo(3)) and _same(b.result, _solo(4))
    assert not _same(a.result, b.result)
    assert a.snapshot().steps_done == 150 and len(a.snapshot().losses) > 0


def test_stop_acts_within_a_second_and_keeps_the_weights(pool2):
    job = _job(5, steps=1_000_000).start(pool2)
    _wait(lambda: job.snapshot().steps_done >= 50, what="50 training steps")
    t0 = time.perf_counter()
    job.stop()
    assert job.join(1.0), f"not stopped 1 s after Stop: {job.snapshot()}"
    assert time.perf_counter() - t0 <= 1.0
    snap = job.snapshot()
    assert snap.status == "stopped" and 50 <= snap.steps_done < 1_000_000
    assert job.result is not None
    x = ddpm_core.sample(job.result, SCHED, 100, generator=torch.Generator().manual_seed(0))
    assert torch.isfinite(x).all()


def test_a_session_that_leaves_stops_its_job_and_frees_the_slot(pool2):
    alive = {"a": True, "b": True}
    running = _job(6, steps=1_000_000, owner_alive=lambda: alive["a"]).start(pool2)
    other = _job(7, steps=1_000_000, owner_alive=lambda: alive["b"]).start(pool2)
    queued = _job(8, steps=1_000_000, owner_alive=lambda: alive["b"]).start(pool2)
    _wait(lambda: running.snapshot().steps_done > 0 and other.snapshot().steps_done > 0,
          what="both trainings running")
    assert queued.snapshot().status == "queued"
    alive["a"] = False  # the tab of `running` closed
    assert running.join(30), running.snapshot()
    assert running.snapshot().status == "stopped"  # its weights so far, nobody to show them
    _wait(lambda: queued.snapshot().status == "running", what="the queued job to get the slot")
    alive["b"] = False  # a queued job of a closed tab is dropped too
    assert other.join(30) and queued.join(30)
    _wait(lambda: pool2.running() == 0, 30, "both slots to be free")


def test_abandoned_while_queued_is_dropped(pool2):
    gone = {"x": False}
    busy = [_job(9 + i, steps=1_000_000).start(pool2) for i in range(2)]
    waiting = _job(10, owner_alive=lambda: not gone["x"]).start(pool2)
    _wait(lambda: all(j.snapshot().status == "running" for j in busy), what="both workers busy")
    assert waiting.snapshot().status == "queued" and waiting.position == 1
    gone["x"] = True
    assert waiting.join(30) and waiting.snapshot().status == "abandoned"
    assert pool2.position(waiting) == 0
    for j in busy:
        j.stop()
    assert all(j.join(30) for j in busy)


def test_a_killed_worker_reports_an_error_and_the_next_training_works(pool2):
    job = _job(11, steps=1_000_000).start(pool2)
    _wait(lambda: job.snapshot().steps_done > 0, what="training to start")
    os.kill(job.worker_pid, signal.SIGKILL)
    assert job.join(30), job.snapshot()
    snap = job.snapshot()
    assert snap.status == "error" and job.crashed
    assert snap.error == CRASH_MESSAGE.format(code=-signal.SIGKILL)
    nxt = _job(3).start(pool2)
    assert nxt.join(WAIT) and nxt.snapshot().status == "done", nxt.snapshot()
    assert _same(nxt.result, _solo(3))


def test_the_k_plus_first_training_queues_with_its_position(pool2):
    k = pool2.size
    jobs = [_job(12 + i, steps=1_000_000).start(pool2) for i in range(k + 2)]
    _wait(lambda: all(j.snapshot().status == "running" for j in jobs[:k]), what="K jobs running")
    snaps = [j.snapshot() for j in jobs]
    assert [s.status for s in snaps] == ["running"] * k + ["queued", "queued"]
    assert [s.position for s in snaps] == [0] * k + [1, 2]
    assert snaps[k].running  # the page locks the settings and offers Stop
    jobs[k].stop()  # leaving the queue
    assert jobs[k].join(5) and jobs[k].snapshot().status == "cancelled"
    assert jobs[k + 1].snapshot().position == 1
    jobs[0].stop()
    _wait(lambda: jobs[k + 1].snapshot().status == "running", what="the next job to start")
    for j in jobs:
        j.stop()
    assert all(j.join(30) for j in jobs)


SCRIPT = """
import torch, ddpm_core
from ui.training_job import ScoreJob, TrainJob
sched = ddpm_core.Schedule.linear(1000)
data = ddpm_core.toy_2d("moons", 4000, torch.Generator().manual_seed(0))
job = TrainJob({"kind": "mlp2d", "width": 32, "depth": 2}, sched, data, "moons", 100_000,
               256, 3e-3, 0).start()
score = ScoreJob(ddpm_core.MLP2D(width=32, depth=2).eval(), ddpm_core.Schedule.linear(50),
                 "moons").start()
import time
deadline = time.monotonic() + 120
while job.snapshot().status == "queued" and time.monotonic() < deadline:
    time.sleep(0.05)
print("leaving with the jobs running", job.snapshot().status, flush=True)
"""


def test_exit_with_running_jobs_is_clean():
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert "leaving with the jobs running running" in out.stdout, out.stderr[-2000:]
    assert out.returncode == 0, (out.returncode, out.stderr[-2000:])
    assert "terminate called" not in out.stderr


def _threads_here(q) -> None:  # runs in a spawned child: the threads alive there
    q.put(sorted(t.name for t in threading.enumerate()))


def test_a_worker_spawned_from_the_app_does_not_run_the_app(monkeypatch):
    """Streamlit's script runner installs a fake `__main__` module whose `__file__` is app.py,
    and the pool's workers are spawned from a script run. Spawn re-runs that file in the child
    (as `__mp_main__`) before its job: there the app must not run. Before app.py's guard every
    worker started the server's warm-up thread and rendered the first page next to its
    training (a playground run at 60-90 ms/step instead of ~4)."""
    fake = types.ModuleType("__main__")
    fake.__file__ = str(ROOT / "app.py")
    monkeypatch.setitem(sys.modules, "__main__", fake)
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    child = ctx.Process(target=_threads_here, args=(q,), daemon=True)
    child.start()
    try:
        names = q.get(timeout=WAIT)
    finally:
        child.join(10)
        if child.is_alive():
            child.kill()
            child.join(10)
    assert "MainThread" in names
    assert "ddpm-warmup" not in names, names


@pytest.mark.parametrize("cores, env, k", [(2, "", 1), (1, "", 1), (16, "", 15), (None, "", 1),
                                           (2, "3", 3), (2, "0", 1), (2, "x", 1)])
def test_the_pool_leaves_a_core_to_the_pages(monkeypatch, cores, env, k):
    """K = the cores less one (at least 1), or DDPM_TRAIN_WORKERS: on 2 cores, 2 workers
    slowed 3 trainings to 1.8x their solo ms/step under browsing; 1 kept them at 1x."""
    from ui import training_job

    monkeypatch.setattr(training_job.os, "cpu_count", lambda: cores)
    monkeypatch.setenv("DDPM_TRAIN_WORKERS", env)
    assert training_job.default_workers() == k
