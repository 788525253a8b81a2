"""One-off start-up work done in the background when the server handles its first session.

Two imports cost seconds the first time they happen, and would otherwise land on a
student: `torch.optim`'s first optimiser imports `torch._dynamo` (about 1.5 s on a 2-core
CPU, the "cold start" of the first training run), and SymPy plus the derivations the
posterior and ε pages show (about 1 s). The overview's hero animation (a 1000-step DDPM run
of a pretrained model, about a second) is computed into its shared cache as well, and so are
the heavy default-setting results of the 'Beyond DDPM' pages (the SDE page's solver sweep,
the variance page's S-sweep; `_warm_beyond`). Then the
warm heap is frozen (`gc.freeze`): later full collections skip it.
"""

from __future__ import annotations

import gc
import threading

import streamlit as st


def _work() -> None:
    import torch

    import ddpm_core

    torch.set_num_threads(1)
    torch.optim.AdamW([torch.zeros(1, requires_grad=True)])  # imports torch._dynamo
    from .hero import HERO_DEFAULT, HERO_SEED, hero_trajectory
    from .models import pretrained_names

    if HERO_DEFAULT in pretrained_names():
        hero_trajectory(HERO_DEFAULT, HERO_SEED)  # the overview's animation (st.cache_data)
    ddpm_core.symbolic.derivations()  # imports SymPy and derives every step once
    _warm_beyond()
    # Everything alive now (torch, SymPy, plotly, the pretrained models) lives as long as the
    # server: move it out of the collector's generations, so a full collection (Python's own;
    # Streamlit's after-every-run one is off in .streamlit/config.toml) walks only new objects.
    gc.collect()
    gc.freeze()


def _warm_beyond() -> None:
    """The heavy, schedule-only parts of 'Beyond DDPM' at their default settings, into the same
    shared st.cache_data entries the pages read: the SDE page's solver sweep, paths and
    likelihood, the variance page's S-sweep and Γ_t / σ*² curves (several seconds each cold)."""
    from . import sde_compute, variance_compute
    from .engine_cache import schedule_key
    from .sidebar import DEFAULTS, get_schedule

    sched = get_schedule("linear", DEFAULTS["T"], DEFAULTS["beta_1"], DEFAULTS["beta_T"],
                         DEFAULTS["scale"])
    variance_compute.warm(schedule_key(sched))
    sde_compute.warm()


@st.cache_resource(show_spinner=False)
def start() -> threading.Thread:
    """Start the warm-up once per server process (cache_resource is shared by sessions)."""
    thread = threading.Thread(target=_work, name="ddpm-warmup", daemon=True)
    thread.start()
    return thread
