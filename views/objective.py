"""Page 6, 'The ε-objective': KL between Gaussians → matching means → ε form (Ho et al. 2020,
Eqs. 8–14), the weights λ_t against L_simple, a live KL check, why the network predicts ε, the
loss floor, and a trained network against the exact ε* (per t, and as a vector field).

Every number comes from `ddpm_core`; pure computations are cached by the schedule's config.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import streamlit as st
import torch

import ddpm_core
from ddpm_core import Schedule
from ui import fig_objective as fo
from ui import plot
from ui.code_panel import show_code
from ui.engine_cache import derivation, schedule_from_key, schedule_key, sympy_comparison
from ui.i18n import t
from ui.models import ModelChoice, model_choices

D = 2  # dimension of the live check (2-D, like the toy data)
SEED = 0
FLOOR_N = 2000  # Monte Carlo draws per t for the loss floor
FLOOR_K = 40  # number of t values at which the floor is estimated
SYMPY_TOL = 1e-7
EPS_N = 3000  # Monte Carlo draws of (x_0, ε) per t for the trained model vs ε*
ORTHO_SE = 4.0  # the orthogonality check passes when |engine − formula| ≤ 4 standard errors
VF_GRID, VF_LIM, VF_CLOUD = 21, 3.0, 1500  # vector field: 21×21 arrows on [-3, 3]², x_t cloud

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


def _layout(fig: plot.Figure, title: str, ytitle: str) -> plot.Figure:
    fig.update_layout(title=title, height=360, margin=dict(l=10, r=10, t=50, b=10),
                      legend=dict(orientation="h", yanchor="top", y=-0.3, x=0),
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
    fig = plot.Figure()
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
    plot.chart(_layout(fig, t("objective.fig.lambda_title"), t("objective.fig.weight")),
               width="stretch", key="objective_lambda_fig")
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
    fig = plot.Figure()
    fig.add_scatter(x=ts, y=w["amp"][1:], name=t("objective.fig.amp"),
                    mode="lines+markers" if T < 30 else "lines")
    fig.add_scatter(x=ts, y=np.ones(T), name=t("objective.fig.eps_scale"),
                    mode="lines+markers" if T < 30 else "lines", line=dict(color="gray"))
    fig.add_vline(x=step, line=dict(color="crimson", dash="dot"),
                  annotation_text=t("objective.fig.chosen"))
    plot.chart(_layout(fig, t("objective.fig.amp_title"), t("objective.fig.amp")),
               width="stretch", key="objective_amp_fig")
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
fig = plot.Figure()
fig.add_scatter(x=f_ts, y=f_vals, name=t("objective.fig.floor"), mode="lines+markers")
fig = _layout(fig, t("objective.fig.floor_title"), t("objective.fig.floor_y"))
fig.update_layout(xaxis_type="log" if T > 1 else "linear", yaxis_type="linear")
plot.chart(fig, width="stretch", key="objective_floor_fig")
floor_mean = float(np.interp(np.arange(1, T + 1), f_ts, f_vals).mean())  # t ~ U{1..T}
st.markdown(t("objective.floor.mean", mean=_num(floor_mean, 4)))
show_code(ddpm_core.optimal_eps, ddpm_core.loss_floor)


# 5 + 6 · a trained network against ε* --------------------------------------------
def _fingerprint(choice: ModelChoice) -> str:
    """A cache key for a model: the pretrained name, or a hash of the student's weights (their
    model changes whenever they retrain it, its key "user" does not)."""
    if not choice.is_user:
        return choice.key
    h = hashlib.sha1()
    for v in choice.model.state_dict().values():
        h.update(v.detach().cpu().contiguous().reshape(-1).view(torch.uint8).numpy().tobytes())
    return "user:" + h.hexdigest()[:20]


def _predict(model: torch.nn.Module, x: torch.Tensor, step: int) -> torch.Tensor:
    """ε̂(x, t) in float64 on the CPU (the network runs in its own dtype and device)."""
    p = next(model.parameters(), None)
    device, dtype = (p.device, p.dtype) if p is not None else ("cpu", torch.float32)
    with torch.inference_mode():
        out = model(x.to(device, dtype), int(step))
    return out.detach().to("cpu", torch.float64)


def _x0(dataset: str, n: int, g: torch.Generator) -> torch.Tensor:
    if dataset in ddpm_core.MIXTURES:
        return ddpm_core.mixture(dataset).sample(n, g, dtype=torch.float64)
    return ddpm_core.toy_2d(dataset, n, g).double()


def _t_grid(T: int) -> np.ndarray:
    """About 30 values of t in 1..T: geometric (small t) and even (large t)."""
    return np.unique(np.round(np.concatenate([np.geomspace(1, T, 18),
                                              np.linspace(1, T, 13)])).astype(int))


@st.cache_data(show_spinner=False, max_entries=16)
def _eps_errors(mkey: str, cfg: str, dataset: str, _model: torch.nn.Module) -> dict:
    """Per t of `_t_grid`, with x_0 ~ data, ε ~ N(0, I), x_t = q_sample(x_0, t, ε) (EPS_N draws):
    the model's loss E‖ε − ε̂‖²/d and, for mixtures, the floor E‖ε − ε*‖²/d, the error
    E‖ε* − ε̂‖²/d, Γ_t = E‖ε*‖²/d, and the cross term 2E[(ε − ε*)·(ε* − ε̂)]/d with its standard
    error (every mean is over the same draws, so loss = floor + error + cross exactly)."""
    s = schedule_from_key(cfg)
    ts = _t_grid(s.T)
    exact = dataset in ddpm_core.MIXTURES
    g = torch.Generator().manual_seed(SEED)
    x0 = _x0(dataset, EPS_N, g)
    keys = ("loss", "loss_se", "floor", "gap", "gamma", "cross", "cross_se")
    out: dict = {k: np.full(len(ts), np.nan) for k in keys}
    out["t"], out["exact"], out["finite"] = ts, exact, True
    for i, step in enumerate(ts):
        eps = torch.randn(x0.shape, generator=g, dtype=torch.float64)
        x_t = ddpm_core.q_sample(s, x0, int(step), eps)
        eps_hat = _predict(_model, x_t, int(step))
        if not bool(torch.isfinite(eps_hat).all()):
            out["finite"] = False
            return out
        star = (ddpm_core.optimal_eps(ddpm_core.mixture(dataset), s, x_t, int(step))
                if exact else None)
        for k, v in ddpm_core.loss_decomposition(eps, eps_hat, star).items():
            out[k][i] = v
    return out


@st.cache_data(show_spinner=False, max_entries=128)
def _field(mkey: str, cfg: str, dataset: str, step: int, _model: torch.nn.Module) -> dict:
    """ε̂ (and ε* for mixtures) on a VF_GRID² grid over [-VF_LIM, VF_LIM]², and VF_CLOUD draws of
    x_t (the same x_0 and ε at every t, so the cloud moves smoothly with the slider)."""
    s = schedule_from_key(cfg)
    ax = np.linspace(-VF_LIM, VF_LIM, VF_GRID)
    gx, gy = np.meshgrid(ax, ax)
    grid = torch.tensor(np.stack([gx.ravel(), gy.ravel()], 1), dtype=torch.float64)
    g = torch.Generator().manual_seed(SEED)
    x0 = _x0(dataset, VF_CLOUD, g)
    eps = torch.randn(x0.shape, generator=g, dtype=torch.float64)
    x_t = ddpm_core.q_sample(s, x0, step, eps)
    hat, hat_cloud = _predict(_model, grid, step), _predict(_model, x_t, step)
    out = {"grid": grid.numpy(), "cloud": x_t.numpy(), "hat": hat.numpy(),
           "alpha_bar": float(s.alpha_bars[step]),
           "finite": bool(torch.isfinite(hat).all() and torch.isfinite(hat_cloud).all()),
           "loss": float(((eps - hat_cloud) ** 2).mean())}
    if dataset in ddpm_core.MIXTURES:
        mix = ddpm_core.mixture(dataset)
        star_cloud = ddpm_core.optimal_eps(mix, s, x_t, step)
        out["star"] = ddpm_core.optimal_eps(mix, s, grid, step).numpy()
        out["gap"] = float(((star_cloud - hat_cloud) ** 2).mean())
        out["gamma"] = float((star_cloud**2).mean())
    return out


def _model_label(c: ModelChoice) -> str:
    if c.is_user:
        return t("objective.model.user", dataset=c.dataset)
    return t("objective.model.pretrained", name=c.key.split(":", 1)[1], dataset=c.dataset)


def _pick_model() -> ModelChoice | None:
    st.subheader(t("objective.m.title"))
    st.write(t("objective.m.body"))
    try:
        choices = model_choices(kind="2d")
    except Exception as e:  # a broken checkpoint file must not break the page
        st.error(t("objective.m.load_error", err=str(e)))
        return None
    if not choices:
        st.info(t("objective.m.none"))
        return None
    by_key = {c.key: c for c in choices}
    labels = {c.key: _model_label(c) for c in choices}
    keys = list(by_key)
    default = next((k for k in keys if by_key[k].is_user and by_key[k].dataset == "8gaussians"),
                   "pretrained:8gaussians" if "pretrained:8gaussians" in by_key else keys[0])
    key = st.selectbox(t("objective.m.select"), keys, index=keys.index(default),
                       format_func=labels.__getitem__, key="objective_model")
    choice = by_key[key]
    steps = choice.meta.get("train_steps")
    st.caption(t("objective.m.caption", dataset=choice.dataset, sched=repr(choice.schedule),
                 steps=steps if steps is not None else "?"))
    return choice


def _per_t_section(c: ModelChoice, mkey: str, cfg: str) -> None:
    st.markdown("#### " + t("objective.e.title"))
    try:
        r = _eps_errors(mkey, cfg, c.dataset, c.model)
    except ValueError as e:
        st.error(t("objective.m.bad_model", err=str(e)))
        return
    if not r["finite"]:
        st.error(t("objective.m.not_finite"))
        return
    ts, T_m = r["t"], c.schedule.T
    x_t, y_t = t("objective.fig.t"), t("objective.e.y")
    log_x = T_m > 2
    if not r["exact"]:
        st.info(t("objective.e.not_mixture", dataset=c.dataset))
        series = [(r["loss"], t("objective.e.loss"), fo.LOSS, "solid")]
        plot.chart(fo.per_t_figure(ts, series, t("objective.e.fig_loss_title"), x_t, y_t,
                                        log_x=log_x), width="stretch", key="objective_e_fig")
        mean = float(np.interp(np.arange(1, T_m + 1), ts, r["loss"]).mean())
        st.markdown(t("objective.e.mean_loss_only", loss=_num(mean, 4)))
        return
    st.write(t("objective.e.body", n=EPS_N, k=len(ts)))
    st.latex(r"\mathbb E\|\epsilon-\hat\epsilon\|^2 = \mathbb E\|\epsilon-\epsilon^*\|^2"
             r" + \mathbb E\|\epsilon^*-\hat\epsilon\|^2"
             r" + 2\,\underbrace{\mathbb E\big[(\epsilon-\epsilon^*)\cdot"
             r"(\epsilon^*-\hat\epsilon)\big]}_{=\,0}")
    series = [(r["floor"], t("objective.e.floor"), fo.FLOOR, "dash"),
              (r["loss"], t("objective.e.loss"), fo.LOSS, "solid"),
              (r["gap"], t("objective.e.gap"), fo.GAP, "solid"),
              (r["gamma"], t("objective.e.gamma"), fo.GAMMA, "dot")]
    plot.chart(fo.per_t_figure(ts, series, t("objective.e.fig_title"), x_t, y_t,
                                    log_x=log_x), width="stretch", key="objective_e_fig")
    i_mid = int(np.argmin(np.abs(ts - T_m / 2)))
    st.markdown(t("objective.e.mid", t=int(ts[i_mid]), gap=_num(r["gap"][i_mid], 4),
                  gamma=_num(r["gamma"][i_mid], 4),
                  pct=f"{100 * r['gap'][i_mid] / r['gamma'][i_mid]:.3g}"))
    every = np.arange(1, T_m + 1)
    st.markdown(t("objective.e.mean", loss=_num(float(np.interp(every, ts, r["loss"]).mean()), 4),
                  floor=_num(float(np.interp(every, ts, r["floor"]).mean()), 4)))

    # live check: the orthogonality (FORMULAS §h5) at a few t
    st.markdown(t("objective.e.check_head", se=f"{ORTHO_SE:g}"))
    picks = sorted({int(np.argmin(np.abs(ts - v))) for v in (1, T_m / 100, T_m / 10, T_m / 2, T_m)})
    formula = r["floor"] + r["gap"]
    check = pd.DataFrame({f"t = {ts[i]}": [formula[i], r["loss"][i]] for i in picks},
                         index=[t("check.formula"), t("check.engine")])
    st.dataframe(check, width="stretch",
                 column_config={col: st.column_config.NumberColumn(format="%.6g")
                                for col in check.columns})
    z = np.abs(r["loss"] - formula) / np.maximum(r["cross_se"], np.finfo(float).tiny)
    ok = bool(z.max() <= ORTHO_SE)
    msg = t("objective.e.check_z", z=f"{z.max():.2f}", k=len(ts), se=f"{ORTHO_SE:g}")
    (st.success if ok else st.warning)(msg + " — " + t("objective.e.check_ok" if ok
                                                      else "objective.e.check_bad"))
    with st.expander(t("objective.e.table")):
        table = pd.DataFrame({t("objective.e.col_loss"): r["loss"],
                              t("objective.e.col_floor"): r["floor"],
                              t("objective.e.col_gap"): r["gap"],
                              t("objective.e.col_gamma"): r["gamma"],
                              t("objective.e.col_diff"): r["loss"] - formula,
                              t("objective.e.col_se"): r["cross_se"]},
                             index=pd.Index(ts, name="t"))
        st.dataframe(table, width="stretch",
                     column_config={col: st.column_config.NumberColumn(format="%.4e")
                                    for col in table.columns})
    show_code(ddpm_core.optimal_eps, ddpm_core.q_sample)


@st.fragment
def _field_section(c: ModelChoice, mkey: str, cfg: str) -> None:
    st.subheader(t("objective.vf.title"))
    st.write(t("objective.vf.body"))
    st.latex(r"-\epsilon^*(x_t,t) = \sqrt{1-\bar\alpha_t}\;\nabla_{x_t}\log q(x_t)")
    T_m = c.schedule.T
    if T_m == 1:
        step = 1
        st.caption(t("objective.vf.t_fixed"))
    else:
        step = st.slider(t("objective.slider.t_vf"), 1, T_m, max(1, T_m // 25),
                         key=f"objective_vf_t_{c.key}_{T_m}")
    try:
        f = _field(mkey, cfg, c.dataset, int(step), c.model)
    except ValueError as e:
        st.error(t("objective.m.bad_model", err=str(e)))
        return
    if not f["finite"]:
        st.error(t("objective.m.not_finite"))
        return
    exact = "star" in f
    raw = [-f["hat"]] + ([-f["star"]] if exact else [])
    cell = 2 * VF_LIM / (VF_GRID - 1)
    drawn, unit = fo.arrow_lengths(raw, cell)
    fields = [(drawn[0], t("objective.vf.hat"), fo.EPS_HAT, 1.4)]
    if exact:  # ε* drawn first and wider: where the two agree, blue lies inside orange
        fields.insert(0, (drawn[1], t("objective.vf.star"), fo.EPS_STAR, 3.0))
    fig = fo.vector_field_figure(f["cloud"], f["grid"], fields, t("objective.vf.cloud"),
                                 t("objective.vf.fig_title", t=step, ab=f"{f['alpha_bar']:.3g}"),
                                 lim=VF_LIM)
    plot.chart(fig, width="stretch", key="objective_vf_fig")
    st.caption(t("objective.vf.scale", cell=f"{cell:.2g}", unit=_num(unit, 3)))
    if exact:
        st.markdown(t("objective.vf.values", t=step, gap=_num(f["gap"], 4),
                      gamma=_num(f["gamma"], 4), loss=_num(f["loss"], 4), n=VF_CLOUD))
    else:
        st.info(t("objective.vf.no_star", dataset=c.dataset))
        st.markdown(t("objective.vf.values_loss", t=step, loss=_num(f["loss"], 4), n=VF_CLOUD))
    show_code(ddpm_core.optimal_eps, ddpm_core.score)


choice = _pick_model()
if choice is not None:
    M_KEY, M_CFG = _fingerprint(choice), schedule_key(choice.schedule)
    _per_t_section(choice, M_KEY, M_CFG)
    _field_section(choice, M_KEY, M_CFG)
