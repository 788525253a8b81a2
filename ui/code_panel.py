"""'Show the code': the source of the engine function that computed a number, one click away."""

from __future__ import annotations

import inspect

import streamlit as st

from .i18n import t


@st.cache_data(show_spinner=False)
def _source(module: str, qualname: str) -> str:
    import importlib

    obj = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return inspect.getsource(obj)


def show_code(*functions) -> None:
    """An expander with the source of each engine function (the code that ran, not a copy)."""
    with st.expander(t("code.show")):
        for fn in functions:
            st.caption(f"`{fn.__module__}.{fn.__qualname__}`")
            st.code(_source(fn.__module__, fn.__qualname__), language="python")
