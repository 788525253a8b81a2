"""Caches around the engine, shared by every page, keyed by the schedule's config.

A page passes `schedule_key(sched)` (a JSON string, hashable) to its `st.cache_data`
functions and gets the shared, read-only Schedule back with `schedule_from_key`.
"""

from __future__ import annotations

import numpy as np

from ui.schedule_cache import schedule_from_key, schedule_key  # noqa: F401  (the pages')
from ui.shared_cache import shared


def derivation(name: str):
    """A SymPy derivation of `ddpm_core.symbolic` (cached there; SymPy loads on first use)."""
    from ddpm_core.symbolic import derivations

    return derivations()[name]


@shared(64)
def sympy_comparison(name: str, key: str) -> tuple[float, dict[str, tuple[np.ndarray, ...]]]:
    """(largest relative error, {quantity: (t, derived, engine)}) of a derivation vs the engine
    (shared by every session: the arrays are read-only)."""
    d, sched = derivation(name), schedule_from_key(key)
    comps = {k: tuple(_frozen(a) for a in c) for k, c in d.evaluate(sched).items()}
    return float(d.check(sched)), comps


def _frozen(a) -> np.ndarray:
    out = np.array(a)  # a copy: the derivation's own arrays stay as they are
    out.flags.writeable = False
    return out
