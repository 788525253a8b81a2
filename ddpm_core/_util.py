"""Small shared helpers: argument checks and table lookup at a time index t."""

from __future__ import annotations

from typing import Any

import torch

from .schedule import Schedule


def check_tensor(name: str, x: Any, *, finite: bool = True) -> torch.Tensor:
    """Raise ValueError unless x is a floating tensor (of finite values when `finite`)."""
    if not isinstance(x, torch.Tensor):
        raise ValueError(f"{name} must be a torch.Tensor, got {type(x).__name__}")
    if not x.dtype.is_floating_point:
        raise ValueError(f"{name} must be a floating-point tensor, got dtype {x.dtype}")
    if x.ndim < 1:
        raise ValueError(f"{name} must have a batch dimension, got a scalar tensor")
    if finite and not bool(torch.isfinite(x).all()):
        raise ValueError(f"{name} contains NaN or inf")
    return x


def check_same_shape(name_a: str, a: torch.Tensor, name_b: str, b: torch.Tensor) -> None:
    if a.shape != b.shape:
        raise ValueError(
            f"{name_b} must have the shape of {name_a} {tuple(a.shape)}, got {tuple(b.shape)}"
        )


def extract(table: torch.Tensor, t: int | torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """table[t] as a tensor broadcastable against x: (B, 1, ..., 1) for a (B,) t, else a scalar.

    The float64 table entry is cast to x's dtype and device after the lookup.
    """
    if isinstance(t, torch.Tensor) and t.ndim > 0:
        if t.ndim != 1 or t.shape[0] != x.shape[0]:
            raise ValueError(
                f"t must be an int or a (B,) tensor with B = x.shape[0] = {x.shape[0]}, "
                f"got shape {tuple(t.shape)}"
            )
        v = table[t.cpu().long()]
        return v.to(device=x.device, dtype=x.dtype).reshape(-1, *([1] * (x.ndim - 1)))
    return table[int(t)].to(device=x.device, dtype=x.dtype)


def check_t(sched: Schedule, t: Any, x: torch.Tensor, *, low: int = 0) -> None:
    sched.check_t(t, low=low)
    if isinstance(t, torch.Tensor) and t.ndim > 0 and (t.ndim != 1 or t.shape[0] != x.shape[0]):
        raise ValueError(
            f"t must be an int or a (B,) tensor with B = {x.shape[0]}, got shape {tuple(t.shape)}"
        )


def model_device_dtype(model) -> tuple[torch.device, torch.dtype]:
    """Where and in what precision a model runs: its first parameter's, else CPU float32."""
    params = getattr(model, "parameters", None)
    for p in params() if params is not None else ():
        return p.device, p.dtype
    return torch.device("cpu"), torch.float32
