"""Page 'The optimal reverse variance' (Analytic-DPM): both languages; the SymPy rows and the
engine's two extremes; the live check of Γ_t (Monte Carlo against quadrature) re-done here with
an ε* from autograd of a density written in this file; σ*² within its bounds, the bounds
recomputed from β alone; the ELBO above the data's entropy; T = 1 explained."""

from __future__ import annotations

import base64
import json
import math

import numpy as np
import pytest
import torch
from apptest_util import chart_specs, open_page, text

PAGE = "views/variance.py"
CHECK_K, CHECK_ABS, GAMMA_N = 4.0, 1e-6, 2000  # what the page states


@pytest.fixture(scope="module", params=["en", "zh"])
def page(request):
    return request.param, open_page(PAGE, request.param, timeout=600)


def _arr(v) -> np.ndarray:
    """A plotly trace array: a list, or plotly.js's typed-array spec (base64)."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"]))
    return np.asarray(v, dtype=float)


def _figures(at) -> list[dict]:
    out = []
    for c in chart_specs(at):
        d = json.loads(c) if isinstance(c, str) else c
        out.append(d.get("spec", d) if isinstance(d, dict) else d)
    return out


def _figure_with(at, needle: str) -> dict:
    hits = [f for f in _figures(at)
            if needle in json.dumps(f.get("layout", {}).get("title", ""), ensure_ascii=False)]
    assert len(hits) == 1, needle
    return hits[0]


# ------------------------------------------------------------------ independent pieces
def _alpha_bars(T=1000, b1=1e-4, bT=0.02) -> tuple[np.ndarray, np.ndarray]:
    """β_1..β_T of the linear schedule and ᾱ_0..ᾱ_T, by numpy, here (not the engine)."""
    betas = np.concatenate([[0.0], np.linspace(b1, bT, T)])
    return betas, np.cumprod(1 - betas)


def _mixture_params():
    """The app's 8 Gaussians (ddpm_core.data: 8 modes on a circle, overall variance 1 per axis),
    written out again here."""
    s = 0.12
    r = math.sqrt(2 * (1 - s**2))
    ang = np.arange(8) * 2 * np.pi / 8
    return np.stack([r * np.cos(ang), r * np.sin(ang)], 1), s**2


def _log_q_t(x: torch.Tensor, ab: float) -> torch.Tensor:
    """log q_t(x) of the 8 Gaussians: each mode N(√ᾱ μ_k, (ᾱ s² + 1 − ᾱ) I), weight 1/8."""
    means, s2 = _mixture_params()
    v = ab * s2 + 1 - ab
    m = torch.tensor(means, dtype=torch.float64) * ab**0.5
    d2 = ((x[:, None, :] - m[None]) ** 2).sum(-1)
    return torch.logsumexp(-d2 / (2 * v), 1) - math.log(8 * 2 * math.pi * v)


def _gamma_by_autograd(ab: float, m: int = 401, half: float = 8.0) -> tuple[float, float]:
    """Γ_t = ∫ q_t ‖ε*‖²/2 with ε* = −√(1−ᾱ) ∇ log q_t by autograd, on a grid (Simpson-free
    plain Riemann sum on a wider, coarser grid than the page's), and Var(‖ε*‖²/2)."""
    ax = torch.linspace(-half, half, m, dtype=torch.float64)
    x = torch.cartesian_prod(ax, ax).requires_grad_(True)
    lq = _log_q_t(x, ab)
    (grad,) = torch.autograd.grad(lq.sum(), x)
    f = ((1 - ab) * (grad**2).sum(1) / 2).detach()
    w = lq.detach().exp()
    w = w / w.sum()
    mean = float((w * f).sum())
    return mean, float((w * f**2).sum()) - mean**2


# ------------------------------------------------------------------ tests
def test_renders_with_both_checks_passing(page):
    lang, at = page
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert len(at.success) >= 2  # the extremes check and the Γ_t check
    sympy_rows = [m.value for m in at.markdown if "SymPy" in m.value and ("✓" in m.value
                                                                          or "✗" in m.value)]
    assert len(sympy_rows) == 4 and all("✓" in r for r in sympy_rows), sympy_rows
    title = {"en": "The optimal reverse variance", "zh": "最优反向方差"}[lang]
    assert at.header[0].value == title


def test_gamma_check_against_autograd_quadrature(page):
    """The page's quadrature row equals Γ_t from this file's own ε* (autograd of a density
    written here) to 1e-5, and its Monte-Carlo row lies within 4 SE + 1e-6 of it."""
    _, at = page
    df = at.dataframe[0].value
    cols = list(df.columns)
    ts = [int(c.split("=")[1]) for c in cols]
    assert ts == sorted({1, 10, 100, 500, 1000})
    _, ab = _alpha_bars()
    for c, t in zip(cols, ts):
        mc, quad, diff, se, tol = (float(v) for v in df[c])
        want, var = _gamma_by_autograd(float(ab[t]))
        assert quad == pytest.approx(want, abs=1e-5), (t, quad, want)
        assert se == pytest.approx(math.sqrt(var / GAMMA_N), rel=1e-3)
        assert abs(mc - want) <= CHECK_K * se + CHECK_ABS + 1e-5, (t, mc, want, se)
        assert tol == pytest.approx(CHECK_K * se + CHECK_ABS)


def test_sigma_star_lies_between_the_bounds(page):
    """The ratio figure: β̃_t/β_t and 1/α_t recomputed from β alone; σ*²/β_t between them; the
    β line at 1."""
    _, at = page
    fig = _figure_with(at, "β_t")
    traces = fig["data"]
    assert len(traces) == 4
    upper, one, star, lower = (_arr(tr["y"]) for tr in traces)
    ts = _arr(traces[0]["x"]).astype(int)
    betas, ab = _alpha_bars()
    want_lower = (1 - ab[ts - 1]) / (1 - ab[ts])  # β̃_t/β_t, Ho et al. 2020, Eq. (7)
    want_upper = 1 / (1 - betas[ts])  # 1/α_t
    np.testing.assert_allclose(lower, want_lower, rtol=1e-9)
    np.testing.assert_allclose(upper, want_upper, rtol=1e-9)
    np.testing.assert_allclose(one, 1.0)
    assert np.all(star >= want_lower * (1 - 1e-12)) and np.all(star <= want_upper * (1 + 1e-12))
    # 8 Gaussians of variance 1 per axis: at t = T, x_0 is as uncertain as for N(0, I) data
    # (Cov(x_0|x_T) ≈ Var(x_0) = I), so σ*²_T ≈ β_T
    assert ts[-1] == 1000 and star[-1] == pytest.approx(1.0, abs=0.02)


def test_elbo_sweep_lies_above_the_entropy(page):
    """Every −ELBO/d point of the payoff lies above the data's entropy (in expectation), which
    this file estimates by its own density: 4 SE of both."""
    _, at = page
    figs = [f for f in _figures(at) if len(f.get("data", [])) >= 9]
    assert len(figs) == 1
    data = figs[0]["data"]
    entropy = [tr for tr in data if tr.get("xaxis", "x") in ("x", "x1") and
               tr["line"].get("color") == "black"]
    assert len(entropy) == 1
    h_page = float(_arr(entropy[0]["y"])[0])
    g = torch.Generator().manual_seed(5)
    means, s2 = _mixture_params()
    k = torch.randint(0, 8, (200_000,), generator=g)
    x = torch.tensor(means)[k] + s2**0.5 * torch.randn(200_000, 2, generator=g,
                                                       dtype=torch.float64)
    h = -_log_q_t(x, 1.0) / 2
    h_mean, h_se = float(h.mean()), float(h.std()) / math.sqrt(len(h))
    assert abs(h_page - h_mean) <= 4 * (h_se + 0.03)  # the page's 500 draws: SE about 0.03
    for tr in data:
        if tr.get("error_y"):
            y, se = _arr(tr["y"]), _arr(tr["error_y"]["array"]) / 2
            assert np.all(y >= h_mean - 4 * (se + h_se + 0.03)), (tr["name"], y)


@pytest.mark.parametrize("T", [1, 2])
def test_tiny_T_is_explained_without_a_traceback(T):
    at = open_page(PAGE, "zh", T=T, kind="sigmoid", timeout=600)
    assert not at.exception
    assert not at.error
    notes = " ".join(i.value for i in at.info) + " ".join(c.value for c in at.caption)
    assert f"T = {T}" in notes


def test_trained_model_payoff_imperfect_mean_beats_plain_analytic(page):
    """With the pretrained model, the imperfect-mean variance minimises each step's expected KL
    for that mean, so its −ELBO is at most the plain Analytic-DPM one (same x_t draws; 0.02 nats
    for the Monte-Carlo loss it is built from) at every S; and both lie at or below β̃'s."""
    lang, at = page
    at.radio[-1].set_value("ε_θ").run()
    assert not at.exception and not at.error
    fig = [f for f in _figures(at) if len(f.get("data", [])) >= 9][0]
    nll = {tr["name"]: _arr(tr["y"]) for tr in fig["data"] if tr.get("error_y")}
    names = {text(f"var.kind.{k}", lang) for k in ("beta", "beta_tilde", "analytic", "imperfect")}
    assert set(nll) == names
    imp, ana, bt = (nll[text(f"var.kind.{k}", lang)] for k in ("imperfect", "analytic",
                                                                 "beta_tilde"))
    assert np.all(imp <= ana + 0.02) and np.all(imp <= bt + 0.02), nll
    at.radio[-1].set_value("ε*").run()
    assert not at.exception


def test_underflowing_alpha_bar_is_explained():
    """β from 0.1 to 0.999 over 1000 steps: ᾱ_t underflows to 0 in float64 and σ*² (which divides
    by ᾱ_{t−1}) is undefined; the page says so and keeps the trained model's parts."""
    at = open_page(PAGE, "en", timeout=600, query={"beta_1": "0.1", "beta_T": "0.999"})
    assert not at.exception and not at.error
    assert any("underflows to 0" in w.value for w in at.warning)
