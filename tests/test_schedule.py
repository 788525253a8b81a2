"""Schedules: pinned values, closed forms at every t, properties, bad input."""

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from ddpm_core import Schedule, make_schedule

# FORMULAS.md §j (float64 np.cumprod; 50-digit mpmath agrees to 1.1e-13).
# columns: t, ᾱ_t, β̃_t, posterior_coef_x0, posterior_coef_xt
PINNED_LINEAR = [
    (1, 0.9999, 0.0, 1.0000000000001101, 0.0),
    (2, 0.99978009207207208, 5.4531876613021935e-05, 0.54529149951029032, 0.45470849899053029),
    (11, 0.99780657250784599, 2.5846362040811438e-04, 0.1362778597700445, 0.86372206928699591),
    (101, 0.89514159089753653, 2.0545535299696651e-03, 0.01889545558554007, 0.98107610255282773),
    (501, 0.077796658365023891, 1.0051335778909593e-02, 0.0030580570756296192,
     0.99410435075672576),
    (1000, 4.0358297653756761e-05, 1.9999983526560610e-02, 1.2835148717224682e-04,
     0.98994867826751731),
]
PINNED_COSINE = [
    (1, 0.99995871577517803, 0.0, 1.0, 0.0),
    (2, 0.99991257592736782, 2.1789496145691819e-05, 0.52778140933448714, 0.47221859042675934),
    (11, 0.99927890377334272, 7.8677623369986712e-05, 0.12459223552239282, 0.8754077573833563),
    (101, 0.9715756818078386, 5.2222359271977185e-04, 0.018449860804928837, 0.98154825686371128),
    (501, 0.49228517244880304, 3.1460051254634824e-03, 0.0043678668995263291,
     0.99535627945522509),
    (1000, 2.4287669070348567e-09, 0.99899757608819206, 0.0015568917154901703,
     0.031622699874134651),
]


def _rel(a: float, b: float) -> float:
    return 0.0 if a == b else abs(a - b) / max(abs(b), 1e-300)


@pytest.mark.parametrize("sched,rows", [
    (Schedule.linear(1000), PINNED_LINEAR), (Schedule.cosine(1000), PINNED_COSINE)])
def test_pinned_tables(sched, rows):
    for t, ab, bt, c0, cx in rows:
        assert _rel(float(sched.alpha_bars[t]), ab) <= 1e-12, t
        assert _rel(float(sched.beta_tildes[t]), bt) <= 1e-12, t
        assert _rel(float(sched.posterior_coef_x0[t]), c0) <= 1e-12, t
        assert _rel(float(sched.posterior_coef_xt[t]), cx) <= 1e-12, t


def test_pinned_issue_values_exact():
    s = Schedule.linear(1000, 1e-4, 0.02)
    assert float(s.alpha_bars[1000]) == 4.0358297653756761e-05
    assert float(s.alpha_bars[501]) == 0.077796658365023891
    assert float(s.beta_tildes[501]) == 0.010051335778909593


def test_snr_pinned_and_decreasing():
    s = Schedule.linear(1000)
    assert _rel(float(s.snr[1]), 9999.0) < 1e-9
    assert _rel(float(s.snr[1000]), 4.0360e-05) < 1e-4
    assert math.isinf(float(s.snr[0]))
    assert bool((s.snr[1:].diff() < 0).all())


def _independent_tables(betas: list[float]) -> dict[str, list[float]]:
    """The closed forms of FORMULAS.md §d, in plain Python floats, independent of the engine."""
    ab, prev = [1.0], 1.0
    for b in betas:
        prev = prev * (1.0 - b)
        ab.append(prev)
    out = {"beta_tildes": [0.0], "posterior_coef_x0": [0.0], "posterior_coef_xt": [0.0],
           "snr": [math.inf]}
    for t in range(1, len(betas) + 1):
        b = betas[t - 1]
        out["beta_tildes"].append((1 - ab[t - 1]) / (1 - ab[t]) * b)
        out["posterior_coef_x0"].append(math.sqrt(ab[t - 1]) * b / (1 - ab[t]))
        out["posterior_coef_xt"].append(math.sqrt(1 - b) * (1 - ab[t - 1]) / (1 - ab[t]))
        out["snr"].append(ab[t] / (1 - ab[t]))
    out["alpha_bars"] = ab
    return out


ALL_KINDS = [
    Schedule.linear(1000), Schedule.linear(100, 1e-4, 0.02, scale_to_T=True),
    Schedule.cosine(1000), Schedule.cosine(10), Schedule.quadratic(1000),
    Schedule.sigmoid(1000), Schedule.linear(7, 0.3, 0.01),
]


@pytest.mark.parametrize("sched", ALL_KINDS, ids=repr)
def test_tables_match_closed_forms_every_t(sched):
    betas = sched.betas[1:].tolist()
    ref = _independent_tables(betas)
    for name, values in ref.items():
        table = getattr(sched, name).tolist()
        assert len(table) == sched.T + 1
        worst = max(_rel(a, b) for a, b in zip(table, values))
        assert worst <= 1e-12, (name, worst)
    assert sched.alphas.tolist() == [1.0 - b for b in [0.0] + betas]


def test_schedule_formulas():
    T = 1000
    t = np.arange(1, T + 1)
    lin = Schedule.linear(T, 1e-4, 0.02).betas[1:].numpy()
    np.testing.assert_allclose(lin, 1e-4 + (t - 1) / (T - 1) * (0.02 - 1e-4), rtol=1e-12)
    quad = Schedule.quadratic(T).betas[1:].numpy()
    ramp = (t - 1) / (T - 1)
    np.testing.assert_allclose(quad, (1e-2 + ramp * (math.sqrt(0.02) - 1e-2)) ** 2, rtol=1e-12)
    sig = Schedule.sigmoid(T).betas[1:].numpy()
    assert abs(sig[0] - 1.492e-4) < 1e-7 and abs(sig[-1] - 1.995e-2) < 1e-5  # FORMULAS §g4
    cos = Schedule.cosine(T)
    f = lambda u: math.cos((u / T + 0.008) / 1.008 * math.pi / 2) ** 2  # noqa: E731
    for tt in (1, 2, 500, 999):
        assert _rel(float(cos.alpha_bars[tt]), f(tt) / f(0)) < 1e-12
    # only β_T is capped at T = 1000: ᾱ_T = 0.001·ᾱ_{T-1}
    assert float(cos.betas[T]) == 0.999 and float(cos.betas[T - 1]) < 0.999
    assert _rel(float(cos.alpha_bars[T]), 0.001 * float(cos.alpha_bars[T - 1])) < 1e-12


def test_scale_to_T():
    s = Schedule.linear(100, 1e-4, 0.02, scale_to_T=True)
    assert _rel(float(s.betas[1]), 1e-3) < 1e-12 and _rel(float(s.betas[100]), 0.2) < 1e-12
    # unscaled T = 50: ᾱ_T ≈ 0.60 (x_T is far from N(0, I)); scaled: tiny
    assert 0.55 < float(Schedule.linear(50).alpha_bars[50]) < 0.65
    assert float(Schedule.linear(50, scale_to_T=True).alpha_bars[50]) < 1e-3
    with pytest.raises(ValueError, match="beta_T"):
        Schedule.linear(20, scale_to_T=True)  # β_T·1000/20 = 1


def test_entry_zero_and_t1():
    for s in ALL_KINDS:
        assert float(s.betas[0]) == 0.0 and float(s.alphas[0]) == 1.0
        assert float(s.alpha_bars[0]) == 1.0 and float(s.beta_tildes[0]) == 0.0
        assert float(s.beta_tildes[1]) == 0.0 and float(s.posterior_coef_xt[1]) == 0.0
        assert _rel(float(s.posterior_coef_x0[1]), 1.0) < 1e-12


def test_T_equals_1_and_config_roundtrip():
    s = Schedule.linear(1, 0.3, 0.999)
    assert s.T == 1 and float(s.betas[1]) == 0.3  # np.linspace convention
    for sched in ALL_KINDS + [Schedule.from_betas([0.1, 0.2, 0.3])]:
        again = Schedule.from_config(sched.config())
        assert torch.equal(again.alpha_bars, sched.alpha_bars)
        assert again.T == sched.T
    assert make_schedule("cosine", 10).kind == "cosine"


@pytest.mark.parametrize("call,word", [
    (lambda: Schedule.linear(0), "T"),
    (lambda: Schedule.linear(2.5), "T"),
    (lambda: Schedule.linear(True), "T"),
    (lambda: Schedule.linear(10, beta_1=0.0), "beta_1"),
    (lambda: Schedule.linear(10, beta_T=1.0), "beta_T"),
    (lambda: Schedule.linear(10, beta_T=float("nan")), "beta_T"),
    (lambda: Schedule.cosine(10, s=-1), "s"),
    (lambda: Schedule.cosine(10, max_beta=1.5), "max_beta"),
    (lambda: Schedule.from_betas([0.1, 1.0]), "betas"),
    (lambda: Schedule.from_betas([[0.1]]), "betas"),
    (lambda: Schedule.from_betas([]), "betas"),
    (lambda: Schedule.from_betas([0.1, float("inf")]), "betas"),
    (lambda: make_schedule("exponential", 10), "kind"),
    (lambda: Schedule.from_config({"kind": "weird"}), "kind"),
    (lambda: Schedule.from_config({"kind": "linear", "T": 10, "bogus": 1}), "invalid"),
    (lambda: Schedule.linear(10).reverse_variance("huge"), "sigma"),
    (lambda: Schedule.linear(10).check_t(11), "t"),
    (lambda: Schedule.linear(10).check_t(-1), "t"),
])
def test_bad_input_raises_value_error(call, word):
    with pytest.raises(ValueError, match=word):
        call()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(1e-6, 0.999, allow_nan=False), min_size=1, max_size=60))
def test_properties_random_betas(betas):
    s = Schedule.from_betas(betas)
    ab = s.alpha_bars[1:]
    assert bool(((ab > 0) & (ab < 1)).all())
    assert bool((s.alpha_bars.diff() < 0).all())  # strictly decreasing from ᾱ_0 = 1
    assert bool((s.beta_tildes >= 0).all())
    assert bool((s.beta_tildes <= s.betas * (1 + 1e-12)).all())
