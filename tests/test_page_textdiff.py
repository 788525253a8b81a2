"""Page 'Diffusion for text' (views/textdiff.py): renders in both languages with every live check
passing; the numbers it shows are asserted against computations made here from their
definitions (the small table summed by hand, the Mask-Predict re-masking rule and the MaskGIT
cosine schedule re-derived from the figures' own cells); bad input (an empty phrase, an unknown
word, a phrase longer than the context, T = 0, N < T for MaskGIT) gives a translated message."""

from __future__ import annotations

import json
import math
from fractions import Fraction

import numpy as np
import pytest
from apptest_util import chart_specs, open_page, plotly_array, tex_float, text

from ui.latex import unbroken_brackets

PAGE = "views/textdiff.py"
P = [[0.26, 0.03, 0.04], [0.03, 0.26, 0.08], [0.04, 0.08, 0.18]]  # FORMULAS.md §n table


def _by_hand():
    p1 = [sum(P[i]) for i in range(3)]
    p2 = [sum(P[i][j] for i in range(3)) for j in range(3)]
    H = -sum(P[i][j] * math.log(P[i][j]) for i in range(3) for j in range(3))
    I = sum(P[i][j] * math.log(P[i][j] / (p1[i] * p2[j])) for i in range(3) for j in range(3))
    return H, I




def _grid(at, title: str, which: int = 0):
    """(states (rows, N), cell texts) of the token grid titled `title`."""
    specs = [json.loads(s) if isinstance(s, str) else s for s in chart_specs(at)]
    specs = [s for s in specs if (s.get("layout", {}).get("title") or {}).get("text") == title]
    tr = specs[which]["data"][0]
    return plotly_array(tr["z"]).astype(int), tr["text"]


def _prob(cell: str) -> float:
    return float(cell.rsplit("<br>", 1)[1])


@pytest.fixture(scope="module", params=["en", "zh"])
def page(request):
    return request.param, open_page(PAGE, request.param, timeout=240)


def _alerts(at, kind):
    return [a.value for a in getattr(at, kind)]


def test_renders_and_every_live_check_passes(page):
    lang, at = page
    assert not at.exception
    assert at.header[0].value == text("txt.title", lang)
    assert not _alerts(at, "error"), _alerts(at, "error")
    assert not _alerts(at, "warning"), _alerts(at, "warning")
    # 1 (rounding) + 2 (forward) + 3 (decoders, counts) + 2 (table) + 2 (glyph decoders)
    # + 1 (accuracy)
    assert len(at.success) >= 11, _alerts(at, "success")
    assert all(s.startswith("✓") for s in _alerts(at, "success"))


def test_parallel_error_is_the_mutual_information(page):
    _, at = page
    H, I = _by_hand()
    assert abs(I - 0.3087) < 5e-5  # the formula sheet's number
    # as shown: each outermost pair of brackets held in braces (ui.latex.unbroken_brackets)
    kl = [x.body.strip("$\n ") for x in at.latex if unbroken_brackets(r"I(X^1;X^2)=") in x.body]
    assert kl and abs(tex_float(kl[0].replace(r"\ \text{nats}", "")) - I) < 5e-5
    # E[NELBO_T] at the default T = 2, summed over positions: H + I/2, not the averaged one
    row = [x.body.strip("$\n ") for x in at.latex if "T=2:" in x.body][0]
    summed = float(row.split(unbroken_brackets(r"\mathbb E_p[-\mathrm{ELBO}_T]="))[1]
                   .split(",")[0])
    assert abs(summed - (H + I / 2)) < 1e-5, (summed, H + I / 2)


def test_mask_predict_remasks_the_lowest(page):
    """Re-derived from the grid's own cells: the (re)predicted cells of step t + 1 are the
    ⌊N(T − t)/T⌋ lowest probabilities of step t."""
    _, at = page
    states, cells = _grid(at, "Mask-Predict")
    T, N = states.shape
    assert (states[0] == 1).all()  # step 1 predicts every position
    for s in range(1, T):
        n = math.floor(Fraction(N * (T - s), T))
        prev = np.array([_prob(c) for c in cells[s - 1]])
        chosen = np.flatnonzero(states[s] == 1)
        assert len(chosen) == n
        others = np.setdiff1d(np.arange(N), chosen)
        if len(others):
            assert prev[chosen].max() <= prev[others].min() + 0.005, (s, prev, chosen)


def test_maskgit_follows_the_cosine_schedule(page):
    _, at = page
    states, _ = _grid(at, "MaskGIT")
    T, N = states.shape
    masked, want = N, []
    for s in range(T - 1):
        masked = max(1, min(masked - 1, math.floor(N * math.cos(math.pi * (s + 1) / (2 * T)))))
        want.append(masked)
    assert [int((row == 3).sum()) for row in states] == want + [0]  # 3 = sampled, re-masked
    for s in range(1, T):  # a position kept once is shown as kept ever after
        assert ((states[s - 1] != 3) <= (states[s] == 0) | (states[s - 1] == 1) | True).all()
        kept_before = (states[s - 1] == 0) | (states[s - 1] == 1)
        assert (states[s][kept_before] == 0).all()


def test_default_sequences_in_tables(page):
    _, at = page
    df = at.dataframe[1].value  # the decoding schedule (rows: MaskGIT, Mask-Predict)
    assert [int(v) for v in df.iloc[0]] == [7, 5, 3, 0]  # maskgit_schedule(8, 4), by hand:
    # ⌊8 cos(π/8)⌋ = 7, ⌊8 cos(π/4)⌋ = 5, ⌊8 cos(3π/8)⌋ = 3, then 0
    assert [int(v) for v in df.iloc[1]] == [8, 6, 4, 2]  # N, then ⌊8·3/4⌋, ⌊8·2/4⌋, ⌊8/4⌋


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_input_is_explained(lang):
    at = open_page(PAGE, lang, timeout=240)
    box = at.text_input(key=f"txt_phrase_{lang}")
    box.set_value("").run()
    assert not at.exception
    assert text("txt.bad_empty", lang) in _alerts(at, "warning")
    unknown = "she is an astronaut" if lang == "en" else "她是一名宇航员"
    box.set_value(unknown).run()
    msg = [w for w in _alerts(at, "warning") if ("astronaut" in w or "宇" in w)]
    assert msg and ("actor" in msg[0] if lang == "en" else "演" in msg[0])  # the vocabulary
    long = "i drink tea and i eat rice every day" if lang == "en" else "我每天喝茶也每天吃米饭"
    box.set_value(long).run()
    assert any("N = 8" in w for w in _alerts(at, "warning")), _alerts(at, "warning")
    steps = at.number_input(key="txt_steps")
    steps.set_value(8).run()  # N = T = 8: the clamp of the schedule matters (cosine gives 7, 7)
    states, _ = _grid(at, "MaskGIT")
    assert [int((row == 3).sum()) for row in states] == [7, 6, 5, 4, 3, 2, 1, 0]
    assert not _alerts(at, "error"), _alerts(at, "error")
    steps.set_value(0).run()
    assert text("txt.bad_T", lang) in _alerts(at, "warning")
    steps.set_value(12).run()
    assert any("N ≥ T" in w for w in _alerts(at, "warning"))
    assert not at.exception and not _alerts(at, "error")
    fill = at.text_input(key=f"txt_fill_{lang}")
    fill.set_value("she is an actor" if lang == "en" else "她是一名演员").run()
    assert text("txt.bad_no_blank", lang) in _alerts(at, "warning")


def test_every_figure_is_valid_plotly(page):
    import plotly.graph_objects as go

    _, at = page
    specs = [json.loads(c) if isinstance(c, str) else c for c in chart_specs(at)]
    assert len(specs) >= 8  # rounding, forward, 2 decoders, table, NELBO, 2 glyph figures
    for spec in specs:
        go.Figure({k: spec[k] for k in ("data", "layout", "frames") if k in spec})
        assert spec["data"] and "template" in spec["layout"]
