"""Page 'From text to image' (views/t2i.py): renders in both languages; its live checks hold
and are asserted against computations made here, independently of the page and of the engine
(the digits redrawn and their covariance decomposed by numpy; the pixel-space CFG ε of the
lifted mixture by torch.distributions and autograd; the generated grid read back from the chart
and recognised here); the URL drives the page; an empty or unknown prompt gives a translated
message, never a traceback."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest
import torch
from apptest_util import chart_specs, open_page, plotly_array, tex_float, text

PAGE = "views/t2i.py"


def _md(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def _alerts(at, kind: str) -> list[str]:
    return [a.value for a in getattr(at, kind)]


def _open(lang: str = "en", **query):
    return open_page(PAGE, lang, timeout=240, query=query)




def _grid_images(at) -> np.ndarray:
    """The 16 generated digits, cut back out of the grid chart (8 per row, 1 px gaps), as
    (16, 1, 16, 16) in [-1, 1]."""
    specs = [json.loads(s) if isinstance(s, str) else s for s in chart_specs(at)]
    grids = [plotly_array(s["data"][0]["z"]) for s in specs
             if len(s["data"]) == 1 and "z" in s["data"][0]]
    g = next(z for z in grids if z.shape == (2 * 17 + 1, 8 * 17 + 1))
    imgs = [g[1 + r * 17:1 + r * 17 + 16, 1 + c * 17:1 + c * 17 + 16]
            for r in range(2) for c in range(8)]
    return np.stack(imgs)[:, None] * 2 - 1


def _lifted_cfg_eps(x: torch.Tensor, t: int, c: int, s: float) -> torch.Tensor:
    """ε̃ = −√(1−ᾱ)[∇log q_t(x) + s(∇log q_t(x|c) − ∇log q_t(x))] for the default pipeline's
    mixture drawn on the PCA plane, with q_t from torch.distributions (a route that shares no
    code with the engine's ε*_z or with the page's Cholesky solves)."""
    from ddpm_core.latent import default_pipeline

    pipe = default_pipeline()
    U, m, mix = pipe.pca.U, pipe.pca.mean, pipe.lm.mix
    ab = float(pipe.sched.alpha_bars[t])
    cov = ab * U @ mix.covs @ U.T + (1 - ab) * torch.eye(256, dtype=torch.float64)
    dist = torch.distributions.MultivariateNormal(math.sqrt(ab) * (m + mix.means @ U.T), cov)
    xx = x.clone().requires_grad_(True)
    lp = dist.log_prob(xx[:, None, :]) + mix.weights.log()  # (B, K)
    own = pipe.lm.labels == c
    log_all = torch.logsumexp(lp, 1)
    log_c = torch.logsumexp(lp[:, own], 1)
    g_all, = torch.autograd.grad(log_all.sum(), xx, retain_graph=True)
    g_c, = torch.autograd.grad(log_c.sum(), xx)
    return -math.sqrt(1 - ab) * (g_all + s * (g_c - g_all))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_renders_and_live_checks_hold(lang):
    at = _open(lang)
    assert not at.exception, at.exception
    assert at.header[0].value == text("t2i.title", lang)
    assert len(chart_specs(at)) >= 7  # trajectory, latent, image, grid, spectrum, recs, loss
    assert not _alerts(at, "error"), _alerts(at, "error")
    ok = [text(k, lang).split("{")[0] for k in ("t2i.traj.same_ok", "t2i.pca.ok", "t2i.p2.ok")]
    for head in ok:
        assert any(v.startswith(head) for v in _alerts(at, "success")), head
    # the [p2] table: both relative differences within the stated tolerance 1e-6
    p2 = at.dataframe[-1].value.to_numpy()
    assert (p2[:, 0] <= 1e-6).all(), p2
    # the PCA identities: U^T U = I, encode(decode(z)) = z, Cov(z) = diag(λ)
    assert (at.dataframe[1].value.to_numpy() < 1e-10).all()
    # the page says its schedule is its own (linear, T = 1000), whatever the sidebar says
    assert any("T = 1000" in v for v in _alerts(at, "info"))


def _digits_here() -> torch.Tensor:
    from ddpm_core.data import glyph_digits

    x, _ = glyph_digits(4000, 16, torch.Generator().manual_seed(0))
    return x


def test_pca_error_equals_dropped_eigenvalues_computed_here():
    """With d = 5 from the URL, the page's two numbers (engine's mean residual, Σ_{j>d} λ_j)
    both equal Σ_{j>5} λ_j of the covariance computed here."""
    at = _open("en", t2i_d=5)
    assert not at.exception, at.exception
    m = re.search(r"`reconstruct`: \$([^$]+)\$.*?`numpy\.linalg\.eigh` of the covariance: "
                  r"\$([^$]+)\$", _md(at), re.S)
    assert m, "PCA check line missing"
    resid, tail = tex_float(m.group(1)), tex_float(m.group(2))
    X = _digits_here().reshape(4000, -1).double().numpy()
    lam = np.linalg.svd(X - X.mean(0), compute_uv=False) ** 2 / X.shape[0]  # SVD, not eigh
    expect = lam[5:].sum()
    assert resid == pytest.approx(expect, rel=1e-8), (resid, expect)
    assert tail == pytest.approx(expect, rel=1e-8), (tail, expect)
    assert "With d = 5 the latent keeps" in _md(at)


def test_lifted_guidance_matches_an_independent_pixel_computation():
    """The identity the page checks, re-derived here: the engine's guided ε lifted from z
    equals the CFG ε of the lifted mixture computed in pixels by torch.distributions."""
    from ddpm_core.latent import LatentGuidedEps, default_pipeline, eps_x_from_latent

    pipe = default_pipeline()
    x = _digits_here()[:6].reshape(6, -1).double()
    g = torch.Generator().manual_seed(4)
    for t, c, s in ((10, 7, 3.0), (400, 2, 0.5), (1000, 3, 5.0)):
        ab = float(pipe.sched.alpha_bars[t])
        x_t = math.sqrt(ab) * x + math.sqrt(1 - ab) * torch.randn(x.shape, generator=g,
                                                                  dtype=torch.float64)
        eng = eps_x_from_latent(pipe.pca, LatentGuidedEps(pipe.lm, pipe.sched, c, s),
                                pipe.sched, x_t, t)
        ref = _lifted_cfg_eps(x_t, t, c, s)
        rel = float((eng - ref).abs().max() / ref.abs().max())
        assert rel < 1e-6, (t, c, s, rel)


@pytest.mark.parametrize("lang,prompt,c", [("en", "seven", 7), ("zh", "三", 3)])
def test_generated_digits_are_recognised(lang, prompt, c):
    """The grid read back from the chart: most of the 16 digits are recognised here as the
    prompted digit, and the page's own count agrees."""
    from ddpm_core.glyphs import nearest_template

    at = _open(lang, t2i_prompt=prompt, t2i_c=c, t2i_t=1000)
    assert not at.exception, at.exception
    imgs = torch.tensor(_grid_images(at), dtype=torch.float32)
    idx, _ = nearest_template(imgs)
    hits = int((idx == c).sum())
    assert hits >= 12, (hits, idx.tolist())
    m = re.search(r"\*\*(\d+)" if lang == "en" else r"有 \*\*(\d+) 张", _md(at))
    assert m and int(m.group(1)) == hits, (m and m.group(1), hits)
    head = text("t2i.encoded", lang).split("“")[0]
    assert any(v.startswith(head) and f"{c}" in v for v in _alerts(at, "success"))
    # the p2 check at class c, t = 1000 holds too
    assert (at.dataframe[-1].value.to_numpy()[:, 0] <= 1e-6).all()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_prompts_get_a_message_not_a_traceback(lang):
    at = _open(lang, t2i_prompt="dragon")
    assert not at.exception, at.exception
    err = _alerts(at, "error")
    assert len(err) == 1 and "dragon" in err[0] and "三" in err[0] and "three" in err[0], err
    assert err[0].startswith(text("t2i.bad.unknown", lang).split("“")[0])
    # the other sections still render
    assert any(v.startswith(text("t2i.pca.ok", lang).split("{")[0])
               for v in _alerts(at, "success"))
    at.text_input(key="t2i_prompt").set_value("   ").run()
    assert not at.exception, at.exception
    warn = _alerts(at, "warning")
    assert len(warn) == 1 and warn[0].startswith(text("t2i.bad.empty", lang).split("{")[0])
    assert not _alerts(at, "error")
    at.text_input(key="t2i_prompt").set_value("*_$x$_[a](b)").run()  # markdown, escaped
    assert not at.exception, at.exception
    assert any(r"\*\_\$x\$\_\[a\]\(b\)" in v for v in _alerts(at, "error"))
    at.text_input(key="t2i_prompt").set_value(" Eight ").run()
    assert not at.exception and not _alerts(at, "error")


def test_scale_zero_is_explained():
    at = _open("en", t2i_s=0.0, t2i_steps=10)
    assert not at.exception, at.exception
    assert any(v.startswith("**s = 0**") for v in _alerts(at, "info"))
    assert "10 generator steps" in _md(at)


def test_sidebar_schedule_changes_nothing_here():
    """T = 1 with the cosine schedule in the sidebar: the page runs on its own schedule and
    says so; no exception, every live check still holds."""
    at = open_page(PAGE, "en", T=1, kind="cosine", timeout=240)
    assert not at.exception, at.exception
    assert any("T = 1000" in v for v in _alerts(at, "info"))
    assert not _alerts(at, "error")
    assert len(_alerts(at, "success")) >= 4
