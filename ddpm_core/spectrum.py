"""Diffusion as autoregression over frequencies: which image frequencies a schedule decides when.

Images x (n, H, W) (or (n, 1, H, W)); the DFT is orthonormal (`norm="ortho"`), so white noise
ε ~ N(0, I) has power 1 at every frequency and x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε has, at frequency k,
signal power ᾱ_t |X_0(k)|² against noise power 1 − ᾱ_t (the DFT is a rotation of pixel space).
Frequencies are grouped into radial bands by |k| in cycles per image (`BAND_EDGES`).
Time is the paper's t = 1..T; a per-step table has length T + 1, row 0 stands for x_0
(SNR_0 = +inf). FORMULAS.md §c (SNR_t = ᾱ_t/(1−ᾱ_t)); the spectral reading of diffusion is
Dieleman 2024, "Diffusion is spectral autoregression" (blog), and Rissanen et al. 2023.
"""

from __future__ import annotations

import torch

from .schedule import Schedule

# radial band b holds the frequencies with BAND_EDGES[b] <= |k| < BAND_EDGES[b+1] (cycles per
# image): the mean (|k| = 0), then |k| ≈ 1, 2–3, 4–5, 6–7 and 8 up to the corner (8√2 ≈ 11.3).
BAND_EDGES = (0.0, 0.5, 1.5, 3.5, 5.5, 7.5, 12.0)


def _check_images(name: str, x) -> torch.Tensor:
    if not isinstance(x, torch.Tensor) or not x.dtype.is_floating_point:
        raise ValueError(f"{name} must be a floating-point tensor (n, H, W) or (n, 1, H, W), "
                         f"got {type(x).__name__}")
    if x.ndim == 4 and x.shape[1] == 1:
        x = x[:, 0]
    if x.ndim != 3 or x.shape[0] < 1 or x.shape[1] < 2 or x.shape[1] != x.shape[2]:
        raise ValueError(f"{name} must be square images (n, H, W) or (n, 1, H, W) with n >= 1, "
                         f"got shape {tuple(x.shape)}")
    if not bool(torch.isfinite(x).all()):
        raise ValueError(f"{name} contains NaN or inf")
    return x.double()


def _check_edges(edges) -> torch.Tensor:
    e = torch.as_tensor(edges, dtype=torch.float64)
    if e.ndim != 1 or len(e) < 2 or bool((e[1:] <= e[:-1]).any()) or float(e[0]) > 0:
        raise ValueError(f"edges must be strictly increasing, start at <= 0, length >= 2, "
                         f"got edges={list(edges)!r}")
    return e


def radial_band(size: int, edges=BAND_EDGES) -> torch.Tensor:
    """band(k) = b with edges[b] ≤ |k| < edges[b+1], |k| = √(k_y² + k_x²) in cycles per image
    (k from torch.fft.fftfreq · size); (size, size) long, the DFT's own layout."""
    if isinstance(size, bool) or not isinstance(size, int) or size < 2:
        raise ValueError(f"size must be an int >= 2, got size={size!r}")
    e = _check_edges(edges)
    k = torch.fft.fftfreq(size, dtype=torch.float64) * size  # 0, 1, ..., −1 cycles per image
    radius = (k[:, None] ** 2 + k[None, :] ** 2).sqrt()
    if float(radius.max()) >= float(e[-1]):
        raise ValueError(f"edges must end above the largest |k| = {float(radius.max()):.3f} "
                         f"of a {size}×{size} image, got edges[-1]={float(e[-1])}")
    return torch.bucketize(radius, e[1:-1], right=True)


def radial_power_spectrum(images: torch.Tensor, edges=BAND_EDGES) -> torch.Tensor:
    """S(b) = mean over images and over the k of band b of |X(k)|², X = orthonormal DFT of x
    — the radially averaged power spectrum (Dieleman 2024); float64 (B,), B = len(edges) − 1.

    White noise N(0, I) gives S = 1 in every band; a band with no frequency gives NaN."""
    x = _check_images("images", images)
    band = radial_band(x.shape[-1], edges)
    power = (torch.fft.fft2(x, norm="ortho").abs() ** 2).mean(0)  # (H, W) E|X(k)|²
    n_bands = len(edges) - 1
    total = torch.zeros(n_bands, dtype=torch.float64).index_add_(0, band.reshape(-1),
                                                                 power.reshape(-1))
    count = torch.bincount(band.reshape(-1), minlength=n_bands).double()
    return total / count  # 0/0 = NaN for an empty band


def band_snr(sched: Schedule, spectrum: torch.Tensor) -> torch.Tensor:
    """SNR_t(b) = ᾱ_t S(b)/(1 − ᾱ_t) = SNR_t · S(b) — FORMULAS.md §c per frequency band (power
    ratio, no square root); float64 (T+1, B), row 0 = +inf (x_0 itself)."""
    if not isinstance(sched, Schedule):
        raise ValueError(f"sched must be a Schedule, got {type(sched).__name__}")
    s = torch.as_tensor(spectrum, dtype=torch.float64)
    if s.ndim != 1 or len(s) < 1 or not bool(torch.isfinite(s).all()) or bool((s <= 0).any()):
        raise ValueError(f"spectrum must be a 1-D tensor of finite powers > 0, got {spectrum!r}")
    ab = sched.alpha_bars
    out = torch.full((sched.T + 1, len(s)), torch.inf, dtype=torch.float64)
    out[1:] = (ab[1:] / (1 - ab[1:]))[:, None] * s[None, :]  # 1 − ᾱ_t > 0 for t ≥ 1
    return out


def snr_crossing(sched: Schedule, spectrum: torch.Tensor) -> torch.Tensor:
    """t*(b) = max{t ∈ 0..T : SNR_t(b) ≥ 1}: the reverse chain's first step (counting down from
    T) at which band b's signal outweighs its noise — SNR_t is decreasing in t (FORMULAS.md §c);
    long (B,). t* = T: above 1 already in x_T; t* = 0: below 1 at every t ≥ 1."""
    snr = band_snr(sched, spectrum)
    above = snr >= 1  # (T+1, B); row 0 (x_0, SNR = +inf) is always above
    t = torch.arange(sched.T + 1)[:, None]
    return torch.where(above, t, 0).max(0).values


def band_error(x0_pred: torch.Tensor, x0: torch.Tensor, edges=BAND_EDGES) -> torch.Tensor:
    """e(b) = Σ_{k∈b} |X̂_0(k) − X_0(k)|² / Σ_{k∈b} |X_0(k)|², summed over the images: the share of
    band b of x_0 that the prediction x̂_0 still gets wrong (Parseval per band); float64 (B,)."""
    a, b = _check_images("x0_pred", x0_pred), _check_images("x0", x0)
    if a.shape != b.shape:
        raise ValueError(f"x0_pred must have the shape of x0 {tuple(b.shape)}, "
                         f"got {tuple(a.shape)}")
    band = radial_band(a.shape[-1], edges).reshape(-1)
    fa, fb = torch.fft.fft2(a, norm="ortho"), torch.fft.fft2(b, norm="ortho")
    n_bands = len(edges) - 1
    err = ((fa - fb).abs() ** 2).sum(0).reshape(-1)
    ref = (fb.abs() ** 2).sum(0).reshape(-1)
    num = torch.zeros(n_bands, dtype=torch.float64).index_add_(0, band, err)
    den = torch.zeros(n_bands, dtype=torch.float64).index_add_(0, band, ref)
    return num / den


def decided_step(ts, errors: torch.Tensor, threshold: float = 0.5) -> torch.Tensor:
    """d(b) = the largest visited t from which on (down to 0) band b's error stays below
    `threshold`: the step at which the chain has decided the band. ts: the visited t,
    descending; errors (len(ts), B) from `band_error`; long (B,), 0 if only x_0 is below."""
    ts = [int(v) for v in ts]
    if len(ts) < 1 or any(a <= b for a, b in zip(ts, ts[1:])):
        raise ValueError(f"ts must be a non-empty, strictly descending list of steps, got {ts!r}")
    e = torch.as_tensor(errors, dtype=torch.float64)
    if e.ndim != 2 or e.shape[0] != len(ts):
        raise ValueError(f"errors must be (len(ts), B) = ({len(ts)}, B), got {tuple(e.shape)}")
    if not (isinstance(threshold, (int, float)) and 0 < threshold):
        raise ValueError(f"threshold must be a number > 0, got threshold={threshold!r}")
    out = torch.zeros(e.shape[1], dtype=torch.long)
    for b in range(e.shape[1]):
        i = len(ts)  # walk back from the last step while the error stays below
        while i > 0 and float(e[i - 1, b]) < threshold:
            i -= 1
        out[b] = ts[i] if i < len(ts) else 0
    return out
