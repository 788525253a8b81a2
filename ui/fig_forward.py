"""Plotly figures and image helpers of the forward-process page (pure: no Streamlit), and
the closed form q(x_t|x_0) written out once more from the β's, independently of the engine's
ᾱ table, for the page's live check of the moments."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, UnidentifiedImageError

from ui import plot
from ui.frames import display01

CLOUD_COLOR = "#1f77b4"
X0_COLOR = "rgba(150,150,150,0.35)"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_SIDE = 64
MAX_PIXELS = 24_000_000  # checked from the header before decoding (a 24 MP photo: ~100 MB)


class UploadError(ValueError):
    """An uploaded file that cannot be used; `reason` is "too_big" (bytes), "pixels" (`size` is
    then its pixel count, read from the header) or "bad"."""

    def __init__(self, reason: str, size: int):
        super().__init__(reason)
        self.reason, self.size = reason, size


K_SE = 4.0  # a Monte-Carlo check passes when |engine - formula| <= K_SE·SE + FLOOR
FLOOR = 1e-9  # float64 rounding of a 2,000-point mean is ~1e-15


@dataclass(frozen=True)
class MomentCheck:
    """Per axis: mean x, mean y, variance x, variance y (4 entries each)."""

    alpha_bar: float  # ᾱ_t = Π_{s≤t} (1 - β_s), from the β's
    formula: np.ndarray  # what q(x_t|x_0) predicts for these x_0
    se: np.ndarray  # standard error of a sample's moment around that prediction
    tol: np.ndarray  # K_SE·se + FLOOR

    def within(self, engine: np.ndarray) -> np.ndarray:
        return np.abs(np.asarray(engine, np.float64) - self.formula) <= self.tol


def alpha_bar_from_betas(betas: np.ndarray, t: int) -> float:
    """ᾱ_t = Π_{s=1..t} (1 - β_s) from the β's (betas[0] stands for x_0), in float64."""
    return float(np.prod(1.0 - np.asarray(betas, np.float64)[1:t + 1]))


def moment_check(x0: np.ndarray, betas: np.ndarray, t: int) -> MomentCheck:
    """Mean and variance per axis of x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε over these n points x_0
    (Ho et al. 2020, Eq. (4)), and the standard errors of the sample moments.

    Given the points x_0 (sample mean m, variance v, ddof 0), the noise is the only randomness:
    mean(x_t) = √ᾱ m + √(1-ᾱ) mean(ε) has SE √((1-ᾱ)/n); var(x_t) = ᾱ v + (1-ᾱ) var(ε) +
    2√(ᾱ(1-ᾱ)) cov(x_0, ε) has SE √((2(1-ᾱ)² + 4ᾱ(1-ᾱ) v)/n) (its bias (1-ᾱ)/n is ~1/50 SE).
    """
    x0 = np.asarray(x0, np.float64)
    n = len(x0)
    ab = alpha_bar_from_betas(betas, t)
    m, v = x0.mean(0), x0.var(0)
    formula = np.concatenate([math.sqrt(ab) * m, ab * v + (1.0 - ab)])
    se_mean = np.full(2, math.sqrt((1.0 - ab) / n))
    se_var = np.sqrt((2 * (1.0 - ab) ** 2 + 4 * ab * (1.0 - ab) * v) / n)
    se = np.concatenate([se_mean, se_var])
    return MomentCheck(ab, formula, se, K_SE * se + FLOOR)


def moments(pts: np.ndarray) -> np.ndarray:
    """Mean x, mean y, variance x, variance y (ddof 0) of an (n, 2) cloud."""
    pts = np.asarray(pts, np.float64)
    return np.concatenate([pts.mean(0), pts.var(0)])


def _phi(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.vectorize(math.erf)(np.asarray(z, np.float64) / math.sqrt(2.0)))


def expected_outside(x0: np.ndarray, alpha_bar: float) -> float:
    """The expected fraction of pixels of x_t ~ q(x_t|x_0) outside [-1, 1]: the mean over pixels
    of P(|√ᾱ x_0 + √(1-ᾱ) ε| > 1); for ᾱ → 0 it tends to P(|N(0,1)| > 1) = 0.3173."""
    m = math.sqrt(alpha_bar) * np.asarray(x0, np.float64).ravel()
    s = math.sqrt(1.0 - alpha_bar)
    inside = _phi((1.0 - m) / s) - _phi((-1.0 - m) / s)
    return float(np.mean(1.0 - inside))


def decode_image(data: bytes) -> np.ndarray:
    """PNG/JPEG bytes -> grayscale (H, W) float32 in [-1, 1], at most MAX_SIDE px a side."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError("too_big", len(data))
    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.format not in ("PNG", "JPEG"):
                raise UploadError("bad", len(data))
            if im.width * im.height > MAX_PIXELS:  # the header's size: nothing decoded yet
                raise UploadError("pixels", im.width * im.height)
            im.load()
            gray = im.convert("L")
    except Image.DecompressionBombError:  # Pillow's own bound (> 2 × MAX_IMAGE_PIXELS), at open
        raise UploadError("pixels", 2 * Image.MAX_IMAGE_PIXELS + 1) from None
    except (UnidentifiedImageError, OSError, ValueError,
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
    mode = "lines+markers" if T <= 30 else "lines"
    fig = plot.Figure(rows=1, cols=3, subplot_titles=titles, horizontal_spacing=0.07)
    for col, (ys, color) in enumerate(((betas, "#d62728"), (alpha_bars, "#2ca02c"),
                                       (snr, "#9467bd")), start=1):
        # the curves: t = 1..T as x0 + k·dx, not as numbers: the chart is sent again with
        # each t its cross moves to (y stays float64: ᾱ_T, SNR_T may be far below float32's)
        fig.add_trace(plot.scatter(x0=1, dx=1, y=ys[1:], mode=mode,
                                   line=dict(color=color),
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


def demo_figure(x0: np.ndarray, left: np.ndarray, right: np.ndarray, titles: tuple[str, str],
                x0_name: str, xt_name: str, images: tuple | None = None,
                image_titles: tuple[str, str, str] = ("", "", ""),
                lim: float | None = None, height: int = 430) -> plot.Figure:
    """The two clouds (imagined, actual) and, beside them, a strip of three pictures stacked:
    x_0, the imagined x_t and the actual x_t (each (H, W) in [-1, 1]). Trace order: x_0 and
    x_t of the left panel (0, 1), of the right panel (2, 3), then the pictures (4, 5, 6).
    `lim`: the half-width of the square axes (fixed for a whole trajectory)."""
    # float32 is plenty for drawing, and halves what the browser receives
    x0, left, right = (np.asarray(a, np.float32) for a in (x0, left, right))
    widths = [1.0, 1.0, 0.5] if images is not None else None
    cols = 3 if images is not None else 2
    fig = plot.Figure(rows=1, cols=cols, subplot_titles=list(titles) + [""] * (cols - 2),
                      horizontal_spacing=0.05, column_widths=widths)
    if lim is None:
        lim = max(float(np.nanmax(np.abs(np.concatenate([x0, left, right])))) * 1.05, 1.0)
    for col, pts in ((1, left), (2, right)):
        fig.add_trace(plot.scattergl(x=x0[:, 0], y=x0[:, 1], mode="markers", name=x0_name,
                                     marker=dict(size=3, color=X0_COLOR),
                                     showlegend=col == 1, legendgroup="x0"), 1, col)
        fig.add_trace(plot.scattergl(x=pts[:, 0], y=pts[:, 1], mode="markers", name=xt_name,
                                     marker=dict(size=3, color=CLOUD_COLOR, opacity=0.6),
                                     showlegend=col == 1, legendgroup="xt"), 1, col)
        fig.update_xaxes(range=[-lim, lim], constrain="domain", row=1, col=col)
        fig.update_yaxes(range=[-lim, lim], row=1, col=col, scaleanchor="x" if col == 1 else "x2",
                         scaleratio=1, constrain="domain")
    if images is not None:
        dom = fig.layout["xaxis3"]["domain"]
        del fig.layout["xaxis3"], fig.layout["yaxis3"]
        gap = 0.09
        h = (1.0 - 2 * gap) / 3
        for k, (img, title) in enumerate(zip(images, image_titles)):
            n = 4 + k
            top = 1.0 - k * (h + gap)
            fig.layout[f"xaxis{n}"] = {"domain": list(dom), "anchor": f"y{n}", "visible": False,
                                       "constrain": "domain"}
            fig.layout[f"yaxis{n}"] = {"domain": [max(0.0, top - h), top], "anchor": f"x{n}",
                                       "visible": False, "autorange": "reversed",
                                       "scaleanchor": f"x{n}", "scaleratio": 1,
                                       "constrain": "domain"}
            fig.data.append(plot.heatmap(z=display01(img).astype(np.float32), zmin=0, zmax=1,
                                         colorscale="gray",
                                         showscale=False, hoverinfo="skip",
                                         xaxis=f"x{n}", yaxis=f"y{n}"))
            fig.layout.setdefault("annotations", []).append(
                {"text": title, "x": (dom[0] + dom[1]) / 2, "y": top, "xref": "paper",
                 "yref": "paper", "xanchor": "center", "yanchor": "bottom",
                 "showarrow": False, "font": {"size": 13}})
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10),
                      legend=dict(orientation="h", y=-0.08), uirevision="forward-demo")
    return fig
