"""The overview's hero: a DDPM trajectory of a pretrained 2-D model, cached for everyone."""

from __future__ import annotations

import numpy as np
import streamlit as st
import torch

import ddpm_core

from . import gate
from .models import pretrained_choice
from .shared_cache import shared

HERO_N = 800  # points in the hero animation
HERO_FRAMES = 40  # frames kept of the T steps (plus x_T and x_0)
HERO_SEED = 0
HERO_FPS = 8  # frames a second while playing: the 41 frames in about 5 s
HERO_DEFAULT = "moons"
CHANCE_DRAWS = 20  # real data scored in the model's place: the hero check's chance range
CHANCE_SEED = 100_000  # above the hero's seeds (0-10,000): its own draws


@st.cache_data(max_entries=16, show_spinner=False)
def hero_trajectory(name: str, seed: int) -> dict:
    """A DDPM trajectory (Algorithm 2, σ² = β) of the pretrained model `name`: frames of x_t."""
    choice = pretrained_choice(name)
    sched, T = choice.schedule, choice.schedule.T
    keep = set(np.linspace(T, 0, HERO_FRAMES + 1).round().astype(int).tolist())
    frames, ts = [], []
    g = torch.Generator().manual_seed(seed)
    for info in ddpm_core.sample_progressive(choice.model, sched, HERO_N, sigma="beta",
                                             generator=g):
        if info["t"] == T:
            frames.append(info["x_t"].numpy().copy())
            ts.append(T)
        if info["t_prev"] in keep:
            frames.append(info["x_prev"].numpy().copy())
            ts.append(int(info["t_prev"]))
    final = torch.from_numpy(frames[-1])
    q = ddpm_core.compare_to_floor([final], lambda n, gen: ddpm_core.toy_2d(choice.dataset, n, gen),
                                   n=HERO_N, repeats=1, seed=seed)
    return {"frames": np.stack(frames).astype(np.float32), "ts": ts, "T": T,
            "kind": sched.kind, "quality": q}


@shared(8)
def real_data_range(dataset: str, n: int) -> dict:
    """Real data in the model's place: CHANCE_DRAWS fresh draws of n points, each scored as the
    hero's final points are (`compare_to_floor`, one repeat: one reference draw, one floor
    pair, each from its own seed). Those are single draws of n points, so even a perfect
    model's ratio moves by chance: at n = 800, 60 such scores of real data per data set went
    above SWD 1.5 (the pretrained models' bar, measured over 5 repeats of 2,000) 5-12 times,
    up to 2.3-2.6. Returns the median and the highest ratio of each measure; shared by every
    session (about 4 s of a core, whole-array work: the run lends its gate slot)."""
    gate.lend()  # the next student's run may start beside this one

    def truth(m: int, g: torch.Generator) -> torch.Tensor:
        return ddpm_core.toy_2d(dataset, m, g)

    swd, mmd = [], []
    for k in range(CHANCE_DRAWS):
        real = truth(n, torch.Generator().manual_seed(CHANCE_SEED + k))
        q = ddpm_core.compare_to_floor([real], truth, n=n, repeats=1,
                                       seed=CHANCE_SEED + CHANCE_DRAWS + k)
        swd.append(q["swd_ratio"])
        mmd.append(q["mmd_ratio"])
    return {"swd": (float(np.median(swd)), max(swd)), "mmd": (float(np.median(mmd)), max(mmd)),
            "k": CHANCE_DRAWS}
