"""Page 6, 'The ε-objective': KL between Gaussians → matching means → ε form (Ho et al. 2020,
Eqs. 8–14), the weights λ_t against L_simple, a live KL check, and why the network predicts ε.

Every number comes from `ddpm_core`; pure computations are cached by the schedule's config.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st
import torch

import ddpm_core
from ddpm_core import Schedule
from ui.code_panel import show_code
from ui.engine_cache import derivation, schedule_from_key, schedule_key, sympy_comparison
from ui.i18n import t

D = 2  # dimension of the live check (2-D, like the toy data)
SEED = 0
FLOOR_N = 2000  # Monte Carlo draws per t for the loss floor
FLOOR_K = 40  # number of t values at which the floor is estimated
SYMPY_TOL = 1e-7

sched: Schedule = st.session_state["schedule_obj"]  # set by app.py's frame before every run
CFG = schedule_key(sched)
T = sched.T


@st.cache_data(show_spinner=False, max_entries=64)
def _weights(cfg: str) -> dict[str, np.ndarray]:
    s = schedule_from_key(cfg)
    ab = s.alpha_bars.numpy()
    return {
        "lam_bt": ddpm_core.lambda_t(s, "beta_tilde").numpy(),
        "lam_b": ddpm_core.lambda_t(s, "beta").numpy(),
        "amp": np.sqrt((1.0 - ab) / ab),  # the factor in predict_x0_from_eps (Eq. 15)
    }


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
def _x0_check(cfg: str, step: int) -> dict[str, float]:
    """‖x̂_0 − x_0‖ from predict_x0_from_eps(ε_θ), and √((1−ᾱ_t)/ᾱ_t)·‖ε − ε_θ‖."""
    s = schedule_from_key(cfg)
    x0, eps, eps_theta = _draws()
    x_t = ddpm_core.q_sample(s, x0, step, eps)
    x0_hat = ddpm_core.predict_x0_from_eps(s, x_t, step, eps_theta)
    amp = float(_weights(cfg)["amp"][step])
    err_eps = float((eps - eps_theta).norm())
    return {"engine": float((x0_hat - x0).norm()), "amp": amp, "err_eps": err_eps,
            "formula": amp * err_eps}


@st.cache_data(show_spinner=False, max_entries=32)
def _floor(cfg: str) -> tuple[np.ndarray, np.ndarray]:
    """E‖ε − ε*‖²/d at up to FLOOR_K values of t (as ddpm_core.loss_floor, on a subset of t)."""
    s = schedule_from_key(cfg)
    mix = ddpm_core.mixture("8gaussians")
    ts = np.unique(np.round(np.geomspace(1, s.T, min(FLOOR_K, s.T))).astype(int))
    g = torch.Generator().manual_seed(SEED)
    x0 = mix.sample(FLOOR_N, g, dtype=torch.float64)
    vals = []
    for step in ts:
        eps = torch.randn(x0.shape, generator=g, dtype=torch.float64)
        x_t = ddpm_core.q_sample(s, x0, int(step), eps)
        vals.append(float(((eps - ddpm_core.optimal_eps(mix, s, x_t, int(step))) ** 2).mean()))
    return ts, np.array(vals)


def _num(x: float, digits: int = 12) -> str:
    return f"{x:.{digits}g}"


def _check_lines(formula_label: str, formula: float, engine_label: str, engine: float) -> None:
    st.markdown(f"**{t('check.formula')}** &nbsp; {formula_label} = `{_num(formula)}`  \n"
                f"**{t('check.engine')}** &nbsp; {engine_label} = `{_num(engine)}`")
    rel = abs(engine - formula) / max(abs(formula), np.finfo(float).tiny)
    st.caption(t("objective.s2.agree", rel=f"{rel:.2e}"))


def _sympy_line(fn: str, err: float) -> None:
    ok = err <= SYMPY_TOL
    verdict = t("objective.sympy_ok") if ok else t("objective.sympy_bad")
    text = t("objective.sympy_check", fn=fn, err=f"{err:.2e}") + " — " + verdict
    (st.success if ok else st.error)(text)


def _layout(fig: go.Figure, title: str, ytitle: str) -> go.Figure:
    fig.update_layout(title=title, height=360, margin=dict(l=10, r=10, t=50, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
                      xaxis_title=t("objective.fig.t"), yaxis_title=ytitle,
                      yaxis_type="log", template="plotly_white")
    return fig


# ---------------------------------------------------------------------------- page
st.header(t("nav.objective"))
st.write(t("objective.intro"))

# 1 · the derivation ---------------------------------------------------------------
st.subheader(t("objective.s1.title"))
st.write(t("objective.s1.body"))
ders = {name: derivation(name) for name in ("kl_eps", "mu_eps")}
checks = {name: sympy_comparison(name, CFG)[0] for name in ders}
for i, step in enumerate(ders["kl_eps"].steps, 1):
    st.markdown(f"**({i})** " + t(f"objective.step.{step.key}"))
    st.latex(step.latex)
with st.expander(t("objective.mu_eps.expander")):
    for i, step in enumerate(ders["mu_eps"].steps, 1):
        st.markdown(f"**({i})** " + t(f"objective.step.{step.key}"))
        st.latex(step.latex)
    _sympy_line("posterior_coef (1/√α_t, −β_t/(√α_t √(1−ᾱ_t)))", checks["mu_eps"])
_sympy_line("lambda_t", checks["kl_eps"])
st.write(t("objective.s1.x0_form"))
st.markdown(t("objective.form.x0"))
st.latex(r"L_{t-1} - C = \frac{\bar\alpha_{t-1}\beta_t^2}"
         r"{2\sigma_t^2(1-\bar\alpha_t)^2}\,\|x_0 - \hat x_0(x_t,t)\|^2")
st.markdown(t("objective.form.eps"))
st.latex(r"L_{t-1} - C = \frac{\beta_t^2}"
         r"{2\sigma_t^2\alpha_t(1-\bar\alpha_t)}\,\|\epsilon - \epsilon_\theta(x_t,t)\|^2")


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
                step = st.slider(t("objective.slider.t"), 2, T, min(2 + T // 10, T),
                                 key="objective_t")
        with c2:
            sigma = st.radio(t("objective.radio.sigma"), ("beta_tilde", "beta"),
                             format_func=lambda s: t(f"objective.sigma.{s}"), horizontal=True,
                             key="objective_sigma")
        r = _kl_check(CFG, int(step), sigma)
        st.markdown(t("objective.s2.values", t=step, lam=_num(r["lam"], 8),
                      sq=_num(r["sq"], 8), C=_num(r["C"], 8), d=D))
        _check_lines("λ_t‖ε − ε_θ‖² + C", r["formula"],
                     "Σ gaussian_kl(μ̃_t, β̃_t, μ_θ, σ_t²)", r["kl"])
        show_code(ddpm_core.gaussian_kl, ddpm_core.lambda_t, ddpm_core.kl_constant,
                  ddpm_core.q_posterior, ddpm_core.posterior_mean_from_eps)

    st.subheader(t("objective.w.title"))
    st.write(t("objective.w.body"))
    w = _weights(CFG)
    ts = np.arange(T + 1)
    fig = go.Figure()
    if T >= 2:
        fig.add_scatter(x=ts[2:], y=w["lam_bt"][2:], name=t("objective.fig.lam_bt"),
                        mode="lines+markers" if T < 30 else "lines")
    fig.add_scatter(x=ts[1:], y=w["lam_b"][1:], name=t("objective.fig.lam_b"),
                    mode="lines+markers" if T < 30 else "lines", line=dict(dash="dash"))
    fig.add_scatter(x=ts[1:], y=np.ones(T), name=t("objective.fig.simple"),
                    mode="lines+markers" if T < 30 else "lines", line=dict(color="gray"))
    if step is not None:
        fig.add_vline(x=step, line=dict(color="crimson", dash="dot"),
                      annotation_text=t("objective.fig.chosen"))
    st.plotly_chart(_layout(fig, t("objective.fig.lambda_title"), t("objective.fig.weight")),
                    width="stretch")
    if T >= 3:
        lo, hi = float(w["lam_bt"][2]), float(w["lam_bt"][T])
        st.markdown(t("objective.w.ratio", lam_lo=_num(lo, 4), lam_hi=_num(hi, 4),
                      ratio=f"{lo / hi:.3g}"))
    elif T == 2:
        st.markdown(t("objective.w.ratio_t2", lam_lo=_num(float(w["lam_bt"][2]), 4)))


kl_section()


# 4 · why predict noise ------------------------------------------------------------
@st.fragment
def noise_section() -> None:
    st.subheader(t("objective.s4.title"))
    st.write(t("objective.s4.body"))
    w = _weights(CFG)
    ts = np.arange(1, T + 1)
    step = T if T == 1 else st.slider(t("objective.slider.t_amp"), 1, T, T, key="objective_t_amp")
    fig = go.Figure()
    fig.add_scatter(x=ts, y=w["amp"][1:], name=t("objective.fig.amp"),
                    mode="lines+markers" if T < 30 else "lines")
    fig.add_scatter(x=ts, y=np.ones(T), name=t("objective.fig.eps_scale"),
                    mode="lines+markers" if T < 30 else "lines", line=dict(color="gray"))
    fig.add_vline(x=step, line=dict(color="crimson", dash="dot"),
                  annotation_text=t("objective.fig.chosen"))
    st.plotly_chart(_layout(fig, t("objective.fig.amp_title"), t("objective.fig.amp")),
                    width="stretch")
    amp_T = float(w["amp"][T])
    st.markdown(t("objective.s4.amp_T", T=T, amp=_num(amp_T, 6), err=_num(0.01 * amp_T, 4)))
    r = _x0_check(CFG, int(step))
    st.write(t("objective.s4.check_body", t=step))
    _check_lines("√((1−ᾱ_t)/ᾱ_t)·‖ε − ε_θ‖", r["formula"],
                 "‖predict_x0_from_eps(x_t, ε_θ) − x_0‖", r["engine"])
    show_code(ddpm_core.predict_x0_from_eps)


noise_section()

st.subheader(t("objective.floor.title"))
f_ts, f_vals = _floor(CFG)
st.write(t("objective.floor.body", n=FLOOR_N, k=len(f_ts)))
fig = go.Figure()
fig.add_scatter(x=f_ts, y=f_vals, name=t("objective.fig.floor"), mode="lines+markers")
fig = _layout(fig, t("objective.fig.floor_title"), t("objective.fig.floor_y"))
fig.update_layout(xaxis_type="log" if T > 1 else "linear", yaxis_type="linear")
st.plotly_chart(fig, width="stretch")
floor_mean = float(np.interp(np.arange(1, T + 1), f_ts, f_vals).mean())  # t ~ U{1..T}
st.markdown(t("objective.floor.mean", mean=_num(floor_mean, 4)))
show_code(ddpm_core.optimal_eps, ddpm_core.loss_floor)
