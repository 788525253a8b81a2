"""Page 4, the forward process: q(x_t|x_{t-1}) to q(x_t|x_0) (Ho et al. 2020, Eq. 2 and 4).

The lecture's "imagined" view (t single steps, `q_sample_chain`) beside the "actual" view
(one closed-form step, `q_sample`), on a 2-D point cloud and on an image; the schedule's
curves; the SymPy derivation of merging two Gaussian steps, checked against the engine.
Every number comes from `ddpm_core`; the page only draws.
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

N_POINTS = 2000
SEED_DATA, SEED_CHAIN, SEED_SHOT, SEED_GLYPH = 0, 1, 2, 3
N_GLYPHS = 10


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


@st.cache_data(max_entries=64, show_spinner=False)
def _noised(cfg: str, x0: np.ndarray, step: int) -> tuple[np.ndarray, np.ndarray]:
    """x_t both ways, with fixed seeds: t single steps (imagined) and one closed-form jump."""
    sched = schedule_from_key(cfg)
    x = torch.from_numpy(x0)
    chain = ddpm_core.q_sample_chain(sched, x, step, _gen(SEED_CHAIN))
    noise = torch.randn(x.shape, generator=_gen(SEED_SHOT), dtype=x.dtype)
    shot = ddpm_core.q_sample(sched, x, step, noise)
    return chain.numpy(), shot.numpy()


@st.cache_data(max_entries=8, show_spinner=False)
def _cloud(name: str) -> np.ndarray:
    return ddpm_core.toy_2d(name, N_POINTS, _gen(SEED_DATA)).numpy()


@st.cache_data(max_entries=2, show_spinner=False)
def _glyphs() -> tuple[np.ndarray, list[int]]:
    images, labels = ddpm_core.glyph_digits(N_GLYPHS, 28, _gen(SEED_GLYPH))
    return images.numpy(), labels.tolist()


def _moments(pts: np.ndarray) -> list[float]:
    return [*pts.mean(0).tolist(), *pts.var(0).tolist()]


def _decode_upload(data: bytes) -> np.ndarray | None:
    """The uploaded picture, or None with a clear error message (never a traceback)."""
    try:
        return figs.decode_image(data)
    except figs.UploadError as e:
        if e.reason == "too_big":
            st.error(t("forward.upload.too_big", mb=e.size / 2**20))
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
    st.latex(rf"t = {step},\quad \bar\alpha_t = {ab:.6g},\quad \sqrt{{\bar\alpha_t}} = "
             rf"{ab ** 0.5:.6g},\quad 1-\bar\alpha_t = {1 - ab:.6g}")

    # --- 2. imagined vs actual on a point cloud
    st.subheader(t("forward.cloud.header"))
    st.markdown(t("forward.cloud.intro"))
    # format_func: plain dict lookups, resolved now (AppTest calls them outside a script run)
    ds_labels = {n: dataset_name(n) for n in ddpm_core.TOY_DATASETS}
    name = st.selectbox(t("forward.cloud.dataset"), ddpm_core.TOY_DATASETS,
                        format_func=ds_labels.get, key="forward_ds")
    x0 = _cloud(name)
    chain, shot = _noised(cfg, x0, step)
    plot.chart(figs.cloud_pair(x0, chain, shot, (t("forward.imagined", t=step),
                                                      t("forward.actual", t=step)),
                                    t("forward.legend_x0"), t("forward.legend_xt", t=step)),
               width="stretch", key="forward_cloud_fig")
    m0 = _moments(x0)
    formula = [ab ** 0.5 * m0[0], ab ** 0.5 * m0[1], ab * m0[2] + 1 - ab, ab * m0[3] + 1 - ab]
    imagined, actual = _moments(chain), _moments(shot)
    table = pd.DataFrame(
        {t("forward.col.formula"): formula, t("forward.col.imagined"): imagined,
         t("forward.col.actual"): actual},
        index=[t("forward.row.mean_x"), t("forward.row.mean_y"), t("forward.row.var_x"),
               t("forward.row.var_y")])
    st.markdown(t("forward.cloud.moments"))
    st.latex(r"\mathbb E[x_t] = \sqrt{\bar\alpha_t}\,\overline{x_0},\qquad "
             r"\operatorname{Var}[x_t] = \bar\alpha_t \operatorname{Var}(x_0) + (1-\bar\alpha_t)")
    st.dataframe(table.style.format("{:.4f}"), width="stretch")
    worst = max(abs(a - b) for a, b in zip(imagined + actual, formula + formula, strict=True))
    c1, c2, c3 = st.columns(3)
    c1.metric(f'{t("check.formula")}: Var[x_t] (x)', f"{formula[2]:.4f}")
    c2.metric(f'{t("check.engine")}: {t("forward.col.actual")} (x)', f"{actual[2]:.4f}",
              f"{actual[2] - formula[2]:+.4f}", delta_color="off")
    c3.metric(t("forward.cloud.worst"), f"{worst:.4f}", help=t("forward.cloud.worst_help"))
    st.info(t("forward.cloud.in_law"))
    show_code(ddpm_core.q_sample, ddpm_core.q_sample_chain)

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
                              key="forward_upload", help=t("forward.image.upload_help"))
        if up is not None:
            img = _decode_upload(up.getvalue())
    if img is not None:
        chain_img, shot_img = _noised(cfg, np.ascontiguousarray(img[None]), step)
        cols = st.columns(3)
        cols[0].image(figs.to_display(img), caption=t("forward.image.x0"))
        cols[1].image(figs.to_display(chain_img[0]), caption=t("forward.imagined", t=step))
        cols[2].image(figs.to_display(shot_img[0]), caption=t("forward.actual", t=step))
        st.caption(t("forward.image.note"))

    # --- 4. the schedule's curves
    st.subheader(t("forward.curves.header"))
    st.markdown(t("forward.curves.intro"))
    snr = sched.snr.numpy().copy()
    plot.chart(figs.schedule_curves(sched.betas.numpy(), sched.alpha_bars.numpy(), snr,
                                         step, (r"β_t", r"ᾱ_t", t("forward.curves.snr")), "t"),
               width="stretch", key="forward_curves_fig")
    c1, c2, c3 = st.columns(3)
    c1.metric(f"β_{step}", f"{float(sched.betas[step]):.4g}")
    c2.metric(f"ᾱ_{step}", f"{ab:.4g}")
    c3.metric(f"SNR_{step}", f"{float(sched.snr[step]):.4g}")

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
    c1.metric(f'√ᾱ_t — {t("check.formula")} (SymPy)', f"{d_mean[step - 1]:.12g}")
    c2.metric(f'√ᾱ_t — {t("check.engine")}', f"{e_mean[step - 1]:.12g}")
    c1.metric(f'1−ᾱ_t — {t("check.formula")} (SymPy)', f"{d_var[step - 1]:.12g}")
    c2.metric(f'1−ᾱ_t — {t("check.engine")}', f"{e_var[step - 1]:.12g}")
    st.metric(t("forward.sympy.max_err", T=T), f"{err:.3e}", help=t("forward.sympy.max_err_help"))
    if err <= 1e-7:
        st.success(t("forward.sympy.ok"))
    else:
        st.error(t("forward.sympy.bad"))


# ------------------------------------------------------------------ page
sched = st.session_state["schedule_obj"]  # set by app.py's frame before every page run
st.header(t("nav.forward"))
st.markdown(t("forward.intro"))
st.subheader(t("forward.one_step.header"))
st.markdown(t("forward.one_step.text"))
st.latex(r"q(x_t \mid x_{t-1}) = \mathcal N\!\left(x_t;\ \sqrt{\alpha_t}\,x_{t-1},\ "
         r"\beta_t \mathbf I\right),\qquad \alpha_t = 1-\beta_t \qquad \text{(Ho Eq. 2)}")
st.latex(r"x_t = \sqrt{\alpha_t}\,x_{t-1} + \sqrt{\beta_t}\,\epsilon_t,\qquad "
         r"\epsilon_t \sim \mathcal N(0, \mathbf I)")
st.markdown(t("forward.closed.text"))
st.latex(r"q(x_t \mid x_0) = \mathcal N\!\left(x_t;\ \sqrt{\bar\alpha_t}\,x_0,\ "
         r"(1-\bar\alpha_t) \mathbf I\right),\qquad \bar\alpha_t = \prod_{s=1}^{t} \alpha_s "
         r"\qquad \text{(Ho Eq. 4)}")
st.latex(r"x_t = \sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}\,\epsilon,\qquad "
         r"\epsilon \sim \mathcal N(0, \mathbf I)")
interactive(sched)
