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
import gzip
import hashlib
import math
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from ui.frames import (  # noqa: F401
    FRAMES_DIR,
    FRAMES_MAX,
    I16_NAN,
    frames_body,
    frames_file,
    frames_img,
    frames_nbytes,
    frames_xy,
)
from ui.shared_cache import SharedLRU  # noqa: F401  (re-exported: plot.SharedLRU)

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
function appRoot() {
  // where Streamlit's own bundle came from is the app's root, whatever the page's URL
  const own = [...document.scripts].map((e) => e.src)
    .find((u) => /\/static\/js\/index\.[^/]*\.js/.test(u));
  return own ? own.replace(/static\/js\/index\.[^/]*\.js.*$/, '')
    : new URL('/', document.baseURI).href;
}
function plotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__ddpmPlotly) {
    window.__ddpmPlotly = new Promise((ok, fail) => {
      const s = document.createElement('script');
      s.src = appRoot() + 'app/static/plotly.min.js';
      s.onload = () => ok(window.Plotly);
      s.onerror = () => { window.__ddpmPlotly = null; fail(new Error('plotly.js')); };
      document.head.appendChild(s);
    });
  }
  return window.__ddpmPlotly;
}
// a player's frames: a file of the app's static folder named by its digest (ui.plot.player),
// fetched once per page and kept (decoded arrays too) while a figure may ask for it again
function frames(pl) {
  const got = window.__ddpmFrames || (window.__ddpmFrames = new Map());
  let p = got.get(pl.updates_id);
  if (!p) {
    p = fetch(appRoot() + pl.updates_src, {cache: 'force-cache'}).then((r) => {
      if (!r.ok) throw new Error('frames ' + r.status);
      return r.json();
    });
    p.catch(() => got.delete(pl.updates_id));
    got.set(pl.updates_id, p);
    while (got.size > 8) got.delete(got.keys().next().value);
  }
  return p.then((u) => { pl.updates = u; });
}
// ---- the player: frames of a trajectory, shown in the browser without a rerun per frame
function b64(u, T) {
  const bin = atob(u);
  const buf = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
  return new T(buf.buffer);
}
const ARR = {i2: Int16Array, u1: Uint8Array, f4: Float32Array};
function decodeFrames(pl) {
  for (const u of pl.updates) {
    if (!u.arr) u.arr = b64(u.bdata, ARR[u.dtype]);
    u.bdata = null;
  }
}
function frameValue(u, i) {  // one frame of one update: a Float32Array, or rows of one for z
  const raw = u.arr.subarray(i * u.n, (i + 1) * u.n);
  const out = new Float32Array(u.n);
  const nan = u.dtype === 'i2' ? -32768 : null;
  for (let k = 0; k < u.n; k++) {
    const v = raw[k];
    out[k] = v === nan ? NaN : v * u.scale + (u.offset || 0);
  }
  if (!u.rows) return out;
  const w = u.n / u.rows, rows = [];
  for (let r = 0; r < u.rows; r++) rows.push(out.subarray(r * w, (r + 1) * w));
  return rows;
}
function trailXY(pl, i) {  // the last steps of a few particles, one NaN-separated polyline
  const tr = pl.trail, ux = pl.updates[tr.src_x], uy = pl.updates[tr.src_y];
  const lo = Math.max(0, i - tr.len), k = i - lo + 1, m = tr.m;
  const xs = [], ys = [];
  for (let j = lo; j <= i; j++) { xs.push(frameValue(ux, j)); ys.push(frameValue(uy, j)); }
  const x = new Float32Array(m * (k + 1)), y = new Float32Array(m * (k + 1));
  for (let p = 0; p < m; p++) {
    for (let j = 0; j < k; j++) { x[p * (k + 1) + j] = xs[j][p]; y[p * (k + 1) + j] = ys[j][p]; }
    x[p * (k + 1) + k] = NaN; y[p * (k + 1) + k] = NaN;
  }
  const hx = xs[k - 1].slice(0, m), hy = ys[k - 1].slice(0, m);
  return {x, y, hx, hy};
}
let MEASURE = null;
function textWidth(s, size, family) {  // the drawn width of a title's text, tags left out
  MEASURE = MEASURE || document.createElement('canvas').getContext('2d');
  MEASURE.font = `${size}px ${family}`;
  return MEASURE.measureText(s.replace(/<[^>]*>/g, '')).width;
}
// a CJK character (or full-width punctuation) may end a line; a Latin word is kept whole
const CJK = '\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F';
const WRAP_TOKENS = new RegExp(`(?:<[^>]*>)*(?:[${CJK}]|[^\\s${CJK}]+)(?:<\\/[^>]*>)*\\s*`, 'g');
function wrapText(text, avail, size, family) {
  // greedy lines of at most `avail` px, joined by <br>: [text, lines]
  if (typeof text !== 'string' || text.includes('<br') || avail <= 0
      || textWidth(text, size, family) <= avail) return [text, 1];
  const lines = [];
  let line = '';
  for (const tok of text.match(WRAP_TOKENS) || [text]) {
    if (line && textWidth((line + tok).trimEnd(), size, family) > avail) {
      lines.push(line.trimEnd()); line = tok;
    } else line += tok;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return [lines.join('<br>'), lines.length];
}
function fonts(layout) {  // the figure's font family and size, its template's underneath
  const tl = (layout.template && layout.template.layout) || {};
  const base = Object.assign({}, tl.font, layout.font);
  return {tl, family: base.family || 'sans-serif', size: base.size || 12,
          margin: Object.assign({t: 100, l: 80, r: 80, b: 80}, tl.margin, layout.margin)};
}
function annWrap(f, a, width, size) {
  // a subplot's title (centred above its panel) wrapped to the room up to the nearer edge of
  // the plot (f: the figure's `fonts`): [text, lines]; any other annotation as it is
  if (!(a.xref === 'paper' && a.yref === 'paper' && a.xanchor === 'center'
        && a.yanchor === 'bottom' && typeof a.x === 'number')) return [a.text, 1];
  return wrapText(a.text, 2 * Math.min(a.x, 1 - a.x) * (width - f.margin.l - f.margin.r),
                  size, f.family);
}
function annSize(a, width) {
  return Math.min((a.font && a.font.size) || 16, width < 420 ? 10 : 12);
}
function narrow(layout, width) {
  // a phone: the subplot titles (annotations) get a smaller font so that they do not collide,
  // and a title or subplot title too long for its room is wrapped onto more lines (the top
  // margin grows to hold them) instead of running past the chart's edge
  if (!width || width >= 600) return layout;
  const f = fonts(layout);
  const out = Object.assign({}, layout);
  let up = 0, more = 0;  // the extra height of the title's lines, of the subplot titles'
  const title = typeof layout.title === 'string' ? {text: layout.title} : layout.title;
  if (title && title.text) {
    const tt = Object.assign({}, f.tl.title, title);
    const size = (tt.font && tt.font.size) || Math.round(f.size * 1.4);
    const x = tt.x === undefined ? 0.5 : tt.x;
    const [text, n] = wrapText(title.text, (x < 0.5 ? width * (1 - x) : width) - 16, size,
                               f.family);
    if (n > 1) { out.title = Object.assign({}, title, {text}); up = (n - 1) * size * 1.25; }
  }
  if (layout.annotations) {
    out.annotations = layout.annotations.map((a) => {
      const size = annSize(a, width);
      const [text, n] = annWrap(f, a, width, size);
      if (n > 1) more = Math.max(more, (n - 1) * size * 1.25);
      return Object.assign({}, a, {text, font: Object.assign({}, a.font, {size})});
    });
  }
  if (up + more) {
    out.margin = Object.assign({}, layout.margin, {t: f.margin.t + Math.ceil(up + more)});
    // plotly.js centres a title in the top margin: grown, it would move down into the lines'
    // labels above the plot. Stood on the plot's top instead (above those labels), it grows up.
    // (title.y is at most 1: in the container's coordinates; plotly.js anchors a title of
    // several lines by its first line, so that one goes up by the lines under it)
    if (title && title.text) {
      const H = layout.height || 450;
      out.title = Object.assign({}, out.title || title, {
        yref: 'container', yanchor: 'bottom', y: Math.min(1, (H - out.margin.t + 22 + up) / H)});
    }
  }
  return out;
}
function textsFit(S, i) {
  // the fast layer writes a frame's subplot titles as one line: not when one is (or was)
  // wrapped on a narrow chart; plotly.js draws that frame instead
  const gd = S.gd, width = gd.clientWidth;
  if (!width || width >= 600) return true;
  const f = fonts(S.fig.layout);
  for (const tx of S.fig.player.texts) {
    if (tx.where !== 'annotation') continue;
    const a = (S.fig.layout.annotations || [])[tx.i];
    const el = gd.querySelector(`.annotation[data-index="${tx.i}"] .annotation-text`);
    if (!a || (el && el.querySelector('tspan.line'))) return false;
    if (annWrap(f, Object.assign({}, a, {text: String(tx.values[i])}), width,
                annSize(a, width))[1] > 1) return false;
  }
  return true;
}
function present(layout, on) {
  // presentation mode: every chart font at least 18 px (a projector at the back of a room)
  if (!on) return layout;
  const big = (f) => Object.assign({}, f, {size: Math.max((f && f.size) || 12, 18)});
  const out = Object.assign({}, layout, {font: big(layout.font), legend: Object.assign(
    {}, layout.legend, {font: big(layout.legend && layout.legend.font)})});
  for (const k of Object.keys(layout)) {
    if (/^[xy]axis\d*$/.test(k)) out[k] = Object.assign({}, layout[k], {tickfont: big(
      layout[k].tickfont)});
  }
  if (layout.annotations) {
    out.annotations = layout.annotations.map((a) => Object.assign({}, a, {font: big(a.font)}));
  }
  return out;
}
function frameFigure(S, i) {
  const pl = S.fig.player;
  const data = S.fig.data.map((d) => Object.assign({}, d));
  let layout = present(Object.assign({}, S.fig.layout, {datarevision: i}), S.fig.present);
  for (const u of pl.updates) data[u.trace][u.prop] = frameValue(u, i);
  if (pl.trail) {
    const r = trailXY(pl, i);
    Object.assign(data[pl.trail.line], {x: r.x, y: r.y});
    Object.assign(data[pl.trail.head], {x: r.hx, y: r.hy});
  }
  if (pl.texts.length) {
    layout.annotations = (layout.annotations || []).map((a) => Object.assign({}, a));
    for (const tx of pl.texts) {
      if (tx.where === 'annotation') layout.annotations[tx.i].text = tx.values[i];
      else data[tx.i][tx.prop] = tx.values[i];
    }
  }
  layout = narrow(layout, S.gd.clientWidth);  // after the frame's own titles are in
  return {data, layout};
}
// ---- the fast layer. plotly.js redraws a whole figure on any change (Plotly.react and even
// Plotly.restyle of one trace's x: every trace's calc, the WebGL scene, the legend); on a
// CPU without a GPU that is 100-300 ms a frame. A frame of the player is therefore painted
// on a 2-D canvas laid over the chart: the moving traces (and the WebGL ones, whose shared
// canvas is hidden meanwhile) are drawn from the decoded frames straight to pixels with the
// axes plotly.js computed; the subplot titles and legend names are set as text. Once the
// control rests, one Plotly.react draws the same frame as plotly.js's own figure (hover,
// legend widths) and the canvas is put away.
function axisOf(fl, ref) { return fl[ref.replace(/^([xy])/, '$1axis')]; }
const RGBA = {};
function rgba(c) {  // any CSS colour -> [r, g, b, a 0..1], through a 1×1 canvas
  if (RGBA[c]) return RGBA[c];
  const cv = document.createElement('canvas'); cv.width = cv.height = 1;
  const x = cv.getContext('2d'); x.fillStyle = c; x.fillRect(0, 0, 1, 1);
  const d = x.getImageData(0, 0, 1, 1).data;
  return (RGBA[c] = [d[0], d[1], d[2], d[3] / 255]);
}
function lut(fd) {  // 256 colours of a heatmap's colorscale, as packed RGBA
  const cs = fd.colorscale.map(([p, c]) => [Number(p), rgba(c)]);
  if (fd.reversescale) cs.reverse().forEach((e) => { e[0] = 1 - e[0]; });
  const out = new Uint8ClampedArray(256 * 4);
  for (let k = 0; k < 256; k++) {
    const v = k / 255;
    let j = 0;
    while (j < cs.length - 2 && v > cs[j + 1][0]) j++;
    const [p0, c0] = cs[j], [p1, c1] = cs[Math.min(j + 1, cs.length - 1)];
    const f = p1 > p0 ? Math.min(1, Math.max(0, (v - p0) / (p1 - p0))) : 0;
    for (let q = 0; q < 3; q++) out[k * 4 + q] = c0[q] + (c1[q] - c0[q]) * f;
    out[k * 4 + 3] = 255;
  }
  return out;
}
function disk(size, dpr) {  // a marker's pixels: [dx, dy, coverage, ...] (antialiased edge)
  const r = size * dpr / 2, R = Math.ceil(r + 0.5), m = [];
  for (let dy = -R; dy <= R; dy++) {
    for (let dx = -R; dx <= R; dx++) {
      const c = Math.min(1, Math.max(0, r + 0.5 - Math.hypot(dx, dy)));
      if (c > 0) m.push(dx, dy, c);
    }
  }
  return m;
}
function fastPrep(S) {
  // what the canvases draw, read from the figure plotly.js has drawn; null where a trace they
  // would have to draw is of a kind they do not know (the frame then goes through plotly.js)
  const gd = S.gd, fl = gd._fullLayout, fd = gd._fullData, pl = S.fig.player;
  if (!fl || !fd) return null;
  const upd = {};
  for (const u of pl.updates) (upd[u.trace] = upd[u.trace] || {})[u.prop] = u;
  const moving = new Set(Object.keys(upd).map(Number));
  if (pl.trail) { moving.add(pl.trail.line); moving.add(pl.trail.head); }
  const dpr = window.devicePixelRatio || 1, items = [];
  let gl = false;
  for (const d of fd) {
    const k = d.index;
    if (d.type === 'scattergl') gl = true;
    if (!(d.type === 'scattergl' || moving.has(k))) continue;
    const xa = axisOf(fl, d.xaxis || 'x'), ya = axisOf(fl, d.yaxis || 'y');
    if (!xa || !ya || xa.type !== 'linear' || ya.type !== 'linear') return null;
    const it = {k, xr: d.xaxis || 'x', yr: d.yaxis || 'y', u: upd[k] || {},
                moving: moving.has(k), gl: d.type === 'scattergl'};
    if (d.type === 'heatmap') {
      if (!it.u.z || !Array.isArray(d.colorscale)) return null;
      const u = it.u.z, w = u.n / u.rows;
      it.kind = 'image'; it.lut = lut(d); it.w = w; it.h = u.rows;
      it.cv = document.createElement('canvas'); it.cv.width = w; it.cv.height = u.rows;
      it.img = it.cv.getContext('2d').createImageData(w, u.rows);
      it.zmin = d.zmin; it.zmax = d.zmax;
      it.x0 = d.x0 == null ? 0 : Number(d.x0); it.dx = d.dx == null ? 1 : Number(d.dx);
      it.y0 = d.y0 == null ? 0 : Number(d.y0); it.dy = d.dy == null ? 1 : Number(d.dy);
    } else if (d.type === 'scatter' || d.type === 'scattergl') {
      const mode = d.mode || '';
      it.kind = 'xy';
      if (mode.includes('lines') && d.line) {
        if (it.gl) return null;
        it.line = {color: d.line.color, width: d.line.width};
      }
      if (mode.includes('markers') && d.marker) {
        const m = d.marker, c = Array.isArray(m.color) ? m.color[0] : m.color;
        const size = Array.isArray(m.size) ? m.size[0] : m.size;
        const op = (m.opacity == null ? 1 : m.opacity) * (d.opacity == null ? 1 : d.opacity);
        const [r, g, b, a] = rgba(c);
        it.marker = {color: c, rgb: [r, g, b], alpha: a * op, op, size, disk: disk(size, dpr)};
      }
      if (!it.u.x) it.sx = d.x;
      if (!it.u.y) it.sy = d.y;
    } else return null;
    items.push(it);
  }
  return {items, gl, moving, dpr};
}
function fastHide(S, on) {  // plotly.js's own drawing of what the canvases draw: hidden or not
  const F = S.fast, gd = S.gd, v = on ? 'hidden' : '';
  const glc = gd.querySelector('.gl-container');
  if (glc) glc.style.visibility = on && F && F.gl ? 'hidden' : '';
  for (const el of gd.querySelectorAll('g.trace, g.hm')) {
    const cd = el.__data__, tr = cd && cd[0] && cd[0].trace;
    if (tr && (!on || (F && F.moving.has(tr.index)))) el.style.visibility = v;
  }
}
function canvasAt(S, name, above) {  // a canvas over the chart, just above `above`
  const box = S.gd.querySelector('.svg-container');
  let cv = S[name];
  if (!cv || cv.parentNode !== box) {
    cv = S[name] = document.createElement('canvas');
    cv.className = 'ddpm-fast';
    cv.style.cssText = 'position:absolute;left:0;top:0;pointer-events:none';
    const ref = box.querySelector(above) || box.querySelector('.main-svg');
    box.insertBefore(cv, ref ? ref.nextSibling : null);
  }
  return cv;
}
function sized(cv, W, H, dpr) {
  if (cv.width !== Math.round(W * dpr) || cv.height !== Math.round(H * dpr)) {
    cv.width = Math.round(W * dpr); cv.height = Math.round(H * dpr);
    cv.style.width = W + 'px'; cv.style.height = H + 'px';
  }
  cv.style.display = '';
  return cv;
}
function xyOf(it, key, i) {  // CSS-pixel positions of one coordinate of a trace at frame i
  const u = it.u[key], ax = key === 'x' ? it.xa : it.ya;
  const m = ax._m, b = ax._b + ax._offset;
  if (!u) {
    const src = it[key === 'x' ? 'sx' : 'sy'] || [], out = new Float32Array(src.length);
    for (let p = 0; p < src.length; p++) {
      const v = src[p];
      out[p] = v === null || v === undefined || v === '' ? NaN : Number(v) * m + b;
    }
    return out;
  }
  const raw = u.arr, n = u.n, o = i * n, s = u.scale * m, c = (u.offset || 0) * m + b;
  const out = new Float32Array(n), nan = u.dtype === 'i2' ? -32768 : null;
  for (let p = 0; p < n; p++) { const v = raw[o + p]; out[p] = v === nan ? NaN : v * s + c; }
  return out;
}
function stamp(px, Wd, it, X, Y, dpr) {
  // markers straight into RGBA pixels ("over" blending, as WebGL draws overlapping points)
  const xa = it.xa, ya = it.ya, mk = it.marker, m = mk.disk, [r, g, b] = mk.rgb;
  const x0 = Math.round(xa._offset * dpr), x1 = Math.round((xa._offset + xa._length) * dpr);
  const y0 = Math.round(ya._offset * dpr), y1 = Math.round((ya._offset + ya._length) * dpr);
  for (let p = 0; p < X.length; p++) {
    const x = Math.round(X[p] * dpr), y = Math.round(Y[p] * dpr);
    if (!(x >= x0 && x < x1 && y >= y0 && y < y1)) continue;  // off the plot, or NaN
    for (let k = 0; k < m.length; k += 3) {
      const qx = x + m[k], qy = y + m[k + 1];
      if (qx < x0 || qx >= x1 || qy < y0 || qy >= y1) continue;
      const a = mk.alpha * m[k + 2], o = (qy * Wd + qx) * 4, A = px[o + 3] / 255 * (1 - a);
      const oa = a + A;
      px[o] = (r * a + px[o] * A) / oa;
      px[o + 1] = (g * a + px[o + 1] * A) / oa;
      px[o + 2] = (b * a + px[o + 2] * A) / oa;
      px[o + 3] = oa * 255;
    }
  }
}
function fastPaint(S, i) {
  const gd = S.gd, fl = gd._fullLayout, pl = S.fig.player;
  if (!gd.isConnected || !fl || !gd.querySelector('.svg-container')) return false;
  if (!textsFit(S, i)) return false;
  if (!S.fast) S.fast = fastPrep(S);
  const F = S.fast;
  if (!F) return false;
  const dpr = F.dpr, W = fl.width, H = fl.height, now = {};
  for (const d of gd._fullData) now[d.index] = d;
  const live = [];
  for (const it of F.items) {
    const d = now[it.k];  // the axes and the legend's on/off as they are now (a resize)
    if (!d || d.visible !== true) continue;  // legendonly: switched off in the legend
    it.xa = axisOf(fl, it.xr); it.ya = axisOf(fl, it.yr);
    if (it.xa && it.ya) live.push(it);
  }
  let trail = null;
  if (pl.trail) {
    const r = trailXY(pl, i);
    trail = {};
    trail[pl.trail.line] = [r.x, r.y];
    trail[pl.trail.head] = [r.hx, r.hy];
  }
  const xy = (it) => {
    if (trail && trail[it.k]) {
      const [tx, ty] = trail[it.k], xa = it.xa, ya = it.ya;
      return [tx.map((v) => v * xa._m + xa._b + xa._offset),
              ty.map((v) => v * ya._m + ya._b + ya._offset)];
    }
    return [xyOf(it, 'x', i), xyOf(it, 'y', i)];
  };
  // the WebGL traces: pixels. Those that do not move (the data in grey) are drawn once per
  // axes; each frame starts from a copy of them.
  const gls = live.filter((it) => it.gl);
  if (gls.length) {
    const cv = sized(canvasAt(S, 'glCanvas', '.gl-container'), W, H, dpr);
    const Wd = cv.width, Hd = cv.height;
    const key = gls.map((it) => [it.k, it.xa._m, it.xa._b, it.xa._offset, it.ya._m, it.ya._b,
                                 it.ya._offset].join()).join('|') + ':' + Wd + 'x' + Hd;
    if (F.baseKey !== key) {
      F.baseKey = key;
      F.base = new Uint8ClampedArray(Wd * Hd * 4);
      for (const it of gls) {
        if (!it.moving && it.marker) { const [X, Y] = xy(it); stamp(F.base, Wd, it, X, Y, dpr); }
      }
      F.img = new ImageData(Wd, Hd);
    }
    const px = F.img.data;
    px.set(F.base);
    for (const it of gls) {
      if (it.moving && it.marker) { const [X, Y] = xy(it); stamp(px, Wd, it, X, Y, dpr); }
    }
    cv.getContext('2d').putImageData(F.img, 0, 0);
  }
  // the SVG traces that move (trails, their heads, the pictures), below the WebGL ones as
  // plotly.js layers them
  const svgs = live.filter((it) => !it.gl);
  if (svgs.length) {
    const cv = sized(canvasAt(S, 'svgCanvas', '.main-svg'), W, H, dpr);
    const ctx = cv.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    for (const it of svgs) paintSvg(ctx, it, i, xy);
  }
  fastHide(S, true);
  fastTexts(S, i);
  S.fastOn = true;
  return true;
}
function paintSvg(ctx, it, i, xy) {
  const xa = it.xa, ya = it.ya;
  ctx.save();
  ctx.beginPath(); ctx.rect(xa._offset, ya._offset, xa._length, ya._length); ctx.clip();
  if (it.kind === 'image') {
    const u = it.u.z, raw = u.arr, o = i * u.n, px = it.img.data, L = it.lut;
    const span = (it.zmax - it.zmin) || 1, a = u.scale / span * 255,
      c = ((u.offset || 0) - it.zmin) / span * 255;
    for (let p = 0; p < u.n; p++) {
      const k = Math.max(0, Math.min(255, Math.round(raw[o + p] * a + c))) * 4;
      px[p * 4] = L[k]; px[p * 4 + 1] = L[k + 1]; px[p * 4 + 2] = L[k + 2]; px[p * 4 + 3] = 255;
    }
    it.cv.getContext('2d').putImageData(it.img, 0, 0);
    const X = (v) => xa._offset + xa._b + xa._m * v, Y = (v) => ya._offset + ya._b + ya._m * v;
    const xl = X(it.x0 - it.dx / 2), xr = X(it.x0 + it.dx * (it.w - 0.5));
    const yt = Y(it.y0 - it.dy / 2), yb = Y(it.y0 + it.dy * (it.h - 0.5));
    ctx.imageSmoothingEnabled = false;
    ctx.translate(xl, yt);
    ctx.scale(Math.sign(xr - xl) || 1, Math.sign(yb - yt) || 1);
    ctx.drawImage(it.cv, 0, 0, Math.abs(xr - xl), Math.abs(yb - yt));
  } else {
    const [X, Y] = xy(it);
    if (it.line) {
      ctx.strokeStyle = it.line.color; ctx.lineWidth = it.line.width; ctx.lineJoin = 'round';
      ctx.beginPath();
      let pen = false;
      for (let p = 0; p < X.length; p++) {
        if (Number.isNaN(X[p]) || Number.isNaN(Y[p])) { pen = false; continue; }
        if (pen) ctx.lineTo(X[p], Y[p]); else { ctx.moveTo(X[p], Y[p]); pen = true; }
      }
      ctx.stroke();
    }
    if (it.marker) {
      ctx.fillStyle = it.marker.color; ctx.globalAlpha = it.marker.op;
      ctx.beginPath();
      const r = it.marker.size / 2;
      for (let p = 0; p < X.length; p++) {
        if (X[p] !== X[p] || Y[p] !== Y[p]) continue;  // NaN: a gap
        ctx.moveTo(X[p] + r, Y[p]); ctx.arc(X[p], Y[p], r, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
  }
  ctx.restore();
}
function fastTexts(S, i) {  // the per-frame strings, straight into plotly.js's text elements
  const gd = S.gd;
  for (const tx of S.fig.player.texts) {
    const v = String(tx.values[i]);
    if (tx.where === 'annotation') {
      const el = gd.querySelector(`.annotation[data-index="${tx.i}"] .annotation-text`);
      if (el && el.textContent !== v) el.textContent = v;
    } else if (tx.prop === 'name') {
      const items = [...gd.querySelectorAll('.legend .traces')];
      items.forEach((g, j) => {
        const d = g.__data__, tr = d && d[0] && d[0].trace;
        const el = tr && tr.index === tx.i && g.querySelector('.legendtext');
        if (!el || el.textContent === v) return;
        const same = el.textContent.length === v.length;  // "t = 329" -> "t = 343": no shift
        const before = same ? 0 : el.getComputedTextLength();
        el.textContent = v;
        const delta = same ? 0 : el.getComputedTextLength() - before;
        // a horizontal legend: the items after it on its row move by the change of width
        const row = (e) => (/translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)/.exec(
          e.getAttribute('transform') || '') || []).slice(1).map(Number);
        const [, y] = row(g);
        if (!delta || y === undefined) return;
        for (const h of items.slice(j + 1)) {
          const [hx, hy] = row(h);
          if (hy === y) h.setAttribute('transform', `translate(${hx + delta},${hy})`);
        }
        const bg = gd.querySelector('.legend .bg');
        if (bg && bg.getAttribute('width')) {
          bg.setAttribute('width', String(Number(bg.getAttribute('width')) + delta));
        }
      });
    }
  }
}
function fastOff(S) {
  if (S.glCanvas) S.glCanvas.style.display = 'none';
  if (S.svgCanvas) S.svgCanvas.style.display = 'none';
  fastHide(S, false);
  S.fastOn = false;
}
function logPaint(label) {
  const log = window.__ddpmPaints || (window.__ddpmPaints = []);
  log.push({t: performance.now(), frame: label});
  if (log.length > 2000) log.splice(0, 1000);
}
function settleLater(S) {
  clearTimeout(S.settleTimer);
  // late: the canvas shows the same frame, and a report's rerun (its page render) comes first
  S.settleTimer = setTimeout(() => settle(S), 1200);
}
function settle(S) {  // the control rests: plotly.js draws the frame as its own figure
  if (!S.fastOn || S.playing || !S.P || !S.gd.isConnected) return;
  if (S.reacting) { settleLater(S); return; }
  const i = S.idx, fig = S.fig, f = frameFigure(S, i);
  S.reacting = true;
  S.P.react(S.gd, f.data, f.layout, S.config).then(() => {
    S.reacting = false;
    if (S.fig !== fig) return;
    if (S.idx === i && !S.playing) fastOff(S);
    else { fastHide(S, true); settleLater(S); }  // moved meanwhile: the canvas stays
  }, () => { S.reacting = false; });
}
function draw(S, i) {
  const pl = S.fig.player;
  i = Math.max(0, Math.min(pl.labels.length - 1, i));
  S.idx = i;
  S.slider.value = String(i);
  S.label.textContent = pl.ui.t_label.replace('{t}', pl.labels[i]);
  if (!S.P || S.busy) { S.dirty = true; return; }
  let fast = false;
  try { fast = fastPaint(S, i); } catch (err) { fast = false; }
  if (fast) {
    S.dirty = false;
    S.gd.dataset.frame = String(pl.labels[i]);
    logPaint(pl.labels[i]);
    if (!S.playing) settleLater(S);
    return;
  }
  slowDraw(S, i);
}
function slowDraw(S, i) {  // the whole figure through plotly.js
  const pl = S.fig.player;
  S.busy = true; S.dirty = false;
  if (S.fastOn) fastOff(S);
  const f = frameFigure(S, i);
  S.P.react(S.gd, f.data, f.layout, S.config).then(() => {
    S.busy = false;
    S.gd.dataset.frame = String(pl.labels[i]);
    logPaint(pl.labels[i]);
    if (S.dirty) draw(S, S.idx);
  }, () => { S.busy = false; });
}
function report(S, delay) {
  clearTimeout(S.reportTimer);
  const send = () => {
    const v = S.fig.player.labels[S.idx];
    if (S.reported === v || !S.setStateValue) return;
    S.reported = v;
    S.setStateValue('t', v);
  };
  if (delay) S.reportTimer = setTimeout(send, delay); else send();
}
function setPlaying(S, on) {
  S.playing = on;
  const pl = S.fig.player;
  S.playBtn.textContent = on ? pl.ui.pause : pl.ui.play;
  if (!on) { cancelAnimationFrame(S.raf); report(S, 300); settleLater(S); return; }
  // played again within 0.3 s (the end reached, play pressed again): the t it stopped at is
  // not reported, so no rerun of the page interrupts the animation
  clearTimeout(S.reportTimer);
  if (S.idx >= pl.labels.length - 1) draw(S, 0);
  S.last = performance.now();
  // the page's clock sets the frame: fps frames a second, frames skipped where painting
  // falls behind (rather than the chain slowing down)
  const tick = (now) => {
    if (!S.playing || !S.gd.isConnected) return;
    const k = Math.min(pl.fps, Math.floor((now - S.last + 2) * pl.fps / 1000));
    if (k >= 1) {
      S.last += k * 1000 / pl.fps;
      if (now - S.last > 1000) S.last = now;
      const next = S.idx + k * Number(S.speedSel.value || 1);
      if (next >= pl.labels.length - 1) {
        draw(S, pl.labels.length - 1);
        setPlaying(S, false);
        return;
      }
      draw(S, next);
    }
    S.raf = requestAnimationFrame(tick);
  };
  S.raf = requestAnimationFrame(tick);
}
function indexOfExtreme(pl, big) {
  let best = 0;
  pl.labels.forEach((v, k) => {
    if (big ? Number(v) > Number(pl.labels[best]) : Number(v) < Number(pl.labels[best])) best = k;
  });
  return best;
}
function onKey(e) {
  const S = window.__ddpmPlayer;
  if (!S || !S.gd.isConnected || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  const a = document.activeElement;
  if (a && a.closest && a.closest('.ddpm-ctl')) {
    if (a.tagName === 'SELECT') return;
    a.blur();  // the player's own slider or buttons: the keys below, not the browser's
  } else if (a && a !== document.body && (/^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(a.tagName)
      || a.isContentEditable || a.getAttribute('role') === 'slider'
      || a.getAttribute('role') === 'combobox' || a.getAttribute('role') === 'textbox')) return;
  const pl = S.fig.player;
  let i = null;
  if (e.key === 'ArrowRight') i = S.idx + (e.shiftKey ? 10 : 1);
  else if (e.key === 'ArrowLeft') i = S.idx - (e.shiftKey ? 10 : 1);
  else if (e.key === 'Home') i = indexOfExtreme(pl, true);
  else if (e.key === 'End') i = indexOfExtreme(pl, false);
  else if (e.key === ' ' || e.key === 'Spacebar') {
    e.preventDefault(); setPlaying(S, !S.playing); hideHint(S); return;
  } else return;
  e.preventDefault();
  if (S.playing) setPlaying(S, false);
  draw(S, i);
  report(S, 400);
  hideHint(S);
}
function hideHint(S) {
  if (S.hint) S.hint.style.display = 'none';
  try { localStorage.setItem('ddpmKeysHint', '1'); } catch (err) { /* private mode */ }
}
function button(text, title) {
  const b = document.createElement('button');
  b.type = 'button'; b.textContent = text; b.title = title || '';
  b.className = 'ddpm-btn';
  return b;
}
const CSS = `.ddpm-ctl{display:flex;align-items:center;gap:.45rem;flex-wrap:wrap;
margin:.1rem 0 .2rem}
[data-stale="true"]:has(.ddpm-plot){opacity:1!important}
.ddpm-ctl input[type=range]{flex:1 1 12rem;min-width:8rem;accent-color:#ff4b4b}
.ddpm-btn{border:1px solid rgba(49,51,63,.25);background:transparent;border-radius:.5rem;
padding:.15rem .6rem;font:inherit;cursor:pointer;min-width:2.4rem}
.ddpm-btn:hover{border-color:#ff4b4b;color:#ff4b4b}
.ddpm-tlabel{font-variant-numeric:tabular-nums;min-width:5.5rem;font-weight:600}
.ddpm-ctl select{font:inherit;border-radius:.4rem;padding:.1rem}
.ddpm-hint{font-size:.8rem;opacity:.7;margin:0 0 .2rem}
.katex-display{overflow-x:auto;overflow-y:hidden;max-width:100%}
.ddpm-present .ddpm-tlabel,.ddpm-present .ddpm-btn,.ddpm-present .ddpm-ctl select{font-size:1.2rem}
body.ddpm-present [data-testid="stSidebar"]{display:none}
body.ddpm-present .katex{font-size:1.3em}
body.ddpm-present .ddpm-hint{font-size:1rem}`;
function style() {
  if (document.getElementById('ddpm-style')) return;
  const s = document.createElement('style');
  s.id = 'ddpm-style'; s.textContent = CSS;
  document.head.appendChild(s);
}
function player(parentElement, gd, fig, setStateValue) {
  const pl = fig.player;
  let S = parentElement.__ddpmPlayer;
  if (!S) {
    S = parentElement.__ddpmPlayer = {gd};
    const ctl = document.createElement('div');
    ctl.className = 'ddpm-ctl';
    S.back = button('◀', pl.ui.back); S.fwd = button('▶', pl.ui.fwd);
    S.playBtn = button(pl.ui.play, pl.ui.play_help);
    S.playBtn.classList.add('ddpm-play');
    S.slider = document.createElement('input');
    S.slider.type = 'range'; S.slider.min = '0'; S.slider.step = '1';
    S.slider.className = 'ddpm-t'; S.slider.setAttribute('aria-label', 't');
    S.label = document.createElement('span'); S.label.className = 'ddpm-tlabel';
    S.speedSel = document.createElement('select'); S.speedSel.className = 'ddpm-speed';
    S.speedSel.title = pl.ui.speed;
    ctl.append(S.playBtn, S.back, S.label, S.slider, S.fwd, S.speedSel);
    parentElement.insertBefore(ctl, gd);
    S.hint = document.createElement('div'); S.hint.className = 'ddpm-hint';
    parentElement.insertBefore(S.hint, gd);
    S.slider.addEventListener('input', () => {
      if (S.playing) setPlaying(S, false);
      draw(S, Number(S.slider.value));
    });
    S.slider.addEventListener('change', () => report(S, 150));
    const stepBy = (d) => { setPlaying(S, false); draw(S, S.idx + d); report(S, 400); };
    S.back.addEventListener('click', () => stepBy(-1));
    S.fwd.addEventListener('click', () => stepBy(1));
    S.playBtn.addEventListener('click', () => setPlaying(S, !S.playing));
    for (const b of [S.back, S.fwd, S.playBtn]) b.addEventListener('click', () => b.blur());
    if (!window.__ddpmKeys) {
      window.__ddpmKeys = true;
      document.addEventListener('keydown', onKey);
    }
  }
  S.setStateValue = setStateValue;
  S.draw = (i) => draw(S, i);  // for the browser tests and the benchmark
  S.frameFigure = (i) => frameFigure(S, i);
  window.__ddpmPlayer = S;
  decodeFrames(pl);
  S.fig = fig;
  S.config = Object.assign({responsive: true, displaylogo: false}, fig.config);
  S.slider.max = String(pl.labels.length - 1);
  S.speedSel.replaceChildren(...pl.speeds.map((v) => {
    const o = document.createElement('option');
    o.value = String(v); o.textContent = pl.ui.speed_option.replace('{k}', v);
    return o;
  }));
  S.speedSel.value = String(pl.speed);
  S.speedSel.style.display = pl.speeds.length > 1 ? '' : 'none';
  S.playBtn.textContent = S.playing ? pl.ui.pause : pl.ui.play;
  let seen = false;
  try { seen = localStorage.getItem('ddpmKeysHint') === '1'; } catch (err) { seen = false; }
  S.hint.textContent = pl.ui.hint;
  if (seen) S.hint.style.display = 'none';
  else { try { localStorage.setItem('ddpmKeysHint', '1'); } catch (err) { /* ignore */ } }
  S.reported = pl.labels[pl.index];
  if (S.playing) setPlaying(S, false);
  return S;
}
export default function (component) {
  const { data, parentElement, setStateValue } = component;
  style();
  let gd = parentElement.querySelector(':scope > .ddpm-plot');
  if (!gd) {
    gd = document.createElement('div');
    gd.className = 'ddpm-plot';
    parentElement.appendChild(gd);
  }
  // Streamlit calls this when the chart leaves the page: free plotly's listeners then
  const cleanup = () => setTimeout(() => {
    if (gd.isConnected) return;
    if (window.Plotly) window.Plotly.purge(gd);
    if (gd.__ddpmPresent) document.body.classList.remove('ddpm-present');  // left the page
  }, 0);
  if (parentElement.__ddpmPlayer) parentElement.__ddpmPlayer.setStateValue = setStateValue;
  // data: ui.plot._packed's bytes, a 32-byte hex digest and then the figure's JSON
  const raw = data instanceof Uint8Array ? data : new Uint8Array(data);
  const dec = new TextDecoder();
  const id = dec.decode(raw.subarray(0, 32));
  if (gd.__ddpmData === id) return cleanup;  // a rerun that left this figure as it was
  gd.__ddpmData = id;
  const fig = JSON.parse(dec.decode(raw.subarray(32)));
  if (fig.player) {  // presentation mode follows the page's player (other charts leave it)
    gd.__ddpmPresent = !!fig.present;
    document.body.classList.toggle('ddpm-present', !!fig.present);
  }
  gd.style.minHeight = (fig.layout.height || 450) + 'px';
  gd.__ddpmNext = fig;  // the newest figure wins when updates arrive faster than drawing
  const ready = fig.player && !fig.player.updates ? frames(fig.player) : Promise.resolve();
  ready.then(() => {
    if (gd.__ddpmNext === fig) show(parentElement, gd, fig, setStateValue);
  }).catch(() => {
    gd.__ddpmData = null;  // the same data again retries
    gd.textContent = fig.loadError;
  });
  return cleanup;
}
function show(parentElement, gd, fig, setStateValue) {
  const S = fig.player ? player(parentElement, gd, fig, setStateValue) : null;
  if (S) {
    S.P = null;  // until this figure is drawn
    S.fast = null;  // the canvas reads the new figure's axes once it is drawn
    clearTimeout(S.settleTimer);
    S.slider.value = String(fig.player.index);
    S.idx = fig.player.index;
    S.label.textContent = fig.player.ui.t_label.replace('{t}', fig.player.labels[S.idx]);
  }
  plotly().then((P) => {
    if (gd.__ddpmNext !== fig) return;
    const config = Object.assign({responsive: true, displaylogo: false}, fig.config);
    const layout = narrow(present(fig.layout, fig.present), gd.clientWidth);
    return P.react(gd, {data: fig.data, layout,
                        frames: fig.frames || [], config}).then(() => {
      if (S) {
        S.P = P;
        fastOff(S);
        gd.dataset.frame = String(fig.player.labels[fig.player.index]);
        if (S.idx !== fig.player.index) draw(S, S.idx);  // moved while plotly.js loaded
      }
      if (!window.__ddpmFirst) window.__ddpmFirst = performance.now();
    });
  }).catch(() => {
    gd.textContent = fig.loadError;
  });
}
"""


def _to_json(spec: dict) -> str:
    """plotly's JSON (NaN -> null), without its escape of "/" as \\u002f (HTML-safe, not
    needed here): base64 frames are full of "/", and that escape made them ~35 % larger."""
    return pio.to_json(spec, validate=False).replace("\\u002f", "/")


ID_BYTES = 32  # the payload's first bytes: the hex MD5 of the JSON after them


def _packed(spec: dict) -> bytes:
    """What the in-place component is sent: the figure's JSON as UTF-8 bytes, after a 32-byte
    hex digest of it (the browser redraws only when the digest changes). Bytes, not a str:
    Streamlit JSON-encodes str data twice per rerun (the message, and the widget's identity,
    with sort_keys), ~20-35 ms for a player's 1.7 MB; bytes it only hashes once."""
    body = _to_json(spec).encode("utf-8")
    return hashlib.md5(body, usedforsecurity=False).hexdigest().encode("ascii") + body


_PLOTLY_READY: list = []  # [True] once static/ holds plotly.js and its gzip copy


def ensure_plotly_js() -> bool:
    """plotly.js of the installed plotly package in static/, where the app's static file
    serving finds it (copied once: it is not in git), with its gzip copy beside it
    (plotly.min.js.gz, made once: `ui.serving` sends it to browsers that accept gzip, instead
    of Streamlit compressing 4.8 MB again for every student). False where it cannot be
    written. Looked at once per process (every full run calls it; each look is a few
    system calls)."""
    if _PLOTLY_READY:
        return True
    src, gz = _PLOTLY_SRC, PLOTLY_JS.with_name(PLOTLY_JS.name + ".gz")
    try:
        if not (PLOTLY_JS.exists() and PLOTLY_JS.stat().st_size == src.stat().st_size):
            STATIC_DIR.mkdir(exist_ok=True)
            tmp = PLOTLY_JS.with_suffix(f".{os.getpid()}.tmp")
            shutil.copyfile(src, tmp)
            os.replace(tmp, PLOTLY_JS)  # atomic: another session never reads half a file
        if not gz.exists() or gz.stat().st_mtime < PLOTLY_JS.stat().st_mtime:
            tmp = gz.with_suffix(f".{os.getpid()}.tmp")
            # mtime 0: the same bytes whenever it is made
            tmp.write_bytes(gzip.compress(PLOTLY_JS.read_bytes(), 9, mtime=0))
            os.replace(tmp, gz)
        _PLOTLY_READY.append(True)
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


_CHARTS = SharedLRU(256)  # encoded charts by their `ident` and language


def _spec(fig) -> dict:
    fig = fig() if callable(fig) else fig
    return fig.to_dict() if isinstance(fig, Figure) else fig


def chart(fig, *, key: str, where=None, ident=None, **kw):
    """Show a figure under a stable `key`: updated in place in the browser (Plotly.react)
    where the app serves plotly.js (static/plotly.min.js and server.enableStaticServing), else
    with `st.plotly_chart` (keyword arguments as there).

    fig: a Figure, its dict, or a function returning one. ident (optional, hashable): names
    everything the figure depends on except the language; the encoded chart is then kept for
    every session, and a rerun with the same ident (a t the page shows again) neither builds
    nor encodes it."""
    import streamlit as st

    where = where or st
    if _static_serving() and PLOTLY_JS.exists():
        from ui.i18n import lang, t

        name = None if ident is None else (ident, lang())
        payload = None if name is None else _CHARTS.get(name)
        if payload is None:
            payload = _packed({**_spec(fig), "loadError": t("chart.no_plotly")})
            if name is not None:
                _CHARTS.put(name, payload)
        if where is st:
            return _live_component()(data=payload, key=key)
        with where:  # a column or container
            return _live_component()(data=payload, key=key)
    return where.plotly_chart(_Prebuilt(_spec(fig)), key=key, **kw)


# --------------------------------------------------------------------------- the player
# A trajectory shown in the browser: the page computes its frames once (cached), the browser
# receives them once as typed arrays, and the t control (slider, step buttons, play, speed,
# keyboard) draws them with Plotly.react, with no Streamlit rerun per frame. The chosen t is
# reported back (a component state value `t`) when the user lets go, so the rest of the page
# follows. Frames: int16 coordinates (scale per array, -32768 for NaN), uint8 image pixels.
FRAME_BUDGET = 1_200_000  # raw bytes of frames per view: 1.6 MB base64, ≤ 2 MB with the figure


# the encoded players: the figure and the frames' address, ~50-150 kB each (frames: on disk)
_PAYLOADS = SharedLRU(32)

def _reported(key: str) -> None:
    import streamlit as st

    state = st.session_state.get(key)
    value = state.get("t") if hasattr(state, "get") else getattr(state, "t", None)
    st.session_state[f"{key}__reported"] = value
    cb = st.session_state.get(f"{key}__on_report")
    if cb is not None and value is not None:
        cb(value)



def keep_sent(key: str, ident, frames: list, current) -> list:
    """The frames to send the player: the ones sent last time for the same `ident` when the
    reported `current` is among them (a t the browser reported is one of the frames it has, so
    the payload stays the same one), else `frames`; remembered in session state under `key`."""
    import streamlit as st

    sent = st.session_state.get(key)
    if sent and sent[0] == ident and current in sent[1]:
        frames = list(sent[1])
    st.session_state[key] = (ident, tuple(frames))
    return frames

def player(build, *, key: str, labels: list, index: int, frames, ui: dict,
           sig: str, texts=None, trail: dict | None = None,
           speeds: tuple = (1,), speed: int = 1, fps: int = 30, on_report=None,
           where=None, present: bool = False, **kw):
    """A figure with its frames and a t control above it, all in the browser.

    build(i) -> the Figure at frame i (the traces the frames update must be in it);
    labels: the t of each frame; index: the frame the page is at; frames: a function
    returning the frames' file, (digest, path) as `frames_file` writes it (of `frames_body`'s
    encoding of [{"trace", "prop", **frames_xy/frames_img(...)}]), called only when the
    payload is not already encoded (`texts` too); texts: per-frame strings [{"where":
    "annotation"|"data", "i", "prop", "values"}]; trail: {"line", "head", "src_x", "src_y",
    "m", "len"} (sampling);
    sig names the frames and the figure (with the language, the frame shown and the other
    arguments here, it keys the encoded payload, shared by all sessions, so it must name
    everything `build` and `frames` depend on): while it is unchanged and the browser
    itself reported the page's t, the payload is the same as before, so the browser keeps
    its own position and Streamlit sends no new frames. on_report(t) runs (as a widget
    callback) when the user lets go of a new t. Without the in-place component (no static
    serving), the figure at `index` is shown as a plain chart."""
    import streamlit as st

    if not (_static_serving() and PLOTLY_JS.exists()):
        return chart(build(index), key=key, where=where, **kw)
    ss = st.session_state
    ss[f"{key}__on_report"] = on_report
    anchor = ss.get(f"{key}__anchor")
    if anchor and anchor[0] == sig and ss.get(f"{key}__reported") == labels[index] \
            and 0 <= anchor[1] < len(labels):
        i0 = anchor[1]
    else:
        i0 = index
        ss[f"{key}__anchor"] = (sig, index)
    from ui.i18n import lang, t

    # the payload (~1-2 MB of JSON) is encoded once per view and language, for every session:
    # a rerun that leaves the view as it was (the report of a t, a widget elsewhere) sends
    # the same string, which Streamlit then sends as a reference to the browser's copy
    ident = (key, sig, int(i0), lang(), bool(present), int(speed), tuple(speeds), int(fps),
             tuple(labels))
    got = _PAYLOADS.get(ident)
    payload = None if got is None or not got[1].exists() else got[0]  # (a file swept: again)
    if payload is None:
        spec = build(i0).to_dict()
        uid, path = frames()
        spec["player"] = {"labels": list(labels), "index": int(i0),
                          "updates": None, "updates_id": uid,
                          "updates_src": f"app/static/{FRAMES_DIR.name}/{path.name}",
                          "texts": (texts() if callable(texts) else texts) or [],
                          "trail": trail, "ui": ui,
                          "speeds": list(speeds), "speed": int(speed), "fps": int(fps)}
        spec["loadError"] = t("chart.no_plotly")
        spec["present"] = bool(present)
        payload = _packed(spec)
        _PAYLOADS.put(ident, (payload, path))
    comp = _live_component()
    if where is None or where is st:
        return comp(data=payload, key=key, on_t_change=lambda: _reported(key))
    with where:
        return comp(data=payload, key=key, on_t_change=lambda: _reported(key))
