"""Page 2: maximum likelihood = minimum KL.

E_{p_data}[log p_θ] = -H(p_data) - KL(p_data ‖ p_θ): a known 1-D p_data, a Gaussian model with
sliders, the identity checked live (closed form against two independent quadratures, and the
sample average against the expectation within 4 SE), the two sides swept together, and a live
fit by (natural-)gradient ascent that must land on the closed-form MLE. Independent of the
sidebar schedule: this page is about likelihood in general.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from ddpm_core import likelihood
from ui import plot
from ui.code_panel import show_code
from ui.fig_mle import density_figure, fit_figure, sweep_figure
from ui.i18n import t
from ui.latex import formula, num, num_text
from ui.nav import next_link, question
from ui.urlstate import URL, url_choice, url_float

SEED = 0
FIT_STEPS, FIT_LR = 200, 0.1
# the live chart is redrawn at these steps (dense early, where θ moves most): ~1 s in all
FIT_DRAW_AT = frozenset((1, 2, 4, 7, 10, 15, 20, 30, 45, 65, 100, 150, 200))
MU_RANGE, SIGMA_RANGE = (-4.0, 4.0), (0.1, 4.0)
K_SE, FLOOR = 4.0, 1e-9  # the sample average agrees when |difference| ≤ K_SE·SE + FLOOR
X_GRID = np.linspace(-7.0, 7.0, 1401)


# ---------------------------------------------------------------- cached engine calls
@st.cache_data(max_entries=64, show_spinner=False)
def _sample(kind: str, s: float, n: int) -> np.ndarray:
    import torch

    gen = torch.Generator().manual_seed(SEED)
    return likelihood.data_1d(kind, s).sample(n, gen).numpy()


@st.cache_data(max_entries=64, show_spinner=False)
def _data_view(kind: str, s: float, n: int) -> dict:
    """Entropy, the density on the plotting grid, the histogram and the sample's MLE."""
    data, x = likelihood.data_1d(kind, s), _sample(kind, s, n)
    bins = int(np.clip(len(np.histogram_bin_edges(x, bins="auto")) - 1, 25, 80))
    edges = np.linspace(x.min(), x.max(), bins + 1)
    counts, edges = np.histogram(x, bins=edges, density=True)
    return {"H": likelihood.mixture_entropy_1d(data), "p": np.exp(data.log_prob(X_GRID)),
            "counts": counts, "edges": edges, "mle": likelihood.gaussian_mle(x),
            "mean": data.mean, "std": data.std}


@st.cache_data(max_entries=256, show_spinner=False)
def _sweeps(kind: str, s: float, mu: float, sigma: float) -> dict:
    """E[log p_θ] (closed form) and -KL (quadrature) along μ at this σ and along σ at this μ."""
    data = likelihood.data_1d(kind, s)
    mu_grid = np.linspace(*MU_RANGE, 161)
    sigma_grid = np.geomspace(*SIGMA_RANGE, 161)
    out = {"mu_grid": mu_grid, "sigma_grid": sigma_grid}
    out["E_mu"] = likelihood.expected_log_likelihood(data, mu_grid, sigma)
    out["K_mu"] = likelihood.kl_mixture_to_gaussian(data, mu_grid, sigma)
    out["E_sigma"] = likelihood.expected_log_likelihood(data, mu, sigma_grid)
    out["K_sigma"] = likelihood.kl_mixture_to_gaussian(data, mu, sigma_grid)
    return out


def _request_fit() -> None:
    st.session_state["mle_fit_requested"] = True


def _fmt(x: float, digits: int = 4) -> str:
    return f"{x:.{digits}f}"


def _kl(x: float) -> str:
    """A KL for LaTeX: below 1e-12 it is 0 up to quadrature rounding."""
    return "0" if abs(x) < 1e-12 else num(x, 4)


def _fit_curves(kind: str, s: float, mu: np.ndarray, sigma: np.ndarray) -> tuple:
    data = likelihood.data_1d(kind, s)
    return (likelihood.expected_log_likelihood(data, mu, sigma),
            -likelihood.kl_mixture_to_gaussian(data, mu, sigma))


def _fit_names() -> tuple[str, str, str]:
    return t("mle.curve_E"), t("mle.curve_negKL"), t("mle.curve_avg")


# ---------------------------------------------------------------- prose and derivation
st.header(t("mle.title"))
question("mle.question")
st.markdown(t("mle.intro"))
formula(r"\theta^\ast = \arg\max_\theta \prod_{i=1}^{m} p_\theta(x^i),\qquad "
        r"x^1,\dots,x^m \sim p_{data}")
st.markdown(t("mle.deriv_intro"))
# one step a line: each line fits a phone's width (390 px)
formula(r"\begin{aligned}\theta^\ast &= \arg\max_\theta \sum_{i=1}^{m}\log p_\theta(x^i)"
        r"\\ &= \arg\max_\theta \frac1m\sum_{i=1}^{m}\log p_\theta(x^i)\\"
        r"&\approx \arg\max_\theta\; E_{x\sim p_{data}}[\log p_\theta(x)]\\"
        r"&= \arg\max_\theta \Big(\int p_{data}(x)\log p_\theta(x)\,dx\\"
        r"&\qquad\quad -\underbrace{\int p_{data}(x)\log p_{data}(x)\,dx}_{" + t("mle.no_theta")
        + r"}\Big)\\"
        r"&= \arg\max_\theta \Big(-\int p_{data}(x)\log\frac{p_{data}(x)}{p_\theta(x)}"
        r"\,dx\Big)\\ &= \arg\min_\theta \mathrm{KL}(p_{data}\,\|\,p_\theta)\end{aligned}")
st.markdown(t("mle.identity_intro"))
formula(r"E_{x\sim p_{data}}[\log p_\theta(x)] \;=\; -H(p_{data})"
        r" \;-\; \mathrm{KL}(p_{data}\,\|\,p_\theta)")
st.markdown(t("mle.H_explain"))
st.markdown(t("mle.neg_entropy"))
st.markdown(t("mle.lecture_remark"))


# ---------------------------------------------------------------- the interactive part
@st.fragment
def explore() -> None:
    top, fit_box = st.container(), st.container()
    kinds = {k: t(f"mle.data.{k}") for k in likelihood.DATA_KINDS}
    st.session_state.setdefault("mle_mu", url_float("mle_mu", 0.0, *MU_RANGE))  # a link's
    st.session_state.setdefault("mle_sigma", url_float("mle_sigma", 1.0, *SIGMA_RANGE))

    with top:
        st.subheader(t("mle.s1"))
        st.markdown(t("mle.s1_intro"))
        c1, c2, c3 = st.columns([2.2, 1.4, 1.4])
        kind = url_choice(c1.selectbox, t("mle.data_kind"), list(kinds), kinds, key="mle_kind")
        s = c2.slider(t("mle.slider_s"), 0.1, 1.5, 0.5, 0.05, key="mle_s", **URL)
        n = c3.slider(t("mle.slider_n"), 20, 5000, 1000, 10, key="mle_n", **URL)
    x = _sample(kind, s, n)
    view = _data_view(kind, s, n)
    data_key = (kind, float(s), int(n))

    with fit_box:
        st.subheader(t("mle.s4"))
        st.markdown(t("mle.s4_intro"))
        st.markdown(t("mle.mle_formula"))
        formula(r"\hat\mu = \frac1N\sum_{i=1}^N x^i,\qquad "
                r"\hat\sigma^2 = \frac1N\sum_{i=1}^N (x^i-\hat\mu)^2")
        live = st.empty()

    with top:  # the model's sliders and Fit; its progress and result right under them
        c1, c2, c3 = st.columns([2, 2, 1.2], vertical_alignment="bottom")
        near = st.empty()

    # the fit runs before the model sliders are drawn, so it may set their values
    if st.session_state.pop("mle_fit_requested", False):
        mu0, sigma0 = float(st.session_state["mle_mu"]), float(st.session_state["mle_sigma"])
        H = view["H"]
        ell0, neg_kl0 = _fit_curves(kind, s, np.array([mu0]), np.array([sigma0]))
        trace = {"mu": [mu0], "sigma": [sigma0],
                 "avg": [likelihood.avg_log_likelihood(x, mu0, sigma0)[0]],
                 "ell": list(ell0), "neg_kl": list(neg_kl0)}

        def show(info: dict) -> None:
            for name, value in (("mu", info["mu"]), ("sigma", info["sigma"]),
                                ("avg", info["avg_ll"])):
                trace[name].append(value)
            k = info["step"]
            if k not in FIT_DRAW_AT:
                return
            new = slice(len(trace["ell"]), None)  # the exact curves only for the new steps
            ell, neg_kl = _fit_curves(kind, s, np.array(trace["mu"][new]),
                                      np.array(trace["sigma"][new]))
            trace["ell"] += list(ell)
            trace["neg_kl"] += list(neg_kl)
            fig = fit_figure(np.arange(k + 1), np.array(trace["avg"]), np.array(trace["ell"]),
                             np.array(trace["neg_kl"]), _fit_names(), t("mle.step"),
                             t("mle.nats"), t("mle.fit_progress", k=k, n=FIT_STEPS),
                             t("mle.gap", gap=_fmt(-H, 4)), FIT_STEPS)
            near.progress(k / FIT_STEPS, text=t("mle.fit_progress", k=k, n=FIT_STEPS))
            with live.container():
                st.progress(k / FIT_STEPS, text=t("mle.fit_progress", k=k, n=FIT_STEPS))
                plot.chart(fig, width="stretch", key=f"mle_live_{k}")

        hist = likelihood.fit_gaussian_mle(x, mu0, sigma0, steps=FIT_STEPS, lr=FIT_LR,
                                           callback=show)
        ell, neg_kl = _fit_curves(kind, s, hist.mu, hist.sigma)
        summary = likelihood.fit_summary(likelihood.data_1d(kind, s), hist)
        st.session_state["mle_fit_result"] = {"key": data_key, "mu0": mu0, "sigma0": sigma0,
                                       "mu": hist.mu, "sigma": hist.sigma,
                                       "avg_ll": hist.avg_ll, "ell": ell, "neg_kl": neg_kl,
                                       "summary": summary}
        st.session_state["mle_mu"] = float(np.clip(hist.mu[-1], *MU_RANGE))
        st.session_state["mle_sigma"] = float(np.clip(hist.sigma[-1], *SIGMA_RANGE))
        live.empty()

    with top:
        mu = c1.slider(t("mle.slider_mu"), *MU_RANGE, step=0.05, key="mle_mu", **URL)
        sigma = c2.slider(t("mle.slider_sigma"), *SIGMA_RANGE, step=0.05, key="mle_sigma",
                          **URL)
        c3.button(t("mle.fit_button"), key="mle_fit_button", on_click=_request_fit,
                  help=t("mle.fit_help"), type="primary", width="stretch")
        p_model = np.exp(likelihood.gaussian_log_prob(X_GRID, mu, sigma))
        fig = density_figure(X_GRID, view["p"], p_model, view["counts"], view["edges"],
                             (t("mle.curve_data"), t("mle.curve_model"), t("mle.hist")),
                             t("mle.x"), t("mle.density"))
        m_hat, s_hat = view["mle"]
        fit = st.session_state.get("mle_fit_result")
        if fit is not None and fit["key"] == data_key:  # the fit's result beside its button
            near.success(t("mle.fit_near", steps=len(fit["mu"]) - 1,
                           mu=_fmt(fit["mu"][-1], 4), sigma=_fmt(fit["sigma"][-1], 4),
                           m_hat=_fmt(m_hat, 4), s_hat=_fmt(s_hat, 4)))
        else:
            near.empty()
        plot.chart(fig, width="stretch", key="mle_density_fig")
        st.caption(t("mle.density_caption", n=n, mean=_fmt(m_hat, 4), std=_fmt(s_hat, 4),
                     pmean=_fmt(view["mean"], 4), pstd=_fmt(view["std"], 4)))

        # 2. the identity
        data = likelihood.data_1d(kind, s)
        H = view["H"]
        kl = float(likelihood.kl_mixture_to_gaussian(data, mu, sigma))
        ell = float(likelihood.expected_log_likelihood(data, mu, sigma))
        avg, se = likelihood.avg_log_likelihood(x, mu, sigma)
        st.subheader(t("mle.s2"))
        st.markdown(t("mle.s2_intro"))
        m1, m2, m3, m4 = st.columns(4)
        m1.metric(t("mle.metric_H"), _fmt(H), help=t("mle.metric_H_help"))
        m2.metric(t("mle.metric_KL"), _fmt(kl))
        m3.metric(t("mle.metric_E"), _fmt(ell))
        m4.metric(t("mle.metric_avg"), _fmt(avg), delta=f"± {se:.2g} (SE)",
                  delta_color="off", delta_arrow="off")
        if H < 0:
            st.info(t("mle.H_negative", H=_fmt(H), negH=_fmt(-H)))
        st.markdown(t("mle.check_head"))
        # formula row: -H - KL (two quadratures on different nodes); engine row: the closed-form
        # expectation, and the sample average of the N log-densities
        check = pd.DataFrame({t("mle.col_exact"): [-H - kl, ell], t("mle.col_mc"): [-H - kl, avg]},
                             index=[t("check.formula"), t("check.engine")])
        st.dataframe(check, width="content",
                     column_config={t("mle.col_exact"): st.column_config.NumberColumn(
                                        format="%.10f"),
                                    t("mle.col_mc"): st.column_config.NumberColumn(
                                        format="%.5f")})
        mc = likelihood.mc_check(avg, -H - kl, se, k=K_SE, floor=FLOOR)
        st.markdown(t("mle.check_caption", diff=num(abs(ell + H + kl), 2), mc_diff=num(mc.diff, 3),
                      se=num(se, 3), k=f"{K_SE:g}", floor=num(FLOOR, 1), tol=num(mc.tol, 3),
                      verdict=t("mle.agree" if mc.ok else "mle.disagree")))
        show_code(likelihood.expected_log_likelihood, likelihood.mixture_entropy_1d,
                  likelihood.kl_mixture_to_gaussian, likelihood.avg_log_likelihood,
                  likelihood.mc_check)

        # 3. lockstep
        st.subheader(t("mle.s3"))
        st.markdown(t("mle.s3_intro"))
        sw = _sweeps(kind, float(s), float(mu), float(sigma))
        sweeps = [(sw["mu_grid"], sw["E_mu"], -sw["K_mu"], mu, ell, -kl),
                  (sw["sigma_grid"], sw["E_sigma"], -sw["K_sigma"], sigma, ell, -kl)]
        fig = sweep_figure(sweeps, (t("mle.sweep_mu", sigma=_fmt(sigma, 2)),
                                    t("mle.sweep_sigma", mu=_fmt(mu, 2))),
                           ("μ", "σ"), (t("mle.curve_E"), t("mle.curve_negKL")),
                           t("mle.nats"), t("mle.gap", gap=_fmt(-H, 4)))
        plot.chart(fig, width="stretch", key="mle_sweep_fig")
        gaps = np.concatenate([sw["E_mu"] + sw["K_mu"], sw["E_sigma"] + sw["K_sigma"]])
        st.caption(t("mle.sweep_caption", spread=num_text(float(np.ptp(gaps)), 2)))

    # 4. the fit's result (the live progress above was drawn into this container)
    with fit_box:
        fit = st.session_state.get("mle_fit_result")
        if fit is None:
            st.info(t("mle.fit_none"))
        elif fit["key"] != data_key:
            st.info(t("mle.fit_stale"))
        else:
            steps = np.arange(len(fit["mu"]))
            title = t("mle.fit_title", n=FIT_STEPS, mu0=_fmt(fit["mu0"], 2),
                      sigma0=_fmt(fit["sigma0"], 2))
            fig = fit_figure(steps, fit["avg_ll"], fit["ell"], fit["neg_kl"], _fit_names(),
                             t("mle.step"), t("mle.nats"), title,
                             t("mle.gap", gap=_fmt(-H, 4)), FIT_STEPS)
            plot.chart(fig, width="stretch", key="mle_fit_fig")
            sm = fit["summary"]
            avg_text = (t("mle.fit_avg_up", steps=sm.steps) if sm.avg_fell == 0
                        else t("mle.fit_avg_fell", fell=sm.avg_fell, steps=sm.steps))
            st.markdown(t("mle.fit_caption", avg=avg_text, kl_rose=sm.kl_rose, steps=sm.steps,
                          kl_fit=_kl(sm.kl_fit), kl_min=_kl(sm.kl_min),
                          mu_star=_fmt(sm.mu_star, 3), sigma_star=_fmt(sm.sigma_star, 3)))
            st.markdown(t("mle.fit_check_head"))
            fit_check = pd.DataFrame({t("mle.col_mu"): [m_hat, fit["mu"][-1]],
                                      t("mle.col_sigma"): [s_hat, fit["sigma"][-1]]},
                                     index=[t("check.formula"), t("check.engine")])
            st.dataframe(fit_check, width="content",
                         column_config={c: st.column_config.NumberColumn(format="%.8f")
                                        for c in fit_check.columns})
        show_code(likelihood.fit_gaussian_mle, likelihood.gaussian_mle, likelihood.fit_summary)

    # 5. mode covering
    st.subheader(t("mle.s5"))
    st.markdown(t("mle.s5_text"))
    if kind == "two":
        q = float(np.exp(likelihood.gaussian_log_prob(m_hat, m_hat, s_hat)))
        p = float(np.exp(data.log_prob(m_hat)))
        st.markdown(t("mle.cover_two", mu=_fmt(m_hat, 3), sigma=_fmt(s_hat, 3),
                      q=num(q, 3), p=num(p, 3)))
    else:
        st.markdown(t("mle.cover_one"))
        st.markdown(t("mle.cover_two_try"))


explore()
next_link(__file__)
