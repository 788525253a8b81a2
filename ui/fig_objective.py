"""Plotly figures and number formatting for the ε-objective pages (views/objective.py and
views/epsstar.py): pure functions of arrays, no Streamlit here."""

from __future__ import annotations

import numpy as np

from ui import plot


def tex_num(x: float, digits: int = 4) -> str:
    """A number for LaTeX with `digits` significant digits: 0.01234, 157.4, and
    1.234 \\times 10^{-5} outside [10^{-3}, 10^4) — never "1.234e-05"."""
    x = float(x)
    if not np.isfinite(x):
        return r"\infty" if x > 0 else (r"-\infty" if x < 0 else r"\text{NaN}")
    if x == 0:
        return "0"
    if 1e-3 <= abs(x) < 1e4:
        return f"{x:.{digits}g}"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    if mantissa in ("1", "-1"):
        return rf"{mantissa[:-1]}10^{{{int(exponent)}}}"
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def profile(ts: np.ndarray, values: np.ndarray) -> dict:
    """Where a curve over t is largest and smallest, and its shape: "falls" (never rises),
    "rises" (never falls), "dip" (falls to its minimum, then rises) or "other"."""
    ts, values = np.asarray(ts), np.asarray(values, dtype=float)
    i_max, i_min = int(np.argmax(values)), int(np.argmin(values))
    d = np.diff(values)
    if (d <= 0).all():
        shape = "falls"
    elif (d >= 0).all():
        shape = "rises"
    elif (d[:i_min] <= 0).all() and (d[i_min:] >= 0).all():
        shape = "dip"
    else:
        shape = "other"
    return {"t_max": int(ts[i_max]), "max": float(values[i_max]), "t_min": int(ts[i_min]),
            "min": float(values[i_min]), "shape": shape}


def log_ticks(axis: dict, values) -> dict:
    """A log axis whose tick labels read 10^k (plotly's "power" format), one tick per decade
    when the data span more than one, every k-th decade when they span so many that the labels
    would overlap (at most ~8 ticks)."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v) & (v > 0)]
    axis = dict(axis, type="log", exponentformat="power", showexponent="all")
    if v.size and np.log10(v.max() / v.min()) > 1.5:
        axis["dtick"] = max(1, int(np.ceil(np.log10(v.max() / v.min()) / 8)))
    return axis


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
                      xaxis=log_ticks({}, ts) if log_x else {"type": "linear"},
                      yaxis=log_ticks({}, np.concatenate([np.ravel(s[0]) for s in series]))
                      if log_y else {"type": "linear"})
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
