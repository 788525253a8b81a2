"""Page 4, the forward process: q(x_t|x_{t-1}) to q(x_t|x_0) (Ho et al. 2020, Eq. 2 and 4).

The lecture's "imagined" view (t single steps, `q_sample_chain`) beside the "actual" view
(one closed-form step, `q_sample`), on a 2-D point cloud (moved off the origin, so that the
shrinking mean √ᾱ_t·E[x_0] is visible and checked) and on an image; the schedule's curves; the
SymPy derivation of merging two Gaussian steps, evaluated by its own induction from the β's and
compared with the engine's ᾱ table. Every sample comes from `ddpm_core`; the page only draws.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st
import torch

import ddpm_core
from ddpm_core import Schedule
from ui import fig_forward as figs
from ui import plot
from ui.code_panel import show_code
from ui.engine_cache import derivation, schedule_from_key, schedule_key, sympy_comparison
from ui.i18n import dataset_name, t
from ui.latex import num_short, plain
from ui.nav import next_link, question

N_POINTS = 2000
SEED_DATA, SEED_CHAIN, SEED_SHOT, SEED_GLYPH = 0, 1, 2, 3
N_GLYPHS = 10
SHIFT = 2.0  # default move of the cloud: its mean √ᾱ_t·E[x_0] shrinks visibly towards 0


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


@st.cache_data(max_entries=64, show_spinner=False)
def _noised(cfg: str, x0: np.ndarray, step: int) -> tuple[np.ndarray, np.ndarray]:
    """x_t both ways, with fixed seeds: t single steps (imagined) and one closed-form jump."""
    sched = schedule_from_key(cfg)
    x = torch.from_numpy(x0)  # float64 for the cloud: the moment check sees no float32 rounding
    chain = ddpm_core.q_sample_chain(sched, x, step, _gen(SEED_CHAIN))
    noise = torch.randn(x.shape, generator=_gen(SEED_SHOT), dtype=x.dtype)
    shot = ddpm_core.q_sample(sched, x, step, noise)
    return chain.numpy(), shot.numpy()


@st.cache_data(max_entries=8, show_spinner=False)
def _cloud(name: str, shift: float) -> np.ndarray:
    """The data set's 2,000 points (mean 0, sd 1), moved by (shift, shift), in float64."""
    return ddpm_core.toy_2d(name, N_POINTS, _gen(SEED_DATA)).double().numpy() + shift


@st.cache_data(max_entries=2, show_spinner=False)
def _glyphs() -> tuple[np.ndarray, list[int]]:
    images, labels = ddpm_core.glyph_digits(N_GLYPHS, 28, _gen(SEED_GLYPH))
    return images.numpy(), labels.tolist()


def _imagined(step: int) -> str:
    return t("forward.imagined", t=step) if step > 1 else t("forward.imagined_one")


def _decode_upload(data: bytes) -> np.ndarray | None:
    """The uploaded picture, or None with a clear error message (never a traceback)."""
    try:
        return figs.decode_image(data)
    except figs.UploadError as e:
        if e.reason == "too_big":
            st.error(t("forward.upload.too_big", mb=e.size / 2**20))
        elif e.reason == "pixels":
            st.error(t("forward.upload.pixels", mp=f"{e.size / 1e6:,.0f}",
                       max=f"{figs.MAX_PIXELS / 1e6:,.0f}"))
        else:
            st.error(t("forward.upload.bad"))
        return None


# ------------------------------------------------------------------ the interactive part
@st.fragment
def interactive(sched: Schedule) -> None:
    T = sched.T
    cfg = schedule_key(sched)
    if T > 1:
        step = st.slider(t("forward.t_slider"), 1, T, max(1, T // 10), key=f"forward_t_{cfg}",
                         help=t("forward.t_slider_help"))
    else:
        step = 1
        st.caption(t("forward.t_fixed"))
    ab = float(sched.alpha_bars[step])
    st.latex(rf"t = {step},\quad \bar\alpha_t = {num_short(ab)},\quad \sqrt{{\bar\alpha_t}} = "
             rf"{num_short(ab ** 0.5)},\quad 1-\bar\alpha_t = {num_short(1 - ab)}")

    # --- 2. imagined vs actual on a point cloud
    st.subheader(t("forward.cloud.header"))
    st.markdown(t("forward.cloud.intro"))
    # format_func: plain dict lookups, resolved now (AppTest calls them outside a script run)
    ds_labels = {n: dataset_name(n) for n in ddpm_core.TOY_DATASETS}
    c1, c2 = st.columns(2)
    name = c1.selectbox(t("forward.cloud.dataset"), ddpm_core.TOY_DATASETS,
                        format_func=ds_labels.get, key="forward_ds")
    shift = c2.slider(t("forward.cloud.shift"), -3.0, 3.0, SHIFT, 0.5, key="forward_shift",
                      help=t("forward.cloud.shift_help"))
    x0 = _cloud(name, float(shift))
    chain, shot = _noised(cfg, x0, step)
    plot.chart(figs.cloud_pair(x0, chain, shot, (_imagined(step),
                                                      t("forward.actual", t=step)),
                                    t("forward.legend_x0"), t("forward.legend_xt", t=step)),
               width="stretch", key="forward_cloud_fig")
    check = figs.moment_check(x0, sched.betas.numpy(), step)
    imagined, actual = figs.moments(chain), figs.moments(shot)
    table = pd.DataFrame(
        {t("forward.col.formula"): check.formula, t("forward.col.imagined"): imagined,
         t("forward.col.actual"): actual, t("forward.col.se"): check.se},
        index=[t("forward.row.mean_x"), t("forward.row.mean_y"), t("forward.row.var_x"),
               t("forward.row.var_y")])
    st.markdown(t("forward.cloud.moments"))
    st.latex(r"\mathbb E[x_t] = \sqrt{\bar\alpha_t}\,\overline{x_0},\qquad "
             r"\operatorname{Var}[x_t] = \bar\alpha_t \operatorname{Var}(x_0) + (1-\bar\alpha_t),"
             r"\qquad \bar\alpha_t = \prod_{s=1}^{t}(1-\beta_s)")
    st.dataframe(table.style.format("{:.4f}"), width="stretch")
    ok = np.concatenate([check.within(imagined), check.within(actual)])
    ratio = np.abs(np.concatenate([imagined, actual]) - np.tile(check.formula, 2)) \
        / np.tile(check.se, 2)
    verdict = t("forward.cloud.verdict", k=f"{figs.K_SE:g}", floor=plain(figs.FLOOR, 1),
                n_ok=int(ok.sum()), worst=f"{ratio.max():.2f}")
    if ok.all():
        st.success(verdict)
    else:
        st.error(verdict + " " + t("forward.cloud.verdict_bad", k=f"{figs.K_SE:g}"))
    st.info(t("forward.cloud.in_law"))
    show_code(ddpm_core.forward._q_sample, ddpm_core.q_sample_chain)

    # --- 3. the same on an image
    st.subheader(t("forward.image.header"))
    st.markdown(t("forward.image.intro"))
    images, labels = _glyphs()
    src_labels = {"glyph": t("forward.image.src_glyph"), "upload": t("forward.image.src_upload")}
    src = st.radio(t("forward.image.source"), list(src_labels), horizontal=True,
                   format_func=src_labels.get, key="forward_img_src")
    img = None
    if src == "glyph":
        glyph_labels = {k: t("forward.image.glyph_label", k=k + 1, d=labels[k])
                        for k in range(N_GLYPHS)}
        i = st.selectbox(t("forward.image.pick"), list(glyph_labels), key="forward_glyph",
                         format_func=glyph_labels.get)
        img = images[i, 0]
    else:
        up = st.file_uploader(t("forward.image.upload"), type=["png", "jpg", "jpeg"],
                              key="forward_upload", help=t("forward.image.upload_help"),
                              max_upload_size=figs.MAX_UPLOAD_BYTES // 2**20)
        if up is not None:
            img = _decode_upload(up.getvalue())
    if img is not None:
        chain_img, shot_img = _noised(cfg, np.ascontiguousarray(img[None]), step)
        cols = st.columns(3)
        cols[0].image(figs.to_display(img), caption=t("forward.image.x0"))
        cols[1].image(figs.to_display(chain_img[0]), caption=_imagined(step))
        cols[2].image(figs.to_display(shot_img[0]), caption=t("forward.actual", t=step))
        ab_img = float(sched.alpha_bars[step])
        st.caption(t("forward.image.note", t=step,
                     seen=f"{float((np.abs(shot_img[0]) > 1).mean()):.1%}",
                     expected=f"{figs.expected_outside(img, ab_img):.1%}",
                     noise=f"{figs.expected_outside(img, 0.0):.1%}"))

    # --- 4. the schedule's curves
    st.subheader(t("forward.curves.header"))
    st.markdown(t("forward.curves.intro"))
    snr = sched.snr.numpy().copy()
    plot.chart(figs.schedule_curves(sched.betas.numpy(), sched.alpha_bars.numpy(), snr,
                                         step, ("βₜ", "ᾱₜ", t("forward.curves.snr")), "t"),
               width="stretch", key="forward_curves_fig")
    c1, c2, c3 = st.columns(3)
    c1.metric(f"βₜ, t = {step}", plain(float(sched.betas[step])))
    c2.metric(f"ᾱₜ, t = {step}", plain(ab))
    c3.metric(f"SNRₜ, t = {step}", plain(float(sched.snr[step])))

    # --- 5. live SymPy check at this t
    st.subheader(t("forward.sympy.header"))
    st.markdown(t("forward.sympy.intro"))
    for k, s in enumerate(derivation("forward").steps, start=1):
        st.markdown(f"**{k}.** " + t("forward.step." + s.key.split(".", 1)[1]))
        st.latex(s.latex)
    err, comps = sympy_comparison("forward", cfg)
    _, d_mean, e_mean = comps["mean_coef"]
    _, d_var, e_var = comps["variance"]
    st.markdown(t("forward.sympy.at_t", t=step))
    c1, c2 = st.columns(2)
    c1.metric(f'√ᾱₜ — {t("check.formula")} (SymPy)', plain(d_mean[step - 1], 12))
    c2.metric(f'√ᾱₜ — {t("check.engine")}', plain(e_mean[step - 1], 12))
    c1.metric(f'1 − ᾱₜ — {t("check.formula")} (SymPy)', plain(d_var[step - 1], 12))
    c2.metric(f'1 − ᾱₜ — {t("check.engine")}', plain(e_var[step - 1], 12))
    st.metric(t("forward.sympy.max_err", T=T), plain(err, 2), help=t("forward.sympy.max_err_help"))
    if err <= 1e-7:
        st.success(t("forward.sympy.ok"))
    else:
        st.error(t("forward.sympy.bad"))


# ------------------------------------------------------------------ page
sched = st.session_state["schedule_obj"]  # set by app.py's frame before every page run
st.header(t("nav.forward"))
question("forward.question")
st.markdown(t("forward.intro"))
st.subheader(t("forward.one_step.header"))
st.markdown(t("forward.one_step.text"))
st.latex(r"q(x_t \mid x_{t-1}) = \mathcal N\!\left(x_t;\ \sqrt{\alpha_t}\,x_{t-1},\ "
         r"\beta_t \mathbf I\right),\qquad \alpha_t = 1-\beta_t \qquad \text{("
         + t("forward.cite2") + ")}")
st.latex(r"x_t = \sqrt{\alpha_t}\,x_{t-1} + \sqrt{\beta_t}\,\epsilon_t,\qquad "
         r"\epsilon_t \sim \mathcal N(0, \mathbf I)")
st.markdown(t("forward.closed.text"))
st.latex(r"q(x_t \mid x_0) = \mathcal N\!\left(x_t;\ \sqrt{\bar\alpha_t}\,x_0,\ "
         r"(1-\bar\alpha_t) \mathbf I\right),\qquad \bar\alpha_t = \prod_{s=1}^{t} \alpha_s "
         r"\qquad \text{(" + t("forward.cite4") + ")}")
st.latex(r"x_t = \sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}\,\epsilon,\qquad "
         r"\epsilon \sim \mathcal N(0, \mathbf I)")
interactive(sched)
next_link(__file__)
