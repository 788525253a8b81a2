"""Beyond DDPM, 'From text to image' (issue 12, FORMULAS.md §p, §m): seed 002's three-part
pipeline (text encoder → generator in a latent → decoder) as a toy that runs end to end —
a bilingual word lookup, classifier-free guided DDIM with the exact ε* of a Gaussian mixture
in a 16-dim PCA latent, the PCA decoder back to 16×16 pixels — next to Stable Diffusion v1's
real shapes; the PCA autoencoder's identities and reconstruction error; guiding in z then
decoding = guiding in x, and how much of a pixel classifier's gradient a latent one misses.

The pipeline is built once per server (ddpm_core.latent.default_pipeline, warmed by
ui/warmup.py) and shared read-only; every result is cached per setting (st.cache_data; the
guidance scale's runs for all the slider's values at once, so moving it only looks up); each
section is an st.fragment, so a slider reruns only its own section. The toy uses its own fixed
schedule (linear, T = 1000), not the sidebar's: the page says so.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st
import torch

from ddpm_core.glyphs import nearest_template
from ddpm_core.latent import (
    LatentGuidedEps,
    PCAAutoencoder,
    default_pipeline,
    encode_noisy,
    encode_text,
    eps_x_from_latent,
    grad_x_from_latent,
    known_words,
    text_to_image,
)
from ui import fig_t2i as ft
from ui import plot
from ui.code_panel import show_code
from ui.fig_sampling import grids_figure, image_grid
from ui.i18n import t
from ui.latex import formula, num
from ui.nav import next_link, question

URL = {"bind": "query-params"}
N_BATCH = 16  # the grid of generated digits
S_MAX = 8.0
S_STEP = 0.5  # the scale slider's step
GRID_SCALES = tuple(k * S_STEP for k in range(round(S_MAX / S_STEP) + 1))  # its values
STEPS_MAX = 200
SAME_TOL = 1e-4  # float32 loops; one step divides by √ᾱ_T ≈ 0.0064, so rounding ~1e-5
PCA_TOL = 1e-9  # relative: |mean ‖x − x̂‖² − Σ_{j>d} λ_j| / Σ_j λ_j
P2_TOL = 1e-6  # relative: max |difference| / max |value|
N_CHECK = 8  # noisy digits in the [p2] check
SHOW = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]  # data indices of the reconstructions shown
PROMPT_SHOWN = 40  # at most this many characters of a rejected prompt are echoed


@st.cache_resource(show_spinner=False)
def _pipe():
    """The default toy pipeline and its data, shared read-only by every session (ui/warmup.py
    builds them, and the page's other shared results, when the server starts)."""
    ft.toy_data()
    return default_pipeline()


def _md_escape(s: str) -> str:
    """User text shown inside markdown: every markdown/LaTeX special character escaped, cut
    to PROMPT_SHOWN characters (no HTML is ever allowed)."""
    s = s[:PROMPT_SHOWN] + ("…" if len(s) > PROMPT_SHOWN else "")
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>$~&" else ch for ch in s)


def _shape(s) -> str:
    return "×".join(str(v) for v in s)


# ------------------------------------------------------------------ cached computations
@st.cache_data(show_spinner=False, max_entries=256)
def _text_to_image(prompt: str, s: float, steps: int, seed: int) -> tuple:
    """The engine's pipeline run for this setting (its stage timings are those of that run);
    cached, so going back to a scale already seen does no engine work."""
    return text_to_image(prompt, s, steps, torch.Generator().manual_seed(seed), pipeline=_pipe())


def _recognised(imgs: np.ndarray, c: int) -> dict:
    idx, sim = nearest_template(torch.tensor(imgs))
    return {"imgs": imgs, "hits": int((idx == c).sum()), "sim": float(sim.nanmean()),
            "hist": torch.bincount(idx[idx >= 0], minlength=10).tolist()}


@st.cache_resource(show_spinner=False, max_entries=8)
def _scale_grid(c: int, steps: int, seed: int) -> tuple:
    """Every value of the scale slider at once (one batched run, ~0.25 s): per scale the
    trajectory and the recognised grid of N_BATCH digits, so moving the slider only looks up
    (issue 12's ≤ 150 ms rerun). Shared by all sessions, read-only (no copy per rerun); ~2 MB
    at 50 steps, ~7 MB at 200, 8 settings kept."""
    pipe = _pipe()
    trajs = ft.trajectories(pipe, c, GRID_SCALES, steps, seed)
    imgs = ft.batches(pipe, c, GRID_SCALES, steps, seed, N_BATCH)
    return tuple(zip(trajs, (_recognised(b, c) for b in imgs)))


def _runs(c: int, s: float, steps: int, seed: int) -> tuple[dict, dict]:
    """(trajectory, recognised grid) at scale s: looked up in the scale grid, or (a scale
    off the slider's 0.5 grid, e.g. from a hand-edited URL) computed on its own."""
    k = round(s / S_STEP)
    if abs(k * S_STEP - s) < 1e-9 and 0 <= k < len(GRID_SCALES):
        return _scale_grid(c, steps, seed)[k]
    pipe = _pipe()
    return (ft.trajectories(pipe, c, [s], steps, seed)[0],
            _recognised(ft.batches(pipe, c, [s], steps, seed, N_BATCH)[0], c))


@st.cache_data(show_spinner=False, max_entries=1)
def _step_cost() -> dict:
    _pipe()
    return ft.step_cost()


@st.cache_data(show_spinner=False, max_entries=300)
def _pca(d: int) -> dict:
    pipe = _pipe()
    x, _ = ft.toy_data()
    out = ft.pca_check(x, pipe.pca, d)
    out["imgs"] = ft.reconstructions(x, pipe.pca, d, SHOW)
    return out


@st.cache_data(show_spinner=False, max_entries=128)
def _p2_check(c: int, s: float, step: int) -> dict:
    """On N_CHECK noisy digits at t = step: the engine's ε*_x (eps_x_from_latent of the guided
    latent ε) against the dense pixel-space CFG, and U∇_z log p_t(c|z) against autograd of
    the pixel-space log p_t(c|x) (ui.fig_t2i.pixel_check)."""
    pipe = _pipe()
    x_t = ft.noisy_data(pipe, step, N_CHECK, seed=5)
    model = LatentGuidedEps(pipe.lm, pipe.sched, c, s)
    eng = eps_x_from_latent(pipe.pca, model, pipe.sched, x_t, step)
    z_t = encode_noisy(pipe.pca, pipe.sched, x_t, step)
    g_eng = grad_x_from_latent(pipe.pca, pipe.lm.grad_log_p_y(pipe.sched, z_t, step, c))
    ref, g_ref = ft.pixel_check(x_t, step, c, s)
    return {"eps": float((eng - ref).abs().max() / ref.abs().max()),
            "grad": float((g_eng - g_ref).abs().max() / g_ref.abs().max().clamp_min(1e-300)),
            "eps_max": float(ref.abs().max()), "grad_max": float(g_ref.abs().max())}


@st.cache_data(show_spinner=False, max_entries=1)
def _loss_curve() -> dict:
    _pipe()
    return ft.loss_curve(ft.LOSS_TS)


# ---------------------------------------------------------------------------- page
st.header(t("t2i.title"))
question("t2i.question")
st.markdown(t("t2i.intro"))
formula(rf"\text{{{t('t2i.w.prompt_short')}}}\;\xrightarrow{{\text{{{t('t2i.shape.enc')}}}}}\;e\;"
        rf"\xrightarrow{{\text{{{t('t2i.shape.gen')}}}}}\;z_0\;"
        rf"\xrightarrow{{\text{{{t('t2i.shape.dec')}}}}}\;x")
with st.spinner(t("t2i.building")):
    pipe = _pipe()
sc = pipe.sched
d0, D = pipe.pca.d, pipe.pca.D
st.info(t("t2i.schedule", T=sc.T, b1=num(float(sc.betas[1]), 4),
          bT=num(float(sc.betas[-1]), 4), abT=num(float(sc.alpha_bars[-1]), 3)))


# 1 · the pipeline end to end ------------------------------------------------------------
@st.fragment
def _pipeline_section() -> None:
    st.subheader(t("t2i.run.title"))
    st.markdown(t("t2i.run.body", d=d0, D=D, K=pipe.lm.mix.weights.shape[0]))
    cc = st.columns([2, 2, 2, 1])
    prompt = cc[0].text_input(t("t2i.w.prompt"), "three", max_chars=80, key="t2i_prompt",
                              help=t("t2i.w.prompt_help"), **URL)
    s = float(cc[1].slider(t("t2i.w.scale"), 0.0, S_MAX, 3.0, S_STEP, key="t2i_s", **URL))
    steps = int(cc[2].slider(t("t2i.w.steps"), 1, min(STEPS_MAX, sc.T), min(50, sc.T),
                             key="t2i_steps", **URL))
    seed = int(cc[3].number_input(t("t2i.w.seed"), 0, 999, 0, key="t2i_seed", **URL))
    words = " · ".join(known_words())
    st.caption(t("t2i.known", words=words))
    prompt = prompt if isinstance(prompt, str) else ""
    try:  # only the prompt is checked here: any other ValueError is a real failure
        encode_text(prompt)
    except ValueError:
        if not prompt.strip():
            st.warning(t("t2i.bad.empty", words=words))
        else:
            st.error(t("t2i.bad.unknown", word=_md_escape(prompt.strip()), words=words))
        st.caption(t("t2i.bad.later"))
        return
    image, info = _text_to_image(prompt, s, steps, seed)
    c = info["class"]
    st.success(t("t2i.encoded", word=_md_escape(prompt.strip()), c=c))
    if s == 0:
        st.info(t("t2i.s0"))
    elif s == 1:
        st.info(t("t2i.s1"))

    traj, b = _runs(c, s, steps, seed)
    n_show = min(ft.TRAJ_SHOWN, len(traj["t"]))
    idx = np.unique(np.linspace(0, len(traj["t"]) - 2, n_show).round().astype(int)).tolist()
    plot.chart(ft.trajectory_figure(traj, idx, [f"t = {traj['t'][i]}" for i in idx]),
               width="stretch", key="t2i_traj_fig")
    st.caption(t("t2i.traj.caption", steps=steps))
    same = float(np.abs(traj["image"] - image.double().numpy()).max())
    ok_same = same <= SAME_TOL
    (st.success if ok_same else st.error)(
        t("t2i.traj.same_ok" if ok_same else "t2i.traj.same_bad", diff=f"{same:.1e}",
          tol=f"{SAME_TOL:g}"))
    plot.chart(ft.latent_figure(traj, t("t2i.lat.title", d=d0), t("t2i.lat.x"),
                                t("t2i.lat.y")), width="stretch", key="t2i_lat_fig")

    cols = st.columns([1, 2])
    cols[0].markdown(t("t2i.result.one"))
    plot.chart(grids_figure([image_grid(image.numpy(), 1)], [f"“{c}”"], height=260),
               where=cols[0], width="stretch", key="t2i_img_fig")
    plot.chart(grids_figure([image_grid(b["imgs"], 8)], [t("t2i.result.grid", n=N_BATCH)],
                            height=260), where=cols[1], width="stretch", key="t2i_grid_fig")
    st.markdown(t("t2i.result.rate", hits=b["hits"], n=N_BATCH, c=c, sim=f"{b['sim']:.2f}"))
    show_code(encode_text, text_to_image, LatentGuidedEps.forward)

    # 2 · shapes and time, next to Stable Diffusion ---------------------------------------
    st.subheader(t("t2i.shape.title"))
    st.markdown(t("t2i.shape.body"))
    st_enc, st_gen, st_dec = info["stages"]
    ms = {k: 1000 * v["seconds"] for k, v in zip(("enc", "gen", "dec"), info["stages"])}
    sd_img, sd_lat, sd_txt = ft.SD["image"], ft.SD["latent"], ft.SD["text"]
    table = pd.DataFrame({
        t("t2i.shape.col_toy"): [
            t("t2i.shape.toy_enc", shape=_shape(st_enc["output_shape"])),
            t("t2i.shape.toy_gen", shape=_shape(st_gen["output_shape"]), steps=steps),
            t("t2i.shape.toy_dec", shape=_shape(st_dec["output_shape"]))],
        t("t2i.shape.col_ms"): [ms["enc"], ms["gen"], ms["dec"]],
        t("t2i.shape.col_sd"): [
            t("t2i.shape.sd_enc", shape=_shape(sd_txt)),
            t("t2i.shape.sd_gen", shape=_shape(sd_lat)),
            t("t2i.shape.sd_dec", lat=_shape(sd_lat), img=_shape(sd_img))]},
        index=[t("t2i.shape.enc"), t("t2i.shape.gen"), t("t2i.shape.dec")])
    st.dataframe(table, width="stretch", column_config={
        t("t2i.shape.col_ms"): st.column_config.NumberColumn(format="%.2f")})
    total = 1000 * info["seconds"]
    st.markdown(t("t2i.shape.total", ms=f"{total:.1f}", steps=steps,
                  per=f"{ms['gen'] / steps:.2f}"))
    st.caption(t("t2i.shape.source", unet=ft.SD["unet_params"], te=ft.SD["text_params"]))

    n_img, n_lat = math.prod(sd_img), math.prod(sd_lat)
    cost = _step_cost()
    st.markdown(t("t2i.why.body"))
    formula(rf"\text{{{t('t2i.toy')}: }}\frac{{\dim x}}{{\dim z}}=\frac{{{D}}}{{{d0}}}={D / d0:g}")
    formula(rf"\text{{SD v1: }}\frac{{{_shape(sd_img)}}}{{{_shape(sd_lat)}}}"
            rf"=\frac{{{n_img}}}{{{n_lat}}}={n_img / n_lat:g}")
    st.markdown(t("t2i.why.cost", lat=f"{1000 * cost['latent']:.3f}",
                  pix=f"{1000 * cost['pixel']:.3f}", ratio=f"{cost['pixel'] / cost['latent']:.0f}",
                  ml=f"{cost['latent_madds']:,}", mp=f"{cost['pixel_madds']:,}",
                  mr=f"{cost['pixel_madds'] / cost['latent_madds']:.0f}", d=d0, D=D,
                  K=pipe.lm.mix.weights.shape[0]))
    pos_ratio = (sd_img[0] * sd_img[1]) / (sd_lat[0] * sd_lat[1])
    st.markdown(t("t2i.why.sd", f=ft.SD["f"], pos=f"{pos_ratio:g}",
                  pi=f"{sd_img[0] * sd_img[1]:,}", pl=f"{sd_lat[0] * sd_lat[1]:,}"))


_pipeline_section()


# 3 · the PCA autoencoder -----------------------------------------------------------------
@st.fragment
def _pca_section() -> None:
    st.subheader(t("t2i.pca.title"))
    st.markdown(t("t2i.pca.body", N=ft.PIPELINE_N, D=D))
    formula(r"z=U^\top(x-m),\qquad U^\top U=I_d")
    formula(r"\hat x=m+Uz=m+UU^\top(x-m)")
    formula(r"\mathbb E\,\|x-\hat x\|^2=\sum_{j>d}\lambda_j")
    formula(r"\operatorname{Cov}(z)=\operatorname{diag}(\lambda_1,\dots,\lambda_d)")
    d = int(st.slider(t("t2i.w.d"), 1, D, d0, key="t2i_d", **URL))
    r = _pca(d)
    lam = pipe.pca.eigvals.numpy()
    n_pos = int((lam > 1e-10 * lam[0]).sum())  # the rest are 0 up to rounding
    plot.chart(ft.spectrum_figure(lam[:max(n_pos, d)], d, t("t2i.pca.spec_title"),
                                  t("t2i.pca.kept", d=d), t("t2i.pca.dropped"),
                                  t("t2i.pca.lambda")), width="stretch", key="t2i_spec_fig")
    if n_pos < D:
        k = max(n_pos, d)
        st.caption(t("t2i.pca.zero", n=D - n_pos, D=D)
                   + (" " + t("t2i.pca.first", k=k) if k < D else ""))
    plot.chart(grids_figure([image_grid(r["imgs"], len(SHOW))],
                            [t("t2i.pca.rec_title", d=d)], height=220),
               width="stretch", key="t2i_rec_fig")
    st.markdown(t("t2i.pca.kept_share", d=d, share=f"{100 * r['kept']:.1f}",
                  ratio=f"{D / d:.3g}"))
    gap = abs(r["resid"] - r["tail"]) / r["total"]
    ok = gap <= PCA_TOL
    st.markdown(t("t2i.pca.check", N=ft.PIPELINE_N, resid=num(r["resid"], 10),
                  tail=num(r["tail"], 10), tol=num(PCA_TOL, 1)))
    (st.success if ok else st.error)(t("t2i.pca.ok" if ok else "t2i.pca.bad",
                                       gap=f"${num(gap, 2)}$"))
    ident = pd.DataFrame({t("t2i.pca.col_max"): [r["orth"], r["roundtrip"], r["cov"]]},
                         index=[r"max |UᵀU − I|", "max |encode(decode(z)) − z|",
                                "max |Cov(z) − diag(λ₁..λ_d)|"])
    st.dataframe(ident, width="content", column_config={
        t("t2i.pca.col_max"): st.column_config.NumberColumn(format="%.1e")})
    if d == D:
        st.info(t("t2i.pca.full", D=D))
    show_code(PCAAutoencoder.fit, PCAAutoencoder.encode, PCAAutoencoder.decode,
              PCAAutoencoder.expected_error)


_pca_section()


# 4 · guiding in z = guiding in x ---------------------------------------------------------
@st.fragment
def _p2_section() -> None:
    st.subheader(t("t2i.p2.title"))
    st.markdown(t("t2i.p2.body", d=d0))
    formula(r"y_t=x_t-\sqrt{\bar\alpha_t}\,m,\qquad z_t=U^\top y_t")
    formula(r"\epsilon^*_x(x_t)=U\,\epsilon^*_z(z_t)+\frac{(I-UU^\top)\,y_t}"
            r"{\sqrt{1-\bar\alpha_t}}")
    formula(r"\nabla_{x_t}\log p_t(c\mid x_t)=U\,\nabla_{z_t}\log p_t(c\mid z_t)")
    cc = st.columns(3)
    c = int(cc[0].selectbox(t("t2i.w.class"), list(range(10)), index=3, key="t2i_c", **URL)
            or 0)
    s = float(cc[1].slider(t("t2i.w.scale2"), 0.0, S_MAX, 3.0, 0.5, key="t2i_s2", **URL))
    step = int(cc[2].select_slider(t("t2i.w.t"), list(ft.LOSS_TS), 100, key="t2i_t", **URL))
    r = _p2_check(c, s, step)
    st.markdown(t("t2i.p2.check", n=N_CHECK, t=step, c=c, s=f"{s:g}", tol=num(P2_TOL, 1)))
    tab = pd.DataFrame({t("t2i.p2.col_rel"): [r["eps"], r["grad"]],
                        t("t2i.p2.col_max"): [r["eps_max"], r["grad_max"]]},
                       index=[t("t2i.p2.row_eps"), t("t2i.p2.row_grad")])
    st.dataframe(tab, width="stretch", column_config={
        col: st.column_config.NumberColumn(format="%.2e") for col in tab.columns})
    worst = max(r["eps"], r["grad"])
    ok = worst <= P2_TOL
    (st.success if ok else st.error)(t("t2i.p2.ok" if ok else "t2i.p2.bad",
                                       worst=f"${num(worst, 2)}$"))
    show_code(encode_noisy, eps_x_from_latent, grad_x_from_latent)

    st.markdown(t("t2i.loss.body"))
    formula(r"g_i=\nabla_{x}\log p_t(c_i\mid x_{t,i})")
    formula(r"\rho_t=\frac1n\sum_{i=1}^n\frac{\|(I-UU^\top)\,g_i\|^2}"
            r"{\|g_i\|^2}")
    curve = _loss_curve()
    share_t = float(curve["share"][list(curve["t"]).index(step)])
    plot.chart(ft.loss_figure(curve, step, t("t2i.loss.title", d=d0), t("t2i.loss.y")),
               width="stretch", key="t2i_loss_fig")
    st.markdown(t("t2i.loss.read", t=step, share=f"{100 * share_t:.1f}",
                  tT=int(curve["t"][-1]), shareT=f"{100 * curve['share'][-1]:.1f}",
                  t1=int(curve["t"][0]), share1=f"{100 * curve['share'][0]:.1f}",
                  lo=f"{curve['mean_off'].min():.2f}", hi=f"{curve['mean_off'].max():.2f}",
                  slo=f"{100 * curve['mean_share'].min():.0f}",
                  shi=f"{100 * curve['mean_share'].max():.0f}", d=d0))
    show_code(ft.gradient_loss)


_p2_section()
next_link(__file__)
