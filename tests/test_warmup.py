"""The server's warm-up thread (ui/warmup.py) fills shared caches for seconds after the first
session arrives. A process that exits meanwhile (a test run, a server stopped early) must
exit cleanly: a daemon thread still inside torch while the interpreter finalises aborts it
("terminate called without an active exception", exit code 134)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import time
from ui import warmup
thread = warmup.start()
deadline = time.monotonic() + 60
beyond = warmup._stages().index(warmup._warm_beyond)  # inside torch: the Beyond pages' sweeps
while warmup._AT[0] < beyond and time.monotonic() < deadline:
    time.sleep(0.01)
print("leaving with the warm-up running", thread.is_alive(), flush=True)
"""


def test_exit_during_the_warm_up_is_clean():
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert "leaving with the warm-up running True" in out.stdout, out.stderr[-2000:]
    assert out.returncode == 0, (out.returncode, out.stderr[-2000:])
    assert "terminate called" not in out.stderr
