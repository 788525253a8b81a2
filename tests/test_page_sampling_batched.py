"""`ddpm_core.sample_sigmas`, the sampling page's batched run of section 2's three σ chains:
against separate `ddpm_core.sample` calls (bit-for-bit for the exact ε* of a mixture, whose
rows do not interact; to float32 rounding for a network), its row slices, its callback, and its
bad arguments. Engine only (no page): fast.
"""

from __future__ import annotations

import pytest
import torch

import ddpm_core

SIGMAS = ("beta", "beta_tilde", "zero")


def _oracle(T: int = 40):
    sched = ddpm_core.Schedule.linear(T, 1e-3, 0.2)
    return ddpm_core.OracleEps(ddpm_core.mixture("8gaussians"), sched), sched


def _separate(model, sched, n: int, seed: int, sigmas=SIGMAS) -> torch.Tensor:
    return torch.stack([ddpm_core.sample(model, sched, n, sigma=sg,
                                         generator=torch.Generator().manual_seed(seed))
                        for sg in sigmas])


def test_oracle_bit_for_bit():
    """The exact ε* treats every row alone, so one batched chain of 3n rows must give exactly
    the three separate chains (same x_T, same z_t at every step, per-row σ_t)."""
    model, sched = _oracle()
    got = ddpm_core.sample_sigmas(model, sched, 30, generator=torch.Generator().manual_seed(7))
    want = _separate(model, sched, 30, 7)
    assert got.shape == (3, 30, 2)
    assert torch.equal(got, want)
    # the σ choice matters here: a chain given another row's σ could not pass the check above
    assert (want[0] - want[1]).abs().max() > 1e-2 and (want[1] - want[2]).abs().max() > 1e-2


def test_network_float32_rounding():
    """A network on 3n rows (and its time rows computed for every t up front) rounds otherwise
    than on n rows: equal to float32 rounding, grown over T steps. Tolerance 1e-5 relative (the
    untrained network drives the samples far out; observed ~1e-6); the σ's differ by far more."""
    torch.manual_seed(0)
    model = ddpm_core.MLP2D(width=32, depth=2).eval().requires_grad_(False)
    sched = ddpm_core.Schedule.cosine(60)
    table = sched.betas * 0.5  # a table of variances is a σ choice too
    sigmas = ("beta_tilde", table, "zero", "beta")
    got = ddpm_core.sample_sigmas(model, sched, 50, sigmas,
                                  generator=torch.Generator().manual_seed(3))
    want = _separate(model, sched, 50, 3, sigmas)
    torch.testing.assert_close(got, want, rtol=1e-5, atol=1e-5)
    for a in range(4):
        for b in range(a + 1, 4):
            assert (want[a] - want[b]).abs().max() > 1e-2, (a, b)


def test_rows_and_x_T():
    """Row slices draw every random number of the whole run: together they are the run."""
    model, sched = _oracle(25)
    full = ddpm_core.sample_sigmas(model, sched, 21, generator=torch.Generator().manual_seed(5))
    parts = [ddpm_core.sample_sigmas(model, sched, 21, generator=torch.Generator().manual_seed(5),
                                     rows=r) for r in ((0, 8), (8, 20), (20, 21))]
    assert [p.shape[1] for p in parts] == [8, 12, 1]
    assert torch.equal(torch.cat(parts, dim=1), full)
    x_T = torch.randn(21, 2, generator=torch.Generator().manual_seed(9))
    g = torch.Generator().manual_seed(11)
    got = ddpm_core.sample_sigmas(model, sched, 21, ("beta",), generator=g, x_T=x_T)
    want = ddpm_core.sample(model, sched, 21, sigma="beta", x_T=x_T,
                            generator=torch.Generator().manual_seed(11))
    assert torch.equal(got[0], want)


def test_callback_steps():
    """The callback sees t = T..1, the state before and after each step, and the z it used
    (the draws of a generator replayed here: x_T first, then one z per step)."""
    model, sched = _oracle(12)
    seen = []
    out = ddpm_core.sample_sigmas(model, sched, 6, generator=torch.Generator().manual_seed(2),
                                  callback=seen.append)
    assert [i["t"] for i in seen] == list(range(12, 0, -1))
    assert [i["t_prev"] for i in seen] == list(range(11, -1, -1))
    replay = torch.Generator().manual_seed(2)
    x_T = torch.randn(6, 2, generator=replay)
    for j in range(3):
        assert torch.equal(seen[0]["x_t"][j], x_T)
    for a, b in zip(seen, seen[1:]):
        assert torch.equal(a["x_prev"], b["x_t"])
        assert torch.equal(a["noise"], torch.randn(6, 2, generator=replay))
    assert torch.equal(seen[-1]["x_prev"], out)
    i = seen[3]  # x̂_0 = (x_t - √(1-ᾱ_t) ε)/√ᾱ_t, Ho Eq. (15)
    ab = float(sched.alpha_bars[i["t"]])
    want = (i["x_t"].double() - (1 - ab) ** 0.5 * i["eps_pred"].double()) / ab ** 0.5
    torch.testing.assert_close(i["x0_pred"].double(), want, rtol=1e-5, atol=1e-5)
    # Alg. 2 with this step's z and each chain's σ_t, written out here
    t = i["t"]
    beta, alpha = float(sched.betas[t]), float(sched.alphas[t])
    var = {"beta": beta, "beta_tilde": float(sched.beta_tildes[t]), "zero": 0.0}
    for j, sg in enumerate(SIGMAS):
        mean = (i["x_t"][j].double() - beta / (1 - ab) ** 0.5 * i["eps_pred"][j].double()) \
            / alpha ** 0.5
        torch.testing.assert_close(i["x_prev"][j].double(),
                                   mean + var[sg] ** 0.5 * i["noise"].double(),
                                   rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("kwargs, name", [
    ({"n": 0}, "n"),
    ({"sigmas": "beta"}, "sigmas"),
    ({"sigmas": ()}, "sigmas"),
    ({"sigmas": ("beta", "bogus")}, "sigmas"),
    ({"rows": (4, 2)}, "rows"),
    ({"rows": (0, 11)}, "rows"),
    ({"x_T": torch.zeros(3, 2)}, "x_T"),
])
def test_bad_arguments(kwargs, name):
    model, sched = _oracle(5)
    args = {"n": 10, **kwargs}
    n = args.pop("n")
    with pytest.raises(ValueError, match=name):
        ddpm_core.sample_sigmas(model, sched, n, **args)
