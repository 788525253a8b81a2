"""Figures and the independent check computations of the 'Diffusion is autoregression' page.

The check functions here recompute, straight from the joint table with numpy, what the engine
(`ddpm_core.masking.JointTable`) computes by its own route: the chain rule of probability by
summing the table, and the PMI by its marginals. They share no code with the engine.
"""

from __future__ import annotations

import itertools
import math
import time

import numpy as np
import streamlit as st
import torch

import ddpm_core
from ddpm_core.spectrum import BAND_EDGES, band_error, decided_step

from . import plot
from .fig_sampling import image_grid as sampling_grid
from .models import load_pretrained

N_CHAIN, CHAIN_STEPS = 16, 50  # the model's reverse chain: samples, DDIM steps
THRESHOLD = 0.5  # a band is 'decided' once its error stays below this (SNR = 1 for Gaussian data)


@st.cache_resource(show_spinner=False, max_entries=16)
def chain(seed: int) -> dict:
    """The pretrained digits model's DDIM chain (its own schedule): x_t, x̂_0 at every visited
    t, the final x_0, each band's error of x̂_0 and the step it is decided. Shared read-only."""
    ckpt = load_pretrained("digits")
    t0 = time.perf_counter()
    ts, xs, x0s, errs = [], [], [], []
    final = None
    for info in ddpm_core.sample_progressive(ckpt.model, ckpt.schedule, N_CHAIN, sampler="ddim",
                                             steps=CHAIN_STEPS,
                                             generator=torch.Generator().manual_seed(seed)):
        ts.append(info["t"])
        xs.append(info["x_t"][:, 0])
        x0s.append(info["x0_pred"][:, 0])
        final = info["x_prev"][:, 0]
    seconds = time.perf_counter() - t0
    errs = torch.stack([band_error(p.double(), final.double()) for p in x0s]).numpy()
    out = {"ts": np.array(ts), "x_t": torch.stack(xs).numpy().astype(np.float16),
           "x0": torch.stack(x0s).numpy().astype(np.float16),
           "final": final.numpy().astype(np.float16), "errors": errs,
           "decided": decided_step(ts, torch.from_numpy(errs), THRESHOLD).numpy(),
           "seconds": seconds, "schedule": ckpt.schedule}
    for v in out.values():
        if isinstance(v, np.ndarray):
            v.flags.writeable = False
    return out

BAND_COLORS = ("#1f3b73", "#2f6db5", "#3aa0c8", "#5cbf8a", "#e0a030", "#d0453a")


def band_labels(edges=BAND_EDGES) -> list[str]:
    """'|k| = 0', '1', '2–3', ... : the integer radii |k| (rounded) each band holds."""
    out = []
    for lo, hi in zip(edges, edges[1:]):
        a, b = math.ceil(lo), min(math.ceil(hi) - 1, 11)
        out.append(f"{a}" if a == b else f"{a}–{b}")
    return out


# ------------------------------------------------------------------ figures
def snr_heatmap(snr: np.ndarray, crossing: np.ndarray, labels: list[str], *, title: str,
                x_title: str, y_title: str, bar_title: str, cross_name: str) -> plot.Figure:
    """log10 SNR_t(b) over t = 1..T (x) and band b (y), diverging at SNR = 1, with each band's
    crossing step t*(b) marked (bands with t* = 0 have none)."""
    T = snr.shape[0] - 1
    with np.errstate(divide="ignore"):
        z = np.clip(np.log10(snr[1:].T), -4, 4)  # (B, T); ᾱ_t underflow -> -inf -> -4
    ts = np.arange(1, T + 1)
    fig = plot.Figure()
    fig.add_trace(plot.heatmap(
        z=z.astype(np.float32), x=ts, y=list(range(len(labels))), zmin=-4, zmax=4, zmid=0,
        colorscale="RdBu", reversescale=True,
        colorbar={"title": {"text": bar_title}, "tickvals": [-4, -2, 0, 2, 4],
                  "ticktext": ["≤10⁻⁴", "10⁻²", "1", "10²", "≥10⁴"], "len": 0.9},
        hovertemplate="t = %{x}<br>|k| band %{y}<br>log₁₀ SNR = %{z:.2f}<extra></extra>"))
    keep = crossing >= 1
    fig.add_trace(plot.scatter(
        x=crossing[keep], y=np.arange(len(labels))[keep], mode="markers", name=cross_name,
        marker={"symbol": "diamond", "size": 11, "color": "white",
                "line": {"color": "black", "width": 1.5}},
        hovertemplate="t* = %{x}<extra></extra>"))
    fig.update_layout(title=title, height=330, template="plotly_white",
                      margin={"l": 10, "r": 10, "t": 50, "b": 10}, showlegend=True,
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1,
                              "xanchor": "right"},
                      xaxis={"title": x_title, "range": [0.5, T + 0.5]},
                      yaxis={"title": y_title, "tickvals": list(range(len(labels))),
                             "ticktext": labels})
    return fig


def image_grid(x: np.ndarray, ncol: int = 8, pad: int = 1) -> np.ndarray:
    """(n, H, W) in [-1, 1] (clipped) -> one grid in [0, 1] on a mid-grey background (the
    sampling page's `image_grid`, for single-channel images without their channel axis)."""
    return sampling_grid(np.asarray(x)[:, None], ncol, pad)


def chain_images(x_t: np.ndarray, x0_pred: np.ndarray, final: np.ndarray,
                 titles: list[str]) -> plot.Figure:
    """Three image grids one above the other: x_t, x̂_0(x_t) and the chain's final x_0."""
    fig = plot.Figure(rows=3, cols=1, subplot_titles=titles, vertical_spacing=0.08)
    for i, x in enumerate((x_t, x0_pred, final), start=1):
        fig.add_trace(plot.heatmap(z=image_grid(x), zmin=0, zmax=1, colorscale="gray",
                                   showscale=False, hoverinfo="skip"), row=i, col=1)
        fig.update_xaxes(visible=False, constrain="domain", row=i, col=1)
        fig.update_yaxes(visible=False, autorange="reversed", row=i, col=1,
                         scaleanchor=f"x{'' if i == 1 else i}", scaleratio=1)
    fig.update_layout(height=360, margin={"l": 5, "r": 5, "t": 30, "b": 5},
                      template="plotly_white", uirevision="ar-chain")
    return fig


def error_figure(ts: np.ndarray, errors: np.ndarray, decided: np.ndarray, t_sel: int,
                 labels: list[str], threshold: float, *, title: str, x_title: str,
                 y_title: str, band_word: str) -> plot.Figure:
    """Each band's error e(b) of x̂_0 against the final x_0 over the chain's steps (t runs
    right to left, as the chain does), the threshold, the chosen step."""
    fig = plot.Figure()
    for b, name in enumerate(labels):
        color = BAND_COLORS[b % len(BAND_COLORS)]
        fig.add_trace(plot.scatter(x=ts, y=np.maximum(errors[:, b], 1e-6), mode="lines",
                                   name=f"{band_word} {name}", line={"color": color}))
        if decided[b] >= 1:
            i = int(np.nonzero(ts == decided[b])[0][0])
            fig.add_trace(plot.scatter(x=[ts[i]], y=[max(errors[i, b], 1e-6)], mode="markers",
                                       showlegend=False, hoverinfo="skip",
                                       marker={"color": color, "size": 9, "symbol": "circle"}))
    fig.add_hline(y=threshold, line={"color": "gray", "dash": "dash"})
    fig.add_vline(x=t_sel, line={"color": "black", "dash": "dot"})
    fig.update_layout(title=title, height=360, template="plotly_white",
                      margin={"l": 10, "r": 10, "t": 50, "b": 10},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0},
                      xaxis={"title": x_title, "autorange": "reversed"},
                      yaxis={"title": y_title, "type": "log", "exponentformat": "power"})
    return fig


# ------------------------------------------------------------------ independent checks
def chain_rule_log_prob(probs, x: tuple[int, ...], order: tuple[int, ...]) -> float:
    """Σ_k log p(x^{o_k} | x^{o_<k}), each conditional a ratio of sums of the table:
    p(x^{o_≤k}) / p(x^{o_<k}) — the chain rule of probability, by numpy marginalisation."""
    p = np.asarray(probs, np.float64)
    total, prev = 0.0, 1.0
    for k in range(1, len(order) + 1):
        seen = order[:k]
        idx = tuple(x[d] if d in seen else slice(None) for d in range(p.ndim))
        joint = float(np.sum(p[idx]))  # p(x^{o_1}, ..., x^{o_k})
        total += math.log(joint / prev)
        prev = joint
    return total


def pmi_direct(probs, x: tuple[int, ...]) -> float:
    """PMI(x) = log p(x) − Σ_ℓ log p_ℓ(x^ℓ), marginals by numpy sums."""
    p = np.asarray(probs, np.float64)
    out = math.log(p[tuple(x)])
    for d in range(p.ndim):
        axes = tuple(a for a in range(p.ndim) if a != d)
        out -= math.log(p.sum(axis=axes)[x[d]])
    return out


def cells(probs) -> list[tuple[int, ...]]:
    p = np.asarray(probs)
    return list(itertools.product(range(p.shape[0]), repeat=p.ndim))
