"""One-off start-up work done in the background when the server handles its first session.

Two imports cost seconds the first time they happen, and would otherwise land on a
student: `torch.optim`'s first optimiser imports `torch._dynamo` (about 1.5 s on a 2-core
CPU, the "cold start" of the first training run), and SymPy plus the derivations the
posterior and ε pages show (about 1 s). The overview's hero animation (a 1000-step DDPM run
of a pretrained model, about a second) and its check's chance range (about 4 s) are computed
into their shared caches as well, and so are the heavy default-setting results of the
'Beyond DDPM' pages (the SDE page's solver sweep, the variance page's S-sweep;
`_warm_beyond`). Then the warm heap is frozen (`gc.freeze`): later full collections skip it.
"""

from __future__ import annotations

import atexit
import gc
import threading

import streamlit as st

_STOP = threading.Event()  # set at interpreter exit: the warm-up ends after its current stage
_AT = [-1]  # the stage running now (tests wait for a heavy one)
EXIT_WAIT_S = 120.0


def _stages() -> list:
    """The warm-up's stages, in order; each is one call that fills a shared cache."""
    import torch

    import ddpm_core

    from .fig_autoreg import chain
    from .fig_t2i import warm as warm_t2i
    from .hero import HERO_DEFAULT, HERO_N, HERO_SEED, hero_trajectory, real_data_range
    from .models import pretrained_choice, pretrained_names
    from .vae_models import warm as warm_vae

    have = pretrained_names()
    return [
        # imports torch._dynamo (the first optimiser's cold start)
        lambda: torch.optim.AdamW([torch.zeros(1, requires_grad=True)]),
        # the overview's animation (st.cache_data)
        (lambda: hero_trajectory(HERO_DEFAULT, HERO_SEED)) if HERO_DEFAULT in have else None,
        # its check's chance range: real data scored in the model's place (ui.shared_cache)
        (lambda: real_data_range(pretrained_choice(HERO_DEFAULT).dataset, HERO_N))
        if HERO_DEFAULT in have else None,
        ddpm_core.symbolic.derivations,  # imports SymPy and derives every step once
        warm_t2i,  # the text-to-image toy: PCA + latent mixture fit (~2 s), shared read-only
        _warm_beyond,  # the SDE and variance pages' schedule-only sweeps (several s each)
        warm_vae,  # the VAE page: moons and digits sampled both ways (shared caches)
        # the autoregression page's default reverse chain (16 digits, DDIM 50)
        (lambda: chain(0)) if "digits" in have else None,
    ]


def _work() -> None:
    import torch

    torch.set_num_threads(1)
    for i, stage in enumerate(_stages()):
        _AT[0] = i
        if _STOP.is_set():  # the process is exiting: torch must not run while it finalises
            return
        if stage is not None:
            stage()
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


def _stop_at_exit(thread: threading.Thread) -> None:
    """At exit: no new stage starts, and the running one is waited for. A daemon thread still
    inside torch while the interpreter finalises aborts the process ("terminate called without
    an active exception", exit code 134)."""
    _STOP.set()
    thread.join(EXIT_WAIT_S)


@st.cache_resource(show_spinner=False)
def start() -> threading.Thread:
    """Start the warm-up once per server process (cache_resource is shared by sessions)."""
    thread = threading.Thread(target=_work, name="ddpm-warmup", daemon=True)
    thread.start()
    atexit.register(_stop_at_exit, thread)
    from .page_worker import start as start_helper

    start_helper()  # the page helper process (ui/page_worker.py): spawned now, not on a move
    from .janitor import start as start_janitor

    start_janitor()  # closes sessions that left and gives their memory back (ui/janitor.py)
    return thread
