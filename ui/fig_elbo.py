"""Plotly figures for the ELBO page (pure functions of numbers; no Streamlit, no maths beyond
drawing a Gaussian density)."""

from __future__ import annotations

import math

import numpy as np

from ui import plot
from ui.latex import num_text

PRIOR, POST, Q = "#7f7f7f", "#2ca02c", "#1f77b4"
ELBO_C, GAP_C, EVID_C = "#1f77b4", "#d62728", "#2ca02c"
KL_C, DEC_C, PRIOR_C, TOTAL_C = "#6baed6", "#9467bd", "#ff7f0e", "#1f77b4"


def _pdf(x: np.ndarray, m: float, v: float) -> np.ndarray:
    return np.exp(-0.5 * (x - m) ** 2 / v) / math.sqrt(2.0 * math.pi * v)


def _grid(curves: list[tuple[float, float]], n: int = 1200) -> np.ndarray:
    """Points over the union of mean ± 4 sd of every curve, dense near each narrow peak."""
    lo = min(m - 4 * math.sqrt(v) for m, v in curves)
    hi = max(m + 4 * math.sqrt(v) for m, v in curves)
    parts = [np.linspace(lo, hi, n)]
    parts += [np.linspace(m - 4 * math.sqrt(v), m + 4 * math.sqrt(v), n // 3) for m, v in curves]
    return np.unique(np.concatenate(parts))


def toy_densities_figure(posterior: tuple[float, float], q: tuple[float, float],
                         names: tuple[str, str, str], x_label: str, y_label: str) -> plot.Figure:
    """The prior p(z) = N(0, 1), the exact posterior p(z|x) = N(μ, v) and q(z) = N(m, s²)."""
    prior = (0.0, 1.0)
    z = _grid([prior, posterior, q])
    fig = plot.Figure()
    fig.add_trace(plot.scatter(x=z, y=_pdf(z, *prior), name=names[0], mode="lines",
                               line={"color": PRIOR, "dash": "dot", "width": 2}))
    fig.add_trace(plot.scatter(x=z, y=_pdf(z, *posterior), name=names[1], mode="lines",
                               line={"color": POST, "width": 3}))
    fig.add_trace(plot.scatter(x=z, y=_pdf(z, *q), name=names[2], mode="lines",
                               fill="tozeroy", fillcolor="rgba(31,119,180,0.15)",
                               line={"color": Q, "dash": "dash", "width": 2}))
    fig.update_layout(height=360, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      xaxis_title=x_label, yaxis_title=y_label, template="plotly_white",
                      legend={"orientation": "h", "y": -0.25})
    return fig


def gap_figure(elbo: float, kl: float, log_px: float, labels: tuple[str, str, str],
               y_label: str) -> plot.Figure:
    """log p(x) = ELBO + KL as a waterfall: the KL bar starts at the ELBO and must end at
    log p(x); the dashed line is log p(x) as computed on its own (not ELBO + KL)."""
    fig = plot.Figure()
    for label, base, height, color, text in (
            (labels[0], 0.0, elbo, ELBO_C, f"{elbo:.4f}"),
            (labels[1], elbo, kl, GAP_C, f"+{kl:.4f}"),
            (labels[2], 0.0, log_px, EVID_C, f"{log_px:.4f}")):
        fig.add_trace(plot.bar(x=[label], y=[height], base=[base], marker_color=color,
                               text=[text], textposition="outside", cliponaxis=False,
                               width=0.6, showlegend=False))
    fig.add_hline(y=log_px, line={"color": EVID_C, "dash": "dash", "width": 1})
    fig.add_hline(y=elbo, line={"color": ELBO_C, "dash": "dot", "width": 1})
    lo, hi = min(0.0, elbo, log_px), max(0.0, elbo + kl, log_px)
    pad = 0.2 * (hi - lo) + 1e-9
    fig.update_layout(height=360, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      yaxis_title=y_label, yaxis_range=[lo - pad, hi + pad],
                      template="plotly_white", barmode="overlay")
    return fig


def bound_figure(terms: np.ndarray, nll: float, names: dict[str, str],
                 titles: tuple[str, str], y_label: str, k_label: str) -> plot.Figure:
    """Left: the bound's budget L_0, Σ L_{t-1}, L_T, their sum L, next to the exact NLL (linear
    axis: L_0 of continuous data is a minus log-density and may be < 0). Right: every L_k, k ≥ 1, on
    a log axis, L_T highlighted. `terms` is (T+1,) with column k = L_k."""
    T = len(terms) - 1
    l0, lmid, lT = float(terms[0]), float(terms[1:T].sum()), float(terms[T])
    total = l0 + lmid + lT
    fig = plot.Figure(rows=1, cols=2, column_widths=[0.36, 0.64], subplot_titles=titles,
                      horizontal_spacing=0.1)
    cats = [names["L0"], names["Lmid"], names["LT"], names["L"], names["nll"]]
    vals = [l0, lmid, lT, total, nll]
    colors = [DEC_C, KL_C, PRIOR_C, TOTAL_C, EVID_C]
    fig.add_trace(plot.bar(x=cats, y=vals, marker_color=colors, text=[num_text(v) for v in vals],
                           textposition="outside", cliponaxis=False, showlegend=False),
                  row=1, col=1)
    k = np.arange(1, T + 1)
    y = np.asarray(terms[1:], dtype=float)
    colors_k = [KL_C] * (T - 1) + [PRIOR_C]
    fig.add_trace(plot.bar(x=k, y=np.maximum(y, 1e-300), marker_color=colors_k,
                           marker_line_width=0, showlegend=False,
                           hovertemplate=k_label + "=%{x}<br>%{y:.4g}<extra></extra>"),
                  row=1, col=2)
    lo, hi = min(vals), max(vals)
    pad = 0.2 * (hi - lo) + 0.5
    fig.update_yaxes(title_text=y_label, range=[min(lo, 0) - pad, max(hi, 0) + pad],
                     row=1, col=1)
    fig.add_trace(plot.scatter(x=[T], y=[max(float(terms[T]), 1e-300)], mode="markers+text",
                               marker={"color": PRIOR_C, "size": 10, "symbol": "diamond"},
                               text=[names["LT"]], textposition="top left", showlegend=False,
                               hovertemplate=names["LT"] + " = %{y:.4g}<extra></extra>"),
                  row=1, col=2)
    pos = y[y > 0]
    lo_k, hi_k = (math.log10(pos.min()), math.log10(pos.max())) if pos.size else (-1.0, 1.0)
    fig.update_yaxes(type="log", exponentformat="power", range=[lo_k - 0.5, hi_k + 0.5],
                     row=1, col=2)
    fig.update_xaxes(title_text=k_label, row=1, col=2)
    if T <= 3:
        fig.update_xaxes(tickmode="array", tickvals=list(k), row=1, col=2)
    fig.update_layout(height=420, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      template="plotly_white", bargap=0.05 if T > 50 else 0.3)
    return fig
