"""Shared helpers of the AppTest page tests: open a page with a given language and sidebar."""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import json
import re
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from ui.i18n import catalog
from ui.plot import FRAMES_DIR, ID_BYTES

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
LANG_LABEL = {"en": "English", "zh": "中文"}


def text(key: str, lang: str) -> str:
    return catalog()[key][lang]


def open_page(page: str | None, lang: str = "en", T: int | None = None, kind: str | None = None,
              timeout: float = 60, query: dict | None = None,
              state: dict | None = None) -> AppTest:
    """`page` (e.g. "views/elbo.py"; None: stay on the landing page) in `lang`, after the
    landing page has run with `query` in the URL, the sidebar's `kind` and `T` set through its
    widgets, and `state` written into the session. The sidebar is set on the landing page:
    after switch_page, AppTest's element tree no longer lists the sidebar, although the app
    still draws it. The one page opener of the page tests."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if lang != "en":
        at.query_params["lang_label"] = LANG_LABEL[lang]
    for k, v in (query or {}).items():
        at.query_params[k] = str(v)
    at.run()
    if kind is not None:
        at.sidebar.selectbox[0].set_value(kind).run()
    if T is not None:
        at.sidebar.slider[0].set_value(T).run()
    assert not at.exception, at.exception
    for k, v in (state or {}).items():
        at.session_state[k] = v
    if page is not None:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


def chart_specs(at: AppTest) -> list[str]:
    """The plotly JSON of every chart on the page, in page order, whichever way
    `ui.plot.chart` sent it: the in-place chart component, or st.plotly_chart."""
    out = []
    for el in at.get("plotly_chart") + at.get("bidi_component"):
        if el.type == "plotly_chart":
            out.append(el.proto.spec)
        elif el.proto.component_name == "ddpm_plot":  # ui.plot._packed: digest, then JSON
            out.append(_with_frames(el.proto.bytes[ID_BYTES:].decode("utf-8")))
    return out


def _with_frames(spec: str) -> str:
    """A player's spec with its frames put back in place of their address, as the browser
    reads them: the file of the app's static folder (ui.plot.FRAMES_DIR) it fetches."""
    if '"updates_src"' not in spec:
        return spec
    fig = json.loads(spec)
    name = fig["player"]["updates_src"].rsplit("/", 1)[-1]
    fig["player"]["updates"] = json.loads((FRAMES_DIR / name).read_text())
    return json.dumps(fig, separators=(",", ":"))


def tex_float(s: str) -> float:
    """A number as the pages write it in LaTeX: "0.9999", "4.036 \\times 10^{-5}", "10^{-12}"
    (the part after the last "=" of an equation)."""
    s = s.split("=")[-1].strip()  # "\\bar\\alpha = 0.9999" -> "0.9999"
    m = re.fullmatch(r"(?:([-+0-9.]+)\s*\\times\s*)?(-?)10\^\{(-?\d+)\}", s)
    if m:  # a × 10^{k}, or 10^{k} alone
        return float(m.group(1) or f"{m.group(2)}1") * 10 ** int(m.group(3))
    return float(s)


def plotly_array(v) -> np.ndarray:
    """A plotly array as the browser reads it: a JSON list, or a typed-array spec
    {dtype, bdata, shape}."""
    if isinstance(v, dict):
        a = np.frombuffer(base64.b64decode(v["bdata"]), dtype="<" + v["dtype"])
        shape = tuple(int(n) for n in v.get("shape", str(a.size)).split(","))
        return a.reshape(shape).astype(np.float64)
    return np.array(v, dtype=np.float64)


def player_frames(u: dict) -> np.ndarray:
    """One of ui.plot.player's frame updates decoded as the browser does: (frames, n) values,
    int16 times its scale (-32768: NaN) or uint8 times 1/255."""
    dtype = {"i2": "<i2", "u1": "u1"}[u["dtype"]]
    raw = np.frombuffer(base64.b64decode(u["bdata"]), dtype=dtype).reshape(-1, u["n"])
    out = raw.astype(np.float64) * u["scale"]
    if u["dtype"] == "i2":
        out[raw == -32768] = np.nan
    return out


def run_async(coro, timeout_s: float):
    """asyncio.run(coro) bounded by timeout_s, in a thread of its own: in the full suite
    Playwright's sync API (the browser tests' session fixture) keeps an event loop running in
    the test thread, and asyncio.run refuses to nest."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, asyncio.wait_for(coro, timeout_s)).result(
            timeout=timeout_s + 30)
