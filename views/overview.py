"""Page 1, the overview: what a diffusion model does, a pretrained model denoising live,
Algorithms 1 and 2 side by side (Ho et al. 2020), and the map of the derivation."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st
import torch

import ddpm_core
from ddpm_core import likelihood
from ddpm_core.forward import _q_sample
from ddpm_core.posterior import _posterior_mean_from_eps
from ui import plot
from ui.code_panel import show_algorithm1_code, show_code
from ui.engine_cache import schedule_from_key, schedule_key
from ui.hero import HERO_DEFAULT, HERO_FPS, HERO_N, HERO_SEED, hero_trajectory, real_data_range
from ui.i18n import catalog, dataset_name, schedule_name, t
from ui.latex import formula, num, sci
from ui.models import pretrained_choice, pretrained_names
from ui.nav import PAGES, next_link, question
from ui.urlstate import URL, url_choice

N_DRAWS = 200_000  # draws of q_sample for the schedule check
K_SE, FLOOR = 4.0, 1e-9  # agreement: |difference| ≤ K_SE·SE + FLOOR


@st.cache_data(max_entries=64, show_spinner=False)
def _x_T_moments(cfg: str) -> tuple[float, float, float, float]:
    """Mean, std and their standard errors of N_DRAWS draws of q_sample(x_0 = 1, T)."""
    sched = schedule_from_key(cfg)
    x0 = torch.ones(N_DRAWS, 1, dtype=torch.float64)
    noise = torch.randn(x0.shape, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    x_T = ddpm_core.q_sample(sched, x0, sched.T, noise)
    return likelihood.sample_moments(x_T)


def _page_question(page) -> str | None:
    """A page's own question line (`<prefix>.question`), else the overview's fallback caption."""
    for k in (page.question_key, f"ov.q.{page.key}"):
        if k in catalog():
            return t(k)
    return None


def _hero_figure(h: dict, i: int) -> plot.Figure:
    """The hero's cloud at frame i (the player in ui.plot moves it through the frames)."""
    frames, ts = h["frames"], h["ts"]
    fig = plot.Figure(data=[plot.scattergl(x=frames[i, :, 0], y=frames[i, :, 1],
                                           mode="markers",
                                           marker=dict(size=4, color="rgba(31,119,180,0.7)"))])
    fig.add_annotation(text=t("ov.hero_frame", t=ts[i]), xref="paper", yref="paper", x=0.5,
                       y=1.0, yanchor="bottom", showarrow=False, font=dict(size=16))
    fig.update_layout(
        height=480, margin=dict(l=10, r=10, t=40, b=30),
        xaxis=dict(range=[-3.2, 3.2], constrain="domain"),
        yaxis=dict(range=[-3.2, 3.2], scaleanchor="x", scaleratio=1),
    )
    return fig


def _hero_player(h: dict, name: str, seed: int) -> None:
    """The hero on the page's one player path (ui.plot.player): the frames are sent once
    (int16), play, step and the keys run in the browser; there is no page t to report."""
    frames, ts = h["frames"], list(h["ts"])

    def frames_file() -> tuple:  # encoded only when the payload is not encoded yet
        return plot.frames_file(plot.frames_body([
            {"trace": 0, "prop": "x", **plot.frames_xy(frames[..., 0])},
            {"trace": 0, "prop": "y", **plot.frames_xy(frames[..., 1])}]))

    texts = [{"where": "annotation", "i": 0, "values": [t("ov.hero_frame", t=v) for v in ts]}]
    ui = {k: t(f"ov.player.{k}") for k in ("play", "pause", "back", "fwd", "speed",
                                           "speed_option", "play_help", "hint", "t_label")}
    plot.player(lambda i: _hero_figure(h, i), key="ov_hero_fig", labels=ts, index=0,
                frames=frames_file, texts=texts, ui=ui, sig=f"{name}|{seed}|{len(ts)}",
                speeds=(1,), speed=1, fps=HERO_FPS, width="stretch")


def _hero_section() -> None:
    names = [n for n in pretrained_names() if pretrained_choice(n).dataset != "digits"]
    if not names:
        st.info(t("ov.no_pretrained"))
    else:
        left, right = st.columns([2, 1.1])
        with right:
            default = names.index(HERO_DEFAULT) if HERO_DEFAULT in names else 0
            labels = {n: dataset_name(pretrained_choice(n).dataset) for n in names}
            name = url_choice(st.selectbox, t("ov.hero_model"), names, labels, index=default,
                              key="ov_model")
            seed = st.number_input(t("ov.hero_seed"), 0, 10_000, HERO_SEED, key="ov_seed",
                                   **URL)
            with st.spinner(t("ov.hero_running")):
                hero = hero_trajectory(name, int(seed))
            st.markdown(t("ov.hero_text", T=hero["T"], kind=schedule_name(hero["kind"]), n=HERO_N))
            q = hero["quality"]
            with st.spinner(t("ov.hero_chance")):
                real = real_data_range(pretrained_choice(name).dataset, HERO_N)
            quality = pd.DataFrame(
                {t("ov.col_swd"): [q["swd_ratio"], real["swd"][0], real["swd"][1]],
                 t("ov.col_mmd"): [q["mmd_ratio"], real["mmd"][0], real["mmd"][1]]},
                index=[t("ov.col_run"), t("ov.col_real_median"),
                       t("ov.col_real_max")])
            st.dataframe(quality, width="stretch",
                         column_config={c: st.column_config.NumberColumn(format="%.2f",
                                                                          width="small")
                                        for c in quality.columns})
            st.caption(t("ov.hero_check", n=HERO_N, k=real["k"]))
            st.page_link("views/sampling.py", label=t("ov.to_sampling"), icon="🎞️")
        with left:
            _hero_player(hero, name, int(seed))


sched = st.session_state["schedule_obj"]  # set by app.py's frame before every page run

st.title(t("app.title"))
question("ov.question")
st.write(t("app.tagline"))
st.markdown(t("ov.what"))
st.markdown(t("ov.sources"))

# ---------------------------------------------------------------- hero
st.subheader(t("ov.hero"))
hero_box = st.container()  # filled last: the rest of the page shows while it computes

# ---------------------------------------------------------------- the two algorithms
st.subheader(t("ov.algos"))
a1, a2 = st.columns(2)
with a1:
    st.markdown(t("ov.alg1"))
    formula(t("ov.alg1_latex"))
    st.caption(t("ov.alg1_note"))
    show_algorithm1_code()
with a2:
    st.markdown(t("ov.alg2"))
    formula(t("ov.alg2_latex"))
    st.caption(t("ov.alg2_note"))
    show_code(ddpm_core.ddpm_step, _posterior_mean_from_eps)

# ---------------------------------------------------------------- the current schedule
st.subheader(t("ov.schedule"))
T = sched.T
ab_T = math.prod(1.0 - b for b in sched.betas[1:].tolist())  # ∏ (1 - β_t), from the β table
# 7 digits: tests/test_app.py pins ᾱ_1000 = 4.035830 × 10⁻⁵ as shown here
formula(r"\bar\alpha_T = \prod_{t=1}^{T} (1-\beta_t) = " + sci(ab_T))
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
mean_f, std_f = math.sqrt(ab_T), math.sqrt(1.0 - ab_T)
st.markdown(t("ov.schedule_text", T=T, kind=schedule_name(sched.kind), std=num(std_f, 6),
              scale=num(mean_f, 4)))
mean_T, std_T, se_mean, se_std = _x_T_moments(schedule_key(sched))
st.dataframe(pd.DataFrame(
    {t("ov.col_mean"): [mean_f, mean_T], t("ov.col_std"): [std_f, std_T]},
    index=[t("check.formula"), t("check.engine")]), width="content",
    column_config={c: st.column_config.NumberColumn(format="%.6f")
                   for c in (t("ov.col_mean"), t("ov.col_std"))})
c_mean = likelihood.mc_check(mean_T, mean_f, se_mean, k=K_SE, floor=FLOOR)
c_std = likelihood.mc_check(std_T, std_f, se_std, k=K_SE, floor=FLOOR)
st.markdown(t("ov.schedule_check", n=f"{N_DRAWS:,}", d_mean=num(c_mean.diff, 3),
              se_mean=num(se_mean, 3), d_std=num(c_std.diff, 3), se_std=num(se_std, 3),
              k=f"{K_SE:g}", floor=num(FLOOR, 1), tol_mean=num(c_mean.tol, 3),
              tol_std=num(c_std.tol, 3),
              verdict=t("ov.agree" if c_mean.ok and c_std.ok else "ov.disagree")))
show_code(_q_sample)

# ---------------------------------------------------------------- map of the derivation
st.subheader(t("ov.map"))
st.markdown(t("ov.map_intro"))
later = [p for p in PAGES if p.path != "views/overview.py"]
for row in range(0, len(later), 2):  # one row per pair: on a phone the cards keep their order
    cols = st.columns(2)
    for col, page in zip(cols, later[row:row + 2]):
        with col.container(border=True):
            st.page_link(page.path, label=t(f"nav.{page.key}"), icon=page.icon)
            caption = _page_question(page)
            if caption:
                st.caption(caption)

with hero_box:
    _hero_section()

next_link(__file__)
