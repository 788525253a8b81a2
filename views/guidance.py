"""Beyond DDPM, 'Guidance' (issue 13, FORMULAS.md §m): classifier guidance with the exact noisy
classifier of a labelled 2-D Gaussian mixture; classifier-free guidance with the trained
class-conditional model and the exact ε*; the tilted density p(x|c)^s p(x)^{1−s} against what
guidance actually samples; the class-conditional digits model drawing a chosen digit.

Every number comes from `ddpm_core`; results are cached per setting (st.cache_data), the
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
import torch

import ddpm_core
from ddpm_core.glyphs import nearest_template
from ddpm_core.guidance import GuidedEps, cfg_eps, classifier_guided_eps, labelled_mixture
from ddpm_core.pretrain import sample_cond_digits
from ui import fig_guidance as fg
from ui import plot
from ui.code_panel import show_code
from ui.engine_cache import schedule_from_key, schedule_key
from ui.fig_objective import log_ticks, tex_num
from ui.fig_sampling import grids_figure, image_grid
from ui.i18n import t
from ui.models import checkpoint_error, load_conditional
from ui.nav import next_link, question

URL = {"bind": "query-params"}
N_2D = 500  # samples per 2-D panel
GAP_K, GAP_N = 8, 300  # the ε-gap chart: values of t, draws per t
N_DIGITS = 64
SEED = 0
PROBE = (0.8, 0.9)  # the point where the live check prints ε̂
CHECK_TOL = 1e-8
S_MAX = 8.0
S_STEP = 0.25  # the scale slider's step: its values are S_GRID
S_GRID = tuple(i * S_STEP for i in range(round(S_MAX / S_STEP) + 1))
DIGIT_S_DEFAULT = 3.0

sched = st.session_state["schedule_obj"]  # set by app.py's frame before every run
CFG = schedule_key(sched)
LM = labelled_mixture("4gaussians")


def _class_name(c: int) -> str:
    return t("guid.class", c=c)


# ------------------------------------------------------------------ cached computations
@st.cache_data(show_spinner=False, max_entries=64)
def _cg_samples(cfg: str, c: int, s: float) -> np.ndarray:
    """N_2D samples of classifier guidance with the exact classifier (sidebar schedule)."""
    sc = schedule_from_key(cfg)
    return fg.run_sampler(fg.ExactClassifierGuided(LM, sc, c, s), sc, N_2D, "ddpm", SEED)


@st.cache_data(show_spinner=False, max_entries=8)
def _data() -> tuple[np.ndarray, np.ndarray]:
    x, y = LM.sample(1500, torch.Generator().manual_seed(7))
    return x.double().numpy(), y.numpy()


def _check_ts(T: int) -> list[int]:
    return sorted({1, max(1, T // 10), max(1, T // 2), T})


@st.cache_data(show_spinner=False, max_entries=32)
def _check_terms(cfg: str, c: int) -> dict:
    """What the live check needs that does not depend on s: at a few t, 500 points x_t ~ q(x_t)
    and there the whole mixture's ε*, the exact ∇log p_t(c|x_t) and the class's own ε* (its
    sub-mixture's oracle); the same two at the probe point."""
    sc = schedule_from_key(cfg)
    g = torch.Generator().manual_seed(3)
    x0, _ = LM.sample(500, g, torch.float64)
    rows = []
    for step in _check_ts(sc.T):
        x_t = ddpm_core.q_sample(sc, x0, step, torch.randn(x0.shape, generator=g,
                                                           dtype=torch.float64))
        rows.append({"t": step, "eps": LM.eps_star(sc, x_t, step),
                     "grad": LM.grad_log_p_y(sc, x_t, step, c),
                     "own": LM.eps_star(sc, x_t, step, c)})
    probe_t = max(1, sc.T // 10)
    xp = torch.tensor([PROBE], dtype=torch.float64)
    return {"rows": rows, "probe_t": probe_t, "probe_eps": LM.eps_star(sc, xp, probe_t),
            "probe_grad": LM.grad_log_p_y(sc, xp, probe_t, c)}


def _live_check(cfg: str, c: int, s: float) -> dict:
    """At a few t, on 500 points x_t ~ q(x_t): (a) classifier guidance with s = 1 against the
    class's own ε* (its sub-mixture's oracle), (b) classifier guidance at s against CFG with the
    exact ε*_c, ε*_u (the implicit classifier); and ε̂ at the probe point for s. Both formulas
    run at this s on every rerun; only the oracle's values (`_check_terms`) are cached."""
    sc = schedule_from_key(cfg)
    terms = _check_terms(cfg, c)
    rows = []
    for r in terms["rows"]:
        step, eps, grad, own = r["t"], r["eps"], r["grad"], r["own"]
        guided1 = classifier_guided_eps(eps, grad, sc, step, 1.0)
        guided_s = classifier_guided_eps(eps, grad, sc, step, s)
        cfg_s = cfg_eps(own, eps, s)
        rows.append({"t": step, "s1": float((guided1 - own).abs().max()),
                     "cfg": float((guided_s - cfg_s).abs().max())})
    probe_t = terms["probe_t"]
    eps_p = classifier_guided_eps(terms["probe_eps"], terms["probe_grad"], sc, probe_t, s)
    return {"rows": rows, "probe_t": probe_t, "probe_eps": eps_p[0].tolist()}


def _stats(x: np.ndarray, c: int) -> dict:
    """Share of samples the exact classifier (t = 0) gives to class c; their mean radius (the
    modes sit at 1.6); their angular spread (degrees, rms) about the class's centre direction.
    (At t = 0 the classifier is the data's, whatever the schedule.)"""
    xt = torch.tensor(x)
    p = LM.log_p_y(sched, xt, 0, c).exp()
    centre = LM.conditional(c).means.mean(0)
    ang = torch.atan2(xt[:, 1], xt[:, 0]) - torch.atan2(centre[1], centre[0])
    ang = torch.remainder(ang + torch.pi, 2 * torch.pi) - torch.pi
    return {"share": float((p > 0.5).double().mean()), "radius": float(xt.norm(dim=1).mean()),
            "spread": float(ang.pow(2).mean().sqrt() * 180 / torch.pi)}


@st.cache_data(show_spinner=False, max_entries=64)
def _cfg_panels(c: int, s: float, avoid: bool) -> dict:
    """CFG on the conditional model's schedule: exact ε* (DDPM and DDIM), the trained model
    (DDPM), and draws from the gridded tilted density; SWD of each to the tilted draws."""
    ck = load_conditional("4gaussians")
    return fg.cfg_panels(LM, ck.model, ck.schedule, c, [s], avoid, N_2D, SEED, grid=False)[0]


def _gap_ts() -> np.ndarray:
    """Up to GAP_K values of t, geometric, from the first t whose noise √(1−ᾱ_t) spans two
    grid cells (the grid density resolves the noise there) to T."""
    sc = load_conditional("4gaussians").schedule
    h = 2 * fg.LIM / (fg.GRID - 1)
    t_lo = int(np.argmax((1 - sc.alpha_bars).sqrt().numpy() >= 2 * h))
    return np.unique(np.round(np.geomspace(t_lo, sc.T, GAP_K)).astype(int))


@st.cache_data(show_spinner=False, max_entries=64)
def _eps_gap(c: int, s: float, avoid: bool) -> np.ndarray:
    """Mean ‖ε̃_CFG − ε_{noised tilted}‖ over x_t ~ q̃_t (GAP_N draws) at each t of `_gap_ts`."""
    sc = load_conditional("4gaussians").schedule
    return fg.eps_gap(LM, sc, c, [s], avoid, _gap_ts(), GAP_N)[0]


# ------------------------------------------------------------------ the scale grid
def _frozen(a):
    if isinstance(a, np.ndarray):
        a.flags.writeable = False  # shared by every session: read-only
    return a


def _grid_jobs(cfg: str, c: int, avoid: bool, ck) -> dict:
    """The background jobs that fill the whole scale grid for this class and setting (the
    schedule and the shared model resolved here, in the script's thread; None: no model)."""
    sc = schedule_from_key(cfg)

    def cg(stop):
        return _frozen(fg.cg_grid(LM, sc, c, S_GRID, N_2D, SEED, stop))

    jobs = {("cg", cfg, c): cg}
    if ck is None:
        return jobs
    ts = _gap_ts()

    def cfg_p(stop):
        out = fg.cfg_panels(LM, ck.model, ck.schedule, c, S_GRID, avoid, N_2D, SEED, stop=stop)
        return [{k: _frozen(v) for k, v in o.items()} for o in out]

    def gap(stop):
        return _frozen(fg.eps_gap(LM, ck.schedule, c, S_GRID, avoid, ts, GAP_N, stop))

    return {**jobs, ("cfg", c, avoid): cfg_p, ("gap", c, avoid): gap}


def _request_grids(cfg: str, c: int, avoid: bool, ck) -> None:
    if not fg.GRIDS.enabled():
        return
    jobs = _grid_jobs(cfg, c, avoid, ck)
    for key in reversed(list(jobs)):  # the queue runs newest first: the CG panel first
        fg.GRIDS.request(key, jobs[key])


def _from_grid(key, s: float):
    """The grid's entry for s once the background job has filled it, else None."""
    grid = fg.GRIDS.get(key)
    return None if grid is None or s not in S_GRID else grid[S_GRID.index(s)]


def _cg_panel(cfg: str, c: int, s: float) -> np.ndarray:
    got = _from_grid(("cg", cfg, c), s)
    return got if got is not None else _cg_samples(cfg, c, s)


@st.cache_data(show_spinner=False, max_entries=256)
def _cg_stats(cfg: str, c: int, s: float) -> dict:
    """`_stats` of the classifier-guidance panel at scale s, per setting: a scale-slider rerun
    computes only the new s's (the panels at s = 0 and 1 stay). From the panel there is when
    first asked (the grid's or the direct run's, the same numbers to float rounding)."""
    return _stats(_cg_panel(cfg, c, s), c)


def _cfg_panel(c: int, s: float, avoid: bool) -> dict:
    got = _from_grid(("cfg", c, avoid), s)
    return got if got is not None else _cfg_panels(c, s, avoid)


def _gap(c: int, s: float, avoid: bool) -> np.ndarray:
    got = _from_grid(("gap", c, avoid), s)
    return got if got is not None else _eps_gap(c, s, avoid)


@st.cache_data(show_spinner=False, max_entries=128)
def _digits(digit: int, s: float) -> dict:
    """N_DIGITS classifier-free guided samples of `digit` (DDIM 50, cond/uncond batched),
    and how many the nearest-template measure recognises as that digit."""
    ck = load_conditional("digits")
    imgs = sample_cond_digits(ck.model, ck.schedule, digit, s, N_DIGITS,
                                                 seed=SEED)
    idx, sim = nearest_template(imgs)
    bar = ck.meta["quality"]["bar"]
    ok = torch.isfinite(sim) & (sim >= bar) & (idx == digit)
    return {"imgs": imgs.numpy(), "rate": float(ok.double().mean()), "bar": bar,
            "hist": torch.bincount(idx[torch.isfinite(sim) & (sim >= bar)],
                                   minlength=10).tolist()}


# ---------------------------------------------------------------------------- page
st.header(t("guid.title"))
question("guid.question")
st.markdown(t("guid.intro"))
st.latex(r"\nabla\log q_t(x_t\mid c)=\nabla\log q_t(x_t)+\nabla\log p_t(c\mid x_t)")
st.latex(r"\epsilon=-\sqrt{1-\bar\alpha_t}\;\nabla_{x_t}\log q_t")

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
st.latex(r"\hat\epsilon(x_t,t)=\epsilon^*(x_t,t)-s\,\sqrt{1-\bar\alpha_t}\;"
         r"\nabla_{x_t}\log p_t(c\mid x_t)")
st.latex(r"p_t(c\mid x_t)=\sum_{k\in c}w_k(x_t)")
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
st.latex(r"\tilde\epsilon=\epsilon_\theta(x_t,t)+s\,\big(\epsilon_\theta(x_t,t,c)-"
         r"\epsilon_\theta(x_t,t)\big)")
st.latex(r"\tilde\epsilon=(1+w)\,\epsilon_\theta(x_t,t,c)-w\,\epsilon_\theta(x_t,t)")
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
    st.latex(r"\tilde p(x)\propto p(x\mid c)^{s}\,p(x)^{1-s}\;\propto\;p(x)\,p(c\mid x)^{s}"
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
    st.latex(r"s\nabla\log q_t(x\mid c)+(1-s)\nabla\log q_t(x)=\nabla\log\big[q_t(x\mid c)^s"
             r"q_t(x)^{1-s}\big]")
    st.latex(r"\neq\;\nabla\log\tilde q_t(x)")
    st.latex(r"\tilde q_t(x)=\int\tilde p(x_0)\,\mathcal N\big(x;\sqrt{\bar\alpha_t}\,x_0,"
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
