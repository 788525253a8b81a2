"""Page 3, 'The ELBO' (FORMULAS.md §b, §e).

Part 1: a 1-D latent model where log p(x), the ELBO and the gap KL(q ‖ p(z|x)) are all exact;
sliders move q and the gap bar is the KL. Part 2: the DDPM bound L = L_T + Σ L_{t-1} + L_0 as a
statement. Ahead of the story (behind an expander, since it uses β̃_t and ε* of later pages):
every term computed by `vlb_terms` with the exact ε* on mixture data for the sidebar's schedule,
against the exact NLL. Every number comes from `ddpm_core`; the bound is cached per schedule.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st
import torch

import ddpm_core
from ddpm_core import latent_toy, likelihood
from ui import plot
from ui.code_panel import show_code
from ui.engine_cache import schedule_from_key, schedule_key
from ui.fig_elbo import bound_figure, gap_figure, toy_densities_figure
from ui.i18n import schedule_name, t
from ui.latex import formula, num, num_text
from ui.nav import next_link, question
from ui.urlstate import URL, url_choice

MC_N = 4000  # reparameterised draws for the Monte-Carlo ELBO
MC_SEED = 0
BOUND_N = 256  # data points x_0 for the DDPM bound (one fresh ε per point and t)
BOUND_SEED = 0
X_T_WARN = 1e-2  # ᾱ_T above this: x_T is visibly not N(0, I) (as the sidebar)
K_SE = 4.0  # a Monte-Carlo estimate agrees when |difference| ≤ K_SE·SE + FLOOR
FLOOR = 1e-9  # absolute floor: rounding of float64 sums of a few thousand terms
SIGMAS = ("beta_tilde", "beta")


@st.cache_data(show_spinner=False, max_entries=512)
def _toy(x: float, m: float, s: float, w: float, b: float, sigma: float) -> dict:
    """Everything part 1 shows, from the engine (pure: cached by the slider values)."""
    mu, v = latent_toy.true_posterior(x, w, b, sigma)
    terms = latent_toy.elbo_terms(x, m, s, w, b, sigma)
    mc, se = latent_toy.mc_elbo(x, m, s, w, b, sigma, n=MC_N,
                                generator=torch.Generator().manual_seed(MC_SEED))
    return {"mu": mu, "v": v, "log_px": latent_toy.log_px(x, w, b, sigma),
            "elbo": latent_toy.elbo(x, m, s, w, b, sigma),
            "kl": latent_toy.kl_gap(x, m, s, w, b, sigma), "mc": mc, "se": se, **terms}


@st.cache_data(show_spinner=False, max_entries=32)
def _bound(cfg: str, mix_name: str, sigma: str) -> dict:
    """The DDPM bound term by term with the exact ε*, against the exact NLL (cached)."""
    sched = schedule_from_key(cfg)
    threads = torch.get_num_threads()
    # T small-tensor steps: one intra-op thread is many times faster than several fighting
    # over a busy CPU (measured 1.4 s against 48 s for T = 1000 on a loaded 2-core machine)
    torch.set_num_threads(1)
    try:
        chk = latent_toy.ddpm_bound_check(ddpm_core.mixture(mix_name), sched, n=BOUND_N,
                                          generator=torch.Generator().manual_seed(BOUND_SEED),
                                          sigma=sigma)
    finally:
        torch.set_num_threads(threads)
    first = max(1, (sched.T - 1) // 10)  # the first tenth of the denoising terms
    return {"terms": chk.terms.numpy(), "bound": chk.bound, "bound_se": chk.bound_se,
            "nll": chk.nll, "gap": chk.gap, "gap_se": chk.gap_se, "n": chk.n,
            "first": first, "share": chk.denoising_share(first)}


def _f(x: float, digits: int = 4) -> str:
    return f"{x:.{digits}f}"


# ---------------------------------------------------------------------------- intro
st.header(t("elbo.title"))
question("elbo.question")
st.markdown(t("elbo.intro"))
formula(r"\log p(x) \;=\; \underbrace{\mathbb E_{q(z\mid x)}\Big[\log \frac{p(x,z)}{q(z\mid x)}"
        r"\Big]}_{\mathrm{ELBO}(q)} \;+\; \underbrace{\mathrm{KL}\big(q(z\mid x)\,\|\,"
        r"p(z\mid x)\big)}_{\ge 0}\;\ge\;\mathrm{ELBO}(q)")
st.markdown(t("elbo.derive"))
formula(r"\log p(x) = \mathbb E_{q}\Big[\log\frac{p(x,z)}{p(z\mid x)}\Big]"
        r" = \mathbb E_{q}\Big[\log\frac{p(x,z)}{q(z\mid x)}\Big]"
        r" + \mathbb E_{q}\Big[\log\frac{q(z\mid x)}{p(z\mid x)}\Big]")
formula(r"\mathrm{ELBO}(q) = \mathbb E_q[\log p(x\mid z)] - \mathrm{KL}\big(q(z\mid x)\,\|\,"
        r"p(z)\big)")

# ---------------------------------------------------------------------------- 1. the toy
st.subheader(t("elbo.s1"))
st.markdown(t("elbo.s1_intro"))
formula(r"z\sim\mathcal N(0,1),\quad x\mid z\sim\mathcal N(wz+b,\sigma^2)\quad\Rightarrow"
        r"\quad p(x)=\mathcal N(b,\,w^2+\sigma^2)")
formula(r"p(z\mid x)=\mathcal N(\mu, v),\qquad "
        r"\mu=\frac{w(x-b)}{w^2+\sigma^2},\qquad v=\frac{\sigma^2}{w^2+\sigma^2}")
formula(r"\mathrm{ELBO}(m,s) = -\tfrac12\log(2\pi\sigma^2)"
        r"-\frac{(x-b-wm)^2+\boxed{w^2s^2}}{2\sigma^2}-\tfrac12\big(m^2+s^2-1-\log s^2\big)")
formula(r"\log p(x)-\mathrm{ELBO}(m,s)=\mathrm{KL}\big(\mathcal N(m,s^2)\,\|\,\mathcal N(\mu,v)"
        r"\big)=\tfrac12\Big[\log\frac{v}{s^2}+\frac{s^2+(m-\mu)^2}{v}-1\Big]")
st.markdown(t("elbo.pitfalls"))


@st.fragment
def toy() -> None:
    c1, c2, c3 = st.columns(3)
    x = c1.slider(t("elbo.slider_x"), -4.0, 4.0, 1.5, 0.05, key="elbo_x", **URL)
    with st.expander(t("elbo.model_params")):
        d1, d2, d3 = st.columns(3)
        w = d1.slider(t("elbo.slider_w"), -3.0, 3.0, 1.5, 0.05, key="elbo_w", **URL)
        b = d2.slider(t("elbo.slider_b"), -2.0, 2.0, 0.0, 0.05, key="elbo_b", **URL)
        sigma = d3.slider(t("elbo.slider_sigma"), 0.2, 2.0, 0.8, 0.05, key="elbo_sigma",
                          **URL)
    at_post = st.toggle(t("elbo.toggle_post"), False, key="elbo_q_post",
                        help=t("elbo.toggle_post_help"), **URL)
    m = c2.slider(t("elbo.slider_m"), -4.0, 4.0, -0.5, 0.05, key="elbo_m", disabled=at_post,
                  **URL)
    s = c3.slider(t("elbo.slider_s"), 0.05, 2.0, 0.6, 0.01, key="elbo_s", disabled=at_post,
                  **URL)
    if at_post:  # q = p(z|x) exactly: the engine's posterior, not a slider position
        mu, v = latent_toy.true_posterior(x, w, b, sigma)
        m, s = mu, math.sqrt(v)
        st.info(t("elbo.at_post", m=_f(m), s=_f(s)))
    r = _toy(x, m, s, w, b, sigma)

    k1, k2, k3, k4 = st.columns([1, 1, 1, 1.4])
    k1.metric(t("elbo.metric_log_px"), _f(r["log_px"]))
    k2.metric(t("elbo.metric_elbo"), _f(r["elbo"]))
    k3.metric(t("elbo.metric_kl"), _f(r["kl"]))
    k4.metric(t("elbo.metric_post"), f"{r['mu']:.3f}, {r['v']:.3f}")
    f1, f2 = st.columns([1.25, 1])
    names = (t("elbo.curve_prior"), t("elbo.curve_post"), t("elbo.curve_q"))
    plot.chart(toy_densities_figure((r["mu"], r["v"]), (m, s * s), names, "z",
                                    t("elbo.density")),
               where=f1, width="stretch", key="elbo_toy_fig")
    labels = (t("elbo.bar_elbo"), t("elbo.bar_kl"), t("elbo.bar_log_px"))
    plot.chart(gap_figure(r["elbo"], r["kl"], r["log_px"], labels, t("elbo.nats")),
               where=f2, width="stretch", key="elbo_gap_fig")
    st.caption(t("elbo.gap_caption"))

    st.markdown(t("elbo.check1_head", n=MC_N))
    gap_formula = r["log_px"] - r["elbo"]
    check = pd.DataFrame({t("elbo.col_gap"): [gap_formula, r["kl"]],
                          t("elbo.col_elbo"): [r["elbo"], r["mc"]]},
                         index=[t("check.formula"), t("check.engine")])
    fmt = {c: st.column_config.NumberColumn(format="%.10g") for c in check.columns}
    st.dataframe(check, width="content", column_config=fmt)
    mc = likelihood.mc_check(r["mc"], r["elbo"], r["se"], k=K_SE, floor=FLOOR)
    verdict = t("elbo.agree" if mc.ok else "elbo.disagree")
    st.markdown(t("elbo.check1_caption", diff=num(abs(gap_formula - r["kl"]), 2),
                  mc_diff=num(mc.diff, 3), se=num(mc.se, 3), k=f"{K_SE:g}", floor=num(FLOOR, 1),
                  tol=num(mc.tol, 3), verdict=verdict,
                  post=t("elbo.check1_post") if mc.se < 1e-12 else ""))
    st.markdown(t("elbo.pitfall_numbers", v=_f(r["v"]), sigma2=_f(sigma * sigma),
                  w2s2=_f(r["w2s2"]), wrong=_f(r["elbo"] + r["w2s2"]),
                  log_px=_f(r["log_px"])))
    if r["kl"] < 1e-10:
        st.success(t("elbo.tight"))
    show_code(latent_toy.elbo_terms, latent_toy.kl_gap, latent_toy.mc_elbo)


toy()

# ---------------------------------------------------------------------------- 2. DDPM
st.subheader(t("elbo.s2"))
st.markdown(t("elbo.s2_intro"))
formula(r"p_\theta(x_0)=\int p(x_T)\,\prod_{t=1}^{T}p_\theta(x_{t-1}\mid x_t)\;dx_{1:T},"
        r"\qquad z = x_{1:T},\quad q(z\mid x) = q(x_{1:T}\mid x_0)=\prod_{t=1}^T"
        r"q(x_t\mid x_{t-1})")
formula(r"-\log p_\theta(x_0)\;\le\; L = \mathbb E_q\Big[-\log\frac{p_\theta(x_{0:T})}"
        r"{q(x_{1:T}\mid x_0)}\Big]")
formula(r"\begin{aligned}L = \mathbb E_q\Big[&\underbrace{\mathrm{KL}\big(q(x_T\mid x_0)\,\|\,"
        r"p(x_T)\big)}_{L_T}\\&+\sum_{t=2}^{T}\underbrace{\mathrm{KL}\big(q(x_{t-1}\mid x_t,x_0)"
        r"\,\|\,p_\theta(x_{t-1}\mid x_t)\big)}_{L_{t-1}}"
        r"\\&\underbrace{-\log p_\theta(x_0\mid x_1)}_{L_0}\Big]\end{aligned}")  # fits a phone
st.markdown(t("elbo.terms_meaning"))
st.markdown(t("elbo.s2_gap"))


# ---------------------------------------------------------------------------- 3. every term
@st.fragment
def bound() -> None:
    sched = st.session_state["schedule_obj"]
    T = sched.T
    cfg = schedule_key(sched)
    st.subheader(t("elbo.s3"))
    st.markdown(t("elbo.s3_intro", n=BOUND_N))
    c1, c2 = st.columns(2)
    # labels looked up now (a format_func must not depend on the session when called later)
    mixes = {m: t(f"elbo.mix.{m}") for m in ddpm_core.MIXTURES}
    sigmas = {s: t(f"elbo.sig.{s}") for s in SIGMAS}
    mix_name = url_choice(c1.selectbox, t("elbo.mixture"), list(mixes), mixes, key="elbo_mix")
    sigma = url_choice(c2.radio, t("elbo.sigma2"), list(sigmas), sigmas, horizontal=True,
                       key="elbo_sigma2")
    with st.spinner(t("elbo.computing", T=T)):
        both = {s: _bound(cfg, mix_name, s) for s in SIGMAS}
    r = both[sigma]
    terms = r["terms"]
    l0, lmid, lT = float(terms[0]), float(terms[1:T].sum()), float(terms[T])
    k = st.columns([1, 1, 1.5, 1, 1])  # L_T may read 4.02 × 10⁻⁵
    k[0].metric(t("elbo.m_L0"), _f(l0))
    k[1].metric(t("elbo.m_Lmid"), _f(lmid))
    k[2].metric(t("elbo.m_LT"), num_text(lT))
    k[3].metric(t("elbo.m_L"), _f(r["bound"]))
    k[4].metric(t("elbo.m_nll"), _f(r["nll"]))
    names = {"L0": "L₀", "Lmid": "Σ Lₜ₋₁", "LT": "L_T", "L": "L", "nll": "−E log q(x₀)"}
    fig = bound_figure(terms, r["nll"], names, (t("elbo.fig_budget"), t("elbo.fig_per_t")),
                       t("elbo.nats"), "k")
    plot.chart(fig, width="stretch", key="elbo_bound_fig")
    if T >= 3:
        share = t("elbo.fig_share", first=r["first"], share=f"{100 * r['share']:.0f}")
    else:
        share = ""
    st.caption(t("elbo.fig_caption", L0=_f(l0, 2), share=share))

    st.markdown(t("elbo.check2_head"))
    check = pd.DataFrame({t("elbo.col_L"): [r["nll"], r["bound"]],
                          t("elbo.col_gap2"): [0.0, r["gap"]]},
                         index=[t("check.formula"), t("check.engine")])
    fmt = {c: st.column_config.NumberColumn(format="%.5g") for c in check.columns}
    st.dataframe(check, width="content", column_config=fmt)
    st.caption(t("elbo.check2_caption", n=r["n"]))
    chk = likelihood.mc_check(r["gap"], 0.0, r["gap_se"], k=K_SE, floor=FLOOR)
    args = {"gap": _f(r["gap"]), "se": _f(r["gap_se"]), "k": f"{K_SE:g}", "tol": _f(chk.tol)}
    if not chk.ok and chk.diff > 0:
        st.success(t("elbo.gap_clear", z=f"{r['gap'] / r['gap_se']:.1f}", **args))
    elif chk.ok:
        st.info(t("elbo.gap_small", **args))
    else:  # below 0 by more than the tolerance: would contradict the bound, a bug
        st.error(t("elbo.gap_violated", **args))
    st.markdown(t("elbo.sigma_note", g_bt=_f(both["beta_tilde"]["gap"], 2),
                  se_bt=_f(both["beta_tilde"]["gap_se"], 2), g_b=_f(both["beta"]["gap"], 2),
                  se_b=_f(both["beta"]["gap_se"], 2), T=T,
                  kind=schedule_name(sched.kind),
                  mix=t(f"elbo.mix.{mix_name}")))

    ab_T = float(sched.alpha_bars[T])
    if T == 1:
        st.info(t("elbo.T1", LT=num_text(lT)))
    elif T == 2:
        st.info(t("elbo.T2"))
    if ab_T > X_T_WARN:
        st.warning(t("elbo.prior_mismatch", ab=num_text(ab_T, 4), LT=num_text(lT),
                     gap=_f(r["gap"])))
    show_code(latent_toy.ddpm_bound_check, ddpm_core.vlb_terms)


with st.expander(t("elbo.ahead"), expanded=False):
    st.markdown(t("elbo.ahead_intro"))
    l1, l2 = st.columns(2)
    l1.page_link("views/posterior.py", label=t("elbo.ahead_posterior"), icon="🔁")
    l2.page_link("views/objective.py", label=t("elbo.ahead_objective"), icon="🎯")
    bound()

next_link(__file__)
