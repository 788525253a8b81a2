"""Long engine jobs (a student's training run, a model's score) in worker processes.

The Streamlit server never trains on its own threads: a `WorkerPool` of K processes (spawn
context, one torch thread each; K = the number of cores less one, at least 1;
`DDPM_TRAIN_WORKERS` overrides) runs at most K jobs at once, and further jobs wait in a queue
whose position the page shows.
Workers run at a lower priority (nice 10), so a busy pool takes only the CPU the pages leave.
A job is a plain description (model config, schedule config, data tensor, seed, ...); its
worker sends progress back over a queue and, at the end, the weights as our own safetensors
checkpoint bytes (`ddpm_core.checkpoint_bytes`, read back with `load_checkpoint_bytes`: no
pickle of anything a user supplied). Stop sets the worker's stop event, read before every
optimiser step, and the model keeps what it learned. A worker that dies (killed, out of
memory, a crash inside torch) fails its job with a clear message and is replaced.

A job may carry `owner_alive`, a callable: the page passes one that asks Streamlit's runtime
whether the session that started the job still has a connected browser
(`Runtime.is_active_session`). A job whose owner has been gone for `DISCONNECT_GRACE_S`
(a closed tab; a short network blip reconnects within it) is stopped or dropped from the
queue, which frees its slot.

A training runs on `ddpm_core.get_device()`: the GPU when the machine has one (each worker is
a spawned process, so it opens CUDA on its own), else the CPU; `DDPM_DEVICE` overrides. The
weights come back on the CPU, where the pages sample.

Seeds: a worker runs one job at a time, so its process-wide torch generator belongs to that
job alone; the network's initial weights come from `torch.manual_seed(seed)` there and the
batches from the job's own `torch.Generator`. The same seed gives the same weights whatever
else runs.

The page keeps the job in its `st.session_state` and polls `job.snapshot()` from a fragment.
"""

from __future__ import annotations

import atexit
import collections
import itertools
import multiprocessing as mp
import os
import queue
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

import torch

import ddpm_core

EMA_DECAY = 0.99
EMA_MIN_STEPS = 200  # below this the EMA still remembers the random initialisation


@dataclass
class Snapshot:
    status: str  # "queued", "running", "done", "stopped", "error", "cancelled" (dropped from
    # the queue) or "abandoned" (its session left)
    steps_done: int
    steps: int
    log_steps: list
    losses: list
    seconds: float
    error: str | None = None
    position: int = 0  # in the queue, while status is "queued" (1: next to start)
    stopping: bool = False  # Stop was pressed; the worker has not yet sent the weights back

    @property
    def running(self) -> bool:
        """Running or waiting for a worker: the settings are locked, Stop is offered."""
        return self.status in ("running", "queued")

    @property
    def fraction(self) -> float:
        return min(1.0, self.steps_done / self.steps) if self.steps else 1.0


# ---------------------------------------------------------------------------- the worker side
def _run_train(task: dict, progress: Callable, should_stop: Callable) -> dict:
    seed = int(task["seed"])
    torch.manual_seed(seed)  # this process runs this job alone: the initial weights are its own
    device = ddpm_core.get_device()  # a GPU when there is one (DDPM_DEVICE overrides)
    model = ddpm_core.build_model(task["model"], device=device)
    sched = ddpm_core.Schedule.from_config(task["schedule"])
    steps = int(task["steps"])
    hist = ddpm_core.train(
        model, sched, task["data"], steps, batch_size=int(task["batch_size"]),
        lr=float(task["lr"]), generator=torch.Generator().manual_seed(seed),
        callback=lambda step, loss: progress(step, float(loss)), should_stop=should_stop,
        ema=EMA_DECAY, log_every=max(1, min(25, steps // 100)))
    if hist.ema is not None and hist.steps_done >= EMA_MIN_STEPS:
        hist.ema.copy_to(model)  # the averaged weights sample more cleanly
    return {"blob": ddpm_core.checkpoint_bytes(model, schedule=sched),  # weights on the CPU
            "steps_done": hist.steps_done, "stopped": hist.stopped, "device": device.type}


def _run_score(task: dict, progress: Callable, should_stop: Callable) -> dict:
    ckpt = ddpm_core.load_checkpoint_bytes(task["blob"], device="cpu")
    g = torch.Generator().manual_seed(SCORE_SEED + 1)  # not the truth's stream
    x = ddpm_core.sample(ckpt.model.eval(), ckpt.schedule, SCORE_N * SCORE_REPEATS, generator=g)
    return {"score": score_samples(list(x.split(SCORE_N)), task["dataset"])}


def _run_vae(task: dict, progress: Callable, should_stop: Callable) -> dict:
    """The VAE page's 'train it yourself': `ddpm_core.vae.default_vae` (VAE_2D / VAE_DIGITS, the
    same run bench.bench_vae times) on fresh data of `task["dataset"]`."""
    from ddpm_core import vae as V

    kind = "digits" if task["dataset"] == "digits" else "2d"
    steps, seed = int(task["steps"]), int(task["seed"])
    vae, hist, _ = V.default_vae(kind, dataset=task["dataset"], seed=seed, steps=steps,
                                 callback=lambda step, loss, recon, kl: progress(step, float(loss)),
                                 should_stop=should_stop, log_every=max(1, min(25, steps // 100)))
    return {"blob": V.vae_bytes(vae, {"dataset": task["dataset"], "seed": seed}),
            "steps_done": hist.steps_done, "stopped": hist.stopped}


def _run_masked(task: dict, progress: Callable, should_stop: Callable) -> dict:
    """A masked-token model (ddpm_core.tokens, default training) on token set task["name"]."""
    from ddpm_core import tokens

    tt = tokens.make_task(task["name"])
    model, hist = tokens.train_masked_model(tt, steps=int(task["steps"]), seed=int(task["seed"]),
                                            callback=progress, should_stop=should_stop)
    acc = tokens.held_out_accuracy(model, tt)
    meta = {"seconds": hist["seconds"], "held_out_accuracy": acc}
    return {"blob": tokens.masked_model_bytes(model, task["name"], tt.tokenizer, meta),
            "steps_done": hist["step"][-1] if hist["step"] else 0,
            "stopped": bool(should_stop())}


_RUNNERS = {"train": _run_train, "score": _run_score, "vae": _run_vae, "masked": _run_masked}


def _worker_main(inbox, outbox, stop, threads: int) -> None:
    """A worker process: one job at a time from `inbox`, messages to `outbox`."""
    outbox.cancel_join_thread()  # exit at shutdown even if the server no longer reads
    torch.set_num_threads(threads)
    torch.optim.AdamW([torch.zeros(1, requires_grad=True)])  # imports torch._dynamo once
    try:  # only now: at nice 10 on a busy machine the start-up took tens of seconds
        os.nice(WORKER_NICE)
    except OSError:
        pass
    while True:
        task = inbox.get()
        if task is None:
            return
        job_id = task["id"]
        stop.clear()
        outbox.put(("started", job_id, os.getpid()))
        try:
            res = _RUNNERS[task["kind"]](
                task, lambda step, loss, j=job_id: outbox.put(("progress", j, (step, loss))),
                stop.is_set)
            outbox.put(("done", job_id, res))
        except Exception as e:  # noqa: BLE001 - shown to the student as a message
            traceback.print_exc()
            outbox.put(("error", job_id, f"{type(e).__name__}: {e}"))


# ---------------------------------------------------------------------------- the server side
def default_workers() -> int:
    env = os.environ.get("DDPM_TRAIN_WORKERS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    # one core left to the web server, whose reruns a niced worker (WORKER_NICE) still slows:
    # 10 students browsing while 3 train on 2 cores (scripts/bench_load.py, session 20), K = 2:
    # 4.1-7.5 ms/step against 4.1 alone (up to 1.8x), browsing p95 92-112 ms; K = 1: 2.7-3.0
    # ms/step, p95 84-88 ms, the third training queued until one ended
    return max(1, (os.cpu_count() or 1) - 1)


DISCONNECT_GRACE_S = 10.0
# How long a page's Stop waits for the worker to send the weights back (Job.stop(wait=...)):
# the worker sees the stop before its next step and answers within ~0.1 s on an idle machine,
# so the click's own rerun shows "stopped"; a slower answer is shown by the next poll.
STOP_WAIT_S = 1.0
WORKER_NICE = 10  # workers yield the CPU to the Streamlit process: pages stay quick
CRASH_MESSAGE = "the worker process running this job stopped unexpectedly (exit code {code})"


class _Worker:
    def __init__(self, ctx, threads: int):
        self.inbox, self.outbox, self.stop = ctx.Queue(), ctx.Queue(), ctx.Event()
        self.proc = ctx.Process(target=_worker_main, name="ddpm-worker", daemon=True,
                                args=(self.inbox, self.outbox, self.stop, threads))
        self.proc.start()
        self.job: Job | None = None


class WorkerPool:
    """K worker processes, a FIFO queue of jobs and one dispatcher thread in this process."""

    def __init__(self, workers: int | None = None, threads: int = 1,
                 grace_s: float = DISCONNECT_GRACE_S, poll_s: float = 0.05):
        self.size = workers or default_workers()
        self.threads, self.grace_s, self.poll_s = threads, grace_s, poll_s
        self._ctx = mp.get_context("spawn")
        self._lock = threading.Lock()
        self._queue: collections.deque[Job] = collections.deque()
        self._workers: list[_Worker] = []
        self._closed = False
        self._thread: threading.Thread | None = None
        self.crashes = 0

    # ------------------------------------------------------------------ used by jobs
    def submit(self, job: Job) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError("the worker pool is shut down")
            if not self._workers:
                self._workers = [_Worker(self._ctx, self.threads) for _ in range(self.size)]
                self._thread = threading.Thread(target=self._dispatch, name="ddpm-pool",
                                                daemon=True)
                self._thread.start()
            self._queue.append(job)

    def position(self, job: Job) -> int:
        """1 for the next job to start, 0 if not queued."""
        with self._lock:
            for i, j in enumerate(self._queue):
                if j is job:
                    return i + 1
        return 0

    def cancel(self, job: Job) -> bool:
        """Drop a queued job (True), or stop it if running (False)."""
        with self._lock:
            if job in self._queue:
                self._queue.remove(job)
                return True
            for w in self._workers:
                if w.job is job:
                    w.stop.set()
        return False

    def running(self) -> int:
        with self._lock:
            return sum(w.job is not None for w in self._workers)

    def worker_pids(self) -> list[int]:
        with self._lock:
            return [w.proc.pid for w in self._workers]

    # ------------------------------------------------------------------ the dispatcher
    def _dispatch(self) -> None:
        while True:
            with self._lock:
                if self._closed:
                    return
                workers = list(self._workers)
            for i, w in enumerate(workers):
                self._drain(w)
                if not w.proc.is_alive():
                    self._drain(w)  # its last words, if any
                    job, code = w.job, w.proc.exitcode
                    if job is not None:
                        job._finish_error(CRASH_MESSAGE.format(code=code), crashed=True)
                        self.crashes += 1
                    with self._lock:
                        if not self._closed:
                            self._workers[i] = _Worker(self._ctx, self.threads)
            self._watch_owners()
            with self._lock:
                for w in self._workers:
                    if w.job is None and self._queue and w.proc.is_alive():
                        job = self._queue.popleft()
                        w.job = job
                        job._assigned(w)
                        w.inbox.put(job._task())
            time.sleep(self.poll_s)

    def _drain(self, w: _Worker) -> None:
        while True:
            try:
                kind, job_id, payload = w.outbox.get_nowait()
            except (queue.Empty, OSError, EOFError, ValueError):
                return
            job = w.job
            if job is None or job.id != job_id:
                continue
            if kind == "started":
                job._started(payload)
            elif kind == "progress":
                job._progress(*payload)
            elif kind == "done":
                job._finish(payload)
                w.job = None
            elif kind == "error":
                job._finish_error(payload)
                w.job = None

    def _watch_owners(self) -> None:
        now = time.monotonic()
        with self._lock:
            jobs = list(self._queue) + [w.job for w in self._workers if w.job is not None]
        for job in jobs:
            if job.owner_alive is None or job._abandoned:
                continue
            try:
                alive = bool(job.owner_alive())
            except Exception:  # noqa: BLE001 - a broken check never kills the dispatcher
                alive = True
            if alive:
                job._gone_since = None
            elif job._gone_since is None:
                job._gone_since = now
            elif now - job._gone_since >= self.grace_s:
                job._abandoned = True
                if self.cancel(job):
                    job._finish_error("abandoned", status="abandoned")

    # ------------------------------------------------------------------ shutdown
    def shutdown(self, timeout: float = 10.0) -> None:
        with self._lock:
            self._closed = True
            workers, self._workers = self._workers, []
            queued, self._queue = list(self._queue), collections.deque()
        for job in queued:
            job._finish_error("the server is shutting down", status="cancelled")
        for w in workers:
            w.stop.set()
            try:
                w.inbox.put(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + timeout
        for w in workers:
            w.proc.join(max(0.1, deadline - time.monotonic()))
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join(5)
        if self._thread is not None:
            self._thread.join(timeout)


_POOL: WorkerPool | None = None
_POOL_LOCK = threading.Lock()


def pool() -> WorkerPool:
    """The server's pool (created on first use, shut down at exit)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = WorkerPool()
            atexit.register(_POOL.shutdown)
        return _POOL


def session_alive() -> Callable[[], bool] | None:
    """For a page: a check that the Streamlit session running it still has a connected browser
    (`Runtime.is_active_session`: false once its websocket closed); None where there is no
    server runtime (AppTest), and the job then never counts as abandoned."""
    try:
        from streamlit.runtime import Runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx
    except ImportError:
        return None
    ctx = get_script_run_ctx()
    if ctx is None or not Runtime.exists():
        return None
    runtime, session_id = Runtime.instance(), ctx.session_id
    return lambda: runtime.is_active_session(session_id)


_IDS = itertools.count(1)


class Job:
    """What the page holds: status, progress, result. All updates come from the pool's thread."""

    kind = ""

    def __init__(self, owner_alive: Callable[[], bool] | None = None):
        self.id = next(_IDS)
        self.owner_alive = owner_alive
        self._lock = threading.Lock()
        self._status = "new"
        self._error: str | None = None
        self._t0 = self._t1 = None
        self._submitted = 0.0
        self._pool: WorkerPool | None = None
        self._gone_since: float | None = None
        self._abandoned = False
        self._done = threading.Event()
        self.worker_pid: int | None = None
        self.crashed = False
        self.stop_requested = False

    def start(self, pool_: WorkerPool | None = None):
        if self._pool is not None:
            raise RuntimeError("a job runs once")
        self._pool = pool_ or pool()
        self._status, self._submitted = "queued", time.perf_counter()
        self._pool.submit(self)
        return self

    def stop(self, wait: float = 0.0) -> bool:
        """Stop a running job (it keeps what it learned) or drop a queued one; then wait up
        to `wait` seconds for it to end (a page passes STOP_WAIT_S, so that the run the click
        started already shows the job stopped). True if it has ended."""
        self.stop_requested = True
        if self._pool is not None and self._pool.cancel(self):
            self._finish_error("cancelled", status="cancelled")
        return self._done.wait(wait) if wait > 0 else self._done.is_set()

    def join(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    @property
    def pool_size(self) -> int:
        return self._pool.size if self._pool is not None else default_workers()

    @property
    def position(self) -> int:
        return self._pool.position(self) if self._pool is not None else 0

    # ------------------------------------------------------------------ pool callbacks
    def _task(self) -> dict:
        raise NotImplementedError

    def _assigned(self, worker: _Worker) -> None:
        with self._lock:
            self.worker_pid = worker.proc.pid

    def _started(self, pid: int) -> None:
        with self._lock:
            self._status, self._t0 = "running", time.perf_counter()

    def _progress(self, step: int, loss: float) -> None:
        pass

    def _finish(self, payload: dict) -> None:
        raise NotImplementedError

    def _finish_error(self, msg: str, status: str = "error", crashed: bool = False) -> None:
        with self._lock:
            if self._status in ("done", "stopped", "error", "abandoned", "cancelled"):
                return
            self._status, self._error, self.crashed = status, msg, crashed
            self._t1 = time.perf_counter()
        self._done.set()

    def _elapsed(self) -> float:
        if self._t0 is None:
            return 0.0
        return (self._t1 if self._t1 is not None else time.perf_counter()) - self._t0


class TrainJob(Job):
    """Algorithm 1 (`ddpm_core.train`) on `data` for a network built from `model_cfg`."""

    kind = "train"

    def __init__(self, model_cfg: dict, schedule: ddpm_core.Schedule, data: torch.Tensor,
                 dataset: str, steps: int, batch_size: int, lr: float, seed: int,
                 settings: dict | None = None, owner_alive: Callable[[], bool] | None = None):
        super().__init__(owner_alive)
        self.model_cfg, self.schedule, self.data, self.dataset = model_cfg, schedule, data, dataset
        self.steps, self.batch_size, self.lr, self.seed = steps, batch_size, lr, seed
        self.settings = dict(settings or {})
        self._log_steps: list[int] = []
        self._losses: list[float] = []
        self._steps_done = 0
        self.result: torch.nn.Module | None = None  # the model to sample from, when finished
        self.device: str | None = None  # where the worker trained it ("cpu", "cuda")

    def _task(self) -> dict:
        return {"id": self.id, "kind": "train", "model": self.model_cfg,
                "schedule": self.schedule.config(), "data": self.data, "steps": self.steps,
                "batch_size": self.batch_size, "lr": self.lr, "seed": self.seed}

    def _progress(self, step: int, loss: float) -> None:
        with self._lock:
            self._log_steps.append(step)
            self._losses.append(loss)
            self._steps_done = step

    def _finish(self, payload: dict) -> None:
        try:
            model = ddpm_core.load_checkpoint_bytes(payload["blob"], device="cpu").model
        except ValueError as e:
            self._finish_error(f"ValueError: {e}")
            return
        with self._lock:
            self.result = model.eval().requires_grad_(False)
            self.device = payload["device"]
            self._steps_done = payload["steps_done"]
            self._status = "stopped" if payload["stopped"] else "done"
            self._t1 = time.perf_counter()
        self._done.set()

    def snapshot(self) -> Snapshot:
        position = self.position if self._status == "queued" else 0
        with self._lock:
            return Snapshot(self._status, self._steps_done, self.steps, list(self._log_steps),
                            list(self._losses), self._elapsed(), self._error, position,
                            self.stop_requested and self._status == "running")


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


class ScoreJob(Job):
    """Score one 2-D model in a worker: SCORE_REPEATS × SCORE_N samples of Algorithm 2 (all T
    steps, the engine's default σ_t² = β̃_t, as the benchmark samples), then `score_samples`.
    The page polls `done` / `result`; the model travels as checkpoint bytes."""

    kind = "score"

    def __init__(self, model: torch.nn.Module, schedule: ddpm_core.Schedule, dataset: str,
                 owner_alive: Callable[[], bool] | None = None):
        super().__init__(owner_alive)
        self.dataset = dataset
        self._blob = ddpm_core.checkpoint_bytes(model, schedule=schedule)
        self.result: dict | None = None

    @property
    def error(self) -> str | None:
        return self._error

    @property
    def seconds(self) -> float:
        return self._elapsed()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def _task(self) -> dict:
        return {"id": self.id, "kind": "score", "blob": self._blob, "dataset": self.dataset}

    def _finish(self, payload: dict) -> None:
        with self._lock:
            self.result = payload["score"]
            self._status = "done"
            self._t1 = time.perf_counter()
        self._done.set()


class VAETrainJob(TrainJob):
    """The VAE page's 'train it yourself' (`_run_vae` in a worker): the same progress and
    snapshot as TrainJob; `result` is a `ddpm_core.vae.GaussianVAE` (read back from safetensors
    bytes, never unpickled)."""

    kind = "vae"

    def __init__(self, dataset: str, steps: int, seed: int,
                 owner_alive: Callable[[], bool] | None = None):
        super().__init__({}, ddpm_core.Schedule.linear(1), torch.zeros(0), dataset, steps, 0,
                         0.0, seed, owner_alive=owner_alive)

    def _task(self) -> dict:
        return {"id": self.id, "kind": "vae", "dataset": self.dataset, "steps": self.steps,
                "seed": self.seed}

    def _finish(self, payload: dict) -> None:
        from ddpm_core.vae import load_vae_bytes

        try:
            vae, _ = load_vae_bytes(payload["blob"])
        except ValueError as e:
            self._finish_error(f"ValueError: {e}")
            return
        with self._lock:
            self.result = vae
            self._steps_done = payload["steps_done"]
            self._status = "stopped" if payload["stopped"] else "done"
            self._t1 = time.perf_counter()
        self._done.set()


class MaskedTrainJob(TrainJob):
    """A masked-token model (`ddpm_core.tokens.train_masked_model`) for token set `name`; the
    result is a `tokens.MaskedCheckpoint` read back from safetensors bytes (no pickle)."""

    kind = "masked"

    def __init__(self, name: str, steps: int, seed: int,
                 owner_alive: Callable[[], bool] | None = None):
        Job.__init__(self, owner_alive)
        self.name, self.steps, self.seed = name, steps, seed
        self._log_steps, self._losses, self._steps_done = [], [], 0
        self.result = None

    def _task(self) -> dict:
        return {"id": self.id, "kind": "masked", "name": self.name, "steps": self.steps,
                "seed": self.seed}

    def _finish(self, payload: dict) -> None:
        from ddpm_core import tokens

        try:
            ckpt = tokens.load_masked_model_bytes(payload["blob"])
        except ValueError as e:
            self._finish_error(f"ValueError: {e}")
            return
        with self._lock:
            self.result = ckpt
            self._steps_done = payload["steps_done"]
            self._status = "stopped" if payload["stopped"] else "done"
            self._t1 = time.perf_counter()
        self._done.set()
