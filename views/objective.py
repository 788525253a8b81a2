"""Page 6, 'The ε-objective': KL between Gaussians → matching means → ε form (Ho et al. 2020,
Eqs. 8–14), a live KL check, the weights λ_t against L_simple (described from the current
schedule, never asserted), and why the network predicts ε (the factor √((1−ᾱ_t)/ᾱ_t) at both
ends of the schedule). The exact ε*, the loss floor and a trained network follow on the next
page (views/epsstar.py).

Every number comes from `ddpm_core`; pure computations are cached by the schedule's config.
"""

from __future__ import annotations

import numpy as np
import streamlit as st
import torch

import ddpm_core
from ddpm_core import Schedule
from ddpm_core.posterior import _posterior_mean_from_eps, _predict_x0_from_eps
from ui import plot
from ui.code_panel import show_code
from ui.engine_cache import derivation, schedule_from_key, schedule_key, sympy_comparison
from ui.fig_objective import log_ticks, profile, tex_num
from ui.i18n import t
from ui.latex import formula
from ui.nav import next_link, question
from ui.urlstate import keep_fraction, url_choice, url_slider

D = 2  # dimension of the live check (2-D, like the toy data)
SEED = 0
SYMPY_TOL = 1e-7
KL_TOL = 1e-9  # relative: two float64 computations of the same KL, through different formulas

sched: Schedule = st.session_state["schedule_obj"]  # set by app.py's frame before every run
CFG = schedule_key(sched)
T = sched.T


@st.cache_data(show_spinner=False, max_entries=64)
def _weights(cfg: str) -> dict[str, np.ndarray]:
    s = schedule_from_key(cfg)
    ones = torch.ones(s.T + 1, 1, dtype=torch.float64)
    ts = torch.arange(s.T + 1)
    # √((1−ᾱ_t)/ᾱ_t): the coefficient of −ε in predict_x0_from_eps (Eq. 15), read off the
    # engine with x_t = 0, ε = 1 (entry 0, t = 0, is not a step)
    amp = -_predict_x0_from_eps(s, 0 * ones, ts, ones)[:, 0].numpy()
    return {"lam_bt": ddpm_core.lambda_t(s, "beta_tilde").numpy(),
            "lam_b": ddpm_core.lambda_t(s, "beta").numpy(), "amp": amp}


@st.cache_data(show_spinner=False, max_entries=64)
def _mu_eps_vs_engine(cfg: str) -> float:
    """SymPy's coefficients of x_t and ε in μ̃_t against the engine's posterior_mean_from_eps
    itself (its value at x_t = 1, ε = 0 and at x_t = 0, ε = 1), at every valid t: the
    largest relative difference."""
    s = schedule_from_key(cfg)
    comps = sympy_comparison("mu_eps", cfg)[1]
    worst = 0.0
    for key, x_t, eps in (("coef_xt", 1.0, 0.0), ("coef_eps", 0.0, 1.0)):
        ts, derived = comps[key][0], comps[key][1]
        n = len(ts)
        engine = ddpm_core.posterior_mean_from_eps(
            s, torch.full((n, 1), x_t, dtype=torch.float64), torch.tensor(ts),
            torch.full((n, 1), eps, dtype=torch.float64))[:, 0].numpy()
        rel = np.abs(derived - engine) / np.maximum(np.abs(engine), np.finfo(float).tiny)
        worst = max(worst, float(np.nan_to_num(rel, nan=np.inf).max(initial=0.0)))
    return worst


def _draws() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(SEED)
    x0, eps, eps_theta = (torch.randn(1, D, generator=g, dtype=torch.float64) for _ in range(3))
    return x0, eps, eps_theta


@st.cache_data(show_spinner=False, max_entries=256)
def _kl_check(cfg: str, step: int, sigma: str) -> dict[str, float]:
    """KL(q(x_{t-1}|x_t,x_0) ‖ N(μ_θ, σ_t² I)) by gaussian_kl, and λ_t‖ε−ε_θ‖² + C."""
    s = schedule_from_key(cfg)
    x0, eps, eps_theta = _draws()
    x_t = ddpm_core.q_sample(s, x0, step, eps)
    mean, var = ddpm_core.q_posterior(s, x0, x_t, step)
    mu_theta = ddpm_core.posterior_mean_from_eps(s, x_t, step, eps_theta)
    var_model = s.reverse_variance(sigma)[step]
    kl = float(ddpm_core.gaussian_kl(mean, var, mu_theta, var_model).sum())
    lam = float(ddpm_core.lambda_t(s, sigma)[step])
    const = float(ddpm_core.kl_constant(s, sigma, D)[step])
    sq = float(((eps - eps_theta) ** 2).sum())
    return {"kl": kl, "lam": lam, "C": const, "sq": sq, "formula": lam * sq + const}


@st.cache_data(show_spinner=False, max_entries=256)
def _x0_identity(cfg: str, step: int) -> dict[str, float]:
    """‖x̂_0 − x_0‖ from predict_x0_from_eps(ε_θ), and ‖ε − ε_θ‖ (their ratio is the factor)."""
    s = schedule_from_key(cfg)
    x0, eps, eps_theta = _draws()
    x_t = ddpm_core.q_sample(s, x0, step, eps)
    x0_hat = ddpm_core.predict_x0_from_eps(s, x_t, step, eps_theta)
    return {"err_x0": float((x0_hat - x0).norm()), "amp": float(_weights(cfg)["amp"][step]),
            "err_eps": float((eps - eps_theta).norm())}


def _num(x: float, digits: int = 6) -> str:
    return f"{x:.{digits}g}"


def _check_lines(formula_label: str, by_formula: float, engine_label: str,
                 engine: float) -> None:
    st.markdown(f"**{t('check.formula')}** &nbsp; {formula_label} = `{_num(by_formula, 10)}`  \n"
                f"**{t('check.engine')}** &nbsp; {engine_label} = `{_num(engine, 10)}`")
    rel = abs(engine - by_formula) / max(abs(by_formula), np.finfo(float).tiny)
    ok = rel <= KL_TOL
    msg = t("objective.s2.agree", rel=f"${tex_num(rel, 2)}$", tol=f"${tex_num(KL_TOL, 1)}$",
            verdict=t("objective.s2.ok" if ok else "objective.s2.bad"))
    (st.success if ok else st.error)(msg)


def _sympy_line(fn: str, err: float) -> None:
    ok = err <= SYMPY_TOL
    verdict = t("objective.sympy_ok") if ok else t("objective.sympy_bad")
    text = t("objective.sympy_check", fn=fn, err=f"${tex_num(err, 2)}$") + " — " + verdict
    (st.success if ok else st.error)(text)


def _layout(fig: plot.Figure, title: str, ytitle: str, values) -> plot.Figure:
    fig.update_layout(title=title, height=360, margin=dict(l=10, r=10, t=50, b=10),
                      legend=dict(orientation="h", yanchor="top", y=-0.3, x=0),
                      xaxis_title=t("objective.fig.t"), template="plotly_white",
                      yaxis=log_ticks(dict(title=ytitle), values))
    return fig


# ---------------------------------------------------------------------------- page
st.header(t("nav.objective"))
question("objective.question")
st.write(t("objective.intro"))

# 1 · the derivation ---------------------------------------------------------------
st.subheader(t("objective.s1.title"))
st.write(t("objective.s1.body"))
ders = {name: derivation(name) for name in ("kl_eps", "mu_eps")}
checks = {"kl_eps": sympy_comparison("kl_eps", CFG)[0], "mu_eps": _mu_eps_vs_engine(CFG)}
mu_eps_latex = ders["mu_eps"].steps[-1].latex  # μ̃_t in ε form, as SymPy wrote it
for i, step in enumerate(ders["kl_eps"].steps, 1):
    st.markdown(f"**({i})** " + t(f"objective.step.{step.key}"))
    if step.key == "kl_eps.mean_difference":  # both means in ε form, inline (Eqs. 10–11)
        formula(mu_eps_latex)
        formula(mu_eps_latex.replace(r"\tilde\mu_t", r"\mu_\theta(x_t, t)")
                .replace(r"\epsilon", r"\epsilon_\theta(x_t, t)"))
        with st.expander(t("objective.mu_eps.expander")):
            for j, sub in enumerate(ders["mu_eps"].steps, 1):
                st.markdown(f"**({j})** " + t(f"objective.step.{sub.key}"))
                formula(sub.latex)
            _sympy_line("posterior_mean_from_eps", checks["mu_eps"])
        st.markdown(t("objective.step.kl_eps.mean_difference_2"))
    formula(step.latex)
_sympy_line("lambda_t", checks["kl_eps"])
st.write(t("objective.s1.x0_form"))
st.markdown(t("objective.form.x0"))
formula(r"L_{t-1} - C = \frac{\bar\alpha_{t-1}\beta_t^2}"
        r"{2\sigma_t^2(1-\bar\alpha_t)^2}\,\|x_0 - \hat x_0(x_t,t)\|^2")
st.markdown(t("objective.form.eps"))
formula(r"L_{t-1} - C = \frac{\beta_t^2}"
        r"{2\sigma_t^2\alpha_t(1-\bar\alpha_t)}\,\|\epsilon - \epsilon_\theta(x_t,t)\|^2")


def _weight_sentence(w: dict) -> None:
    """Where λ_t (σ_t² = β̃_t) is largest and smallest for this schedule, read off its values."""
    if T == 2:
        st.markdown(t("objective.w.ratio_t2", lam_lo=tex_num(w["lam_bt"][2])))
        return
    p = profile(np.arange(2, T + 1), w["lam_bt"][2:])
    st.markdown(t(f"objective.w.shape.{p['shape']}", t_max=p["t_max"], t_min=p["t_min"],
                  lam_max=tex_num(p["max"]), lam_min=tex_num(p["min"]),
                  lam_2=tex_num(w["lam_bt"][2]), lam_T=tex_num(w["lam_bt"][T]), T=T))
    st.markdown(t("objective.w.ratio", ratio=tex_num(p["max"] / p["min"]), t_max=p["t_max"],
                  t_min=p["t_min"]))


# 2 + 3 · live KL check and the weights ---------------------------------------------
@st.fragment
def kl_section() -> None:
    st.subheader(t("objective.s2.title"))
    if T < 2:
        st.info(t("objective.s2.t1"))
        step = None
    else:
        st.write(t("objective.s2.body"))
        c1, c2 = st.columns([3, 2])
        with c1:
            if T == 2:
                step = 2
                st.caption(t("objective.s2.t_fixed"))
            else:
                keep_fraction("objective_t", T, 2, min(2 + T // 10, T))
                step = url_slider(st.slider, t("objective.slider.t"), 2, T,
                                  min(2 + T // 10, T), key="objective_t")
        with c2:
            sigma = url_choice(st.radio, t("objective.radio.sigma"), ("beta_tilde", "beta"),
                               {s: t(f"objective.sigma.{s}") for s in ("beta_tilde", "beta")},
                               horizontal=True, key="objective_sigma")
        r = _kl_check(CFG, int(step), sigma)
        st.markdown(t("objective.s2.values", t=step, lam=tex_num(r["lam"], 6),
                      sq=tex_num(r["sq"], 6), C=tex_num(r["C"], 6), d=D))
        _check_lines("λ_t‖ε − ε_θ‖² + C", r["formula"],
                     "Σ gaussian_kl(μ̃_t, β̃_t, μ_θ, σ_t²)", r["kl"])
        show_code(ddpm_core.gaussian_kl, ddpm_core.lambda_t, ddpm_core.kl_constant,
                  ddpm_core.q_posterior, _posterior_mean_from_eps)

    st.subheader(t("objective.w.title"))
    st.write(t("objective.w.body"))
    w = _weights(CFG)
    ts = np.arange(T + 1)
    fig = plot.Figure()
    mode = "lines+markers" if T < 30 else "lines"
    if T >= 2:
        fig.add_scatter(x=ts[2:], y=w["lam_bt"][2:], name=t("objective.fig.lam_bt"), mode=mode)
    fig.add_scatter(x=ts[1:], y=w["lam_b"][1:], name=t("objective.fig.lam_b"), mode=mode,
                    line=dict(dash="dash"))
    fig.add_scatter(x=ts[1:], y=np.ones(T), name=t("objective.fig.simple"), mode=mode,
                    line=dict(color="gray"))
    if step is not None:
        fig.add_vline(x=step, line=dict(color="crimson", dash="dot"),
                      annotation_text=t("objective.fig.chosen"))
    values = np.concatenate([w["lam_bt"][2:], w["lam_b"][1:], [1.0]])
    plot.chart(_layout(fig, t("objective.fig.lambda_title"), t("objective.fig.weight"), values),
               width="stretch", key="objective_lambda_fig")
    if T >= 2:
        _weight_sentence(w)


kl_section()


# 4 · why predict noise ------------------------------------------------------------
@st.fragment
def noise_section() -> None:
    st.subheader(t("objective.s4.title"))
    st.write(t("objective.s4.body"))
    w = _weights(CFG)
    a1, aT = float(w["amp"][1]), float(w["amp"][T])
    if T == 1:
        st.markdown(t("objective.s4.ends_t1", a1=tex_num(a1), e1=tex_num(0.01 / a1)))
    else:
        st.markdown(t("objective.s4.ends", a1=tex_num(a1), e1=tex_num(0.01 / a1),
                      aT=tex_num(aT), eT=tex_num(0.01 * aT), T=T))
    st.write(t("objective.s4.ho"))
    ts = np.arange(1, T + 1)
    if T > 1:
        keep_fraction("objective_t_amp", T, 1, T)
    step = T if T == 1 else url_slider(st.slider, t("objective.slider.t_amp"), 1, T, T,
                                       key="objective_t_amp")
    mode = "lines+markers" if T < 30 else "lines"
    fig = plot.Figure()
    fig.add_scatter(x=ts, y=w["amp"][1:], name=t("objective.fig.amp"), mode=mode)
    fig.add_scatter(x=ts, y=np.ones(T), name=t("objective.fig.eps_scale"), mode=mode,
                    line=dict(color="gray"))
    fig.add_vline(x=step, line=dict(color="crimson", dash="dot"),
                  annotation_text=t("objective.fig.chosen"))
    plot.chart(_layout(fig, t("objective.fig.amp_title"), t("objective.fig.amp"),
                       np.append(w["amp"][1:], 1.0)), width="stretch", key="objective_amp_fig")
    r = _x0_identity(CFG, int(step))
    st.write(t("objective.s4.identity", t=step))
    st.markdown(t("objective.s4.identity_values", err_eps=tex_num(r["err_eps"]),
                  amp=tex_num(r["amp"]), err_x0=tex_num(r["err_x0"])))
    show_code(_predict_x0_from_eps)


noise_section()
next_link(__file__)
