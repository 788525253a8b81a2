"""Page 7, 'The exact ε* and a trained network': for Gaussian-mixture data the best possible
noise predictor ε* = E[ε | x_t] is known in closed form (`ddpm_core.optimal_eps`); it gives the
exact floor of L_simple, and a trained network (the student's or a pretrained one) is compared
with it per t (loss = floor + error, with a Monte-Carlo check of the cross term) and as a
vector field.

Every number comes from `ddpm_core`; pure computations (`ui.epsstar_compute`, built once per
process) are cached by the schedule's config and, for a network, by a fingerprint of its weights.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

import ddpm_core
from ddpm_core import Schedule
from ddpm_core.forward import _q_sample
from ui import fig_objective as fo
from ui import plot
from ui.code_panel import show_code
from ui.engine_cache import schedule_key
from ui.epsstar_compute import (
    EPS_N,
    FLOOR_N,
    MIXTURE,
    VF_CLOUD,
    VF_GRID,
    VF_LIM,
    eps_errors,
    fingerprint,
    floor_curve,
    vector_field,
)
from ui.i18n import dataset_name, schedule_name, t
from ui.latex import formula
from ui.models import ModelChoice, checkpoint_error, model_choices
from ui.nav import next_link, question
from ui.urlstate import keep_fraction, url_choice, url_slider

ORTHO_SE = 4.0  # the decomposition check: |engine − formula| ≤ 4 standard errors + ORTHO_ABS
ORTHO_ABS = 1e-12  # float64 rounding of the two sums

sched: Schedule = st.session_state["schedule_obj"]  # set by app.py's frame before every run
CFG = schedule_key(sched)
T = sched.T


def _num(x: float, digits: int = 4) -> str:
    return f"{x:.{digits}g}"


# ---------------------------------------------------------------------------- page
st.header(t("nav.epsstar"))
question("epsstar.question")
st.write(t("epsstar.intro"))

# 1 · the floor ----------------------------------------------------------------------
st.subheader(t("epsstar.floor.title", dataset=dataset_name(MIXTURE)))
f_ts, f_vals, f_ses = floor_curve(CFG)
st.write(t("epsstar.floor.body", n=FLOOR_N, k=len(f_ts), dataset=dataset_name(MIXTURE)))
fig = plot.Figure()
fig.add_scatter(x=f_ts, y=f_vals, name=t("epsstar.fig.floor"), mode="lines+markers")
fig.update_layout(title=t("epsstar.fig.floor_title"), height=360, template="plotly_white",
                  margin=dict(l=10, r=10, t=50, b=10),
                  legend=dict(orientation="h", yanchor="top", y=-0.3, x=0),
                  yaxis_title=t("epsstar.fig.floor_y"))
if T > 1:
    fig.update_layout(xaxis=fo.log_ticks(dict(title=t("epsstar.fig.t")), f_ts))
else:
    fig.update_layout(xaxis_title=t("epsstar.fig.t_lin"))
plot.chart(fig, width="stretch", key="epsstar_floor_fig")
ab = sched.alpha_bars.numpy()
st.markdown(t("epsstar.floor.ends", t_lo=int(f_ts[0]), lo=fo.tex_num(f_vals[0]),
              ab_lo=fo.tex_num(ab[f_ts[0]]), t_hi=int(f_ts[-1]), hi=fo.tex_num(f_vals[-1]),
              ab_hi=fo.tex_num(ab[f_ts[-1]]), se_lo=fo.tex_num(f_ses[0], 2),
              se_hi=fo.tex_num(f_ses[-1], 2)))
floor_mean = float(np.interp(np.arange(1, T + 1), f_ts, f_vals).mean())  # t ~ U{1..T}
st.markdown(t("epsstar.floor.mean", mean=fo.tex_num(floor_mean)))
show_code(ddpm_core.oracle._terms, ddpm_core.optimal_eps)


# 2 + 3 · a trained network against ε* --------------------------------------------
def _model_label(c: ModelChoice) -> str:
    key = "epsstar.model.user" if c.is_user else "epsstar.model.pretrained"
    return t(key, dataset=dataset_name(c.dataset))


def _pick_model() -> ModelChoice | None:
    st.subheader(t("epsstar.m.title"))
    st.write(t("epsstar.m.body"))
    try:
        choices = model_choices(kind="2d")
    except (ValueError, OSError) as e:  # a broken checkpoint file must not break the page
        st.error(t("epsstar.m.load_error", err=checkpoint_error(e)))
        return None
    if not choices:
        st.info(t("epsstar.m.none"))
        return None
    by_key = {c.key: c for c in choices}
    labels = {c.key: _model_label(c) for c in choices}
    keys = list(by_key)
    pre = f"pretrained:{MIXTURE}"
    default = next((k for k in keys if by_key[k].is_user and by_key[k].dataset == MIXTURE),
                   pre if pre in by_key else keys[0])
    key = url_choice(st.selectbox, t("epsstar.m.select"), keys, labels,
                     index=keys.index(default), key="epsstar_model")
    choice = by_key[key]
    steps = choice.meta.get("train_steps")
    st.caption(t("epsstar.m.caption", dataset=dataset_name(choice.dataset),
                 kind=schedule_name(choice.schedule.kind), T=choice.schedule.T,
                 steps=steps if steps is not None else t("epsstar.m.steps_unknown")))
    return choice


def _per_t_section(c: ModelChoice, mkey: str, cfg: str) -> None:
    st.markdown("#### " + t("epsstar.e.title"))
    try:
        r = eps_errors(mkey, cfg, c.dataset, c.model)
    except (ValueError, RuntimeError):
        st.error(t("epsstar.m.bad_model"))
        return
    if not r["finite"]:
        st.error(t("epsstar.m.not_finite"))
        return
    ts, T_m = r["t"], c.schedule.T
    x_t, y_t = t("epsstar.fig.t") if T_m > 2 else t("epsstar.fig.t_lin"), t("epsstar.e.y")
    log_x = T_m > 2
    if not r["exact"]:
        st.info(t("epsstar.e.not_mixture", dataset=dataset_name(c.dataset),
                  mixture=dataset_name(MIXTURE)))
        series = [(r["loss"], t("epsstar.e.loss"), fo.LOSS, "solid")]
        plot.chart(fo.per_t_figure(ts, series, t("epsstar.e.fig_loss_title"), x_t, y_t,
                                   log_x=log_x), width="stretch", key="epsstar_e_fig")
        mean = float(np.interp(np.arange(1, T_m + 1), ts, r["loss"]).mean())
        st.markdown(t("epsstar.e.mean_loss_only", loss=_num(mean)))
        return
    st.write(t("epsstar.e.body", n=EPS_N, k=len(ts)))
    formula(r"\mathbb E\|\epsilon-\hat\epsilon\|^2 = \mathbb E\|\epsilon-\epsilon^*\|^2"
            r" + \mathbb E\|\epsilon^*-\hat\epsilon\|^2"
            r" + 2\,\underbrace{\mathbb E\big[(\epsilon-\epsilon^*)\cdot"
            r"(\epsilon^*-\hat\epsilon)\big]}_{=\,0}")
    series = [(r["floor"], t("epsstar.e.floor"), fo.FLOOR, "dash"),
              (r["loss"], t("epsstar.e.loss"), fo.LOSS, "solid"),
              (r["gap"], t("epsstar.e.gap"), fo.GAP, "solid"),
              (r["gamma"], t("epsstar.e.gamma"), fo.GAMMA, "dot")]
    plot.chart(fo.per_t_figure(ts, series, t("epsstar.e.fig_title"), x_t, y_t,
                               log_x=log_x), width="stretch", key="epsstar_e_fig")
    i_mid = int(np.argmin(np.abs(ts - T_m / 2)))
    st.markdown(t("epsstar.e.mid", t=int(ts[i_mid]), gap=_num(r["gap"][i_mid]),
                  gamma=_num(r["gamma"][i_mid]),
                  pct=f"{100 * r['gap'][i_mid] / r['gamma'][i_mid]:.3g}"))
    every = np.arange(1, T_m + 1)
    st.markdown(t("epsstar.e.mean", loss=_num(float(np.interp(every, ts, r["loss"]).mean())),
                  floor=_num(float(np.interp(every, ts, r["floor"]).mean()))))

    # live check: the orthogonality (FORMULAS §h5) at a few t, judged by k·SE + an abs floor
    st.markdown(t("epsstar.e.check_head", k=f"{ORTHO_SE:g}", floor=f"${fo.tex_num(ORTHO_ABS)}$"))
    picks = sorted({int(np.argmin(np.abs(ts - v))) for v in (1, T_m / 100, T_m / 10, T_m / 2, T_m)})
    by_formula = r["floor"] + r["gap"]
    check = pd.DataFrame({f"t = {ts[i]}": [by_formula[i], r["loss"][i]] for i in picks},
                         index=[t("check.formula"), t("check.engine")])
    st.dataframe(check, width="stretch",
                 column_config={col: st.column_config.NumberColumn(format="%.6g")
                                for col in check.columns})
    diff = np.abs(r["loss"] - by_formula)
    tol = ORTHO_SE * r["cross_se"] + ORTHO_ABS
    ok = bool((diff <= tol).all())
    worst = int(np.argmax(diff / tol))
    msg = t("epsstar.e.check_z", n=len(ts), diff=f"${fo.tex_num(diff[worst], 3)}$",
            t=int(ts[worst]), se=f"${fo.tex_num(r['cross_se'][worst], 3)}$",
            tol=f"${fo.tex_num(tol[worst], 3)}$")
    (st.success if ok else st.warning)(msg + " — " + t("epsstar.e.check_ok" if ok
                                                      else "epsstar.e.check_bad"))
    with st.expander(t("epsstar.e.table")):
        table = pd.DataFrame({t("epsstar.e.col_loss"): r["loss"],
                              t("epsstar.e.col_floor"): r["floor"],
                              t("epsstar.e.col_gap"): r["gap"],
                              t("epsstar.e.col_gamma"): r["gamma"],
                              t("epsstar.e.col_diff"): r["loss"] - by_formula,
                              t("epsstar.e.col_se"): r["cross_se"]},
                             index=pd.Index(ts, name="t"))
        st.dataframe(table, width="stretch",
                     column_config={col: st.column_config.NumberColumn(format="%.4g")
                                    for col in table.columns})
    show_code(ddpm_core.oracle._terms, ddpm_core.loss_decomposition, _q_sample)


@st.fragment
def _field_section(c: ModelChoice, mkey: str, cfg: str) -> None:
    st.subheader(t("epsstar.vf.title"))
    st.write(t("epsstar.vf.body"))
    formula(r"-\epsilon^*(x_t,t) = \sqrt{1-\bar\alpha_t}\;\nabla_{x_t}\log q(x_t)")
    T_m = c.schedule.T
    if T_m == 1:
        step = 1
        st.caption(t("epsstar.vf.t_fixed"))
    else:
        keep_fraction("epsstar_t", T_m, 1, max(1, T_m // 25))  # another model's T
        step = url_slider(st.slider, t("epsstar.slider.t_vf"), 1, T_m, max(1, T_m // 25),
                          key="epsstar_t")
    try:
        f = vector_field(mkey, cfg, c.dataset, int(step), c.model)
    except (ValueError, RuntimeError):
        st.error(t("epsstar.m.bad_model"))
        return
    if not f["finite"]:
        st.error(t("epsstar.m.not_finite"))
        return
    exact = "star" in f
    raw = [-f["hat"]] + ([-f["star"]] if exact else [])
    cell = 2 * VF_LIM / (VF_GRID - 1)
    drawn, unit = fo.arrow_lengths(raw, cell)
    fields = [(drawn[0], t("epsstar.vf.hat"), fo.EPS_HAT, 1.4)]
    if exact:  # ε* drawn first and wider: where the two agree, blue lies inside orange
        fields.insert(0, (drawn[1], t("epsstar.vf.star"), fo.EPS_STAR, 3.0))
    fig = fo.vector_field_figure(f["cloud"], f["grid"], fields, t("epsstar.vf.cloud"),
                                 t("epsstar.vf.fig_title", t=step, ab=f"{f['alpha_bar']:.3g}"),
                                 lim=VF_LIM)
    plot.chart(fig, width="stretch", key="epsstar_vf_fig")
    st.caption(t("epsstar.vf.scale", cell=f"{cell:.2g}", unit=_num(unit, 3)))
    if exact:
        st.markdown(t("epsstar.vf.values", t=step, gap=_num(f["gap"]),
                      gamma=_num(f["gamma"]), loss=_num(f["loss"]), n=VF_CLOUD))
    else:
        st.info(t("epsstar.vf.no_star", dataset=dataset_name(c.dataset)))
        st.markdown(t("epsstar.vf.values_loss", t=step, loss=_num(f["loss"]), n=VF_CLOUD))
    show_code(ddpm_core.oracle._terms, ddpm_core.score)


choice = _pick_model()
if choice is not None:
    M_KEY, M_CFG = fingerprint(choice), schedule_key(choice.schedule)
    _per_t_section(choice, M_KEY, M_CFG)
    _field_section(choice, M_KEY, M_CFG)
next_link(__file__)
