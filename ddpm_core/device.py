"""Where models run: CUDA when available, else CPU; `DDPM_DEVICE` overrides."""

from __future__ import annotations

import os

import torch


def get_device() -> torch.device:
    """The device for models, training and sampling.

    `DDPM_DEVICE` (e.g. "cpu", "cuda", "cuda:1") wins when set; otherwise CUDA if
    available, else CPU. A value torch does not know, or CUDA asked for on a
    machine without it, raises ValueError naming the variable.
    """
    want = os.environ.get("DDPM_DEVICE", "").strip()
    if want:
        try:
            dev = torch.device(want)
        except (RuntimeError, ValueError):
            raise ValueError(
                f"DDPM_DEVICE must name a torch device such as 'cpu' or 'cuda', got {want!r}"
            ) from None
        if dev.type == "cuda" and not torch.cuda.is_available():
            raise ValueError(f"DDPM_DEVICE={want!r} but CUDA is not available on this machine")
        return dev
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")
