"""How many CPU threads torch may use for a script run.

On a 2-core machine two OpenMP threads are 1.8× faster when nothing else runs, but when
anything else does (another student's training, a second session) they spin-wait against
it and get 3–30× slower (`python -m ddpm_core.bench`, concurrency section). So a run uses
2 threads only while the machine is idle (1-minute load average below 1) and 1 otherwise;
`DDPM_THREADS` overrides. Training threads always use 1 (`ui.training_job`).

torch's thread count is per OS thread, and new threads inherit the last value set, so every
script run sets it explicitly.
"""

from __future__ import annotations

import os

import torch


def choose_threads() -> int:
    env = os.environ.get("DDPM_THREADS", "").strip()
    if env.isdigit() and int(env) >= 1:
        return int(env)
    cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0] >= 1.0
    except OSError:  # not available on this platform
        busy = False
    return 1 if busy else max(1, min(cores, 2))


def set_threads() -> int:
    n = choose_threads()
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)
    return n
