"""A tiny labelled digit dataset (0–9) drawn with Pillow, for training toy diffusion models.

Each image is one digit rendered with Pillow's bundled Aileron font at 4× the target
resolution, jittered by a random affine map (rotation, scale, shear, translation) and a random
stroke width, then box-downscaled so strokes are antialiased. Images are float32
(n, 1, size, size) in [-1, 1]: background -1, full ink +1. Every random parameter is drawn
with torch from the caller's generator before rendering, so a seed fixes the whole dataset.

`nearest_template` classifies images by Pearson correlation with the ten clean digits (each
also tried shifted by ±2 px and rotated by ±8°); it is the simple, stated quality measure for
samples of a trained model ("is this a recognisable digit, and which one?"): 0.99 accuracy on
jittered 28×28 digits, 0.97 at 16×16, chance (0.1) for shuffled labels.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
import torch
from PIL import Image, ImageDraw, ImageFilter, ImageFont, features

_UP = 4  # render at _UP × the target size, then box-downscale (antialiasing)
_HEIGHT = 0.62  # digit ink height (before jitter) as a fraction of the frame
_MARGIN = 0.75  # keep the jittered ink at least this many final pixels from the border
_ROT_DEG, _SCALE, _SHEAR, _SHIFT = 12.0, (0.85, 1.1), 0.2, 2.0  # jitter ranges (±, final px)


def _check_size(size: Any) -> int:
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or not (
        8 <= size <= 32 and size % 4 == 0
    ):
        raise ValueError(f"size must be an integer in 8..32 divisible by 4, got size={size!r}")
    return int(size)


def _check_n(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be an integer >= 1, got n={n!r}")
    return int(n)


def _stroke_range(hi: int) -> tuple[int, int]:
    """Inclusive range of extra stroke width (hi-res px per side); scales with the frame."""
    lo = max(1, round(0.01 * hi))
    return lo, max(lo + 1, round(0.034 * hi))  # 1..4 at 28 px, 1..2 at 16 px


@functools.lru_cache(maxsize=8)
def _font(hi: int) -> ImageFont.FreeTypeFont | None:
    """Aileron sized so a digit's ink height is _HEIGHT · hi; None when FreeType is missing."""
    if not features.check("freetype2"):
        return None
    _, top, _, bottom = ImageFont.load_default(size=100).getbbox("0123456789")
    return ImageFont.load_default(size=max(4, round(100 * _HEIGHT * hi / (bottom - top))))


@functools.lru_cache(maxsize=512)
def _glyph(digit: int, hi: int, stroke: int) -> Image.Image:
    """Mode-"L" image of one digit cropped to its ink (ink 255, background 0), hi-res."""
    font, text = _font(hi), str(digit)
    if font is not None:
        pad = hi // 2
        img = Image.new("L", (2 * hi, 2 * hi), 0)
        ImageDraw.Draw(img).text(
            (pad, pad), text, font=font, fill=255, stroke_width=stroke, stroke_fill=255
        )
        return img.crop(img.getbbox())
    # Fallback without FreeType: the ~11 px bitmap font, scaled up, strokes thickened by a
    # max filter. Cruder-looking but the same geometry and value conventions.
    img = Image.new("L", (32, 32), 0)
    bitmap = getattr(ImageFont, "load_default_imagefont", ImageFont.load_default)()
    ImageDraw.Draw(img).text((8, 8), text, font=bitmap, fill=255)
    img = img.crop(img.getbbox())
    h = round(_HEIGHT * hi)
    img = img.resize((max(1, round(img.width * h / img.height)), h), Image.Resampling.BICUBIC)
    return img.filter(ImageFilter.MaxFilter(2 * stroke - 1))


def _render(labels: np.ndarray, mats: np.ndarray, shifts: np.ndarray, strokes: np.ndarray,
            size: int) -> torch.Tensor:
    """Render n digits. mats (n, 2, 2) linear jitter, shifts (n, 2) in final px, strokes (n,)."""
    hi, n = _UP * size, len(labels)
    srcs = [_glyph(int(d), hi, int(k)) for d, k in zip(labels, strokes)]
    half = np.array([[s.width / 2, s.height / 2] for s in srcs])  # (n, 2) glyph half-size
    # Half-extent of each transformed ink box; clamp the shift so the digit is never clipped.
    ext = np.einsum("nij,nj->ni", np.abs(mats), half)
    room = np.maximum(hi / 2 - _MARGIN * _UP - ext, 0.0)
    t = np.clip(shifts * _UP, -room, room)  # (n, 2) hi-res px
    # Pillow wants the inverse map output -> source: p_src = c_src + M^-1 (p_out - c_out - t).
    inv = np.linalg.inv(mats)  # (n, 2, 2)
    off = half - np.einsum("nij,nj->ni", inv, hi / 2 + t)
    data = np.stack([inv[:, 0, 0], inv[:, 0, 1], off[:, 0], inv[:, 1, 0], inv[:, 1, 1], off[:, 1]],
                    1).tolist()
    out = np.empty((n, size * size), dtype=np.uint8)
    for i in range(n):
        # NEAREST at 4x on an already antialiased glyph, then a 4x4 box average (reduce == BOX
        # resize for an integer factor): smooth edges at ~1/6 the cost of BILINEAR.
        big = srcs[i].transform((hi, hi), Image.Transform.AFFINE, data[i], Image.Resampling.NEAREST)
        out[i] = np.frombuffer(big.reduce(_UP).tobytes(), np.uint8)
    x = torch.from_numpy(out).view(-1, 1, size, size).float()
    return (x / 127.5 - 1.0).clamp_(-1.0, 1.0)  # 0 -> -1 (background), 255 -> +1 (ink)


def glyph_digits(n: int, size: int = 28, generator: torch.Generator | None = None, *,
                 jitter: bool = True) -> tuple[torch.Tensor, torch.Tensor]:
    """n random digit images (n, 1, size, size) float32 in [-1, 1] and labels (n,) int64.

    Labels are uniform on 0..9. With `jitter`, each image gets a random rotation (±12°),
    scale (0.85–1.1), horizontal shear (±0.2), shift (±2 final px, clamped so the digit stays
    inside the frame) and stroke width; without it every image equals its clean template.
    The same generator state gives identical output.
    """
    n, size = _check_n(n), _check_size(size)
    labels = torch.randint(0, 10, (n,), generator=generator)
    if jitter:
        u = torch.rand(n, 5, generator=generator, dtype=torch.float64) * 2 - 1  # U(-1, 1)
        k_lo, k_hi = _stroke_range(_UP * size)
        strokes = torch.randint(k_lo, k_hi + 1, (n,), generator=generator)
        ang = u[:, 0] * math.radians(_ROT_DEG)
        lo, hi = _SCALE
        scale = lo + (u[:, 1] + 1) / 2 * (hi - lo)
        shear = u[:, 2] * _SHEAR
        cos, sin = torch.cos(ang), torch.sin(ang)
        rot = torch.stack([torch.stack([cos, -sin], -1), torch.stack([sin, cos], -1)], -2)
        shr = torch.eye(2, dtype=torch.float64).repeat(n, 1, 1)
        shr[:, 0, 1] = shear  # x' = x + shear · y (slanted writing)
        mats = rot @ shr * scale[:, None, None]  # (n, 2, 2)
        shifts = u[:, 3:5] * _SHIFT  # (n, 2) final pixels
    else:
        mats = torch.eye(2, dtype=torch.float64).repeat(n, 1, 1)
        shifts = torch.zeros(n, 2, dtype=torch.float64)
        strokes = torch.full((n,), _template_stroke(size))
    images = _render(labels.numpy(), mats.numpy(), shifts.numpy(), strokes.numpy(), size)
    return images, labels


def _template_stroke(size: int) -> int:
    return sum(_stroke_range(_UP * size)) // 2


@functools.lru_cache(maxsize=8)
def _templates(size: int) -> torch.Tensor:
    """The clean digits 0..9, (10, 1, size, size); labels and shifts are zero-jitter."""
    return _render(np.arange(10), np.tile(np.eye(2), (10, 1, 1)), np.zeros((10, 2)),
                   np.full(10, _template_stroke(size)), size)


def digit_templates(size: int = 28) -> torch.Tensor:
    """The ten clean, un-jittered digits 0..9 as (10, 1, size, size) float32 in [-1, 1]."""
    return _templates(_check_size(size)).clone()  # clone: callers must not mutate the cache


_BANK_ROT_DEG, _BANK_SHIFT = (-8.0, 0.0, 8.0), 2  # template variants searched by the classifier


@functools.lru_cache(maxsize=8)
def _template_bank(size: int) -> torch.Tensor:
    """Mean-centred, unit-norm variants of each template: (10, V, size·size), V = 3 · 5 · 5.

    Each clean digit is rotated by each _BANK_ROT_DEG and shifted by every integer (dx, dy) in
    ±_BANK_SHIFT px (padding with background, no wrap-around), so the classifier tolerates the
    placement jitter of `glyph_digits`, which a single pixel template does not.
    """
    rots = [math.radians(a) for a in _BANK_ROT_DEG]
    mats = np.array([[[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]] for a in rots])
    nr, p = len(rots), _BANK_SHIFT
    t = _render(np.repeat(np.arange(10), nr), np.tile(mats, (10, 1, 1)), np.zeros((10 * nr, 2)),
                np.full(10 * nr, _template_stroke(size)), size)  # (10·nr, 1, s, s)
    t = torch.nn.functional.pad(t, (p, p, p, p), value=-1.0)
    shifted = [t[..., p + dy:p + dy + size, p + dx:p + dx + size]
               for dy in range(-p, p + 1) for dx in range(-p, p + 1)]
    bank = torch.stack(shifted, 1).reshape(10, -1, size * size)  # (10, nr·(2p+1)², s·s)
    return torch.nn.functional.normalize(bank - bank.mean(-1, keepdim=True), dim=-1)


def nearest_template(images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Nearest clean digit (B,) int64 for (B, 1, s, s) images, and its similarity (B,) float32.

    Similarity is the Pearson correlation of pixels (cosine similarity after subtracting each
    image's mean; insensitive to brightness and contrast, fairly robust to stroke width),
    maximised over each digit's template shifted by up to ±2 px and rotated by 0 or ±8°.
    Measured on `glyph_digits` (seed 9, median [5%..95%]): jittered digits ~0.90 [0.78..0.96];
    clamped Gaussian noise ~0.1; smooth random blobs ~0.3; but a filled disk scores ~0.7 and the
    overlay of two digits ~0.8, so a high value alone does not prove a clean digit.
    A constant image has similarity 0 to everything; one with NaN/inf gets index -1, sim NaN.
    """
    if not isinstance(images, torch.Tensor) or images.ndim != 4 or images.shape[1] != 1 or (
        images.shape[2] != images.shape[3] or images.shape[0] < 1
    ):
        shape = tuple(images.shape) if isinstance(images, torch.Tensor) else type(images).__name__
        raise ValueError(f"images must be a (B, 1, s, s) tensor with B >= 1, got {shape}")
    size = _check_size(images.shape[-1])
    bank = _template_bank(size).to(images.device)  # (10, V, s·s)
    x = images.detach().flatten(1).float()  # (B, s·s)
    x = torch.nn.functional.normalize(x - x.mean(1, keepdim=True), dim=1)
    # (B, 10) best correlation per digit; chunks keep the (chunk, 10, V) table small.
    best = torch.cat([torch.einsum("bp,cvp->bcv", c, bank).amax(-1) for c in x.split(4096)])
    sim, idx = best.max(dim=1)
    bad = ~torch.isfinite(x).all(1)  # diverged samples must never count as recognised
    return idx.masked_fill(bad, -1), sim.masked_fill(bad, float("nan"))


def template_accuracy(images: torch.Tensor, labels: torch.Tensor) -> float:
    """Fraction of images whose nearest template is their label."""
    idx, _ = nearest_template(images)
    labels = torch.as_tensor(labels).to(idx.device)
    if labels.shape != idx.shape:
        raise ValueError(f"labels must have shape {tuple(idx.shape)}, got {tuple(labels.shape)}")
    return float((idx == labels).float().mean())
