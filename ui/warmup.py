"""One-off start-up work done in the background when the server handles its first session.

Two imports cost seconds the first time they happen, and would otherwise land on a
student: `torch.optim`'s first optimiser imports `torch._dynamo` (about 1.5 s on a 2-core
CPU, the "cold start" of the first training run), and SymPy plus the derivations the
posterior and ε pages show (about 1 s). The overview's hero animation (a 1000-step DDPM run
of a pretrained model, about a second) is computed into its shared cache as well. Then the
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
    from .fig_t2i import warm as warm_t2i
    from .vae_models import warm as warm_vae

    warm_t2i()  # the text-to-image toy: PCA + latent mixture fit (~2 s), shared read-only
    warm_vae()  # the VAE page: moons and digits sampled both ways (shared caches)
    # Everything alive now (torch, SymPy, plotly, the pretrained models) lives as long as the
    # server: move it out of the collector's generations, so a full collection (Python's own;
    # Streamlit's after-every-run one is off in .streamlit/config.toml) walks only new objects.
    gc.collect()
    gc.freeze()


@st.cache_resource(show_spinner=False)
def start() -> threading.Thread:
    """Start the warm-up once per server process (cache_resource is shared by sessions)."""
    thread = threading.Thread(target=_work, name="ddpm-warmup", daemon=True)
    thread.start()
    return thread
