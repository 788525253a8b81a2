"""`scripts/bench_load.py`'s summary by time window: the reruns asked for in each 10 s, with the
median and 95th percentile of their latency (the class arriving against the steady state); the
machine it names (processor, calibration) beside its figures."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))


def test_latency_windows_group_by_when_asked_and_take_their_percentiles():
    from bench_load import _windows

    # 0-10 s: 20 reruns of 10..200 ms; 10-20 s: none; 20-30 s: three of 1 s, 2 s, 3 s
    timed = [(0.5 * i, 0.01 * (i + 1)) for i in range(20)]
    timed += [(20.0, 1.0), (29.99, 3.0), (25.0, 2.0)]
    # p95 of 10..200 ms by nearest rank on 20 values: index round(0.95 * 19) = 18 -> 190 ms
    assert _windows(timed, 10.0) == [[0.0, 20, 110, 190], [20.0, 3, 2000, 3000]]
    assert _windows([], 10.0) == []


def test_the_machine_is_named_from_cpuinfo_and_calibrated():
    from bench_load import calibrate, cpu_model

    x86 = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nflags\t: fpu\n"
    assert cpu_model(x86) == "AMD EPYC 7B13"
    assert cpu_model("processor : 0\nModel : Raspberry Pi 5 Model B\n") == "Raspberry Pi 5 Model B"
    assert cpu_model("processor : 0\nmodel name :\n") == "?" and cpu_model("") == "?"
    one = calibrate(1)
    assert 0 < one < 60_000  # ms: a real timing, not a constant
