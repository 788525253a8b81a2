"""Plotly figures for the ε-objective page (pure functions of arrays; no Streamlit here)."""

from __future__ import annotations

import numpy as np

from ui import plot

LOSS, FLOOR, GAP, GAMMA = "#1f77b4", "#7f7f7f", "#d62728", "#2ca02c"
EPS_HAT, EPS_STAR, CLOUD = "#1f77b4", "#ff7f0e", "#a9a9a9"


def per_t_figure(ts: np.ndarray, series: list[tuple[np.ndarray, str, str, str]], title: str,
                 x_label: str, y_label: str, log_x: bool = True, log_y: bool = True) -> plot.Figure:
    """Curves over t: `series` holds (values, name, colour, dash) tuples."""
    fig = plot.Figure()
    for y, name, color, dash in series:
        fig.add_trace(plot.scatter(x=ts, y=y, name=name, mode="lines+markers",
                                   marker={"size": 4}, line={"color": color, "dash": dash}))
    fig.update_layout(title=title, height=380, margin={"l": 10, "r": 10, "t": 50, "b": 10},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
                      xaxis_title=x_label, yaxis_title=y_label, template="plotly_white",
                      xaxis_type="log" if log_x else "linear",
                      yaxis_type="log" if log_y else "linear")
    return fig


def arrow_lengths(fields: list[np.ndarray], cell: float, fill: float = 0.8,
                  clip: float = 1.4) -> tuple[list[np.ndarray], float]:
    """Scale (N, 2) vector fields by one common factor: the median of all lengths becomes
    `fill` grid cells; arrows longer than `clip` cells are shortened to `clip` cells
    (direction kept). Returns the drawn vectors and the length |v| drawn as one cell."""
    norms = np.concatenate([np.linalg.norm(f, axis=1) for f in fields])
    norms = norms[np.isfinite(norms)]
    ref = float(np.median(norms)) if norms.size else 0.0
    if not np.isfinite(ref) or ref <= 0.0:
        ref = 1.0
    k = fill * cell / ref  # drawn length per unit |v|
    out = []
    for f in fields:
        n = np.linalg.norm(f, axis=1, keepdims=True)
        shrink = np.minimum(1.0, clip * cell / np.maximum(k * n, 1e-300))
        out.append(f * k * shrink)
    return out, 1.0 / k * cell


def arrow_segments(xy: np.ndarray, uv: np.ndarray, head: float = 0.3,
                   angle: float = 0.45) -> tuple[np.ndarray, np.ndarray]:
    """Arrows from xy to xy + uv as NaN-separated line segments (shaft + two barbs), the way
    plotly's figure_factory quiver draws them: one Scatter trace holds every arrow.
    Zero or non-finite arrows are left out."""
    length = np.linalg.norm(uv, axis=1)
    keep = np.isfinite(length) & (length > 0)
    xy, uv, length = xy[keep], uv[keep], length[keep]
    end = xy + uv
    theta = np.arctan2(uv[:, 1], uv[:, 0])
    barb = head * length
    gap = np.full(len(xy), np.nan)
    pts = []  # (N, 9) per coordinate: start, end, gap, end, barb 1, gap, end, barb 2, gap
    for c, trig in ((0, np.cos), (1, np.sin)):
        b1 = end[:, c] + barb * trig(theta + np.pi - angle)
        b2 = end[:, c] + barb * trig(theta + np.pi + angle)
        pts.append(np.stack([xy[:, c], end[:, c], gap, end[:, c], b1, gap, end[:, c], b2, gap],
                            1).ravel())
    return pts[0].astype(np.float32), pts[1].astype(np.float32)  # float32: half the bytes sent


def vector_field_figure(cloud: np.ndarray, grid: np.ndarray,
                        fields: list[tuple[np.ndarray, str, str, float]], cloud_name: str,
                        title: str, lim: float = 3.0) -> plot.Figure:
    """The cloud of x_t behind arrows drawn at the grid points; `fields` holds
    (drawn vectors (N, 2), name, colour, line width) — already scaled with `arrow_lengths`;
    they are drawn in order, so a wide field drawn first shows under a thin one."""
    fig = plot.Figure()
    cloud = cloud.astype(np.float32)
    fig.add_trace(plot.scattergl(x=cloud[:, 0], y=cloud[:, 1], mode="markers", name=cloud_name,
                                 marker={"size": 3, "color": CLOUD, "opacity": 0.8}))
    for uv, name, color, width in fields:
        xs, ys = arrow_segments(grid, uv)
        fig.add_trace(plot.scatter(x=xs, y=ys, mode="lines", name=name,
                                   line={"color": color, "width": width}, hoverinfo="skip"))
    fig.update_layout(title=title, height=680, margin={"l": 10, "r": 10, "t": 50, "b": 10},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.06, "x": 0},
                      template="plotly_white")
    pad = 0.25
    fig.update_xaxes(range=[-lim - pad, lim + pad], title="x₁", constrain="domain")
    fig.update_yaxes(range=[-lim - pad, lim + pad], title="x₂", scaleanchor="x", scaleratio=1)
    return fig
