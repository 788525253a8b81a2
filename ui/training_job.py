"""A student's training run, in a background thread of the Streamlit server.

The page starts a `TrainJob` and keeps it in its own `st.session_state` (so another session
never sees it, and it survives page switches); the thread touches nothing but the job
object: no Streamlit calls. The page polls `job.snapshot()` from an `st.fragment` that
reruns every half second while the job runs. `stop()` is answered before the next
optimiser step (milliseconds for the 2-D models), and the model keeps what it learned.
"""

from __future__ import annotations

import copy
import threading
import time
import traceback
from dataclasses import dataclass, field

import torch

import ddpm_core

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
