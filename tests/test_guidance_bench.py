"""The conditional bench's per-class SWD ratio (`bench.cond_worst_swd_ratio`, issue 13's
'2-D conditional model to SWD <= 1.5x the floor per class'): against an independent loop —
one generator seeded c per class; each round draws the reference, a second true draw (the
floor's pair) and, in the first `repeats` rounds, the samples; the ratio is the mean SWD of
the samples over the mean SWD of the floor's pairs over all `floor_repeats` rounds. A short
chain (T = 20) and the exact ε* keep it fast."""

import math

import pytest
import torch

from ddpm_core import Schedule, sample
from ddpm_core.bench import _ExactClassEps, cond_worst_swd_ratio
from ddpm_core.guidance import labelled_mixture


def _swd(x, y, seed):  # SW_2 over 128 random directions, written out again
    g = torch.Generator().manual_seed(seed)
    th = torch.randn(2, 128, generator=g, dtype=torch.float64)
    th = th / th.norm(dim=0, keepdim=True)
    return math.sqrt(float(((torch.sort(x @ th, 0)[0] - torch.sort(y @ th, 0)[0]) ** 2).mean()))


def _expected(lm, sched, repeats, floor_repeats):
    out = []
    for c in range(lm.num_classes):
        g, sub = torch.Generator().manual_seed(c), lm.conditional(c)
        num, den = [], []
        for r in range(floor_repeats):
            a, b = sub.sample(2000, g, torch.float64), sub.sample(2000, g, torch.float64)
            den.append(_swd(b, a, r))
            if r < repeats:
                gen = sample(_ExactClassEps(lm, sched, c), sched, 2000, generator=g).double()
                num.append(_swd(gen, a, r))
        out.append((sum(num) / len(num)) / (sum(den) / len(den)))
    return out


def test_cond_ratio_single_and_repeated():
    lm, sched = labelled_mixture(), Schedule.linear(20)
    exact = lambda c: _ExactClassEps(lm, sched, c)  # noqa: E731
    for repeats, floor_repeats in ((1, 1), (2, 3)):
        worst, ratios = cond_worst_swd_ratio(exact, lm, sched, repeats, floor_repeats)
        want = _expected(lm, sched, repeats, floor_repeats)
        assert len(ratios) == lm.num_classes
        for got, w in zip(ratios, want):
            assert math.isclose(got, w, rel_tol=1e-9), (repeats, ratios, want)
        assert worst == max(ratios)
    with pytest.raises(ValueError, match="repeats must be"):
        cond_worst_swd_ratio(exact, lm, sched, 4, 3)
