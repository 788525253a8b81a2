"""Plotly figures for the 'VAE vs diffusion' page (pure functions of numbers; no Streamlit, no
maths beyond placing boxes and arrows)."""

from __future__ import annotations

import numpy as np

from ui import plot
from ui.fig_objective import log_ticks
from ui.fig_sampling import grids_figure, image_grid, samples_figure  # noqa: F401 (re-export)

FIXED, LEARNED, HIGHLIGHT, NODE = "#7f7f7f", "#d62728", "#ff7f0e", "#1f77b4"
RECON_C, KL_C, LT_C, L0_C, MID_C = "#2ca02c", "#9467bd", "#ff7f0e", "#2ca02c", "#6baed6"
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def chain_nodes(T: int, t: int) -> list[int | None]:
    """The chain's nodes drawn for T steps with step t (x_{t−1} → x_t) in view: every index when
    T ≤ 6, else 0, 1, t−1, t, T with None where indices are skipped (drawn as "…")."""
    if T <= 6:
        return list(range(T + 1))
    keep = sorted({0, 1, t - 1, t, T} & set(range(T + 1)))
    out: list[int | None] = []
    for k in keep:
        if out and out[-1] is not None and k > out[-1] + 1:
            out.append(None)
        out.append(k)
    return out


def _name(k: int, T: int) -> str:
    return "x_T" if k == T and T > 6 else f"x{str(k).translate(_SUB)}"


def chain_figure(T: int, t: int, labels: dict) -> plot.Figure:
    """Top row: the VAE, x → z → x̂, both arrows learned. Bottom row: DDPM as a chain x_0 → … →
    x_T, the upper arrows the fixed encoder q(x_t|x_{t−1}) (grey, dashed, no parameters), the
    lower arrows the learned decoder p_θ(x_{t−1}|x_t) (red); step t highlighted.
    labels: vae, ddpm, enc_vae, dec_vae, enc, dec, prior, latent, data."""
    nodes = chain_nodes(T, t)
    n = len(nodes)
    xs = np.linspace(0.0, 10.0, n) if n > 1 else np.array([0.0])
    fig = plot.Figure()
    ann, shapes = [], []

    def box(x, y, text, color, dash=False):
        shapes.append({"type": "rect", "x0": x - 0.38, "x1": x + 0.38, "y0": y - 0.28,
                       "y1": y + 0.28, "line": {"color": color, "width": 2,
                                                "dash": "dot" if dash else "solid"},
                       "fillcolor": "rgba(31,119,180,0.08)"})
        ann.append({"x": x, "y": y, "text": f"<b>{text}</b>", "showarrow": False,
                    "font": {"size": 16}})

    def arrow(x0, y0, x1, y1, color, dash, text=None, ty=0.0, width=2):
        ann.append({"x": x1, "y": y1, "ax": x0, "ay": y0, "xref": "x", "yref": "y",
                    "axref": "x", "ayref": "y", "showarrow": True, "arrowhead": 3,
                    "arrowsize": 1.2, "arrowwidth": width, "arrowcolor": color, "text": ""})
        if dash:  # a dashed guide line under the arrow (annotation arrows cannot be dashed)
            shapes.append({"type": "line", "x0": x0, "x1": x1, "y0": y0, "y1": y1,
                           "line": {"color": color, "width": 1, "dash": "dash"}})
        if text:
            ann.append({"x": (x0 + x1) / 2, "y": ty, "text": text, "showarrow": False,
                        "font": {"size": 12, "color": color}})

    # --- the VAE (top)
    yv = 3.0
    vx = [xs[0], (xs[0] + xs[-1]) / 2 if n > 2 else 5.0, xs[-1] if n > 1 else 10.0]
    box(vx[0], yv, "x", NODE)
    box(vx[1], yv, "z", LEARNED)
    box(vx[2], yv, "x̂", NODE)
    arrow(vx[0] + 0.4, yv, vx[1] - 0.4, yv, LEARNED, False, labels["enc_vae"], yv + 0.5, 3)
    arrow(vx[1] + 0.4, yv, vx[2] - 0.4, yv, LEARNED, False, labels["dec_vae"], yv + 0.5, 3)
    ann.append({"x": -0.9, "y": yv, "text": f"<b>{labels['vae']}</b>", "showarrow": False,
                "xanchor": "right", "font": {"size": 13}})
    # --- DDPM (bottom): forward arrows above, reverse arrows below
    yd = 0.0
    for i, k in enumerate(nodes):
        if k is None:
            ann.append({"x": xs[i], "y": yd, "text": "…", "showarrow": False,
                        "font": {"size": 22}})
        else:
            box(xs[i], yd, _name(k, T), NODE if k not in (t - 1, t) else HIGHLIGHT)
    for i in range(n - 1):
        a, b = nodes[i], nodes[i + 1]
        if a is None or b is None:
            continue
        hi = a == t - 1 and b == t
        arrow(xs[i] + 0.4, yd + 0.12, xs[i + 1] - 0.4, yd + 0.12, FIXED, True,
              labels["enc"] if hi else None, yd + 0.75, 3 if hi else 1.5)
        arrow(xs[i + 1] - 0.4, yd - 0.12, xs[i] + 0.4, yd - 0.12, LEARNED, False,
              labels["dec"] if hi else None, yd - 0.75, 3 if hi else 1.5)
    ann.append({"x": -0.9, "y": yd, "text": f"<b>{labels['ddpm']}</b>", "showarrow": False,
                "xanchor": "right", "font": {"size": 13}})
    ann.append({"x": xs[0], "y": yd - 1.25, "text": labels["data"], "showarrow": False,
                "font": {"size": 11}})
    ann.append({"x": xs[-1], "y": yd - 1.25, "text": labels["prior"], "showarrow": False,
                "font": {"size": 11}})
    ann.append({"x": vx[1], "y": yv - 0.6, "text": labels["latent"], "showarrow": False,
                "font": {"size": 11}})
    fig.update_layout(height=330, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      template="plotly_white", showlegend=False, annotations=ann, shapes=shapes,
                      xaxis={"visible": False, "range": [-2.6, 10.6], "fixedrange": True},
                      yaxis={"visible": False, "range": [-1.6, 3.9], "fixedrange": True})
    return fig


def terms_figure(vae_terms: list[tuple[str, float]], ddpm_terms: list[tuple[str, float]],
                 log_px: float, titles: tuple[str, str], y_label: str,
                 evidence: str) -> plot.Figure:
    """Both negative ELBOs as stacked bars, term by term (VAE: −recon, KL; DDPM: L_0,
    Σ L_{t−1}, L_T), next to −log p(x) as a dashed line: a bar above the line is the gap."""
    fig = plot.Figure(rows=1, cols=2, subplot_titles=list(titles), horizontal_spacing=0.12)
    colors = {0: [RECON_C, KL_C], 1: [L0_C, MID_C, LT_C]}
    for col, terms in ((1, vae_terms), (2, ddpm_terms)):
        for j, (name, v) in enumerate(terms):
            fig.add_trace(plot.bar(x=[name], y=[v], marker_color=colors[col - 1][j % 3],
                                   text=[f"{v:.4g}"], textposition="outside",
                                   cliponaxis=False, showlegend=False, name=name),
                          row=1, col=col)
        total = float(sum(v for _, v in terms))
        fig.add_trace(plot.bar(x=["Σ"], y=[total], marker_color="#1f77b4", text=[f"{total:.4g}"],
                               textposition="outside", cliponaxis=False, showlegend=False,
                               name="Σ"), row=1, col=col)
        fig.add_hline(-log_px, line={"color": "#000", "dash": "dash", "width": 1.5}, row=1,
                      col=col, annotation_text=evidence, annotation_position="top left")
    fig.update_yaxes(title_text=y_label, row=1, col=1)
    fig.update_layout(height=340, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      template="plotly_white", bargap=0.35)
    return fig


def steps_figure(ts: np.ndarray, values: np.ndarray, t_sel: int, x_label: str, y_label: str,
                 name: str) -> plot.Figure:
    """The DDPM terms L_{t−1} against t = 2..T on a log axis (they are KLs: ≥ 0; zeros are not
    drawn), the chain's step t marked."""
    fig = plot.Figure()
    mode = "lines+markers" if len(ts) <= 60 else "lines"
    fig.add_trace(plot.scatter(x=ts, y=values, mode=mode, line={"color": MID_C, "width": 2},
                               name=name, showlegend=False))
    fig.add_vline(float(t_sel), line={"color": HIGHLIGHT, "width": 2, "dash": "dot"})
    fig.update_layout(height=260, margin={"l": 10, "r": 10, "t": 20, "b": 10},
                      template="plotly_white", xaxis_title=x_label,
                      yaxis=log_ticks({"title": y_label}, values))
    return fig


def loss_figure(steps: list, losses: list, x_label: str, y_label: str) -> plot.Figure:
    """−ELBO (batch means, nats) against the training step of the student's VAE."""
    fig = plot.Figure()
    fig.add_trace(plot.scatter(x=np.asarray(steps), y=np.asarray(losses), mode="lines",
                               line={"color": KL_C, "width": 2}, showlegend=False))
    fig.update_layout(height=240, margin={"l": 10, "r": 10, "t": 20, "b": 10},
                      template="plotly_white", xaxis_title=x_label, yaxis_title=y_label)
    return fig
