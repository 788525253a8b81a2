"""ddpm_core.spectrum against independent computations: a known sinusoid, white noise, Parseval,
brute-force loops over the frequencies and the steps, and the schedule's ᾱ from np.cumprod."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from ddpm_core import Schedule
from ddpm_core.spectrum import (
    BAND_EDGES,
    band_error,
    band_snr,
    decided_step,
    radial_band,
    radial_power_spectrum,
    snr_crossing,
)

N = 16


def _band_of(radius: float) -> int:
    return next(b for b in range(len(BAND_EDGES) - 1)
                if BAND_EDGES[b] <= radius < BAND_EDGES[b + 1])


def _counts() -> list[int]:
    out = [0] * (len(BAND_EDGES) - 1)
    for i in range(N):
        for j in range(N):
            ky, kx = (i if i < N / 2 else i - N), (j if j < N / 2 else j - N)
            out[_band_of(math.hypot(ky, kx))] += 1
    return out


def test_radial_band_matches_a_loop_over_frequencies():
    band = radial_band(N)
    for i in range(N):
        for j in range(N):
            ky, kx = (i if i < N / 2 else i - N), (j if j < N / 2 else j - N)
            assert int(band[i, j]) == _band_of(math.hypot(ky, kx))
    assert _counts()[0] == 1  # the mean is its own band


@pytest.mark.parametrize("k0", [1, 3, 5])
def test_spectrum_of_a_sinusoid(k0):
    # x[n, m] = A cos(2π k0 m / N): two DFT coefficients (0, ±k0), each |X|² = A² N² / 4
    A = 0.7
    m = torch.arange(N, dtype=torch.float64)
    x = (A * torch.cos(2 * math.pi * k0 * m / N)).expand(N, N)[None]
    S = radial_power_spectrum(x)
    b0 = _band_of(k0)
    expect = np.zeros(len(BAND_EDGES) - 1)
    expect[b0] = 2 * (A**2 * N**2 / 4) / _counts()[b0]
    np.testing.assert_allclose(S.numpy(), expect, atol=1e-12)


def test_parseval_and_white_noise():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(4000, 1, N, N, generator=g, dtype=torch.float64)
    S = radial_power_spectrum(x)
    counts = torch.tensor(_counts(), dtype=torch.float64)
    # Parseval: Σ_k E|X(k)|² = E Σ x²
    assert float((S * counts).sum()) == pytest.approx(float((x**2).sum() / len(x)), rel=1e-10)
    # white noise: power 1 in every band, within 5 standard errors (|X|² ~ Exp-like, var ≤ 2)
    se = torch.sqrt(2.0 / (len(x) * counts))
    assert bool(((S - 1).abs() <= 5 * se).all()), (S, se)


def _alpha_bars(sched: Schedule) -> np.ndarray:
    return np.concatenate([[1.0], np.cumprod(1 - sched.betas.numpy()[1:])])


SCHEDULES = [Schedule.linear(1000), Schedule.cosine(1000), Schedule.linear(10),
             Schedule.cosine(1), Schedule.linear(1, 1e-4, 0.02), Schedule.cosine(7)]


@pytest.mark.parametrize("sched", SCHEDULES, ids=lambda s: f"{s.kind}{s.T}")
def test_band_snr_is_power_ratio(sched):
    S = torch.tensor([120.0, 5.9, 0.9, 0.4, 0.06, 0.01])
    snr = band_snr(sched, S).numpy()
    ab = _alpha_bars(sched)
    assert snr.shape == (sched.T + 1, len(S))
    assert np.isinf(snr[0]).all()
    np.testing.assert_allclose(snr[1:], (ab[1:] / (1 - ab[1:]))[:, None] * S.numpy()[None],
                               rtol=1e-9)


@pytest.mark.parametrize("sched", SCHEDULES, ids=lambda s: f"{s.kind}{s.T}")
def test_crossing_is_the_last_step_above_one_and_coarse_first(sched):
    S = [120.0, 5.9, 0.9, 0.4, 0.06, 0.01]  # decreasing in the band: coarse bands cross later
    got = snr_crossing(sched, torch.tensor(S)).tolist()
    ab = _alpha_bars(sched)
    for b, s in enumerate(S):
        brute = 0
        for t in range(1, sched.T + 1):
            if ab[t] * s / (1 - ab[t]) >= 1:
                brute = t
        assert got[b] == brute
    assert all(a >= b for a, b in zip(got, got[1:]))


def test_crossing_pinned_linear():
    # linear 1e-4 → 0.02, T = 1000: SNR_t·4 ≥ 1 ⇔ ᾱ_t ≥ 1/5
    sched = Schedule.linear(1000)
    ab = _alpha_bars(sched)
    assert snr_crossing(sched, torch.tensor([4.0])).item() == int(np.nonzero(ab >= 0.2)[0].max())


def test_band_error_isolates_the_band():
    g = torch.Generator().manual_seed(1)
    x0 = torch.randn(3, N, N, generator=g, dtype=torch.float64)
    assert band_error(x0, x0).abs().max().item() == 0
    m = torch.arange(N, dtype=torch.float64)
    wave = 0.3 * torch.cos(2 * math.pi * 4 * m / N).expand(N, N)  # |k| = 4: band 3
    e = band_error(x0 + wave, x0)
    ref = torch.fft.fft2(x0, norm="ortho").abs() ** 2
    band = radial_band(N)
    expect_3 = 3 * float((wave**2).sum()) / float(ref[:, band == 3].sum())
    assert e[3].item() == pytest.approx(expect_3, rel=1e-10)
    assert float(e[[0, 1, 2, 4, 5]].abs().max()) < 1e-25


def test_decided_step_brute():
    ts = [50, 40, 30, 20]
    errs = torch.tensor([[0.1, 0.9, 0.9], [0.6, 0.4, 0.9], [0.2, 0.3, 0.9], [0.1, 0.1, 0.9]])
    # band 0 dips below at 50 but rises at 40: decided from 30; band 1 from 40; band 2 never
    assert decided_step(ts, errs).tolist() == [30, 40, 0]


def test_bad_input_names_the_argument():
    sched = Schedule.linear(10)
    with pytest.raises(ValueError, match="images"):
        radial_power_spectrum(torch.zeros(2, 3, 4))
    with pytest.raises(ValueError, match="images"):
        radial_power_spectrum(torch.full((1, 4, 4), float("nan")))
    with pytest.raises(ValueError, match="size"):
        radial_band(1)
    with pytest.raises(ValueError, match="edges"):
        radial_band(16, (0.0, 2.0, 1.0, 12.0))
    with pytest.raises(ValueError, match="edges"):
        radial_band(16, (0.0, 5.0))
    with pytest.raises(ValueError, match="spectrum"):
        band_snr(sched, torch.tensor([1.0, 0.0]))
    with pytest.raises(ValueError, match="sched"):
        band_snr("linear", torch.tensor([1.0]))
    with pytest.raises(ValueError, match="x0_pred"):
        band_error(torch.zeros(2, 4, 4), torch.zeros(3, 4, 4))
    with pytest.raises(ValueError, match="ts"):
        decided_step([1, 2], torch.zeros(2, 1))
    with pytest.raises(ValueError, match="errors"):
        decided_step([2, 1], torch.zeros(3, 1))
    with pytest.raises(ValueError, match="threshold"):
        decided_step([2, 1], torch.zeros(2, 1), threshold=0)
