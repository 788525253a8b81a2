"""Beyond DDPM, 'Guidance' (issue 13, FORMULAS.md §m): classifier guidance with the exact noisy
classifier of a labelled 2-D Gaussian mixture; classifier-free guidance with the trained
class-conditional model and the exact ε*; the tilted density p(x|c)^s p(x)^{1−s} against what
guidance actually samples; the class-conditional digits model drawing a chosen digit.

Every number comes from `ddpm_core`; results are cached per setting (st.cache_data, in
ui/guidance_compute.py so the cached wrappers are built once per process, not per rerun), the
pretrained conditional models are shared read-only (ui.models.load_conditional). The 2-D
sections' results for every value of the scale slider are computed in one batch in the
background (`fig_guidance.GRIDS`, shared by all sessions) the first time a class is shown;
once there, moving the slider only indexes them (until then the one scale shown is computed
directly, the same numbers to float rounding).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

import ddpm_core
from ddpm_core.guidance import GuidedEps, cfg_eps, classifier_guided_eps
from ddpm_core.pretrain import sample_cond_digits
from ui import fig_guidance as fg
from ui import plot
from ui.code_panel import show_code
from ui.engine_cache import schedule_key
from ui.fig_objective import log_ticks, tex_num
from ui.fig_sampling import grids_figure, image_grid
from ui.guidance_compute import (  # the cached computations, built once per process
    LM,
    N_2D,
    N_DIGITS,
    PROBE,
    S_MAX,
    _cfg_panel,
    _cg_panel,
    _cg_stats,
    _data,
    _digits,
    _gap,
    _gap_ts,
    _live_check,
    _request_grids,
)
from ui.i18n import t
from ui.latex import formula
from ui.models import checkpoint_error, load_conditional
from ui.nav import next_link, question

URL = {"bind": "query-params"}
CHECK_TOL = 1e-8
DIGIT_S_DEFAULT = 3.0

sched = st.session_state["schedule_obj"]  # set by app.py's frame before every run
CFG = schedule_key(sched)


def _class_name(c: int) -> str:
    return t("guid.class", c=c)


# ---------------------------------------------------------------------------- page
st.header(t("guid.title"))
question("guid.question")
st.markdown(t("guid.intro"))
formula(r"\nabla\log q_t(x_t\mid c)=\nabla\log q_t(x_t)+\nabla\log p_t(c\mid x_t)")
formula(r"\epsilon=-\sqrt{1-\bar\alpha_t}\;\nabla_{x_t}\log q_t")

st.subheader(t("guid.setup.title"))
st.write(t("guid.setup.body"))
cc = st.columns([1, 1, 1])
c = cc[0].radio(t("guid.w.class"), list(range(LM.num_classes)), format_func=str,
                horizontal=True, key="guid_c", **URL)
s = float(cc[1].slider(t("guid.w.scale"), 0.0, S_MAX, 3.0, 0.25, key="guid_s", **URL))
avoid = cc[2].toggle(t("guid.w.avoid"), False, key="guid_neg", help=t("guid.w.avoid_help"),
                     **URL)
c = int(c if c is not None else 0)
if s == 0:
    st.info(t("guid.s0"))
elif s == 1:
    st.info(t("guid.s1"))

# 1 · classifier guidance with the exact classifier -----------------------------------
st.subheader(t("guid.cg.title"))
st.markdown(t("guid.cg.body"))
formula(r"\hat\epsilon(x_t,t)=\epsilon^*(x_t,t)-s\,\sqrt{1-\bar\alpha_t}\;"
        r"\nabla_{x_t}\log p_t(c\mid x_t)")
formula(r"p_t(c\mid x_t)=\sum_{k\in c}w_k(x_t)")
ab_T = float(sched.alpha_bars[-1])
if ab_T > 0.05:
    st.warning(t("guid.cg.not_noise", T=sched.T, ab=tex_num(ab_T)))
data_x, data_y = _data()
scales = sorted({0.0, 1.0, s})
panels = {v: _cg_panel(CFG, c, v) for v in scales}
titles = [t("guid.cg.panel", s=f"{v:g}") for v in scales]
plot.chart(fg.class_panels(data_x, data_y, [panels[v] for v in scales], titles, _class_name,
                           t("guid.samples")), width="stretch", key="guid_cg_fig")
st.caption(t("guid.cg.caption", n=N_2D, steps=min(100, sched.T)))
stats = {v: _cg_stats(CFG, c, v) for v in scales}
table = pd.DataFrame({t("guid.cg.col_share", c=c): [stats[v]["share"] for v in scales],
                      t("guid.cg.col_radius"): [stats[v]["radius"] for v in scales],
                      t("guid.cg.col_spread"): [stats[v]["spread"] for v in scales]},
                     index=pd.Index([f"s = {v:g}" for v in scales]))
st.dataframe(table, width="content", column_config={
    col: st.column_config.NumberColumn(format="%.3f") for col in table.columns})
if s > 1:
    st.markdown(t("guid.cg.sharpen", s=f"{s:g}", share=f"{stats[s]['share']:.1%}",
                  share1=f"{stats[1.0]['share']:.1%}", r=f"{stats[s]['radius']:.3f}",
                  r1=f"{stats[1.0]['radius']:.3f}", a=f"{stats[s]['spread']:.1f}",
                  a1=f"{stats[1.0]['spread']:.1f}"))

# live check
chk = _live_check(CFG, c, s)
st.markdown(t("guid.check.head", n=500, tol=tex_num(CHECK_TOL)))
check = pd.DataFrame({f"t = {r['t']}": [r["s1"], r["cfg"]] for r in chk["rows"]},
                     index=[t("guid.check.row_s1", c=c), t("guid.check.row_cfg", s=f"{s:g}")])
st.dataframe(check, width="stretch", column_config={
    col: st.column_config.NumberColumn(format="%.2e") for col in check.columns})
worst = max(max(r["s1"], r["cfg"]) for r in chk["rows"])
ok = worst <= CHECK_TOL
(st.success if ok else st.error)(t("guid.check.ok" if ok else "guid.check.bad",
                                   worst=f"${tex_num(worst, 2)}$"))
e0, e1 = chk["probe_eps"]
st.markdown(t("guid.check.probe", x=f"({PROBE[0]:g}, {PROBE[1]:g})", t=chk["probe_t"],
              s=f"{s:g}", c=c, e0=f"{e0:.6f}", e1=f"{e1:.6f}"))
show_code(classifier_guided_eps, ddpm_core.guidance.LabelledMixture.grad_log_p_y,
          ddpm_core.guidance.LabelledMixture.eps_star)

# 2 · classifier-free guidance with the trained model ----------------------------------
st.subheader(t("guid.cfg.title"))
st.markdown(t("guid.cfg.body"))
formula(r"\tilde\epsilon=\epsilon_\theta(x_t,t)+s\,\big(\epsilon_\theta(x_t,t,c)-"
        r"\epsilon_\theta(x_t,t)\big)")
formula(r"\tilde\epsilon=(1+w)\,\epsilon_\theta(x_t,t,c)-w\,\epsilon_\theta(x_t,t)")
conv = pd.DataFrame({
    t("guid.conv.s"): [f"{v:g}" for v in (0.0, 1.0, s)],
    t("guid.conv.w"): [f"{v - 1:g}" for v in (0.0, 1.0, s)],
    t("guid.conv.means"): [t("guid.conv.m0"), t("guid.conv.m1"),
                           t("guid.conv.ms") if s > 1 else
                           (t("guid.conv.mmid") if 0 < s < 1 else
                            t("guid.conv.m0") if s == 0 else t("guid.conv.m1"))]},
    index=[t("guid.conv.r0"), t("guid.conv.r1"), t("guid.conv.rs")])
st.table(conv)
if avoid:
    st.markdown(t("guid.cfg.avoid", s=f"{s:g}", c=c))
try:
    ck2 = load_conditional("4gaussians")
    cp = _cfg_panel(c, s, avoid)
except (ValueError, OSError) as e:
    ck2, cp = None, None
    st.error(t("guid.load_error", err=checkpoint_error(e)))
_request_grids(CFG, c, avoid, ck2)
if cp is not None:
    plot.chart(fg.class_panels(data_x, data_y, [cp["exact_ddpm"], cp["trained"]],
                               [t("guid.cfg.panel_exact"), t("guid.cfg.panel_trained")],
                               _class_name, t("guid.samples")), width="stretch",
               key="guid_cfg_fig")
    q = ck2.meta["quality"]["ddpm"]
    st.caption(t("guid.cfg.caption", n=N_2D, steps=ck2.meta["train_steps"],
                 worst=f"{q['worst_class_swd_ratio']:.2f}",
                 unc=f"{q['uncond']['swd_ratio']:.2f}"))
    st.markdown(t("guid.cfg.swd", d=tex_num(cp["swd_trained_exact"], 3),
                  floor=tex_num(cp["swd_floor"], 3)))
    show_code(cfg_eps, GuidedEps.forward)

    # 3 · the tilted density against what guidance samples -------------------------------
    st.subheader(t("guid.tilt.title"))
    st.markdown(t("guid.tilt.body"))
    formula(r"\tilde p(x)\propto p(x\mid c)^{s}\,p(x)^{1-s}\;\propto\;p(x)\,p(c\mid x)^{s}"
            if not avoid else
            r"\tilde p(x)\propto p(x)^{s}\,p(x\mid c)^{1-s}\;\propto\;p(x)\,p(c\mid x)^{1-s}")
    plot.chart(fg.tilted_figure(cp["ax"], cp["dens"],
                                [cp["tilted"], cp["exact_ddpm"], cp["exact_ddim"]],
                                [t("guid.tilt.p_direct"), t("guid.tilt.p_ddpm"),
                                 t("guid.tilt.p_ddim")], t("guid.samples"),
                                t("guid.tilt.dens")), width="stretch", key="guid_tilt_fig")
    r_ddpm = cp["swd_exact_ddpm"] / cp["swd_floor"]
    r_ddim = cp["swd_exact_ddim"] / cp["swd_floor"]
    st.markdown(t("guid.tilt.swd", n=N_2D, floor=tex_num(cp["swd_floor"], 3),
                  ddpm=tex_num(cp["swd_exact_ddpm"], 3), rddpm=f"{r_ddpm:.2f}",
                  ddim=tex_num(cp["swd_exact_ddim"], 3), rddim=f"{r_ddim:.2f}"))
    differ = max(r_ddpm, r_ddim) > 2.0
    st.markdown(t("guid.tilt.verdict_differ" if differ else "guid.tilt.verdict_close",
                  s=f"{s:g}"))
    st.markdown(t("guid.tilt.why"))
    formula(r"s\nabla\log q_t(x\mid c)+(1-s)\nabla\log q_t(x)=\nabla\log\big[q_t(x\mid c)^s"
            r"q_t(x)^{1-s}\big]")
    formula(r"\neq\;\nabla\log\tilde q_t(x)")
    formula(r"\tilde q_t(x)=\int\tilde p(x_0)\,\mathcal N\big(x;\sqrt{\bar\alpha_t}\,x_0,"
            r"(1-\bar\alpha_t)I\big)\,dx_0")
    gap = {"t": _gap_ts(), "s": _gap(c, s, avoid), "one": _gap(c, 1.0, avoid)}
    fig = plot.Figure()
    fig.add_trace(plot.scatter(x=gap["t"], y=gap["s"], mode="lines+markers",
                               name=t("guid.gap.s", s=f"{s:g}"), line={"color": fg.SAMPLES}))
    fig.add_trace(plot.scatter(x=gap["t"], y=gap["one"], mode="lines+markers",
                               name=t("guid.gap.one"), line={"color": fg.DATA, "dash": "dot"}))
    fig.update_layout(title=t("guid.gap.title"), height=340, template="plotly_white",
                      margin={"l": 10, "r": 10, "t": 50, "b": 10},
                      xaxis=log_ticks({"title": "t"}, gap["t"]),
                      yaxis=log_ticks({"title": t("guid.gap.y")},
                                      np.concatenate([gap["s"], gap["one"]])),
                      legend={"orientation": "h", "y": -0.25})
    plot.chart(fig, width="stretch", key="guid_gap_fig")
    st.markdown(t("guid.gap.read", t_lo=int(gap["t"][0]), lo=tex_num(gap["s"][0], 3),
                  lo1=tex_num(gap["one"][0], 3), t_hi=int(gap["t"][-1]),
                  hi=tex_num(gap["s"][-1], 3), hi1=tex_num(gap["one"][-1], 3)))
    show_code(fg.tilted_density, fg.tilted_eps, fg.ExactCFG.both)


# 4 · digits ---------------------------------------------------------------------------
@st.fragment
def _digits_section() -> None:
    st.subheader(t("guid.dig.title"))
    st.markdown(t("guid.dig.body", n=N_DIGITS))
    dc = st.columns(2)
    digit = dc[0].slider(t("guid.dig.digit"), 0, 9, 3, key="guid_digit", **URL)
    ds = float(dc[1].slider(t("guid.dig.scale"), 0.0, S_MAX, DIGIT_S_DEFAULT, 0.5,
                            key="guid_ds", **URL))
    try:
        ck = load_conditional("digits")
    except (ValueError, OSError) as e:
        st.error(t("guid.load_error", err=checkpoint_error(e)))
        return
    if (int(digit), ds) in fg.DIGITS_SHOWN:  # computed before in this process: no spinner
        r = _digits(int(digit), ds)  # (a spinner element costs ~5 ms of a rerun)
    else:
        with st.spinner(t("guid.dig.spinner")):
            r = _digits(int(digit), ds)
        fg.DIGITS_SHOWN.add((int(digit), ds))
    plot.chart(grids_figure([image_grid(r["imgs"], 8)],
                            [t("guid.dig.grid_title", k=digit, s=f"{ds:g}")], height=420),
               width="stretch", key="guid_dig_fig")
    st.markdown(t("guid.dig.rate", rate=f"{r['rate']:.0%}", k=digit, bar=f"{r['bar']:.3f}"))
    if ds == 0:
        st.info(t("guid.dig.s0"))
    qg = ck.meta["quality"]["guided"]
    q1 = ck.meta["quality"]["conditional_s1"]
    st.caption(t("guid.dig.stored", s=f"{qg['scale']:g}", mean=f"{qg['mean']:.0%}",
                 lo=f"{qg['min']:.0%}", mean1=f"{q1['mean']:.0%}", n=qg["n_per_class"],
                 steps=ck.meta["train_steps"]))
    show_code(GuidedEps.forward, sample_cond_digits)


_digits_section()
next_link(__file__)
