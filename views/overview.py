"""Page 1, the overview: what a diffusion model does, a pretrained model denoising live,
Algorithms 1 and 2 side by side (Ho et al. 2020), and the map of the derivation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st
import torch

import ddpm_core
from ui import plot
from ui.code_panel import show_code
from ui.engine_cache import schedule_from_key, schedule_key
from ui.hero import HERO_DEFAULT, HERO_N, HERO_SEED, hero_trajectory
from ui.i18n import t
from ui.latex import sci
from ui.models import pretrained_choice, pretrained_names

MAP = [  # (page, icon, key): the derivation in the lecture's order
    ("views/mle.py", "📈", "mle"),
    ("views/elbo.py", "🧱", "elbo"),
    ("views/forward.py", "➡️", "forward"),
    ("views/posterior.py", "🔁", "posterior"),
    ("views/objective.py", "🎯", "objective"),
    ("views/sampling.py", "🎞️", "sampling"),
    ("views/playground.py", "🛝", "playground"),
]


@st.cache_data(max_entries=64, show_spinner=False)
def _x_T_moments(cfg: str) -> tuple[float, float]:
    """Mean and std of 200,000 draws of q_sample(x_0 = 1, T) for the schedule `cfg`."""
    sched = schedule_from_key(cfg)
    x0 = torch.ones(200_000, 1, dtype=torch.float64)
    noise = torch.randn(x0.shape, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    x_T = ddpm_core.q_sample(sched, x0, sched.T, noise)
    return float(x_T.mean()), float(x_T.std())


def _hero_figure(h: dict) -> plot.Figure:
    frames, ts = h["frames"], h["ts"]
    label = t("ov.hero_frame")

    def scatter(i):
        return plot.scattergl(x=frames[i, :, 0], y=frames[i, :, 1], mode="markers",
                              marker=dict(size=4, color="rgba(31,119,180,0.7)"))

    fig = plot.Figure(data=[scatter(0)],
                      frames=[{"data": [scatter(i)], "name": str(ts[i]),
                               "layout": {"title": {"text": label.format(t=ts[i])}}}
                              for i in range(len(ts))])
    play = dict(label="▶", method="animate",
                args=[None, dict(frame=dict(duration=120, redraw=True), fromcurrent=True,
                                 transition=dict(duration=0))])
    pause = dict(label="⏸", method="animate",
                 args=[[None], dict(frame=dict(duration=0, redraw=False), mode="immediate")])
    steps = [dict(method="animate", label=str(ts[i]),
                  args=[[str(ts[i])], dict(mode="immediate", frame=dict(duration=0, redraw=True),
                                           transition=dict(duration=0))])
             for i in range(len(ts))]
    fig.update_layout(
        title=label.format(t=ts[0]), height=520, margin=dict(l=10, r=10, t=40, b=70),
        xaxis=dict(range=[-3.2, 3.2], constrain="domain"),
        yaxis=dict(range=[-3.2, 3.2], scaleanchor="x", scaleratio=1),
        updatemenus=[dict(type="buttons", buttons=[play, pause], direction="left",
                          x=0.0, y=-0.1, xanchor="left", yanchor="top", showactive=False)],
        sliders=[dict(steps=steps, x=0.16, len=0.84, y=-0.06, yanchor="top",
                      currentvalue=dict(prefix="t = ", xanchor="right"), pad=dict(t=0))],
    )
    return fig


def _hero_section() -> None:
    names = [n for n in pretrained_names() if pretrained_choice(n).dataset != "digits"]
    if not names:
        st.info(t("ov.no_pretrained"))
    else:
        left, right = st.columns([2, 1.1])
        with right:
            default = names.index(HERO_DEFAULT) if HERO_DEFAULT in names else 0
            name = st.selectbox(t("ov.hero_model"), names, index=default, key="ov_model")
            seed = st.number_input(t("ov.hero_seed"), 0, 10_000, HERO_SEED, key="ov_seed")
            with st.spinner(t("ov.hero_running")):
                hero = hero_trajectory(name, int(seed))
            st.markdown(t("ov.hero_text", T=hero["T"], kind=hero["kind"], n=HERO_N))
            q = hero["quality"]
            st.dataframe(pd.DataFrame(
                {t("ov.row_bar"): [1.5, 1.35], t("check.engine"): [q["swd_ratio"], q["mmd_ratio"]]},
                index=[t("ov.col_swd"), t("ov.col_mmd")]), width="stretch")
            st.caption(t("ov.hero_check"))
            st.page_link("views/sampling.py", label=t("ov.to_sampling"), icon="🎞️")
        with left:
            plot.chart(_hero_figure(hero), width="stretch", key="ov_hero_fig")


sched = st.session_state["schedule_obj"]  # set by app.py's frame before every page run

st.title(t("app.title"))
st.write(t("app.tagline"))
st.markdown(t("ov.what"))

# ---------------------------------------------------------------- hero
st.subheader(t("ov.hero"))
hero_box = st.container()  # filled last: the rest of the page shows while it computes

# ---------------------------------------------------------------- the two algorithms
st.subheader(t("ov.algos"))
a1, a2 = st.columns(2)
with a1:
    st.markdown(t("ov.alg1"))
    st.latex(r"\begin{array}{rl}"
             r"1: & \textbf{repeat}\\"
             r"2: & \quad x_0 \sim q(x_0)\\"
             r"3: & \quad t \sim \mathrm{Uniform}(\{1,\dots,T\})\\"
             r"4: & \quad \epsilon \sim \mathcal N(\mathbf 0, \mathbf I)\\"
             r"5: & \quad \text{take a gradient step on}\\"
             r"   & \qquad \nabla_\theta \big\|\epsilon - \epsilon_\theta\big(\sqrt{\bar\alpha_t}"
             r"\,x_0 + \sqrt{1-\bar\alpha_t}\,\epsilon,\ t\big)\big\|^2\\"
             r"6: & \textbf{until } \text{converged}\end{array}")
    st.caption(t("ov.alg1_note"))
    show_code(ddpm_core.train)
with a2:
    st.markdown(t("ov.alg2"))
    st.latex(r"\begin{array}{rl}"
             r"1: & x_T \sim \mathcal N(\mathbf 0, \mathbf I)\\"
             r"2: & \textbf{for } t = T, \dots, 1 \textbf{ do}\\"
             r"3: & \quad z \sim \mathcal N(\mathbf 0, \mathbf I) \text{ if } t > 1"
             r"\text{, else } z = \mathbf 0\\"
             r"4: & \quad x_{t-1} = \frac{1}{\sqrt{\alpha_t}}\Big(x_t - "
             r"\frac{1-\alpha_t}{\sqrt{1-\bar\alpha_t}}\,\epsilon_\theta(x_t, t)\Big)"
             r" + \sigma_t z\\"
             r"5: & \textbf{end for}\\"
             r"6: & \textbf{return } x_0\end{array}")
    st.caption(t("ov.alg2_note"))
    show_code(ddpm_core.ddpm_step)

# ---------------------------------------------------------------- the current schedule
st.subheader(t("ov.schedule"))
T = sched.T
ab_T = float(sched.alpha_bars[T])
st.latex(r"\bar\alpha_T = \prod_{t=1}^{T} (1-\beta_t) = " + sci(ab_T))
ts = np.arange(T + 1)
ab = sched.alpha_bars.numpy()
fig = plot.Figure(data=[
    plot.scatter(x=ts, y=np.sqrt(ab), name=t("ov.signal"), line=dict(color="#1f77b4", width=2.5)),
    plot.scatter(x=ts, y=np.sqrt(1 - ab), name=t("ov.noise"),
                 line=dict(color="#d62728", width=2.5)),
])
fig.update_layout(height=300, margin=dict(l=10, r=10, t=30, b=10), xaxis_title="t",
                  yaxis=dict(range=[0, 1.02]), legend=dict(orientation="h", y=1.15, x=0))
plot.chart(fig, width="stretch", key="ov_schedule_fig")
st.markdown(t("ov.schedule_text", T=T, kind=sched.kind, std=(1 - ab_T) ** 0.5,
              scale=ab_T ** 0.5))
mean_T, std_T = _x_T_moments(schedule_key(sched))
st.dataframe(pd.DataFrame(
    {t("ov.col_mean"): [ab_T ** 0.5, mean_T],
     t("ov.col_std"): [(1 - ab_T) ** 0.5, std_T]},
    index=[t("check.formula"), t("check.engine")]), width="content")
st.caption(t("ov.schedule_check"))
show_code(ddpm_core.q_sample)

# ---------------------------------------------------------------- map of the derivation
st.subheader(t("ov.map"))
st.markdown(t("ov.map_intro"))
cols = st.columns(2)
for i, (page, icon, key) in enumerate(MAP):
    with cols[i % 2].container(border=True):
        st.page_link(page, label=t(f"nav.{key}"), icon=icon)
        st.caption(t(f"ov.q.{key}"))

with hero_box:
    _hero_section()
