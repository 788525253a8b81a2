"""Save and load trained models as safetensors — only tensors and JSON, so uploads are safe.

A checkpoint is one safetensors file: the model's state_dict (float32, CPU) plus a JSON
config under the metadata key "ddpm_config":
{"format": "ddpm_core.checkpoint", "version": 1, "model": {...}, "schedule": {...} | None,
 "meta": {...}}. Loading validates everything and raises ValueError with a message fit to
show a student as is; the network is first built on the meta device (no memory, no RNG),
so a hostile config cannot allocate anything before its tensors have been checked.
"""

# Bad types in uploaded files are ValueErrors too: the app shows ValueError messages as is.
# ruff: noqa: TRY004

from __future__ import annotations

import json
import pathlib
from dataclasses import dataclass

import torch
from safetensors.torch import load as st_load
from safetensors.torch import save as st_save

from .device import get_device
from .models import build_model
from .schedule import Schedule

FORMAT = "ddpm_core.checkpoint"
VERSION = 1
CONFIG_KEY = "ddpm_config"
MAX_BYTES = 64 * 1024 * 1024  # uploads above this are rejected before parsing
MAX_HEADER_BYTES = 1024 * 1024  # a safetensors JSON header above this is rejected unparsed
MAX_DEPTH = 1024  # bounds the module count a config may ask for
MAX_T = 100_000  # bounds the schedule tables a config may ask for
_FLOATS = (torch.float16, torch.bfloat16, torch.float32, torch.float64)


@dataclass
class Checkpoint:
    model: torch.nn.Module  # rebuilt, weights loaded, in eval() mode, on `device`
    schedule: Schedule | None  # rebuilt from the stored schedule config, if any
    meta: dict  # free-form JSON metadata (dataset, training steps, metrics, ...)
    config: dict  # the whole stored config: format, version, model, schedule, meta


def _short(x, limit: int = 200) -> str:
    """Text fit for a student: one line (torch appends C++ stack traces), at most `limit` chars."""
    text = str(x) if isinstance(x, BaseException) else repr(x)
    lines = text.strip().splitlines()
    text = lines[0] if lines else type(x).__name__
    return text if len(text) <= limit else text[:limit] + " ..."


def _expected_state(model_cfg: dict) -> tuple[torch.nn.Module, dict]:
    """Build the network on the meta device; return it and its (meta) state_dict."""
    if not isinstance(model_cfg, dict):
        raise ValueError(f"checkpoint 'model' config must be a dict, got {_short(model_cfg)}")
    if not isinstance(model_cfg.get("kind"), str):
        raise ValueError(f"checkpoint model config needs a string 'kind', got {_short(model_cfg)}")
    depth = model_cfg.get("depth", 1)
    if isinstance(depth, int) and depth > MAX_DEPTH:
        raise ValueError(f"checkpoint model depth={depth} is too large (at most {MAX_DEPTH})")
    try:
        with torch.device("meta"):
            net = build_model(model_cfg, device="meta")
    except (ValueError, TypeError, RuntimeError, OverflowError) as e:
        raise ValueError(f"checkpoint model config is invalid: {_short(e)}") from None
    return net, net.state_dict()


def _check_tensors(expected: dict, found: dict) -> None:
    """Names, shapes, dtypes and finiteness of `found` against the config's `expected`."""
    missing = [k for k in expected if k not in found]
    if missing:
        raise ValueError(f"checkpoint is missing {len(missing)} tensor(s) the model needs: "
                         f"{_short(missing)}")
    extra = [k for k in found if k not in expected]
    if extra:
        raise ValueError(f"checkpoint has {len(extra)} unexpected tensor(s) the model does "
                         f"not use: {_short(extra)}")
    for name, want in expected.items():
        got = found[name]
        if tuple(got.shape) != tuple(want.shape):
            raise ValueError(f"tensor {name!r} has the wrong shape: the model config expects "
                             f"{tuple(want.shape)}, the checkpoint has {tuple(got.shape)}")
        if want.dtype.is_floating_point and got.dtype not in _FLOATS:
            raise ValueError(f"tensor {name!r} has dtype {got.dtype}; expected a float dtype")
        if not want.dtype.is_floating_point and got.dtype != want.dtype:
            raise ValueError(f"tensor {name!r} has dtype {got.dtype}; expected {want.dtype}")
        if got.dtype in _FLOATS and not bool(torch.isfinite(got).all()):
            raise ValueError(f"tensor {name!r} holds NaN or inf weights")


def _schedule_from(cfg) -> Schedule | None:
    if cfg is None:
        return None
    if not isinstance(cfg, dict):
        raise ValueError(f"checkpoint 'schedule' config must be a dict or null, got {_short(cfg)}")
    T = cfg.get("T", 0)
    if isinstance(T, (int, float)) and T > MAX_T:
        raise ValueError(f"checkpoint schedule T={T} is too large (at most {MAX_T})")
    try:
        return Schedule.from_config(cfg)
    except (ValueError, TypeError, RuntimeError, OverflowError) as e:
        raise ValueError(f"checkpoint schedule config is invalid: {_short(e)}") from None


def checkpoint_bytes(model: torch.nn.Module, *, schedule: Schedule | None = None,
                     meta: dict | None = None) -> bytes:
    """The checkpoint of `model` (+ optional schedule and JSON `meta`) as safetensors bytes."""
    if not callable(getattr(model, "config", None)):
        raise ValueError(f"model must be a ddpm_core network with .config(), got {model!r}")
    if schedule is not None and not isinstance(schedule, Schedule):
        raise ValueError(f"schedule must be a Schedule or None, got {type(schedule).__name__}")
    meta = {} if meta is None else meta
    if not isinstance(meta, dict):
        raise ValueError(f"meta must be a dict, got {type(meta).__name__}")
    config = {"format": FORMAT, "version": VERSION, "model": model.config(),
              "schedule": None if schedule is None else schedule.config(), "meta": meta}
    try:
        text = json.dumps(config, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise ValueError(f"meta must be JSON-serialisable (no NaN/inf): {_short(e)}") from None
    tensors = {}
    for name, t in model.state_dict().items():
        dtype = torch.float32 if t.is_floating_point() else t.dtype
        tensors[name] = t.detach().to(device="cpu", dtype=dtype, copy=True).contiguous()
    _check_tensors(_expected_state(config["model"])[1], tensors)  # what we write loads back
    return st_save(tensors, metadata={CONFIG_KEY: text})


def _parse_config(data: bytes) -> dict:
    """The JSON config from the safetensors header (the file has been validated already)."""
    try:
        header = json.loads(data[8:8 + int.from_bytes(data[:8], "little")])
    except (ValueError, RecursionError) as e:
        raise ValueError(f"not a valid safetensors checkpoint: {_short(e)}") from None
    meta = header.get("__metadata__") if isinstance(header, dict) else None
    if not isinstance(meta, dict) or not isinstance(meta.get(CONFIG_KEY), str):
        raise ValueError(f"not a ddpm_core checkpoint: the safetensors file has no "
                         f"{CONFIG_KEY!r} metadata")
    try:
        config = json.loads(meta[CONFIG_KEY])
    except (ValueError, RecursionError) as e:
        raise ValueError(f"checkpoint {CONFIG_KEY!r} metadata is not valid JSON: "
                         f"{_short(e)}") from None
    if not isinstance(config, dict) or config.get("format") != FORMAT:
        raise ValueError(f"not a ddpm_core checkpoint: metadata format is not {FORMAT!r}")
    if config.get("version") != VERSION:
        raise ValueError(f"unsupported checkpoint version {_short(config.get('version'))} "
                         f"(this code reads version {VERSION})")
    if not isinstance(config.get("meta", {}), dict):
        raise ValueError(f"checkpoint 'meta' must be a dict, got {_short(config.get('meta'))}")
    config.setdefault("schedule", None)
    config.setdefault("meta", {})
    return config


def _check_header_length(data: bytes) -> None:
    """The header's length comes first: a huge header is refused before it is parsed (a length
    beyond the file itself means the bytes are not safetensors at all)."""
    header_len = int.from_bytes(data[:8], "little")
    if header_len > len(data) - 8:
        raise ValueError(f"not a valid safetensors checkpoint: its header length ({header_len}) "
                         f"exceeds the file ({len(data)} bytes)")
    if header_len > MAX_HEADER_BYTES:
        raise ValueError(f"checkpoint header is too large: {header_len / 2**20:.1f} MB "
                         f"(at most {MAX_HEADER_BYTES // 2**20} MB)")


def read_config(data: bytes) -> dict:
    """The stored config of checkpoint bytes from the header alone (no tensor is read): for a
    caller that checks its own limits before loading. Size and header bounds as on loading."""
    if not isinstance(data, bytes):
        raise ValueError(f"checkpoint must be bytes, got {type(data).__name__}")
    if not data:
        raise ValueError("checkpoint is empty (0 bytes)")
    if len(data) < 8:
        raise ValueError("not a valid safetensors checkpoint: too short")
    if len(data) > MAX_BYTES:
        raise ValueError(f"checkpoint is too large: {len(data) / 2**20:.1f} MB "
                         f"(at most {MAX_BYTES // 2**20} MB)")
    _check_header_length(data)
    return _parse_config(data)


def load_checkpoint_bytes(data: bytes, *, device=None) -> Checkpoint:
    """Validate and rebuild a checkpoint from safetensors bytes; any problem is a ValueError."""
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise ValueError(f"checkpoint must be bytes, got {type(data).__name__}")
    if not data:
        raise ValueError("checkpoint is empty (0 bytes)")
    if len(data) > MAX_BYTES:
        raise ValueError(f"checkpoint is too large: {len(data) / 2**20:.1f} MB "
                         f"(at most {MAX_BYTES // 2**20} MB)")
    if len(data) >= 8:
        _check_header_length(data)
    try:
        tensors = st_load(data)
    except Exception as e:  # noqa: BLE001  SafetensorError, or whatever else bad bytes provoke
        raise ValueError(f"not a valid safetensors checkpoint: {_short(e)}") from None
    config = _parse_config(data)
    net, expected = _expected_state(config.get("model"))
    _check_tensors(expected, tensors)
    schedule = _schedule_from(config.get("schedule"))
    try:
        dev = get_device() if device is None else torch.device(device)
    except (RuntimeError, TypeError) as e:
        raise ValueError(f"device {device!r} is not a torch device: {_short(e)}") from None
    if {n for n, _ in net.named_buffers()} - set(expected):  # non-persistent buffers
        with torch.random.fork_rng(devices=[]):
            net = build_model(config["model"], device="cpu")
    else:
        net = net.to_empty(device="cpu")
    net.load_state_dict(tensors, strict=True)
    return Checkpoint(model=net.to(dev).eval(), schedule=schedule,
                      meta=config["meta"], config=config)


def save_checkpoint(path, model: torch.nn.Module, *, schedule: Schedule | None = None,
                    meta: dict | None = None) -> pathlib.Path:
    """Write `path` (suffix forced to .safetensors) and a readable `.json` sidecar."""
    data = checkpoint_bytes(model, schedule=schedule, meta=meta)
    path = pathlib.Path(path).with_suffix(".safetensors")
    config = _parse_config(data)
    path.write_bytes(data)
    path.with_suffix(".json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    return path


def load_checkpoint(path, *, device=None) -> Checkpoint:
    """Load a file written by `save_checkpoint` (the .json sidecar is ignored).

    The suffix is forced to .safetensors as on saving; a missing file is FileNotFoundError.
    """
    path = pathlib.Path(path).with_suffix(".safetensors")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"checkpoint {path.name} is too large: {size / 2**20:.1f} MB "
                         f"(at most {MAX_BYTES // 2**20} MB)")
    return load_checkpoint_bytes(path.read_bytes(), device=device)
