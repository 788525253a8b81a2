"""Page 'Diffusion is autoregression': both languages; the SNR heat map against ᾱ from np.cumprod
and a spectrum from numpy's FFT with bands from a loop; the crossing marks against a brute loop
and coarse first; the model's chain re-run here with its error per band by numpy; the token
table against log p(x) and PMI read off the joint table; URL settings; T = 1 explained; every
figure valid plotly."""

from __future__ import annotations

import base64
import json
import math

import numpy as np
import plotly.graph_objects as go
import pytest
import torch
from apptest_util import chart_specs, open_page, text

import ddpm_core
from ddpm_core.masking import SMALL_TABLE
from ddpm_core.spectrum import BAND_EDGES

PAGE = "views/autoreg.py"
N_DATA, N_CHAIN, STEPS, THRESHOLD = 2000, 16, 50, 0.5  # what the page states


@pytest.fixture(scope="module", params=["en", "zh"])
def page(request):
    return request.param, open_page(PAGE, request.param, timeout=300)


def _arr(v) -> np.ndarray:
    if isinstance(v, dict) and "bdata" in v:
        a = np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"]))
        if "shape" in v:
            a = a.reshape([int(n) for n in v["shape"].split(",")])
        return a
    return np.asarray(v, dtype=float)


def _figures(at) -> list[dict]:
    return [json.loads(c) if isinstance(c, str) else c for c in chart_specs(at)]


def _heat(at) -> dict:
    hits = [f for f in _figures(at) if f["data"] and f["data"][0].get("type") == "heatmap"
            and f["data"][0].get("zmid") == 0]
    assert len(hits) == 1
    return hits[0]


# ------------------------------------------------------------------ independent pieces
def _band(radius: float) -> int:
    return next(b for b in range(len(BAND_EDGES) - 1)
                if BAND_EDGES[b] <= radius < BAND_EDGES[b + 1])


def _band_map(n: int = 16) -> np.ndarray:
    out = np.zeros((n, n), int)
    for i in range(n):
        for j in range(n):
            ky, kx = (i if i < n / 2 else i - n), (j if j < n / 2 else j - n)
            out[i, j] = _band(math.hypot(ky, kx))
    return out


def _spectrum_numpy() -> np.ndarray:
    x, _ = ddpm_core.glyph_digits(N_DATA, 16, torch.Generator().manual_seed(0))
    power = (np.abs(np.fft.fft2(x[:, 0].double().numpy(), norm="ortho")) ** 2).mean(0)
    bm = _band_map()
    return np.array([power[bm == b].mean() for b in range(len(BAND_EDGES) - 1)])


def _alpha_bars(sched) -> np.ndarray:
    return np.concatenate([[1.0], np.cumprod(1 - sched.betas.numpy()[1:])])


# ------------------------------------------------------------------ tests
def test_page_runs_with_three_passing_checks(page):
    lang, at = page
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    msgs = [s.value for s in at.success]
    for key in ("ar.s2.check_ok", "ar.s2.measured_ok", "ar.s3.check_ok"):
        assert any(text(key, lang) in m for m in msgs), key
    assert at.header[0].value == text("ar.title", lang)
    for f in _figures(at):  # every figure the page sends is valid plotly
        go.Figure({k: f[k] for k in ("data", "layout") if k in f})


def test_heatmap_is_log_snr_per_band(page):
    _, at = page
    sched = at.session_state["schedule_obj"]
    S = _spectrum_numpy()
    ab = _alpha_bars(sched)
    expect = np.clip(np.log10(ab[1:, None] * S[None] / (1 - ab[1:, None])), -4, 4).T
    heat = _heat(at)
    z = _arr(heat["data"][0]["z"]).astype(float).reshape(expect.shape)
    np.testing.assert_allclose(z, expect, atol=1e-5)
    # the ◆ marks: the last t with ᾱ_t S / (1 − ᾱ_t) ≥ 1, by a loop; coarse bands later
    cross = []
    for s in S:
        last = 0
        for t in range(1, sched.T + 1):
            if ab[t] * s / (1 - ab[t]) >= 1:
                last = t
        cross.append(last)
    marks = _arr(heat["data"][1]["x"]).astype(int).tolist()
    assert marks == [c for c in cross if c >= 1]
    assert all(a > b for a, b in zip(cross, cross[1:]))  # linear T = 1000: strictly


def test_chain_decides_coarse_first_recomputed(page):
    lang, at = page
    if lang != "en":
        pytest.skip("the chain is the same in both languages")
    from ui.models import PRETRAINED_DIR

    ck = ddpm_core.load_checkpoint(PRETRAINED_DIR / "digits.safetensors", device="cpu")
    infos = list(ddpm_core.sample_progressive(ck.model.eval(), ck.schedule, N_CHAIN,
                                              sampler="ddim", steps=STEPS,
                                              generator=torch.Generator().manual_seed(0)))
    final = np.fft.fft2(infos[-1]["x_prev"][:, 0].double().numpy(), norm="ortho")
    bm = _band_map()
    decided = []
    for b in range(len(BAND_EDGES) - 1):
        d = 0
        for info in reversed(infos):  # from the last step back while the error stays low
            f = np.fft.fft2(info["x0_pred"][:, 0].double().numpy(), norm="ortho")
            sel = bm == b
            err = (np.abs(f - final) ** 2)[:, sel].sum() / (np.abs(final) ** 2)[:, sel].sum()
            if err >= THRESHOLD:
                break
            d = info["t"]
        decided.append(d)
    table = [d.value for d in at.dataframe if text("ar.col.decided", "en") in d.value.columns]
    assert len(table) == 1
    assert table[0][text("ar.col.decided", "en")].tolist() == decided
    assert all(a >= b for a, b in zip(decided, decided[1:]))


def _token_table(at, lang):
    fixed = [d.value for d in at.dataframe if text("ar.col.fixed", lang) in d.value.columns]
    rand = [d.value for d in at.dataframe if "PMI(x)" in d.value.columns]
    assert len(fixed) == 1 and len(rand) == 1
    return fixed[0].join(rand[0].drop(columns="x"))


def _pmi(p: np.ndarray, i: int, j: int) -> float:
    return math.log(p[i, j]) - math.log(p[i].sum()) - math.log(p[:, j].sum())


def test_token_table_against_the_joint_table(page):
    lang, at = page
    df = _token_table(at, lang)
    p = np.array(SMALL_TABLE)
    cells = [(i, j) for i in range(3) for j in range(3)]
    logp = np.array([math.log(p[c]) for c in cells])
    np.testing.assert_allclose(df[text("ar.col.chain", lang)], logp, atol=1e-12)
    np.testing.assert_allclose(df[text("ar.col.fixed", lang)], logp, atol=1e-12)
    closed = -logp + np.array([_pmi(p, *c) for c in cells]) / 2
    np.testing.assert_allclose(df[text("ar.col.random", lang).format(T=2)], closed, atol=1e-12)
    # the first factor of order 1 → 2 is the row marginal p(x¹)
    np.testing.assert_allclose(df["log p(x¹)"], [math.log(p[i].sum()) for i, _ in cells],
                               atol=1e-12)


def test_url_order_and_steps():
    at = open_page(PAGE, "en", query={"ar_order": "2 → 1", "ar_steps": 5})
    assert not at.exception and not at.error
    df = _token_table(at, "en")
    p = np.array(SMALL_TABLE)
    cells = [(i, j) for i in range(3) for j in range(3)]
    np.testing.assert_allclose(df["log p(x²)"], [math.log(p[:, j].sum()) for _, j in cells],
                               atol=1e-12)
    logp = np.array([math.log(p[c]) for c in cells])
    closed = -logp + np.array([_pmi(p, *c) for c in cells]) / 5
    np.testing.assert_allclose(df[text("ar.col.random", "en").format(T=5)], closed, atol=1e-12)
    # the chain's t slider: another step redraws without an error
    at.select_slider(key="ar_t").set_value(100).run()
    assert not at.exception and not at.error
    assert any("t = 100" in json.dumps(f["layout"], ensure_ascii=False) for f in _figures(at))


@pytest.mark.parametrize("lang, kind", [("en", "linear"), ("zh", "cosine")])
def test_t1_is_explained(lang, kind):
    at = open_page(PAGE, lang, T=1, kind=kind)
    assert not at.exception and not at.error
    assert at.session_state["schedule_obj"].T == 1
    assert any(text("ar.s2.t1", lang).split("{")[0] in i.value for i in at.info)
    assert any(text("ar.s2.check_tie", lang) in s.value for s in at.success)
    heat = _heat(at)
    assert _arr(heat["data"][0]["z"]).size == len(BAND_EDGES) - 1


def test_small_T_other_kinds_stay_coarse_first():
    at = open_page(PAGE, "en", T=7, kind="sigmoid")
    assert not at.exception and not at.error
    marks = _arr(_heat(at)["data"][1]["x"]).astype(int).tolist()
    assert marks and all(a >= b for a, b in zip(marks, marks[1:]))
    assert any(text("ar.s2.check_ok", "en") in s.value for s in at.success)
