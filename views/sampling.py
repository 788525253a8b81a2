"""Page 7, sampling step by step: Ho et al. 2020, Algorithm 2, and DDIM (Song et al. 2021).

A trained model (a shipped checkpoint, the student's own, or the exact ε* of a Gaussian
mixture) is run once per setting (`ddpm_core.sample_sigmas` for DDPM on a 2-D model, else
`ddpm_core.sample_progressive`); the t slider, the step
buttons and "play" only index into the stored trajectory. The choice σ_t² = β_t, β̃_t or 0
answers the lecture's "why not just take the mean?" with samples and metrics; DDIM with
S steps and η is timed and measured against the full chain.

The chains run behind the page, on two worker threads shared by every session
(`ui.sampling_chains`, where the computations live).
Section 2's three DDPM chains (σ_t² = β, β̃, 0: the same x_T and z_t) run first, as ONE
batched chain (`ddpm_core.sample_sigmas`, a `SigmaRun`) whose rows are split over two threads;
for a 2-D model with the DDPM sampler it keeps every step of each, and is the step-through's
chain (and section 3's full chain) too. Then DDIM and the other chains. A rerun waits
for them only WAIT_S; a section whose chains are still running shows a progress bar and keeps
its previous figure and table, said to be the previous seed's, and the page reruns itself once
they are done (a fragment polls). The first view of a model waits for its trajectory.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from concurrent.futures import CancelledError, Future, wait
from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

import ddpm_core
from ddpm_core import Schedule
from ui import fig_sampling as figs
from ui import plot
from ui import sampling_chains as jobs
from ui.code_panel import show_code
from ui.engine_cache import schedule_key
from ui.i18n import dataset_name, lang, schedule_name, t
from ui.latex import INLINE_HEAD, formula, inline_list, num_short, plain
from ui.models import ModelChoice, model_choices
from ui.nav import next_link, question
from ui.sampling_chains import N_VIEW, SIGMAS
from ui.sampling_compute import (
    Settings,
    Trajectory,
    check_table,
    shared_table,
    sigma_t,
    step_frames,
)
from ui.urlstate import url_choice, url_slider

N_POINTS = (250, 500, 1000, 2000)
N_IMAGES = (16, 64)
N_TRAILS = 30
IMG_VIEW = 16  # pictures the step-through runs for an image model (its own chain: 4× faster
# than 64 on the CPU); sections 2 and 3 sample all n
SPEEDS = (1, 2, 5, 10, 20, 50)  # frames per tick while playing (30 ticks a second)
BUDGET_S = 15.0  # estimated seconds above which a computation waits for a button
CHECK_K = 16.0  # the live check passes when |formula - engine| <= CHECK_K · (float32 rounding)
RUN_SLOW = "sampling_run_slow"
URL = {"bind": "query-params"}  # page settings live in the URL (ui.nav's url_keys)
WAIT_S = 0.6  # a rerun waits this long (from its start) for the chains of sections 2 and 3;
# then it ends and those sections show a progress bar (and their previous results) until
# their chains, run behind the page, are done. session_state["sampling_wait_s"] overrides it
POLL_S = 0.5  # how often a waiting section looks whether its chains are done


# ------------------------------------------------------------------ models
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
    est = calls * jobs.per_call(_model_key(choice), choice.model, n)
    asked = st.session_state.setdefault(RUN_SLOW, set())
    if est <= BUDGET_S or token in asked:
        return True
    st.info(t("sampling.slow_info", calls=calls, n=n, s=f"{est:.0f}"))
    key = "sampling_slow_" + hashlib.md5(token.encode()).hexdigest()[:10]
    if st.button(t("sampling.slow_button"), key=key):
        asked.add(token)
        st.rerun()
    return False



def _num(x: float) -> str:
    return num_short(x, 6)


def _step_latex(sched: Schedule, s: Settings, step: int, prev: int) -> tuple[str, str]:
    """The general update (display LaTeX) and the same update with this step's numbers
    (Markdown with inline maths, which wraps at a phone's width where a display line is cut)."""
    ab_t = float(sched.alpha_bars[step])
    if s.sampler == "ddpm":
        alpha, beta = float(sched.alphas[step]), float(sched.betas[step])
        sig = sigma_t(sched, s.sigma, step)
        general = (r"x_{t-1} = \frac{1}{\sqrt{\alpha_t}}\Big(x_t - \frac{\beta_t}"
                   r"{\sqrt{1-\bar\alpha_t}}\,\epsilon_\theta(x_t,t)\Big) + \sigma_t z")
        nums = (inline_list(rf"t = {step}") + INLINE_HEAD
                + inline_list(rf"\alpha_t = {_num(alpha)}", rf"\bar\alpha_t = {_num(ab_t)}",
                              rf"\beta_t = {_num(beta)}", rf"\sigma_t = {_num(sig)}")
                + "\n\n"
                + inline_list(rf"x_{{{prev}}} = {_num(1 / alpha ** 0.5)}\,\big(x_{{{step}}} - "
                              rf"{_num(beta / (1 - ab_t) ** 0.5)}\;"
                              rf"\epsilon_\theta(x_{{{step}}}, {step})\big) + {_num(sig)}\,z"))
        return general, nums
    ab_s = float(sched.alpha_bars[prev])
    sig = ddpm_core.ddim_sigma(sched, step, prev, s.eta)
    general = (r"x_s = \sqrt{\bar\alpha_s}\,\hat x_0 + \sqrt{1-\bar\alpha_s-\sigma^2}\;"
               r"\epsilon_\theta(x_t,t) + \sigma z\\[4pt]\hat x_0 = \frac{x_t - "
               r"\sqrt{1-\bar\alpha_t}\,\epsilon_\theta(x_t,t)}{\sqrt{\bar\alpha_t}}")
    nums = (inline_list(rf"t = {step}", rf"s = {prev}") + INLINE_HEAD
            + inline_list(rf"\bar\alpha_t = {_num(ab_t)}", rf"\bar\alpha_s = {_num(ab_s)}",
                          rf"\sigma(\eta={s.eta:g}) = {_num(sig)}")
            + "\n\n"
            + inline_list(rf"x_{{{prev}}} = {_num(ab_s ** 0.5)}\,\hat x_0 + "
                          rf"{_num(max(1 - ab_s - sig ** 2, 0.0) ** 0.5)}\;"
                          rf"\epsilon_\theta(x_{{{step}}}, {step}) + {_num(sig)}\,z"))
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
    truth = None if choice.is_image else jobs.truth_draw(choice.dataset, 0, N_VIEW)
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
    formula(general)
    st.markdown(nums)
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


def _step_code(s: Settings, traj: Trajectory) -> None:
    """The step-through's 'show the code' (below its fragment: the same code at every t, not
    sent again with each)."""
    if s.sampler == "ddpm" and traj.shared > 1:  # the chain that ran: the batched σ chains
        show_code(ddpm_core.sample_sigmas, ddpm_core.ddpm_step)
    elif s.sampler == "ddpm":
        show_code(ddpm_core.ddpm_step, ddpm_core.posterior._posterior_mean_from_eps,
                  ddpm_core.posterior._predict_x0_from_eps)
    else:
        show_code(ddpm_core.ddim_step, ddpm_core.ddim_sigma,
                  ddpm_core.posterior._predict_x0_from_eps)


def _step_section(**args) -> None:
    st.fragment(step_through)(**args)
    _step_code(args["s"], args["traj"])


# ------------------------------------------------------------------ page
_RUN_T0 = time.perf_counter()  # this rerun's start: sections 2 and 3 wait until WAIT_S after it
sidebar_sched: Schedule = st.session_state["schedule_obj"]  # set by app.py before every run

st.header(t("sampling.title"))
question("sampling.question")
st.markdown(t("sampling.intro"))
formula(t("ov.alg2_latex"))  # Algorithm 2 as the overview shows it, in the page's language
st.caption(t("sampling.alg2_caption"))

# ---- the model, the seed, the sampler
try:
    choices = model_choices()
except ValueError as err:  # a broken checkpoint file: say so, keep the page alive
    st.warning(t("sampling.load_error", err=str(err)))
    choices = []
choices.append(jobs.oracle(sidebar_sched))
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
    formula(r"x_s = \sqrt{\bar\alpha_s}\,\hat x_0(x_t,t) + "
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
image_size = jobs.image_size_of(choice)

truth_n = jobs.truth_draw(choice.dataset, image_size, int(n))
truth_x = None if truth_n is None or choice.is_image else truth_n[0]
full = Settings("ddpm", sigma, None, 0.0, seed, int(n))
fast = Settings("ddim", sigma, S, float(eta), seed, int(n))
with box2:
    # ---- 2. why not just take the mean?
    st.subheader(t("sampling.s2"))
    st.markdown(t("sampling.s2_lecture"))
    st.markdown(t("sampling.s2_diffusion"))
    formula(r"\sigma_t^2 = \beta_t \quad\text{or}\quad \sigma_t^2 = \tilde\beta_t = "
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
sigma_run = jobs.sigmas_job(mkey, choice, seed, int(n)) if ok2 else None
from_run = sigma_run is not None and not choice.is_image and sampler == "ddpm"


def _job(x: Settings, traj: Future | None) -> Future:
    if sigma_run is not None and x.sampler == "ddpm" and x.steps is None and x.n == int(n):
        return jobs.sigma_chain_job(mkey, choice, x, sigma_run)
    same = traj is not None and dataclasses.astuple(x) == dataclasses.astuple(view)
    return jobs.chain_job(mkey, choice, x, traj if same else None)


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
        view_traj = jobs.Picked(sigma_run, lambda got: got.trajs[view.sigma])
    elif _affordable(choice, f"{mkey}|{view}", calls, view.n):
        view_traj = jobs.traj_job(mkey, choice, view)
    if view_traj is not None:
        old = st.session_state.get("sampling_shown_s1")
        old = old if old and old["what"] == mkey else None
        if old is None:  # no figure of this model to keep: wait (the t field, bound to the
            with st.spinner(t("sampling.spinner")):  # URL, must be drawn in this run)
                _ready([view_traj], block=True)
        if _ready([view_traj]):
            _step_section(choice=choice, mkey=mkey, s=view, n_all=int(n),
                          traj=view_traj.result())
            st.session_state["sampling_shown_s1"] = {
                "what": mkey, "seed": seed,
                "args": {"choice": choice, "mkey": mkey, "s": view, "n_all": int(n),
                         "traj": view_traj.result()}}
        else:
            _pending([view_traj], seed, old, _step_section)


def _show_sigmas(finals: dict, rows: dict, truth: np.ndarray | None, T: int,
                 fresh: dict | None, ident: tuple) -> None:
    """Section 2's figure, table and reading for the final samples of the three σ choices;
    `ident` names the chains (the figure is encoded once for every session)."""
    def fig():  # built only when this ident's chart is not encoded yet
        titles = [t("sampling.fig.final", sigma=sigma_labels[sg]) for sg in SIGMAS]
        if choice.is_image:
            return figs.grids_figure([figs.image_grid(finals[sg]) for sg in SIGMAS], titles)
        return figs.samples_figure([finals[sg] for sg in SIGMAS], titles, truth,
                                   (t("sampling.fig.samples"), t("sampling.fig.data")))

    plot.chart(fig, width="stretch", key="sampling_sigma_fig", ident=ident)

    def frame() -> pd.DataFrame:
        cols = [t("sampling.col.spread"), t("sampling.col.swd"), t("sampling.col.mmd")]
        table = pd.DataFrame.from_dict(rows, orient="index", columns=cols)
        table.index.name = t("sampling.col.sigma")
        if choice.is_image:  # a kernel MMD on a few dozen 256-pixel images says little
            table = table.drop(columns=cols[2])
        return table.dropna(axis=1, how="all")  # no data to compare with: no empty columns

    table, columns = shared_table(ident, frame)
    st.dataframe(table, width="stretch",
                 column_config={c: st.column_config.NumberColumn(format="%.3f")
                                for c in columns})
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


def _show_ddim(full: jobs.Chain, fast: jobs.Chain, T: int, S: int, eta: float, sigma: str,
               truth: np.ndarray | None, ident: tuple) -> None:
    """Section 3's figure, table and reading: the full DDPM chain against DDIM; `ident` names
    the two chains (the figure is encoded once for every session)."""
    row_full = t("sampling.row.ddpm", T=T, sigma=sigma_labels[sigma])
    row_fast = t("sampling.row.ddim", S=S, eta=f"{eta:g}")
    cols = [t("sampling.col.calls"), t("sampling.col.time"), t("sampling.col.spread"),
            t("sampling.col.swd"), t("sampling.col.mmd")]
    q_full, q_fast = full.quality, fast.quality

    def frame() -> pd.DataFrame:
        table = pd.DataFrame([[T, full.seconds, q_full["spread"], q_full["swd"], q_full["mmd"]],
                              [S, fast.seconds, q_fast["spread"], q_fast["swd"],
                               q_fast["mmd"]]], index=[row_full, row_fast], columns=cols)
        if choice.is_image:
            table = table.drop(columns=cols[4])
        return table.dropna(axis=1, how="all")

    table, columns = shared_table(ident, frame)

    def fig():  # built only when this ident's chart is not encoded yet
        titles = [row_full, row_fast]
        if choice.is_image:
            return figs.grids_figure([figs.image_grid(full.x), figs.image_grid(fast.x)], titles)
        return figs.samples_figure([full.x, fast.x], titles, truth,
                                   (t("sampling.fig.samples"), t("sampling.fig.data")), 400)

    plot.chart(fig, width="stretch", key="sampling_ddim_fig", ident=ident)
    fmt = {c: st.column_config.NumberColumn(format="%.3f") for c in columns[1:]}
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
            fresh = jobs.fresh_draws(choice.dataset, image_size, int(n))
            if fresh is not None:
                rows[t("sampling.row.data")] = [fresh["spread"][0], fresh["swd"][0],
                                                fresh["mmd"][0]]
            ident2 = ("s2", mkey, tuple(_tuple(x) for x in want2))
            _show_sigmas(finals, rows, truth_x, T, fresh, ident2)
            _remember("s2", finals=finals, rows=rows, truth=truth_x, T=T, fresh=fresh,
                      ident=ident2)
        else:
            _pending(list(jobs2.values()), seed, _shown("s2"), _show_sigmas)
        st.markdown(t("sampling.s2_answer"))

with box3_rest:
    if ok3:
        if _ready(jobs3):
            ident3 = ("s3", mkey, tuple(_tuple(x) for x in want3))
            _show_ddim(jobs3[1].result(), jobs3[0].result(), T, S, float(eta), sigma, truth_x,
                       ident3)
            _remember("s3", full=jobs3[1].result(), fast=jobs3[0].result(), T=T, S=S,
                      eta=float(eta), sigma=sigma, truth=truth_x, ident=ident3)
        else:
            _pending(jobs3, seed, _shown("s3"), _show_ddim)
        show_code(ddpm_core.ddim_step, ddpm_core.ddim_sigma, ddpm_core.timesteps)

next_link(__file__)
