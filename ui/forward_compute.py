"""The forward page's computations (views/forward.py), in a module so that their caches are
built once per process: decorated inside the page script, each was rebuilt on every full rerun
(a new T, a page switch), hashing its function's source, and its functools.lru_cache started
empty. Results are cached per setting and shared by every session (read-only); what a t reads
(x_t at that t, its moments table, the picture's outside share) in `ui.shared_cache`'s plain
caches, which cost microseconds a call where st.cache_resource cost a few tenths of a ms.

The imagined chain (t single steps, `chain_path`) and the actual one (one closed-form
jump, `q_sample`) of a 2-D cloud and of a picture, on the player's frame grid and at any t;
the frames the browser receives (both computed in the page helper process,
`ui.page_worker`, by `ui.forward_chains`); the moments table of the live check.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import torch

import ddpm_core
from ui import fig_forward as figs
from ui import forward_chains, gate, page_worker, plot, tables
from ui.engine_cache import schedule_from_key
from ui.shared_cache import shared
from ui.sidebar import T_MAX

N_POINTS = 2000
SEED_DATA, SEED_CHAIN, SEED_SHOT, SEED_GLYPH = 0, 1, 2, 3
N_GLYPHS = 10
CLOUD = "cloud|"  # the cloud's cache keys start so (a picture's: "glyph|", "upload|")
SHIFT = 2.0  # default move of the cloud: its mean √ᾱ_t·E[x_0] shrinks visibly towards 0


def seeded(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


# The cached functions below take an array with its key: `key` names the array (the cloud's
# data set and shift, the glyph's index, the upload's digest) and is what the cache hashes; the
# array itself (`_x`, underscore: not hashed) is read only on a miss. Hashing 2,000 points and a
# tuple of a few hundred t on every rerun cost more than the rest of the lookup.


@shared(8)
def cloud_points(name: str, shift: float) -> np.ndarray:
    """The data set's 2,000 points (mean 0, sd 1), moved by (shift, shift), in float64
    (read-only: shared by every session)."""
    x = ddpm_core.toy_2d(name, N_POINTS, seeded(SEED_DATA)).double().numpy() + shift
    x.flags.writeable = False
    return x


@shared(2)
def glyphs() -> tuple[np.ndarray, tuple[int, ...]]:
    """The page's N_GLYPHS digit pictures and their labels (read-only: shared)."""
    images, labels = ddpm_core.glyph_digits(N_GLYPHS, 28, seeded(SEED_GLYPH))
    x = images.numpy()
    x.flags.writeable = False
    return x, tuple(labels.tolist())


@shared(256)
def outside_of(key: str, _img: np.ndarray, alpha_bar: float) -> float:
    return figs.expected_outside(_img, alpha_bar)


@dataclass(frozen=True)
class Src:
    """An array the page noises (the cloud, or the picture) and the key that names it for the
    caches: the cloud's data set and shift, the glyph's index, or the upload's digest."""

    key: str
    x: np.ndarray  # the cloud (N, 2) in float64, or the picture (H, W) in [-1, 1]

    @property
    def batch(self) -> np.ndarray:  # the picture as a batch of one
        return np.ascontiguousarray(self.x[None])

    @property
    def pixels(self) -> int:
        return int(self.x.size)


def frame_ts(T: int, n_frames: int, step: int | None) -> list[int]:
    """The t of the frames the browser receives: every t when they fit, else n_frames
    evenly spread over 1..T (the grid: step None), and the page's own t."""
    return list(_frame_ts(int(T), int(n_frames), None if step is None else int(step)))


@functools.lru_cache(maxsize=256)
def _frame_ts(T: int, n_frames: int, step: int | None) -> tuple:
    if T <= n_frames:
        return tuple(range(1, T + 1))
    grid = np.unique(np.round(np.linspace(1, T, n_frames)).astype(int)).tolist()
    return tuple(grid if step is None else sorted(set(grid) | {step}))


def n_frames_fitting(n_points: int, img_pixels: int) -> int:
    """How many frames fit the budget: int16 x, y of both clouds, two uint8 pictures each."""
    per = 2 * 2 * 2 * n_points + 2 * img_pixels
    return max(2, plot.FRAME_BUDGET // per)


@functools.lru_cache(maxsize=64)
def grid_for(T: int, pixels: int) -> tuple:
    """The frame grid for T and a picture of `pixels` pixels (0: none; its size sets how many
    frames fit)."""
    return tuple(frame_ts(T, n_frames_fitting(N_POINTS, pixels), None))


@shared(512)
def noised_at(cfg: str, key: str, _x: np.ndarray, _grid: tuple, pixels: int,
              step: int) -> tuple[np.ndarray, np.ndarray]:
    """x_t both ways at one t, with fixed seeds, for the array x named `key`: the imagined
    chain of t single steps (`chain_path` with its fixed draws) and the actual one-jump
    q_sample (float64 for the cloud: the moment check sees no float32 rounding). Computed in
    the page helper process (`ui.page_worker`, `ui.forward_chains.row`), where its many torch
    operations do not wait for the server's GIL. A t on the frame grid (`grid_for(T,
    pixels)`, which `_grid` is: hence not hashed) is that row of the grid's chains, which the
    helper keeps for the frames: the same numbers as the player's frames, and only the row is
    sent back. Shared read-only by every session (~64 kB for the cloud)."""
    gate.lend()  # whole-array work: the next student's run may start beside it
    ts = _grid if step in _grid else (step,)
    out = page_worker.run(forward_chains.row, cfg, key, _x, ts, T_MAX, SEED_CHAIN, SEED_SHOT,
                          step)
    for v in out:
        v.flags.writeable = False
    return out


def xy_at(cfg: str, cloud: Src, img: Src | None, grid: tuple, step: int) -> dict:
    """x_t both ways at one t (`noised_at`), of the cloud and of the picture."""
    pixels = 0 if img is None else img.pixels
    out = dict(zip(("chain", "shot"), noised_at(cfg, cloud.key, cloud.x, grid, pixels, step)))
    if img is not None:
        ichain, ishot = noised_at(cfg, img.key, img.batch, grid, pixels, step)
        out["ichain"], out["ishot"] = ichain, ishot
    return out


_FRAMES = plot.SharedLRU(8)  # (cfg, keys, ts) -> (the frames' file, the axes' half-width)


def frames(cfg: str, ckey: str, c: Src, ikey: str | None, i: Src | None, ts: tuple) -> dict:
    """The frames the browser receives, at each t of `ts` (the grid, and the page's own t
    when it is off the grid), encoded and filed once per setting for every session (keyed by
    the cloud's and the picture's keys) in the page helper (`ui.forward_chains.frames`: the
    chains, their int16 and uint8 encoding, its JSON and the file, off the server's GIL; only
    the file's name comes back), with the axes' half-width: {"file": (digest, path), "lim"}.
    Read only when a player's payload is not encoded yet (`ui.plot._PAYLOADS`), so 8 settings
    are kept; a file swept from the static folder since is made again."""
    ident = (cfg, ckey, ikey, ts)
    got = _FRAMES.get(ident)
    if got is None or not got["file"][1].exists():
        gate.lend()  # whole-array work: the next student's run may start beside it
        file, lim = page_worker.run(forward_chains.frames, cfg, ckey, c.x, ikey,
                                    None if i is None else i.batch, ts, T_MAX, SEED_CHAIN,
                                    SEED_SHOT)
        got = {"file": file, "lim": lim}
        _FRAMES.put(ident, got)
    return got


@shared(256)
def moment_table(cfg: str, key: str, _cloud: Src, _grid: tuple, pixels: int, step: int,
                 cols: tuple, rows: tuple) -> tuple[pa.Table, int, int, float]:
    """The moments of x_t both ways beside q(x_t|x_0)'s and their standard errors, as an Arrow
    table (Streamlit sends it without converting a DataFrame on every rerun; shared read-only),
    how many of them are within tolerance, of how many, and the largest |engine - formula| / SE."""
    chain, shot = noised_at(cfg, key, _cloud.x, _grid, pixels, step)
    check = figs.moment_check(_cloud.x, schedule_from_key(cfg).betas.numpy(), step)
    imagined, actual = figs.moments(chain), figs.moments(shot)
    table = tables.indexed(cols, rows, np.column_stack(
        [check.formula, imagined, actual, check.se]))
    ok = np.concatenate([check.within(imagined), check.within(actual)])
    ratio = np.abs(np.concatenate([imagined, actual]) - np.tile(check.formula, 2)) \
        / np.tile(check.se, 2)
    return table, int(ok.sum()), len(ok), float(ratio.max())
