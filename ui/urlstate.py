"""Page settings in the URL, language-free, and the notice for link values that were not used.

A widget bound with `bind="query-params"` writes what it displays into the URL. For a choice
shown by a translated label (a dataset's name, "DDPM (Algorithm 2)" / "DDPM（算法 2）") that
would make a link depend on the language it was made in, so such choices go through
`url_choice`: the widget is not bound, the URL carries the option's id (`moons`,
`pretrained:moons`, `ddim`), read when the session first draws the widget and written back on
every run. Numbers, sliders and toggles stay bound (their URL text is already language-free).

Each page's URL keys are declared in ui.nav's PageInfo.url_keys (tests/test_frame.py checks
both kinds). At a session's first run the sidebar takes a snapshot of the page keys in the URL
(`remember_asked`); when the page has run (`ui.nav.next_link`), `report_unused` compares each
asked value with the widget's value and adds those that were not used (out of range, an
unknown model, a T too small) to the sidebar's notice about ignored URL parameters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

URL = {"bind": "query-params"}
ASKED = "_url_asked"  # {key: raw URL value} of page keys in the link the session opened
NOTICE_BOX = "_url_notice_box"  # the sidebar slot of the notice (this run only)
NOTICE_NAMES = "_url_notice_names"


def _write_back(key: str, value, is_default: bool) -> None:
    """The widget's value into the URL as text; a default value leaves the URL."""
    try:
        if is_default:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != str(value):
            st.query_params[key] = str(value)
    except Exception:  # noqa: BLE001 - the URL is a convenience; never break the page for it
        pass


def url_choice(widget: Callable, label: str, options: Sequence, labels: dict, *, key: str,
               index: int = 0, **kw) -> Any:
    """`widget` (st.selectbox, st.radio or a column's) showing `labels[option]`, whose value
    lives in the URL under `key` as str(option). A URL value that is not an option is left to
    the default (and reported by `report_unused`)."""
    ss = st.session_state
    options = list(options)
    ids = [str(o) for o in options]
    if key not in ss:
        raw = st.query_params.get(key)
        if raw is not None and raw in ids:
            ss[key] = options[ids.index(raw)]
    elif ss[key] not in options:  # another option list (another model's, a lost user model)
        del ss[key]
    value = widget(label, options, index=index, format_func=labels.get, key=key, **kw)
    _write_back(key, value, value is None or value == options[index])
    return value


def url_slider(widget: Callable, label: str, lo: int, hi: int, value: int, *, key: str,
               **kw) -> int:
    """An integer slider whose range depends on T (a t from lo..T), in the URL under `key`.
    Not bound: a bound slider is a new widget when its range changes, and a new widget takes
    the URL's value again, which would undo `keep_fraction`. Read from the URL when the
    session first draws it (a value outside lo..hi is left to the default, and reported),
    written back on every run."""
    ss = st.session_state
    if key not in ss:
        try:
            v = int(st.query_params.get(key, ""))
        except ValueError:
            v = None
        if v is not None and lo <= v <= hi:
            ss[key] = v
    out = widget(label, lo, hi, value, key=key, **kw)
    _write_back(key, out, out == value)
    return out


def url_float(key: str, default: float, lo: float, hi: float) -> float:
    """A link's number for `key` when it lies in lo..hi, else `default` (for a setting whose
    value the page needs before its widget is drawn)."""
    try:
        v = float(st.query_params.get(key, default))
    except (TypeError, ValueError):
        return default
    return v if math.isfinite(v) and lo <= v <= hi else default


def keep_fraction(key: str, T: int, lo: int, default: int) -> None:
    """A t setting under `key` (bounds lo..T) keeps its fraction of T when T changes, and a
    value outside lo..T (a stale one, or a link's) is brought inside."""
    ss = st.session_state
    last_T = ss.get(f"{key}__T")  # the T of the previous run (ss[key]: its t then)
    if key in ss and isinstance(ss[key], (int, float)):
        v = ss[key]
        if last_T and last_T != T:
            v = round(v * T / last_T)
        v = int(min(T, max(lo, v)))
        if v != ss[key]:  # written only when it moves (a write marks the widget as set)
            ss[key] = v
    ss[f"{key}__T"] = T


def remember_asked() -> None:
    """At a session's first run: the page settings the link asks for."""
    from .nav import page_url_keys

    keys = page_url_keys()
    st.session_state[ASKED] = {k: st.query_params[k] for k in st.query_params if k in keys}


def _used(raw: str, value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return raw.strip().lower() in ({"true", "1"} if value else {"false", "0"})
    if isinstance(value, (int, float)):
        try:
            return math.isclose(float(raw), float(value), rel_tol=1e-9, abs_tol=1e-12)
        except ValueError:
            return False
    return str(value) == raw


def report_unused(url_keys: Sequence[str]) -> None:
    """Once per key: a link's value for one of this page's settings that the page did not use
    joins the sidebar's notice."""
    ss = st.session_state
    asked = ss.get(ASKED)
    if not asked:
        return
    bad = [k for k in url_keys if k in asked and not _used(asked.pop(k), ss.get(k))]
    if not bad:
        return
    from .i18n import t

    names = sorted(set(ss.get(NOTICE_NAMES, [])) | set(bad))
    ss[NOTICE_NAMES] = names
    box = ss.get(NOTICE_BOX)
    text = t("notice.bad_url", names=", ".join(names))
    try:
        if box is not None:
            box.warning(text)
            return
    except Exception:  # noqa: BLE001 - a slot of an earlier run: draw a new notice
        pass
    st.sidebar.warning(text)
