"""A player's frames as the browser receives them (`ui.plot.player`): int16 coordinates with
one scale per array (-32768 for NaN), uint8 picture pixels, base64 in a JSON file of the app's
static folder (`frames_file`).

numpy only, so that the page helper process (`ui.page_worker`) encodes and files them without
loading Plotly or Streamlit; `ui.plot` re-exports these names.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import threading
import time
from pathlib import Path

import numpy as np

I16_NAN = -32768
# A player's frames (~1-2 MB) are a file of the app's static folder, named by their digest:
# the browser fetches it once, and a rerun sends only the figure and the file's name. Sent
# inline, Streamlit hashed them twice per rerun (the element's identity, the message cache):
# most of a player page's rerun. The folder keeps the newest FRAMES_MAX files, and every file
# made or used in the last FRAMES_KEEP_S seconds: a browser fetches a file right after the run
# that named it, and a class moving T (a new file each time) goes through 64 files within
# seconds: 120 students through the proxy had 78 fetches fail (404: swept before their fetch).
FRAMES_DIR = Path(__file__).resolve().parent.parent / "static" / "frames"
FRAMES_MAX = 64
FRAMES_KEEP_S = 60.0


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


def frames_file(body: bytes) -> tuple[str, Path]:
    """Write the frames' JSON (`frames_body`'s encoding) to FRAMES_DIR/<md5>.json (once: the
    name is the content's digest, so processes serving the same app, and the page helper,
    share the files); sweep the oldest beyond FRAMES_MAX that are older than FRAMES_KEEP_S.
    Returns (digest, path)."""
    uid = hashlib.md5(body, usedforsecurity=False).hexdigest()
    path = FRAMES_DIR / f"{uid}.json"
    if not path.exists():
        FRAMES_DIR.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(body)
        os.replace(tmp, path)  # atomic: a browser never reads half a file
        files = sorted((_mtime(f), f) for f in FRAMES_DIR.glob("*.json"))
        recent = time.time() - FRAMES_KEEP_S
        for made, old in files[:max(0, len(files) - FRAMES_MAX)]:
            if made < recent:  # the file just written is recent too
                old.unlink(missing_ok=True)
    else:
        os.utime(path)  # in use: the newest for the sweep
    return uid, path


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0
