"""ddpm_core.symbolic: SymPy derivations = FORMULAS.md closed forms = engine tables."""

import dataclasses
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from ddpm_core import symbolic
from ddpm_core.schedule import Schedule

ROOT = Path(__file__).resolve().parents[1]
NAMES = ["forward", "posterior", "mu_eps", "kl_eps"]
TOL = 1e-7  # near t = 1, 1 - α_t ᾱ_{t-1} cancels in float64 (STYLE.md); 1e-12 is too tight

# Closed forms typed from FORMULAS.md §c-§e, in the paper's symbols.
a, ap = symbolic.alpha_t, symbolic.alpha_bar_prev
beta, abar = 1 - a, a * ap  # β_t = 1 - α_t, ᾱ_t = α_t ᾱ_{t-1}
sigma2 = sp.Symbol("s2", positive=True)
CLOSED = {
    ("forward", "mean_coef"): sp.sqrt(abar),
    ("forward", "variance"): 1 - abar,
    ("posterior", "beta_tilde"): (1 - ap) / (1 - abar) * beta,  # Ho Eq. (7)
    ("posterior", "coef_x0"): sp.sqrt(ap) * beta / (1 - abar),
    ("posterior", "coef_xt"): sp.sqrt(a) * (1 - ap) / (1 - abar),
    ("mu_eps", "coef_xt"): 1 / sp.sqrt(a),  # Ho Eq. (10)
    ("mu_eps", "coef_eps"): -beta / (sp.sqrt(a) * sp.sqrt(1 - abar)),
    ("kl_eps", "lambda_beta_tilde"): beta / (2 * a * (1 - ap)),  # Ho Eq. (12), σ² = β̃
    ("kl_eps", "lambda_beta"): beta / (2 * a * (1 - abar)),  # σ² = β
}


def _schedules(T):
    return [Schedule.linear(T), Schedule.cosine(T)]


@pytest.fixture(scope="module")
def ders():
    return symbolic.derivations()


# ------------------------------------------------------------------ structure
def test_order_and_cache(ders):
    assert list(ders) == NAMES
    assert symbolic.derivations() is ders


def test_steps_well_formed(ders):
    keys = []
    for name, d in ders.items():
        assert d.name == name and d.title and d.steps and d.result
        assert set(d.result) == set(d.t_from) == set(d.engine)
        for s in d.steps:
            assert isinstance(s, symbolic.Step)
            assert s.key.startswith(name + ".") and s.latex.strip() and s.reason.strip()
            assert isinstance(sp.latex(s.expr), str) and sp.latex(s.expr)
            keys.append(s.key)
        with pytest.raises(dataclasses.FrozenInstanceError):
            d.steps[0].key = "x"
    assert len(keys) == len(set(keys))


def test_results_use_independent_symbols_only(ders):
    for d in ders.values():
        for expr in d.result.values():
            assert expr.free_symbols <= {a, ap}


def test_display_uses_paper_symbols(ders):
    last = {name: d.steps[-1].latex for name, d in ders.items()}
    assert r"\sqrt{\bar\alpha_{t}}" in last["forward"]
    assert r"\sqrt{1 - \bar\alpha_{t}}" in last["forward"]
    assert r"\beta_{t}" in last["kl_eps"] and r"\alpha_{t}" in last["kl_eps"]


# ------------------------------------------------------------------ exact identities
@pytest.mark.parametrize(("name", "key"), list(CLOSED))
def test_result_equals_closed_form(ders, name, key):
    assert sp.simplify(ders[name].result[key] - CLOSED[name, key]) == 0


def test_closed_form_check_can_fail(ders):
    wrong = beta / (2 * a * (1 - abar))  # the σ² = β weight, not the σ² = β̃ one
    assert sp.simplify(ders["kl_eps"].result["lambda_beta_tilde"] - wrong) != 0


def test_general_lambda_and_kl_constant(ders):
    steps = {s.key: s.expr for s in ders["kl_eps"].steps}
    lam = symbolic.independent(steps["kl_eps.lambda"]).subs(symbolic.sigma2_t, sigma2)
    assert sp.simplify(lam - beta**2 / (2 * sigma2 * a * (1 - abar))) == 0
    r = next(iter(steps["kl_eps.constant"].free_symbols))
    assert sp.simplify(steps["kl_eps.constant"] - (r - 1 - sp.log(r)) / 2) == 0
    assert steps["kl_eps.constant"].subs(r, 1) == 0


def test_posterior_at_t1_is_the_point_x0(ders):
    """ᾱ_0 = 1: β̃_1 = 0, c^0_1 = 1, c^x_1 = 0, as the engine stores them (FORMULAS.md §d)."""
    r = ders["posterior"].result
    assert r["beta_tilde"].subs(ap, 1) == 0
    assert r["coef_x0"].subs(ap, 1) == 1
    assert r["coef_xt"].subs(ap, 1) == 0
    sched = Schedule.linear(1000)
    assert float(sched.beta_tildes[1]) == 0.0 and float(sched.posterior_coef_xt[1]) == 0.0
    assert float(sched.posterior_coef_x0[1]) == pytest.approx(1.0, rel=1e-12)


# ------------------------------------------------------------------ numeric checks
@pytest.mark.parametrize("T", [10, 100, 1000])
@pytest.mark.parametrize("kind", ["linear", "cosine"])
def test_check_against_engine(ders, kind, T):
    sched = getattr(Schedule, kind)(T)
    for name, d in ders.items():
        assert d.check(sched) <= TOL, name
        for key, (t, derived, engine) in d.evaluate(sched).items():
            assert t.dtype == np.int64 and t[0] == d.t_from[key] and t[-1] == T
            assert derived.shape == engine.shape == t.shape
            assert derived.dtype == engine.dtype == np.float64
    assert symbolic.check_all(sched) == {n: d.check(sched) for n, d in ders.items()}


def test_t_ranges(ders):
    ev = {n: d.evaluate(Schedule.linear(50)) for n, d in ders.items()}
    assert ev["forward"]["variance"].t.tolist() == list(range(1, 51))
    assert ev["posterior"]["beta_tilde"].t.tolist() == list(range(2, 51))
    assert ev["kl_eps"]["lambda_beta_tilde"].t[0] == 2
    assert ev["kl_eps"]["lambda_beta"].t[0] == 1
    assert ev["mu_eps"]["coef_eps"].t[0] == 1


@pytest.mark.parametrize("sched", _schedules(1), ids=["linear", "cosine"])
def test_T1_does_not_crash(ders, sched):
    ev = {n: d.evaluate(sched) for n, d in ders.items()}
    for key in ("beta_tilde", "coef_x0", "coef_xt"):
        assert ev["posterior"][key].t.size == ev["posterior"][key].derived.size == 0
    assert ev["kl_eps"]["lambda_beta_tilde"].derived.size == 0
    assert ev["kl_eps"]["lambda_beta"].derived.size == 1
    assert ders["posterior"].check(sched) == 0.0
    assert all(v <= TOL for v in symbolic.check_all(sched).values())


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(1e-6, 0.99), min_size=1, max_size=60))
def test_random_betas(betas):
    sched = Schedule.from_betas(betas)
    for name, err in symbolic.check_all(sched).items():
        assert err <= TOL, (name, err)


# ------------------------------------------------------------------ the check can fail
def _perturbed(sched, table, t, rel=1e-3):
    x = getattr(sched, table).clone()
    x[t] *= 1 + rel
    return dataclasses.replace(sched, **{table: x})


@pytest.mark.parametrize(
    ("name", "table"),
    [("forward", "alpha_bars"), ("posterior", "beta_tildes"), ("posterior", "posterior_coef_x0"),
     ("posterior", "posterior_coef_xt"), ("mu_eps", "betas"), ("kl_eps", "betas")],
)
def test_wrong_table_is_caught(ders, name, table):
    sched = Schedule.linear(100)
    assert ders[name].check(sched) <= TOL
    assert ders[name].check(_perturbed(sched, table, 37)) > 1e-4


def test_nan_table_is_caught(ders):
    sched = Schedule.cosine(20)
    bad = sched.beta_tildes.clone()
    bad[5] = torch.nan
    assert ders["posterior"].check(dataclasses.replace(sched, beta_tildes=bad)) == np.inf


# ------------------------------------------------------------------ import hygiene
@pytest.mark.skipif(not (ROOT / "ddpm_core" / "__init__.py").exists(),
                    reason="ddpm_core/__init__.py not written yet")
def test_import_ddpm_core_does_not_load_sympy():
    out = subprocess.run(
        [sys.executable, "-c", "import sys, ddpm_core; print('sympy' in sys.modules)"],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=300,
    )
    assert out.stdout.strip() == "False"


def test_forward_check_reads_the_alphas_not_the_alpha_bar_table(ders):
    """The forward derivation runs its own induction from the α's: an ᾱ table off by a constant
    factor everywhere (consistent with ᾱ_t = α_t ᾱ_{t-1}, so a check that fed the table's
    ᾱ_{t-1} into the formula would pass) is caught."""
    sched = Schedule.linear(100)
    scaled = dataclasses.replace(sched, alpha_bars=sched.alpha_bars * (1 + 1e-3))
    assert ders["forward"].check(sched) <= TOL
    assert ders["forward"].check(scaled) > 1e-4


def test_mu_eps_engine_side_is_posterior_mean_from_eps(ders):
    """The "engine" column of the μ̃-in-ε check is the engine function itself, evaluated here
    at (x_t, ε) = (1, 0) and (0, 1) and at a random point (μ is linear in both)."""
    from ddpm_core import posterior_mean_from_eps

    sched = Schedule.cosine(50)
    ev = ders["mu_eps"].evaluate(sched)
    g = torch.Generator().manual_seed(0)
    x = torch.randn(50, 1, generator=g, dtype=torch.float64)
    e = torch.randn(50, 1, generator=g, dtype=torch.float64)
    t = torch.arange(1, 51)
    mu = posterior_mean_from_eps(sched, x, t, e)[:, 0].numpy()
    np.testing.assert_allclose(ev["coef_xt"].engine * x[:, 0].numpy()
                               + ev["coef_eps"].engine * e[:, 0].numpy(), mu, rtol=1e-12)
