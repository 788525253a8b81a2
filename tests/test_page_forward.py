"""Page 4, the forward process: renders in both languages, every slider extreme, T = 1,
the cosine schedule; the imagined and actual moments agree; the SymPy check is <= 1e-7."""

import io
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from streamlit.testing.v1 import AppTest

import ddpm_core
from ui.fig_forward import MAX_UPLOAD_BYTES, UploadError, decode_image
from ui.i18n import catalog

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE = "views/forward.py"
LANG = {"en": "English", "zh": "中文"}
MOMENT_TOL = 0.15  # 2,000 points: a moment's standard error is <= ~0.035 (variance ≈ 1)


def _page(lang: str = "en", **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    if lang == "zh":
        at.query_params["lang_label"] = LANG["zh"]
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _sympy_error(at: AppTest) -> float:
    labels = [m for m in at.main.metric if m.label.startswith(("largest relative", "SymPy 与"))]
    assert len(labels) == 1, [m.label for m in at.main.metric]
    return float(labels[0].value)


def _moments_agree(at: AppTest) -> float:
    df = at.main.dataframe[0].value
    assert df.shape == (4, 3)
    values = df.to_numpy(dtype=float)
    formula, engine = values[:, :1], values[:, 1:]
    assert np.isfinite(values).all()
    worst = float(np.abs(engine - formula).max())
    assert worst <= MOMENT_TOL, df
    return worst


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_renders_and_every_slider_extreme(lang):
    at = _page(lang)
    assert at.main.header[0].value == ("Forward process" if lang == "en" else "前向过程")
    assert len(at.main.latex) >= 4
    assert at.main.slider, "the t slider is missing"
    assert _sympy_error(at) <= 1e-7
    _moments_agree(at)
    for i in range(len(at.main.slider)):
        s = at.main.slider[i]
        for v in (s.min, s.max):
            at.main.slider[i].set_value(v).run()
            assert not at.exception, (lang, s.label, v)
            assert _sympy_error(at) <= 1e-7
            _moments_agree(at)


@pytest.mark.parametrize("name", ddpm_core.TOY_DATASETS)
def test_imagined_and_actual_moments_agree_on_every_dataset(name):
    at = _page()
    at.main.selectbox[0].set_value(name).run()
    assert not at.exception
    for step in (1, 100, 1000):
        at.main.slider[0].set_value(step).run()
        assert not at.exception
        _moments_agree(at)


def test_displayed_moments_are_the_engines():
    """Recompute with the engine and the page's seeds: the table shows exactly these numbers."""
    at = _page()
    at.main.slider[0].set_value(300).run()
    sched = ddpm_core.Schedule.linear(1000)
    x0 = ddpm_core.toy_2d(ddpm_core.TOY_DATASETS[0], 2000, torch.Generator().manual_seed(0))
    chain = ddpm_core.q_sample_chain(sched, x0, 300, torch.Generator().manual_seed(1))
    noise = torch.randn(x0.shape, generator=torch.Generator().manual_seed(2), dtype=x0.dtype)
    shot = ddpm_core.q_sample(sched, x0, 300, noise)
    df = at.main.dataframe[0].value.to_numpy(dtype=float)
    np.testing.assert_allclose(df[:2, 1], chain.numpy().mean(0), atol=1e-6)
    np.testing.assert_allclose(df[2:, 2], shot.numpy().var(0), atol=1e-6)
    ab = float(sched.alpha_bars[300])
    np.testing.assert_allclose(df[2:, 0], ab * x0.numpy().var(0) + 1 - ab, atol=1e-6)


def test_T_equal_1_and_cosine_render():
    # the sidebar is set before switching pages: AppTest's tree holds no sidebar after a switch
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.sidebar.slider[0].set_value(1).run()
    assert not at.exception
    at.switch_page(PAGE).run()
    assert not at.exception
    assert not at.main.slider  # T = 1: the only t is 1, no slider to draw
    assert any(r"t = 1," in el.value for el in at.main.latex)
    assert _sympy_error(at) <= 1e-7
    _moments_agree(at)
    for lang in ("en", "zh"):
        at = _page(lang, schedule="cosine")  # the sidebar is bound to the URL
        assert _sympy_error(at) <= 1e-7
        for v in (1, at.main.slider[0].max):
            at.main.slider[0].set_value(v).run()
            assert not at.exception
            _moments_agree(at)
    at = _page(T="2", scale="true")
    at.main.slider[0].set_value(2).run()
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


def test_every_step_and_dataset_key_is_in_the_catalog():
    from ddpm_core.symbolic import derivations

    keys = catalog().keys()
    for s in derivations()["forward"].steps:
        assert "forward.step." + s.key.split(".", 1)[1] in keys, s.key
    for name in ddpm_core.TOY_DATASETS:
        assert f"data.{name}" in keys
