"""Training: Ho et al. 2020, Algorithm 1, as a lean loop with progress and a stop hook.

repeat: x_0 ~ q(x_0), t ~ U{1..T}, ε ~ N(0, I);
        step on ∇_θ ‖ε - ε_θ(√ᾱ_t x_0 + √(1-ᾱ_t) ε, t)‖²
(L_simple, Eq. (14), averaged over coordinates.)
Time is the paper's t = 1..T. AdamW with linear warm-up and cosine decay; the
whole data set sits on the model's device and batches are drawn by index (no
DataLoader). The same generator seed gives the same trained weights.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import torch

from .forward import _q_sample
from .schedule import Schedule


class EMA:
    """Exponential moving average of a model's parameters: θ̄ ← d·θ̄ + (1-d)·θ."""

    def __init__(self, model: torch.nn.Module, decay: float = 0.999):
        if not 0.0 < decay < 1.0:
            raise ValueError(f"decay must lie in (0, 1), got decay={decay!r}")
        self.decay = decay
        self.params = [p.detach().clone() for p in model.parameters()]

    @torch.no_grad()
    def update(self, model: torch.nn.Module) -> None:
        torch._foreach_lerp_(self.params, [p.detach() for p in model.parameters()], 1 - self.decay)

    @torch.no_grad()
    def copy_to(self, model: torch.nn.Module) -> None:
        for p, q in zip(model.parameters(), self.params):
            p.copy_(q)


@dataclass
class TrainHistory:
    """What happened: the logged steps, their mean losses, wall-clock seconds since the start."""

    steps: list = field(default_factory=list)
    losses: list = field(default_factory=list)
    wall: list = field(default_factory=list)
    steps_done: int = 0
    stopped: bool = False
    seconds: float = 0.0
    ema: EMA | None = None


def lr_at(step: int, steps: int, lr: float, warmup: int) -> float:
    """Linear warm-up over `warmup` steps, then cosine decay to 5 % of lr at the last step."""
    if step < warmup:
        return lr * (step + 1) / warmup
    progress = (step - warmup) / max(steps - warmup, 1)
    return lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * min(progress, 1.0))))


def _check_args(sched, data, steps, batch_size, lr):
    if not isinstance(sched, Schedule):
        raise ValueError(f"sched must be a Schedule, got {type(sched).__name__}")
    if not isinstance(data, torch.Tensor) or not data.dtype.is_floating_point or data.ndim < 2:
        raise ValueError("data must be a floating (N, ...) tensor")
    if data.shape[0] < 1 or not bool(torch.isfinite(data).all()):
        raise ValueError("data must be non-empty and finite")
    for name, v in (("steps", steps), ("batch_size", batch_size)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {name}={v!r}")
    if not (isinstance(lr, (int, float)) and 0 < lr < 1):
        raise ValueError(f"lr must be a number in (0, 1), got lr={lr!r}")


def _check_labels(labels, data, num_classes, p_uncond) -> torch.Tensor:
    if not num_classes:
        raise ValueError("labels are given, but the model is not class-conditional (build it "
                         "with num_classes)")
    if not isinstance(labels, torch.Tensor) or labels.dtype.is_floating_point \
            or labels.shape != (data.shape[0],):
        raise ValueError(f"labels must be an integer ({data.shape[0]},) tensor, one per row of "
                         f"data, got {getattr(labels, 'shape', type(labels).__name__)}")
    if bool((labels < 0).any()) or bool((labels >= num_classes).any()):
        raise ValueError(f"labels must be classes in 0..{num_classes - 1}")
    if not (isinstance(p_uncond, (int, float)) and 0.0 <= p_uncond < 1.0):
        raise ValueError(f"p_uncond must be a number in [0, 1), got p_uncond={p_uncond!r}")
    return labels.long()


def train(
    model: torch.nn.Module,
    sched: Schedule,
    data: torch.Tensor,
    steps: int,
    batch_size: int = 512,
    lr: float = 3e-3,
    *,
    generator: torch.Generator | None = None,
    callback: Callable[[int, float], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    warmup: int | None = None,
    weight_decay: float = 0.0,
    ema: EMA | float | None = None,
    log_every: int = 10,
    labels: torch.Tensor | None = None,
    p_uncond: float = 0.1,
) -> TrainHistory:
    """Train `model` in place with Algorithm 1 for `steps` steps; returns the history.

    `callback(step, loss)` runs every `log_every` steps with the mean loss since the
    last call; `should_stop()` is asked before every step and ends training at once,
    keeping what was learned. `ema` (a decay such as 0.995, or an `EMA` the caller keeps)
    averages the weights after every step; `history.ema` holds it.

    `labels` ((N,) ints in 0..C−1) trains a class-conditional model (`num_classes` = C) for
    classifier-free guidance: each label is replaced by "no class" (C) with probability
    `p_uncond`, so one network learns ε_θ(x_t, t, y) and ε_θ(x_t, t) — Ho & Salimans 2022, Alg. 1.
    """
    _check_args(sched, data, steps, batch_size, lr)
    num_classes = getattr(model, "num_classes", 0)
    if labels is not None:
        labels = _check_labels(labels, data, num_classes, p_uncond)
    elif num_classes:
        raise ValueError("labels are required to train a class-conditional model "
                         f"(num_classes={num_classes})")
    shape = tuple(getattr(model, "sample_shape", data.shape[1:]))
    if tuple(data.shape[1:]) != shape:
        raise ValueError(f"data must have shape (N, {shape}), got {tuple(data.shape)}")
    p0 = next(model.parameters())
    device, dtype = p0.device, p0.dtype
    seed = int(torch.randint(0, 2**62, (1,), generator=generator))
    g = torch.Generator(device=device).manual_seed(seed)
    data = data.to(device, dtype)
    if labels is not None:
        labels = labels.to(device)
    warmup = min(100, steps // 10) if warmup is None else warmup
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay,
                            betas=(0.9, 0.99), fused=True)
    if ema is not None and not isinstance(ema, EMA):
        ema = EMA(model, float(ema))
    hist = TrainHistory(ema=ema)
    model.train()
    start, acc, acc_n = time.perf_counter(), torch.zeros((), device=device), 0
    for step in range(steps):
        if should_stop is not None and should_stop():
            hist.stopped = True
            break
        for group in opt.param_groups:
            group["lr"] = lr_at(step, steps, lr, warmup)
        idx = torch.randint(0, data.shape[0], (batch_size,), generator=g, device=device)
        x0 = data[idx]
        t = torch.randint(1, sched.T + 1, (batch_size,), generator=g, device=device)
        eps = torch.randn(x0.shape, generator=g, device=device, dtype=dtype)
        x_t = _q_sample(sched, x0, t, eps)  # the engine's Ho Eq. (4), not a copy of it
        if labels is None:
            eps_pred = model(x_t, t)
        else:  # drop the label to "no class" with probability p_uncond
            y = labels[idx]
            drop = torch.rand(batch_size, generator=g, device=device) < p_uncond
            eps_pred = model(x_t, t, torch.where(drop, torch.full_like(y, num_classes), y))
        loss = torch.nn.functional.mse_loss(eps_pred, eps)  # L_simple, Ho Eq. (14)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if ema is not None:
            ema.update(model)
        acc += loss.detach()
        acc_n += 1
        hist.steps_done = step + 1
        if acc_n == log_every or step == steps - 1:
            mean_loss = float(acc) / acc_n
            hist.steps.append(step + 1)
            hist.losses.append(mean_loss)
            hist.wall.append(time.perf_counter() - start)
            acc.zero_()
            acc_n = 0
            if callback is not None:
                callback(step + 1, mean_loss)
    model.eval()
    hist.seconds = time.perf_counter() - start
    return hist
