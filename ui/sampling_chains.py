"""The sampling page's (views/sampling.py) chains and the computations behind them, in a module
so that their classes and Streamlit cache wrappers are built once per process: defined inside
the page script they were built again on every full rerun of the page (~8 ms of the server's
one interpreter per rerun, measured in session 17: each cache decorator hashes its function's
source, each class and dataclass is made anew).

A trained model (or the exact ε* of the 8-Gaussian mixture, `oracle`) is run once per setting
and shared read-only by every session: the step-through's `trajectory`
(`ddpm_core.sample_progressive`), section 2's three DDPM chains as one batched `sigma_run`
(`ddpm_core.sample_sigmas`, its rows split over two threads), the other chains
(`final_samples`), and their quality against fresh
draws of the data (`truth_draw`, `fresh_draws`, `quality_of`). They run on the WORKERS threads
of `pool()` (`Chains`), behind the pages of every session; the page asks for them as Futures
(`traj_job`, `chain_job`, `sigmas_job`, `sigma_chain_job`)."""

from __future__ import annotations

import atexit
import dataclasses
import functools
import itertools
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass

import numpy as np
import streamlit as st
import torch

import ddpm_core
from ddpm_core import Schedule
from ui.models import ModelChoice
from ui.sampling_compute import Settings, Trajectory
from ui.schedule_cache import schedule_from_key, schedule_key
from ui.shared_cache import shared

SIGMAS = ("beta", "beta_tilde", "zero")
N_VIEW = 500  # points drawn in the step-through (the browser redraws them at every step)
MAX_STORED = 250  # image trajectories keep at most this many steps for the slider
TRUTH_SEED = 12345
FRESH_DRAWS = 10  # fresh draws of the data, scored as the samples are: a ratio's chance range
MAX_JOBS = 96  # finished chains kept for every session (oldest dropped first)
MAX_TRAJ = 6  # finished step-through trajectories kept (up to a few MB each)
MAX_RUNS = 2  # finished SigmaRuns kept (three trajectories each for a 2-D model)
WORKERS = 2  # threads that run the queued jobs (a SigmaRun runs half its rows on one more)


def oracle(sched: Schedule) -> ModelChoice:
    """The exact ε* for the 8-Gaussian mixture: a perfect 'network' on the sidebar schedule
    (built once per schedule and shared: it keeps only the mixture and the schedule)."""
    return _oracle_for(schedule_key(sched))


@functools.lru_cache(maxsize=16)
def _oracle_for(key: str) -> ModelChoice:
    sched = schedule_from_key(key)
    mix = ddpm_core.mixture("8gaussians")
    return ModelChoice("oracle", ddpm_core.OracleEps(mix, sched), sched, "8gaussians",
                       {"kind": "oracle"})



class Stepper:
    """The network as `ddpm_core.sample_progressive` calls it, through the model's own fast
    forward for the sampler's loop (`sampling_fn`, which `ddpm_core.sample` uses too: the same
    network and the same numbers to float rounding, about twice as fast on n points as the
    module's forward; its output is overwritten by the next call, and the trajectory copies
    what it keeps before the next step). Models without one are called as they are."""

    def __init__(self, model: torch.nn.Module, n: int):
        self.model = model
        self.sample_shape = model.sample_shape
        make = getattr(model, "sampling_fn", None)
        self.fn = model if make is None else make(n)

    def parameters(self):
        return self.model.parameters()

    def __call__(self, x: torch.Tensor, t: int) -> torch.Tensor:
        return self.fn(x, t)


def ddim_steps(s: Settings) -> int | None:
    return s.steps if s.sampler == "ddim" else None


@st.cache_data(max_entries=32, show_spinner=False)
def per_call(model_key: str, _model: torch.nn.Module, n: int) -> float:
    """Seconds for one network call on n samples (the fastest of three, after a warm-up)."""
    x = torch.randn(n, *_model.sample_shape)
    best = float("inf")
    with torch.inference_mode():
        _model(x, 1)
        for _ in range(3):
            t0 = time.perf_counter()
            _model(x, 1)
            best = min(best, time.perf_counter() - t0)
    return best


def trajectory(_choice: ModelChoice, s: Settings, progress=None) -> Trajectory:
    """The whole reverse chain for one setting, computed once (a job of `Chains`) and shared
    read-only; `progress(k, K)` after each of its K steps."""
    model, sched = _choice.model, _choice.schedule
    shape = (s.n, *model.sample_shape)
    visited = ddpm_core.timesteps(sched.T, ddim_steps(s))
    every = max(1, -(-(len(visited) - 1) // MAX_STORED)) if _choice.is_image else 1
    keep = set(visited[:-1][::every])
    dtype = np.float16 if _choice.is_image else np.float32
    replay = torch.Generator().manual_seed(s.seed)  # the same draws as the sampler's
    torch.randn(shape, generator=replay)  # x_T
    ts, xs, x0s, checks = [], [], [], {}
    t0 = time.perf_counter()
    x = None
    chain = ddpm_core.sample_progressive(
        Stepper(model, s.n), sched, s.n, sampler=s.sampler, steps=ddim_steps(s), eta=s.eta,
        sigma=s.sigma, generator=torch.Generator().manual_seed(s.seed))
    engine = 0.0
    while True:
        t1 = time.perf_counter()
        info = next(chain, None)
        engine += time.perf_counter() - t1
        if info is None:
            break
        z = torch.randn(shape, generator=replay)  # the z this step used
        step = info["t"]
        if progress is not None:
            progress(len(visited) - 1 - visited.index(info["t_prev"]), len(visited) - 1)
        if step in keep:
            ts.append(step)
            xs.append(info["x_t"][:N_VIEW].cpu().numpy().astype(dtype))
            x0s.append(info["x0_pred"][:N_VIEW].cpu().numpy().astype(dtype))
            checks[step] = {"t_prev": info["t_prev"],
                            **{k: info[k][0].cpu().double().numpy().ravel()
                               for k in ("x_t", "eps_pred", "x_prev", "x0_pred")},
                            "z": z[0].double().numpy().ravel()}
        x = info["x_prev"]
    seconds = time.perf_counter() - t0
    final = x[:N_VIEW].cpu().numpy().astype(dtype)
    ts.append(0)
    xs.append(final)
    x0s.append(final)
    xs_arr, x0s_arr = np.stack(xs), np.stack(x0s)
    xs_arr.flags.writeable = False
    x0s_arr.flags.writeable = False
    every_x0 = x.cpu().numpy()
    every_x0.flags.writeable = False
    return Trajectory(tuple(ts), xs_arr, x0s_arr, checks, seconds, every_x0, s, engine)


def final_samples(choice: ModelChoice, s: Settings) -> tuple[np.ndarray, float]:
    """Samples x_0 by `ddpm_core.sample` (the fast loop) and the wall time it took."""
    t0 = time.perf_counter()
    x = ddpm_core.sample(choice.model, choice.schedule, s.n, sampler=s.sampler,
                         steps=ddim_steps(s), eta=s.eta, sigma=s.sigma,
                         generator=torch.Generator().manual_seed(s.seed))
    return x.cpu().numpy(), time.perf_counter() - t0


@dataclass(frozen=True)
class SigmaRun:
    """Section 2's DDPM chains σ_t² = β_t, β̃_t, 0 (all T steps, one seed), run as ONE batched
    chain by `ddpm_core.sample_sigmas` (the same x_T and z_t for the three, as three separate
    `ddpm_core.sample` calls with this seed draw them), its rows split over two threads. For a
    2-D model it keeps every step of each chain for the step-through (one Trajectory per σ:
    the σ radio then finds its chain computed)."""

    finals: dict  # σ -> all n samples x_0 (read-only)
    trajs: dict  # σ -> Trajectory (2-D models; empty for images)
    seconds: float  # wall time of the whole run (the three chains together)


SPLIT_THREADS = 2  # threads a SigmaRun's rows are split over (the CPU's two cores)


class Checks(Mapping):
    """t -> sample #0's t_prev, x_t, eps, z, x_prev, x0_pred (flat float64) of one chain of a
    SigmaRun, read from its stored steps when asked (x_prev is the next stored x_t)."""

    def __init__(self, ts: tuple, xs: np.ndarray, x0s: np.ndarray, eps: np.ndarray,
                 z: np.ndarray):
        self._ts, self._xs, self._x0s, self._eps, self._z = ts, xs, x0s, eps, z
        self._index = {t_: i for i, t_ in enumerate(ts[:-1])}

    def __getitem__(self, t_: int) -> dict:
        i = self._index[t_]

        def flat(a):
            return np.asarray(a, np.float64).ravel()

        return {"t_prev": self._ts[i + 1], "x_t": flat(self._xs[i, 0]),
                "eps_pred": flat(self._eps[i]), "x_prev": flat(self._xs[i + 1, 0]),
                "x0_pred": flat(self._x0s[i, 0]), "z": flat(self._z[i])}

    def __iter__(self):
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def sigma_run(_choice: ModelChoice, seed: int, n: int, progress=None,
               stop=lambda: False) -> SigmaRun:
    """The three σ chains of `SigmaRun`; `progress(k, K)` after each of its K steps, `stop()`
    (checked every step) True ends it with CancelledError."""
    model, sched = _choice.model, _choice.schedule
    T, k = sched.T, len(SIGMAS)
    frames = not _choice.is_image
    cut = (n + 1) // 2
    halves = [(0, cut), (cut, n)] if SPLIT_THREADS > 1 and n >= 2 else [(0, n)]
    shape = tuple(model.sample_shape)
    recs: list = [None] * len(halves)

    def run_half(h: int) -> None:
        torch.set_num_threads(1)  # two threads on two cores: no intra-op threads on top
        lo, hi = halves[h]
        keep = max(0, min(hi, N_VIEW) - lo) if frames else 0  # rows the step-through draws
        every = keep == hi - lo
        first = frames and lo == 0  # sample #0's ε and z, for the live check
        # every step's x_t and x̂_0 (then x_0) of each chain, and sample #0's ε and z: the
        # callback's fresh tensors are kept as they come (or views of them) and stacked at the
        # end; a copy per step would be one more tensor call, each of which can wait for the
        # GIL while the other half runs (sample_sigmas says why that matters)
        xs_l: list = []
        x0s_l: list = []
        eps_l: list = []
        z_l: list = []

        def step(info: dict) -> None:
            if stop():
                raise CancelledError
            if h == 0 and progress is not None:
                progress(T - info["t"] + 1, T)
            if keep:
                xs_l.append(info["x_t"] if every else info["x_t"][:, :keep])
                x0s_l.append(info["x0_pred"] if every else info["x0_pred"][:, :keep])
            if first:
                eps_l.append(info["eps_pred"][:, 0])
                z_l.append(info["noise"][0])

        x = ddpm_core.sample_sigmas(
            model, sched, n, SIGMAS, generator=torch.Generator().manual_seed(seed),
            rows=halves[h], callback=step)
        end = x[:, :keep]
        xs = torch.stack([*xs_l, end], 1) if keep else torch.empty(k, T + 1, 0, *shape)
        x0s = torch.stack([*x0s_l, end], 1) if keep else torch.empty(k, T + 1, 0, *shape)
        recs[h] = {"x": x.cpu().numpy(), "xs": xs.numpy(), "x0s": x0s.numpy(),
                   "eps": torch.stack(eps_l, 1).numpy() if first else None,
                   "z": torch.stack(z_l).numpy() if first else None}

    t0 = time.perf_counter()
    errors: list = []

    def side() -> None:
        try:
            run_half(1)
        except BaseException as err:  # noqa: BLE001 - raised again below
            errors.append(err)

    helper = None
    if len(halves) > 1:
        helper = threading.Thread(target=side, name="sampling-chains-half", daemon=True)
        helper.start()
    try:
        run_half(0)
    finally:
        if helper is not None:
            helper.join()
    if errors:
        raise errors[0]
    seconds = time.perf_counter() - t0
    x_all = np.concatenate([r["x"] for r in recs], axis=1)  # (k, n, ...)
    ts = tuple(range(T, -1, -1))
    finals, trajs = {}, {}
    for j, sg in enumerate(SIGMAS):
        final = np.ascontiguousarray(x_all[j])
        final.flags.writeable = False
        finals[sg] = final
        if not frames:
            continue
        parts = [r for r in recs if r["xs"].shape[2]]
        xs = np.concatenate([r["xs"][j] for r in parts], axis=1)
        x0s = np.concatenate([r["x0s"][j] for r in parts], axis=1)
        xs.flags.writeable = False
        x0s.flags.writeable = False
        checks = Checks(ts, xs, x0s, recs[0]["eps"][j], recs[0]["z"])
        trajs[sg] = Trajectory(ts, xs, x0s, checks, seconds, final,
                               Settings("ddpm", sg, None, 0.0, seed, n), seconds, k)
    return SigmaRun(finals, trajs, seconds)


def draw_data(dataset: str, image_size: int, n: int, g: torch.Generator) -> torch.Tensor:
    if dataset == "digits":
        return ddpm_core.glyph_digits(n, image_size, g)[0].reshape(n, -1).float()
    return ddpm_core.toy_2d(dataset, n, g)


@shared(16)
def truth_draw(dataset: str, image_size: int, n: int) -> tuple[np.ndarray, float, float] | None:
    """A fresh draw of the data (flat, read-only), and the SWD and MMD between two such draws
    (the floor). Shared by every session and by the chains run behind the page
    (`ui.shared_cache`, not st.cache_resource: the step-through reads it at every t a student
    reports, and st.cache_resource's argument hashing cost ~0.4 ms a call there)."""
    if dataset not in ddpm_core.TOY_DATASETS and dataset != "digits":
        return None
    g = torch.Generator().manual_seed(TRUTH_SEED)
    a, b = draw_data(dataset, image_size, n, g), draw_data(dataset, image_size, n, g)
    out = a.numpy()
    out.flags.writeable = False
    return (out, ddpm_core.sliced_wasserstein(b, a), ddpm_core.mmd(b, a))


@st.cache_resource(max_entries=16, show_spinner=False)
def fresh_draws(dataset: str, image_size: int, n: int) -> dict | None:
    """How the data itself scores in the quality table: FRESH_DRAWS new draws of n (from their
    own seed), each compared with `truth_draw`'s draw as the samples are and divided by the same
    floor; the median, least and largest spread and ratio of each measure (MMD: 2-D only).
    Without it the table's data row would be the floor divided by itself, 1 by construction."""
    truth = truth_draw(dataset, image_size, n)
    if truth is None:
        return None
    a, swd_floor, mmd_floor = truth
    ta = torch.from_numpy(np.array(a))
    g = torch.Generator().manual_seed(TRUTH_SEED + 1)
    spread, swd, mmd = [], [], []
    for _ in range(FRESH_DRAWS):
        b = draw_data(dataset, image_size, n, g)
        spread.append(spread_of(b.numpy()))
        swd.append(ddpm_core.sliced_wasserstein(b, ta) / swd_floor)
        if dataset != "digits":
            mmd.append(ddpm_core.mmd(b, ta) / mmd_floor)

    def summary(r: list) -> tuple:
        return (float(np.median(r)), min(r), max(r)) if r else (np.nan, np.nan, np.nan)

    return {"spread": summary(spread), "swd": summary(swd), "mmd": summary(mmd),
            "k": FRESH_DRAWS, "n": n}


def spread_of(x: np.ndarray) -> float:
    """√(mean over coordinates of the variance over samples): 1 for the normalised 2-D data."""
    flat = np.asarray(x, np.float64).reshape(len(x), -1)
    return float(np.sqrt(flat.var(0).mean()))


def quality_of(x: np.ndarray, dataset: str, image_size: int) -> dict:
    out = {"spread": spread_of(x), "swd": np.nan, "mmd": np.nan}
    truth = truth_draw(dataset, image_size, len(x))
    if truth is not None:
        a, swd_floor, mmd_floor = truth
        gen = torch.from_numpy(np.array(x, np.float32).reshape(len(x), -1))
        ta = torch.from_numpy(np.array(a))
        out["swd"] = ddpm_core.sliced_wasserstein(gen, ta) / swd_floor
        out["mmd"] = ddpm_core.mmd(gen, ta) / mmd_floor
    return out


# ------------------------------------------------------------------ chains behind the page
@dataclass(frozen=True)
class Chain:
    """One finished chain of sections 2 and 3: all n samples x_0 (read-only), the engine's
    wall time, and their quality (spread, SWD/floor, MMD/floor)."""

    x: np.ndarray
    seconds: float
    quality: dict
    shared: int = 1  # from a SigmaRun of this many chains: seconds = its wall time / shared
    view: bool = False  # the step-through's own chain (seconds: the engine's steps only)


class Chains:
    """The chains of sections 1-3, run by WORKERS threads behind the pages of every session
    (highest priority first), so that a rerun ends (and the step-through is shown) while
    they run.
    A chain is keyed by the model's key and its settings (as a plain tuple, as a SigmaRun's
    key is) and computed once; results are read-only and shared
    (as st.cache_resource would share them)."""

    def __init__(self):
        self._queue: queue.PriorityQueue = queue.PriorityQueue()
        self._count = itertools.count()
        self._jobs: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.stopping = False
        self._threads = [threading.Thread(target=self._work, name=f"sampling-chains-{i}",
                                          daemon=True) for i in range(WORKERS)]
        for th in self._threads:
            th.start()
        atexit.register(self.close)

    def _work(self) -> None:
        torch.set_num_threads(1)  # WORKERS threads on the CPU's cores: no intra-op threads
        while True:
            _, _, job = self._queue.get()
            if job is None:
                return
            fut, fn = job
            if not fut.set_running_or_notify_cancel():  # no session wants it any more
                continue
            try:
                fut.set_result(fn(fut))
            except BaseException as err:  # noqa: BLE001 - handed to the page that asked
                fut.set_exception(err)

    def submit(self, key, fn, first: bool = False) -> Future:
        """The Future of the job `key`, queued (`first`: ahead of the others) unless known;
        the worker calls fn(that Future)."""
        with self._lock:
            fut = self._jobs.get(key)
            if fut is None or fut.cancelled() or (fut.done() and fut.exception() is not None):
                fut = Future()
                self._jobs[key] = fut
                self._queue.put((0 if first else 1, next(self._count), (fut, fn)))
            self._jobs.move_to_end(key)
            for kind, most in (("traj", MAX_TRAJ), ("chain", MAX_JOBS), ("sigmas", MAX_RUNS)):
                done = [k for k, f in self._jobs.items() if f.done() and k[0] == kind]
                for k in done[:max(0, len(done) - most)]:
                    del self._jobs[k]
            return fut

    def close(self, timeout: float = 2.0) -> None:
        """At exit: drop the queued chains, stop a trajectory at its next step, and give a
        running chain a few seconds to finish (a thread killed inside torch can abort the
        interpreter; a server's shutdown must not wait long)."""
        self.stopping = True
        with self._lock:
            for f in self._jobs.values():
                f.cancel()
        for _ in self._threads:
            self._queue.put((-1, -1, None))
        end = time.monotonic() + timeout
        for th in self._threads:
            th.join(max(0.0, end - time.monotonic()))


@st.cache_resource(show_spinner=False)
def pool() -> Chains:
    return Chains()


def traj_job(mkey: str, choice: ModelChoice, s: Settings) -> Future:
    """A Future of the step-through's Trajectory for settings `s` (ahead of the other chains);
    its `progress` attribute is the fraction of the chain's steps done."""
    chains = pool()

    def progress(fut: Future, k: int, m: int) -> None:
        if chains.stopping:  # the server is shutting down
            raise CancelledError
        fut.progress = k / max(m, 1)

    def run(fut: Future) -> Trajectory:
        return trajectory(choice, s, lambda k, m: progress(fut, k, m))

    return chains.submit(("traj", mkey, dataclasses.astuple(s)), run, first=True)


def chain_job(mkey: str, choice: ModelChoice, s: Settings, traj: Future | None) -> Future:
    """A Future of the Chain for settings `s`: the step-through's own chain (the Future `traj`,
    queued before) when it runs these very settings (the same draws, so the same samples: a new
    seed then runs three chains, not four), else `ddpm_core.sample`."""
    image_size = image_size_of(choice)
    reuse = traj is not None

    def run(_fut: Future) -> Chain:
        if reuse:
            got = traj.result(timeout=600)  # queued before this job: done by now
            x, sec = np.array(got.final), got.engine_seconds
        else:
            x, sec = final_samples(choice, s)
        x.flags.writeable = False
        return Chain(x, sec, quality_of(x, choice.dataset, image_size), view=reuse)

    return pool().submit(("chain", mkey, dataclasses.astuple(s), reuse), run, first=reuse)


def sigmas_job(mkey: str, choice: ModelChoice, seed: int, n: int) -> Future:
    """A Future of the SigmaRun (section 2's three chains, and the step-through's for a 2-D
    model) for this seed and n, queued ahead of the other chains; `progress` as `traj_job`."""
    chains = pool()

    def run(fut: Future) -> SigmaRun:
        def progress(k: int, m: int) -> None:
            fut.progress = k / max(m, 1)

        return sigma_run(choice, seed, n, progress, lambda: chains.stopping)

    return chains.submit(("sigmas", mkey, (seed, n)), run, first=True)


class Picked(Future):
    """The part `pick(result)` of another Future (a SigmaRun's trajectory for one σ), done when
    that one is; its progress is that one's. Cancelling it leaves the other running."""

    def __init__(self, parent: Future, pick):
        super().__init__()
        self.parent = parent
        self._pick = pick
        parent.add_done_callback(self._copy)

    @property
    def progress(self) -> float:
        return float(getattr(self.parent, "progress", 0.0))

    def _copy(self, parent: Future) -> None:
        if self.done():  # cancelled by its session meanwhile
            return
        try:
            if parent.cancelled():
                self.cancel()
            elif parent.exception() is not None:
                self.set_exception(parent.exception())
            else:
                self.set_result(self._pick(parent.result()))
        except Exception:  # noqa: BLE001 - cancelled between the check and the set
            pass


def sigma_chain_job(mkey: str, choice: ModelChoice, s: Settings, run: Future) -> Future:
    """A Future of the Chain of DDPM settings `s` taken from the SigmaRun `run` (queued before):
    its samples, and their quality computed here (on a worker of its own)."""
    image_size = image_size_of(choice)

    def job(_fut: Future) -> Chain:
        got = run.result(timeout=600)
        x = got.finals[s.sigma]
        fresh_draws(choice.dataset, image_size, len(x))  # section 2's data row, here off the page
        return Chain(x, got.seconds / len(SIGMAS), quality_of(x, choice.dataset, image_size),
                     len(SIGMAS))

    return pool().submit(("chain", mkey, dataclasses.astuple(s), "sigmas"), job)



def image_size_of(choice: ModelChoice) -> int:
    return int(choice.model.sample_shape[-1]) if choice.is_image else 0
