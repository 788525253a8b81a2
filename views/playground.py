"""Page 8, the training playground: Algorithm 1 live on a dataset the student picks.

The run happens in a worker process (`ui.training_job`; at most K at once, others queue) owned
by this session; a fragment polls it twice a second for the progress bar and the loss curve
(with the exact floor of L_simple from the ε* oracle on mixture data). Stop keeps what was
learned. The finished model lives in this session (`ui.models`), is sampled right here, and
can be downloaded as safetensors and uploaded again (validated by
`ddpm_core.load_checkpoint_bytes`, after `checkpoint_limit_error` checked its header).
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import streamlit as st
import torch

import ddpm_core
from ddpm_core.bench import MMD_BAR, SWD_BAR
from ui import plot
from ui.code_panel import show_algorithm1_code, show_code
from ui.engine_cache import schedule_from_key, schedule_key
from ui.fig_playground import loss_figure, samples_figure
from ui.fig_sampling import image_grid
from ui.i18n import catalog, dataset_name, lang, schedule_name, t
from ui.latex import formula
from ui.models import (
    JOB_KEY,
    LIMITS,
    checkpoint_error,
    checkpoint_limit_error,
    set_user_model,
    user_model,
)
from ui.nav import next_link, question
from ui.training_job import (
    SCORE_N,
    SCORE_REPEATS,
    STOP_WAIT_S,
    ScoreJob,
    TrainJob,
    session_alive,
)
from ui.urlstate import URL, url_choice

DATASETS = ddpm_core.TOY_DATASETS + ("digits",)
IMAGE_SIZE = 16  # digits are drawn at 16×16 so a CPU trains and samples them in seconds
N_DATA = {"2d": 20_000, "digits": 4_000}
N_SAMPLES = {"2d": 2000, "digits": 64}
STEPS = [50, 100, 250, 500, 1000, 2000, 3000, 5000, 10000]
LRS = [1e-4, 3e-4, 1e-3, 2e-3, 3e-3, 6e-3, 1e-2]
BATCHES = [32, 64, 128, 256, 512, 1024]
WIDTHS = [16, 32, 64, 128, 256]
CHANNELS = [8, 16, 32]
# recommended settings, applied when the dataset changes (2-D: ddpm_core.bench.DEFAULT_2D)
DEFAULTS = {
    "2d": {"play_steps": 3000, "play_lr": 6e-3, "play_batch": 512},
    "digits": {"play_steps": 1000, "play_lr": 2e-3, "play_batch": 64},
}
# images train ~30× slower per step than points: the largest digits run this server accepts
DIGITS_MAX = {"steps": 2000, "batch": 128}
SAMPLERS = ("ddpm", "ddim")
DDIM_STEPS = 50
# the benchmark's bars: SWD_BAR, MMD_BAR (imported from ddpm_core.bench above)
MAX_UPLOAD_MB = ddpm_core.checkpoints.MAX_BYTES // 2**20  # the engine rejects larger files
SCORE_KEY = "play_score"  # (model, ScoreJob) of the student's current 2-D model
# The progress fragment's poll while a run is going: every poll is a fragment rerun on the
# server's one Python thread budget (with 3 trainers at 0.5 s they were 6 reruns/s, about twice
# what 10 browsing students send); 1 s keeps the bar live. Stop does not wait for a poll.
POLL_S = 1.0


def _kind(dataset: str) -> str:
    return "digits" if dataset == "digits" else "2d"


# ----------------------------------------------------------------------- cached engine work
@st.cache_data(max_entries=16, show_spinner=False)
def _data(dataset: str, seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    if dataset == "digits":
        return ddpm_core.glyph_digits(N_DATA["digits"], IMAGE_SIZE, g)[0]
    return ddpm_core.toy_2d(dataset, N_DATA["2d"], g)


@st.cache_data(max_entries=32, show_spinner=False)
def _loss_floor(cfg: str) -> float:
    """The least possible L_simple (per coordinate) on 8 gaussians: mean over t of 1 − Γ_t."""
    sched = schedule_from_key(cfg)
    floor = ddpm_core.loss_floor(ddpm_core.mixture("8gaussians"), sched, n=500,
                                 generator=torch.Generator().manual_seed(0))
    return float(floor[1:].mean())


@st.cache_data(max_entries=32, show_spinner=False)
def _digit_reference() -> float:
    """Mean nearest-template similarity of real digits (the bar for generated ones)."""
    real = ddpm_core.glyph_digits(512, IMAGE_SIZE, torch.Generator().manual_seed(1))[0]
    return float(_template_scores(real)[1].mean())


def _template_scores(images: torch.Tensor):
    from ddpm_core.glyphs import nearest_template

    return nearest_template(images)


def _ink_dark(images: torch.Tensor) -> np.ndarray:
    """(N, 1, H, W) in [-1, 1] -> one grey picture in [0, 1], ink dark on light."""
    return 1.0 - image_grid(images.numpy())


def _quality(x: torch.Tensor, dataset: str) -> dict | None:
    """Digits: mean similarity of the samples to their nearest template. 2-D models are scored
    once per model by a ScoreJob (`_score_job`), as the benchmark scores them."""
    if dataset == "digits":
        return {"similarity": float(_template_scores(x)[1].mean())}
    return None


def _score_job(mine) -> ScoreJob:
    """The ScoreJob of the student's current 2-D model, started on first use (once per model)."""
    held = st.session_state.get(SCORE_KEY)
    if held is None or held[0] is not mine.model:
        held = (mine.model, ScoreJob(mine.model, mine.schedule, mine.dataset,
                                     owner_alive=session_alive()).start())
        st.session_state[SCORE_KEY] = held
    return held[1]


def _error_text(msg: str | None) -> str:
    """A training error for the student: English pages show the exception, Chinese ones only
    the translated sentence."""
    return t("play.error", msg=msg) if lang() == "en" else t("play.error_zh")


# ----------------------------------------------------------------------- callbacks
def _on_dataset_change() -> None:
    for key, value in DEFAULTS[_kind(st.session_state["play_dataset"])].items():
        st.session_state[key] = value


def _start() -> None:
    old = st.session_state.get(JOB_KEY)
    if old is not None and old.snapshot().running:
        return
    ss = st.session_state
    dataset, seed = ss["play_dataset"], int(ss["play_seed"])
    sched = ss["schedule_obj"]
    ss.pop("play_refused", None)
    if dataset == "digits" and (int(ss["play_steps"]) > DIGITS_MAX["steps"]
                                or int(ss["play_batch"]) > DIGITS_MAX["batch"]):
        ss["play_refused"] = t("play.digits_limit", steps=DIGITS_MAX["steps"],
                               batch=DIGITS_MAX["batch"])
        return
    if dataset == "digits":
        cfg = {"kind": "tiny_unet", "channels": int(ss["play_channels"]),
               "image_size": IMAGE_SIZE, "in_channels": 1}
    else:
        cfg = {"kind": "mlp2d", "width": int(ss["play_width"]), "depth": int(ss["play_depth"])}
    # built and trained in a worker process (ui.training_job), its initial weights from `seed`
    job = TrainJob(cfg, sched, _data(dataset, seed), dataset, int(ss["play_steps"]),
                   int(ss["play_batch"]), float(ss["play_lr"]), seed,
                   settings={"model": cfg, "schedule": sched.config()},
                   owner_alive=session_alive())
    ss[JOB_KEY] = job.start()


def _stop() -> None:
    """Stop, and wait (at most STOP_WAIT_S, the session's own thread only) until the worker has
    sent the weights back: the rerun this click starts then already shows "stopped"."""
    job = st.session_state.get(JOB_KEY)
    if job is not None:
        job.stop(wait=STOP_WAIT_S)


# ----------------------------------------------------------------------- page
sched: ddpm_core.Schedule = st.session_state["schedule_obj"]
CFG = schedule_key(sched)
T = sched.T
names = {d: dataset_name(d) + (f" ({t(f'play.ds_hint.{d}')})"
                               if f"play.ds_hint.{d}" in catalog() else "") for d in DATASETS}
samplers = {"ddpm": t("play.sampler.ddpm", T=T), "ddim": t("play.sampler.ddim", S=DDIM_STEPS)}

st.header(t("play.title"))
question("play.question")
st.markdown(t("play.intro"))
formula(r"\begin{aligned}&\textbf{repeat:}\ x_0\sim q(x_0),\ t\sim\mathrm{Uniform}\{1,\dots,T\},"
        r"\\ &\quad\epsilon\sim\mathcal N(0,\mathbf I);\\ &\quad\theta \leftarrow \theta - \eta\,"
        r"\nabla_\theta\big\|\epsilon-\epsilon_\theta\big(\sqrt{\bar\alpha_t}\,x_0+"
        r"\sqrt{1-\bar\alpha_t}\,\epsilon,\ t\big)\big\|^2\end{aligned}")
show_algorithm1_code()  # the loop body of train that is Algorithm 1

job: TrainJob | None = st.session_state.get(JOB_KEY)
running = job is not None and job.snapshot().running

# ---------------------------------------------------------------- 1. settings
st.subheader(t("play.s1"))
st.caption(t("play.schedule_note", kind=schedule_name(sched.kind), T=T,
             b1=float(sched.betas[1]), bT=float(sched.betas[T])))
left, right = st.columns([1.1, 1])
with left:
    dataset = st.selectbox(t("play.dataset"), DATASETS, key="play_dataset",
                           format_func=names.get, on_change=_on_dataset_change,
                           disabled=running)
    kind = _kind(dataset)
    for key, value in DEFAULTS[kind].items():
        st.session_state.setdefault(key, value)
    c1, c2 = st.columns(2)
    if kind == "digits":
        c1.select_slider(t("play.channels"), CHANNELS, value=16, key="play_channels",
                         disabled=running, help=t("play.channels_help"))
    else:
        c1.select_slider(t("play.width"), WIDTHS, value=128, key="play_width",
                         disabled=running)
        c2.slider(t("play.depth"), 1, 5, 3, key="play_depth", disabled=running)
    c1, c2 = st.columns(2)
    c1.select_slider(t("play.steps"), STEPS, key="play_steps", disabled=running)
    c2.select_slider(t("play.lr"), LRS, key="play_lr", disabled=running,
                     format_func=lambda v: f"{v:g}")
    c1, c2 = st.columns(2)
    c1.select_slider(t("play.batch"), BATCHES, key="play_batch", disabled=running)
    c2.number_input(t("play.seed"), 0, 2**31 - 1, 0, key="play_seed", disabled=running)
    if kind == "digits":
        st.info(t("play.digits_note"))
    st.caption(t("play.limits", T=LIMITS["T"], steps=max(STEPS), batch=max(BATCHES),
                 width=max(WIDTHS), depth=5, channels=max(CHANNELS), dsteps=DIGITS_MAX["steps"],
                 dbatch=DIGITS_MAX["batch"]))
    if st.session_state.get("play_refused"):
        st.warning(st.session_state["play_refused"])
    b1, b2 = st.columns(2)
    b1.button(t("play.train"), type="primary", on_click=_start, disabled=running,
              key="play_train", width="stretch")
with right:
    data = _data(dataset, int(st.session_state["play_seed"]))
    if kind == "digits":
        st.image(_ink_dark(data[:64]), caption=t("play.data_caption_digits"),
                 width="stretch", clamp=True)
    else:
        plot.chart(samples_figure(data[:2000], data[:0], data_label=t("play.data"),
                                       sample_label=t("play.samples"),
                                       title=t("play.data_title", name=names[dataset])),
                   width="stretch", key="play_data_fig")


# ---------------------------------------------------------------- 2. live training
def _live() -> None:
    job: TrainJob | None = st.session_state.get(JOB_KEY)
    if job is None:
        st.caption(t("play.no_run"))
        return
    snap = job.snapshot()
    if snap.stopping and job.join(STOP_WAIT_S):  # Stop pressed, the weights on their way
        snap = job.snapshot()
    if snap.status == "error":
        st.error(_error_text(snap.error))
        return
    if snap.status in ("cancelled", "abandoned"):
        st.info(t(f"play.{snap.status}"))
        return
    if snap.status == "queued":
        st.info(t("play.queued", pos=snap.position, k=job.pool_size))
        st.button(t("play.stop_queued"), on_click=_stop, key="play_stop")
        return
    text = t("play.progress", done=snap.steps_done, steps=snap.steps, sec=snap.seconds,
             rate=1000 * snap.seconds / max(snap.steps_done, 1))
    st.progress(snap.fraction, text=text)
    if snap.running:
        st.button(t("play.stop"), on_click=_stop, key="play_stop")
    elif snap.status == "stopped":
        st.warning(t("play.stopped", done=snap.steps_done, steps=snap.steps))
    else:
        st.success(t("play.done", steps=snap.steps, sec=snap.seconds))
    job_cfg = schedule_key(job.schedule)
    floor = _loss_floor(job_cfg) if job.dataset == "8gaussians" else None
    fig = loss_figure(snap.log_steps, snap.losses, floor=floor, floor_label=t("play.floor"),
                      loss_label=t("play.loss"), x_title=t("play.step"),
                      y_title=t("play.loss_axis"), total_steps=snap.steps)
    plot.chart(fig, width="stretch", key="play_loss_fig")
    if floor is not None:
        last = float(np.mean(snap.losses[-5:])) if snap.losses else float("nan")
        st.caption(t("play.floor_caption", floor=floor, last=last))
    else:
        st.caption(t("play.no_floor"))
    if running and not snap.running:
        st.rerun()  # the run ended: redraw the whole page with the new model


def _quality_2d(mine, polling: bool) -> None:
    """The student's 2-D model scored as the benchmark scores it; polls its ScoreJob."""
    st.markdown(t("play.quality_head", n=SCORE_N, r=SCORE_REPEATS, T=mine.schedule.T))
    job = _score_job(mine)
    if not job.done:
        st.info(t("play.scoring", n=SCORE_N * SCORE_REPEATS, T=mine.schedule.T))
        return
    if polling:
        st.rerun()  # the score arrived: redraw once without the timer
    if job.error is not None:
        st.error(_error_text(job.error))
        return
    q = job.result
    st.dataframe(pd.DataFrame(
        {"SWD": [q["swd_floor"], q["swd"], q["swd_ratio"]],
         "MMD": [q["mmd_floor"], q["mmd"], q["mmd_ratio"]]},
        index=[t("play.floor_row"), t("play.model_row"), t("play.ratio_row")]).T,
        column_config={c: st.column_config.NumberColumn(format="%.4g")
                       for c in (t("play.floor_row"), t("play.model_row"), t("play.ratio_row"))})
    verdict = q["swd_ratio"] <= SWD_BAR and q["mmd_ratio"] <= MMD_BAR
    (st.success if verdict else st.warning)(
        t("play.quality_ok" if verdict else "play.quality_low", swd=q["swd_ratio"],
          mmd=q["mmd_ratio"], swd_bar=SWD_BAR, mmd_bar=MMD_BAR, sec=job.seconds))
    show_code(ddpm_core.ddpm_step, ddpm_core.sliced_wasserstein, ddpm_core.mmd)


st.subheader(t("play.s2"))
st.fragment(_live, run_every=POLL_S if running else None)()

# ---------------------------------------------------------------- 3. the student's model
st.subheader(t("play.s3"))
mine = user_model()
if mine is None:
    st.info(t("play.no_model"))
else:
    meta = mine.meta
    st.markdown(t("play.model_info", dataset=names.get(mine.dataset, mine.dataset),
                  source=t(f"play.source.{meta.get('source', 'trained')}"),
                  steps=meta.get("train_steps", t("play.steps_unknown")), T=mine.schedule.T,
                  kind=schedule_name(mine.schedule.kind)))
    mkind = _kind(mine.dataset)
    c1, c2 = st.columns([1, 2])
    sampler = url_choice(c1.radio, t("play.sampler"), SAMPLERS, samplers, key="play_sampler",
                         horizontal=True)
    seed = c1.number_input(t("play.sample_seed"), 0, 2**31 - 1, 0, key="play_sample_seed",
                           **URL)
    key = (mine.model, sampler, int(seed))  # the model itself: ids get reused
    cached = st.session_state.get("play_samples")
    if cached is None or cached[0] != key or c1.button(t("play.resample"), key="play_resample"):
        n = N_SAMPLES[mkind]
        t0 = time.perf_counter()
        with st.spinner(t("play.sampling")):
            x = ddpm_core.sample(mine.model, mine.schedule, n, sampler=sampler,
                                 steps=DDIM_STEPS if sampler == "ddim" else None,
                                 generator=torch.Generator().manual_seed(seed))
        cached = (key, x, time.perf_counter() - t0, _quality(x, mine.dataset))
        st.session_state["play_samples"] = cached  # scored once, not on every rerun
    _, x, seconds, q = cached
    c1.metric(t("play.sample_time"), f"{seconds:.2f} s")
    with c2:
        if mkind == "digits":
            st.image(_ink_dark(x), caption=t("play.samples_caption_digits", n=len(x)),
                     width="stretch", clamp=True)
        else:
            plot.chart(samples_figure(_data(mine.dataset, 0)[:2000], x,
                                           data_label=t("play.data"),
                                           sample_label=t("play.samples"),
                                           title=t("play.samples_title", n=len(x))),
                       width="stretch", key="play_samples_fig")
    # the live check: generated vs true data, against the noise floor of two true draws
    if mkind == "digits":
        ref = _digit_reference()
        st.dataframe(pd.DataFrame({t("play.col_template"): [ref, q["similarity"]]},
                                  index=[t("play.real_digits"), t("play.your_digits")]))
        st.caption(t("play.digits_check"))
        show_code(ddpm_core.ddpm_step)
    else:
        polling = not _score_job(mine).done
        st.fragment(_quality_2d, run_every=1.0 if polling else None)(mine, polling)
    st.page_link("views/sampling.py", label=t("play.to_sampling"), icon="🎞️")
    blob = st.session_state.get("play_blob")
    try:
        if blob is None or blob[0] is not mine.model:  # serialise once per model
            blob = (mine.model, ddpm_core.checkpoint_bytes(
                mine.model, schedule=mine.schedule, meta={**meta, "dataset": mine.dataset}))
            st.session_state["play_blob"] = blob
    except ValueError as e:
        st.error(t("play.download_failed", msg=str(e)) if lang() == "en"
                 else t("play.download_failed_zh"))
    else:
        blob = blob[1]
        st.download_button(t("play.download"), blob, file_name=f"ddpm_{mine.dataset}.safetensors",
                           mime="application/octet-stream", key="play_download")

# ---------------------------------------------------------------- 4. upload
st.subheader(t("play.s4"))
st.markdown(t("play.upload_intro", mb=MAX_UPLOAD_MB))
upload = st.file_uploader(t("play.upload", mb=MAX_UPLOAD_MB), type=["safetensors"],
                          key="play_upload", max_upload_size=MAX_UPLOAD_MB)
if upload is not None and st.session_state.get("play_uploaded") != upload.file_id:
    data_up, ckpt = upload.getvalue(), None
    try:  # the header alone first: a model or schedule beyond LIMITS is refused unloaded
        limit = checkpoint_limit_error(ddpm_core.checkpoints.read_config(data_up))
        if limit:
            st.error(t("play.upload_failed", name=upload.name, msg=limit))
        else:
            ckpt = ddpm_core.load_checkpoint_bytes(data_up, device="cpu")
    except ValueError as e:
        st.error(t("play.upload_failed", name=upload.name, msg=checkpoint_error(e)))
    if ckpt is not None:
        ds = ckpt.meta.get("dataset")
        shape = tuple(getattr(ckpt.model, "sample_shape", ()))
        if ds not in DATASETS:
            ds = "digits" if len(shape) == 3 else dataset
            st.info(t("play.upload_assumed", name=names.get(ds, ds)))
        if (len(shape) == 3) != (ds == "digits") or (ds == "digits" and shape[1] != IMAGE_SIZE):
            st.error(t("play.upload_failed", name=upload.name,
                       msg=t("play.upload_shape", shape=shape, name=names.get(ds, ds))))
        else:
            sched_up = ckpt.schedule if ckpt.schedule is not None else sched
            meta = {**ckpt.meta, "source": "uploaded", "file": upload.name}
            set_user_model(ckpt.model.requires_grad_(False), sched_up, ds, meta)
            st.session_state["play_uploaded"] = upload.file_id
            st.session_state.pop("play_samples", None)
            st.rerun()

next_link(__file__)
