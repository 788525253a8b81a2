"""Beyond DDPM, 'VAE vs diffusion' (issue 12; FORMULAS.md §o, §e).

1. The two models as latent-variable models: a VAE's learned one-step encoder/decoder, and DDPM
   as a hierarchical VAE whose encoder q(x_{1:T}|x_0) is fixed and has no parameters.
2. Su Jianlin's "DDPM = autoregressive VAE" as one picture: the chain x_0 → … → x_T, one step
   at a time (t slider), with the step's α_t, β_t computed for the sidebar's schedule.
3. Both ELBOs term by term on the same data, N(0, 1): an exact linear VAE (recon + KL) and DDPM
   (L_0 + Σ L_{t−1} + L_T, `ddpm_gaussian_elbo`), with two live checks against formulas written
   in this file (log p(x) of the marginal; the model's marginal variance by its own loop).
4. The same data generated both ways: a shipped VAE (pretrained/vae/, safetensors) against a
   shipped DDPM (pretrained/), one decoder step against 1000 small ones, measured.
Every number comes from the engine or from a formula here; nothing trains on the server.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st
import torch

from ddpm_core import vae as V
from ui import fig_vae as figs
from ui import plot
from ui.code_panel import show_code
from ui.engine_cache import schedule_key
from ui.i18n import dataset_name, schedule_name, t
from ui.latex import formula, num, num_text, plain
from ui.models import load_pretrained
from ui.nav import next_link, question
from ui.training_job import VAETrainJob, session_alive
from ui.urlstate import url_choice
from ui.vae_models import (
    DIGIT_STEPS,
    GREY,
    SHOW_IMG,
    VAE_DIR,
    compare,
    ddpm_elbo,
    ddpm_samples,
    linear_vae,
    vae_eval,
    vae_names,
    vae_samples,
)

URL = {"bind": "query-params"}
N_MINE = 1000  # samples drawn from the student's own VAE
CHECK_TOL = 1e-9  # float64 identities
SIGMAS = ("beta", "beta_tilde")


def model_variance(sched, sigma: str) -> float:
    """Var x_0 under the DDPM model, by its own loop (independent of the engine's): x_T ~ N(0, 1),
    x_{t−1} = √α_t x_t + σ_t z, so Var x_{t−1} = α_t Var x_t + σ_t² (σ_1² = β_1 either way)."""
    a = sched.alphas.double().tolist()
    b = sched.betas.double().tolist()
    ab = sched.alpha_bars.double().tolist()
    v = 1.0
    for k in range(sched.T, 0, -1):
        s2 = b[k] if (sigma == "beta" or k == 1) else (1 - ab[k - 1]) / (1 - ab[k]) * b[k]
        v = a[k] * v + s2
    return v


def log_normal(x: float, var: float) -> float:
    return -0.5 * (math.log(2 * math.pi * var) + x * x / var)


def _signed(values: list[float]) -> str:
    """a + b − c for LaTeX (a minus sign instead of "+ −")."""
    out = num(values[0], 6)
    for v in values[1:]:
        out += ("+" if v >= 0 else "-") + num(abs(v), 6)
    return out


def _safe(fn, *args):
    """Engine errors become a translated message on the page, never a traceback."""
    try:
        return fn(*args)
    except ValueError as e:
        st.error(t("vae.bad_input", msg=str(e)))
        return None


URL_RANGES = {"vae_x0": (-3.0, 3.0), "vae_w": (0.05, 0.95), "vae_m": (-3.0, 3.0),
              "vae_s": (0.05, 2.0)}  # the sliders' ranges (vae_t: 1..T)


def _check_url(T: int) -> None:
    """A URL value a slider cannot take is dropped by Streamlit, silently; say so instead."""
    ranges = dict(URL_RANGES, vae_t=(1, T))
    for key, (lo, hi) in ranges.items():
        raw = st.query_params.get(key)
        if raw is None:
            continue
        try:
            v = float(raw)
            ok = math.isfinite(v) and lo <= v <= hi
        except (TypeError, ValueError):
            ok = False
        if not ok:
            st.warning(t("vae.bad_url", name=key, value=str(raw)[:40], lo=f"{lo:g}", hi=f"{hi:g}"))


# ------------------------------------------------------------------ intro
sched = st.session_state["schedule_obj"]
T = sched.T
cfg = schedule_key(sched)
st.header(t("vae.title"))
question("vae.question")
_check_url(T)
st.markdown(t("vae.intro"))

# ------------------------------------------------------------------ 1. two latent-variable models
st.subheader(t("vae.s1"))
st.markdown(t("vae.s1_vae"))
formula(r"q_\phi(z\mid x)=\mathcal N\big(\mu_\phi(x),\operatorname{diag}s^2_\phi(x)\big),"
        r"\quad p(z)=\mathcal N(0,I),\quad p_\theta(x\mid z)=\mathcal N\big(g_\theta(z),"
        r"\sigma_x^2 I\big)")
formula(r"\mathrm{ELBO}=\underbrace{\mathbb E_{q_\phi}\log p_\theta(x\mid z)}_{\text{recon}}"
        r"-\underbrace{\mathrm{KL}\big(q_\phi(z\mid x)\,\|\,p(z)\big)}_{\text{KL}}")
st.markdown(t("vae.s1_ddpm"))
formula(r"q(x_{1:T}\mid x_0)=\prod_{t=1}^{T}\mathcal N\big(x_t;\sqrt{\alpha_t}\,x_{t-1},"
        r"\beta_t I\big),\quad p(x_T)=\mathcal N(0,I)")
formula(r"p_\theta(x_{0:T})=p(x_T)\prod_{t=1}^{T}p_\theta(x_{t-1}\mid x_t)")
formula(r"L=\underbrace{-\mathbb E_q\log p_\theta(x_0\mid x_1)}_{L_0}"
        r"+\sum_{t=2}^{T}\underbrace{\mathbb E_q\,\mathrm{KL}\big(q(x_{t-1}\mid x_t,x_0)\,\|"
        r"\,p_\theta(x_{t-1}\mid x_t)\big)}_{L_{t-1}}+\underbrace{\mathrm{KL}\big(q(x_T\mid"
        r" x_0)\,\|\,p(x_T)\big)}_{L_T}")

names = vae_names()
if not names:
    st.error(t("vae.no_models", path=str(VAE_DIR)))
    st.stop()
ev2 = vae_eval("moons") if "moons" in names else vae_eval(names[0])
table = pd.DataFrame(
    {t("vae.col_vae"): [t("vae.row_enc_vae", n=f"{ev2['enc_params']:,}"),
                        t("vae.row_lat_vae", d=ev2["d"], D=ev2["D"]),
                        t("vae.row_dec_vae", n=f"{ev2['dec_params']:,}"),
                        t("vae.row_prior")],
     t("vae.col_ddpm"): [t("vae.row_enc_ddpm"),
                         t("vae.row_lat_ddpm", T=T, D=ev2["D"], TD=f"{T * ev2['D']:,}"),
                         t("vae.row_dec_ddpm", T=T),
                         t("vae.row_prior")]},
    index=[t("vae.row_enc"), t("vae.row_lat"), t("vae.row_dec"), t("vae.row_prior_h")])
st.table(table)
st.caption(t("vae.s1_caption", kind=schedule_name(sched.kind), T=T))


# ------------------------------------------------------------------ 2. Su Jianlin's picture
st.subheader(t("vae.s2"))
st.markdown(t("vae.s2_intro"))


@st.fragment
def chain() -> None:
    if T > 1:
        if int(st.session_state.get("vae_t", 1)) > T:
            st.session_state["vae_t"] = T
        step = st.slider(t("vae.slider_t"), 1, T, min(1, T), key="vae_t", **URL)
    else:
        step = 1
        st.info(t("vae.t1_note"))
    labels = {"vae": t("vae.fig_vae"), "ddpm": t("vae.fig_ddpm"), "enc_vae": "q_φ(z|x)",
              "dec_vae": "p_θ(x|z)", "enc": f"q(x{_sub(step)}|x{_sub(step - 1)})",
              "dec": f"p_θ(x{_sub(step - 1)}|x{_sub(step)})", "prior": t("vae.fig_prior"),
              "latent": t("vae.fig_latent"), "data": t("vae.fig_data")}
    plot.chart(figs.chain_figure(T, step, labels), key="vae_chain_fig", width="stretch")
    a, b, ab = (float(sched.alphas[step]), float(sched.betas[step]),
                float(sched.alpha_bars[step]))
    formula(rf"q(x_{{{step}}}\mid x_{{{step - 1}}})=\mathcal N\big(\sqrt{{\alpha_{{{step}}}}}"
            rf"\,x_{{{step - 1}}},\ \beta_{{{step}}}I\big),\quad \alpha_{{{step}}}={num(a)},"
            rf"\ \beta_{{{step}}}={num(b)},\ \bar\alpha_{{{step}}}={num(ab)}")
    st.markdown(t("vae.s2_step", t=step, xprev=f"x{_sub(step - 1)}", xt=f"x{_sub(step)}",
                  st=_sub(step), snr=plain(ab / (1 - ab), 4)))


def _sub(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


chain()
st.markdown(t("vae.s2_after"))


# ------------------------------------------------------------------ 3. both ELBOs, same data
st.subheader(t("vae.s3"))
st.markdown(t("vae.s3_intro"))
formula(r"\text{VAE: } z\sim\mathcal N(0,1),\ x\mid z\sim\mathcal N\big(wz,\,1-w^2\big)"
        r"\ \Rightarrow\ p(x)=\mathcal N(0,1)")
formula(r"\text{DDPM: } p_\theta(x_{t-1}\mid x_t)=\mathcal N\big(\sqrt{\alpha_t}\,x_t,\ "
        r"\sigma_t^2\big),\quad \sigma_t^2\in\{\beta_t,\ \tilde\beta_t\}")


@st.fragment
def elbos() -> None:
    c1, c2, c3 = st.columns(3)
    x0 = c1.slider(t("vae.slider_x0"), -3.0, 3.0, 1.0, 0.05, key="vae_x0", **URL)
    w = c2.slider(t("vae.slider_w"), 0.05, 0.95, 0.8, 0.05, key="vae_w", **URL)
    sigma = url_choice(c3.radio, t("vae.radio_sigma"), SIGMAS,
                       {s: t(f"vae.sigma_{s}") for s in SIGMAS}, key="vae_sigma", horizontal=True)
    at_post = st.toggle(t("vae.toggle_post"), True, key="vae_qpost", **URL)
    d1, d2 = st.columns(2)
    m = d1.slider(t("vae.slider_m"), -3.0, 3.0, 0.0, 0.05, key="vae_m", disabled=at_post, **URL)
    s = d2.slider(t("vae.slider_s"), 0.05, 2.0, 0.5, 0.05, key="vae_s", disabled=at_post, **URL)
    lv = _safe(linear_vae, x0, w, None if at_post else m, None if at_post else s)
    dd = _safe(ddpm_elbo, cfg, x0, sigma)
    if lv is None or dd is None:
        return
    log_px = log_normal(x0, 1.0)  # the data's density, written here
    vae_terms = [(t("vae.bar_recon"), -lv["recon"]), (t("vae.bar_kl"), lv["kl"])]
    ddpm_terms = [("L₀", dd["L_0"]), ("Σ Lₜ₋₁", dd["mid"]),
                  ("L_T", dd["L_T"])]
    plot.chart(figs.terms_figure(vae_terms, ddpm_terms, log_px,
                                 (t("vae.fig_vae_elbo"), t("vae.fig_ddpm_elbo", T=T)),
                                 t("vae.nats"), t("vae.fig_evidence")),
               key="vae_terms_fig", width="stretch")
    k1, k2, k3 = st.columns(3)
    k1.metric(t("vae.metric_log_px"), f"{log_px:.6f}")
    k2.metric(t("vae.metric_vae"), f"{lv['elbo']:.6f}")
    k3.metric(t("vae.metric_ddpm"), f"{dd['elbo']:.6f}")
    formula(rf"\text{{VAE}}:\ {_signed([lv['recon'], -lv['kl']])}={num(lv['elbo'], 6)}")
    formula(rf"\text{{DDPM}}:\ -\big({_signed([dd['L_0'], dd['mid'], dd['L_T']])}"
            rf"\big)={num(dd['elbo'], 6)}")
    if T > 1:
        plot.chart(figs.steps_figure(np.arange(2, T + 1), dd["per_t"][1:],
                                     int(st.session_state.get("vae_t", 1)), "t",
                                     t("vae.fig_term_y"), "L"),
                   key="vae_steps_fig", width="stretch")
        st.caption(t("vae.steps_caption"))
    else:
        st.info(t("vae.t1_elbo"))

    # --- live check 1: the linear VAE, ELBO + KL(q ‖ p(z|x)) = log p(x)
    st.markdown(t("vae.check1_head"))
    lhs = lv["elbo"] + lv["kl_post"]
    var_x = w * w + (1 - w * w)
    ind = log_normal(x0, var_x)  # log N(x; 0, w² + σ²), written here
    check1 = pd.DataFrame({t("vae.col_value"): [lv["elbo"], lv["kl_post"], lhs, ind]},
                          index=[t("vae.ck_elbo"), t("vae.ck_klpost"), t("vae.ck_sum"),
                                 t("vae.ck_logpx")])
    st.dataframe(check1, column_config={t("vae.col_value"): st.column_config.NumberColumn(
        format="%.12g")}, width="content")
    diff1 = abs(lhs - ind)
    st.markdown(t("vae.check1_verdict", diff=num_text(diff1), tol=num_text(CHECK_TOL),
                  verdict=t("vae.agree" if diff1 <= CHECK_TOL else "vae.disagree"),
                  m=f"{lv['post_m']:.4f}", v=f"{lv['post_v']:.4f}"))

    # --- live check 2: DDPM's ELBO against log p(x0) and the model's own marginal
    st.markdown(t("vae.check2_head"))
    v0 = model_variance(sched, sigma)
    log_model = log_normal(x0, v0)  # log p_θ(x0) = log N(x0; 0, v0), v0 by the loop above
    check2 = pd.DataFrame({t("vae.col_value"): [dd["elbo"], log_px, log_model, v0]},
                          index=[t("vae.ck_ddpm_elbo"), t("vae.ck_logpx"), t("vae.ck_logmodel"),
                                 t("vae.ck_v0")])
    st.dataframe(check2, column_config={t("vae.col_value"): st.column_config.NumberColumn(
        format="%.12g")}, width="content")
    gap = log_px - dd["elbo"]
    model_gap = log_model - dd["elbo"]
    if sigma == "beta" or T == 1:
        ok = abs(gap) <= CHECK_TOL and abs(v0 - 1) <= CHECK_TOL
        st.markdown(t("vae.check2_beta", gap=num_text(gap), v0=f"{v0:.12g}",
                      tol=num_text(CHECK_TOL),
                      verdict=t("vae.agree" if ok else "vae.disagree"),
                      t1=t("vae.check2_t1") if T == 1 and sigma != "beta" else ""))
    else:
        ok = model_gap >= -CHECK_TOL
        st.markdown(t("vae.check2_tilde", gap=num_text(gap), mean_gap=num_text(dd["mean_gap"]),
                      model_gap=num_text(model_gap), v0=f"{v0:.6g}",
                      kind=schedule_name(sched.kind), T=T,
                      verdict=t("vae.agree" if ok else "vae.disagree"),
                      sign=t("vae.gap_neg") if gap < 0 else ""))


elbos()
st.markdown(t("vae.s3_after"))


# ------------------------------------------------------------------ 4. the same data both ways
st.subheader(t("vae.s4"))
st.markdown(t("vae.s4_intro"))


@st.fragment
def both_ways() -> None:
    c1, c2 = st.columns([2, 1])
    name = url_choice(c1.selectbox, t("vae.select_data"), names,
                      {n: dataset_name(n) for n in names}, key="vae_data")
    noise = c2.toggle(t("vae.toggle_noise"), False, key="vae_noise", **URL)
    if name not in names:
        st.error(t("vae.bad_data", name=str(name)))
        return
    with st.spinner(t("vae.spinner")):
        ev = _safe(vae_eval, name)
        cmp_ = _safe(compare, name, noise)
    if ev is None or cmp_ is None:
        return
    a, b = vae_samples(name, noise), ddpm_samples(name)
    ckpt = load_pretrained(name)
    steps = DIGIT_STEPS if name == "digits" else ckpt.schedule.T
    titles = [t("vae.fig_vae_samples", noise=t("vae.with_noise") if noise else ""),
              t("vae.fig_ddpm_samples", steps=steps)]
    if name == "digits":
        grids = [figs.image_grid(a[:SHOW_IMG]), figs.image_grid(b[:SHOW_IMG])]
        plot.chart(figs.grids_figure(grids, titles, height=300), key="vae_both_fig",
                   width="stretch")
        st.markdown(t("vae.digits_metrics", vae=num_text(cmp_["grey_vae"] * 100),
                      ddpm=num_text(cmp_["grey_ddpm"] * 100),
                      data=num_text(cmp_["grey_data"] * 100), g=GREY, n=len(a),
                      steps=DIGIT_STEPS, T=ckpt.schedule.T))
    else:
        plot.chart(figs.samples_figure([a, b], titles, cmp_["data"],
                                       (t("vae.fig_samples"), t("vae.fig_data_pts"))),
                   key="vae_both_fig", width="stretch")
    better = cmp_["swd_ddpm"] < cmp_["swd_vae"]
    st.markdown(t("vae.swd", vae=num_text(cmp_["swd_vae"]), ddpm=num_text(cmp_["swd_ddpm"]),
                  floor=num_text(cmp_["swd_floor"]), n=len(a),
                  which=t("vae.swd_ddpm_closer" if better else "vae.swd_vae_closer")))
    st.markdown(t("vae.vae_elbo", recon=f"{ev['recon']:.3f}", recon_se=f"{ev['recon_se']:.3f}",
                  kl=f"{ev['kl']:.3f}", kl_se=f"{ev['kl_se']:.3f}", elbo=f"{ev['elbo']:.3f}",
                  elbo_se=f"{ev['elbo_se']:.3f}", n=ev["n"], d=ev["d"], D=ev["D"],
                  sx=f"{ev['sigma_x']:g}", steps=ev["train_steps"],
                  secs=ev["train_seconds"]))


both_ways()
st.markdown(t("vae.s4_after"))


# ------------------------------------------------------------------ train it yourself (a job)
JOB = "vae_job"  # the session's VAETrainJob (ui.training_job: a worker process, not this one)


def _job_view() -> None:
    job = st.session_state.get(JOB)
    if job is None:
        return
    snap = job.snapshot()
    if snap.status == "queued":
        st.info(t("vae.job_queued", pos=snap.position))
    elif snap.status == "running":
        st.progress(snap.fraction, text=t("vae.job_running", done=snap.steps_done,
                                          steps=snap.steps, secs=f"{snap.seconds:.1f}"))
    elif snap.status in ("error", "abandoned", "cancelled"):
        st.error(t("vae.job_error", msg=snap.error or snap.status))
    if snap.losses:
        plot.chart(figs.loss_figure(snap.log_steps, snap.losses, t("vae.job_step"),
                                    t("vae.job_loss")), key="vae_job_fig", width="stretch")
    if snap.status in ("done", "stopped") and job.result is not None:
        x = job.result.sample(N_MINE, torch.Generator().manual_seed(1)).numpy()
        st.success(t("vae.job_done", done=snap.steps_done, secs=f"{snap.seconds:.1f}",
                     loss=f"{snap.losses[-1]:.3f}" if snap.losses else "–"))
        if job.dataset == "digits":
            plot.chart(figs.grids_figure([figs.image_grid(x[:SHOW_IMG])], [t("vae.job_mine")],
                                         height=260), key="vae_job_samples", width="stretch")
        else:
            plot.chart(figs.samples_figure([x], [t("vae.job_mine")], None,
                                           (t("vae.fig_samples"), t("vae.fig_data_pts"))),
                       key="vae_job_samples", width="stretch")
    if snap.status in ("done", "stopped", "error", "abandoned", "cancelled") \
            and st.session_state.get("vae_job_polling"):
        st.session_state["vae_job_polling"] = False
        st.rerun()


with st.expander(t("vae.job_head")):
    st.markdown(t("vae.job_intro"))
    j1, j2, j3 = st.columns(3)
    job_data = j1.selectbox(t("vae.select_data"), names, key="vae_job_data",
                            format_func=dataset_name)
    default_steps = (V.VAE_DIGITS if job_data == "digits" else V.VAE_2D)["steps"]
    job_steps = j2.number_input(t("vae.job_steps"), 50, 20_000, default_steps, 50,
                                key=f"vae_job_steps_{job_data}")
    job_seed = j3.number_input(t("vae.job_seed"), 0, 2**31 - 1, 0, 1, key="vae_job_seed")
    cur = st.session_state.get(JOB)
    busy = cur is not None and cur.snapshot().running
    b1, b2 = st.columns(2)
    if b1.button(t("vae.job_start"), disabled=busy, key="vae_job_start"):
        try:
            st.session_state[JOB] = VAETrainJob(job_data, int(job_steps), int(job_seed),
                                                owner_alive=session_alive()).start()
            st.session_state["vae_job_polling"] = True
        except (ValueError, RuntimeError) as e:
            st.error(t("vae.job_error", msg=str(e)))
    if b2.button(t("vae.job_stop"), disabled=not busy, key="vae_job_stop"):
        cur.stop()
    polling = bool(st.session_state.get("vae_job_polling"))
    st.fragment(_job_view, run_every=0.5 if polling else None)()

show_code(V.gaussian_vae_elbo, V.LinearGaussianVAE.elbo_terms,
          V.LinearGaussianVAE.kl_to_posterior, V.ddpm_gaussian_elbo)
next_link(__file__)
