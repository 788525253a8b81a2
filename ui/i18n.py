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


def lang() -> str:
    value = st.session_state.get("lang")
    return value if value in LANGS else "en"


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
