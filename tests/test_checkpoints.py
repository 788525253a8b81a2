"""Checkpoints: safetensors round trips, and every malformed upload is a clear ValueError."""

from __future__ import annotations

import json
import pathlib

import pytest
import safetensors.torch
import torch

from ddpm_core import checkpoints as ck
from ddpm_core.checkpoints import (
    Checkpoint,
    checkpoint_bytes,
    load_checkpoint,
    load_checkpoint_bytes,
    save_checkpoint,
)
from ddpm_core.models import MLP2D, TinyUNet
from ddpm_core.schedule import Schedule

TABLES = ("betas", "alphas", "alpha_bars", "beta_tildes", "posterior_coef_x0",
          "posterior_coef_xt", "snr")


def _mlp():
    torch.manual_seed(0)
    return MLP2D(width=32, depth=2)


def _unet():
    torch.manual_seed(1)
    return TinyUNet(channels=8, image_size=16)


MODELS = {"mlp2d": _mlp, "tiny_unet": _unet}
SCHEDULES = {"linear": lambda: Schedule.linear(100, scale_to_T=True),
             "cosine": lambda: Schedule.cosine(50, s=0.01), "none": lambda: None}
META = {"dataset": "moons", "steps": 1234, "metrics": {"loss": 0.125}, "tags": ["a", "b"]}


def _config(model, schedule=None, meta=None) -> dict:
    return {"format": ck.FORMAT, "version": 1, "model": model.config(),
            "schedule": None if schedule is None else schedule.config(), "meta": meta or {}}


def _craft(tensors: dict, config) -> bytes:
    """A safetensors file with arbitrary tensors and an arbitrary ddpm_config (dict or str)."""
    text = config if isinstance(config, str) else json.dumps(config)
    return safetensors.torch.save(tensors, metadata={"ddpm_config": text})


def _state(model) -> dict:
    return {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}


def _check_same(orig, loaded: Checkpoint, schedule, meta):
    assert isinstance(loaded, Checkpoint)
    assert not loaded.model.training
    assert type(loaded.model) is type(orig)
    assert loaded.model.config() == orig.config()
    want, got = orig.state_dict(), loaded.model.state_dict()
    assert set(want) == set(got)
    for name in want:
        assert got[name].dtype == torch.float32
        assert torch.equal(want[name], got[name]), name
    assert loaded.meta == meta
    assert loaded.config == _config(orig, schedule, meta)
    if schedule is None:
        assert loaded.schedule is None
    else:
        assert loaded.schedule.kind == schedule.kind and loaded.schedule.T == schedule.T
        for name in TABLES:
            assert torch.equal(getattr(loaded.schedule, name), getattr(schedule, name)), name
    torch.manual_seed(5)
    x = torch.randn(4, *orig.sample_shape)
    t = torch.tensor([1, 7, 20, 50])
    with torch.no_grad():
        assert torch.equal(orig(x, t), loaded.model(x, t))
        assert torch.equal(orig(x, 3), loaded.model(x, 3))


@pytest.mark.parametrize("sched_name", list(SCHEDULES))
@pytest.mark.parametrize("model_name", list(MODELS))
def test_round_trip_bytes_and_file(model_name, sched_name, tmp_path):
    model, schedule = MODELS[model_name](), SCHEDULES[sched_name]()
    before = _state(model)
    data = checkpoint_bytes(model, schedule=schedule, meta=META)
    assert isinstance(data, bytes)
    _check_same(model, load_checkpoint_bytes(data, device="cpu"), schedule, META)
    path = save_checkpoint(tmp_path / "ckpt", model, schedule=schedule, meta=META)
    _check_same(model, load_checkpoint(path, device="cpu"), schedule, META)
    assert model.training  # the caller's model is left as it was
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_custom_schedule_and_default_meta_round_trip():
    model, schedule = _mlp(), Schedule.from_betas(torch.linspace(1e-3, 0.05, 30))
    loaded = load_checkpoint_bytes(checkpoint_bytes(model, schedule=schedule), device="cpu")
    _check_same(model, loaded, schedule, {})


def test_default_device_comes_from_get_device(monkeypatch):
    monkeypatch.setenv("DDPM_DEVICE", "cpu")
    loaded = load_checkpoint_bytes(checkpoint_bytes(_mlp()))
    assert all(p.device.type == "cpu" for p in loaded.model.parameters())
    with pytest.raises(ValueError, match="device"):
        load_checkpoint_bytes(checkpoint_bytes(_mlp()), device="not-a-device")


def test_sidecar_json_and_forced_suffix(tmp_path):
    model, schedule = _unet(), Schedule.linear(10)
    path = save_checkpoint(tmp_path / "model.pt", model, schedule=schedule, meta=META)
    assert path == tmp_path / "model.safetensors" and path.is_file()
    assert not (tmp_path / "model.pt").exists()
    sidecar = tmp_path / "model.json"
    text = sidecar.read_text()
    assert json.loads(text) == _config(model, schedule, META)
    assert "\n  " in text  # indented for people to read
    assert list(json.loads(text)) == sorted(json.loads(text))
    sidecar.unlink()  # loading reads only the .safetensors file
    _check_same(model, load_checkpoint(path, device="cpu"), schedule, META)
    _check_same(model, load_checkpoint(tmp_path / "model", device="cpu"), schedule, META)


def test_tensors_on_disk_are_float32_contiguous_and_config_in_metadata(tmp_path):
    model = _mlp().double()
    path = save_checkpoint(tmp_path / "m.safetensors", model)
    with safetensors.safe_open(str(path), framework="pt") as f:
        assert json.loads(f.metadata()["ddpm_config"])["model"] == model.config()
        assert set(f.keys()) == set(model.state_dict())
        assert all(f.get_tensor(k).dtype == torch.float32 for k in model.state_dict())
    assert next(model.parameters()).dtype == torch.float64  # not mutated


def _valid() -> bytes:
    return checkpoint_bytes(_mlp(), schedule=Schedule.linear(20), meta=META)


def _with_state(state_edit=None, model_edit=None, config_edit=None) -> bytes:
    model = _mlp()
    state, config = _state(model), _config(model, Schedule.linear(20))
    if state_edit:
        state_edit(state)
    if model_edit:
        model_edit(config["model"])
    if config_edit:
        config_edit(config)
    return _craft(state, config)


def _nan(state):
    state["out.weight"][0, 0] = float("nan")


def _inf(state):
    state["hidden.0.bias"][3] = float("inf")


def _int_tensor(state):
    state["out.bias"] = torch.zeros(2, dtype=torch.int32)


BAD = {
    "random bytes": (lambda: bytes(torch.randint(0, 256, (500,), generator=torch.Generator()
                                                 .manual_seed(0)).tolist()), "safetensors"),
    "empty": (lambda: b"", "empty"),
    "truncated": (lambda: _valid()[:-40], "safetensors"),
    "header cut": (lambda: _valid()[:50], "safetensors"),
    "no metadata": (lambda: safetensors.torch.save(_state(_mlp())), "ddpm_config"),
    "other metadata": (lambda: safetensors.torch.save(_state(_mlp()), metadata={"a": "b"}),
                       "ddpm_config"),
    "bad json": (lambda: _craft(_state(_mlp()), "{not json"), "JSON"),
    "json not a dict": (lambda: _craft(_state(_mlp()), "[1, 2]"), "format"),
    "wrong format": (lambda: _with_state(config_edit=lambda c: c.update(format="x")), "format"),
    "wrong version": (lambda: _with_state(config_edit=lambda c: c.update(version=2)),
                      "version"),
    "no model": (lambda: _with_state(config_edit=lambda c: c.pop("model")), "model"),
    "meta not dict": (lambda: _with_state(config_edit=lambda c: c.update(meta=[1])), "meta"),
    "unknown kind": (lambda: _with_state(model_edit=lambda m: m.update(kind="resnet")), "kind"),
    "kind a list": (lambda: _with_state(model_edit=lambda m: m.update(kind=["mlp2d"])), "kind"),
    "bad size": (lambda: _with_state(model_edit=lambda m: m.update(width=0)), "width"),
    "negative dim": (lambda: _with_state(model_edit=lambda m: m.update(dim=-1)), "invalid"),
    "unknown arg": (lambda: _with_state(model_edit=lambda m: m.update(colour=3)), "invalid"),
    "huge depth": (lambda: _with_state(model_edit=lambda m: m.update(depth=10**9)), "depth"),
    "missing tensor": (lambda: _with_state(lambda s: s.pop("out.bias")), "missing.*out.bias"),
    "extra tensor": (lambda: _with_state(lambda s: s.update(junk=torch.zeros(3))),
                     "unexpected.*junk"),
    "nan weight": (lambda: _with_state(_nan), "NaN.*out.weight|out.weight.*NaN"),
    "inf weight": (lambda: _with_state(_inf), "inf"),
    "int tensor": (lambda: _with_state(_int_tensor), "dtype"),
    "bad schedule": (lambda: _with_state(config_edit=lambda c: c["schedule"].update(beta_T=2.0)),
                     "schedule"),
    "schedule kind": (lambda: _with_state(config_edit=lambda c: c.update(schedule={"kind": 5})),
                      "schedule"),
    "schedule no kind": (lambda: _with_state(config_edit=lambda c: c.update(schedule=[1])),
                         "schedule"),
    "custom betas None": (lambda: _with_state(
        config_edit=lambda c: c.update(schedule={"kind": "custom", "betas": None})), "schedule"),
    "huge T": (lambda: _with_state(config_edit=lambda c: c["schedule"].update(T=10**12)), "T="),
    "schedule extra arg": (lambda: _with_state(config_edit=lambda c: c["schedule"].update(x=1)),
                           "schedule"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_rejects_malformed_checkpoints(case):
    make, match = BAD[case]
    with pytest.raises(ValueError, match=match):
        load_checkpoint_bytes(make(), device="cpu")


def test_wrong_shape_names_tensor_and_both_shapes():
    small = _mlp()  # width 32, under a config claiming width 64
    config = _config(MLP2D(width=64, depth=2))
    with pytest.raises(ValueError, match="shape") as info:
        load_checkpoint_bytes(_craft(_state(small), config), device="cpu")
    msg = str(info.value)
    n_in = small.inp_x.weight.shape[1]  # 2-D points and their Fourier features
    assert "inp_x.weight" in msg and f"(64, {n_in})" in msg and f"(32, {n_in})" in msg


def test_rejects_non_bytes_and_too_large(tmp_path, monkeypatch):
    with pytest.raises(ValueError, match="bytes"):
        load_checkpoint_bytes("a string")
    with pytest.raises(ValueError, match="too large"):
        load_checkpoint_bytes(b"\0" * (ck.MAX_BYTES + 1))
    path = tmp_path / "big.safetensors"
    path.write_bytes(_valid())
    monkeypatch.setattr(ck, "MAX_BYTES", 100)
    with pytest.raises(ValueError, match="too large"):
        load_checkpoint(path)


def test_bytearray_upload_is_accepted():
    loaded = load_checkpoint_bytes(bytearray(_valid()), device="cpu")
    assert loaded.meta == META


def test_corrupted_bytes_only_ever_raise_value_error():
    data = _valid()
    gen = torch.Generator().manual_seed(0)
    n = int.from_bytes(data[:8], "little") + 8
    for _ in range(300):
        buf = bytearray(data)
        for i in torch.randint(0, n, (3,), generator=gen).tolist():
            buf[i] = int(torch.randint(0, 256, (1,), generator=gen))
        try:
            load_checkpoint_bytes(bytes(buf), device="cpu")
        except ValueError:
            pass


def test_meta_must_be_json(tmp_path):
    with pytest.raises(ValueError, match="meta"):
        checkpoint_bytes(_mlp(), meta={"x": object()})
    with pytest.raises(ValueError, match="meta"):
        checkpoint_bytes(_mlp(), meta=["not", "a", "dict"])
    with pytest.raises(ValueError, match="meta"):
        save_checkpoint(tmp_path / "m", _mlp(), meta={"loss": float("nan")})
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_never_unpickles():
    source = pathlib.Path(ck.__file__).read_text()
    assert "pickle" not in source
    assert "torch.load" not in source


def test_refuses_to_save_a_model_that_could_not_be_loaded():
    model = _mlp()
    with torch.no_grad():
        model.out.bias[0] = float("nan")
    with pytest.raises(ValueError, match="NaN"):
        checkpoint_bytes(model)
