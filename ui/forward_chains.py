"""The forward page's chains, as run in the page helper process (`ui.page_worker`).

Kept apart from `ui.forward_compute` so that the helper imports torch and the engine only (no
Streamlit, pandas or plotly). The same function runs in the server process when the helper is
off or failed: it gives the same numbers either way (fixed seeds).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
import torch

import ddpm_core
from ui.frames import display01, frames_body, frames_file, frames_img, frames_xy
from ui.schedule_cache import schedule_from_key

NOISE_KEPT = 4  # draws kept per process: the cloud's are 32 MB (T_MAX x 2,000 x 2, float64)
CHAINS_KEPT = 8  # the last chains, for the frames and the rows (`row`) of the same setting
# (the cloud's on a frame grid: ~4.8 MB, x_t both ways in float64)
_LOCK = threading.Lock()
_NOISE: OrderedDict[tuple, torch.Tensor] = OrderedDict()
_CHAINS: OrderedDict[tuple, tuple] = OrderedDict()


def _noise(key: str, x: torch.Tensor, rows: int, seed: int) -> torch.Tensor:
    """The imagined chain's draws ε_1..ε_rows for the array named `key`, drawn once from
    `seed` and kept (they do not depend on the schedule: a new T or schedule only sums them)."""
    ident = (key, rows, seed)
    with _LOCK:
        got = _NOISE.get(ident)
        if got is None:
            got = torch.randn((rows, *x.shape), generator=torch.Generator().manual_seed(seed),
                              dtype=x.dtype)
            _NOISE[ident] = got
            while len(_NOISE) > NOISE_KEPT:
                _NOISE.popitem(last=False)
        _NOISE.move_to_end(ident)
        return got


def chains(cfg: str, key: str, x: np.ndarray, ts: tuple, rows: int, seed_chain: int,
           seed_shot: int) -> tuple[np.ndarray, np.ndarray]:
    """x_t at each t of `ts`, both ways, for the array x named `key`: the imagined chain of t
    single steps (`chain_path` with the fixed draws of `seed_chain`, `rows` of them) and the
    actual one-jump `q_sample` (one fixed draw of `seed_shot`, the same for every t). The last
    few are kept (read-only), for the frames of the same setting."""
    ts = tuple(int(s) for s in ts)
    ident = (cfg, key, ts, rows, seed_chain, seed_shot)
    with _LOCK:
        got = _CHAINS.get(ident)
    if got is None:
        got = _chains(cfg, key, x, ts, rows, seed_chain, seed_shot)
        for a in got:
            a.flags.writeable = False
        with _LOCK:
            _CHAINS[ident] = got
            while len(_CHAINS) > CHAINS_KEPT:
                _CHAINS.popitem(last=False)
    return got


def row(cfg: str, key: str, x: np.ndarray, ts: tuple, rows: int, seed_chain: int,
        seed_shot: int, step: int) -> tuple[np.ndarray, np.ndarray]:
    """x_t both ways at the one t `step` of `ts`: that row of `chains(...)` (kept here, so
    the frames and every t of the same setting share one computation), sent back alone
    (tens of kB, not the whole grid's MB)."""
    chain, shot = chains(cfg, key, x, ts, rows, seed_chain, seed_shot)
    i = [int(s) for s in ts].index(int(step))
    return chain[i].copy(), shot[i].copy()


def _chains(cfg: str, key: str, x: np.ndarray, ts: tuple, rows: int, seed_chain: int,
            seed_shot: int) -> tuple[np.ndarray, np.ndarray]:
    sched = schedule_from_key(cfg)
    xt = torch.tensor(x)  # a copy: the server's arrays are shared read-only
    path = ddpm_core.chain_path(sched, xt, _noise(key, xt, rows, seed_chain), list(ts))
    noise = torch.randn(xt.shape, generator=torch.Generator().manual_seed(seed_shot),
                        dtype=xt.dtype)
    k = len(ts)
    # q_sample at every t in one pass (Ho Eq. 4, a (K,) t against K views of x)
    shot = ddpm_core.q_sample(sched, xt.expand(k, *xt.shape), torch.tensor(list(ts)),
                              noise.expand(k, *xt.shape))
    return path.numpy(), shot.numpy()


def frames(cfg: str, cloud_key: str, cloud: np.ndarray, img_key: str | None,
           img: np.ndarray | None, ts: tuple, rows: int, seed_chain: int,
           seed_shot: int) -> tuple[tuple, float]:
    """The player's frames at each t of `ts` (the cloud's x_t both ways, as traces 1 and 3,
    and the picture's, batch of one, as heatmaps 5 and 6), encoded as the browser receives
    them (`ui.frames.frames_body`) and filed in the app's static folder here (only their
    digest and path go back to the server), and the axes' half-width that holds x_0 and every
    frame: ((digest, path), half-width)."""
    chain, shot = chains(cfg, cloud_key, cloud, ts, rows, seed_chain, seed_shot)
    lim = max(float(max(np.nanmax(np.abs(a)) for a in (cloud, chain, shot))) * 1.05, 1.0)
    updates = [{"trace": 1, "prop": "x", **frames_xy(chain[..., 0])},
               {"trace": 1, "prop": "y", **frames_xy(chain[..., 1])},
               {"trace": 3, "prop": "x", **frames_xy(shot[..., 0])},
               {"trace": 3, "prop": "y", **frames_xy(shot[..., 1])}]
    if img is not None:
        ichain, ishot = chains(cfg, img_key, img, ts, rows, seed_chain, seed_shot)
        updates += [{"trace": 5, "prop": "z", **frames_img(display01(ichain[:, 0]))},
                    {"trace": 6, "prop": "z", **frames_img(display01(ishot[:, 0]))}]
    return frames_file(frames_body(updates)), lim
