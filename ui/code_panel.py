"""'Show the code': the source of the engine function that computed a number, one click away."""

from __future__ import annotations

import functools
import inspect

import streamlit as st

from .i18n import t


@functools.lru_cache(maxsize=256)
def _source(module: str, qualname: str) -> str:
    """The function's source, read once per process (a plain cache: Streamlit's own would hash
    the arguments and copy the text on every call, on every rerun of every page showing it)."""
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


# Algorithm 1 in `train`: from the line drawing the batch to the optimiser step
ALG1_FIRST, ALG1_LAST = "idx = torch.randint(", "opt.step()"


@st.cache_data(show_spinner=False)
def train_excerpt() -> tuple[str, int, int]:
    """The lines of `ddpm_core.training.train` that are Algorithm 1 (the loop body from the
    batch draw to the optimiser step), dedented, with their line numbers in training.py;
    the whole function if those lines are not found."""
    from ddpm_core import training

    lines, start = inspect.getsourcelines(training.train)
    first = next((i for i, line in enumerate(lines) if ALG1_FIRST in line), None)
    last = next((i for i, line in enumerate(lines) if ALG1_LAST in line), None)
    if first is None or last is None or last < first:
        first, last = 0, len(lines) - 1
    body = lines[first:last + 1]
    indent = min(len(x) - len(x.lstrip()) for x in body if x.strip())
    return "".join(x[indent:] for x in body), start + first, start + last


def show_algorithm1_code() -> None:
    """'Show the code' for Algorithm 1: the loop body of `train` that is the algorithm, not
    the argument checks and bookkeeping around it."""
    code, first, last = train_excerpt()
    with st.expander(t("code.show")):
        st.caption(t("ov.alg1_code", first=first, last=last))
        st.code(code, language="python")
