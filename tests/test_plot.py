"""ui/plot.py: the dict-built figures equal what plotly's own API builds, and every figure a
page sends is a valid plotly figure (plotly's validator, which the app skips for speed)."""

from __future__ import annotations

import base64
import gzip
import json
import os
import time
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from apptest_util import chart_specs, open_page
from plotly.subplots import make_subplots

from ui import plot


def _decode(spec: dict) -> np.ndarray:
    arr = np.frombuffer(base64.b64decode(spec["bdata"]), dtype="<" + spec["dtype"])
    if "shape" in spec:
        arr = arr.reshape([int(n) for n in spec["shape"].split(",")])
    return arr


@pytest.mark.parametrize("kw", [
    dict(rows=1, cols=2, horizontal_spacing=0.06, subplot_titles=["a", "b"]),
    dict(rows=1, cols=3, horizontal_spacing=0.07, column_widths=[1, 2, 3]),
    dict(rows=1, cols=4, subplot_titles=["a", "", "c", "d"]),
    dict(rows=2, cols=2, subplot_titles=["a", "b", "c", "d"]),
    dict(rows=3, cols=1),
])
def test_grid_matches_make_subplots(kw):
    ref = make_subplots(**kw).to_dict()["layout"]
    ours = plot.Figure(**kw).to_dict()["layout"]
    n = kw["rows"] * kw["cols"]
    for k in range(1, n + 1):
        for ax in ("xaxis", "yaxis"):
            key = ax if k == 1 else f"{ax}{k}"
            assert ours[key]["anchor"] == ref[key]["anchor"]
            np.testing.assert_allclose(ours[key]["domain"], ref[key]["domain"], atol=1e-12)
    titles = [(a["text"], a["x"], a["y"]) for a in ref.get("annotations", [])]
    got = [(a["text"], a["x"], a["y"]) for a in ours.get("annotations", [])]
    assert [t[0] for t in got] == [t[0] for t in titles]
    np.testing.assert_allclose([t[1:] for t in got], [t[1:] for t in titles], atol=1e-12)


def test_traces_lines_and_axes_match_plotly():
    x = np.linspace(0, 1, 7)
    ref = make_subplots(rows=1, cols=2)
    ref.add_trace(go.Scatter(x=x, y=x), row=1, col=1)  # plotly skips lines on empty subplots
    ref.add_trace(go.Scatter(x=x, y=x ** 2, marker_color="red", line_dash="dot"), row=1, col=2)
    ref.add_vline(x=0.5, line={"color": "gray", "dash": "dot"}, row=1, col=2)
    ref.add_hline(y=0.25, row=1, col=1)
    ref.update_yaxes(type="log", row=1, col=2)
    ref.update_layout(xaxis_title="t", title="T", yaxis_range=[0, 2])
    ours = plot.Figure(1, 2)
    ours.add_trace(plot.scatter(x=x, y=x), row=1, col=1)
    ours.add_trace(plot.scatter(x=x, y=x ** 2, marker_color="red", line_dash="dot"), 1, 2)
    ours.add_vline(x=0.5, line={"color": "gray", "dash": "dot"}, row=1, col=2)
    ours.add_hline(y=0.25, row=1, col=1)
    ours.update_yaxes(type="log", row=1, col=2)
    ours.update_layout(xaxis_title="t", title="T", yaxis_range=[0, 2])
    r, o = ref.to_dict(), ours.to_dict()
    tr_r, tr_o = r["data"][1], o["data"][1]
    for key in ("type", "xaxis", "yaxis", "marker", "line"):
        assert tr_o[key] == tr_r[key], key
    np.testing.assert_array_equal(_decode(tr_o["y"]), x ** 2)
    for s_r, s_o in zip(r["layout"]["shapes"], o["layout"]["shapes"], strict=True):
        for key in ("type", "x0", "x1", "y0", "y1", "xref", "yref"):
            assert s_o[key] == s_r[key], key
    for key in ("xaxis", "yaxis", "yaxis2", "title"):
        lo, lr = dict(o["layout"][key]), dict(r["layout"][key])
        assert {k: v for k, v in lo.items() if k in lr} == {k: v for k, v in lr.items()
                                                             if k in lo}, key
    tpl, white = o["layout"]["template"], pio.templates["plotly_white"].to_plotly_json()
    assert tpl["data"] == white["data"]  # the default template: plotly_white, plus
    assert tpl["layout"]["font"]["family"] == plot.FONT  # the page's font and
    assert tpl["layout"]["xaxis"]["automargin"] and tpl["layout"]["yaxis"]["automargin"]
    assert o["layout"]["yaxis2"]["type"] == "log" and o["layout"]["title"] == {"text": "T"}


def test_typed_arrays_round_trip():
    base = np.arange(12, dtype=np.float64).reshape(6, 2) * 0.1
    cases = [base[:, 1], base.astype(np.float32)[:, 0], np.arange(5, dtype=np.int64) * 1000,
             np.arange(6, dtype=np.uint8).reshape(2, 3), np.array([1.0, np.nan, np.inf])]
    for arr in cases:
        spec = plot.Figure().add_trace(plot.heatmap(z=arr)).to_dict()["data"][0]["z"]
        np.testing.assert_array_equal(_decode(spec), arr)
    huge = np.array([0, 2**40])  # does not fit plotly.js's int32: sent as a JSON list
    assert plot.Figure().add_trace(plot.scatter(x=huge)).to_dict()["data"][0]["x"] == [0, 2**40]
    tr = plot.Figure().add_trace(plot.heatmap(z=base, colorscale="gray")).to_dict()["data"][0]
    assert tr["colorscale"][0] == [0.0, "rgb(0, 0, 0)"]  # a Python name, resolved
    layout = plot.Figure().update_layout(xaxis_range=np.array([0.0, 1.0])).to_dict()["layout"]
    assert layout["xaxis"]["range"] == [0.0, 1.0]  # ranges stay plain lists


def test_bad_grid_position_is_a_value_error():
    with pytest.raises(ValueError, match="row"):
        plot.Figure(1, 2).add_trace(plot.scatter(x=[1]), row=1, col=3)
    with pytest.raises(ValueError, match="rows"):
        plot.Figure(0, 1)


@pytest.mark.parametrize("page", ["overview", "mle", "elbo", "forward", "posterior", "objective",
                                  "sampling", "playground"])
def test_every_figure_a_page_sends_is_valid_plotly(page):
    at = open_page(f"views/{page}.py", timeout=120)
    specs = [json.loads(c) for c in chart_specs(at)]
    assert specs, page
    for spec in specs:
        fig = {k: spec[k] for k in ("data", "layout", "frames") if k in spec}
        go.Figure(fig)  # raises on any property plotly does not know or a bad value
        assert spec["data"] and "template" in spec["layout"]


def test_line_labels_on_log_axes_sit_at_the_line():
    """plotly.js places an annotation on a log axis at log10 of its coordinate, a shape at
    the value itself: a line's label must follow its line whichever the axis type."""
    f = plot.Figure(1, 2)
    f.add_trace(plot.scatter(x=[1, 2], y=[1e-9, 1]), 1, 2)
    f.add_hline(y=1e-7, annotation_text="1e-7", row=1, col=2)
    f.add_vline(x=100.0, annotation_text="t", row=1, col=2)
    f.update_yaxes(type="log", row=1, col=2)  # set after the lines, as the pages do
    f.update_xaxes(type="log", row=1, col=2)
    h, v = f.to_dict()["layout"]["annotations"]
    assert h["y"] == pytest.approx(-7.0) and h["yref"] == "y2"
    assert v["x"] == pytest.approx(2.0) and v["xref"] == "x2"
    assert f.to_dict()["layout"]["shapes"][0]["y0"] == 1e-7  # shapes keep the value
    lin = plot.Figure().add_hline(y=0.5, annotation_text="a").to_dict()["layout"]
    assert lin["annotations"][0]["y"] == 0.5 and "_on_log" not in lin["annotations"][0]


def test_without_static_serving_charts_fall_back_to_st_plotly_chart():
    """Run with another config (no server.enableStaticServing): the same figures go through
    st.plotly_chart, so the page still shows them."""
    from streamlit import config

    old = config.get_option("server.enableStaticServing")
    config.set_option("server.enableStaticServing", False)
    try:
        at = open_page("views/posterior.py")
        assert not _charts(at)
        specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
        assert len(specs) == 2 and all(s["data"] for s in specs)
    finally:
        config.set_option("server.enableStaticServing", old)
    assert config.get_option("server.enableStaticServing") == old
    assert len(_charts(open_page("views/posterior.py"))) == 2


def _charts(at) -> list:
    """The in-place chart components of a page (the copy-link button is a component too)."""
    return [c for c in at.get("bidi_component") if c.proto.component_name == "ddpm_plot"]


def test_plotly_js_is_copied_once_from_the_plotly_package(tmp_path, monkeypatch):
    src = Path(pio.__file__).resolve().parent.parent / "package_data" / "plotly.min.js"
    monkeypatch.setattr(plot, "STATIC_DIR", tmp_path / "static")
    monkeypatch.setattr(plot, "PLOTLY_JS", tmp_path / "static" / "plotly.min.js")
    monkeypatch.setattr(plot, "_PLOTLY_READY", [])
    gz = tmp_path / "static" / "plotly.min.js.gz"
    assert plot.ensure_plotly_js()
    assert plot.PLOTLY_JS.read_bytes() == src.read_bytes()
    assert gzip.decompress(gz.read_bytes()) == src.read_bytes()  # the copy ui.serving sends
    assert gz.stat().st_size < src.stat().st_size / 2
    mtime, gz_mtime = plot.PLOTLY_JS.stat().st_mtime_ns, gz.stat().st_mtime_ns
    monkeypatch.setattr(plot, "_PLOTLY_READY", [])  # a new process: looks again
    assert plot.ensure_plotly_js() and plot.PLOTLY_JS.stat().st_mtime_ns == mtime  # kept
    assert gz.stat().st_mtime_ns == gz_mtime
    os.utime(gz, (1, 1))  # a copy older than plotly.js (another plotly's): made again
    monkeypatch.setattr(plot, "_PLOTLY_READY", [])
    assert plot.ensure_plotly_js() and gz.stat().st_mtime > 1
    assert gzip.decompress(gz.read_bytes()) == src.read_bytes()
    assert not list(plot.STATIC_DIR.glob("*.tmp"))
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(plot, "STATIC_DIR", blocked)
    monkeypatch.setattr(plot, "PLOTLY_JS", blocked / "plotly.min.js")
    monkeypatch.setattr(plot, "_PLOTLY_READY", [])
    assert plot.ensure_plotly_js() is False  # cannot write: the app falls back, no traceback


def test_the_frames_folder_keeps_the_newest_and_the_recent_files(tmp_path, monkeypatch):
    """Beyond FRAMES_MAX files the oldest are swept, but never one made or used within
    FRAMES_KEEP_S (a browser may not have fetched it yet); a file used again is the newest."""
    from ui import frames

    monkeypatch.setattr(frames, "FRAMES_DIR", tmp_path)
    monkeypatch.setattr(frames, "FRAMES_MAX", 3)
    now = time.time()
    paths = [frames.frames_file(f"[{i}]".encode())[1] for i in range(5)]
    assert all(p.exists() for p in paths)  # 5 > 3, but all are recent: none swept
    for i, p in enumerate(paths):  # made 10 min ago, the first one oldest
        os.utime(p, (now - 600 + i, now - 600 + i))
    frames.frames_file(b"[0]")  # used again: now the newest
    newest = frames.frames_file(b"[5]")[1]
    kept = sorted(p.name for p in tmp_path.glob("*.json"))
    assert kept == sorted(p.name for p in (paths[0], paths[4], newest))
    assert json.loads(paths[0].read_bytes()) == [0]
