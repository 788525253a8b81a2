"""Plotly figures as plain JSON dicts, built fast, and shown without a second validation.

`plotly.graph_objects` validates every property as it is set; `make_subplots`, `add_vline`
and `update_layout` walk the whole property tree each call. On this app's pages that was
most of a slider rerun (profiled: 60-70 % of the posterior page's server time). The
figures here are the same plotly JSON built as dicts, with the small part of the
`go.Figure` API the pages use: subplot grids (domains as `make_subplots` computes them),
`add_trace`, `update_layout`, `update_xaxes/yaxes`, `add_vline/hline`, `add_annotation`
and animation frames. `tests/test_plot.py` checks every figure the pages build against
plotly's own validator, so a misspelt property still fails a test; the page does not pay
for that check on every rerun.

Numeric numpy arrays in traces are sent as plotly.js typed arrays (base64), as plotly does.
"""

from __future__ import annotations

import base64
import functools
import math
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

# the plotly property names that contain "_" themselves (not magic-underscore paths)
_KEEP = {"paper_bgcolor", "plot_bgcolor", "error_x", "error_y", "error_z"}
_SKIP_TYPED = {"range", "tickvals", "ticktext"}  # kept as JSON lists
_TYPED = {"float64": "f8", "float32": "f4", "int8": "i1", "uint8": "u1", "int16": "i2",
          "uint16": "u2", "int32": "i4", "uint32": "u4"}


def _typed(v: np.ndarray) -> Any:
    """A numeric numpy array as plotly.js's typed-array spec; anything else unchanged."""
    if v.dtype == np.bool_ or v.dtype.kind not in "iuf" or v.size == 0:
        return v.tolist()
    if v.dtype == np.int64 or v.dtype == np.uint64:
        lo, hi = int(v.min()), int(v.max())
        if -(2**31) <= lo and hi < 2**31:
            v = v.astype(np.int32)
        else:
            return v.tolist()
    if v.dtype == np.float16:
        v = v.astype(np.float32)
    v = np.ascontiguousarray(v, dtype=v.dtype.newbyteorder("<"))  # plotly.js reads LE
    out = {"dtype": _TYPED[v.dtype.name], "bdata": base64.b64encode(v.tobytes()).decode("ascii")}
    if v.ndim > 1:
        out["shape"] = ", ".join(str(n) for n in v.shape)
    return out


def _jsonable(v: Any, key: str = "") -> Any:
    if isinstance(v, dict):
        return {k: _jsonable(x, k) for k, x in v.items()}
    if isinstance(v, np.ndarray):
        return v.tolist() if key in _SKIP_TYPED else _typed(v)
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, np.generic):
        return v.item()
    return v


def _set(dst: dict, key: str, value: Any) -> None:
    """dst[key] = value with plotly's magic underscores (`xaxis_title_text`) and a string
    `title` meaning {"text": ...}; dicts are merged into what is there."""
    if "_" in key and key not in _KEEP:
        head, rest = key.split("_", 1)
        sub = dst.get(head)
        if not isinstance(sub, dict):
            sub = {} if sub is None else {"text": sub} if head == "title" else {}
            dst[head] = sub
        _set(sub, rest, value)
        return
    if key == "title" and isinstance(value, str):
        value = {"text": value}
    if isinstance(value, dict) and isinstance(dst.get(key), dict):
        for k, v in value.items():
            _set(dst[key], k, v)
    elif isinstance(value, dict):
        dst[key] = {}
        for k, v in value.items():
            _set(dst[key], k, v)
    else:
        dst[key] = value


def _props(kw: dict) -> dict:
    out: dict = {}
    for k, v in kw.items():
        _set(out, k, v)
    return out


@functools.cache
def _colorscale(name: str) -> list:
    """A named plotly colorscale ("gray", "viridis", ...) as plotly.js's [[pos, colour]]:
    the Python names are not all plotly.js names."""
    return [list(p) for p in go.Heatmap(colorscale=name).colorscale]


def trace(kind: str, **kw) -> dict:
    """One trace as a dict: trace("scatter", x=..., y=..., marker_color="red")."""
    out = {"type": kind, **_props(kw)}
    if isinstance(out.get("colorscale"), str):
        out["colorscale"] = _colorscale(out["colorscale"])
    return out


def scatter(**kw) -> dict:
    return trace("scatter", **kw)


def scattergl(**kw) -> dict:
    return trace("scattergl", **kw)


def bar(**kw) -> dict:
    return trace("bar", **kw)


def heatmap(**kw) -> dict:
    return trace("heatmap", **kw)


DEFAULT_TEMPLATE = "plotly_white"
FONT = '"Source Sans", "Source Sans Pro", sans-serif'  # the font Streamlit's pages use


@functools.cache
def _template(name: str) -> dict:
    """A named plotly template as JSON, with the app's font and axes that make room for
    their tick labels (automargin), as Streamlit's own chart theme does. Read-only: one dict
    is shared by every figure."""
    tpl = pio.templates[name].to_plotly_json()
    lay = tpl.setdefault("layout", {})
    lay.setdefault("font", {})["family"] = FONT
    for ax in ("xaxis", "yaxis"):
        lay.setdefault(ax, {})["automargin"] = True
    return tpl


def _axis_key(axis: str, k: int) -> str:
    return f"{axis}axis" if k == 1 else f"{axis}axis{k}"


def _ref(axis: str, k: int) -> str:
    return axis if k == 1 else f"{axis}{k}"


def _domains(n: int, spacing: float, widths: list[float] | None) -> list[tuple[float, float]]:
    """[start, end] of n cells across [0, 1] with `spacing` between them (make_subplots)."""
    w = [1.0] * n if widths is None else [float(x) for x in widths]
    room = 1.0 - spacing * (n - 1)
    out, x = [], 0.0
    for wi in w:
        size = room * wi / sum(w)
        out.append((x, x + size))
        x += size + spacing
    return out


class Figure:
    """A plotly figure as a dict, with a grid of `rows` × `cols` subplots."""

    def __init__(self, rows: int = 1, cols: int = 1, *, subplot_titles=None,
                 horizontal_spacing: float | None = None, vertical_spacing: float | None = None,
                 column_widths: list[float] | None = None, data=None, frames=None,
                 layout: dict | None = None):
        if rows < 1 or cols < 1:
            raise ValueError(f"rows and cols must be >= 1, got rows={rows}, cols={cols}")
        self.rows, self.cols = rows, cols
        self.data: list[dict] = list(data or [])
        self.frames: list[dict] = list(frames or [])
        self.layout: dict = {}
        self._grid = rows * cols > 1 or subplot_titles is not None
        if self._grid:
            hs = 0.2 / cols if horizontal_spacing is None else horizontal_spacing
            vs = (0.5 if subplot_titles else 0.3) / rows if vertical_spacing is None \
                else vertical_spacing  # make_subplots' defaults
            xs = _domains(cols, hs, column_widths)
            ys = _domains(rows, vs, None)[::-1]  # row 1 at the top
            titles = list(subplot_titles or [])
            for r in range(rows):
                for c in range(cols):
                    k = r * cols + c + 1
                    self.layout[_axis_key("x", k)] = {"anchor": _ref("y", k),
                                                      "domain": list(xs[c])}
                    self.layout[_axis_key("y", k)] = {"anchor": _ref("x", k),
                                                      "domain": list(ys[r])}
                    if k <= len(titles) and titles[k - 1]:
                        self.layout.setdefault("annotations", []).append(
                            {"text": titles[k - 1], "x": (xs[c][0] + xs[c][1]) / 2,
                             "y": ys[r][1], "xref": "paper", "yref": "paper",
                             "xanchor": "center", "yanchor": "bottom", "showarrow": False,
                             "font": {"size": 16}})
        if layout:
            self.update_layout(layout)

    # --- placement
    def _k(self, row: int | None, col: int | None) -> int:
        if row is None and col is None:
            return 1
        r, c = row or 1, col or 1
        if not (1 <= r <= self.rows and 1 <= c <= self.cols):
            raise ValueError(f"row={row}, col={col} is outside the {self.rows}×{self.cols} grid")
        return (r - 1) * self.cols + c

    def _ks(self, row: int | None, col: int | None) -> list[int]:
        """Every subplot when neither is given, else the one at (row, col)."""
        if row is None and col is None:
            return list(range(1, self.rows * self.cols + 1))
        return [self._k(row, col)]

    # --- the go.Figure API the pages use
    def add_trace(self, tr: dict, row: int | None = None, col: int | None = None) -> Figure:
        tr = dict(tr)
        k = self._k(row, col)
        if self._grid and k > 1:
            tr["xaxis"], tr["yaxis"] = _ref("x", k), _ref("y", k)
        self.data.append(tr)
        return self

    def add_scatter(self, row: int | None = None, col: int | None = None, **kw) -> Figure:
        return self.add_trace(scatter(**kw), row, col)

    def update_layout(self, dict1: dict | None = None, **kw) -> Figure:
        for k, v in {**(dict1 or {}), **kw}.items():
            _set(self.layout, k, v)
        return self

    def _update_axes(self, axis: str, row, col, kw) -> Figure:
        for k in self._ks(row, col):
            ax = self.layout.setdefault(_axis_key(axis, k), {})
            for key, v in kw.items():
                _set(ax, key, v)
        return self

    def update_xaxes(self, row: int | None = None, col: int | None = None, **kw) -> Figure:
        return self._update_axes("x", row, col, kw)

    def update_yaxes(self, row: int | None = None, col: int | None = None, **kw) -> Figure:
        return self._update_axes("y", row, col, kw)

    def add_annotation(self, row: int | None = None, col: int | None = None, **kw) -> Figure:
        ann = {"showarrow": False, **_props(kw)}
        if row is not None or col is not None:
            k = self._k(row, col)
            ann.setdefault("xref", _ref("x", k))
            ann.setdefault("yref", _ref("y", k))
        self.layout.setdefault("annotations", []).append(ann)
        return self

    def _line(self, along: str, value: float, line: dict | None, annotation_text: str | None,
              annotation_position: str | None, row, col) -> Figure:
        for k in self._ks(row, col):
            x, y = _ref("x", k), _ref("y", k)
            if along == "v":
                shape = {"type": "line", "x0": value, "x1": value, "xref": x,
                         "y0": 0, "y1": 1, "yref": f"{y} domain"}
            else:
                shape = {"type": "line", "x0": 0, "x1": 1, "xref": f"{x} domain",
                         "y0": value, "y1": value, "yref": y}
            if line:
                shape["line"] = _props(line)
            self.layout.setdefault("shapes", []).append(shape)
            if annotation_text:
                pos = annotation_position or "top right"
                if along == "v":
                    ann = {"x": value, "xref": x, "y": 1, "yref": f"{y} domain",
                           "yanchor": "bottom", "xanchor": "left" if "right" in pos else
                           "right" if "left" in pos else "center"}
                else:
                    ann = {"x": 1 if "right" in pos else 0, "xref": f"{x} domain", "y": value,
                           "yref": y, "xanchor": "right" if "right" in pos else "left",
                           "yanchor": "bottom" if "top" in pos else "top"}
                self.layout.setdefault("annotations", []).append(
                    {"text": annotation_text, "showarrow": False, "_on_log": along, **ann})
        return self

    def add_vline(self, x: float, line: dict | None = None, annotation_text: str | None = None,
                  annotation_position: str | None = None, row: int | None = None,
                  col: int | None = None) -> Figure:
        return self._line("v", x, line, annotation_text, annotation_position, row, col)

    def add_hline(self, y: float, line: dict | None = None, annotation_text: str | None = None,
                  annotation_position: str | None = None, row: int | None = None,
                  col: int | None = None) -> Figure:
        return self._line("h", y, line, annotation_text, annotation_position, row, col)

    def _axis_type(self, ref: str) -> str | None:
        """The type of the axis that `ref` ("y2", "x domain", ...) names, if it was set."""
        name = ref.split()[0]
        return self.layout.get(f"{name[0]}axis{name[1:]}", {}).get("type")

    def to_dict(self) -> dict:
        """The plotly JSON: traces, layout (with the default or the named template), frames."""
        layout = _jsonable(self.layout)
        for ann in layout.get("annotations", []):
            along = ann.pop("_on_log", None)  # a line's label: on a log axis, plotly.js
            key = "y" if along == "h" else "x"  # places annotations at log10 of the value
            if along and self._axis_type(ann[f"{key}ref"]) == "log" and ann[key] > 0:
                ann[key] = math.log10(ann[key])
        tpl = layout.get("template", DEFAULT_TEMPLATE)
        if isinstance(tpl, str):
            layout["template"] = _template(tpl)
        out = {"data": [_jsonable(tr) for tr in self.data], "layout": layout}
        if self.frames:
            out["frames"] = [_jsonable(f) for f in self.frames]
        return out


class _Prebuilt(go.Figure):
    """A finished figure dict handed to `st.plotly_chart` as a `go.Figure`: Streamlit then
    takes `to_dict()` as it is instead of validating the dict again (plotly.tools.
    return_figure_from_figure_or_data). Nothing else of go.Figure is used."""

    def __init__(self, spec: dict):  # noqa: D107 - deliberately not go.Figure's __init__
        object.__setattr__(self, "_spec", spec)

    def to_dict(self) -> dict:
        return self._spec


# --------------------------------------------------------------------------- live charts
# `st.plotly_chart` gives a chart an identity that hashes its whole figure, so the browser
# throws the chart away and builds a new one (Plotly.newPlot, new axes, new legend) each
# time a slider changes it. This small component keeps one plotly.js chart per key and
# updates it in place with Plotly.react: about half the browser's work on a step of the
# sampling page. plotly.js is the installed plotly package's own bundle, served by
# Streamlit's static file serving (`server.enableStaticServing`, folder static/).
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
PLOTLY_JS = STATIC_DIR / "plotly.min.js"
_PLOTLY_SRC = Path(pio.__file__).resolve().parent.parent / "package_data" / "plotly.min.js"
_LIVE_JS = r"""
function plotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__ddpmPlotly) {
    window.__ddpmPlotly = new Promise((ok, fail) => {
      const s = document.createElement('script');
      // where Streamlit's own bundle came from is the app's root, whatever the page's URL
      const own = [...document.scripts].map((e) => e.src)
        .find((u) => /\/static\/js\/index\.[^/]*\.js/.test(u));
      const root = own ? own.replace(/static\/js\/index\.[^/]*\.js.*$/, '')
        : new URL('/', document.baseURI).href;
      s.src = root + 'app/static/plotly.min.js';
      s.onload = () => ok(window.Plotly);
      s.onerror = () => { window.__ddpmPlotly = null; fail(new Error('plotly.js')); };
      document.head.appendChild(s);
    });
  }
  return window.__ddpmPlotly;
}
export default function (component) {
  const { data, parentElement } = component;
  let gd = parentElement.querySelector(':scope > .ddpm-plot');
  if (!gd) {
    gd = document.createElement('div');
    gd.className = 'ddpm-plot';
    parentElement.appendChild(gd);
  }
  // Streamlit calls this when the chart leaves the page: free plotly's listeners then
  const cleanup = () => setTimeout(() => {
    if (!gd.isConnected && window.Plotly) window.Plotly.purge(gd);
  }, 0);
  if (gd.__ddpmData === data) return cleanup;  // a rerun that left this figure as it was
  gd.__ddpmData = data;
  const fig = JSON.parse(data);
  gd.style.minHeight = (fig.layout.height || 450) + 'px';
  gd.__ddpmNext = fig;  // the newest figure wins when updates arrive faster than drawing
  plotly().then((P) => {
    if (gd.__ddpmNext !== fig) return;
    P.react(gd, {data: fig.data, layout: fig.layout, frames: fig.frames || [],
                 config: Object.assign({responsive: true, displaylogo: false}, fig.config)});
  }).catch(() => {
    gd.textContent = fig.loadError;
  });
  return cleanup;
}
"""


def ensure_plotly_js() -> bool:
    """plotly.js of the installed plotly package in static/, where the app's static file
    serving finds it (copied once: it is not in git). False where it cannot be written."""
    src = _PLOTLY_SRC
    try:
        if PLOTLY_JS.exists() and PLOTLY_JS.stat().st_size == src.stat().st_size:
            return True
        STATIC_DIR.mkdir(exist_ok=True)
        tmp = PLOTLY_JS.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(src, tmp)
        os.replace(tmp, PLOTLY_JS)  # atomic: another session never reads half a file
        return True
    except OSError:
        return False


@functools.cache
def _live_component():
    import streamlit as st

    return st.components.v2.component("ddpm_plot", js=_LIVE_JS, isolate_styles=False)


def _static_serving() -> bool:
    from streamlit import config

    return bool(config.get_option("server.enableStaticServing"))


def chart(fig: Figure | dict, *, key: str, where=None, **kw):
    """Show a figure under a stable `key`: updated in place in the browser (Plotly.react)
    where the app serves plotly.js (static/plotly.min.js and server.enableStaticServing), else
    with `st.plotly_chart` (keyword arguments as there)."""
    import streamlit as st

    spec = fig.to_dict() if isinstance(fig, Figure) else fig
    where = where or st
    if _static_serving() and PLOTLY_JS.exists():
        from ui.i18n import t

        payload = pio.to_json({**spec, "loadError": t("chart.no_plotly")},  # NaN -> null
                              validate=False)
        if where is st:
            return _live_component()(data=payload, key=key)
        with where:  # a column or container
            return _live_component()(data=payload, key=key)
    return where.plotly_chart(_Prebuilt(spec), key=key, **kw)
