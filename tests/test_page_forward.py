"""Page 4, the forward process: renders in both languages, every slider extreme, T = 1,
the cosine schedule; the imagined and actual moments agree; the SymPy check is <= 1e-7."""

import io
import json
import math
from pathlib import Path

import numpy as np
import pytest
import torch
from apptest_util import chart_specs, open_page, player_frames, plotly_array
from PIL import Image
from streamlit.testing.v1 import AppTest

import ddpm_core
from ui.fig_forward import MAX_UPLOAD_BYTES, UploadError, decode_image
from ui.i18n import catalog

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE = "views/forward.py"
K = 4.0  # the page's tolerance: |engine - formula| <= 4·SE + 1e-9


def _page(lang: str = "en", **query) -> AppTest:
    return open_page(PAGE, lang, query=query)


def _sympy_error(at: AppTest) -> float:
    labels = [m for m in at.main.metric if m.label.startswith(("largest relative", "SymPy 与"))]
    assert len(labels) == 1, [m.label for m in at.main.metric]
    mantissa, _, power = labels[0].value.partition(" × 10")
    sup = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
    return float(mantissa) * 10.0 ** int(power.translate(sup)) if power else float(mantissa)


def _state(at: AppTest) -> tuple:
    """(schedule, data set, shift, t) the page shows now."""
    sched = at.session_state["schedule_obj"]
    step = _t_input(at).value if sched.T > 1 else 1
    shift = next(s for s in at.main.slider if s.key == "forward_shift").value
    return sched, at.main.selectbox[0].value, float(shift), int(step)


def _t_input(at: AppTest):
    """The page's t (a number field bound to the URL; the player above the figure reports
    to it when the user lets go)."""
    found = [n for n in at.main.number_input if n.key == "forward_t"]
    assert len(found) == 1, [n.key for n in at.main.number_input]
    return found[0]


def _alpha_bar(betas, t: int) -> float:
    """ᾱ_t = Π (1 - β_s), multiplied out here in plain Python (Ho et al. 2020, Eq. (4))."""
    out = 1.0
    for b in betas[1:t + 1].tolist():
        out *= 1.0 - b
    return out


def _t_line_agrees(at: AppTest, step: int) -> None:
    """The numbers line under the clouds against ᾱ_t = ∏_{s≤t}(1 - β_s) multiplied out here
    from the sidebar's β table, in the page's 4-significant-figure format (inline maths)."""
    from ui.latex import num_short
    ab = _alpha_bar(at.session_state["schedule_obj"].betas.numpy(), step)
    want = (f"$t = {step}$,\u2003$\\bar\\alpha_t = {num_short(ab)}$,\u2003"
            f"$\\sqrt{{\\bar\\alpha_t}} = {num_short(math.sqrt(ab))}$,\u2003"
            f"$1-\\bar\\alpha_t = {num_short(1 - ab)}$")
    lines = [m.value for m in at.main.markdown if m.value.startswith(f"$t = {step}$,")]
    assert lines == [want]


def _moments_agree(at: AppTest, lang: str = "en") -> float:
    """Recompute everything the moments table shows, independently of the page: x_0 from the
    data set, the engine's two samples with the page's seeds, the closed-form prediction and
    its standard error typed here; then judge the engine against the closed form. Returns the
    largest |engine - formula| in standard errors."""
    sched, name, shift, step = _state(at)
    df = at.main.dataframe[0].value
    assert df.shape == (4, 4)
    page = df.to_numpy(dtype=float)
    x0 = ddpm_core.toy_2d(name, 2000, torch.Generator().manual_seed(0)).double() + shift
    assert abs(float(x0.mean())) > 0.5 or shift == 0  # the mean is not 0: √ᾱ vs ᾱ shows
    # the chain's draws ε_1..ε_1000 (the page's seed 1), and its t steps typed here
    eps = torch.randn((1000, *x0.shape), generator=torch.Generator().manual_seed(1),
                      dtype=x0.dtype).numpy()
    a, b = sched.alphas.numpy(), sched.betas.numpy()
    chain = x0.numpy().copy()
    for s in range(1, step + 1):
        chain = math.sqrt(a[s]) * chain + math.sqrt(b[s]) * eps[s - 1]
    chain = torch.from_numpy(chain)
    noise = torch.randn(x0.shape, generator=torch.Generator().manual_seed(2), dtype=x0.dtype)
    shot = ddpm_core.q_sample(sched, x0, step, noise)

    def mom(x):
        x = x.numpy()
        return np.concatenate([x.mean(0), x.var(0)])

    ab = _alpha_bar(sched.betas.numpy(), step)
    m, v, n = x0.numpy().mean(0), x0.numpy().var(0), 2000
    formula = np.concatenate([math.sqrt(ab) * m, ab * v + 1 - ab])
    se = np.concatenate([[math.sqrt((1 - ab) / n)] * 2,
                         np.sqrt((2 * (1 - ab) ** 2 + 4 * ab * (1 - ab) * v) / n)])
    np.testing.assert_allclose(page[:, 0], formula, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(page[:, 1], mom(chain), rtol=0, atol=1e-12)
    np.testing.assert_allclose(page[:, 2], mom(shot), rtol=0, atol=1e-12)
    np.testing.assert_allclose(page[:, 3], se, rtol=1e-9)
    ratio = np.abs(page[:, 1:3] - formula[:, None]) / se[:, None]
    assert ratio.max() <= K, (step, name, ratio)  # the engine follows Eq. (4)
    verdict = [e.value for e in at.main.success if e.value.startswith(
        text_of("forward.cloud.verdict", lang)[:6])]
    assert len(verdict) == 1, "the page does not report the moments check as passed"
    return float(ratio.max())


def text_of(key: str, lang: str) -> str:
    return catalog()[key][lang]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_renders_and_every_slider_extreme(lang):
    at = _page(lang)
    assert at.main.header[0].value == ("Forward process" if lang == "en" else "前向过程")
    assert at.main.markdown[0].value.endswith(text_of("forward.question", lang))
    assert len(at.main.latex) >= 4
    assert _t_input(at).value == 100  # T // 10
    _t_line_agrees(at, 100)
    assert _sympy_error(at) <= 1e-7
    _moments_agree(at, lang)
    for v in (1, 1000):
        _t_input(at).set_value(v).run()
        assert not at.exception, (lang, v)
        assert _sympy_error(at) <= 1e-7
        _moments_agree(at, lang)
    for i in range(len(at.main.slider)):
        s = at.main.slider[i]
        for v in (s.min, s.max):
            at.main.slider[i].set_value(v).run()
            assert not at.exception, (lang, s.label, v)
            assert _sympy_error(at) <= 1e-7
            _moments_agree(at, lang)


@pytest.mark.parametrize("name", ddpm_core.TOY_DATASETS)
def test_imagined_and_actual_moments_agree_on_every_dataset(name):
    at = _page()
    at.main.selectbox[0].set_value(name).run()
    assert not at.exception
    for step in (1, 100, 1000):
        _t_input(at).set_value(step).run()
        assert not at.exception
        _moments_agree(at)


def test_default_data_have_a_nonzero_mean_so_the_mean_check_bites():
    """With the default shift the mean of x_t at t = 300 is far (in SE) from what ᾱ in place
    of √ᾱ would give: the page's check tells the two apart."""
    at = _page()
    _t_input(at).set_value(300).run()
    sched, name, shift, step = _state(at)
    assert shift != 0
    ab = _alpha_bar(sched.betas.numpy(), step)
    df = at.main.dataframe[0].value.to_numpy(dtype=float)
    wrong = ab * (df[:2, 0] / math.sqrt(ab))  # the mean with ᾱ in place of √ᾱ
    assert (np.abs(df[:2, 2] - wrong) / df[:2, 3]).min() > 5 * K
    _moments_agree(at)


def test_image_note_counts_the_pixels_outside():
    """The caption under the image: the share of pixels of the one-jump x_t outside [-1, 1]
    (recomputed here from the engine with the page's seed), and the law's prediction at
    pure noise, P(|N(0,1)| > 1) = erfc(1/√2) = 31.7 %."""
    at = _page()
    _t_input(at).set_value(1000).run()
    sched, _, _, step = _state(at)
    img = ddpm_core.glyph_digits(10, 28, torch.Generator().manual_seed(3))[0][0, 0]
    shot = ddpm_core.q_sample(sched, img[None].clone(), step,
                              torch.randn((1, *img.shape), generator=torch.Generator()
                                          .manual_seed(2), dtype=img.dtype))
    seen = float((shot.abs() > 1).float().mean())
    note = next(c.value for c in at.main.caption if c.value.startswith("Pixel values"))
    assert f"{seen:.1%} of the pixels" in note, note
    assert f"would put {math.erfc(2 ** -0.5):.1%} outside" in note
    assert 0.25 < seen < 0.40  # at t = T about a third, not "most"


def test_T_equal_1_and_cosine_render():
    # the sidebar is set before switching pages: AppTest's tree holds no sidebar after a switch
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.sidebar.slider[0].set_value(1).run()
    assert not at.exception
    at.switch_page(PAGE).run()
    assert not at.exception
    assert not [n for n in at.main.number_input if n.key == "forward_t"]  # no t at T = 1
    _t_line_agrees(at, 1)
    assert _sympy_error(at) <= 1e-7
    _moments_agree(at)
    for lang in ("en", "zh"):
        at = _page(lang, schedule="cosine")  # the sidebar is bound to the URL
        assert _sympy_error(at) <= 1e-7
        for v in (1, _t_input(at).max):
            _t_input(at).set_value(v).run()
            assert not at.exception
            _moments_agree(at, lang)
    for kind in ("quadratic", "sigmoid"):
        at = _page(schedule=kind, T="50", beta_1="0.05", beta_T="0.001")
        _moments_agree(at)
    at = _page(T="2", scale="true")
    _t_input(at).set_value(2).run()
    assert not at.exception


def _png(size=(100, 80), mode="RGB", fmt="PNG") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, color=(200, 30, 30) if mode == "RGB" else 128).save(buf, format=fmt)
    return buf.getvalue()


def test_upload_decoder_good_bad_and_too_big():
    img = decode_image(_png())
    assert img.shape == (51, 64) and img.dtype == np.float32
    assert -1 <= img.min() <= img.max() <= 1
    assert decode_image(_png((20, 20), fmt="JPEG")).shape == (20, 20)
    for bad in (b"not an image at all", _png()[:60], _png(fmt="GIF")):
        with pytest.raises(UploadError) as e:
            decode_image(bad)
        assert e.value.reason == "bad"
    with pytest.raises(UploadError) as e:
        decode_image(b"\x89PNG" + bytes(MAX_UPLOAD_BYTES))
    assert e.value.reason == "too_big"
    at = _page("zh")
    at.main.radio[0].set_value("upload").run()  # the uploader itself renders, no image yet
    assert not at.exception and not at.main.error
    uploader = at.get("file_uploader")
    assert len(uploader) == 1
    # the widget's own limit is the decoder's: one size limit, 5 MB
    assert uploader[0].proto.max_upload_size_mb == MAX_UPLOAD_BYTES // 2**20 == 5


def test_every_step_and_dataset_key_is_in_the_catalog():
    from ddpm_core.symbolic import derivations

    keys = catalog().keys()
    for s in derivations()["forward"].steps:
        assert "forward.step." + s.key.split(".", 1)[1] in keys, s.key
    for name in ddpm_core.TOY_DATASETS:
        assert f"data.{name}" in keys


# ------------------------------------------------------------------ the player's frames
def _player(at: AppTest) -> dict:
    """The payload of the cloud figure: the figure and, under "player", its frames."""
    from apptest_util import chart_specs

    out = []
    for spec in chart_specs(at):
        fig = json.loads(spec) if isinstance(spec, str) else spec
        if "player" in fig:
            out.append(fig)
    assert len(out) == 1, len(out)
    return out[0]




@pytest.mark.parametrize("T, t", [("1000", None), ("40", None), ("1000", "351")])
def test_frames_are_the_engines_samples_at_every_t_and_fit_the_budget(T, t):
    """The browser's frames, decoded as the browser does, are x_t of the imagined chain
    (t single steps, seed 1) and of the one jump (seed 2) at each frame's t, computed here
    step by step from the β's; at most 2 MB per view; the page's t is one of the frames,
    also when it is off the even grid of frames (t = 351, inserted in its place)."""
    at = _page(T=T, **({} if t is None else {"forward_t": t}))
    sched, name, shift, step = _state(at)
    spec = _player(at)
    pl = spec["player"]
    labels = pl["labels"]
    assert labels[pl["index"]] == step and (t is None or step == int(t))
    assert labels == sorted(labels) and labels[0] == 1 and labels[-1] == sched.T
    if sched.T == 40:
        assert labels == list(range(1, 41))  # every t when they fit
    raw = [c for c in chart_specs(at) if '"player"' in c]
    assert len(raw) == 1 and len(raw[0]) <= 2_000_000  # what the browser receives
    x0 = (ddpm_core.toy_2d(name, 2000, torch.Generator().manual_seed(0)).double()
          + shift).numpy()
    betas = sched.betas.numpy().astype(np.float64)
    g = torch.Generator().manual_seed(1)
    x = x0.copy()
    chain = {}
    for s in range(1, sched.T + 1):  # Ho Eq. (2), one step at a time
        eps = torch.empty(x.shape, dtype=torch.float64).normal_(generator=g).numpy()
        x = math.sqrt(1 - betas[s]) * x + math.sqrt(betas[s]) * eps
        chain[s] = x
    eps = torch.randn(x0.shape, generator=torch.Generator().manual_seed(2),
                      dtype=torch.float64).numpy()
    by = {(u["trace"], u["prop"]): player_frames(u) for u in pl["updates"]}
    for k, s in enumerate(labels):
        ab = _alpha_bar(betas, s)
        shot = math.sqrt(ab) * x0 + math.sqrt(1 - ab) * eps  # Ho Eq. (4)
        for (trace, prop), ref in (((1, "x"), chain[s][:, 0]), ((1, "y"), chain[s][:, 1]),
                                   ((3, "x"), shot[:, 0]), ((3, "y"), shot[:, 1])):
            u = next(u for u in pl["updates"] if (u["trace"], u["prop"]) == (trace, prop))
            np.testing.assert_allclose(by[(trace, prop)][k], ref, rtol=0,
                                       atol=u["scale"] * 0.51, err_msg=f"t={s} {trace}{prop}")
    # the picture strip: the digit's pixels through the same two routes, as drawn (clipped)
    img = ddpm_core.glyph_digits(10, 28, torch.Generator().manual_seed(3))[0][0, 0].numpy()
    noise = torch.randn((1, *img.shape), generator=torch.Generator().manual_seed(2),
                        dtype=torch.float32).numpy()[0]
    z = next(u for u in pl["updates"] if u["trace"] == 6)
    k = labels.index(step)
    ab = _alpha_bar(betas, step)
    want = np.clip((math.sqrt(ab) * img + math.sqrt(1 - ab) * noise + 1) / 2, 0, 1).ravel()
    np.testing.assert_allclose(player_frames(z)[k], want, atol=1 / 255 + 1e-5)


def test_url_round_trip_and_nonsense_falls_back():
    """A shared link (each setting in the URL; choices by their ids, so the link does not
    depend on the language) opened afresh reproduces the view, with no 'ignored parameters'
    notice. (The browser test checks that the browser writes them.)"""
    for lang in ("en", "zh"):
        query = {"forward_t": "350", "forward_ds": "rings", "forward_shift": "-1.5",
                 "forward_glyph": "4"}
        fresh = open_page(PAGE, lang, query=query)
        assert not fresh.exception and not fresh.sidebar.warning  # no 'ignored' notice
        assert _state(fresh)[1:] == ("rings", -1.5, 350)
        assert fresh.main.selectbox[1].value == 4
    for bad in ({"forward_t": "5000"}, {"forward_t": "-3"}, {"forward_t": "abc"},
                {"forward_ds": "nope"}, {"forward_shift": "99"}):
        at = _page(**bad)
        assert not at.exception, bad
        sched, name, shift, step = _state(at)
        assert (name, shift, step) == ("moons", 2.0, 100), bad  # the defaults


def test_changing_T_keeps_t_at_the_same_fraction():
    """A new T keeps t at the same fraction of T, on the new T's frame grid (the player's
    frames; all t when T is small): here 68 frames evenly spread over 1..T, typed out."""
    at = _page()
    _t_input(at).set_value(300).run()
    at.sidebar.slider[0].set_value(900).run()
    assert not at.exception
    grid = np.unique(np.round(np.linspace(1, 900, 68)).astype(int))
    assert 270 not in grid  # the fraction itself is off the grid: the nearest grid t
    assert _state(at)[3] == grid[np.abs(grid - 270).argmin()] == 269
    at.sidebar.slider[0].set_value(500).run()
    assert _state(at)[3] == 150  # 269/900 of 500 is 149.4: the grid's nearest is 150
    at.sidebar.slider[0].set_value(10).run()
    assert _state(at)[3] == 3
    at.sidebar.slider[0].set_value(1).run()  # T = 1: no t to keep
    assert not at.exception
    at.sidebar.slider[0].set_value(1000).run()
    assert not at.exception and 1 <= _state(at)[3] <= 1000


def test_schedule_curves_mark_the_pages_t():
    """The schedule's curves mark the page's t with a cross at (t, β_t), (t, ᾱ_t), (t, SNR_t),
    ᾱ and SNR multiplied out here from the β's; moving t (twice, back to a t shown before, so
    that a chart kept from an earlier rerun would be the wrong one) moves the crosses."""
    at = _page(T=200, forward_t=30)
    for step in (30, 120, 30):
        at.session_state["forward_t"] = step
        at.run()
        assert not at.exception, at.exception
        betas = at.session_state["schedule_obj"].betas.numpy().astype(np.float64)
        specs = [json.loads(s) for s in chart_specs(at)]
        curves = [s for s in specs if len(s["data"]) == 6 and "player" not in s]
        assert len(curves) == 1, [len(s["data"]) for s in specs]
        crosses = [d for d in curves[0]["data"] if d.get("mode") == "markers"]
        ab = _alpha_bar(betas, step)
        want = [betas[step], ab, ab / (1.0 - ab)]
        assert len(crosses) == 3
        for d, y in zip(crosses, want):
            assert plotly_array(d["x"]).tolist() == [step]
            np.testing.assert_allclose(plotly_array(d["y"]), [y], rtol=1e-9)
