"""Page 4, the forward process: q(x_t|x_{t-1}) to q(x_t|x_0) (Ho et al. 2020, Eq. 2 and 4).

The lecture's "imagined" view (t single steps, `chain_path`) beside the "actual" view
(one closed-form step, `q_sample`), on a 2-D point cloud (moved off the origin, so that the
shrinking mean √ᾱ_t·E[x_0] is visible and checked) and on an image; the schedule's curves; the
SymPy derivation of merging two Gaussian steps, evaluated by its own induction from the β's and
compared with the engine's ᾱ table. Every sample comes from `ddpm_core`; the page only draws.
"""

from __future__ import annotations

import hashlib

import numpy as np
import streamlit as st

import ddpm_core
from ddpm_core import Schedule
from ui import fig_forward as figs
from ui import forward_compute as fc
from ui import plot
from ui.code_panel import show_code
from ui.engine_cache import derivation, schedule_key, sympy_comparison
from ui.forward_compute import CLOUD, N_GLYPHS, N_POINTS, SHIFT, Src, frame_ts, n_frames_fitting
from ui.i18n import dataset_name, t
from ui.latex import formula, inline_list, num_short, plain, unbroken_brackets
from ui.nav import next_link, question
from ui.urlstate import url_choice


def _outside(img, alpha_bar: float) -> float:
    """`figs.expected_outside` for the picture `img` (a Src), cached by its key."""
    return fc.outside_of(img.key, img.x, float(alpha_bar))


def _imagined(step: int) -> str:
    return t("forward.imagined", t=step) if step > 1 else t("forward.imagined_one")


def _decode_upload(data: bytes) -> np.ndarray | None:
    """The uploaded picture, or None with a clear error message (never a traceback)."""
    try:
        return figs.decode_image(data)
    except figs.UploadError as e:
        if e.reason == "too_big":
            st.error(t("forward.upload.too_big", mb=e.size / 2**20))
        elif e.reason == "pixels":
            st.error(t("forward.upload.pixels", mp=f"{e.size / 1e6:,.0f}",
                       max=f"{figs.MAX_PIXELS / 1e6:,.0f}"))
        else:
            st.error(t("forward.upload.bad"))
        return None


# ------------------------------------------------------------------ the player's frames
URL = {"bind": "query-params"}
T_KEY = "forward_t"


def _set_t_from_browser(value) -> None:
    st.session_state[T_KEY] = int(value)


def _keep_fraction(T: int) -> None:
    """Changing T keeps t at the same fraction of T, at the nearest t of the new frame grid
    (the frames every session at this T shares: an off-grid t would need its own); a t
    outside 1..T (a stale state) is brought inside before the widget is drawn."""
    ss = st.session_state
    last = ss.get("forward_t_last")
    if T_KEY in ss and last and last[0] != T:
        grid = np.asarray(fc.grid_for(T, ss.get("forward_pixels", 0)))
        ss[T_KEY] = int(grid[np.abs(grid - last[1] * T / last[0]).argmin()])
    elif T_KEY in ss and not (1 <= ss[T_KEY] <= T):
        ss[T_KEY] = min(T, max(1, int(ss[T_KEY])))


def _player_ui() -> dict:
    return {k: t(f"forward.player.{k}") for k in
            ("play", "pause", "back", "fwd", "speed", "speed_option", "play_help", "hint",
             "t_label")}


def _demo(sched: Schedule, cfg: str, cloud: Src, img: Src | None,
          step: int, present: bool = False) -> None:
    """The clouds and the picture strip at the page's t, with the frames of every t (or of
    an even spread of them) for the t control above it, which runs in the browser."""
    T = sched.T
    pixels = 0 if img is None else img.pixels
    grid = fc.grid_for(T, pixels)
    ts = frame_ts(T, n_frames_fitting(N_POINTS, pixels), step)
    ts = plot.keep_sent("forward_ts_sent", (cfg, grid), ts, step)
    got: dict = {}

    def fr() -> dict:  # the frames: read from the cache only when the payload is not encoded
        if not got:
            got.update(fc.frames(cfg, cloud.key, cloud, None if img is None else img.key, img,
                               tuple(ts)))
        return got

    titles = [(_imagined(s), t("forward.actual", t=s)) for s in ts]
    strip = (t("forward.image.x0"), t("forward.strip.imagined"), t("forward.strip.actual"))

    def build(i: int) -> plot.Figure:
        at = fc.xy_at(cfg, cloud, img, grid, ts[i])
        images = None if img is None else (img.x, at["ichain"][0], at["ishot"][0])
        return figs.demo_figure(cloud.x, at["chain"], at["shot"], titles[i], t("forward.legend_x0"),
                                t("forward.legend_xt", t=ts[i]), images, strip, fr()["lim"])

    if T == 1:
        plot.chart(build(0), width="stretch", key="forward_cloud_fig")
        return
    texts = [{"where": "annotation", "i": 0, "values": [a for a, _ in titles]},
             {"where": "annotation", "i": 1, "values": [b for _, b in titles]},
             {"where": "data", "i": 1, "prop": "name",
              "values": [t("forward.legend_xt", t=s) for s in ts]}]
    sig = f"{cfg}|{cloud.key}|{None if img is None else img.key}|{ts}"
    speeds = [v for v in (1, 2, 5, 10) if v < len(ts)] or [1]
    plot.player(build, key="forward_cloud_fig", labels=ts, index=ts.index(step),
                frames=lambda: fr()["file"], texts=texts, ui=_player_ui(), sig=sig,
                speeds=speeds, speed=1, on_report=_set_t_from_browser, width="stretch",
                present=present)


def _moment_table(cfg: str, cloud: Src, grid: tuple, pixels: int, step: int) -> None:
    """The live check of the moments of x_t (both ways) against q(x_t|x_0), at t: the table
    and its verdict."""
    cols = tuple(t(f"forward.col.{c}") for c in ("formula", "imagined", "actual", "se"))
    rows = tuple(t(f"forward.row.{r}") for r in ("mean_x", "mean_y", "var_x", "var_y"))
    table, n_ok, n_all, worst = fc.moment_table(cfg, cloud.key, cloud, grid, pixels, step,
                                                cols, rows)
    st.dataframe(table, width="stretch",
                 column_config={c: st.column_config.NumberColumn(format="%.4f") for c in cols})
    verdict = t("forward.cloud.verdict", k=f"{figs.K_SE:g}", floor=plain(figs.FLOOR, 1),
                n_ok=n_ok, worst=f"{worst:.2f}")
    if n_ok == n_all:
        st.success(verdict)
    else:
        st.error(verdict + " " + t("forward.cloud.verdict_bad", k=f"{figs.K_SE:g}"))


@st.fragment
def at_t(sched: Schedule, cfg: str, cloud: Src, img: Src | None, present: bool,
         boxes: dict, sympy: dict) -> None:
    """Everything that shows the page's t, drawn into the boxes the section laid out for it:
    the t field, the player, the t line, the moments check, the picture's caption, the
    curves' marker and values, SymPy's values at t. Its own fragment: the t the player
    reports (or the t field) reruns this alone, not the section's text, controls and code."""
    T = sched.T
    if T > 1:
        _keep_fraction(T)
        step = int(boxes["t"].number_input(t("forward.t_slider"), 1, T, max(1, T // 10),
                                           step=1, key="forward_t",
                                           help=t("forward.t_slider_help"), **URL))
    else:
        step = 1
        boxes["t"].caption(t("forward.t_fixed"))
    st.session_state["forward_t_last"] = (T, step)
    pixels = 0 if img is None else img.pixels
    grid = fc.grid_for(T, pixels)
    ab = float(sched.alpha_bars[step])
    with boxes["demo"]:
        _demo(sched, cfg, cloud, img, step, present)
    # inline maths, which wraps at a phone's width (a display line was cut there)
    boxes["line"].markdown(inline_list(rf"t = {step}", rf"\bar\alpha_t = {num_short(ab)}",
                                       rf"\sqrt{{\bar\alpha_t}} = {num_short(ab ** 0.5)}",
                                       rf"1-\bar\alpha_t = {num_short(1 - ab)}"))
    with boxes["check"]:
        _moment_table(cfg, cloud, grid, pixels, step)
    if img is not None:
        chain_img, shot_img = fc.noised_at(cfg, img.key, img.batch, grid, pixels, step)
        boxes["caption"].caption(t("forward.image.note", t=step,
                                   seen=f"{float((np.abs(shot_img[0]) > 1).mean()):.1%}",
                                   expected=f"{_outside(img, ab):.1%}",
                                   noise=f"{_outside(img, 0.0):.1%}"))
    with boxes["curves"]:
        plot.chart(lambda: figs.schedule_curves(
            sched.betas.numpy(), sched.alpha_bars.numpy(), sched.snr.numpy().copy(), step,
            ("βₜ", "ᾱₜ", t("forward.curves.snr")), "t"), ident=("forward_curves", cfg, step),
            width="stretch", key="forward_curves_fig")
        c1, c2, c3 = st.columns(3)
        c1.metric(f"βₜ, t = {step}", plain(float(sched.betas[step])))
        c2.metric(f"ᾱₜ, t = {step}", plain(ab))
        c3.metric(f"SNRₜ, t = {step}", plain(float(sched.snr[step])))
    with boxes["sympy"]:
        _, d_mean, e_mean = sympy["mean_coef"]
        _, d_var, e_var = sympy["variance"]
        st.markdown(t("forward.sympy.at_t", t=step))
        c1, c2 = st.columns(2)
        c1.metric(f'√ᾱₜ — {t("check.formula")} (SymPy)', plain(d_mean[step - 1], 12))
        c2.metric(f'√ᾱₜ — {t("check.engine")}', plain(e_mean[step - 1], 12))
        c1.metric(f'1 − ᾱₜ — {t("check.formula")} (SymPy)', plain(d_var[step - 1], 12))
        c2.metric(f'1 − ᾱₜ — {t("check.engine")}', plain(e_var[step - 1], 12))


# ------------------------------------------------------------------ the interactive part
@st.fragment
def interactive(sched: Schedule) -> None:
    T = sched.T
    cfg = schedule_key(sched)
    # format_func: plain dict lookups, resolved now (AppTest calls them outside a script run)
    ds_labels = {n: dataset_name(n) for n in ddpm_core.TOY_DATASETS}
    st.subheader(t("forward.cloud.header"))
    c0, c1, c2, c3 = st.columns([1, 1.6, 1.6, 1.2], vertical_alignment="bottom")
    present = c3.toggle(t("forward.present"), key="forward_present",
                        help=t("forward.present_help"), **URL)
    name = url_choice(c1.selectbox, t("forward.cloud.dataset"), ddpm_core.TOY_DATASETS,
                      ds_labels, key="forward_ds")
    shift = c2.slider(t("forward.cloud.shift"), -3.0, 3.0, SHIFT, 0.5, key="forward_shift",
                      help=t("forward.cloud.shift_help"), **URL)
    # the boxes `at_t` fills (the t field goes in c0): laid out here, in the page's order
    boxes = {"t": c0, "demo": st.container(), "line": st.container()}
    st.markdown(t("forward.cloud.intro"))
    cloud = Src(f"{CLOUD}{name}|{float(shift)!r}", fc.cloud_points(name, float(shift)))
    st.markdown(t("forward.cloud.moments") + "\n\n$$\n" + unbroken_brackets(
                r"\mathbb E[x_t] = \sqrt{\bar\alpha_t}\,\overline{x_0},\qquad "
                r"\operatorname{Var}[x_t] = \bar\alpha_t \operatorname{Var}(x_0) "
                r"+ (1-\bar\alpha_t),\qquad \bar\alpha_t = \prod_{s=1}^{t}(1-\beta_s)") + "\n$$")
    boxes["check"] = st.container()
    st.info(t("forward.cloud.in_law"))
    show_code(ddpm_core.forward._q_sample, ddpm_core.q_sample_chain, ddpm_core.chain_path)

    # --- 3. the same on an image
    st.subheader(t("forward.image.header"))
    st.markdown(t("forward.image.intro"))
    images, labels = fc.glyphs()
    src_labels = {"glyph": t("forward.image.src_glyph"), "upload": t("forward.image.src_upload")}
    src = url_choice(st.radio, t("forward.image.source"), list(src_labels), src_labels,
                     horizontal=True, key="forward_img_src")
    img = None
    if src == "glyph":
        glyph_labels = {k: t("forward.image.glyph_label", k=k + 1, d=labels[k])
                        for k in range(N_GLYPHS)}
        i = url_choice(st.selectbox, t("forward.image.pick"), list(glyph_labels),
                       glyph_labels, key="forward_glyph")
        img = Src(f"glyph|{i}", images[i, 0])
    else:
        up = st.file_uploader(t("forward.image.upload"), type=["png", "jpg", "jpeg"],
                              key="forward_upload", help=t("forward.image.upload_help"),
                              max_upload_size=figs.MAX_UPLOAD_BYTES // 2**20)
        if up is not None:
            data = up.getvalue()
            pic = _decode_upload(data)
            if pic is not None:
                img = Src("upload|" + hashlib.sha1(data).hexdigest(), pic)
    st.session_state["forward_pixels"] = 0 if img is None else img.pixels  # the next T
    boxes["caption"] = st.container()  # change snaps t to this grid

    # --- 4. the schedule's curves
    st.subheader(t("forward.curves.header"))
    st.markdown(t("forward.curves.intro"))
    boxes["curves"] = st.container()

    # --- 5. live SymPy check at this t
    st.subheader(t("forward.sympy.header"))
    # the intro and the steps as one element (each element of a run is a message to the
    # browser: a fragment rerun re-sends them all)
    steps = [f"**{k}.** " + t("forward.step." + s.key.split(".", 1)[1]) + f"\n\n$$\n{s.latex}\n$$"
             for k, s in enumerate(derivation("forward").steps, start=1)]
    st.markdown("\n\n".join([t("forward.sympy.intro"), *steps]))
    err, comps = sympy_comparison("forward", cfg)
    boxes["sympy"] = st.container()
    st.metric(t("forward.sympy.max_err", T=T), plain(err, 2), help=t("forward.sympy.max_err_help"))
    if err <= 1e-7:
        st.success(t("forward.sympy.ok"))
    else:
        st.error(t("forward.sympy.bad"))
    at_t(sched, cfg, cloud, img, bool(present), boxes, comps)


# ------------------------------------------------------------------ page
sched = st.session_state["schedule_obj"]  # set by app.py's frame before every page run
st.header(t("nav.forward"))
question("forward.question")
st.markdown(t("forward.intro"))
st.subheader(t("forward.one_step.header"))
st.markdown(t("forward.one_step.text"))
formula(r"q(x_t \mid x_{t-1}) = \mathcal N\!\left(x_t;\ \sqrt{\alpha_t}\,x_{t-1},\ "
        r"\beta_t \mathbf I\right),\qquad \alpha_t = 1-\beta_t \qquad \text{("
        + t("forward.cite2") + ")}")
formula(r"x_t = \sqrt{\alpha_t}\,x_{t-1} + \sqrt{\beta_t}\,\epsilon_t,\qquad "
        r"\epsilon_t \sim \mathcal N(0, \mathbf I)")
st.markdown(t("forward.closed.text"))
formula(r"q(x_t \mid x_0) = \mathcal N\!\left(x_t;\ \sqrt{\bar\alpha_t}\,x_0,\ "
        r"(1-\bar\alpha_t) \mathbf I\right),\qquad \bar\alpha_t = \prod_{s=1}^{t} \alpha_s "
        r"\qquad \text{(" + t("forward.cite4") + ")}")
formula(r"x_t = \sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}\,\epsilon,\qquad "
        r"\epsilon \sim \mathcal N(0, \mathbf I)")
interactive(sched)
next_link(__file__)
