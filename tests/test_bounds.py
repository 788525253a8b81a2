"""Every job bounded: an uploaded checkpoint beyond the server's limits (T = 100,000, an
oversize network) is refused with a message, a 50 MB safetensors header is refused before it
is parsed, a 10,000 × 10,000 PNG is refused as "too many pixels" from its header, quickly and
without a memory spike (tracemalloc peaks)."""

from __future__ import annotations

import json
import struct
import time
import tracemalloc
import zlib

import pytest
import torch
from apptest_util import open_page

import ddpm_core
from ddpm_core import checkpoints
from ui import fig_forward
from ui.models import LIMITS

PAGE = "views/playground.py"


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header says width × height (8-bit grey) and whose data is one empty row:
    what a decoder would have to allocate is width × height bytes; the file is ~100 bytes."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00" * (width + 1))) + chunk(b"IEND", b""))


def _peak(fn) -> tuple[float, int]:
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        fn()
    finally:
        seconds = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return seconds, peak


def test_a_10000_by_10000_png_is_too_many_pixels_before_decoding():
    data = _png_header_only(10_000, 10_000)
    assert len(data) < 20_000
    caught = []

    def go():
        with pytest.raises(fig_forward.UploadError) as e:
            fig_forward.decode_image(data)
        caught.append(e.value)

    seconds, peak = _peak(go)
    assert caught[0].reason == "pixels" and caught[0].size == 100_000_000
    # decoding would have taken 100 MB (the memory is the proof; time is not asserted here)
    assert peak < 2 * 2**20, (peak, seconds)
    # a picture within the bound still decodes (the check is on the pixel count only)
    small = _png_header_only(64, 1)
    assert fig_forward.decode_image(small).shape == (1, 64)


def test_a_50_mb_header_is_refused_before_parsing():
    n = 50 * 2**20
    data = struct.pack("<Q", n) + b'{"__metadata__":{"x":"' + b"a" * (n - 25) + b'"}}'
    for fn in (checkpoints.load_checkpoint_bytes, checkpoints.read_config):
        errors: list[str] = []

        def go(fn=fn, errors=errors):
            try:
                fn(data)
            except ValueError as e:
                errors.append(str(e))

        seconds, peak = _peak(go)
        assert errors and "header is too large" in errors[0], errors
        assert peak < 2**20, (peak, seconds)  # json.loads of 50 MB would allocate far more


def _ckpt(model_cfg: dict, T: int) -> bytes:
    with torch.random.fork_rng(devices=[]):
        model = ddpm_core.build_model(model_cfg, device="cpu")
    return ddpm_core.checkpoint_bytes(model, schedule=ddpm_core.Schedule.linear(T),
                                      meta={"dataset": "moons"})


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_uploads_beyond_the_limits_are_refused_with_a_message(lang):
    small = {"kind": "mlp2d", "width": 16, "depth": 1}
    cases = [
        ("T100k.safetensors", _ckpt(small, 100_000), "T", "100,000"),
        ("wide.safetensors", _ckpt({**small, "width": 512}, 50), "width", "512"),
        ("deep.safetensors", _ckpt({**small, "depth": 8}, 50), "depth", "8"),
    ]
    at = open_page(PAGE, lang, query={"T": 100}, timeout=90)
    before = at.session_state["user_model"] if "user_model" in at.session_state else None
    for name, blob, what, value in cases:
        # the refusal needs the header only: no tensor of the file is read
        assert json.dumps(checkpoints.read_config(blob))
        at.file_uploader(key="play_upload").set_value(
            (name, blob, "application/octet-stream")).run()
        assert not at.exception, (name, at.exception)
        errors = [e.value for e in at.error]
        hit = [e for e in errors if name in e]
        assert hit, (name, errors)
        assert f"{what} = {value}" in hit[0] and f"{LIMITS[what]:,}" in hit[0], hit
        if lang == "zh":
            assert "上限" in hit[0]
        now = at.session_state["user_model"] if "user_model" in at.session_state else None
        assert now is before  # nothing was loaded
    # the same network within the limits loads
    at.file_uploader(key="play_upload").set_value(
        ("ok.safetensors", _ckpt(small, 50), "application/octet-stream")).run()
    assert not at.exception, at.exception
    assert at.session_state["user_model"].meta["source"] == "uploaded"


def test_the_limits_are_stated_on_the_page():
    at = open_page(PAGE, "en", query={"T": 100}, timeout=90)
    caps = " ".join(c.value for c in at.caption)
    for frag in (f"T ≤ {LIMITS['T']}", "training steps ≤ 10,000", "batch ≤ 1,024",
                 "width ≤ 256", "depth ≤ 5", "channels ≤ 32"):
        assert frag in caps, (frag, caps)


def test_a_digits_run_beyond_the_limit_gets_a_message_and_no_job():
    at = open_page(PAGE, "en", query={"T": 100}, timeout=90)
    at.selectbox(key="play_dataset").set_value("digits").run()
    at.select_slider(key="play_steps").set_value(10000).run()
    at.button(key="play_train").click().run()
    assert not at.exception, at.exception
    assert "play_job" not in at.session_state
    assert any("Not started" in w.value and "2,000" in w.value for w in at.warning)
