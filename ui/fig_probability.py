"""Plotly figures for page 0, 'The probability you need' (pure functions of numbers the engine
computed; no Streamlit, no maths beyond drawing a Gaussian density and histogram bins)."""

from __future__ import annotations

import math

import numpy as np

from ui import plot

PRIOR, LIK, POST = "#7f7f7f", "#ff7f0e", "#2ca02c"
BLUE, RED, GREEN, PURPLE, GREY = "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#7f7f7f"
MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}
LEGEND = {"orientation": "h", "y": -0.22, "x": 0}


def _pdf(x: np.ndarray, m: float, v: float) -> np.ndarray:
    return np.exp(-0.5 * (x - m) ** 2 / v) / math.sqrt(2.0 * math.pi * v)


def coin_figure(theta: np.ndarray, dens: dict[str, np.ndarray], names: dict[str, str],
                x_label: str, y_label: str, y2_label: str) -> plot.Figure:
    """Prior and posterior densities of θ (left axis) and the likelihood P(X|θ) (right axis:
    a function of θ, not a density in θ)."""
    fig = plot.Figure()
    fig.add_trace(plot.scatter(x=theta, y=dens["prior"], name=names["prior"], mode="lines",
                               line={"color": PRIOR, "dash": "dot", "width": 2}))
    fig.add_trace(plot.scatter(x=theta, y=dens["posterior"], name=names["posterior"],
                               mode="lines", fill="tozeroy", fillcolor="rgba(44,160,44,0.15)",
                               line={"color": POST, "width": 3}))
    fig.add_trace(plot.scatter(x=theta, y=dens["likelihood"], name=names["likelihood"],
                               mode="lines", yaxis="y2",
                               line={"color": LIK, "dash": "dash", "width": 2}))
    top = float(np.percentile(np.concatenate([dens["prior"], dens["posterior"]]), 99.5))
    fig.update_layout(height=340, margin=MARGIN, legend=LEGEND, xaxis_title=x_label,
                      xaxis_range=[0, 1], yaxis_title=y_label, yaxis_range=[0, 1.1 * top + 1e-9],
                      yaxis2={"overlaying": "y", "side": "right", "title": {"text": y2_label},
                              "rangemode": "tozero", "showgrid": False})
    return fig


def triangle_figure(xy: np.ndarray, x0: float, y0: float, curves: dict[str, np.ndarray],
                    names: dict[str, str], titles: tuple[str, str, str]) -> plot.Figure:
    """Left: p(x, y) = 2 on the triangle, draws from it, the slices x = x₀ and y = y₀. Middle:
    the marginals p(x), p(y). Right: the conditionals p(y|x₀), p(x|y₀)."""
    fig = plot.Figure(1, 3, subplot_titles=titles, horizontal_spacing=0.08)
    fig.add_trace(plot.scatter(x=[0, 1, 1, 0], y=[0, 0, 1, 0], mode="lines", fill="toself",
                               fillcolor="rgba(31,119,180,0.10)", line={"color": BLUE},
                               name=names["support"], hoverinfo="skip"), 1, 1)
    fig.add_trace(plot.scattergl(x=xy[:, 0], y=xy[:, 1], mode="markers", name=names["draws"],
                                 marker={"size": 3, "color": GREY, "opacity": 0.45},
                                 hoverinfo="skip"), 1, 1)
    fig.add_trace(plot.scatter(x=[x0, x0], y=[0, x0], mode="lines", name=names["slice_x"],
                               line={"color": RED, "width": 4}), 1, 1)
    fig.add_trace(plot.scatter(x=[y0, 1], y=[y0, y0], mode="lines", name=names["slice_y"],
                               line={"color": PURPLE, "width": 4}), 1, 1)
    g = curves["grid"]
    fig.add_trace(plot.scatter(x=g, y=curves["px"], mode="lines", name=names["px"],
                               line={"color": RED, "width": 2}), 1, 2)
    fig.add_trace(plot.scatter(x=g, y=curves["py"], mode="lines", name=names["py"],
                               line={"color": PURPLE, "width": 2, "dash": "dash"}), 1, 2)
    fig.add_trace(plot.scatter(x=[x0], y=[curves["px0"]], mode="markers", showlegend=False,
                               marker={"color": RED, "size": 10}), 1, 2)
    fig.add_trace(plot.scatter(x=[y0], y=[curves["py0"]], mode="markers", showlegend=False,
                               marker={"color": PURPLE, "size": 10, "symbol": "diamond"}), 1, 2)
    fig.add_trace(plot.scatter(x=g, y=curves["y_given_x"], mode="lines", name=names["y_given_x"],
                               line={"color": RED, "width": 3, "shape": "hv"}), 1, 3)
    fig.add_trace(plot.scatter(x=g, y=curves["x_given_y"], mode="lines", name=names["x_given_y"],
                               line={"color": PURPLE, "width": 3, "dash": "dash", "shape": "hv"}),
                  1, 3)
    top = max(float(curves["y_given_x"].max()), float(curves["x_given_y"].max()), 2.0)
    fig.update_xaxes(range=[0, 1], title_text="x", row=1, col=1)
    fig.update_yaxes(range=[0, 1], title_text="y", scaleanchor="x", row=1, col=1)
    fig.update_xaxes(range=[0, 1], title_text="x / y", row=1, col=2)
    fig.update_yaxes(range=[0, 2.1], row=1, col=2)
    fig.update_xaxes(range=[0, 1], title_text="y / x", row=1, col=3)
    fig.update_yaxes(range=[0, 1.1 * top], row=1, col=3)
    fig.update_layout(height=360, margin=MARGIN, legend=LEGEND)
    return fig


def two_coin_figure(n_meas: np.ndarray, t_brute: np.ndarray, t_fact: np.ndarray,
                    n_extra: np.ndarray, t_extra: np.ndarray, terms_brute: np.ndarray,
                    terms_fact: np.ndarray, n_sel: int, names: dict[str, str],
                    titles: tuple[str, str], y_labels: tuple[str, str]) -> plot.Figure:
    """Left: terms of each sum against n (log axis). Right: measured seconds of each, and the
    brute force extrapolated beyond the largest n it was run for."""
    fig = plot.Figure(1, 2, subplot_titles=titles, horizontal_spacing=0.12)
    n_all = np.arange(1, len(terms_brute) + 1)
    fig.add_trace(plot.scatter(x=n_all, y=terms_brute, mode="lines", name=names["brute"],
                               line={"color": RED, "width": 3}), 1, 1)
    fig.add_trace(plot.scatter(x=n_all, y=terms_fact, mode="lines", name=names["fact"],
                               line={"color": GREEN, "width": 3}), 1, 1)
    fig.add_trace(plot.scatter(x=n_meas, y=t_brute, mode="markers+lines", showlegend=False,
                               name=names["brute"], marker={"color": RED, "size": 7},
                               line={"color": RED}), 1, 2)
    fig.add_trace(plot.scatter(x=n_extra, y=t_extra, mode="lines", name=names["extra"],
                               line={"color": RED, "dash": "dot"}), 1, 2)
    fig.add_trace(plot.scatter(x=n_meas, y=t_fact, mode="markers+lines", showlegend=False,
                               name=names["fact"], marker={"color": GREEN, "size": 7},
                               line={"color": GREEN}), 1, 2)
    for col in (1, 2):
        fig.add_vline(x=n_sel, line={"color": GREY, "dash": "dash", "width": 1}, row=1, col=col)
        fig.update_xaxes(title_text="n", row=1, col=col)
    fig.update_yaxes(type="log", exponentformat="power", title_text=y_labels[0], row=1, col=1)
    fig.update_yaxes(type="log", exponentformat="power", title_text=y_labels[1], row=1, col=2)
    fig.update_layout(height=360, margin=MARGIN, legend=LEGEND)
    return fig


def _hist(samples: np.ndarray, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Density of the draws per bin (normalised by all draws: those outside the edges, the
    outer 0.5 %, are left off the chart rather than piled into the end bins)."""
    counts, _ = np.histogram(samples, bins=edges)
    width = edges[1] - edges[0]
    return 0.5 * (edges[1:] + edges[:-1]), counts / (len(samples) * width)


def gradient_figure(rep: np.ndarray, score: np.ndarray, true_grad: float, sigma_grid: np.ndarray,
                    var_curves: tuple[np.ndarray, np.ndarray], sigma: float,
                    sample_vars: tuple[float, float], names: dict[str, str],
                    titles: tuple[str, str], x_labels: tuple[str, str]) -> plot.Figure:
    """Left: histograms of the two one-draw estimators on one axis (the outer 0.5 % of the
    draws off the chart). Right: both variances against σ (log-log),
    with this σ's sample variances."""
    lo, hi = np.percentile(np.concatenate([rep, score]), [0.5, 99.5])
    lo, hi = min(lo, true_grad - 1e-3), max(hi, true_grad + 1e-3)
    edges = np.linspace(lo, hi, 81)
    fig = plot.Figure(1, 2, subplot_titles=titles, horizontal_spacing=0.12)
    top = 0.0
    for samples, name, color in ((score, names["score"], RED), (rep, names["reparam"], BLUE)):
        mid, dens = _hist(samples, edges)
        top = max(top, float(dens.max()))
        fig.add_trace(plot.bar(x=mid, y=dens, name=name, marker_color=color, opacity=0.55,
                               marker_line_width=0), 1, 1)
    fig.add_trace(plot.scatter(x=[true_grad, true_grad], y=[0, 1.05 * top], mode="lines",
                               name=names["true"],
                               line={"color": "black", "dash": "dash", "width": 2}), 1, 1)
    for curve, name, color in ((var_curves[0], names["reparam"], BLUE),
                               (var_curves[1], names["score"], RED)):
        fig.add_trace(plot.scatter(x=sigma_grid, y=curve, mode="lines", name=name,
                                   showlegend=False, line={"color": color, "width": 2}), 1, 2)
    fig.add_trace(plot.scatter(x=[sigma, sigma], y=list(sample_vars), mode="markers",
                               name=names["sample"], marker={"color": ["#1f77b4", "#d62728"],
                                                             "size": 11, "symbol": "x"}), 1, 2)
    fig.update_xaxes(title_text=x_labels[0], row=1, col=1)
    fig.update_xaxes(type="log", exponentformat="power", title_text=x_labels[1], row=1, col=2)
    fig.update_yaxes(type="log", exponentformat="power", row=1, col=2)
    fig.update_layout(height=370, margin=MARGIN, legend=LEGEND, barmode="overlay", bargap=0)
    return fig


def is_figure(x: np.ndarray, a: float, s2: float, w: np.ndarray, s2_grid: np.ndarray,
              var_curve: np.ndarray, var_now: float, names: dict[str, str],
              titles: tuple[str, str], labels: dict[str, str]) -> plot.Figure:
    """Left: target p = N(0,1), proposal q = N(a, s²) and the weight p/q (right axis, log).
    Right: Var_q(w) = E_q[w²] - 1 against s² (log; the subplot title names it), the s² ≤ ½
    region where it is infinite shaded; this s² marked."""
    fig = plot.Figure(1, 2, subplot_titles=titles, horizontal_spacing=0.18)
    fig.add_trace(plot.scatter(x=x, y=_pdf(x, 0.0, 1.0), mode="lines", name=names["p"],
                               line={"color": GREEN, "width": 3}), 1, 1)
    fig.add_trace(plot.scatter(x=x, y=_pdf(x, a, s2), mode="lines", name=names["q"],
                               fill="tozeroy", fillcolor="rgba(31,119,180,0.12)",
                               line={"color": BLUE, "width": 2, "dash": "dash"}), 1, 1)
    fig.add_trace(plot.scatter(x=x, y=w, mode="lines", name=names["w"], yaxis="y3",
                               line={"color": RED, "width": 2}), 1, 1)
    finite = np.isfinite(var_curve)
    fig.add_trace(plot.scatter(x=s2_grid[finite], y=var_curve[finite], mode="lines",
                               showlegend=False, line={"color": PURPLE, "width": 3}), 1, 2)
    ys = var_curve[finite]
    top = float(np.log10(max(ys.max(), 10.0))) + 0.5
    bottom = float(np.log10(max(ys.min(), 1e-3))) - 0.5
    fig.add_trace(plot.scatter(x=[s2_grid[0], 0.5, 0.5, s2_grid[0]],
                               y=[10**bottom, 10**bottom, 10**top, 10**top], mode="lines",
                               fill="toself", fillcolor="rgba(214,39,40,0.12)",
                               line={"width": 0}, name=names["inf"], hoverinfo="skip"), 1, 2)
    y_mark = var_now if math.isfinite(var_now) else 10 ** (top - 0.3)
    fig.add_trace(plot.scatter(x=[s2], y=[y_mark], mode="markers+text",
                               text=[labels["now"] if math.isfinite(var_now) else "∞"],
                               textposition="top center", showlegend=False,
                               marker={"color": "black", "size": 10}), 1, 2)
    fig.update_xaxes(title_text="x", row=1, col=1)
    fig.update_yaxes(title_text=labels["density"], row=1, col=1)
    fig.update_xaxes(title_text="s²", range=[float(s2_grid[0]), float(s2_grid[-1])], row=1, col=2)
    fig.update_yaxes(type="log", exponentformat="power", range=[bottom, top], row=1, col=2)
    fig.update_layout(height=370, margin=MARGIN, legend=LEGEND,
                      yaxis3={"overlaying": "y", "anchor": "x", "side": "right", "type": "log",
                              "exponentformat": "power", "dtick": 1, "showgrid": False})
    return fig


def running_figure(i: np.ndarray, running: np.ndarray, formula: float, names: dict[str, str],
                   x_label: str, y_label: str) -> plot.Figure:
    """One run's estimate of E_q[w²] after i draws, against the closed form (if finite)."""
    fig = plot.Figure()
    fig.add_trace(plot.scatter(x=i, y=running, mode="lines", name=names["run"],
                               line={"color": PURPLE, "width": 2}))
    if math.isfinite(formula):
        fig.add_hline(y=formula, line={"color": "black", "dash": "dash", "width": 2},
                      annotation_text=names["formula"])
    fig.update_xaxes(type="log", exponentformat="power", title_text=x_label)
    fig.update_yaxes(title_text=y_label)
    fig.update_layout(height=300, margin=MARGIN, legend=LEGEND)
    return fig


def iwae_figure(Ks: np.ndarray, gap_exact: np.ndarray, gap_mc: np.ndarray, se_mc: np.ndarray,
                gap_delta: np.ndarray, K: int, log_p_hat_gap: np.ndarray, gap_K: float,
                gap_elbo: float, names: dict[str, str], titles: tuple[str, str],
                labels: dict[str, str]) -> plot.Figure:
    """Left: log p(x) - L_K against K (log-log): exact, Monte Carlo (± 2 SE) and the delta
    method's Var(w)/(2K p²). Right: histogram of log p̂_K - log p(x) at this K, with its
    mean L_K - log p(x), the ELBO's and 0 (= log p(x))."""
    fig = plot.Figure(1, 2, subplot_titles=titles, horizontal_spacing=0.15)
    fig.add_trace(plot.scatter(x=Ks, y=-gap_exact, mode="lines+markers", name=names["exact"],
                               line={"color": GREEN, "width": 3}), 1, 1)
    fig.add_trace(plot.scatter(x=Ks, y=-gap_delta, mode="lines", name=names["delta"],
                               line={"color": GREY, "dash": "dash", "width": 2}), 1, 1)
    # a log axis shows neither a Monte-Carlo mean above log p(x) nor an interval reaching 0:
    # points are drawn where the mean is below log p(x); a bar reaching 0 runs off the bottom
    y_lo = float(np.log10(min(-gap_exact.max(), -gap_delta.max()))) - 1.0
    y_hi = float(np.log10(max(-gap_exact.min(), -gap_delta.min()))) + 0.4
    shown = -gap_mc > 0
    mean = -gap_mc[shown]
    low = np.maximum(mean - 2 * se_mc[shown], 10 ** (y_lo - 1))
    fig.add_trace(plot.scatter(x=Ks[shown], y=mean, mode="markers", name=names["mc"],
                               marker={"color": BLUE, "size": 8},
                               error_y={"type": "data", "symmetric": False,
                                        "array": 2 * se_mc[shown], "arrayminus": mean - low}),
                  1, 1)
    fig.add_trace(plot.scatter(x=[K], y=[-gap_K], mode="markers", showlegend=False,
                               marker={"color": "black", "size": 14, "symbol": "circle-open",
                                       "line": {"width": 2}}), 1, 1)
    lo, hi = np.percentile(log_p_hat_gap, [0.5, 100])
    edges = np.linspace(min(lo, gap_K), max(hi, 0.0) + 1e-9, 61)
    mid, dens = _hist(log_p_hat_gap, edges)
    fig.add_trace(plot.bar(x=mid, y=dens, marker_color=BLUE, opacity=0.6, marker_line_width=0,
                           name=names["hist"]), 1, 2)
    top = 1.08 * float(dens.max())
    for x, name, line in ((0.0, labels["log_px"], {"color": GREEN, "width": 3}),
                          (gap_K, labels["L_K"], {"color": "black", "dash": "dash", "width": 2}),
                          (gap_elbo, labels["elbo"], {"color": RED, "dash": "dot", "width": 2})):
        if x >= edges[0]:  # the ELBO of a large K lies far left of the estimates
            fig.add_trace(plot.scatter(x=[x, x], y=[0, top], mode="lines", name=name,
                                       line=line), 1, 2)
    fig.update_xaxes(type="log", exponentformat="power", title_text="K", row=1, col=1)
    fig.update_yaxes(type="log", exponentformat="power", title_text=labels["gap"],
                     range=[y_lo, y_hi], row=1, col=1)
    fig.update_xaxes(title_text=labels["hist_x"], row=1, col=2)
    fig.update_layout(height=380, margin=MARGIN, legend=LEGEND, bargap=0)
    return fig
