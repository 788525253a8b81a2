"""Sample-quality metrics checked from outside: MMD against a brute-force NumPy computation and
against the closed form between two Gaussians; SWD against the 1-D closed form; compare_to_floor
against its definition."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from ddpm_core.metrics import MMD_WIDTHS, compare_to_floor, mmd, sliced_wasserstein


def _mmd_numpy(x: np.ndarray, y: np.ndarray, scale: float | None = None) -> float:
    """√MMD² (biased V-statistic), kernel = mean over widths h of exp(-‖a-b‖²/(2(h s)²)),
    s = the per-coordinate RMS spread of y; written out pair by pair."""
    if scale is None:
        scale = math.sqrt(((y - y.mean(0)) ** 2).sum() / (y.shape[0] * y.shape[1]))

    def k(a, b):
        d2 = ((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)
        return np.mean([np.exp(-d2 / (2 * (h * scale) ** 2)) for h in MMD_WIDTHS], axis=0)

    return math.sqrt(max(k(x, x).mean() + k(y, y).mean() - 2 * k(x, y).mean(), 0.0))


def test_mmd_equals_a_brute_force_computation():
    g = np.random.default_rng(0)
    x = g.normal(0.3, 1.0, (300, 2))
    y = g.normal(0.0, 2.5, (300, 2))  # a different spread: the scale must come from y
    want = _mmd_numpy(x, y)
    got = mmd(torch.tensor(x), torch.tensor(y))
    assert got == pytest.approx(want, rel=1e-4)
    assert mmd(torch.tensor(x), torch.tensor(y), scale=0.7) == pytest.approx(
        _mmd_numpy(x, y, 0.7), rel=1e-4)


def test_mmd_matches_the_gaussian_closed_form():
    """For X ~ N(μ, I), Y ~ N(0, I) in d = 2 and an RBF kernel of width ℓ:
    E k(X, X') = E k(Y, Y') = ℓ²/(ℓ²+2), E k(X, Y) = ℓ²/(ℓ²+2) · exp(-‖μ‖²/(2(ℓ²+2))).
    The V-statistic adds (1 - E k(X, X'))/n per sample; large n and 5 widths of one scale."""
    n, scale = 3000, 1.0
    mu = np.array([0.8, 0.0])
    g = torch.Generator().manual_seed(1)
    x = torch.randn(n, 2, generator=g, dtype=torch.float64) + torch.tensor(mu)
    y = torch.randn(n, 2, generator=g, dtype=torch.float64)
    kxx = kxy = 0.0
    for h in MMD_WIDTHS:
        l2 = (h * scale) ** 2
        same = l2 / (l2 + 2)
        kxx += same / len(MMD_WIDTHS)
        kxy += same * math.exp(-(mu @ mu) / (2 * (l2 + 2))) / len(MMD_WIDTHS)
    v_bias = 2 * (1 - kxx) / n
    want = math.sqrt(2 * kxx - 2 * kxy + v_bias)
    assert mmd(x, y, scale=scale) == pytest.approx(want, rel=0.05)


def test_swd_of_two_shifted_point_sets_is_the_shift_times_the_mean_projection():
    """y = x + v: every projection moves by θ·v, so SW₂² = E_θ (θ·v)² = ‖v‖²/d exactly."""
    x = torch.randn(500, 2, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    v = torch.tensor([1.5, -0.5], dtype=torch.float64)
    got = sliced_wasserstein(x + v, x, n_proj=20_000)
    assert got == pytest.approx(math.sqrt(float(v @ v) / 2), rel=0.02)


def _truth(n, g):
    return torch.randn(n, 2, generator=g, dtype=torch.float64)


def test_compare_to_floor_follows_its_definition():
    """The floor is the distance between two fresh true draws; the ratio divides by it."""
    g = torch.Generator().manual_seed(3)
    gen = [torch.randn(400, 2, generator=g, dtype=torch.float64) * 1.5 for _ in range(3)]
    out = compare_to_floor(gen, _truth, n=400, repeats=3, seed=7)
    g2 = torch.Generator().manual_seed(7)
    swd = swd_f = m = m_f = 0.0
    for r in range(3):
        a, b = _truth(400, g2), _truth(400, g2)
        swd += sliced_wasserstein(gen[r], a, seed=7 + r) / 3
        swd_f += sliced_wasserstein(b, a, seed=7 + r) / 3
        m += mmd(gen[r], a) / 3
        m_f += mmd(b, a) / 3
    assert out["swd"] == pytest.approx(swd) and out["swd_floor"] == pytest.approx(swd_f)
    assert out["mmd"] == pytest.approx(m) and out["mmd_floor"] == pytest.approx(m_f)
    assert out["swd_ratio"] == pytest.approx(swd / swd_f)
    assert out["mmd_ratio"] == pytest.approx(m / m_f)


def test_compare_to_floor_ratio_is_one_for_true_samples_and_large_for_wrong_ones():
    same = compare_to_floor(_truth, _truth, n=1000, repeats=5, seed=0)
    assert 0.75 < same["swd_ratio"] < 1.35 and 0.75 < same["mmd_ratio"] < 1.35, same

    def wide(n, g):
        return 1.6 * _truth(n, g)

    worse = compare_to_floor(wide, _truth, n=1000, repeats=5, seed=0)
    assert worse["swd_ratio"] > 3 and worse["mmd_ratio"] > 3, worse
