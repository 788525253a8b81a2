"""Plotly figures and image helpers of the forward-process page (pure: no Streamlit)."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, UnidentifiedImageError

from ui import plot

CLOUD_COLOR = "#1f77b4"
X0_COLOR = "rgba(150,150,150,0.35)"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_SIDE = 64


class UploadError(ValueError):
    """An uploaded file that cannot be used; `reason` is "too_big" or "bad"."""

    def __init__(self, reason: str, size: int):
        super().__init__(reason)
        self.reason, self.size = reason, size


def decode_image(data: bytes) -> np.ndarray:
    """PNG/JPEG bytes -> grayscale (H, W) float32 in [-1, 1], at most MAX_SIDE px a side."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError("too_big", len(data))
    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.format not in ("PNG", "JPEG"):
                raise UploadError("bad", len(data))
            im.load()
            gray = im.convert("L")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError,
            SyntaxError) as e:
        if isinstance(e, UploadError):
            raise
        raise UploadError("bad", len(data)) from None
    gray.thumbnail((MAX_SIDE, MAX_SIDE), Image.LANCZOS)
    return np.asarray(gray, dtype=np.float32) / 127.5 - 1.0


def to_display(img: np.ndarray, side: int = 224) -> Image.Image:
    """[-1, 1] (H, W) -> a grayscale picture about `side` px, pixels kept square and sharp."""
    u8 = (np.clip((img + 1) / 2, 0, 1) * 255).round().astype(np.uint8)
    h, w = u8.shape
    k = max(1, side // max(h, w))
    return Image.fromarray(u8).resize((w * k, h * k), Image.NEAREST)


def cloud_pair(x0: np.ndarray, left: np.ndarray, right: np.ndarray, titles: tuple[str, str],
               x0_name: str, xt_name: str) -> plot.Figure:
    """Two scatter plots side by side on the same axes, x_0 faint in the background."""
    fig = plot.Figure(rows=1, cols=2, subplot_titles=titles, horizontal_spacing=0.06)
    lim = float(np.nanmax(np.abs(np.concatenate([x0, left, right])))) * 1.05
    lim = max(lim, 1.0)
    for col, pts in ((1, left), (2, right)):
        fig.add_trace(plot.scattergl(x=x0[:, 0], y=x0[:, 1], mode="markers", name=x0_name,
                                     marker=dict(size=3, color=X0_COLOR),
                                     showlegend=col == 1, legendgroup="x0"), 1, col)
        fig.add_trace(plot.scattergl(x=pts[:, 0], y=pts[:, 1], mode="markers", name=xt_name,
                                     marker=dict(size=3, color=CLOUD_COLOR, opacity=0.6),
                                     showlegend=col == 1, legendgroup="xt"), 1, col)
        # equal, fixed ranges on both panels; square aspect by shrinking the domain
        fig.update_xaxes(range=[-lim, lim], constrain="domain", row=1, col=col)
        fig.update_yaxes(range=[-lim, lim], row=1, col=col, scaleanchor="x" if col == 1 else "x2",
                         scaleratio=1, constrain="domain")
    fig.update_layout(height=430, margin=dict(l=10, r=10, t=40, b=10),
                      legend=dict(orientation="h", y=-0.08))
    return fig


def schedule_curves(betas: np.ndarray, alpha_bars: np.ndarray, snr: np.ndarray, t: int,
                    titles: tuple[str, str, str], t_label: str) -> plot.Figure:
    """β_t, ᾱ_t and SNR_t (log y) over t = 1..T, the chosen t marked on each."""
    T = len(betas) - 1
    ts = np.arange(1, T + 1)
    mode = "lines+markers" if T <= 30 else "lines"
    fig = plot.Figure(rows=1, cols=3, subplot_titles=titles, horizontal_spacing=0.07)
    for col, (ys, color) in enumerate(((betas, "#d62728"), (alpha_bars, "#2ca02c"),
                                       (snr, "#9467bd")), start=1):
        fig.add_trace(plot.scatter(x=ts, y=ys[1:], mode=mode, line=dict(color=color),
                                   showlegend=False, hovertemplate="t=%{x}<br>%{y:.4g}"
                                   "<extra></extra>"), 1, col)
        fig.add_trace(plot.scatter(x=[t], y=[ys[t]], mode="markers", showlegend=False,
                                   marker=dict(size=11, color="black", symbol="x"),
                                   hovertemplate=f"{t_label} = {t}<br>%{{y:.4g}}<extra></extra>"),
                      1, col)
        fig.add_vline(x=t, line=dict(color="gray", dash="dot"), row=1, col=col)
        fig.update_xaxes(title_text="t", row=1, col=col)
    fig.update_yaxes(type="log", row=1, col=3, exponentformat="power")
    fig.update_layout(height=320, margin=dict(l=10, r=10, t=40, b=10))
    return fig
