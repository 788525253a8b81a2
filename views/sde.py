"""Beyond DDPM, 'SDE and ODE' (issue 13, FORMULAS.md §l): DDPM's chain as the discretisation
of the VP SDE (for the sidebar's schedule), the score and ε, reverse-SDE and probability-flow
ODE paths from the same x_T, their marginals against the exact density of q_t, the exact
likelihood by the ODE, and solver error against the number of ε-calls (DDIM η = 0 is Euler in
x̄ = x/√ᾱ, σ = √((1−ᾱ)/ᾱ)).

Everything after section 1 runs the exact ε* of the 8-Gaussian mixture (`MixtureEps`) at
continuous t under Song et al.'s VP SDE (β_min = 0.1, β_max = 20). Pure computations are
cached (st.cache_data); the time slider reruns one fragment only.
"""

from __future__ import annotations

import math

import streamlit as st

import ddpm_core
from ddpm_core import GaussianMixture2D, Schedule
from ddpm_core.sde import (
    VPSDE,
    MixtureEps,
    ode_drift,
    ode_log_likelihood,
    sample_ode,
    sample_sde,
    score_from_eps,
    time_grid,
)
from ui import fig_sde as fs
from ui import plot
from ui.code_panel import show_code
from ui.engine_cache import schedule_key
from ui.i18n import dataset_name, schedule_name, t
from ui.latex import formula, num, num_short
from ui.nav import next_link, question
from ui.sde_compute import (  # the cached computations, shared and warmed at start-up
    ERR_STEPS,
    FD_H,
    LL_SAFETY,
    LL_STEP_OPTIONS,
    MARG_SE,
    MIXTURE,
    N_CLOUD,
    N_ERR,
    N_LL,
    N_PATHS,
    N_REF,
    REF_STEPS,
    SCORE_ATOL,
    SCORE_RTOL,
    SOLVER_NAMES,
    STEP_OPTIONS,
    TIMES,
    chain_vs_sde,
    density_grid,
    likelihood,
    paths,
    score_check,
    solver_error,
)

URL = {"bind": "query-params"}

sched: Schedule = st.session_state["schedule_obj"]
CFG = schedule_key(sched)

# ---------------------------------------------------------------------------- page
st.header(t("sde.title"))
question("sde.question")
st.markdown(t("sde.intro"))

# 1 · the chain and the SDE --------------------------------------------------------------
st.subheader(t("sde.s1"))
st.markdown(t("sde.s1_body"))
formula(r"x_t=\sqrt{1-\beta_t}\,x_{t-1}+\sqrt{\beta_t}\,z\;\approx\;x_{t-1}"
        r"-\tfrac12\beta(\tau)\,x_{t-1}\,\Delta\tau+\sqrt{\beta(\tau)\,\Delta\tau}\;z")
formula(r"\beta(\tau)=T\beta_t,\quad \Delta\tau=\tfrac1T\quad\Longrightarrow\quad "
        r"dx=-\tfrac12\beta(\tau)\,x\,d\tau+\sqrt{\beta(\tau)}\,dw")
formula(r"\bar\alpha(\tau)=e^{-\int_0^\tau\beta(u)\,du}\quad\text{vs}\quad"
        r"\bar\alpha_t=\prod_{s\le t}(1-\beta_s)")
c = chain_vs_sde(CFG)
kind_name = schedule_name(c["kind"]) if c["kind"] in ("linear", "cosine", "quadratic",
                                                       "sigmoid") else c["kind"]
vp = c["vp"]
if vp is not None:
    st.markdown(t("sde.s1_linear", T=c["T"], bmin=num_short(vp["beta_min"]),
                  bmax=num_short(vp["beta_max"]), match=num_short(vp["match"], 2)))
    if vp["standard"]:
        st.success(t("sde.s1_standard"))
    else:
        st.info(t("sde.s1_not_standard"))
else:
    st.info(t(f"sde.s1_no_vp_{c['vp_reason']}", kind=kind_name))
plot.chart(fs.chain_figure(c, t("sde.f1_title"), t("sde.f1_disc"), t("sde.f1_sum"),
                           t("sde.f1_vp"), t("sde.f1_dlog"), t("sde.f1_x")),
           width="stretch", key="sde_chain_fig")
abT = float(c["ab"][-1])
st.markdown(t("sde.s1_end", T=c["T"], abT=num(abT), abs=num(math.exp(-c["sum_beta"])),
              dlog=num(c["dlog"]), half=num(-c["half_sq"]), ratio=num(math.exp(c["dlog"]))))
if vp is not None:
    st.markdown(t("sde.s1_end_vp", integral=num(vp["integral"]), sum=num(c["sum_beta"]),
                  abvp=num(float(vp["ab"][-1]))))
if c["T"] == 1:
    st.info(t("sde.s1_T1"))
st.markdown(t("sde.s1_rest"))
show_code(VPSDE.alpha_bar, VPSDE.discrete)

# 2 · the score ----------------------------------------------------------------------------
st.subheader(t("sde.s2"))
st.markdown(t("sde.s2_body", dataset=dataset_name(MIXTURE)))
formula(r"\nabla_x\log q_t(x)=-\frac{\epsilon^*(x,t)}{\sqrt{1-\bar\alpha(t)}}")
formula(r"\epsilon^*(x,t)=\mathbb E[\epsilon\mid x_t=x]")
rows = score_check()
st.markdown(t("sde.s2_check_head", h=num_short(FD_H), rtol=num_short(SCORE_RTOL),
              atol=num_short(SCORE_ATOL)))
st.table({t("sde.col_t"): [f"{r['t']:g}" for r in rows],
          "ᾱ(t)": [f"{r['ab']:.4g}" for r in rows],
          t("sde.col_size"): [f"{r['size']:.4g}" for r in rows],
          t("sde.col_diff"): [f"{r['diff']:.2e}" for r in rows]})
ok = all(r["ok"] for r in rows)
(st.success if ok else st.error)(t("sde.s2_ok" if ok else "sde.s2_bad"))
show_code(score_from_eps, MixtureEps.score)

# 3 · paths ---------------------------------------------------------------------------------
st.subheader(t("sde.s3"))
st.markdown(t("sde.s3_body"))
formula(r"\text{SDE: }dx=\Big[-\tfrac12\beta x-\beta\,\nabla\log q_t(x)\Big]dt+\sqrt\beta\,"
        r"d\bar w")
formula(r"\text{ODE: }\frac{dx}{dt}=-\tfrac12\beta(t)\Big[x-"
        r"\frac{\epsilon^*(x,t)}{\sqrt{1-\bar\alpha(t)}}\Big]")
cols = st.columns(2)
steps = cols[0].select_slider(t("sde.steps"), STEP_OPTIONS, 100, key="sde_steps", **URL)
seed = cols[1].number_input(t("sde.seed"), 0, 9999, 0, key="sde_seed", **URL)
with st.spinner(t("sde.computing")):
    P = paths(int(steps), int(seed))
plot.chart(fs.paths_figure(P, t("sde.f3_sde"), t("sde.f3_ode"), t("sde.f3_t"), t("sde.f3_y"),
                           t("sde.f3_start"), t("sde.f3_end")),
           width="stretch", key="sde_paths_fig")
st.markdown(t("sde.s3_spread", n=N_PATHS, spread=num(P["sde_spread"]),
              ode=num(P["ode_spread"], 2) if P["ode_spread"] else "0",
              calls_sde=int(steps), calls_ode=2 * int(steps) - 1))
show_code(sample_sde, ode_drift, sample_ode)


# 4 · marginals ------------------------------------------------------------------------------
@st.fragment
def marginals() -> None:
    st.subheader(t("sde.s4"))
    st.markdown(t("sde.s4_body", n=N_CLOUD, ref=N_REF))
    tc = st.select_slider(t("sde.t"), TIMES, 0.1, key="sde_t", format_func=lambda v: f"{v:g}",
                          **URL)
    a_sde, a_ode = P["sde"]["at"][tc], P["ode"]["at"][tc]
    lim = 3.0
    dens = [density_grid(a["t"], lim, 61) for a in (a_sde, a_ode)]
    plot.chart(fs.marginal_figure([a_sde, a_ode], dens, lim,
                                  [t("sde.f4_sde", t=f"{a_sde['t']:.3g}"),
                                   t("sde.f4_ode", t=f"{a_ode['t']:.3g}")],
                                  t("sde.f4_cloud")),
               width="stretch", key="sde_marg_fig")
    st.markdown(t("sde.s4_check_head", k=f"{MARG_SE:g}"))
    table, verdict = {}, {}
    for name, a in (("sde", a_sde), ("ode", a_ode)):
        se_lq = math.hypot(a["lq_se"], a["lq_ref_se"])
        z_lq = (a["lq"] - a["lq_ref"]) / se_lq
        z_r2 = (a["r2"] - a["r2_exact"]) / a["r2_se"]
        verdict[name] = max(abs(z_lq), abs(z_r2))
        table[t(f"sde.col_{name}")] = [f"{a['t']:.4g}", f"{a['r2']:.4f} ± {a['r2_se']:.4f}",
                                       f"{a['r2_exact']:.4f}", f"{z_r2:+.1f}",
                                       f"{a['lq']:.4f} ± {a['lq_se']:.4f}",
                                       f"{a['lq_ref']:.4f} ± {a['lq_ref_se']:.4f}",
                                       f"{z_lq:+.1f}"]
    st.table({t("sde.col_q"): [t("sde.row_t"), t("sde.row_r2"), t("sde.row_r2_exact"),
                               t("sde.row_z"), t("sde.row_lq"), t("sde.row_lq_ref"),
                               t("sde.row_z")], **table})
    ode_ok = verdict["ode"] <= MARG_SE
    (st.success if ode_ok else st.error)(
        t("sde.s4_ode_ok" if ode_ok else "sde.s4_ode_bad", z=f"{verdict['ode']:.1f}",
          k=f"{MARG_SE:g}"))
    st.markdown(t("sde.s4_sde_note", z=f"{verdict['sde']:.1f}", steps=int(steps)))
    show_code(GaussianMixture2D.log_prob)


marginals()

# 5 · likelihood ----------------------------------------------------------------------------
st.subheader(t("sde.s5"))
st.markdown(t("sde.s5_body", n=N_LL, dataset=dataset_name(MIXTURE)))
formula(r"\log p_0(x(0))=\log p_1(x(1))+\int_0^1\nabla\!\cdot\!\tilde f(x(t),t)\,dt")
formula(r"\nabla\!\cdot\!\tilde f=-\tfrac12\beta(t)\Big[d-\frac{\nabla\!\cdot\!\epsilon^*}"
        r"{\sqrt{1-\bar\alpha(t)}}\Big]")


@st.fragment
def likelihood_section() -> None:
    # its own widgets: a change reruns this section only
    cols = st.columns(2)
    # plain option names: a bound widget writes its displayed text into the URL, and a shared
    # link must not depend on the language
    solver = cols[0].radio(t("sde.solver"), SOLVER_NAMES, key="sde_ll_solver", horizontal=True,
                           **URL).lower()
    ll_steps = cols[1].select_slider(t("sde.ll_steps"), LL_STEP_OPTIONS, 100, key="sde_ll_steps",
                                     **URL)
    with st.spinner(t("sde.computing")):
        L = likelihood(int(ll_steps), str(solver))
    plot.chart(fs.likelihood_figure(L["exact"], L["got"], t("sde.f5_title"), t("sde.f5_x"),
                                    t("sde.f5_y")), width="stretch", key="sde_ll_fig")
    st.markdown(t("sde.s5_numbers", calls=L["calls"], got=num(L["mean_got"]),
                  exact=num(L["mean_exact"]), mean=num(L["err_mean"], 3), max=num(L["err_max"], 3)))
    st.markdown(t("sde.s5_tol", safety=f"{LL_SAFETY:g}", est=num(L["est_max"], 3),
                  gap=num(L["t_min_gap"], 2), tol=num(L["tol"], 3),
                  order=1 if solver == "euler" else 2, steps2=2 * int(ll_steps)))
    (st.success if L["ok"] else st.error)(
        t("sde.s5_ok" if L["ok"] else "sde.s5_bad", max=f"{L['err_max']:.3g}",
          tol=f"{L['tol']:.3g}"))
    show_code(ode_log_likelihood, MixtureEps.eps_and_divergence)


likelihood_section()

# 6 · solver error --------------------------------------------------------------------------
st.subheader(t("sde.s6"))
st.markdown(t("sde.s6_body", n=N_ERR, ref=REF_STEPS))
formula(r"\bar x=\frac{x}{\sqrt{\bar\alpha}},\quad \sigma=\sqrt{\frac{1-\bar\alpha}"
        r"{\bar\alpha}}")
formula(r"\frac{d\bar x}{d\sigma}=\epsilon^*\Big(\sqrt{\bar\alpha}\,\bar x,\,t\Big)")
formula(r"\text{DDIM }(\eta=0):\quad \bar x_s=\bar x_t+(\sigma_s-\sigma_t)\,\epsilon_\theta")
with st.spinner(t("sde.computing")):
    E = solver_error()
plot.chart(fs.error_figure(E, {"euler": t("sde.f6_euler"), "heun": t("sde.f6_heun"),
                               "ddim": t("sde.f6_ddim")}, t("sde.f6_title"), t("sde.f6_x"),
                           t("sde.f6_y")), width="stretch", key="sde_err_fig")
i_mid = ERR_STEPS.index(64)
st.markdown(t("sde.s6_numbers", e=num(E["euler"][i_mid], 3), h=num(E["heun"][i_mid], 3),
              d=num(E["ddim"][i_mid], 3), ref=num(E["ref_err"], 2), steps=64,
              calls_h=2 * 64 - 1))
st.markdown(t("sde.s6_identity", diff=num(E["identity"], 2) if E["identity"] else "0"))
show_code(ddpm_core.ddim_step, time_grid)

next_link(__file__)
