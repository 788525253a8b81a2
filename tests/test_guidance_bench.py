"""The conditional bench's per-class SWD ratio (`bench.cond_worst_swd_ratio`, issue 13's
'2-D conditional model to SWD <= 1.5x the floor per class'): against an independent loop —
one round is the single draw the bench measured before (one generator seeded c per class:
samples, then two true draws), several rounds are the ratio of the mean SWDs as
`metrics.compare_to_floor` takes it. A short chain (T = 20) and the exact ε* keep it fast."""

import math

import torch

from ddpm_core import Schedule, sample
from ddpm_core.bench import _ExactClassEps, cond_worst_swd_ratio
from ddpm_core.guidance import labelled_mixture


def _swd(x, y, seed):  # SW_2 over 128 random directions, written out again
    g = torch.Generator().manual_seed(seed)
    th = torch.randn(2, 128, generator=g, dtype=torch.float64)
    th = th / th.norm(dim=0, keepdim=True)
    return math.sqrt(float(((torch.sort(x @ th, 0)[0] - torch.sort(y @ th, 0)[0]) ** 2).mean()))


def _expected(lm, sched, repeats):
    out = []
    for c in range(lm.num_classes):
        g, sub = torch.Generator().manual_seed(c), lm.conditional(c)
        num = den = 0.0
        for r in range(repeats):
            gen = sample(_ExactClassEps(lm, sched, c), sched, 2000, generator=g).double()
            a, b = sub.sample(2000, g, torch.float64), sub.sample(2000, g, torch.float64)
            num, den = num + _swd(gen, a, r), den + _swd(b, a, r)
        out.append(num / den)
    return out


def test_cond_ratio_single_and_repeated():
    lm, sched = labelled_mixture(), Schedule.linear(20)
    exact = lambda c: _ExactClassEps(lm, sched, c)  # noqa: E731
    for repeats in (1, 2):
        worst, ratios = cond_worst_swd_ratio(exact, lm, sched, repeats)
        want = _expected(lm, sched, repeats)
        assert len(ratios) == lm.num_classes
        for got, w in zip(ratios, want):
            assert math.isclose(got, w, rel_tol=1e-9), (repeats, ratios, want)
        assert worst == max(ratios)
