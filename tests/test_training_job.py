"""A process that still has training or scoring threads when it exits ends cleanly: the jobs
are stopped and joined at exit (a daemon thread inside torch at finalisation aborts the process
with "terminate called without an active exception", exit code 134)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import torch, ddpm_core
from ui.training_job import ScoreJob, TrainJob
sched = ddpm_core.Schedule.linear(1000)
data = ddpm_core.toy_2d("moons", 4000, torch.Generator().manual_seed(0))
job = TrainJob(ddpm_core.MLP2D(width=32, depth=2), sched, data, "moons", 100_000, 256, 3e-3, 0)
job.start()
score = ScoreJob(ddpm_core.MLP2D(width=32, depth=2).eval(), ddpm_core.Schedule.linear(50),
                 "moons").start()
import time; time.sleep(1.0)
print("leaving with the jobs running", flush=True)
"""


def test_exit_with_running_jobs_is_clean():
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert "leaving with the jobs running" in out.stdout, out.stderr[-2000:]
    assert out.returncode == 0, (out.returncode, out.stderr[-2000:])
    assert "terminate called" not in out.stderr
