"""Page 0, 'The probability you need' (seed 002, first half; FORMULAS.md §k).

Six sections, each in its own st.fragment (a slider reruns only its section): Bayes with a coin,
joint/marginal/conditional on a triangle, why latent variables make p(x) hard (two coins, 2ⁿ
terms), the reparameterization trick against the score function, importance sampling, and the
IWAE bound L_K: why the ELBO and not log p̂ directly. Every number comes from
`ddpm_core.probability`; what a slider only indexes is cached (`ui.probability_compute`, built
once per process). Every slider is in the URL.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from ddpm_core import latent_toy
from ddpm_core import probability as P
from ui import plot
from ui.code_panel import show_code
from ui.fig_probability import (
    coin_figure,
    gradient_figure,
    is_figure,
    iwae_figure,
    running_figure,
    triangle_figure,
    two_coin_figure,
)
from ui.i18n import t
from ui.latex import formula
from ui.nav import next_link, question
from ui.probability_compute import (
    COIN_TIMED_MAX,
    GRAD_N,
    IS_N,
    IWAE_KS,
    TRIANGLE_HALF,
    TRIANGLE_N,
    coin_result,
    coin_timings,
    grad_eps,
    importance_run,
    iwae_curve,
    iwae_mc,
    iwae_mc_all,
    triangle_draws,
    triangle_slice,
    two_coin_result,
)

K_SE = 4  # Monte-Carlo live checks pass when |diff| <= K_SE·SE + floor
URL = {"bind": "query-params"}
COIN_N_MAX = 60


def _f(x: float, digits: int = 4) -> str:
    return f"{x:.{digits}g}"


def _friendly(err: ValueError) -> None:
    """A bad setting, said in the page's language (the engine's message names the argument)."""
    name = str(err).split()[0]
    key = {"trials": "prob.bad.trials", "heads": "prob.bad.trials", "a": "prob.bad.prior",
           "b": "prob.bad.prior", "K": "prob.bad.K", "s2": "prob.bad.s2"}.get(name)
    st.warning(t(key) if key else t("prob.bad.other", name=name))


def _check(rows: list[tuple[str, float, float, float, float]]) -> bool:
    """A live-check table, one row per quantity: (name, formula, engine, SE, tolerance); a row
    passes when |formula - engine| <= tolerance. Says whether every row passed."""
    df = pd.DataFrame(
        [[f, e, se, abs(f - e), tol, bool(abs(f - e) <= tol)] for _, f, e, se, tol in rows],
        index=[r[0] for r in rows],
        columns=[t("check.formula"), t("check.engine"), t("prob.col_se"), t("prob.col_diff"),
                 t("prob.col_tol"), t("prob.col_ok")])
    fmt = {c: st.column_config.NumberColumn(format="%.6g") for c in df.columns[:5]}
    st.dataframe(df, width="content", column_config=fmt)
    ok = bool(df[t("prob.col_ok")].all())
    if ok:
        st.success(t("prob.check_ok"))
    else:
        st.error(t("prob.check_fail"))
    return ok


# ---------------------------------------------------------------------------- intro
st.header(t("prob.title"))
question("prob.question")
st.markdown(t("prob.intro"))


# ---------------------------------------------------------------------------- 1. Bayes
@st.fragment
def coin() -> None:
    st.subheader(t("prob.s1"))
    st.markdown(t("prob.s1_intro"))
    formula(r"P(\theta\mid X) = \frac{P(X\mid\theta)\,P(\theta)}{P(X)},\qquad "
            r"P(X) = \int_0^1 P(X\mid\theta)\,P(\theta)\,d\theta")
    formula(r"P(X\mid\theta) = \binom{n}{k}\theta^k(1-\theta)^{n-k},\qquad "
            r"P(\theta) = \mathrm{Beta}(a, b)")
    formula(r"\Rightarrow\quad P(\theta\mid X) = \mathrm{Beta}(a+k,\ b+n-k),\qquad "
            r"P(X) = \binom{n}{k}\frac{B(a+k,\ b+n-k)}{B(a, b)}")
    c = st.columns(4)
    k = c[0].slider(t("prob.heads"), 0, 50, 7, key="p_heads", **URL)
    n = c[1].slider(t("prob.trials"), 0, 50, 10, key="p_trials", **URL)
    a = c[2].slider(t("prob.prior_a"), 0.5, 20.0, 1.0, 0.5, key="p_a", **URL)
    b = c[3].slider(t("prob.prior_b"), 0.5, 20.0, 1.0, 0.5, key="p_b", **URL)
    try:
        r = coin_result(k, n, a, b)
    except ValueError as err:
        _friendly(err)
        return
    post, exact = r["post"], r["exact"]
    m = st.columns(4)
    m[0].metric(t("prob.m_evidence"), _f(post.evidence, 6))
    m[1].metric(t("prob.m_evidence_exact"), str(exact) if exact is not None else "—")
    m[2].metric(t("prob.m_post"), f"Beta({post.a_post:g}, {post.b_post:g})")
    m[3].metric(t("prob.m_mean"), _f(post.mean, 4))
    names = {"prior": t("prob.c_prior"), "likelihood": t("prob.c_lik"),
             "posterior": t("prob.c_post")}
    plot.chart(coin_figure(r["theta"], r["dens"], names, "θ", t("prob.density"),
                           t("prob.c_lik_axis")), width="stretch", key="prob_coin_fig")
    prior_mean = a / (a + b)
    if n > 0:
        st.markdown(t("prob.s1_mean", k=k, n=n, mean=_f(post.mean), prior_mean=_f(prior_mean),
                      freq=_f(k / n), weight=_f((a + b) / (a + b + n), 3)))
    else:
        st.markdown(t("prob.s1_no_data"))
    mode = t("prob.s1_mode", mode=_f(post.mode)) if post.mode is not None else \
        t("prob.s1_no_mode")
    st.markdown(mode)
    if a == 1 and b == 1:
        st.markdown(t("prob.s1_uniform", n=n, n1=n + 1, seq=_f(post.evidence_sequence, 4),
                      combos=math.comb(n, k)))
    st.markdown(t("prob.s1_seed"))
    rows = [(t("prob.row_evidence_quad"), post.evidence, r["quad"], 0.0,
             1e-9 * post.evidence)]
    if exact is not None:
        rows.append((t("prob.row_evidence_exact"), float(exact), post.evidence, 0.0,
                     1e-12 * float(exact)))
    st.markdown(t("prob.check1_head"))
    _check(rows)
    show_code(P.coin_posterior, P.coin_evidence_quadrature)


coin()


# ---------------------------------------------------------------------------- 2. triangle
@st.fragment
def triangle() -> None:
    st.subheader(t("prob.s2"))
    st.markdown(t("prob.s2_intro"))
    formula(r"p(x,y) = 2\ \text{on}\ 0\le y\le x\le 1,\qquad "
            r"p(x) = \int_0^x 2\,dy = 2x,\qquad p(y\mid x) = \frac{p(x,y)}{p(x)} = \frac1x"
            r"\ \text{on}\ [0, x]")
    formula(r"p(y) = \int_y^1 2\,dx = 2(1-y),\qquad p(x\mid y) = \frac{1}{1-y}\ "
            r"\text{on}\ [y, 1]")
    formula(r"p(x,y) = p(x)\,p(y\mid x) = p(y)\,p(x\mid y)")
    c = st.columns(2)
    x0 = c[0].slider(t("prob.x0"), 0.05, 0.95, 0.3, 0.01, key="p_x0", **URL)
    y0 = c[1].slider(t("prob.y0"), 0.0, 0.95, 0.2, 0.01, key="p_y0", **URL)
    g = np.linspace(0.0, 1.0, 1001)
    curves = {"grid": g, "px": P.triangle_marginal_x(g), "py": P.triangle_marginal_y(g),
              "px0": float(P.triangle_marginal_x(x0)), "py0": float(P.triangle_marginal_y(y0)),
              "y_given_x": P.triangle_cond_y_given_x(g, x0),
              "x_given_y": P.triangle_cond_x_given_y(g, y0)}
    names = {"support": t("prob.t_support"), "draws": t("prob.t_draws"),
             "slice_x": "x = x₀", "slice_y": "y = y₀", "px": "p(x) = 2x", "py": "p(y) = 2(1−y)",
             "y_given_x": "p(y | x₀)", "x_given_y": "p(x | y₀)"}
    plot.chart(triangle_figure(triangle_draws(), x0, y0, curves, names,
                               (t("prob.t_joint"), t("prob.t_marg"), t("prob.t_cond"))),
               width="stretch", key="prob_triangle_fig")
    p_yx = float(P.triangle_cond_y_given_x(y0, x0))
    p_xy = float(P.triangle_cond_x_given_y(x0, y0))
    joint = float(P.triangle_joint(x0, y0))
    m = st.columns(5)
    m[0].metric("p(x₀)", _f(curves["px0"]))
    m[1].metric("p(y₀ | x₀)", _f(p_yx))
    m[2].metric("p(y₀)", _f(curves["py0"]))
    m[3].metric("p(x₀ | y₀)", _f(p_xy))
    m[4].metric("p(x₀, y₀)", _f(joint))
    st.markdown(t("prob.s2_slice", x0=_f(x0, 3), height=_f(1 / x0)))
    inside = y0 <= x0
    st.markdown(t("prob.s2_inside" if inside else "prob.s2_outside", x0=_f(x0, 3), y0=_f(y0, 3)))
    st.markdown(t("prob.s2_chain"))
    chk = triangle_slice(x0)
    st.markdown(t("prob.check2_head", n=f"{TRIANGLE_N:,}", h=TRIANGLE_HALF, m=f"{chk.n_in_band:,}"))
    _check([
        (t("prob.row_chain_x"), joint, curves["px0"] * p_yx, 0.0, 1e-12),
        (t("prob.row_chain_y"), joint, curves["py0"] * p_xy, 0.0, 1e-12),
        (t("prob.row_px_mc"), curves["px0"], chk.density_x, chk.density_x_se,
         K_SE * chk.density_x_se + 1e-9),
        (t("prob.row_ey_mc"), P.triangle_band_mean_y(x0, TRIANGLE_HALF), chk.mean_y,
         chk.mean_y_se, K_SE * chk.mean_y_se + 1e-9),
    ])
    st.caption(t("prob.check2_caption"))
    st.markdown(t("prob.s2_chain_rule"))
    formula(r"p(x_1,\dots,x_n) = p(x_1)\,p(x_2\mid x_1)\cdots p(x_n\mid x_1,\dots,x_{n-1})"
            r" = \prod_{i=1}^n p(x_i\mid x_{<i})")
    show_code(P.triangle_marginal_x, P.triangle_cond_y_given_x, P.triangle_slice_mc)


triangle()


# ---------------------------------------------------------------------------- 3. two coins
@st.fragment
def two_coins() -> None:
    st.subheader(t("prob.s3"))
    st.markdown(t("prob.s3_intro"))
    formula(r"P(X\mid\theta) = \sum_{z_1=1}^{2}\cdots\sum_{z_n=1}^{2}\ \prod_{i=1}^{n}"
            r"P(x_i\mid z_i,\theta)\,P(z_i\mid\theta)"
            r"\;=\;\prod_{i=1}^{n}\ \sum_{z_i=1}^{2}P(x_i\mid z_i,\theta)\,P(z_i\mid\theta)")
    formula(r"P(z_i=1)=\alpha,\quad P(z_i=2)=1-\alpha,\quad "
            r"P(x_i\mid z_i=j)=p_j^{x_i}(1-p_j)^{1-x_i}")
    c = st.columns(2)
    n = c[0].slider(t("prob.n_tosses"), 1, COIN_N_MAX, 10, key="p_n", **URL)
    k = c[1].slider(t("prob.n_heads"), 0, COIN_N_MAX, 7, key="p_k", **URL)
    with st.expander(t("prob.coin_params")):
        d = st.columns(3)
        p1 = d[0].slider("p₁", 0.01, 0.99, 0.9, 0.01, key="p_p1", **URL)
        p2 = d[1].slider("p₂", 0.01, 0.99, 0.2, 0.01, key="p_p2", **URL)
        alpha = d[2].slider("α", 0.01, 0.99, 0.3, 0.01, key="p_alpha", **URL)
    if k > n:
        _friendly(ValueError("trials must be >= heads"))
        return
    r = two_coin_result(n, k, p1, p2, alpha)
    tm = coin_timings()
    n_all = np.arange(1, COIN_N_MAX + 1)
    terms = [P.two_coin_term_counts(int(i)) for i in n_all]
    ref_n, ref_s = int(tm["n"][-1]), float(tm["brute"][-1])
    extra = np.array([P.extrapolate_brute_seconds(int(i), ref_n, ref_s) for i in n_all])
    tb, tf = P.two_coin_term_counts(n)
    m = st.columns(4)
    m[0].metric(t("prob.m_terms_brute"), f"2^{n} = {tb:,}" if n <= 40 else f"2^{n} ≈ {tb:.3g}")
    m[1].metric(t("prob.m_terms_fact"), f"2·{n} = {tf}")
    m[2].metric("P(X | θ)", f"{r['fact']:.6g}")
    secs = float(tm["brute"][n - 1]) if n <= COIN_TIMED_MAX else extra[n - 1]
    m[3].metric(t("prob.m_time_brute" if n <= COIN_TIMED_MAX else "prob.m_time_extra"),
                _seconds(secs))
    names = {"brute": t("prob.tc_brute"), "fact": t("prob.tc_fact"), "extra": t("prob.tc_extra")}
    beyond = n_all >= ref_n  # extrapolated only where nothing was measured
    plot.chart(two_coin_figure(tm["n"], tm["brute"], tm["fact"], n_all[beyond], extra[beyond],
                               np.array([x[0] for x in terms], float),
                               np.array([x[1] for x in terms], float), n, names,
                               (t("prob.tc_terms"), t("prob.tc_time")),
                               (t("prob.tc_terms_axis"), t("prob.tc_time_axis"))),
               width="stretch", key="prob_two_coin_fig")
    st.markdown(t("prob.s3_result", n=n, k=k, terms=f"{tb:,}", fact=tf))
    st.markdown(t("prob.s3_why"))
    if r["brute"] is not None:
        st.markdown(t("prob.check3_head", n=n, terms=f"{tb:,}"))
        _check([(t("prob.row_two_coin"), r["fact"], r["brute"], 0.0, 1e-12 * r["fact"])])
    else:
        st.info(t("prob.check3_skip", n=n, cap=COIN_TIMED_MAX, time=_seconds(extra[n - 1])))
    st.markdown(t("prob.s3_evidence"))
    show_code(P.two_coin_likelihood_brute, P.two_coin_likelihood_factorised)


def _seconds(s: float) -> str:
    """A duration for people: µs, ms, s, or years."""
    if s < 1e-3:
        return f"{s * 1e6:.3g} µs"
    if s < 1:
        return f"{s * 1e3:.3g} ms"
    if s < 3.15e7:
        return f"{s:.3g} s"
    return t("prob.years", y=f"{s / 3.15576e7:.3g}")


two_coins()


# ---------------------------------------------------------------------------- 4. reparam
@st.fragment
def reparam() -> None:
    st.subheader(t("prob.s4"))
    st.markdown(t("prob.s4_intro"))
    formula(r"\nabla_\mu\,\mathbb E_{z\sim\mathcal N(\mu,\sigma^2)}[f(z)]"
            r"\;=\;\underbrace{\mathbb E_{\epsilon}\big[f'(\mu+\sigma\epsilon)"
            r"\big]}_{\text{reparameterization}}"
            r"\;=\;\underbrace{\mathbb E_{z}\Big[f(z)\,\frac{z-\mu}{\sigma^2}\Big]}"
            r"_{\text{score function}}")
    formula(r"f(z)=z^2:\quad \nabla_\mu = 2\mu,\qquad "
            r"\mathrm{Var}_{\text{rep}} = 4\sigma^2,\qquad "
            r"\mathrm{Var}_{\text{score}} = \frac{\mu^4}{\sigma^2} + 14\mu^2 + 15\sigma^2")
    c = st.columns(2)
    mu = c[0].slider("μ", -2.0, 2.0, 1.0, 0.05, key="p_mu", **URL)
    sigma = c[1].slider("σ", 0.05, 2.0, 0.5, 0.05, key="p_sigma", **URL)
    est = P.gradient_estimators(mu, sigma, grad_eps())
    var_rep, var_score = P.gradient_variances(mu, sigma)
    grid = np.geomspace(0.05, 2.0, 120)
    curves = np.array([P.gradient_variances(mu, float(s)) for s in grid]).T
    samples = (est.reparam, est.score)
    means = [float(x.mean()) for x in samples]
    ses = [float(x.std(ddof=1) / math.sqrt(GRAD_N)) for x in samples]
    svars = [float(x.var(ddof=1)) for x in samples]
    se_vars = [math.sqrt(max(float(((x - x.mean()) ** 4).mean()) - float(x.var()) ** 2, 0.0)
                         / GRAD_N) for x in samples]
    m = st.columns(3)
    m[0].metric(t("prob.m_true_grad"), _f(est.true_grad))
    m[1].metric(t("prob.m_var_rep"), _f(var_rep))
    m[2].metric(t("prob.m_var_score"), _f(var_score))
    names = {"reparam": t("prob.g_rep"), "score": t("prob.g_score"), "true": t("prob.m_true_grad"),
             "sample": t("prob.g_sample")}
    plot.chart(gradient_figure(est.reparam, est.score, est.true_grad, grid,
                               (curves[0], curves[1]), sigma, (svars[0], svars[1]), names,
                               (t("prob.g_hist"), t("prob.g_var")),
                               (t("prob.g_hist_x"), "σ")),
               width="stretch", key="prob_grad_fig")
    st.markdown(t("prob.s4_result", ratio=_f(var_score / var_rep, 3), sigma=_f(sigma, 3),
                  n_equiv=f"{math.ceil(var_score / var_rep):,}"))
    st.markdown(t("prob.s4_why"))
    st.markdown(t("prob.check4_head", n=f"{GRAD_N:,}", k=K_SE))
    _check([
        (t("prob.row_mean_rep"), est.true_grad, means[0], ses[0], K_SE * ses[0] + 1e-12),
        (t("prob.row_mean_score"), est.true_grad, means[1], ses[1], K_SE * ses[1] + 1e-12),
        (t("prob.row_var_rep"), var_rep, svars[0], se_vars[0], K_SE * se_vars[0] + 1e-12),
        (t("prob.row_var_score"), var_score, svars[1], se_vars[1], K_SE * se_vars[1] + 1e-12),
    ])
    show_code(P.gradient_estimators, P.gradient_variances)


reparam()


# ---------------------------------------------------------------------------- 5. importance
@st.fragment
def importance() -> None:
    st.subheader(t("prob.s5"))
    st.markdown(t("prob.s5_intro"))
    formula(r"\mathbb E_{p}[f(x)] = \mathbb E_{q}\Big[f(x)\,\frac{p(x)}{q(x)}\Big]"
            r"\approx\frac1N\sum_{i=1}^N f(x_i)\,w_i,\qquad w_i=\frac{p(x_i)}{q(x_i)},"
            r"\quad x_i\sim q")
    formula(r"p=\mathcal N(0,1),\ q=\mathcal N(a,s^2):\quad "
            r"\mathbb E_q[w^2]=\frac{s}{\sqrt{2c}}"
            r"\exp\Big(\frac{a^2}{4cs^4}+\frac{a^2}{2s^2}\Big),\quad c=1-\frac1{2s^2}")
    formula(r"\mathbb E_q[w^2]=\int\frac{p(x)^2}{q(x)}\,dx=\infty\quad\text{for}\ "
            r"s^2\le\tfrac12")
    c = st.columns(2)
    a = c[0].slider(t("prob.is_a"), -2.0, 2.0, 0.5, 0.1, key="p_is_a", **URL)
    s2 = c[1].slider(t("prob.is_s2"), 0.1, 3.0, 1.5, 0.05, key="p_is_s2", **URL)
    a, s2 = round(a, 4), round(s2, 4)  # slider steps are binary fractions: 0.5 must be 0.5
    try:
        second = P.is_weight_second_moment(a, s2)
    except ValueError as err:
        _friendly(err)
        return
    run = importance_run(a, s2)
    x = np.linspace(-6.0, 6.0, 601)
    w = np.exp(P.log_is_weights(x, a, s2))
    s2_grid = np.round(np.arange(0.1, 3.0001, 0.01), 4)
    var_curve = np.array([P.is_weight_second_moment(a, float(v)) - 1.0 for v in s2_grid])
    finite2 = P.is_weight_moment_finite(2, s2)
    finite4 = P.is_weight_moment_finite(4, s2)
    m = st.columns(3)
    m[0].metric(t("prob.m_w2_formula"), _f(second) if finite2 else "∞")
    m[1].metric(t("prob.m_w2_run"), _f(run.second_moment))
    m[2].metric(t("prob.m_est"), f"{run.estimate:.4f} ± {run.estimate_se:.2g}")
    names = {"p": t("prob.is_p"), "q": t("prob.is_q"), "w": t("prob.is_w"),
             "inf": t("prob.is_inf")}
    labels = {"density": t("prob.density"), "now": t("prob.is_now")}
    plot.chart(is_figure(x, a, s2, w, s2_grid, var_curve, second - 1.0, names,
                         (t("prob.is_t1"), t("prob.is_t2")), labels),
               width="stretch", key="prob_is_fig")
    i = np.unique(np.geomspace(1, IS_N, 300).astype(int))
    running = np.cumsum(run.w**2)[i - 1] / i
    plot.chart(running_figure(i, running, second, {"run": t("prob.is_run"),
                                                   "formula": t("prob.is_formula")},
                              t("prob.is_draws"), t("prob.is_run_axis")),
               width="stretch", key="prob_is_run_fig")
    if finite2:
        st.markdown(t("prob.s5_finite", s2=_f(s2, 3), var=_f(second - 1.0)))
    else:
        st.warning(t("prob.s5_infinite", s2=_f(s2, 3), w2=_f(run.second_moment),
                     wmax=_f(float(run.w.max())), est=f"{run.estimate:.4f}"))
    st.markdown(t("prob.check5_head", n=f"{IS_N:,}", k=K_SE))
    if finite2:
        w_se = float(run.w.std(ddof=1) / math.sqrt(IS_N))
        rows = [(t("prob.row_w_mean"), 1.0, float(run.w.mean()), w_se, K_SE * w_se + 1e-9),
                (t("prob.row_x2"), 1.0, run.estimate, run.estimate_se,
                 K_SE * run.estimate_se + 1e-9)]
        if finite4:
            rows.append((t("prob.row_w2"), second, run.second_moment, run.second_moment_se,
                         K_SE * run.second_moment_se + 1e-9))
        _check(rows)
        if not finite4:
            st.info(t("prob.s5_no_se_w2", s2=_f(s2, 3)))
    else:
        st.info(t("prob.s5_no_check"))
    show_code(P.is_weight_second_moment, P.importance_sampling)


importance()


# ---------------------------------------------------------------------------- 6. IWAE
@st.fragment
def iwae() -> None:
    st.subheader(t("prob.s6"))
    st.markdown(t("prob.s6_intro"))
    formula(r"\log p(x) = \log\mathbb E_{q(z\mid x)}\Big[\frac{p(x,z)}{q(z\mid x)}\Big]"
            r"\;\ge\;\mathbb E_{q(z\mid x)}\Big[\log\frac{p(x,z)}{q(z\mid x)}\Big]"
            r" = \mathrm{ELBO}\qquad\text{(Jensen: }\log\text{ is concave)}")
    formula(r"\hat p_K = \frac1K\sum_{k=1}^K w_k,\quad w_k=\frac{p(x,z_k)}{q(z_k\mid x)},"
            r"\quad z_k\sim q(z\mid x),\qquad \mathbb E[\hat p_K]=p(x)")
    formula(r"L_K=\mathbb E\log\hat p_K,\qquad "
            r"\mathrm{ELBO}=L_1\le L_K\le L_{K+1}\le\log p(x)")
    formula(r"L_K-\log p(x)\;\approx\;-\frac{\mathrm{Var}_q(w)}{2K\,p(x)^2}"
            r"\qquad\text{(delta method)}")
    toy = P.IWAE_TOY
    st.markdown(t("prob.s6_toy", x=toy.x, w=toy.w, b=toy.b, sigma=toy.sigma, m=toy.m, s=toy.s))
    K = st.select_slider("K", IWAE_KS, 10, key="p_K", **URL)
    try:
        run = iwae_mc(int(K))
    except ValueError as err:
        _friendly(err)
        return
    curve, mc = iwae_curve(), iwae_mc_all()
    j = IWAE_KS.index(K)
    gap_K = float(curve["exact"][j])
    log_px, elbo = run.log_px, run.elbo
    m = st.columns(4)
    m[0].metric("log p(x)", _f(log_px, 6))
    m[1].metric(t("prob.m_elbo"), _f(elbo, 6))
    m[2].metric(t("prob.m_LK", K=K), _f(log_px + gap_K, 6))
    m[3].metric(t("prob.m_spread"), _f(float(run.log_p_hat.std(ddof=1)), 3))
    names = {"exact": t("prob.iw_exact"), "mc": t("prob.iw_mc"), "delta": t("prob.iw_delta"),
             "hist": t("prob.iw_hist")}
    labels = {"log_px": "log p(x)", "L_K": f"L_{K}", "elbo": "ELBO", "gap": "log p(x) − L_K",
              "hist_x": "log p̂_K − log p(x)"}
    plot.chart(iwae_figure(curve["K"].astype(float), curve["exact"], mc["gap"], mc["se"],
                           curve["delta"], int(K), run.log_p_hat - log_px, gap_K, elbo - log_px,
                           names, (t("prob.iw_t1"), t("prob.iw_t2")), labels),
               width="stretch", key="prob_iwae_fig")
    st.markdown(t("prob.s6_result", K=K, gap=_f(-gap_K, 4), delta=_f(-curve["delta"][j], 4),
                  kl=_f(log_px - elbo, 5), closed=_f(100 * (1 - gap_K / (elbo - log_px)), 3),
                  relvar=_f(curve["rel_var"], 4)))
    n_sets = len(run.log_p_hat)
    st.markdown(t("prob.check6_head", n=f"{n_sets:,}", K=K, k=K_SE))
    _check([(t("prob.row_LK", K=K), log_px + gap_K, run.L_K, run.se, K_SE * run.se + 1e-4)])
    ordered = elbo <= log_px + gap_K + 1e-12 and gap_K <= 0
    st.markdown(t("prob.s6_order" if ordered else "prob.s6_disorder", elbo=_f(elbo, 6),
                  K=K, LK=_f(log_px + gap_K, 6), log_px=_f(log_px, 6)))
    st.markdown(t("prob.s6_why"))
    st.page_link("views/elbo.py", label=t("prob.link_elbo"), icon="🧱")
    st.markdown(t("prob.s6_ddpm"))
    show_code(P.iwae_bound, P.iwae_gap_exact, latent_toy.elbo)


iwae()

next_link(__file__)
