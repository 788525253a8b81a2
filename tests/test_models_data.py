"""Networks, data sets and metrics: shapes, conventions, exactness, bad input."""

import math

import pytest
import torch

from ddpm_core import (
    MIXTURES,
    MLP2D,
    TOY_DATASETS,
    GaussianMixture2D,
    TinyUNet,
    build_model,
    mixture,
    mmd,
    sliced_wasserstein,
    toy_2d,
)


@pytest.mark.parametrize("act", ["relu", "silu", "gelu"])
def test_mlp_int_t_equals_tensor_t_and_fast_path(act):
    m = MLP2D(width=32, depth=3, act=act).eval()
    x = torch.randn(50, 2, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        a = m(x, 7)
        b = m(x, torch.full((50,), 7))
        c = m.sampling_fn(50)(x, 7).clone()
    assert a.shape == (50, 2)
    assert torch.allclose(a, b, atol=1e-6) and torch.allclose(a, c, atol=1e-5)
    assert not torch.allclose(m(x, 7), m(x, 700))  # the time embedding matters


def test_unet_shapes_and_time():
    for size in (16, 28):
        u = TinyUNet(channels=16, image_size=size).eval()
        x = torch.randn(3, 1, size, size)
        with torch.no_grad():
            out = u(x, torch.tensor([1, 50, 999]))
            same = u(x[:1], 1)
        assert out.shape == x.shape
        assert torch.allclose(out[:1], same, atol=1e-5)


def test_config_roundtrip():
    for m in (MLP2D(width=48, depth=2, act="silu"), TinyUNet(channels=16, image_size=16)):
        again = build_model(m.config())
        assert again.config() == m.config()
        assert [p.shape for p in again.parameters()] == [p.shape for p in m.parameters()]


@pytest.mark.parametrize("call,word", [
    (lambda: MLP2D(width=0), "width"),
    (lambda: MLP2D(depth=1.5), "depth"),
    (lambda: MLP2D(emb_dim=7), "emb_dim"),
    (lambda: MLP2D(act="tanh"), "act"),
    (lambda: TinyUNet(image_size=30), "image_size"),
    (lambda: TinyUNet(channels=12), "channels"),
    (lambda: build_model({"kind": "transformer"}), "kind"),
    (lambda: build_model({"kind": "mlp2d", "widht": 3}), "invalid"),
    (lambda: MLP2D()(torch.zeros(4, 3), 1), "x_t"),
    (lambda: MLP2D()(torch.zeros(4, 2), torch.zeros(3, dtype=torch.long)), "t"),
    (lambda: TinyUNet(channels=8, image_size=16)(torch.zeros(1, 1, 28, 28), 1), "x_t"),
])
def test_model_bad_input(call, word):
    with pytest.raises(ValueError, match=word):
        call()


@pytest.mark.parametrize("name", TOY_DATASETS)
def test_toy_sets_normalized_and_deterministic(name):
    x = toy_2d(name, 50_000, torch.Generator().manual_seed(1))
    assert x.shape == (50_000, 2) and x.dtype == torch.float32
    assert x.mean(0).abs().max() < 0.03
    overall_std = float(((x - x.mean(0)) ** 2).sum(1).mean().div(2).sqrt())
    assert abs(overall_std - 1) < 0.03
    a = toy_2d(name, 100, torch.Generator().manual_seed(5))
    assert torch.equal(a, toy_2d(name, 100, torch.Generator().manual_seed(5)))
    assert not torch.equal(a, toy_2d(name, 100, torch.Generator().manual_seed(6)))


@pytest.mark.parametrize("name", MIXTURES)
def test_mixture_density_integrates_to_one_and_matches_samples(name):
    mix = mixture(name)
    u = torch.linspace(-5, 5, 801, dtype=torch.float64)
    xx, yy = torch.meshgrid(u, u, indexing="ij")
    dens = mix.log_prob(torch.stack([xx.flatten(), yy.flatten()], 1)).exp().reshape(801, 801)
    mass = float(torch.trapezoid(torch.trapezoid(dens, u), u))
    assert abs(mass - 1) < 1e-6
    s = mix.sample(200_000, torch.Generator().manual_seed(0), dtype=torch.float64)
    want_mean = (mix.weights[:, None] * mix.means).sum(0)
    assert (s.mean(0) - want_mean).abs().max() < 4 * float(s.std(0).max()) / math.sqrt(200_000)


def test_mixture_bad_input():
    with pytest.raises(ValueError, match="weights"):
        GaussianMixture2D([[0.0, 0.0]], [[[1.0, 0.0], [0.0, 1.0]]], [0.5])
    with pytest.raises(ValueError, match="positive definite"):
        GaussianMixture2D([[0.0, 0.0]], [[[1.0, 2.0], [2.0, 1.0]]], [1.0])
    with pytest.raises(ValueError, match="covs"):
        GaussianMixture2D([[0.0, 0.0]], [[1.0, 0.0]], [1.0])
    with pytest.raises(ValueError, match="name"):
        mixture("nine_gaussians")
    with pytest.raises(ValueError, match="name"):
        toy_2d("spiral", 10)
    with pytest.raises(ValueError, match="n"):
        toy_2d("moons", 0)


def test_metrics_behave():
    g = torch.Generator().manual_seed(0)
    a, b = torch.randn(2000, 2, generator=g), torch.randn(2000, 2, generator=g)
    assert sliced_wasserstein(a, a) == 0.0 and mmd(a, a) == 0.0
    floor_swd, floor_mmd = sliced_wasserstein(a, b), mmd(a, b)
    shifted = b + torch.tensor([0.5, 0.0])  # measured: SWD ≈ 12×, MMD ≈ 3.4× the floor
    assert sliced_wasserstein(shifted, a) > 3 * floor_swd
    assert mmd(shifted, a) > 2.5 * floor_mmd
    # SW_2 of a pure shift by δ along x: √(E_θ (δ cos θ)²) = δ/√2 (plus sampling noise)
    assert abs(sliced_wasserstein(a + torch.tensor([0.3, 0.0]), a) - 0.3 / math.sqrt(2)) < 0.02
    with pytest.raises(ValueError, match="shape"):
        sliced_wasserstein(a, b[:10])
    with pytest.raises(ValueError, match="NaN"):
        mmd(a, torch.full_like(a, float("nan")))


def test_fourier_features_recurrence_equals_direct():
    from ddpm_core.models import fourier_features

    x = torch.randn(200, 2, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    direct = [x]
    for k in range(6):
        a = x * math.pi / 2 * 2**k
        direct += [torch.sin(a), torch.cos(a)]
    assert torch.allclose(fourier_features(x, 6), torch.cat(direct, 1), atol=1e-9)
    assert fourier_features(x, 0).shape == (200, 2)
