"""Page 7, sampling step by step: Ho et al. 2020, Algorithm 2, and DDIM (Song et al. 2021).

A trained model (a shipped checkpoint, the student's own, or the exact ε* of a Gaussian
mixture) is run once per setting (`ddpm_core.sample_sigmas` for DDPM on a 2-D model, else
`ddpm_core.sample_progressive`); the t slider, the step
buttons and "play" only index into the stored trajectory. The choice σ_t² = β_t, β̃_t or 0
answers the lecture's "why not just take the mean?" with samples and metrics; DDIM with
S steps and η is timed and measured against the full chain.

The chains run behind the page, on two worker threads shared by every session (`_Chains`).
Section 2's three DDPM chains (σ_t² = β, β̃, 0: the same x_T and z_t) run first, as ONE
batched chain (`ddpm_core.sample_sigmas`, a `SigmaRun`) whose rows are split over two threads;
for a 2-D model with the DDPM sampler it keeps every step of each, and is the step-through's
chain (and section 3's full chain) too. Then DDIM and the other chains. A rerun waits
for them only WAIT_S; a section whose chains are still running shows a progress bar and keeps
its previous figure and table, said to be the previous seed's, and the page reruns itself once
they are done (a fragment polls). The first view of a model waits for its trajectory.
"""

from __future__ import annotations

import atexit
import dataclasses
import hashlib
import itertools
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from concurrent.futures import CancelledError, Future, wait
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import streamlit as st
import torch

import ddpm_core
from ddpm_core import Schedule
from ui import fig_sampling as figs
from ui import plot
from ui.code_panel import show_code
from ui.engine_cache import schedule_key
from ui.i18n import dataset_name, lang, schedule_name, t
from ui.latex import num_short, plain
from ui.models import ModelChoice, model_choices
from ui.nav import next_link, question
from ui.sampling_compute import Settings, Trajectory, check_table, sigma_t, step_frames
from ui.urlstate import url_choice, url_slider

SIGMAS = ("beta", "beta_tilde", "zero")
N_POINTS = (250, 500, 1000, 2000)
N_IMAGES = (16, 64)
N_TRAILS = 30
N_VIEW = 500  # points drawn in the step-through (the browser redraws them at every step)
IMG_VIEW = 16  # pictures the step-through runs for an image model (its own chain: 4× faster
# than 64 on the CPU); sections 2 and 3 sample all n
MAX_STORED = 250  # image trajectories keep at most this many steps for the slider
SPEEDS = (1, 2, 5, 10, 20, 50)  # frames per tick while playing (30 ticks a second)
BUDGET_S = 15.0  # estimated seconds above which a computation waits for a button
TRUTH_SEED = 12345
FRESH_DRAWS = 10  # fresh draws of the data, scored as the samples are: a ratio's chance range
CHECK_K = 16.0  # the live check passes when |formula - engine| <= CHECK_K · (float32 rounding)
RUN_SLOW = "sampling_run_slow"
URL = {"bind": "query-params"}  # page settings live in the URL (ui.nav's url_keys)
WAIT_S = 0.6  # a rerun waits this long (from its start) for the chains of sections 2 and 3;
# then it ends and those sections show a progress bar (and their previous results) until
# their chains, run behind the page, are done. session_state["sampling_wait_s"] overrides it
POLL_S = 0.5  # how often a waiting section looks whether its chains are done
MAX_JOBS = 96  # finished chains kept for every session (oldest dropped first)
MAX_TRAJ = 6  # finished step-through trajectories kept (up to a few MB each)
MAX_RUNS = 2  # finished SigmaRuns kept (three trajectories each for a 2-D model)
WORKERS = 2  # threads that run the queued jobs (a SigmaRun runs half its rows on one more)


# ------------------------------------------------------------------ models
def _oracle(sched: Schedule) -> ModelChoice:
    """The exact ε* for the 8-Gaussian mixture: a perfect 'network' on the sidebar schedule."""
    mix = ddpm_core.mixture("8gaussians")
    return ModelChoice("oracle", ddpm_core.OracleEps(mix, sched), sched, "8gaussians",
                       {"kind": "oracle"})


def _model_key(choice: ModelChoice) -> str:
    """A string that names the model and its schedule, for the caches."""
    if choice.key == "oracle":
        return "oracle:" + schedule_key(choice.schedule)
    if choice.key.startswith("pretrained:"):
        return choice.key
    h = hashlib.sha1(schedule_key(choice.schedule).encode())
    for v in choice.model.state_dict().values():
        h.update(v.detach().cpu().numpy().tobytes())
    return f"{choice.key}:{h.hexdigest()[:16]}"


def _sched_desc(sched: Schedule) -> str:
    return t("sampling.sched_desc", kind=schedule_name(sched.kind), T=sched.T,
             ab=plain(float(sched.alpha_bars[-1]), 3))


def _label(choice: ModelChoice) -> str:
    if choice.key == "oracle":
        return t("sampling.model_oracle", data=dataset_name(choice.dataset))
    name = choice.key.split(":", 1)[-1]
    kind = t("sampling.kind_images") if choice.is_image else t("sampling.kind_2d")
    if choice.is_user:
        return t("sampling.model_user", name=dataset_name(choice.dataset), kind=kind)
    return t("sampling.model_pretrained", name=dataset_name(choice.dataset or name), kind=kind,
             T=choice.schedule.T)


# ------------------------------------------------------------------ cached computations
class _Stepper:
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


def _ddim_steps(s: Settings) -> int | None:
    return s.steps if s.sampler == "ddim" else None


@st.cache_data(max_entries=32, show_spinner=False)
def _per_call(model_key: str, _model: torch.nn.Module, n: int) -> float:
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


def _trajectory(_choice: ModelChoice, s: Settings, progress=None) -> Trajectory:
    """The whole reverse chain for one setting, computed once (a job of `_Chains`) and shared
    read-only; `progress(k, K)` after each of its K steps."""
    model, sched = _choice.model, _choice.schedule
    shape = (s.n, *model.sample_shape)
    visited = ddpm_core.timesteps(sched.T, _ddim_steps(s))
    every = max(1, -(-(len(visited) - 1) // MAX_STORED)) if _choice.is_image else 1
    keep = set(visited[:-1][::every])
    dtype = np.float16 if _choice.is_image else np.float32
    replay = torch.Generator().manual_seed(s.seed)  # the same draws as the sampler's
    torch.randn(shape, generator=replay)  # x_T
    ts, xs, x0s, checks = [], [], [], {}
    t0 = time.perf_counter()
    x = None
    chain = ddpm_core.sample_progressive(
        _Stepper(model, s.n), sched, s.n, sampler=s.sampler, steps=_ddim_steps(s), eta=s.eta,
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


def _final(choice: ModelChoice, s: Settings) -> tuple[np.ndarray, float]:
    """Samples x_0 by `ddpm_core.sample` (the fast loop) and the wall time it took."""
    t0 = time.perf_counter()
    x = ddpm_core.sample(choice.model, choice.schedule, s.n, sampler=s.sampler,
                         steps=_ddim_steps(s), eta=s.eta, sigma=s.sigma,
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


class _Checks(Mapping):
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


def _sigma_run(_choice: ModelChoice, seed: int, n: int, progress=None,
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
        checks = _Checks(ts, xs, x0s, recs[0]["eps"][j], recs[0]["z"])
        trajs[sg] = Trajectory(ts, xs, x0s, checks, seconds, final,
                               Settings("ddpm", sg, None, 0.0, seed, n), seconds, k)
    return SigmaRun(finals, trajs, seconds)


def _draw_truth(dataset: str, image_size: int, n: int, g: torch.Generator) -> torch.Tensor:
    if dataset == "digits":
        return ddpm_core.glyph_digits(n, image_size, g)[0].reshape(n, -1).float()
    return ddpm_core.toy_2d(dataset, n, g)


@st.cache_resource(max_entries=16, show_spinner=False)
def _truth(dataset: str, image_size: int, n: int) -> tuple[np.ndarray, float, float] | None:
    """A fresh draw of the data (flat, read-only), and the SWD and MMD between two such draws
    (the floor). Shared by every session and by the chains run behind the page (a cache of
    the server: a functools cache here would be a new one on every run of the page script)."""
    if dataset not in ddpm_core.TOY_DATASETS and dataset != "digits":
        return None
    g = torch.Generator().manual_seed(TRUTH_SEED)
    a, b = _draw_truth(dataset, image_size, n, g), _draw_truth(dataset, image_size, n, g)
    out = a.numpy()
    out.flags.writeable = False
    return (out, ddpm_core.sliced_wasserstein(b, a), ddpm_core.mmd(b, a))


@st.cache_resource(max_entries=16, show_spinner=False)
def _fresh(dataset: str, image_size: int, n: int) -> dict | None:
    """How the data itself scores in the quality table: FRESH_DRAWS new draws of n (from their
    own seed), each compared with `_truth`'s draw as the samples are and divided by the same
    floor; the median, least and largest spread and ratio of each measure (MMD: 2-D only).
    Without it the table's data row would be the floor divided by itself, 1 by construction."""
    truth = _truth(dataset, image_size, n)
    if truth is None:
        return None
    a, swd_floor, mmd_floor = truth
    ta = torch.from_numpy(np.array(a))
    g = torch.Generator().manual_seed(TRUTH_SEED + 1)
    spread, swd, mmd = [], [], []
    for _ in range(FRESH_DRAWS):
        b = _draw_truth(dataset, image_size, n, g)
        spread.append(_spread(b.numpy()))
        swd.append(ddpm_core.sliced_wasserstein(b, ta) / swd_floor)
        if dataset != "digits":
            mmd.append(ddpm_core.mmd(b, ta) / mmd_floor)

    def summary(r: list) -> tuple:
        return (float(np.median(r)), min(r), max(r)) if r else (np.nan, np.nan, np.nan)

    return {"spread": summary(spread), "swd": summary(swd), "mmd": summary(mmd),
            "k": FRESH_DRAWS, "n": n}


def _spread(x: np.ndarray) -> float:
    """√(mean over coordinates of the variance over samples): 1 for the normalised 2-D data."""
    flat = np.asarray(x, np.float64).reshape(len(x), -1)
    return float(np.sqrt(flat.var(0).mean()))


def _quality(x: np.ndarray, dataset: str, image_size: int) -> dict:
    out = {"spread": _spread(x), "swd": np.nan, "mmd": np.nan}
    truth = _truth(dataset, image_size, len(x))
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


class _Chains:
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
def _chains() -> _Chains:
    return _Chains()


def _traj_job(mkey: str, choice: ModelChoice, s: Settings) -> Future:
    """A Future of the step-through's Trajectory for settings `s` (ahead of the other chains);
    its `progress` attribute is the fraction of the chain's steps done."""
    chains = _chains()

    def progress(fut: Future, k: int, m: int) -> None:
        if chains.stopping:  # the server is shutting down
            raise CancelledError
        fut.progress = k / max(m, 1)

    def run(fut: Future) -> Trajectory:
        return _trajectory(choice, s, lambda k, m: progress(fut, k, m))

    return chains.submit(("traj", mkey, dataclasses.astuple(s)), run, first=True)


def _chain(mkey: str, choice: ModelChoice, s: Settings, traj: Future | None) -> Future:
    """A Future of the Chain for settings `s`: the step-through's own chain (the Future `traj`,
    queued before) when it runs these very settings (the same draws, so the same samples: a new
    seed then runs three chains, not four), else `ddpm_core.sample`."""
    image_size = _image_size(choice)
    reuse = traj is not None

    def run(_fut: Future) -> Chain:
        if reuse:
            got = traj.result(timeout=600)  # queued before this job: done by now
            x, sec = np.array(got.final), got.engine_seconds
        else:
            x, sec = _final(choice, s)
        x.flags.writeable = False
        return Chain(x, sec, _quality(x, choice.dataset, image_size), view=reuse)

    return _chains().submit(("chain", mkey, dataclasses.astuple(s), reuse), run, first=reuse)


def _sigmas_job(mkey: str, choice: ModelChoice, seed: int, n: int) -> Future:
    """A Future of the SigmaRun (section 2's three chains, and the step-through's for a 2-D
    model) for this seed and n, queued ahead of the other chains; `progress` as `_traj_job`."""
    chains = _chains()

    def run(fut: Future) -> SigmaRun:
        def progress(k: int, m: int) -> None:
            fut.progress = k / max(m, 1)

        return _sigma_run(choice, seed, n, progress, lambda: chains.stopping)

    return chains.submit(("sigmas", mkey, (seed, n)), run, first=True)


class _Picked(Future):
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


def _sigma_chain(mkey: str, choice: ModelChoice, s: Settings, run: Future) -> Future:
    """A Future of the Chain of DDPM settings `s` taken from the SigmaRun `run` (queued before):
    its samples, and their quality computed here (on a worker of its own)."""
    image_size = _image_size(choice)

    def job(_fut: Future) -> Chain:
        got = run.result(timeout=600)
        x = got.finals[s.sigma]
        _fresh(choice.dataset, image_size, len(x))  # section 2's data row, here off the page
        return Chain(x, got.seconds / len(SIGMAS), _quality(x, choice.dataset, image_size),
                     len(SIGMAS))

    return _chains().submit(("chain", mkey, dataclasses.astuple(s), "sigmas"), job)


def _ready(futs: list[Future], block: bool = False) -> bool:
    """Wait for the chains until WAIT_S after this rerun began (`block`: until they are
    done); True when all are done."""
    budget = float(st.session_state.get("sampling_wait_s", WAIT_S))
    wait(futs, timeout=None if block else max(0.0, _RUN_T0 + budget - time.perf_counter()))
    return all(f.done() and not f.cancelled()
               and not isinstance(f.exception(), CancelledError) for f in futs)


def _want(wanted: list[Settings], jobs: list[tuple[Settings, Future]]) -> None:
    """Chains (and the step-through's trajectory) this session asked for before, for settings
    it no longer wants (another seed, n, σ, ...), are dropped from the queue: a chain already
    running finishes, and another session that still wants one asks again. The session keeps
    the Futures it waits for in "sampling_jobs"."""
    ss = st.session_state
    keep = {_tuple(s) for s in wanted}  # plain tuples, as a SigmaRun's key
    for s, f in ss.get("sampling_jobs", ()):
        if s not in keep:
            f.cancel()
    ss["sampling_jobs"] = [(_tuple(s), f) for s, f in jobs]


def _tuple(s) -> tuple:
    """Settings as a plain tuple (a SigmaRun's key is one already)."""
    return s if isinstance(s, tuple) else dataclasses.astuple(s)


def _poll(futs: list[Future], seed: int) -> None:
    """The progress of a section's chains; the whole page reruns once they are all done."""
    done = sum(f.done() for f in futs)
    if done == len(futs):  # all done (or one dropped by another session: ask again)
        st.rerun()
    if len(futs) == 1:  # the step-through's chain: the fraction of its steps done
        frac = float(getattr(futs[0], "progress", 0.0))
        st.progress(frac, text=t("sampling.pending_traj", seed=seed, p=f"{100 * frac:.0f}"))
    else:
        st.progress(done / len(futs), text=t("sampling.pending", seed=seed, k=done,
                                             m=len(futs)))


def _pending(futs: list[Future], seed: int, shown: dict | None, show) -> None:
    """A section whose chains still run: its progress (polled), and the results it showed
    before, if any for this model and n, said to be the previous ones."""
    st.fragment(_poll, run_every=POLL_S)(futs, seed)
    if shown is not None:
        st.caption(t("sampling.pending_old", seed=shown["seed"]))
        show(**shown["args"])


# ------------------------------------------------------------------ helpers
def _affordable(choice: ModelChoice, token: str, calls: int, n: int) -> bool:
    """True for a 2-D model (a full chain takes a second or two), or for an image model whose
    estimated time is short or that the button asked for."""
    if not choice.is_image:
        return True
    est = calls * _per_call(_model_key(choice), choice.model, n)
    asked = st.session_state.setdefault(RUN_SLOW, set())
    if est <= BUDGET_S or token in asked:
        return True
    st.info(t("sampling.slow_info", calls=calls, n=n, s=f"{est:.0f}"))
    key = "sampling_slow_" + hashlib.md5(token.encode()).hexdigest()[:10]
    if st.button(t("sampling.slow_button"), key=key):
        asked.add(token)
        st.rerun()
    return False


def _image_size(choice: ModelChoice) -> int:
    return int(choice.model.sample_shape[-1]) if choice.is_image else 0


def _num(x: float) -> str:
    return num_short(x, 6)


def _step_latex(sched: Schedule, s: Settings, step: int, prev: int) -> tuple[str, str]:
    """The general update and the same update with this step's numbers."""
    ab_t = float(sched.alpha_bars[step])
    if s.sampler == "ddpm":
        alpha, beta = float(sched.alphas[step]), float(sched.betas[step])
        sig = sigma_t(sched, s.sigma, step)
        general = (r"x_{t-1} = \frac{1}{\sqrt{\alpha_t}}\Big(x_t - \frac{\beta_t}"
                   r"{\sqrt{1-\bar\alpha_t}}\,\epsilon_\theta(x_t,t)\Big) + \sigma_t z")
        nums = (rf"t = {step}:\ \alpha_t = {_num(alpha)},\ \bar\alpha_t = {_num(ab_t)},\ "
                rf"\beta_t = {_num(beta)},\ \sigma_t = {_num(sig)}\\[4pt]"
                rf"x_{{{prev}}} = {_num(1 / alpha ** 0.5)}\,\big(x_{{{step}}} - "
                rf"{_num(beta / (1 - ab_t) ** 0.5)}\;\epsilon_\theta(x_{{{step}}}, {step})\big)"
                rf" + {_num(sig)}\,z")
        return general, nums
    ab_s = float(sched.alpha_bars[prev])
    sig = ddpm_core.ddim_sigma(sched, step, prev, s.eta)
    general = (r"x_s = \sqrt{\bar\alpha_s}\,\hat x_0 + \sqrt{1-\bar\alpha_s-\sigma^2}\;"
               r"\epsilon_\theta(x_t,t) + \sigma z,\qquad \hat x_0 = \frac{x_t - "
               r"\sqrt{1-\bar\alpha_t}\,\epsilon_\theta(x_t,t)}{\sqrt{\bar\alpha_t}}")
    nums = (rf"t = {step},\ s = {prev}:\ \bar\alpha_t = {_num(ab_t)},\ \bar\alpha_s = "
            rf"{_num(ab_s)},\ \sigma(\eta={s.eta:g}) = {_num(sig)}\\[4pt]"
            rf"x_{{{prev}}} = {_num(ab_s ** 0.5)}\,\hat x_0 + "
            rf"{_num(max(1 - ab_s - sig ** 2, 0.0) ** 0.5)}\;\epsilon_\theta(x_{{{step}}}, "
            rf"{step}) + {_num(sig)}\,z")
    return general, nums


# ------------------------------------------------------------------ the step-through
# The t control (slider, step buttons, play, speed, keyboard) runs in the browser on frames of
# the stored trajectory (ui.plot.player); the t the user lets go of comes back to the number
# field "sampling_t" (bound to the URL), and the rest of this section follows it.
T_KEY = "sampling_t"


def frame_index(ts: list, budget_frames: int, step: int) -> list[int]:
    """Indices into the stored t's (descending) of the frames the browser receives: all when
    they fit, else an even spread that keeps x_T, x_0 and the page's own t."""
    n = len(ts)
    if n <= budget_frames:
        return list(range(n))
    keep = set(np.unique(np.round(np.linspace(0, n - 1, budget_frames)).astype(int)).tolist())
    keep.add(ts.index(step))
    return sorted(keep)


def _nearest(ts: list, value: int) -> int:
    return min(ts, key=lambda v: (abs(v - value), v))


def _set_t_from_browser(value) -> None:
    st.session_state[T_KEY] = int(value)


def _keep_fraction(T: int) -> None:
    """Another model or schedule (another T) keeps t at the same fraction of T."""
    ss = st.session_state
    last = ss.get("sampling_t_last")
    if T_KEY in ss and last and last[0] != T:
        ss[T_KEY] = min(T, max(0, round(last[1] * T / last[0])))
    elif T_KEY in ss and not (0 <= ss[T_KEY] <= T):
        ss[T_KEY] = min(T, max(0, int(ss[T_KEY])))


def _player_ui() -> dict:
    return {k: t(f"sampling.player.{k}") for k in
            ("play", "pause", "back", "fwd", "speed", "speed_option", "play_help", "hint",
             "t_label")}


def _trail_name(labels: list, k: int, trail_len: int) -> str:
    """The trails' legend: from which t they come (the stored frames in between)."""
    lo = max(0, k - trail_len)
    if k - lo < 2:
        return t("sampling.fig.trail_short")
    return t("sampling.fig.trail", k=int(labels[lo]) - int(labels[k]))


def _t_control(T: int, ts: list) -> int:
    """The number field of t (bound to the URL), snapped to the nearest stored step."""
    _keep_fraction(T)
    ss = st.session_state
    if isinstance(ss.get(T_KEY), (int, float)) and ss[T_KEY] not in ts:
        ss[T_KEY] = _nearest(ts, int(ss[T_KEY]))  # between two stored steps: the nearest
    value = st.number_input(t("sampling.t_input"), 0, T, T, step=1, key="sampling_t",
                            help=t("sampling.t_help"), **URL)
    step = _nearest(ts, int(value))
    st.session_state["sampling_t_last"] = (T, step)
    return step


def step_through(choice: ModelChoice, mkey: str, s: Settings, n_all: int,
                 traj: Trajectory) -> None:
    sched = choice.schedule
    ts = list(traj.ts)
    c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
    with c1:
        step = _t_control(sched.T, ts)
    present = c2.toggle(t("sampling.present"), key="sampling_present",
                        help=t("sampling.present_help"), **URL)
    i = ts.index(step)
    if choice.is_image:
        per = 2 * figs.image_grid(traj.xs[0]).size
    else:
        per = 2 * 2 * 2 * traj.xs.shape[1]
    idx = frame_index(ts, max(2, plot.FRAME_BUDGET // per), step)
    idx = plot.keep_sent("sampling_idx_sent", (mkey, s), idx, i)
    labels = [ts[j] for j in idx]
    truth = None if choice.is_image else _truth(choice.dataset, 0, N_VIEW)
    trail_len = max(4, (len(idx) - 1) // 25)

    def build(k: int) -> plot.Figure:
        j = idx[k]
        if choice.is_image:
            return figs.grids_figure([figs.image_grid(traj.xs[j]),
                                      figs.image_grid(traj.x0s[j])],
                                     [t("sampling.fig.xt", t=ts[j]), t("sampling.fig.x0")])
        trail = traj.xs[idx[max(0, k - trail_len):k + 1], :N_TRAILS]
        return figs.cloud_figure(traj.xs[j], traj.x0s[j], trail,
                                 None if truth is None else truth[0],
                                 (t("sampling.fig.xt", t=ts[j]), t("sampling.fig.x0")),
                                 (t("sampling.fig.points", t=ts[j]), _trail_name(labels, k,
                                                                                 trail_len),
                                  t("sampling.fig.pred"), t("sampling.fig.data")))

    def texts() -> list[dict]:  # per-frame strings: built only when the payload is encoded
        out = [{"where": "annotation", "i": 0,
                "values": [t("sampling.fig.xt", t=v) for v in labels]}]
        if not choice.is_image:
            out.append({"where": "data", "i": 1, "prop": "name",
                        "values": [_trail_name(labels, k, trail_len)
                                   for k in range(len(labels))]})
        return out

    trail = None
    if not choice.is_image:
        trail = {"line": 1, "head": 2, "src_x": 0, "src_y": 1, "m": min(N_TRAILS, traj.xs.shape[1]),
                 "len": trail_len}
    speeds = [v for v in SPEEDS if v < len(labels)] or [1]
    speed = min(speeds, key=lambda v: abs(v - len(labels) / 120))  # about 4 s at 30 frames/s
    plot.player(build, key="sampling_step_fig", labels=labels, index=idx.index(i),
                frames=lambda: plot.frames_file(step_frames(mkey, traj, s, tuple(idx),
                                                            choice.is_image, truth is not None)),
                texts=texts, trail=trail, ui=_player_ui(),
                sig=f"{mkey}|{s}|{idx}", speeds=speeds, speed=speed,
                on_report=_set_t_from_browser, width="stretch", present=present)
    st.markdown(t("sampling.s1_intro"))
    shown = traj.xs.shape[1]
    if choice.is_image and s.n < n_all:
        st.caption(t("sampling.view_own_chain", m=s.n, n=n_all))
    elif shown < s.n:
        st.caption(t("sampling.view_subset", m=shown, n=s.n))
    if not choice.is_image and step > 0:
        out = int((np.abs(traj.x0s[i]) > figs.LIM).any(axis=1).sum())
        if out:
            ab = float(sched.alpha_bars[step])
            amp = ((1.0 - ab) / ab) ** 0.5  # x̂_0 = (x_t − √(1−ᾱ_t) ε_θ)/√ᾱ_t
            st.caption(t("sampling.outside", k=out, n=shown, amp=plain(amp, 3)))
    if step == 0:
        if traj.shared > 1:
            st.success(t("sampling.done_shared", sec=f"{traj.seconds:.2f}", k=traj.shared,
                         n=s.n))
        else:
            st.success(t("sampling.done", sec=f"{traj.seconds:.2f}"))
        return

    # this step's numbers, and the live check
    c = traj.checks[step]
    general, nums = _step_latex(sched, s, step, c["t_prev"])
    st.markdown(t("sampling.step_now", t=step, s=c["t_prev"]))
    st.latex(general)
    st.latex(nums)
    if s.sampler == "ddpm" and step == 1:
        st.caption(t("sampling.last_step"))
    st.markdown(t("sampling.check_head", t=step))
    table, columns, diff, unit = check_table(mkey, s, step, lang(), sched, c)
    st.dataframe(table, width="content",
                 column_config={col: st.column_config.NumberColumn(format="%.9g")
                                for col in columns})
    verdict = t("sampling.check_rel", diff=plain(diff, 2), k=f"{CHECK_K:g}",
                tol=plain(CHECK_K * unit, 2))
    if diff <= CHECK_K * unit:
        st.success(verdict)
    else:
        st.error(verdict)
    if s.sampler == "ddpm" and traj.shared > 1:  # the chain that ran: the batched σ chains
        show_code(ddpm_core.sample_sigmas, ddpm_core.ddpm_step)
    elif s.sampler == "ddpm":
        show_code(ddpm_core.ddpm_step, ddpm_core.posterior._posterior_mean_from_eps,
                  ddpm_core.posterior._predict_x0_from_eps)
    else:
        show_code(ddpm_core.ddim_step, ddpm_core.ddim_sigma,
                  ddpm_core.posterior._predict_x0_from_eps)


# ------------------------------------------------------------------ page
_RUN_T0 = time.perf_counter()  # this rerun's start: sections 2 and 3 wait until WAIT_S after it
sidebar_sched: Schedule = st.session_state["schedule_obj"]  # set by app.py before every run

st.header(t("sampling.title"))
question("sampling.question")
st.markdown(t("sampling.intro"))
st.latex(t("ov.alg2_latex"))  # Algorithm 2 as the overview shows it, in the page's language
st.caption(t("sampling.alg2_caption"))

# ---- the model, the seed, the sampler
try:
    choices = model_choices()
except ValueError as err:  # a broken checkpoint file: say so, keep the page alive
    st.warning(t("sampling.load_error", err=str(err)))
    choices = []
choices.append(_oracle(sidebar_sched))
by_key = {c.key: c for c in choices}
labels = {c.key: _label(c) for c in choices}
preferred = [k for k in ("user", "pretrained:moons") if k in by_key]
preferred += [c.key for c in choices if not c.is_image]
c1, c2, c3 = st.columns([3, 1, 1])
picked = url_choice(c1.selectbox, t("sampling.model"), list(by_key), labels,
                    index=list(by_key).index(preferred[0]), key="sampling_model")
choice = by_key[picked]
sched = choice.schedule
T = sched.T
seed = int(c2.number_input(t("sampling.seed"), 0, 2**31 - 1, 0, step=1, key="sampling_seed",
                           help=t("sampling.seed_help"), **URL))
n_opts = N_IMAGES if choice.is_image else N_POINTS
if choice.is_image:  # two fields (one key each in the URL): 16 or 64 pictures, or 250…2000 points
    n = c3.selectbox(t("sampling.n_images"), N_IMAGES, index=len(N_IMAGES) - 1,
                     key="sampling_n_img", **URL)
else:
    n = c3.selectbox(t("sampling.n"), N_POINTS, index=1, key="sampling_n_2d", **URL)
if choice.key == "oracle":
    st.caption(t("sampling.oracle_note", sched=_sched_desc(sched),
                 data=dataset_name(choice.dataset)))
else:
    st.info(t("sampling.own_schedule", sched=_sched_desc(sched)))
if float(sched.alpha_bars[-1]) > 0.05:
    st.warning(t("sampling.not_noise", ab=plain(float(sched.alpha_bars[-1]), 3)))
if T == 1:
    st.info(t("sampling.t1_note"))

sampler_labels = {"ddpm": t("sampling.sampler.ddpm"), "ddim": t("sampling.sampler.ddim")}
sigma_labels = {k: t(f"sampling.sigma.{k}") for k in SIGMAS}
c1, c2, c3 = st.columns([1.3, 1.7, 3])
sampler = url_choice(c1.radio, t("sampling.sampler"), list(sampler_labels), sampler_labels,
                     index=1 if choice.is_image else 0, key="sampling_sampler")
sigma = url_choice(c2.radio, t("sampling.sigma"), SIGMAS, sigma_labels, index=1,
                   key="sampling_sigma", help=t("sampling.sigma_help"))
if sampler == "ddim":  # S and η sit with DDIM's own section
    c3.caption(t("sampling.ddim_where"))
# the page in its order; DDIM's settings are read first (the step-through may use them)
box1, box2, box3 = st.container(), st.container(), st.container()
with box3:
    # ---- 3. DDIM: its head and its settings S, η
    st.subheader(t("sampling.s3"))
    st.markdown(t("sampling.s3_intro"))
    st.latex(r"x_s = \sqrt{\bar\alpha_s}\,\hat x_0(x_t,t) + "
             r"\sqrt{1-\bar\alpha_s-\sigma_{t\to s}^2}\;\epsilon_\theta(x_t,t) + "
             r"\sigma_{t\to s} z,\qquad \sigma_{t\to s}(\eta) = "
             r"\eta\sqrt{\frac{1-\bar\alpha_s}{1-\bar\alpha_t}}\sqrt{1-\frac{\bar\alpha_t}"
             r"{\bar\alpha_s}}")
    d1, d2 = st.columns(2)
    if T > 1:
        if not 1 <= st.session_state.get("sampling_S", 1) <= T:  # another model's T
            st.session_state["sampling_S"] = min(50, T)
        S = url_slider(d1.slider, t("sampling.S"), 1, T, min(50, T), key="sampling_S",
                       help=t("sampling.S_help"))
    else:
        S = 1
        d1.caption(t("sampling.S_fixed"))
    eta = d2.slider(t("sampling.eta"), 0.0, 1.0, 0.0, 0.1, key="sampling_eta",
                    help=t("sampling.eta_help"), **URL)
    box3_rest = st.container()
mkey = _model_key(choice)
settings = Settings(sampler, sigma, S if sampler == "ddim" else None, float(eta), seed, int(n))
image_size = _image_size(choice)

truth_n = _truth(choice.dataset, image_size, int(n))
truth_x = None if truth_n is None or choice.is_image else truth_n[0]
full = Settings("ddpm", sigma, None, 0.0, seed, int(n))
fast = Settings("ddim", sigma, S, float(eta), seed, int(n))
with box2:
    # ---- 2. why not just take the mean?
    st.subheader(t("sampling.s2"))
    st.markdown(t("sampling.s2_lecture"))
    st.markdown(t("sampling.s2_diffusion"))
    st.latex(r"\sigma_t^2 = \beta_t \quad\text{or}\quad \sigma_t^2 = \tilde\beta_t = "
             r"\frac{1-\bar\alpha_{t-1}}{1-\bar\alpha_t}\beta_t \quad\text{or}\quad \sigma_t^2 = 0"
             r"\ \ (x_{t-1} = \mu_\theta(x_t, t))")
    ok2 = _affordable(choice, f"{mkey}|sigmas|{seed}|{n}", 3 * T, int(n))
with box3_rest:
    st.caption(t("sampling.s3_settings", S=S, eta=f"{eta:g}", sigma=sigma_labels[sigma]))
    ok3 = _affordable(choice, f"{mkey}|ddim|{seed}|{n}|{sigma}", T + S, int(n))
# the chains of sections 2 and 3 run behind the page (section 3's first: DDIM is the
# cheapest), beside the step-through's chain; the one that is the step-through's own chain
# (the same settings) is taken from it once it has run
want3 = [fast, full] if ok3 else []
want2 = [Settings("ddpm", sg, None, 0.0, seed, int(n)) for sg in SIGMAS] if ok2 else []
view = replace(settings, n=min(int(n), IMG_VIEW)) if choice.is_image else settings
# section 2's three chains run as one batched chain (a SigmaRun), first; for a 2-D model
# it is the step-through's chain too when the sampler is DDPM (every σ's steps are kept)
run_key = ("sigmas", seed, int(n))
sigma_run = _sigmas_job(mkey, choice, seed, int(n)) if ok2 else None
from_run = sigma_run is not None and not choice.is_image and sampler == "ddpm"


def _job(x: Settings, traj: Future | None) -> Future:
    if sigma_run is not None and x.sampler == "ddpm" and x.steps is None and x.n == int(n):
        return _sigma_chain(mkey, choice, x, sigma_run)
    same = traj is not None and dataclasses.astuple(x) == dataclasses.astuple(view)
    return _chain(mkey, choice, x, traj if same else None)


_want(want3 + want2 + [view, run_key],
      [(x, _job(x, None)) for x in want3 + want2
       if dataclasses.astuple(x) != dataclasses.astuple(view) or from_run]
      + ([(run_key, sigma_run)] if sigma_run is not None else []))


view_traj = None  # the step-through's chain (a Future), queued first
with box1:
    # ---- 1. step through
    st.subheader(t("sampling.s1"))
    calls = (T if sampler == "ddpm" else S)
    if from_run:  # the σ chain of the SigmaRun
        view_traj = _Picked(sigma_run, lambda got: got.trajs[view.sigma])
    elif _affordable(choice, f"{mkey}|{view}", calls, view.n):
        view_traj = _traj_job(mkey, choice, view)
    if view_traj is not None:
        old = st.session_state.get("sampling_shown_s1")
        old = old if old and old["what"] == mkey else None
        if old is None:  # no figure of this model to keep: wait (the t field, bound to the
            with st.spinner(t("sampling.spinner")):  # URL, must be drawn in this run)
                _ready([view_traj], block=True)
        if _ready([view_traj]):
            st.fragment(step_through)(choice, mkey, view, int(n), view_traj.result())
            st.session_state["sampling_shown_s1"] = {
                "what": mkey, "seed": seed,
                "args": {"choice": choice, "mkey": mkey, "s": view, "n_all": int(n),
                         "traj": view_traj.result()}}
        else:
            _pending([view_traj], seed, old, lambda **a: st.fragment(step_through)(**a))


def _show_sigmas(finals: dict, rows: dict, truth: np.ndarray | None, T: int,
                 fresh: dict | None) -> None:
    """Section 2's figure, table and reading for the final samples of the three σ choices."""
    titles = [t("sampling.fig.final", sigma=sigma_labels[sg]) for sg in SIGMAS]
    if choice.is_image:
        fig = figs.grids_figure([figs.image_grid(finals[sg]) for sg in SIGMAS], titles)
    else:
        fig = figs.samples_figure([finals[sg] for sg in SIGMAS], titles, truth,
                                  (t("sampling.fig.samples"), t("sampling.fig.data")))
    plot.chart(fig, width="stretch", key="sampling_sigma_fig")
    cols = [t("sampling.col.spread"), t("sampling.col.swd"), t("sampling.col.mmd")]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=cols)
    table.index.name = t("sampling.col.sigma")
    if choice.is_image:  # a kernel MMD on a few dozen 256-pixel images says little
        table = table.drop(columns=cols[2])
    table = table.dropna(axis=1, how="all")  # no data to compare with: no empty columns
    st.dataframe(table, width="stretch",
                 column_config={c: st.column_config.NumberColumn(format="%.3f")
                                for c in table.columns})
    st.caption(t("sampling.metrics_caption"))
    if fresh is not None:
        fmt = {f"{m}_{w}": f"{fresh[m][i]:.2f}" for m in ("swd", "mmd")
               for i, w in ((1, "lo"), (2, "hi"))}
        key = "sampling.fresh_range_img" if choice.is_image else "sampling.fresh_range"
        st.caption(t(key, k=fresh["k"], n=fresh["n"], **fmt))
    spread_b, spread_0 = rows[sigma_labels["beta"]][0], rows[sigma_labels["zero"]][0]
    if T > 1:
        st.markdown(t("sampling.s2_read", s_beta=f"{spread_b:.3f}", s_zero=f"{spread_0:.3f}",
                      ratio=f"{spread_0 / spread_b:.2f}"))


def _show_ddim(full: Chain, fast: Chain, T: int, S: int, eta: float, sigma: str,
               truth: np.ndarray | None) -> None:
    """Section 3's figure, table and reading: the full DDPM chain against DDIM."""
    row_full = t("sampling.row.ddpm", T=T, sigma=sigma_labels[sigma])
    row_fast = t("sampling.row.ddim", S=S, eta=f"{eta:g}")
    cols = [t("sampling.col.calls"), t("sampling.col.time"), t("sampling.col.spread"),
            t("sampling.col.swd"), t("sampling.col.mmd")]
    q_full, q_fast = full.quality, fast.quality
    table = pd.DataFrame([[T, full.seconds, q_full["spread"], q_full["swd"], q_full["mmd"]],
                          [S, fast.seconds, q_fast["spread"], q_fast["swd"], q_fast["mmd"]]],
                         index=[row_full, row_fast], columns=cols)
    if choice.is_image:
        table = table.drop(columns=cols[4])
    table = table.dropna(axis=1, how="all")
    titles = [row_full, row_fast]
    if choice.is_image:
        fig = figs.grids_figure([figs.image_grid(full.x), figs.image_grid(fast.x)], titles)
    else:
        fig = figs.samples_figure([full.x, fast.x], titles, truth,
                                  (t("sampling.fig.samples"), t("sampling.fig.data")), 400)
    plot.chart(fig, width="stretch", key="sampling_ddim_fig")
    fmt = {c: st.column_config.NumberColumn(format="%.3f") for c in table.columns[1:]}
    fmt[cols[0]] = st.column_config.NumberColumn(format="%d")
    st.dataframe(table, width="stretch", column_config=fmt)
    note = [t("sampling.time_note")]
    if full.view or fast.view:
        note.append(t("sampling.time_note_view"))
    if full.shared > 1:
        note.append(t("sampling.time_note_shared", k=full.shared, n=len(full.x)))
    st.caption(("" if note[0].endswith("。") else " ").join(note))  # zh: no space
    # a share of a batched run (not timed as DDIM's run was) is read as one
    read = "sampling.s3_read_shared" if full.shared > 1 else "sampling.s3_read"
    st.markdown(t(read, S=S, T=T, ratio=f"{T / S:.3g}", k=full.shared,
                  sec_fast=f"{fast.seconds:.2f}", sec_full=f"{full.seconds:.2f}",
                  sec_all=f"{full.seconds * full.shared:.2f}"))


def _shown(section: str) -> dict | None:
    """What a section showed last in this session, if it was for this model and n."""
    got = st.session_state.get("sampling_shown", {}).get(section)
    return got if got is not None and got["what"] == (mkey, int(n)) else None


def _remember(section: str, **args) -> None:
    st.session_state.setdefault("sampling_shown", {})[section] = {
        "what": (mkey, int(n)), "seed": seed, "args": args}



jobs3 = [_job(x, view_traj) for x in want3]
jobs2 = {x.sigma: _job(x, view_traj) for x in want2}
_want(want3 + want2 + [view, run_key],
      list(zip(want3, jobs3)) + list(zip(want2, jobs2.values()))
      + ([(view, view_traj)] if view_traj is not None else [])
      + ([(run_key, sigma_run)] if sigma_run is not None else []))

with box2:
    if ok2:
        if _ready(list(jobs2.values())):
            finals, rows = {}, {}
            for sg in SIGMAS:
                got = jobs2[sg].result()
                finals[sg] = got.x
                rows[sigma_labels[sg]] = [got.quality["spread"], got.quality["swd"],
                                          got.quality["mmd"]]
            fresh = _fresh(choice.dataset, image_size, int(n))
            if fresh is not None:
                rows[t("sampling.row.data")] = [fresh["spread"][0], fresh["swd"][0],
                                                fresh["mmd"][0]]
            _show_sigmas(finals, rows, truth_x, T, fresh)
            _remember("s2", finals=finals, rows=rows, truth=truth_x, T=T, fresh=fresh)
        else:
            _pending(list(jobs2.values()), seed, _shown("s2"), _show_sigmas)
        st.markdown(t("sampling.s2_answer"))

with box3_rest:
    if ok3:
        if _ready(jobs3):
            _show_ddim(jobs3[1].result(), jobs3[0].result(), T, S, float(eta), sigma, truth_x)
            _remember("s3", full=jobs3[1].result(), fast=jobs3[0].result(), T=T, S=S,
                      eta=float(eta), sigma=sigma, truth=truth_x)
        else:
            _pending(jobs3, seed, _shown("s3"), _show_ddim)
        show_code(ddpm_core.ddim_step, ddpm_core.ddim_sigma, ddpm_core.timesteps)

next_link(__file__)
