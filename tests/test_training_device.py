"""Algorithm 1 as a loop: determinism, stop hook, EMA, progress; the device choice."""

import pytest
import torch

from ddpm_core import EMA, MLP2D, Schedule, get_device, sample, toy_2d, train
from ddpm_core.training import lr_at

SCHED = Schedule.linear(100, scale_to_T=True)
DATA = toy_2d("moons", 4000, torch.Generator().manual_seed(0))


def _fresh(seed=0):
    torch.manual_seed(seed)
    return MLP2D(width=32, depth=2)


def test_same_seed_same_weights_and_loss_falls():
    a, b = _fresh(), _fresh()
    ha = train(a, SCHED, DATA, 200, 128, 3e-3, generator=torch.Generator().manual_seed(1))
    hb = train(b, SCHED, DATA, 200, 128, 3e-3, generator=torch.Generator().manual_seed(1))
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    assert ha.losses == hb.losses
    assert ha.losses[-1] < ha.losses[0]
    c = _fresh()
    train(c, SCHED, DATA, 200, 128, 3e-3, generator=torch.Generator().manual_seed(2))
    assert not all(torch.equal(p, q) for p, q in zip(a.parameters(), c.parameters()))


def test_callback_and_should_stop_keep_what_was_learned():
    m = _fresh()
    calls = []
    h = train(m, SCHED, DATA, 1000, 64, 3e-3, callback=lambda s, l: calls.append((s, l)),
              should_stop=lambda: len(calls) >= 5, log_every=10)
    assert h.stopped and h.steps_done == 50 and [c[0] for c in calls] == [10, 20, 30, 40, 50]
    assert not m.training  # left in eval mode, ready to sample
    out = sample(m, SCHED, 16, generator=torch.Generator().manual_seed(0))
    assert torch.isfinite(out).all()


def test_ema_tracks_weights():
    m = _fresh()
    ema = EMA(m, 0.9)
    h = train(m, SCHED, DATA, 50, 64, 3e-3, ema=ema)
    assert h.ema is ema
    copy = _fresh(1)
    ema.copy_to(copy)
    diffs = [float((p - q).detach().abs().max()) for p, q in zip(copy.parameters(), m.parameters())]
    assert max(diffs) > 0  # an average, not the last weights
    assert train(_fresh(), SCHED, DATA, 5, 8, 1e-3, ema=0.99).ema is not None


def test_lr_schedule_shape():
    lrs = [lr_at(s, 1000, 1e-3, 100) for s in range(1000)]
    assert lrs[0] == 1e-5 and abs(lrs[99] - 1e-3) < 1e-12
    assert all(a >= b for a, b in zip(lrs[100:], lrs[101:]))
    assert abs(lrs[-1] - 5e-5) < 1e-6


@pytest.mark.parametrize("kw,word", [
    (dict(steps=0), "steps"), (dict(batch_size=0), "batch_size"), (dict(lr=2.0), "lr"),
    (dict(data=torch.zeros(10, 3)), "data"), (dict(data=torch.full((10, 2), float("nan"))), "data"),
    (dict(sched="linear"), "sched"),
])
def test_train_bad_input(kw, word):
    args = dict(sched=SCHED, data=DATA, steps=10, batch_size=8, lr=1e-3)
    args.update(kw)
    with pytest.raises(ValueError, match=word):
        train(_fresh(), **args)


def test_device_override(monkeypatch):
    monkeypatch.setenv("DDPM_DEVICE", "cpu")
    assert get_device() == torch.device("cpu")
    from ddpm_core import build_model

    assert next(build_model(MLP2D(width=8).config()).parameters()).device.type == "cpu"
    monkeypatch.setenv("DDPM_DEVICE", "quantum")
    with pytest.raises(ValueError, match="DDPM_DEVICE"):
        get_device()
    if not torch.cuda.is_available():
        monkeypatch.setenv("DDPM_DEVICE", "cuda")
        with pytest.raises(ValueError, match="CUDA"):
            get_device()
    monkeypatch.delenv("DDPM_DEVICE")
    assert get_device().type == ("cuda" if torch.cuda.is_available() else "cpu")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device on this machine")
def test_training_and_sampling_on_gpu():
    m = _fresh().to("cuda")
    h = train(m, SCHED, DATA, 100, 128, 3e-3, generator=torch.Generator().manual_seed(0))
    assert h.losses[-1] < h.losses[0]
    out = sample(m, SCHED, 64, generator=torch.Generator().manual_seed(0))
    assert out.device.type == "cuda" and torch.isfinite(out).all()
