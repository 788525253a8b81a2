"""Every user-facing string, in English and Chinese.

Catalog entries live in `ui/text/<area>.py` as `TEXT = {key: {"en": ..., "zh": ...}}`, one
module per page so pages can be written side by side; `t(key, **fmt)` looks a key up in
the session's language. A test fails if any key lacks either language.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

LANGS = {"en": "English", "zh": "中文"}


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """All entries of every module in ui/text, merged; a key defined twice raises."""
    from . import text

    merged: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(text.__path__):
        entries = importlib.import_module(f"{text.__name__}.{info.name}").TEXT
        dup = merged.keys() & entries.keys()
        if dup:
            raise KeyError(f"i18n keys defined twice: {sorted(dup)}")
        merged.update(entries)
    return merged


def missing() -> list[tuple[str, str]]:
    """(key, language) pairs with no text."""
    return [(k, lang) for k, v in catalog().items() for lang in LANGS if not v.get(lang)]


_CACHED = "_ddpm_lang"  # the language, kept on the script run's context (see `lang`)


def _ctx():
    return get_script_run_ctx(suppress_warning=True)


def lang() -> str:
    """The session's language. Read from session state once per script thread and then kept
    on its ScriptRunContext: a page calls `t` a hundred times a rerun, and each read of
    `st.session_state` takes locks and widget lookups. The language changes only through the
    sidebar's control, which runs first in every full run and updates both (`set_lang`)."""
    ctx = _ctx()
    value = None if ctx is None else ctx.__dict__.get(_CACHED)
    if value is None:
        value = st.session_state.get("lang")
        value = value if value in LANGS else "en"
        if ctx is not None:
            ctx.__dict__[_CACHED] = value
    return value


def set_lang(code: str) -> None:
    """Set the session's language (and the copy `lang` keeps for this script thread)."""
    st.session_state["lang"] = code
    ctx = _ctx()
    if ctx is not None:
        ctx.__dict__[_CACHED] = code if code in LANGS else "en"


def t(key: str, **fmt) -> str:
    """The text for `key` in the session's language, formatted with `fmt` when given
    (texts without arguments may hold LaTeX braces such as x_{t-1} as they are)."""
    text = catalog()[key][lang()]
    return text.format(**fmt) if fmt else text


def default_lang() -> str:
    """Chinese for a zh-* browser locale, else English."""
    try:
        locale = st.context.locale or ""
    except Exception:  # noqa: BLE001 - no browser (AppTest, bare mode)
        locale = ""
    return "zh" if locale.lower().startswith("zh") else "en"


def dataset_name(name: str) -> str:
    """The catalog's name of a data set (`data.<id>`); an unknown id is shown as it is."""
    key = f"data.{name}"
    return t(key) if key in catalog() else name


def schedule_name(kind: str) -> str:
    """The catalog's name of a schedule kind (`kind.<id>`)."""
    key = f"kind.{kind}"
    return t(key) if key in catalog() else kind
