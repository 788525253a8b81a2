"""The networks' sampling fast paths against their plain layers (issue 13, speed):
TinyUNet's in-place channels-last pass (`_fast`, `forward_shared` for classifier-free
guidance, the hand-written GroupNorm, 1×1 and one-channel 3×3 convolutions) and MLP2D's
fused `sampling_fn` for other input sizes and octave counts. Every parameter is randomised
(GroupNorm's affine too), so a wrong sign, index or coefficient shows."""

import pytest
import torch
import torch.nn.functional as F

from ddpm_core import MLP2D, Schedule, TinyUNet, sample
from ddpm_core.guidance import GuidedEps
from ddpm_core.models import _conv1x1, _conv3x3_to_one, _norm_silu


def _randomised(model, seed=0):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(0.3 * torch.randn(p.shape, generator=g) + (0.5 if p.ndim == 1 else 0.0))
    return model.eval()


def _plain(model, *args):
    model.fast_path = False
    try:
        with torch.no_grad():
            return model(*args) if not isinstance(args[-1], list) else model.forward_shared(*args)
    finally:
        model.fast_path = True


@pytest.mark.parametrize("cfg", [dict(channels=8, image_size=8, num_classes=10),
                                 dict(channels=16, image_size=16, num_classes=3),
                                 dict(channels=8, image_size=12, in_channels=2),
                                 dict(channels=8, image_size=8)])
def test_unet_fast_path_matches_plain_layers(cfg):
    m = _randomised(TinyUNet(emb_dim=16, **cfg))
    g = torch.Generator().manual_seed(1)
    B = 5
    x = torch.randn(B, *m.sample_shape, generator=g)
    y = torch.tensor([0, 1, 2, 1, 0]) if m.num_classes else None
    for t in (1, 640, torch.tensor([3, 900, 50, 1, 999])):
        with torch.no_grad():
            fast = m(x, t, y)
        want = _plain(m, x, t, y)
        torch.testing.assert_close(fast, want, rtol=1e-4, atol=1e-5)
        assert fast.is_contiguous()
    # the plain layers are what training (autograd) runs
    with torch.enable_grad():
        torch.testing.assert_close(m(x, 640, y).detach(), _plain(m, x, 640, y))


@pytest.mark.parametrize("num_classes", [0, 4])
def test_forward_shared_equals_one_call_on_the_repeated_batch(num_classes):
    m = _randomised(TinyUNet(channels=8, image_size=8, emb_dim=16, num_classes=num_classes), 2)
    x = torch.randn(4, 1, 8, 8, generator=torch.Generator().manual_seed(3))
    ys = [torch.tensor([0, 3, 1, 2]), None] if num_classes else [None, None]
    for t in (17, torch.tensor([5, 600, 999, 1])):
        with torch.no_grad():
            got = m.forward_shared(x, t, ys)
            labels = torch.cat([ys[0], torch.full((4,), num_classes)]) if num_classes else None
            tt = torch.cat([t, t]) if isinstance(t, torch.Tensor) else t
            one_call = m(torch.cat([x, x]), tt, labels)  # the fast pass, no sharing
        want = _plain(m, x, t, ys)
        assert got.shape == (8, 1, 8, 8)
        torch.testing.assert_close(got, want, rtol=1e-4, atol=1e-5)
        torch.testing.assert_close(one_call, want, rtol=1e-4, atol=1e-5)
    if num_classes:  # the halves differ: the class matters
        assert not torch.allclose(got[:4], got[4:], atol=1e-3)
    else:
        with pytest.raises(ValueError, match="y"):
            m.forward_shared(x, 3, [1, None])


def test_guided_sampling_with_shared_layers_matches_plain_cfg():
    m = _randomised(TinyUNet(channels=8, image_size=8, emb_dim=16, num_classes=3), 4)
    sched = Schedule.linear(50)
    for y, s in ((2, 3.0), (torch.tensor([0, 1, 2, 0, 1, 2]), torch.tensor([0., 1, 2, 3, 4, 5]))):
        guided = GuidedEps(m, y, s)
        run = lambda guided=guided: sample(guided, sched, 6, sampler="ddim",  # noqa: E731
                                           steps=10, generator=torch.Generator().manual_seed(5))
        fast = run()
        m.fast_path = False
        try:
            want = run()
        finally:
            m.fast_path = True
        torch.testing.assert_close(fast, want, rtol=1e-4, atol=1e-4)


def test_hand_written_layers_match_torch():
    g = torch.Generator().manual_seed(6)
    x = (2.0 * torch.randn(3, 24, 6, 10, generator=g) + 1.5).contiguous(
        memory_format=torch.channels_last)  # a non-zero mean: the variance's E[x²] − mean²
    norm = torch.nn.GroupNorm(8, 24)
    conv1 = torch.nn.Conv2d(24, 5, 1)
    conv3 = torch.nn.Conv2d(24, 1, 3, padding=1)
    with torch.no_grad():
        for mod in (norm, conv1, conv3):
            for p in mod.parameters():
                p.copy_(torch.randn(p.shape, generator=g))
        for xx in (x, x.contiguous()):  # channels-last and NCHW branches
            torch.testing.assert_close(_norm_silu(norm, xx), F.silu(norm(xx)),
                                       rtol=1e-4, atol=1e-5)
            torch.testing.assert_close(_conv1x1(conv1, xx), conv1(xx), rtol=1e-4, atol=1e-5)
            torch.testing.assert_close(_conv3x3_to_one(conv3, xx), conv3(xx),
                                       rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("dim,fourier", [(2, 0), (3, 2), (2, 6)])
def test_mlp_sampling_fn_other_sizes(dim, fourier):
    m = _randomised(MLP2D(width=24, depth=3, dim=dim, fourier=fourier), 7)
    x = 1.3 * torch.randn(40, dim, generator=torch.Generator().manual_seed(8))
    for t_max in (None, 1000):
        fn = m.sampling_fn(40, t_max=t_max)
        for t in (1, 333, 1000):
            with torch.no_grad():
                want = m(x, t)
            torch.testing.assert_close(fn(x, t).clone(), want, rtol=1e-5, atol=1e-5)


def test_guided_eps_is_cfg_of_separate_calls():
    """GuidedEps (shared layers, one batch) against ε_u + s(ε_c − ε_u) from two separate plain
    calls: a swapped half or a wrong scale shows."""
    m = _randomised(TinyUNet(channels=8, image_size=8, emb_dim=16, num_classes=3), 9)
    x = torch.randn(4, 1, 8, 8, generator=torch.Generator().manual_seed(10))
    y = torch.tensor([2, 0, 1, 2])
    for s in (0.0, 2.5):
        with torch.no_grad():
            got = GuidedEps(m, y, s)(x, 300)
        e_c, e_u = _plain(m, x, 300, y), _plain(m, x, 300, torch.full((4,), 3))
        torch.testing.assert_close(got, e_u + s * (e_c - e_u), rtol=1e-4, atol=1e-5)


def test_mlp_sampling_fn_of_one_class_and_guided_eps_at_scale_one():
    """`MLP2D.sampling_fn(n, t_max, y)` is the conditional forward for class y (with and without
    the row table), and `GuidedEps` at s = 1 hands the samplers that pass: a table built for
    "no class", or another class, shows; at s ≠ 1 GuidedEps keeps its own forward (CFG)."""
    m = _randomised(MLP2D(width=24, depth=3, num_classes=4), 11)
    x = 1.3 * torch.randn(40, 2, generator=torch.Generator().manual_seed(12))
    for y in (0, 3):
        for t_max in (None, 1000):
            fn = m.sampling_fn(40, t_max=t_max, y=y)
            guided = GuidedEps(m, y, 1.0).sampling_fn(40, t_max=t_max)
            for t in (1, 333, 1000):
                with torch.no_grad():
                    want = m(x, t, torch.full((40,), y))
                torch.testing.assert_close(fn(x, t).clone(), want, rtol=1e-5, atol=1e-5)
                torch.testing.assert_close(guided(x, t).clone(), want, rtol=1e-5, atol=1e-5)
    g2 = GuidedEps(m, 1, 2.0)
    assert g2.sampling_fn(40) is g2
    with pytest.raises(ValueError, match="y must be a class"):
        m.sampling_fn(40, y=4)
    with pytest.raises(ValueError, match="y must be a class"):
        MLP2D(width=8, depth=2).sampling_fn(40, y=0)
