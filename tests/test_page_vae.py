"""'VAE vs diffusion' page: renders in both languages; its two live checks and the numbers it
shows are recomputed here by routes independent of the engine:

- the linear VAE's ELBO and KL to the posterior, by the 1-D formulas written out below;
- DDPM's ELBO, as E_q[log p_θ(x_{0:T}) − log q(x_{1:T}|x_0)] over the *joint* Gaussian of the
  forward chain (means and covariances of x_1..x_T given x_0), not as the engine's sum of
  per-step KLs; with σ_t² = β_t it must be log N(x_0; 0, 1);
- the schedule-dependent gap quoted for σ_t² = β̃_t, by the same joint route at x_0 = 1.
Degenerate schedules (T = 1, T = 2) and bad URL input render with a message, never a traceback.
"""

from __future__ import annotations

import json
import math
import re

import plotly.graph_objects as go
import pytest
from apptest_util import chart_specs, open_page, text
from streamlit.testing.v1 import AppTest

import ddpm_core

PAGE = "views/vae.py"


def _metric(at: AppTest, key: str, lang: str) -> float:
    vals = [m.value for m in at.metric if m.label == text(key, lang)]
    assert len(vals) == 1, [m.label for m in at.metric]
    return float(vals[0])


def _table(at: AppTest, lang: str, first_row_key: str):
    label = text(first_row_key, lang)
    tabs = [d.value for d in at.dataframe if len(d.value.index) and d.value.index[0] == label]
    assert len(tabs) == 1
    return tabs[0].iloc[:, 0].tolist()


def log_normal(x: float, var: float) -> float:
    return -0.5 * (math.log(2 * math.pi * var) + x * x / var)


def ddpm_elbo_joint(kind: str, T: int, x0: float, sigma: str) -> float:
    """−L for N(0, 1) data and p_θ(x_{t−1}|x_t) = N(√α_t x_t, σ_t²) by the expectation over the
    forward chain's joint Gaussian: E log p_θ(x_{0:T}) − E log q(x_{1:T}|x_0)."""
    s = ddpm_core.make_schedule(kind, T)
    a = [float(v) for v in s.alphas]
    b = [float(v) for v in s.betas]
    ab = [float(v) for v in s.alpha_bars]
    mean = [math.sqrt(ab[k]) * x0 for k in range(T + 1)]  # E[x_k | x_0]
    var = [1 - ab[k] for k in range(T + 1)]  # Var[x_k | x_0] (0 at k = 0)
    # E log q: each factor's residual is exactly the step's noise, variance β_t
    e_log_q = sum(-0.5 * math.log(2 * math.pi * b[k]) - 0.5 for k in range(1, T + 1))
    e_log_p = -0.5 * (math.log(2 * math.pi) + var[T] + mean[T] ** 2)  # log N(x_T; 0, 1)
    for k in range(1, T + 1):
        s2 = b[k] if (sigma == "beta" or k == 1) else (1 - ab[k - 1]) / (1 - ab[k]) * b[k]
        # x_{k−1} − √α_k x_k: Cov(x_{k−1}, x_k) = √α_k Var x_{k−1}
        d_mean = mean[k - 1] - math.sqrt(a[k]) * mean[k]
        d_var = var[k - 1] + a[k] * var[k] - 2 * a[k] * var[k - 1]
        e_log_p += -0.5 * math.log(2 * math.pi * s2) - (d_var + d_mean**2) / (2 * s2)
    return e_log_p - e_log_q


def linear_vae_1d(x: float, w: float, m: float, s2: float) -> tuple[float, float, float]:
    """(ELBO, KL(q ‖ p(z|x)), log p(x)) of z ~ N(0,1), x|z ~ N(wz, 1 − w²), q = N(m, s2)."""
    sx2 = 1 - w * w
    elbo = (-0.5 * math.log(2 * math.pi * sx2) - ((x - w * m) ** 2 + w * w * s2) / (2 * sx2)
            - 0.5 * (m * m + s2 - 1 - math.log(s2)))
    pm, pv = w * x / (w * w + sx2), sx2 / (w * w + sx2)
    kl = 0.5 * (math.log(pv / s2) + (s2 + (m - pm) ** 2) / pv - 1)
    return elbo, kl, log_normal(x, w * w + sx2)


def _equation_sides(at: AppTest, head: str) -> tuple[float, float]:
    """The shown 'VAE: a − b = c' / 'DDPM: −(a + b + c) = d' line, both sides as numbers."""
    tex = [x.value.strip("$ \n") for x in at.latex if x.value.strip("$ \n").startswith(head)]
    assert len(tex) == 1, tex
    expr = tex[0].split(":", 1)[1].replace("\\ ", "").replace("\\big(", "(")
    expr = expr.replace("\\big)", ")")
    expr = re.sub(r"\s*\\times\s*10\^\{(-?\d+)\}", r"e\1", expr)
    # the braces that hold a pair of brackets whole on a phone (ui.latex.unbroken_brackets)
    expr = expr.replace("({", "(").replace("})", ")")
    lhs, rhs = expr.split("=")
    assert re.fullmatch(r"[-+0-9.e()]+", lhs.replace(" ", "")), lhs
    return eval(lhs), float(rhs)  # noqa: S307 - digits, signs and brackets only (checked)


def _assert_frame(at: AppTest, lang: str) -> None:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    line = f"**{text('nav.question', lang)}** {text('vae.question', lang)}"
    assert at.main.markdown[0].value == line
    assert at.main.page_link[-1].proto.page.endswith("autoreg")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_default_render_and_both_checks_against_independent_formulas(lang):
    at = open_page(PAGE, lang, timeout=300)
    _assert_frame(at, lang)
    x0 = 1.0  # the page's default
    # DDPM with σ² = β is exact: −L = log N(x0; 0, 1), by the joint route too
    want = ddpm_elbo_joint("linear", 1000, x0, "beta")
    assert abs(want - log_normal(x0, 1.0)) < 1e-9
    assert _metric(at, "vae.metric_ddpm", lang) == pytest.approx(want, abs=2e-6)
    assert _metric(at, "vae.metric_log_px", lang) == pytest.approx(log_normal(x0, 1), abs=2e-6)
    # the VAE at its posterior: ELBO = log p(x), KL = 0
    elbo, kl, lp = linear_vae_1d(x0, 0.8, 0.8 * x0, 1 - 0.64)
    rows = _table(at, lang, "vae.ck_elbo")
    assert rows == pytest.approx([elbo, kl, elbo + kl, lp], abs=1e-9)
    assert abs(kl) < 1e-12
    rows2 = _table(at, lang, "vae.ck_ddpm_elbo")
    assert rows2 == pytest.approx([want, log_normal(x0, 1), log_normal(x0, 1), 1.0], abs=1e-9)
    agree = text("vae.agree", lang)
    assert sum(agree in m.value for m in at.markdown) == 2
    # section 4: a sample comparison with its measured SWD sentence
    swd = [m.value for m in at.markdown if m.value.startswith(text("vae.swd", lang)[:12])]
    assert len(swd) == 1 and "nan" not in swd[0]
    specs = [json.loads(c) if isinstance(c, str) else c for c in chart_specs(at)]
    assert len(specs) == 4  # chain, terms, steps, samples
    for spec in specs:  # every figure is valid plotly (a misspelt property fails here)
        go.Figure({k: spec[k] for k in ("data", "layout", "frames") if k in spec})


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_off_posterior_q_and_beta_tilde_gap(lang):
    x0, w, m, s = -1.5, 0.6, 0.4, 0.3
    q = {"vae_x0": x0, "vae_w": w, "vae_m": m, "vae_s": s, "vae_qpost": "False"}
    at = open_page(PAGE, lang, T=10, kind="linear", timeout=300, query=q,
                   state={"vae_sigma": "beta_tilde"})
    _assert_frame(at, lang)
    elbo, kl, lp = linear_vae_1d(x0, w, m, s * s)
    rows = _table(at, lang, "vae.ck_elbo")
    assert rows == pytest.approx([elbo, kl, elbo + kl, lp], abs=1e-9)
    assert kl > 0.1  # q is off the posterior: a visible gap, equal to the KL
    for head, value in (("\\text{VAE}", elbo), ("\\text{DDPM}", None)):
        lhs, rhs = _equation_sides(at, head)  # the terms shown add up to the total shown
        assert lhs == pytest.approx(rhs, abs=1e-4)
        if value is not None:
            assert rhs == pytest.approx(value, abs=1e-4)
    want = ddpm_elbo_joint("linear", 10, x0, "beta_tilde")
    assert _metric(at, "vae.metric_ddpm", lang) == pytest.approx(want, abs=2e-6)
    # the quoted mean gap (bold, nats) is the joint route's gap at x0 = 1
    mean_gap = log_normal(1.0, 1.0) - ddpm_elbo_joint("linear", 10, 1.0, "beta_tilde")
    msg = [mm.value for mm in at.markdown if "**" in mm.value and "nat" in mm.value
           and text("vae.check2_tilde", lang)[:10] in mm.value]
    assert len(msg) == 1
    shown = float(re.search(r"\*\*([-0-9.]+) nat", msg[0]).group(1))
    assert shown == pytest.approx(mean_gap, rel=5e-3)
    assert mean_gap > 5  # T = 10, linear: ~10.7 nats, far above the sheet's 0.4-1.5 (T = 1000)


@pytest.mark.parametrize("kind,T", [("cosine", 1), ("sigmoid", 2), ("quadratic", 1000)])
def test_degenerate_and_other_schedules_render(kind, T):
    at = open_page(PAGE, "en", T=T, kind=kind, timeout=300, query={"vae_x0": 0.5},
                   state={"vae_sigma": "beta_tilde"})
    _assert_frame(at, "en")
    if T == 1:
        assert any(text("vae.t1_note", "en") == i.value for i in at.info)
        assert any(text("vae.t1_elbo", "en") == i.value for i in at.info)
        # T = 1: σ_1² = β_1 either way, so the bound is exact
        assert _metric(at, "vae.metric_ddpm", "en") == pytest.approx(log_normal(0.5, 1),
                                                                     abs=2e-6)
    want = ddpm_elbo_joint(kind, T, 0.5, "beta_tilde")
    assert _metric(at, "vae.metric_ddpm", "en") == pytest.approx(want, abs=2e-6)


def test_bad_url_input_is_a_message_not_a_traceback():
    at = open_page(PAGE, "zh", timeout=300,
                   query={"vae_data": "no_such_set", "vae_x0": "abc", "vae_w": "7"})
    assert not at.exception, at.exception
    warned = " ".join(w.value for w in at.warning)
    assert "vae_x0=abc" in warned and "vae_w=7" in warned
    assert at.slider(key="vae_x0").value == 1.0  # the default, not a traceback


def test_train_it_yourself_runner_returns_a_vae_from_safetensors():
    """The worker side of the page's VAETrainJob, run in-process: a short run on moons comes
    back as safetensors bytes that load into a GaussianVAE that samples."""
    import torch

    from ddpm_core.vae import load_vae_bytes
    from ui.training_job import _run_vae

    logged = []
    res = _run_vae({"dataset": "moons", "steps": 20, "seed": 3},
                   lambda step, loss: logged.append((step, loss)), lambda: False)
    vae, meta = load_vae_bytes(res["blob"])
    assert res["steps_done"] == 20 and not res["stopped"] and meta["dataset"] == "moons"
    assert logged and logged[-1][0] == 20 and all(math.isfinite(v) for _, v in logged)
    assert vae.sample(5, torch.Generator().manual_seed(0)).shape == (5, 2)
