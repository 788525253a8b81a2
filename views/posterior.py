"""Page 5: the forward-process posterior q(x_{t-1} | x_t, x_0) (Ho et al. 2020, Eqs. 6-7).

Bayes and completing the square come step by step from the SymPy derivation; the resulting
coefficients are checked against the engine tables at every t; a 1-D picture shows prior,
likelihood and posterior for a chosen t, x_0, x_t, with the engine's q_posterior checked
against the product-of-Gaussians formula.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st
import torch

import ddpm_core
from ui import plot
from ui.code_panel import show_code
from ui.engine_cache import derivation, schedule_key, sympy_comparison
from ui.fig_posterior import (
    coefficients_figure,
    densities_figure,
    likelihood_weight,
    product_of_gaussians,
    reverse_variance_example,
)
from ui.i18n import t
from ui.latex import formula, num_short, plain
from ui.nav import next_link, question
from ui.urlstate import URL, keep_fraction, url_slider

KEYS = ("beta_tilde", "coef_x0", "coef_xt")
CHECK_RTOL = 1e-10  # formula vs engine at one t: float64 rounding, ~1e-14 at worst
DATA_VAR = 4.0  # the example of s2_remarks: data N(0, 4)


sched = st.session_state["schedule_obj"]  # set by app.py's frame before every page run
T = sched.T
config = schedule_key(sched)

st.header(t("posterior.title"))
question("posterior.question")
st.markdown(t("posterior.intro"))
st.markdown(t("posterior.why_x0"))
formula(r"q(x_{t-1}\mid x_t) = \int q(x_{t-1}\mid x_t, x_0)\, q(x_0\mid x_t)\, dx_0"
        r"\quad\allowbreak\text{vs.}\quad q(x_{t-1}\mid x_t, x_0) = "
        r"\frac{q(x_t\mid x_{t-1})\, q(x_{t-1}\mid x_0)}{q(x_t\mid x_0)}")

# ---------------------------------------------------------------- 1. the derivation
st.subheader(t("posterior.s1"))
st.markdown(t("posterior.s1_intro"))
formula(r"q(x_t\mid x_{t-1}) = \mathcal N\big(x_t;\ \sqrt{\alpha_t}\,x_{t-1},\ \beta_t\big),"
        r"\qquad q(x_{t-1}\mid x_0) = \mathcal N\big(x_{t-1};\ \sqrt{\bar\alpha_{t-1}}\,x_0,"
        r"\ 1-\bar\alpha_{t-1}\big)")
with st.spinner(t("posterior.loading_sympy")):
    steps = derivation("posterior").steps
for i, step in enumerate(steps, start=1):
    short = step.key.split(".", 1)[1]
    st.markdown(f"**({i})** " + t(f"posterior.step.{short}"))
    formula(step.latex)

# ---------------------------------------------------------------- 2. the result
st.subheader(t("posterior.s2"))
st.markdown(t("posterior.s2_intro"))
formula(r"q(x_{t-1}\mid x_t, x_0) = \mathcal N\big(x_{t-1};\ \tilde\mu_t(x_t, x_0),\ "
        r"\tilde\beta_t\,\mathbf I\big),\qquad "
        r"\tilde\mu_t(x_t, x_0) = c^0_t\,x_0 + c^x_t\,x_t")
formula(r"\tilde\beta_t = \frac{1-\bar\alpha_{t-1}}{1-\bar\alpha_t}\,\beta_t,\qquad "
        r"c^0_t = \frac{\sqrt{\bar\alpha_{t-1}}\,\beta_t}{1-\bar\alpha_t},\qquad "
        r"c^x_t = \frac{\sqrt{\alpha_t}\,(1-\bar\alpha_{t-1})}{1-\bar\alpha_t}")
t_ex, var_ex, digits = reverse_variance_example(sched.alphas.numpy(), sched.betas.numpy(),
                                                sched.alpha_bars.numpy(), DATA_VAR)
st.markdown(t("posterior.s2_remarks"))
formula(r"\tilde\beta_t = \operatorname{Var}(x_{t-1}\mid x_t, x_0) \;\le\; "
        r"\operatorname{Var}(x_{t-1}\mid x_t) = \mathbb E\big[\operatorname{Var}(x_{t-1}\mid "
        r"x_t, x_0)\mid x_t\big] + \operatorname{Var}\big(\tilde\mu_t(x_t, x_0)\mid x_t\big)")
st.markdown(t("posterior.s2_example", t=t_ex, v=f"{DATA_VAR:g}", var=num_short(var_ex, digits),
              beta=num_short(float(sched.betas[t_ex]), digits),
              beta_tilde=num_short(float(sched.beta_tildes[t_ex]), digits)))

# ---------------------------------------------------------------- 3. sympy vs engine
st.subheader(t("posterior.s3"))
if T < 2:
    st.info(t("posterior.no_t2", T=T))
else:
    worst, comparisons = sympy_comparison("posterior", config)
    st.markdown(t("posterior.s3_intro"))
    c1, c2 = st.columns([1.2, 2.8])
    c1.metric(t("posterior.max_rel_err"), plain(worst, 2),
              help=t("posterior.max_rel_err_help"))
    if worst <= 1e-7:
        c2.success(t("posterior.check_ok", n=3 * (T - 1), T=T))
    else:
        c2.error(t("posterior.check_bad", err=plain(worst, 2)))
    titles = {"beta_tilde": "β̃ₜ", "coef_x0": "c⁰ₜ (x₀)", "coef_xt": "cˣₜ (xₜ)"}
    fig = coefficients_figure(comparisons, titles, t("posterior.derived"),
                              t("posterior.engine"), t("posterior.rel_err"), "t")
    plot.chart(fig, width="stretch", key="posterior_coef_fig")
    st.caption(t("posterior.coef_caption"))
    ts = sorted({2, 3, 10, T // 4, T // 2, T} & set(range(2, T + 1)))
    rows = {}
    for k in KEYS:
        tt, derived, engine = comparisons[k]
        idx = np.searchsorted(tt, ts)
        rows[f"{titles[k]} · SymPy"] = derived[idx]
        rows[f"{titles[k]} · {t('posterior.engine_short')}"] = engine[idx]
    table = pd.DataFrame(rows, index=pd.Index(ts, name="t"))
    st.dataframe(table, width="stretch",
                 column_config={c: st.column_config.NumberColumn(format="%.12e")
                                for c in table.columns})
    from ddpm_core import symbolic

    show_code(symbolic._posterior, symbolic.Derivation.evaluate)


# ---------------------------------------------------------------- 4. the 1-D picture
@st.fragment
def picture() -> None:
    sched = st.session_state["schedule_obj"]
    T = sched.T
    st.subheader(t("posterior.s4"))
    if T < 2:
        st.info(t("posterior.no_t2", T=T))
        return
    st.markdown(t("posterior.s4_intro"))
    c1, c2, c3 = st.columns(3)
    if T > 2:
        keep_fraction("posterior_t", T, 2, max(2, T // 20))  # another T: the same fraction
        step = url_slider(c1.slider, t("posterior.slider_t"), 2, T, max(2, T // 20),
                          key="posterior_t")
    else:
        step = 2
        c1.markdown(t("posterior.only_t2"))
    x0 = c2.slider(t("posterior.slider_x0"), -3.0, 3.0, 1.0, 0.05, key="posterior_x0", **URL)
    xt = c3.slider(t("posterior.slider_xt"), -3.0, 3.0, 0.5, 0.05, key="posterior_xt", **URL)
    alpha = float(sched.alphas[step])
    beta = float(sched.betas[step])
    ab_prev = float(sched.alpha_bars[step - 1])
    prior = (ab_prev**0.5 * x0, 1.0 - ab_prev)
    like = (xt / alpha**0.5, beta / alpha)
    mean, var = ddpm_core.q_posterior(sched, torch.tensor([x0], dtype=torch.float64),
                                      torch.tensor([xt], dtype=torch.float64), step)
    engine = (float(mean[0]), float(var[0]))
    by_formula = product_of_gaussians(*prior, *like)
    names = (t("posterior.curve_prior"), t("posterior.curve_like"), t("posterior.curve_post"))
    fig = densities_figure(prior, like, engine, names, "xₜ₋₁", t("posterior.density"),
                           x0, xt, "x₀", "xₜ")
    plot.chart(fig, width="stretch", key="posterior_density_fig")
    st.markdown(t("posterior.s4_read"))
    w_like = likelihood_weight(prior[1], like[1])
    formula(r"\frac{1}{\tilde\beta_t} = \underbrace{\frac{1}{1-\bar\alpha_{t-1}}}"
            r"_{\text{" + t("posterior.word_prior") + r"}} + \underbrace{\frac{\alpha_t}{\beta_t}}"
            r"_{\text{" + t("posterior.word_like") + r"}},"
            r"\qquad \tilde\mu_t = \tilde\beta_t\Big(\frac{\sqrt{\bar\alpha_{t-1}}\,x_0}"
            r"{1-\bar\alpha_{t-1}} + \frac{\alpha_t}{\beta_t}\cdot\frac{x_t}{\sqrt{\alpha_t}}"
            r"\Big)")
    st.markdown(t("posterior.s4_weights", t=step, v_prior=plain(prior[1]), v_like=plain(like[1]),
                  w_like=plain(w_like, 3), w_prior=plain(1 - w_like, 3)))
    st.markdown(t("posterior.check_head", t=step))
    check = pd.DataFrame({"μ̃ₜ": [by_formula[0], engine[0]], "β̃ₜ": [by_formula[1], engine[1]]},
                         index=[t("check.formula"), t("check.engine")])
    fmt = {c: st.column_config.NumberColumn(format="%.15g") for c in check.columns}
    st.dataframe(check, width="content", column_config=fmt)
    rel = max(abs(f - e) / max(abs(e), 1e-300) for f, e in zip(by_formula, engine, strict=True))
    verdict = t("posterior.check_rel", rel=plain(rel, 2), tol=plain(CHECK_RTOL, 1))
    if rel <= CHECK_RTOL:
        st.success(verdict)
    else:
        st.error(verdict)
    show_code(ddpm_core.q_posterior, ddpm_core.Schedule.from_betas)


picture()

# ---------------------------------------------------------------- 5. t = 1
st.subheader(t("posterior.s5"))
st.markdown(t("posterior.s5_text"))
c0_1 = float(sched.posterior_coef_x0[1])
formula(r"\tilde\beta_1 = " + num_short(float(sched.beta_tildes[1]))
        + r",\qquad c^0_1 = " + f"{c0_1:.16g}"
        + r",\qquad c^x_1 = " + num_short(float(sched.posterior_coef_xt[1])))
st.markdown(t("posterior.s5_why"))
st.caption(t("posterior.s5_float", d=plain(c0_1 - 1.0, 2)) if c0_1 != 1.0
           else t("posterior.s5_exact"))
next_link(__file__)
