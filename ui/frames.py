"""A player's frames as the browser receives them (`ui.plot.player`): int16 coordinates with
one scale per array (-32768 for NaN), uint8 picture pixels, base64 in a JSON file.

numpy only, so that the page helper process (`ui.page_worker`) encodes them without loading
Plotly or Streamlit; `ui.plot` re-exports these names.
"""

from __future__ import annotations

import base64
import json

import numpy as np

I16_NAN = -32768


def frames_xy(arr: np.ndarray) -> dict:
    """(K, n) coordinates, one row per frame -> int16 with one scale (|x| ≤ 32767·scale)."""
    a = np.asarray(arr, np.float64).reshape(len(arr), -1)
    fin = np.isfinite(a)
    big = float(np.abs(a[fin]).max()) if fin.any() else 1.0
    scale = max(big, 1e-12) / 32767.0
    q = np.where(fin, np.round(np.where(fin, a, 0.0) / scale), I16_NAN).astype("<i2")
    return {"dtype": "i2", "bdata": base64.b64encode(q.tobytes()).decode("ascii"),
            "n": int(a.shape[1]), "scale": scale}


def frames_img(arr: np.ndarray) -> dict:
    """(K, h, w) pictures in [0, 1] (clipped) -> uint8 rows for a heatmap's z."""
    a = np.asarray(arr, np.float64)
    q = np.round(np.clip(np.nan_to_num(a, nan=0.5), 0.0, 1.0) * 255).astype(np.uint8)
    return {"dtype": "u1", "bdata": base64.b64encode(q.tobytes()).decode("ascii"),
            "n": int(a.shape[1] * a.shape[2]), "rows": int(a.shape[1]), "scale": 1 / 255}


def frames_nbytes(updates: list[dict]) -> int:
    """The base64 size of the frames (what the browser receives for them)."""
    return sum(len(u["bdata"]) for u in updates)


def frames_body(updates: list[dict]) -> bytes:
    """The frames' JSON, as the player's file holds it."""
    return json.dumps(updates, separators=(",", ":"), allow_nan=False).encode("utf-8")


def display01(img: np.ndarray) -> np.ndarray:
    """[-1, 1] pixels -> [0, 1] as drawn (clipped): black = -1, white = +1."""
    return np.clip((np.asarray(img, np.float64) + 1.0) / 2.0, 0.0, 1.0)
