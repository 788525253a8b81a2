"""Streamlit caches around the engine, shared by every page, keyed by the schedule's config.

A page passes `schedule_key(sched)` (a JSON string, hashable) to its `st.cache_data`
functions and gets the shared, read-only Schedule back with `schedule_from_key`.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from ui.schedule_cache import schedule_from_key, schedule_key  # noqa: F401  (the pages')


def derivation(name: str):
    """A SymPy derivation of `ddpm_core.symbolic` (cached there; SymPy loads on first use)."""
    from ddpm_core.symbolic import derivations

    return derivations()[name]


@st.cache_data(max_entries=64, show_spinner=False)
def sympy_comparison(name: str, key: str) -> tuple[float, dict[str, tuple[np.ndarray, ...]]]:
    """(largest relative error, {quantity: (t, derived, engine)}) of a derivation vs the engine."""
    d, sched = derivation(name), schedule_from_key(key)
    comps = {k: tuple(np.asarray(a) for a in c) for k, c in d.evaluate(sched).items()}
    return float(d.check(sched)), comps
