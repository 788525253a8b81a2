"""Beyond DDPM, 'The optimal reverse variance' (Bao et al. 2022, Analytic-DPM; FORMULAS.md §i).

σ_t² = β_t and σ_t² = β̃_t as the two extremes (N(0, I) data and one point), derived with SymPy
and checked against the engine; Γ_t of the exact ε* (Monte Carlo against quadrature, a live
check) and of a trained model; σ*² between its bounds; the imperfect-mean correction; and the
payoff: the ELBO and sample quality against the number of steps S.

Every number comes from `ddpm_core` or `ui.fig_variance`; heavy results are cached by the
schedule's config (st.cache_data) and, for a model, by its name or weights.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import streamlit as st
import torch

import ddpm_core
from ddpm_core import Schedule
from ddpm_core.variance import gamma_table, optimal_variance, variance_bounds
from ui import fig_variance as fv
from ui import plot
from ui.code_panel import show_code
from ui.engine_cache import schedule_from_key, schedule_key
from ui.i18n import dataset_name, schedule_name, t
from ui.latex import formula, num, plain
from ui.models import ModelChoice, checkpoint_error, model_choices
from ui.nav import next_link, question
from ui.urlstate import url_choice
from ui.variance_compute import (  # the schedule-only computations, shared and warmed at start-up
    CHECK_ABS,
    CHECK_K,
    COV_N,
    GAMMA_N,
    MIX,
    MIXTURE,
    SEED,
    SWEEP_N,
    _extremes,
    _gamma_curve,
    _quad_check,
    _sigma_curve,
    _sweep_exact,
)

MODEL_N = 1000  # draws per t for the trained model's Γ_θ, Γ* and loss
URL = {"bind": "query-params"}

sched: Schedule = st.session_state["schedule_obj"]  # set by app.py's frame before every run
CFG = schedule_key(sched)
T = sched.T
# ᾱ_t can underflow to 0 in float64 (large β for many steps); σ*² divides by ᾱ_{t−1}
EXACT_OK = float(sched.alpha_bars[-1]) > 0.0


# ------------------------------------------------------------------ cached computations
@st.cache_data(show_spinner=False, max_entries=16)
def _model_stats(mkey: str, cfg: str, _model: torch.nn.Module) -> dict:
    s = schedule_from_key(cfg)
    return fv.model_stats(_model, MIX, s, fv.t_grid(s.T), MODEL_N, SEED)


@st.cache_data(show_spinner=False, max_entries=8)
def _sweep_model(mkey: str, cfg: str, _model: torch.nn.Module) -> dict:
    s = schedule_from_key(cfg)
    S_list = fv.steps_list(s.T, first=2)
    need = fv.visited(s.T, S_list)
    st_ = fv.model_stats(_model, MIX, s, need, SWEEP_N, SEED + 2)
    g = torch.zeros(s.T + 1, dtype=torch.float64)
    g[need] = torch.tensor(np.minimum(st_["gamma_model"], 1.0))  # an MC Γ_θ above 1: clipped
    loss = torch.zeros(s.T + 1, dtype=torch.float64)
    loss[need] = torch.tensor(st_["loss"])
    return fv.sweep(_model, MIX, s, ("beta", "beta_tilde", "analytic", "imperfect"), SWEEP_N,
                    SEED, S_list, gamma=g, loss=loss)


def _model_key(c: ModelChoice) -> str:
    if not c.is_user:
        return c.key
    h = hashlib.sha1(schedule_key(c.schedule).encode())
    for v in c.model.state_dict().values():
        h.update(v.detach().cpu().contiguous().reshape(-1).view(torch.uint8).numpy().tobytes())
    return "user:" + h.hexdigest()[:20]


def _sched_desc(s: Schedule) -> str:
    return t("var.sched_desc", kind=schedule_name(s.kind), T=s.T)


def _x_title(T_: int) -> str:
    return t("var.fig.t_log") if T_ > 2 else t("var.fig.t")


# ------------------------------------------------------------------ page
st.header(t("var.title"))
question("var.question")
st.markdown(t("var.intro"))
formula(r"\sigma_t^{*2} = \tilde\beta_t + \big(c^0_t\big)^2\,\frac{\mathbb E\,\mathrm{tr}\,"
        r"\mathrm{Cov}(x_0\mid x_t)}{d} = \tilde\beta_t + \frac{\beta_t^2}{\alpha_t(1-"
        r"\bar\alpha_t)}\,(1-\Gamma_t),\qquad \Gamma_t = \frac{\mathbb E_{q(x_t)}\|\epsilon^*"
        r"(x_t,t)\|^2}{d}")
st.caption(t("var.intro_src"))
if T == 1:
    st.info(t("var.t1"))
if not EXACT_OK:
    zero_t = int(np.argmax(sched.alpha_bars.numpy() == 0.0))
    st.warning(t("var.underflow", t0=zero_t, T=T))

# 1 · the two extremes ------------------------------------------------------------------
st.subheader(t("var.s1.title"))
st.markdown(t("var.s1.body"))
with st.spinner(t("var.spinner_sympy")):
    rows = fv.extremes_derivation()
for key, tex, ok in rows:
    c1, c2 = st.columns([5, 2], vertical_alignment="center")
    c1.latex(tex)
    c2.markdown(t("var.s1.sympy_ok" if ok else "var.s1.sympy_bad", what=t(f"var.s1.{key}")))
st.markdown(t("var.s1.meaning"))
ext = _extremes(CFG) if EXACT_OK else None
if ext is None:
    st.info(t("var.skipped"))
elif T == 1:
    st.info(t("var.s1.t1"))
else:
    ok = ext["normal"] <= 1e-9 and ext["point"] <= 1e-9
    msg = t("var.s1.check", T=T, k=len(ext["t"]), normal=plain(ext["normal"], 2),
            point=plain(ext["point"], 2))
    (st.success if ok else st.error)(msg + " " + t("var.s1.check_ok" if ok else "var.s1.check_bad"))
show_code(optimal_variance, variance_bounds)

# 2 · Γ_t --------------------------------------------------------------------------------
st.subheader(t("var.s2.title"))
st.markdown(t("var.s2.body", data=dataset_name(MIXTURE), sched=_sched_desc(sched), n=GAMMA_N))
try:
    choices = [c for c in model_choices(kind="2d") if c.dataset == MIXTURE]
except (ValueError, OSError) as e:  # a broken checkpoint must not break the page
    st.error(t("var.load_error", err=checkpoint_error(e)))
    choices = []
choice = None
if choices:
    by_key = {c.key: c for c in choices}
    labels = {c.key: t("var.model.user" if c.is_user else "var.model.pretrained",
                       data=dataset_name(c.dataset), sched=_sched_desc(c.schedule))
              for c in choices}
    keys = list(by_key)
    if st.session_state.get("var_model") not in keys:
        st.session_state.pop("var_model", None)
    picked = url_choice(st.selectbox, t("var.model"), keys, labels, key="var_model")
    choice = by_key[picked]
    st.caption(t("var.model.own_schedule", sched=_sched_desc(choice.schedule),
                 side=_sched_desc(sched)))
else:
    st.info(t("var.no_model", data=dataset_name(MIXTURE)))

with st.spinner(t("var.spinner")):
    g_ts, g_vals = _gamma_curve(CFG) if EXACT_OK else (fv.t_grid(T), None)
    mstats = _model_stats(_model_key(choice), schedule_key(choice.schedule), choice.model) \
        if choice is not None else None
curves = [(g_ts, 1 - sched.alpha_bars.numpy()[g_ts], t("var.fig.gamma_normal"),
           fv.COLORS["beta"], "dash"),
          (g_ts, np.ones(len(g_ts)), t("var.fig.gamma_point"), fv.COLORS["beta_tilde"], "dot")]
if EXACT_OK:
    curves.insert(0, (g_ts, g_vals, t("var.fig.gamma_exact", sched=_sched_desc(sched)),
                      fv.COLORS["analytic"], "solid"))
if mstats is not None:
    curves.insert(0, (mstats["t"], mstats["gamma_model"],
                      t("var.fig.gamma_model", sched=_sched_desc(choice.schedule)),
                      fv.COLORS["model"], "solid"))
    curves.insert(1, (mstats["t"], mstats["gamma_star"],
                      t("var.fig.gamma_star_model", sched=_sched_desc(choice.schedule)),
                      fv.COLORS["imperfect"], "dashdot"))
log_x = max(T, choice.schedule.T if choice is not None else 1) > 2
plot.chart(fv.gamma_figure(curves, t("var.fig.gamma_title"),
                           t("var.fig.t_log") if log_x else t("var.fig.t"), "Γ_t", log_x),
           width="stretch", key="var_gamma_fig")
if not EXACT_OK:
    st.info(t("var.skipped"))
else:
    with st.spinner(t("var.spinner")):
        chk = _quad_check(CFG)
    # the values read out are the quadrature's (the curve is Monte Carlo: SE up to ~0.02)
    first, last = chk.iloc[0], chk.iloc[-1]
    st.markdown(t("var.s2.read", g0=plain(first.quad, 3), t0=int(first.t),
                  g1=plain(last.quad, 4), t1=int(last.t)))

    st.markdown("#### " + t("var.s2.check_title"))
    st.markdown(t("var.s2.check_body", n=GAMMA_N, k=f"{CHECK_K:g}", abs=plain(CHECK_ABS, 1)))
    table = pd.DataFrame({f"t = {int(r.t)}": [r.mc, r.quad, r.diff, r.se, r.tol]
                          for r in chk.itertuples()},
                         index=[t("var.s2.row_mc"), t("var.s2.row_quad"), t("var.s2.row_diff"),
                                t("var.s2.row_se"), t("var.s2.row_tol")])
    st.dataframe(table, width="stretch",
                 column_config={c: st.column_config.NumberColumn(format="%.6g") for c in table})
    ok = bool((chk["diff"] <= chk["tol"]).all())
    worst = chk.iloc[int(np.argmax(chk["diff"] / chk["tol"]))]
    msg = t("var.s2.check_msg", n=len(chk), t=int(worst.t), z=f"{worst['diff'] / worst.se:.2f}")
    (st.success if ok else st.error)(msg + " " + t("var.s2.check_ok" if ok else "var.s2.check_bad"))
    show_code(gamma_table, fv.gamma_quadrature)

# 3 · σ*² between its bounds --------------------------------------------------------------
st.subheader(t("var.s3.title"))
st.markdown(t("var.s3.body", n=COV_N))
if not EXACT_OK:
    st.info(t("var.skipped"))
elif T == 1:
    st.info(t("var.s3.t1"))
else:
    with st.spinner(t("var.spinner")):
        sc = _sigma_curve(CFG)
    ts3, beta3 = sc["t"], sc["beta"]
    series = [(sc["hi"] / beta3, t("var.fig.upper"), fv.COLORS["bound"], "dash"),
              (np.ones(len(ts3)), t("var.fig.beta"), fv.COLORS["beta"], "dash"),
              (sc["sigma2"] / beta3, t("var.fig.sigma_star"), fv.COLORS["analytic"], "solid"),
              (sc["lo"] / beta3, t("var.fig.beta_tilde"), fv.COLORS["beta_tilde"], "dot")]
    plot.chart(fv.ratio_figure(ts3, series, t("var.fig.ratio_title"), _x_title(T),
                               t("var.fig.ratio_y"), T > 2), width="stretch", key="var_ratio_fig")
    inside = bool(((sc["sigma2"] >= sc["lo"] * (1 - 1e-12))
                   & (sc["sigma2"] <= sc["hi"] * (1 + 1e-12))).all())
    st.markdown(t("var.s3.inside" if inside else "var.s3.outside", k=len(ts3)))

    @st.fragment
    def _one_t() -> None:
        # the t of the curve (its Γ_t is cached): a rerun only looks values up
        ts_all = [int(k) for k in ts3]
        default = min(ts_all, key=lambda k: abs(k - T // 10))
        cur = st.session_state.get("var_t")
        if cur is not None and cur not in ts_all:  # e.g. a link made with another schedule
            try:
                st.session_state["var_t"] = min(ts_all, key=lambda k: abs(k - int(cur)))
            except (TypeError, ValueError):
                st.session_state.pop("var_t", None)
        if len(ts_all) == 1:  # a slider needs two values
            step = ts_all[0]
            st.caption(t("var.s3.t_fixed"))
        else:
            step = st.select_slider(t("var.s3.slider"), ts_all, value=default, key="var_t",
                                    help=t("var.s3.slider_help"), **URL)
        lo, hi = variance_bounds(sched, step)
        gamma_t = float(sc["gamma"][step])
        s2 = float(sc["sigma2"][ts_all.index(step)])
        beta = float(sched.betas[step])
        marks = [(lo, t("var.fig.beta_tilde"), fv.COLORS["beta_tilde"], "circle"),
                 (beta, t("var.fig.beta"), fv.COLORS["beta"], "square"),
                 (s2, t("var.fig.sigma_star"), fv.COLORS["analytic"], "diamond"),
                 (hi, t("var.fig.upper"), fv.COLORS["bound"], "triangle-up")]
        plot.chart(fv.interval_figure(lo, hi, [m for m in marks if m[0] > 0],
                                      t("var.fig.interval_title", t=step), t("var.fig.interval_x")),
                   width="stretch", key="var_interval_fig")
        formula(rf"t = {step}:\quad \tilde\beta_t = {num(lo)} \;\le\; \sigma_t^{{*2}} = "
                rf"{num(s2)} \;\le\; \frac{{\beta_t}}{{\alpha_t}} = {num(hi)}")
        formula(rf"\beta_t = {num(beta)},\qquad \Gamma_t = {num(gamma_t)}")
        st.caption(t("var.s3.where_beta", pos=plain((s2 - lo) / (hi - lo), 3)
                     if hi > lo else "—"))

    _one_t()
show_code(fv.gamma_from_cov, ddpm_core.oracle.posterior_cov_x0)

# 4 · the imperfect mean --------------------------------------------------------------------
st.subheader(t("var.s4.title"))
st.markdown(t("var.s4.body"))
formula(r"\sigma_t^2(\theta) = \tilde\beta_t + \frac{\beta_t^2}{\alpha_t(1-\bar\alpha_t)}\,"
        r"\frac{\mathbb E\|\epsilon-\epsilon_\theta(x_t,t)\|^2}{d},\qquad "
        r"\frac{\mathbb E\|\epsilon-\epsilon_\theta\|^2}{d} = (1-\Gamma_t) + "
        r"\frac{\mathbb E\|\epsilon^*-\epsilon_\theta\|^2}{d}")
if mstats is None:
    st.info(t("var.no_model", data=dataset_name(MIXTURE)))
else:
    ms = mstats
    series = [(ms["floor"], t("var.fig.one_minus_star"), fv.COLORS["analytic"], "solid"),
              (1 - ms["gamma_model"], t("var.fig.one_minus_model"),
               fv.COLORS["model"], "dash"),
              (ms["loss"], t("var.fig.loss"), fv.COLORS["imperfect"], "dashdot")]
    fig = plot.Figure()
    for y, name, color, dash in series:
        yy = np.where(y > 0, y, np.nan)
        fig.add_trace(plot.scatter(x=ms["t"], y=yy, name=name, mode="lines+markers",
                                   marker={"size": 4}, line={"color": color, "dash": dash}))
    fig.update_layout(title=t("var.fig.imperfect_title", sched=_sched_desc(choice.schedule)),
                      height=380, template="plotly_white",
                      margin={"l": 10, "r": 10, "t": 50, "b": 10},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.3, "x": 0},
                      xaxis=fv.log_ticks({"title": _x_title(choice.schedule.T)}, ms["t"])
                      if choice.schedule.T > 2 else {"title": t("var.fig.t")},
                      yaxis={"title": t("var.fig.imperfect_y"), "type": "log",
                             "exponentformat": "power"})
    plot.chart(fig, width="stretch", key="var_imperfect_fig")
    neg = int((ms["gamma_model"] >= 1).sum())
    i_mid = int(np.argmin(np.abs(ms["t"] - choice.schedule.T / 10)))
    st.markdown(t("var.s4.read", t=int(ms["t"][i_mid]), loss=plain(ms["loss"][i_mid], 3),
                  floor=plain(ms["floor"][i_mid], 3), gap=plain(ms["gap"][i_mid], 2),
                  model=plain(1 - ms["gamma_model"][i_mid], 3), k=neg, n=len(ms["t"])))
    show_code(fv.model_stats, fv.step_variance)

# 5 · the payoff ----------------------------------------------------------------------------
st.subheader(t("var.s5.title"))
st.markdown(t("var.s5.body", n=SWEEP_N))
# the options are their own URL values (a bound radio stores the shown label in the URL)
PAYOFF = {"ε*": "exact", "ε_θ": "model"}
opts = (["ε*"] if EXACT_OK else []) + (["ε_θ"] if choice is not None else [])
if st.session_state.get("var_payoff") not in opts:
    st.session_state.pop("var_payoff", None)
picked_payoff = st.radio(
    t("var.s5.which"), opts, horizontal=True, key="var_payoff",
    captions=[t(f"var.s5.{PAYOFF[k]}", side=_sched_desc(sched),
                own=_sched_desc(choice.schedule) if choice else "") for k in opts], **URL)
which = PAYOFF.get(picked_payoff)
if which is None:
    st.info(t("var.skipped"))
    next_link(__file__)
    st.stop()
if which == "exact":
    kinds = ("beta", "beta_tilde", "analytic", "per_x")
    with st.spinner(t("var.spinner_sweep")):
        res = _sweep_exact(CFG)
    st.caption(t("var.s5.exact_note", sched=_sched_desc(sched)))
else:
    kinds = ("beta", "beta_tilde", "analytic", "imperfect")
    with st.spinner(t("var.spinner_sweep")):
        res = _sweep_model(_model_key(choice), schedule_key(choice.schedule), choice.model)
    ab_T = float(choice.schedule.alpha_bars[-1])  # the mixture has Var(x_0)/d = 1
    st.caption(t("var.s5.model_note", sched=_sched_desc(choice.schedule),
                 g=plain(ab_T / (1 - ab_T), 2) if ab_T < 1 else "—"))
names = {k: t(f"var.kind.{k}") for k in kinds}
plot.chart(fv.sweep_figure(res, kinds, names, (t("var.fig.nll_title"), t("var.fig.swd_title")),
                           t("var.fig.S"), (t("var.fig.nll_y"), t("var.fig.swd_y")),
                           t("var.fig.entropy")), width="stretch", key="var_sweep_fig")
S = res["S"]
i0 = int(np.argmin(np.abs(S - 10)))  # the gain shows at small S; S = 1 ties (see below)
best = min(kinds, key=lambda k: res[k]["nll"][i0])
worst_k = max(kinds, key=lambda k: res[k]["nll"][i0])
iS = len(S) - 1
st.markdown(t("var.s5.read", S0=int(S[i0]), best=names[best], b=plain(res[best]["nll"][i0], 3),
              worst=names[worst_k], w=plain(res[worst_k]["nll"][i0], 3), S1=int(S[iS]),
              best1=names[min(kinds, key=lambda k: res[k]["nll"][iS])],
              b1=plain(min(res[k]["nll"][iS] for k in kinds), 3),
              h=plain(res["entropy"], 3), hse=plain(res["entropy_se"], 2)))
if len(S) > 1 and S[0] == 1:
    st.caption(t("var.s5.S1"))
cols = {}
for k in kinds:
    cols[(names[k], t("var.s5.col_nll"))] = res[k]["nll"]
    cols[(names[k], t("var.s5.col_swd"))] = res[k]["swd"]
    cols[(names[k], t("var.s5.col_mmd"))] = res[k]["mmd"]
with st.expander(t("var.s5.table")):
    tab = pd.DataFrame({f"{a} · {b}": v for (a, b), v in cols.items()},
                       index=pd.Index(S, name="S"))
    st.dataframe(tab, width="stretch",
                 column_config={c: st.column_config.NumberColumn(format="%.3f") for c in tab})
    st.caption(t("var.s5.table_note", se=plain(float(max(res[k]["se"].max() for k in kinds)), 2)))
show_code(fv.respaced_nll, fv.respaced_sample)
next_link(__file__)
