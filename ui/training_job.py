"""A student's training run, in a background thread of the Streamlit server.

The page starts a `TrainJob` and keeps it in its own `st.session_state` (so another session
never sees it, and it survives page switches); the thread touches nothing but the job
object: no Streamlit calls. The page polls `job.snapshot()` from an `st.fragment` that
reruns every half second while the job runs. `stop()` is answered before the next
optimiser step (milliseconds for the 2-D models), and the model keeps what it learned.
"""

from __future__ import annotations

import atexit
import copy
import threading
import time
import traceback
import weakref
from dataclasses import dataclass, field

import torch

import ddpm_core

# Every job that has started: at interpreter exit the trainings are stopped and all are joined,
# so no thread is still inside torch when the process finalises (that aborts it: "terminate
# called without an active exception", exit code 134).
_LIVE: weakref.WeakValueDictionary = weakref.WeakValueDictionary()  # id -> job
EXIT_JOIN_S = 120.0


def _stop_and_join_all() -> None:
    jobs = list(_LIVE.values())
    for job in jobs:
        if hasattr(job, "stop"):
            job.stop()
    deadline = time.monotonic() + EXIT_JOIN_S
    for job in jobs:
        job.join(max(0.0, deadline - time.monotonic()))


atexit.register(_stop_and_join_all)

EMA_DECAY = 0.99
EMA_MIN_STEPS = 200  # below this the EMA still remembers the random initialisation


@dataclass
class Snapshot:
    status: str  # "running", "done", "stopped" or "error"
    steps_done: int
    steps: int
    log_steps: list
    losses: list
    seconds: float
    error: str | None = None

    @property
    def running(self) -> bool:
        return self.status == "running"

    @property
    def fraction(self) -> float:
        return min(1.0, self.steps_done / self.steps) if self.steps else 1.0


@dataclass
class TrainJob:
    """Train `model` on `data` with Algorithm 1 (`ddpm_core.train`) in a daemon thread."""

    model: torch.nn.Module
    schedule: ddpm_core.Schedule
    data: torch.Tensor
    dataset: str
    steps: int
    batch_size: int
    lr: float
    seed: int
    settings: dict = field(default_factory=dict)
    threads: int = 1  # torch threads for this run (set in the training thread only)

    def __post_init__(self):
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._log_steps: list[int] = []
        self._losses: list[float] = []
        self._status = "new"
        self._error: str | None = None
        self._steps_done = 0
        self._t0 = 0.0
        self._t1: float | None = None
        self._thread: threading.Thread | None = None
        self.result: torch.nn.Module | None = None  # the model to sample from, when finished

    # ------------------------------------------------------------------ control
    def start(self) -> TrainJob:
        if self._thread is not None:
            raise RuntimeError("a TrainJob runs once")
        self._status, self._t0 = "running", time.perf_counter()
        self._thread = threading.Thread(target=self._run, name="ddpm-train", daemon=True)
        _LIVE[id(self)] = self
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the thread; True if it has finished."""
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    # ------------------------------------------------------------------ the thread
    def _callback(self, step: int, loss: float) -> None:
        with self._lock:
            self._log_steps.append(step)
            self._losses.append(loss)
            self._steps_done = step

    def _run(self) -> None:
        torch.set_num_threads(self.threads)  # this thread only: the server keeps its own
        try:
            hist = ddpm_core.train(
                self.model, self.schedule, self.data, self.steps, batch_size=self.batch_size,
                lr=self.lr, generator=torch.Generator().manual_seed(self.seed),
                callback=self._callback, should_stop=self._stop.is_set, ema=EMA_DECAY,
                log_every=max(1, min(25, self.steps // 100)),
            )
            result = copy.deepcopy(self.model)
            if hist.ema is not None and hist.steps_done >= EMA_MIN_STEPS:
                hist.ema.copy_to(result)  # the averaged weights sample more cleanly
            result.eval().requires_grad_(False)
            with self._lock:
                self.result = result
                self._steps_done = hist.steps_done
                self._status = "stopped" if hist.stopped else "done"
        except Exception as e:  # noqa: BLE001 - shown to the student as a message
            with self._lock:
                self._error = f"{type(e).__name__}: {e}"
                self._status = "error"
            traceback.print_exc()
        finally:
            self._t1 = time.perf_counter()

    # ------------------------------------------------------------------ reading
    def snapshot(self) -> Snapshot:
        with self._lock:
            end = self._t1 if self._t1 is not None else time.perf_counter()
            return Snapshot(self._status, self._steps_done, self.steps, list(self._log_steps),
                            list(self._losses), end - self._t0, self._error)


# ---------------------------------------------------------------------------- scoring
# A model's quality as the benchmark (scripts/bench_app.py, ddpm_core.bench) measures it: SWD
# and MMD of SCORE_N DDPM samples against fresh true data, means over SCORE_REPEATS repeats,
# as ratios to the noise floor between two true draws. The floor depends on the data set only,
# so it is computed once per server (`noise_floor`); a model's score runs once, in a thread.
SCORE_N, SCORE_REPEATS, SCORE_SEED = 2000, 5, 0


def _truth(dataset: str):
    return lambda n, g: ddpm_core.toy_2d(dataset, n, g)


_floor_lock = threading.Lock()
_floors: dict[tuple, dict] = {}


def noise_floor(dataset: str, n: int = SCORE_N, repeats: int = SCORE_REPEATS,
                seed: int = SCORE_SEED) -> dict:
    """Mean SWD and MMD between two independent true draws of n points (the noise floor), with
    the true draws of `compare_to_floor(..., n, repeats, seed)`; cached per server."""
    key = (dataset, n, repeats, seed)
    with _floor_lock:
        if key not in _floors:
            truth, g = _truth(dataset), torch.Generator().manual_seed(seed)
            swd = mmd = 0.0
            for r in range(repeats):
                true_a, true_b = truth(n, g), truth(n, g)
                swd += ddpm_core.sliced_wasserstein(true_b, true_a, seed=seed + r) / repeats
                mmd += ddpm_core.mmd(true_b, true_a) / repeats
            _floors[key] = {"swd_floor": swd, "mmd_floor": mmd}
        return dict(_floors[key])


def score_samples(samples: list[torch.Tensor], dataset: str, seed: int = SCORE_SEED) -> dict:
    """`ddpm_core.compare_to_floor(samples, truth, n, len(samples), seed)` with the floor taken
    from the cache: the same true draws, the same numbers, half the work."""
    n, repeats = len(samples[0]), len(samples)
    out = {"swd": 0.0, "mmd": 0.0, **noise_floor(dataset, n, repeats, seed)}
    truth, g = _truth(dataset), torch.Generator().manual_seed(seed)
    for r, gen in enumerate(samples):
        true_a, _true_b = truth(n, g), truth(n, g)  # the floor's draws, in the same order
        out["swd"] += ddpm_core.sliced_wasserstein(gen, true_a, seed=seed + r) / repeats
        out["mmd"] += ddpm_core.mmd(gen, true_a) / repeats
    out["swd_ratio"] = out["swd"] / out["swd_floor"]
    out["mmd_ratio"] = out["mmd"] / out["mmd_floor"]
    return out


class ScoreJob:
    """Score one 2-D model in a daemon thread: SCORE_REPEATS × SCORE_N samples of Algorithm 2
    (all T steps, the engine's default σ_t² = β̃_t, as the benchmark samples), then
    `score_samples`. The page polls `done` / `result`; no Streamlit calls here."""

    def __init__(self, model: torch.nn.Module, schedule: ddpm_core.Schedule, dataset: str,
                 threads: int = 1):
        self.model, self.schedule, self.dataset, self.threads = model, schedule, dataset, threads
        self.result: dict | None = None
        self.error: str | None = None
        self.seconds = 0.0
        self._thread = threading.Thread(target=self._run, name="ddpm-score", daemon=True)

    def start(self) -> ScoreJob:
        _LIVE[id(self)] = self
        self._thread.start()
        return self

    @property
    def done(self) -> bool:
        return not self._thread.is_alive() and (self.result is not None or self.error is not None)

    def join(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        torch.set_num_threads(self.threads)
        t0 = time.perf_counter()
        try:
            g = torch.Generator().manual_seed(SCORE_SEED + 1)  # not the truth's stream
            x = ddpm_core.sample(self.model, self.schedule, SCORE_N * SCORE_REPEATS, generator=g)
            self.result = score_samples(list(x.split(SCORE_N)), self.dataset)
        except Exception as e:  # noqa: BLE001 - shown to the student as a message
            self.error = f"{type(e).__name__}: {e}"
            traceback.print_exc()
        finally:
            self.seconds = time.perf_counter() - t0
