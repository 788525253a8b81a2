"""Beyond DDPM, 'Diffusion is autoregression' (issue 12; FORMULAS.md §c, §e, §n, §o [o3]).

Three readings: the reverse chain p(x_T) Π p(x_{t−1}|x_t) is an autoregression over t; on the
16×16 digits each frequency band b has its own SNR_t(b) = ᾱ_t S(b)/(1−ᾱ_t), so the chain
decides coarse bands first (computed for the sidebar schedule and measured on a real reverse
chain of the pretrained digits model); masking one token per step in a fixed order with the
exact denoiser is exactly autoregression, on the small enumerable table, against the
random-order gap PMI(x)/T.

Heavy results are cached: the digits' spectrum once for all sessions, the SNR table per
schedule (st.cache_data), the model's reverse chain per seed (st.cache_resource, read-only).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st
import torch

import ddpm_core
from ddpm_core.masking import SMALL_TABLE, JointTable, small_table
from ddpm_core.spectrum import (
    BAND_EDGES,
    band_error,
    band_snr,
    decided_step,
    radial_power_spectrum,
    snr_crossing,
)
from ui import fig_autoreg as fa
from ui import plot
from ui.code_panel import show_code
from ui.engine_cache import schedule_from_key, schedule_key
from ui.i18n import schedule_name, t
from ui.latex import formula, num, plain
from ui.models import checkpoint_error, load_pretrained
from ui.nav import next_link, question

URL = {"bind": "query-params"}
N_DATA, DATA_SEED = 2000, 0  # glyphs for the power spectrum S(b)
N_CHAIN, CHAIN_STEPS, THRESHOLD = fa.N_CHAIN, fa.CHAIN_STEPS, fa.THRESHOLD
SEEDS = 100
ORDERS = {"1 → 2": (0, 1), "2 → 1": (1, 0)}  # options are their own URL values
STEPS_MAX = 16  # random-order masking: T in 1..STEPS_MAX
CHECK_TOL = 1e-12  # nats: two float64 routes through sums of nine numbers

sched = st.session_state["schedule_obj"]  # set by app.py's frame before every run
CFG = schedule_key(sched)
T = sched.T
LABELS = fa.band_labels()
B = len(LABELS)


# ------------------------------------------------------------------ cached computations
@st.cache_data(show_spinner=False)
def _spectrum() -> np.ndarray:
    """S(b) of N_DATA jittered 16×16 glyphs (a fixed draw), once for all sessions."""
    x, _ = ddpm_core.glyph_digits(N_DATA, 16, torch.Generator().manual_seed(DATA_SEED))
    return radial_power_spectrum(x).numpy()


@st.cache_data(show_spinner=False, max_entries=64)
def _snr(cfg: str) -> tuple[np.ndarray, np.ndarray]:
    s = schedule_from_key(cfg)
    S = torch.from_numpy(_spectrum())
    return band_snr(s, S).numpy(), snr_crossing(s, S).numpy()


@st.cache_data(show_spinner=False, max_entries=64)
def _token_rows(order: tuple[int, ...], steps: int) -> pd.DataFrame:
    """Per cell x: the engine's fixed-order and random-order NELBO against the chain rule and
    −log p(x) + PMI(x)/T computed straight from the table (ui.fig_autoreg)."""
    table = small_table()
    rows = []
    for x in fa.cells(SMALL_TABLE):
        xt = torch.tensor([x])
        logp = fa.chain_rule_log_prob(SMALL_TABLE, x, order)
        first = fa.chain_rule_log_prob(SMALL_TABLE, x, order[:1])
        pmi = fa.pmi_direct(SMALL_TABLE, x)
        rows.append({
            "x": "".join(table.labels[v] for v in x), "p": SMALL_TABLE[x[0]][x[1]],
            "first": first, "second": logp - first, "chain": logp,
            "fixed": -float(table.nelbo_fixed_order(xt, list(order))[0]),
            "random": float(table.nelbo(xt, steps)[0]),
            "closed": -logp + pmi / steps, "pmi": pmi})
    df = pd.DataFrame(rows)
    df["d_fixed"] = (df["fixed"] - df["chain"]).abs()
    df["d_random"] = (df["random"] - df["closed"]).abs()
    return df


def _bands(mask: np.ndarray) -> str:
    picked = [LABELS[b] for b in range(B) if mask[b]]
    return ", ".join(picked) if picked else t("ar.none")


# ------------------------------------------------------------------ page
st.header(t("ar.title"))
question("ar.question")
st.markdown(t("ar.intro"))

# 1 · along the noise axis --------------------------------------------------------------
st.subheader(t("ar.s1.title"))
st.markdown(t("ar.s1.body"))
formula(r"p_\theta(x_{0:T}) = p(x_T)\prod_{t=1}^{T} p_\theta(x_{t-1}\mid x_t)"
        r"\qquad\longleftrightarrow\qquad p(x^{1:L}) = \prod_{\ell=1}^{L} p(x^\ell\mid x^{<\ell})")
st.markdown(t("ar.s1.elbo"))
formula(r"-\log p_\theta(x_0) \le \underbrace{L_T}_{x_T} + \sum_{t=2}^{T}"
        r"\underbrace{L_{t-1}}_{x_{t-1}\mid x_t} + \underbrace{L_0}_{x_0\mid x_1}")
st.caption(t("ar.s1.src"))
st.markdown(t("ar.s1.t1") if T == 1 else t("ar.s1.factors", T=T, k=T))

# 2 · frequencies ------------------------------------------------------------------------
st.subheader(t("ar.s2.title"))
st.markdown(t("ar.s2.body"))
formula(r"X_t(k) = \sqrt{\bar\alpha_t}\,X_0(k) + \sqrt{1-\bar\alpha_t}\,E(k),\quad "
        r"\mathbb E|E(k)|^2 = 1 \;\Longrightarrow\; \mathrm{SNR}_t(b) = "
        r"\frac{\bar\alpha_t\,S(b)}{1-\bar\alpha_t} = \mathrm{SNR}_t\cdot S(b)")
with st.spinner(t("ar.spinner")):
    S = _spectrum()
    snr, cross = _snr(CFG)
falling = bool(np.all(S[1:] < S[:-1]))
spec_df = pd.DataFrame({t("ar.col.band"): LABELS, t("ar.col.S"): S,
                        t("ar.col.thresh"): 1 / S, t("ar.col.cross"): cross})
st.markdown(t("ar.s2.spectrum", n=N_DATA, s0=plain(float(S[0]), 3), s1=plain(float(S[-1]), 2)))
st.dataframe(spec_df, hide_index=True, width="stretch",
             column_config={t("ar.col.S"): st.column_config.NumberColumn(format="%.4g"),
                            t("ar.col.thresh"): st.column_config.NumberColumn(format="%.4g")})
st.caption(t("ar.bands_note", edges=", ".join(f"{e:g}" for e in BAND_EDGES)))
st.markdown(t("ar.s2.why"))
sdesc = t("ar.sched_desc", kind=schedule_name(sched.kind), T=T)
plot.chart(fa.snr_heatmap(snr, cross, LABELS, title=t("ar.fig.heat_title", sched=sdesc),
                          x_title=t("ar.fig.t"), y_title=t("ar.fig.band"),
                          bar_title=t("ar.fig.snr"), cross_name=t("ar.fig.cross")),
           width="stretch", key="ar_heat_fig")
monotone = bool(np.all(cross[1:] <= cross[:-1]))
ok = falling and monotone
order_txt = " ≥ ".join(str(int(c)) for c in cross)
if T == 1:
    st.info(t("ar.s2.t1", snr=plain(float(sched.snr[1]), 3), above=_bands(cross >= 1)))
tied = T == 1 or len(set(cross.tolist())) == 1
verdict = ("ar.s2.check_tie" if tied else "ar.s2.check_ok") if ok else \
    ("ar.s2.check_bad" if falling else "ar.s2.check_spec")
(st.success if ok else st.error)(t("ar.s2.check", sched=sdesc, order=order_txt) + " "
                                 + t(verdict))
n_top, n_zero = int((cross == T).sum()), int((cross == 0).sum())
if n_top and T > 1:
    st.markdown(t("ar.s2.at_T", k=n_top, bands=_bands(cross == T), T=T))
if n_zero:
    st.markdown(t("ar.s2.never", k=n_zero, bands=_bands(cross == 0)))
show_code(radial_power_spectrum, band_snr, snr_crossing)

# the model's chain ---------------------------------------------------------------------
st.markdown("#### " + t("ar.s2.chain_title"))
try:
    load_pretrained("digits")
    model_ok = True
except (ValueError, OSError) as e:  # a missing or broken checkpoint must not break the page
    st.error(t("ar.load_error", err=checkpoint_error(e)))
    model_ok = False

if model_ok:
    seed = st.number_input(t("ar.seed"), 0, SEEDS - 1, 0, key="ar_seed", **URL)
    with st.spinner(t("ar.spinner_chain")):
        ch = fa.chain(int(seed))
    msched = ch["schedule"]
    mdesc = t("ar.sched_desc", kind=schedule_name(msched.kind), T=msched.T)
    st.markdown(t("ar.s2.chain_body", n=N_CHAIN, S=CHAIN_STEPS, sched=mdesc, side=sdesc,
                  sec=plain(ch["seconds"], 2), thr=plain(THRESHOLD, 2)))
    formula(r"e_t(b) = \frac{\sum_{k\in b}|\hat X_0(x_t,t)(k) - X_0(k)|^2}"
            r"{\sum_{k\in b}|X_0(k)|^2}")
    ts_chain = [int(v) for v in ch["ts"]]
    mcross = snr_crossing(msched, torch.from_numpy(S)).numpy()
    msnr = band_snr(msched, torch.from_numpy(S)).numpy()

    @st.fragment
    def _chain_view() -> None:
        cur = st.session_state.get("ar_t")
        if cur is not None and cur not in ts_chain:  # e.g. a hand-edited link
            st.session_state.pop("ar_t", None)
        default = min(ts_chain, key=lambda k: abs(k - 500))
        t_sel = st.select_slider(t("ar.t_slider"), ts_chain, value=default, key="ar_t",
                                 help=t("ar.t_help"), **URL)
        i = ts_chain.index(t_sel)
        plot.chart(fa.chain_images(ch["x_t"][i][:8], ch["x0"][i][:8], ch["final"][:8],
                                   [t("ar.fig.xt", t=t_sel), t("ar.fig.x0hat", t=t_sel),
                                    t("ar.fig.final")]),
                   width="stretch", key="ar_img_fig")
        plot.chart(fa.error_figure(ch["ts"], ch["errors"], ch["decided"], t_sel, LABELS,
                                   THRESHOLD, title=t("ar.fig.err_title"),
                                   x_title=t("ar.fig.t_chain"), y_title=t("ar.fig.err"),
                                   band_word=t("ar.fig.band_word")),
                   width="stretch", key="ar_err_fig")
        errs = ch["errors"][i]
        st.markdown(t("ar.s2.at_t", t=t_sel, snr=plain(float(msched.snr[t_sel]), 3),
                      above=_bands(msnr[t_sel] >= 1), below=_bands(errs < THRESHOLD)))

    _chain_view()
    dec = ch["decided"]
    dmono = bool(np.all(dec[1:] <= dec[:-1]))
    cmp_df = pd.DataFrame({t("ar.col.band"): LABELS, t("ar.col.decided"): dec,
                           t("ar.col.cross_model"): mcross})
    st.dataframe(cmp_df, hide_index=True, width="stretch")
    (st.success if dmono else st.error)(
        t("ar.s2.measured", order=" ≥ ".join(str(int(d)) for d in dec), seed=int(seed)) + " "
        + t("ar.s2.measured_ok" if dmono else "ar.s2.measured_bad"))
    earlier = int((dec > mcross).sum())
    st.markdown(t("ar.s2.vs_snr", k=earlier, n=B))
    show_code(band_error, decided_step)

# 3 · tokens -------------------------------------------------------------------------------
st.subheader(t("ar.s3.title"))
st.markdown(t("ar.s3.body"))
formula(r"-\mathrm{NELBO}_{o}(x) = \sum_{k=1}^{L}\log p\big(x^{o_k}\mid x^{o_{<k}}\big) = "
        r"\log p(x)\quad\text{(" + t("ar.s3.any_order") + r")}")
formula(r"\mathrm{NELBO}_{\text{random}, T}(x) = -\log p(x) + \frac{\mathrm{PMI}(x)}{T},"
        r"\qquad \mathrm{PMI}(x) = \log\frac{p(x)}{p_1(x^1)\,p_2(x^2)}")
st.caption(t("ar.s3.src"))


@st.fragment
def _tokens() -> None:
    c1, c2 = st.columns(2)
    picked = c1.radio(t("ar.order"), list(ORDERS), horizontal=True, key="ar_order", **URL)
    steps = c2.slider(t("ar.steps"), 1, STEPS_MAX, 2, key="ar_steps", help=t("ar.steps_help"),
                      **URL)
    order = ORDERS.get(picked, (0, 1))
    df = _token_rows(order, int(steps))
    first_name = "x¹" if order[0] == 0 else "x²"
    second_name = "x² | x¹" if order[0] == 0 else "x¹ | x²"
    fixed = pd.DataFrame({
        "x": df["x"], "p(x)": df["p"],
        f"log p({first_name})": df["first"], f"log p({second_name})": df["second"],
        t("ar.col.chain"): df["chain"], t("ar.col.fixed"): df["fixed"]})
    rand = pd.DataFrame({
        "x": df["x"], "−log p(x)": -df["chain"], "PMI(x)": df["pmi"],
        t("ar.col.closed", T=steps): df["closed"], t("ar.col.random", T=steps): df["random"]})
    for view in (fixed, rand):
        st.dataframe(view, hide_index=True, width="stretch",
                     column_config={c: st.column_config.NumberColumn(format="%.6f")
                                    for c in view.columns if c != "x"})
    d1, d2 = float(df["d_fixed"].max()), float(df["d_random"].max())
    ok = d1 <= CHECK_TOL and d2 <= CHECK_TOL
    (st.success if ok else st.error)(
        t("ar.s3.check", n=len(df), d1=plain(d1, 2), d2=plain(d2, 2), tol=plain(CHECK_TOL, 1),
          T=steps) + " " + t("ar.s3.check_ok" if ok else "ar.s3.check_bad"))
    tab = small_table()
    mean_gap = float((df["p"] * (df["random"] + df["chain"])).sum())
    formula(rf"\sum_x p(x)\,\big(\mathrm{{NELBO}}_{{\text{{random}},{steps}}}(x) + \log p(x)"
            rf"\big) = {num(mean_gap)},\qquad \frac{{I(X^1;X^2)}}{{{steps}}} = "
            rf"{num(tab.total_correlation() / steps)}")
    neg = df[df["pmi"] < 0]
    st.markdown(t("ar.s3.read", T=steps, k=len(neg), cells=", ".join(neg["x"]) or "—"))
    if steps == 1:
        st.caption(t("ar.s3.t1"))


_tokens()
show_code(JointTable.nelbo_fixed_order, JointTable.nelbo, fa.chain_rule_log_prob, fa.pmi_direct)
next_link(__file__)
