"""Benchmark: `python -m ddpm_core.bench [--quick] [--json PATH]`.

Prints a table of the engine's speed figures (medians) and writes them as JSON:
- `import ddpm_core` in a fresh interpreter;
- training the 2-D MLP with the playground default (`DEFAULT_2D`) on toy sets at
  T = 1000 (linear): the training wall time until the samples reach SWD ≤ 1.5× and
  MMD ≤ 1.35× their noise floor (2,000 vs 2,000 points, 5 repeats; see `metrics`).
  Snapshots of the EMA weights are taken during one run and evaluated after it, so
  evaluation time is not counted as training time;
- sampling 2,000 points through all 1,000 DDPM steps, and DDIM with 50 steps;
- the same with a concurrent load: another process rerunning the Streamlit app
  (AppTest of app.py), with 1 and 2 torch threads.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import torch

from . import EMA, MLP2D, Schedule, compare_to_floor, sample, toy_2d, train

# The playground's default 2-D run (chosen by a small grid on this 2-core CPU: EMA 0.99 with
# lr 6e-3 met both bars in about half the steps of lr 3e-3 / EMA 0.995).
DEFAULT_2D = {"width": 128, "depth": 3, "batch_size": 512, "lr": 6e-3, "steps": 3000,
              "ema_decay": 0.99, "n_data": 20_000}
SWD_BAR, MMD_BAR = 1.5, 1.35
ROOT = Path(__file__).resolve().parent.parent


def _median_time(fn, repeats: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_import(repeats: int) -> float:
    code = "import time; t=time.perf_counter(); import ddpm_core; print(time.perf_counter()-t)"
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  cwd=ROOT, check=True).stdout) for _ in range(repeats)]
    return statistics.median(times)


def time_to_quality(name: str, seed: int, snap_every: int, steps: int) -> dict:
    """One training run of DEFAULT_2D; the training wall time at the first EMA snapshot
    whose samples meet each bar (snapshots are evaluated after the run)."""
    cfg = dict(DEFAULT_2D, steps=steps)
    sched = Schedule.linear(1000)
    g = torch.Generator().manual_seed(seed)
    data = toy_2d(name, cfg["n_data"], g)
    torch.manual_seed(seed)
    model = MLP2D(width=cfg["width"], depth=cfg["depth"])
    ema = EMA(model, cfg["ema_decay"])
    snaps: list[tuple[int, float, list]] = []

    def on_log(step: int, loss: float) -> None:
        if step % snap_every == 0:
            snaps.append((step, time.perf_counter() - t0, [p.clone() for p in ema.params]))

    t0 = time.perf_counter()
    hist = train(model, sched, data, cfg["steps"], cfg["batch_size"], cfg["lr"], generator=g,
                 callback=on_log, ema=ema, log_every=10)
    truth = lambda n, gen: toy_2d(name, n, gen)  # noqa: E731
    rows = []
    for step, wall, params in snaps:
        with torch.no_grad():
            for p, q in zip(model.parameters(), params):
                p.copy_(q)
        q = compare_to_floor(lambda n, gen: sample(model, sched, n, generator=gen), truth,
                             seed=seed)
        rows.append({"step": step, "wall": round(wall, 3), "swd_ratio": round(q["swd_ratio"], 3),
                     "mmd_ratio": round(q["mmd_ratio"], 3)})
    first = lambda key, bar: next((r["wall"] for r in rows if r[key] <= bar), None)  # noqa: E731
    return {"dataset": name, "seed": seed, "ms_per_step": 1e3 * hist.seconds / hist.steps_done,
            "t_swd": first("swd_ratio", SWD_BAR), "t_mmd": first("mmd_ratio", MMD_BAR),
            "snapshots": rows}
