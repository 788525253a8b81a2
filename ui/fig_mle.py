"""Plotly figures for the 'maximum likelihood = minimum KL' page (pure functions of arrays)."""

from __future__ import annotations

import numpy as np

from ui import plot

DATA, MODEL, HIST = "#1f77b4", "#d62728", "rgba(31, 119, 180, 0.25)"
LOGLIK, NEGKL, SAMPLE, GAP = "#2ca02c", "#9467bd", "#7f7f7f", "#ff7f0e"


def _layout(fig: plot.Figure, height: int) -> plot.Figure:
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      template="plotly_white", legend={"orientation": "h", "y": -0.2})
    return fig


def density_figure(x: np.ndarray, p_data: np.ndarray, p_model: np.ndarray,
                   counts: np.ndarray, edges: np.ndarray, names: tuple[str, str, str],
                   x_label: str, y_label: str) -> plot.Figure:
    """Histogram of the sample (as a density), p_data and the model p_θ."""
    fig = plot.Figure()
    fig.add_trace(plot.bar(x=0.5 * (edges[:-1] + edges[1:]), y=counts, width=np.diff(edges),
                           name=names[2], marker={"color": HIST, "line": {"width": 0}}))
    fig.add_trace(plot.scatter(x=x, y=p_data, name=names[0], mode="lines",
                               line={"color": DATA, "width": 2.5}))
    fig.add_trace(plot.scatter(x=x, y=p_model, name=names[1], mode="lines",
                               line={"color": MODEL, "width": 2.5, "dash": "dash"}))
    fig.update_layout(xaxis_title=x_label, yaxis_title=y_label, bargap=0)
    return _layout(fig, 360)


def _gap(fig: plot.Figure, x: float, y_top: float, y_bottom: float, text: str, left: bool,
         row: int | None = None, col: int | None = None) -> None:
    """A vertical orange bracket between the two curves at x, labelled with the gap (on its
    left when x is near the right edge)."""
    kw = {} if row is None else {"row": row, "col": col}
    fig.add_trace(plot.scatter(x=[x, x], y=[y_bottom, y_top], mode="lines+markers",
                               line={"color": GAP, "width": 3}, marker={"symbol": "line-ew-open",
                                                                      "size": 12, "color": GAP},
                               showlegend=False, hoverinfo="skip"), **kw)
    fig.add_annotation(x=x, y=0.5 * (y_top + y_bottom), text=text, showarrow=False,
                       xanchor="right" if left else "left", xshift=-6 if left else 6,
                       font={"color": GAP}, bgcolor="rgba(255, 255, 255, 0.8)", **kw)


def sweep_figure(sweeps: list[tuple[np.ndarray, np.ndarray, np.ndarray, float, float, float]],
                 titles: tuple[str, str], x_labels: tuple[str, str], names: tuple[str, str],
                 y_label: str, gap_text: str) -> plot.Figure:
    """E[log p_θ] and -KL along a sweep of μ (σ fixed) and of σ (μ fixed), side by side.

    Each sweep is (grid, expected log-likelihood, -KL, current x, its E, its -KL).
    """
    fig = plot.Figure(rows=1, cols=2, subplot_titles=list(titles), horizontal_spacing=0.08)
    for col, (grid, ell, neg_kl, x_now, e_now, k_now) in enumerate(sweeps, start=1):
        fig.add_trace(plot.scatter(x=grid, y=ell, name=names[0], mode="lines",
                                   line={"color": LOGLIK, "width": 2.5}, legendgroup="e",
                                   showlegend=col == 1), row=1, col=col)
        fig.add_trace(plot.scatter(x=grid, y=neg_kl, name=names[1], mode="lines",
                                   line={"color": NEGKL, "width": 2.5, "dash": "dash"},
                                   legendgroup="k", showlegend=col == 1), row=1, col=col)
        fig.add_trace(plot.scatter(x=[x_now, x_now], y=[e_now, k_now], mode="markers",
                                   marker={"color": [LOGLIK, NEGKL], "size": 10},
                                   showlegend=False, hoverinfo="skip"), row=1, col=col)
        _gap(fig, x_now, max(e_now, k_now), min(e_now, k_now), gap_text,
             left=x_now > 0.5 * (grid[0] + grid[-1]), row=1, col=col)
        # keep the interesting top of the curves in view: the far tails drop like 1/σ²
        top = float(max(ell.max(), neg_kl.max()))
        low = min(e_now, k_now, top - 6.0) - 1.0
        fig.update_yaxes(range=[max(low, min(ell.min(), neg_kl.min())) - 0.5, top + 0.8],
                         row=1, col=col)
        fig.update_xaxes(title_text=x_labels[col - 1], row=1, col=col)
    fig.update_yaxes(title_text=y_label, row=1, col=1)
    return _layout(fig, 380)


def fit_figure(steps: np.ndarray, avg_ll: np.ndarray, ell: np.ndarray, neg_kl: np.ndarray,
               names: tuple[str, str, str], x_label: str, y_label: str, title: str,
               gap_text: str, n_steps: int) -> plot.Figure:
    """The sample's average log-likelihood, the exact E[log p_θ] and -KL over the fit steps."""
    fig = plot.Figure()
    fig.add_trace(plot.scatter(x=steps, y=ell, name=names[0], mode="lines",
                               line={"color": LOGLIK, "width": 2.5}))
    fig.add_trace(plot.scatter(x=steps, y=avg_ll, name=names[2], mode="lines",
                               line={"color": SAMPLE, "width": 1.5, "dash": "dot"}))
    fig.add_trace(plot.scatter(x=steps, y=neg_kl, name=names[1], mode="lines",
                               line={"color": NEGKL, "width": 2.5, "dash": "dash"}))
    k = len(steps) - 1
    _gap(fig, float(steps[k]), max(ell[k], neg_kl[k]), min(ell[k], neg_kl[k]), gap_text,
         left=k > 0.5 * n_steps)
    top = float(max(ell.max(), neg_kl.max(), avg_ll.max()))
    low = float(min(ell.min(), neg_kl.min(), avg_ll.min()))
    fig.update_layout(title=title, xaxis_title=x_label, yaxis_title=y_label,
                      xaxis={"range": [-0.02 * n_steps, n_steps * 1.03]},
                      yaxis={"range": [max(low, top - 12.0) - 0.5, top + 0.8]})
    return _layout(fig, 380)
