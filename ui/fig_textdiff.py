"""Figures of the 'Diffusion for text' page (views/textdiff.py): token grids (a row per step,
a cell per position), the rounding curve of embedding noise, the small table and its product of
marginals, the NELBO against the number of steps, and glyph-token image grids."""

from __future__ import annotations

import numpy as np

from ui import plot
from ui.fig_objective import log_ticks

# cell states of a token grid
VISIBLE, NEW, MASKED, REMASKED = 0, 1, 2, 3
STATE_COLOURS = ["#dbe9f6", "#8fd18f", "#d0d0d0", "#f4a582"]  # visible, new, [MASK], re-masked


def _state_scale() -> list:
    """A discrete colour scale for the states 0..3 (z in 0..3)."""
    out = []
    for i, c in enumerate(STATE_COLOURS):
        out += [[i / 4, c], [(i + 1) / 4, c]]
    return out


def token_grid(cells: list[list[str]], states: list[list[int]], row_labels: list[str],
               hover: list[list[str]] | None = None, title: str = "",
               height: int | None = None, font_size: int = 13) -> plot.Figure:
    """A grid of tokens: row r is a step, column ℓ a position; the cell's colour is its state
    (visible, just revealed, [MASK], re-masked) and its text the token (and a probability)."""
    n_rows, n_cols = len(cells), len(cells[0])
    z = np.asarray(states, dtype=float)
    fig = plot.Figure()
    fig.add_trace(plot.heatmap(
        z=z, x=list(range(1, n_cols + 1)), y=row_labels, zmin=-0.5, zmax=3.5,
        colorscale=_state_scale(), showscale=False, xgap=2, ygap=2,
        text=cells, texttemplate="%{text}", textfont={"size": font_size},
        customdata=hover if hover is not None else cells,
        hovertemplate="%{y}, ℓ = %{x}<br>%{customdata}<extra></extra>"))
    fig.update_xaxes(side="top", dtick=1, title_text="ℓ", showgrid=False)
    fig.update_yaxes(autorange="reversed", showgrid=False, type="category")
    fig.update_layout(height=height or 60 + 34 * n_rows,
                      margin={"l": 10, "r": 10, "t": 50 if title else 30, "b": 5},
                      title={"text": title, "font": {"size": 15}} if title else None,
                      template="plotly_white")
    return fig


def rounding_figure(alpha_bars: list[float], acc: list[float], current: float, acc_now: float,
                    x_title: str, y_title: str, chance: float) -> plot.Figure:
    """P(round(z) = x) against ᾱ, with the chosen ᾱ marked and the chance level 1/V."""
    fig = plot.Figure()
    fig.add_scatter(x=alpha_bars, y=acc, mode="lines+markers", name="P(x̂ = x)",
                    line={"color": "#1f77b4"})
    fig.add_scatter(x=[current], y=[acc_now], mode="markers", name="ᾱ",
                    marker={"size": 12, "color": "#d62728"})
    fig.add_hline(chance, line={"dash": "dot", "color": "grey"}, annotation_text="1/V")
    fig.update_xaxes(title_text=x_title, range=[-0.02, 1.02])
    fig.update_yaxes(title_text=y_title, range=[0, 1.05])
    fig.update_layout(height=300, margin={"l": 10, "r": 10, "t": 20, "b": 10},
                      showlegend=False, template="plotly_white")
    return fig


def table_figure(p: np.ndarray, q: np.ndarray, labels: list[str], titles: list[str]
                 ) -> plot.Figure:
    """The joint p(x¹, x²) next to the product of its marginals p(x¹)p(x²), cells in percent."""
    fig = plot.Figure(rows=1, cols=2, subplot_titles=titles, horizontal_spacing=0.12)
    zmax = float(max(p.max(), q.max()))
    for i, m in enumerate((p, q), start=1):
        fig.add_trace(plot.heatmap(
            z=m, x=labels, y=labels, zmin=0, zmax=zmax, colorscale="Blues", showscale=False,
            text=[[f"{100 * v:.1f} %" for v in row] for row in m], texttemplate="%{text}",
            hovertemplate="x¹ = %{y}, x² = %{x}: %{text}<extra></extra>"), row=1, col=i)
        fig.update_xaxes(title_text="x²", side="bottom", row=1, col=i)
        fig.update_yaxes(title_text="x¹", autorange="reversed", row=1, col=i)
    fig.update_layout(height=300, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      template="plotly_white")
    return fig


def nelbo_figure(Ts: list[int], summed: list[float], averaged: list[float], H: float,
                 names: tuple[str, str, str], T_now: int, x_title: str, y_title: str
                 ) -> plot.Figure:
    """E_p[NELBO] (nats) against the number of steps T: summed over positions (→ H) and the
    averaged-over-masked-count pitfall, with H = E[−log p(x)]."""
    fig = plot.Figure()
    fig.add_scatter(x=Ts, y=summed, mode="lines+markers", name=names[0],
                    line={"color": "#1f77b4"})
    fig.add_scatter(x=Ts, y=averaged, mode="lines+markers", name=names[1],
                    line={"color": "#ff7f0e", "dash": "dash"})
    fig.add_hline(H, line={"dash": "dot", "color": "black"}, annotation_text=names[2])
    fig.add_vline(T_now, line={"color": "#d62728", "width": 1})
    fig.update_xaxes(**log_ticks({"title_text": x_title}, Ts))
    fig.update_yaxes(title_text=y_title)
    fig.update_layout(height=320, margin={"l": 10, "r": 10, "t": 20, "b": 10},
                      legend={"orientation": "h", "y": -0.25}, template="plotly_white")
    return fig


def glyph_steps_figure(grids: list[np.ndarray], titles: list[str], cols: int = 3
                       ) -> plot.Figure:
    """Image grids (one per decoding step), `cols` per row, grey = a [MASK] patch."""
    cols = max(1, min(cols, len(grids)))
    rows = -(-len(grids) // cols)
    fig = plot.Figure(rows=rows, cols=cols, subplot_titles=titles, horizontal_spacing=0.02,
                      vertical_spacing=0.12 if rows > 1 else None)
    for i, g in enumerate(grids):
        r, c = divmod(i, cols)
        k = i + 1
        fig.add_trace(plot.heatmap(z=g, zmin=0, zmax=1, colorscale="gray", showscale=False,
                                   hoverinfo="skip"), row=r + 1, col=c + 1)
        fig.update_xaxes(visible=False, constrain="domain", row=r + 1, col=c + 1)
        fig.update_yaxes(visible=False, autorange="reversed", row=r + 1, col=c + 1,
                         scaleanchor=f"x{'' if k == 1 else k}", scaleratio=1)
    fig.update_layout(height=40 + 190 * rows, margin={"l": 5, "r": 5, "t": 30, "b": 5},
                      template="plotly_white")
    for a in fig.layout.get("annotations", []):
        a["font"] = {"size": 12}
    return fig
