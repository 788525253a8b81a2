"""The app's static folder as the real server sends it to a browser (ui/serving.py): plotly.js
from its gzip copy made once, the players' frames as they are on disk, never compressed again
per request; Streamlit's own check of the paths still holds; each file goes with the
Cache-Control of its kind and an ETag, and a browser that holds it gets a 304 with no body."""

from __future__ import annotations

import gzip
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from apptest_util import run_async

from ui.serving import accepts_gzip, cache_control, not_modified

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # what Chromium sends


def _get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:  # urllib raises on 304 too: its headers and body
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


@pytest.mark.parametrize("value, takes", [
    (b"gzip, deflate, br, zstd", True), (b"br;q=1.0, gzip;q=0.8", True), (b"*", True),
    (b"GZIP", True), (b"gzip;q=0", False), (b"identity", False), (b"br, zstd", False),
    (b"gzip;q=zero", False),
])
def test_accept_encoding_is_read_with_its_q(value, takes):
    assert accepts_gzip([(b"host", b"x"), (b"accept-encoding", value)]) is takes
    assert accepts_gzip([(b"host", b"x")]) is False


@pytest.fixture(scope="module")
def opened(app_server):
    """The forward page opened once over the websocket (app.py ran: ui.serving is in place,
    and the page's player wrote its frames): the address of those frames."""
    from bench_load import Student

    async def open_page() -> list:
        st = Student(app_server.replace("http", "ws", 1), "forward")
        try:
            await st.connect()
            await st.rerun()
            return [p for p in st.fetched if b"/frames/" in p]
        finally:
            await st.close()

    frames = run_async(open_page(), 240)
    assert frames, "the forward page sent no player frames"
    return frames[0].decode()


def test_plotly_js_goes_to_a_browser_from_its_gzip_copy(app_server, opened):
    js = (ROOT / "static" / "plotly.min.js").read_bytes()
    status, head, body = _get(f"{app_server}/app/static/plotly.min.js", BROWSER)
    assert status == 200 and head.get("content-encoding") == "gzip"
    assert body == (ROOT / "static" / "plotly.min.js.gz").read_bytes()  # the copy, as it is
    assert gzip.decompress(body) == js
    assert "javascript" in head.get("content-type", "") and "accept-encoding" in \
        head.get("vary", "").lower()
    # a client that does not take gzip gets the file itself
    for headers in ({}, {"Accept-Encoding": "gzip;q=0, identity"}):
        status, head, body = _get(f"{app_server}/app/static/plotly.min.js", headers)
        assert status == 200 and "content-encoding" not in head and body == js


def test_frames_go_as_they_are_on_disk_not_compressed_per_request(app_server, opened):
    on_disk = (ROOT / opened.removeprefix("app/")).read_bytes()
    status, head, body = _get(f"{app_server}/{opened}", BROWSER)
    assert status == 200 and "content-encoding" not in head
    assert body == on_disk and int(head["content-length"]) == len(on_disk)


def test_the_static_route_still_checks_its_paths(app_server, opened):
    for path in ("app/static/../app.py", "app/static/%2e%2e/app.py", "app/static/nothing.js",
                 "app/static/plotly.min.js.gz.gz"):
        status, _, body = _get(f"{app_server}/{path}", BROWSER)
        assert status != 200 and b"st.navigation" not in body, path


LAST = "Wed, 25 Nov 2026 10:00:00 GMT"


@pytest.mark.parametrize("headers, held", [
    ([(b"if-none-match", b'"abc"')], True),
    ([(b"If-None-Match", b'W/"abc"')], True),  # a weak tag names the same file
    ([(b"if-none-match", b'"x", "abc"')], True),
    ([(b"if-none-match", b"*")], True),
    ([(b"if-none-match", b'"abd"')], False),
    ([(b"if-modified-since", LAST.encode())], True),
    ([(b"if-modified-since", b"Wed, 25 Nov 2026 10:00:01 GMT")], True),
    ([(b"if-modified-since", b"Wed, 25 Nov 2026 09:59:59 GMT")], False),
    ([(b"if-modified-since", b"yesterday")], False),
    # If-None-Match decides when both are sent (RFC 9110 13.2.2)
    ([(b"if-none-match", b'"abd"'), (b"if-modified-since", LAST.encode())], False),
    ([(b"host", b"x")], False),
])
def test_a_conditional_request_is_read_as_rfc_9110_says(headers, held):
    assert not_modified(headers, '"abc"', LAST) is held


def test_each_kind_of_static_file_has_its_cache_control():
    assert "immutable" in cache_control("frames/0123abcd.json")  # named by its digest
    assert cache_control("plotly.min.js") == "public, max-age=86400"
    assert cache_control("notes.txt") == "no-cache"
    assert cache_control("framesx.json") == "no-cache"


def test_a_browser_that_holds_a_static_file_gets_304_and_no_body(app_server, opened):
    """What a browser asks after a reload or when its copy is stale: the ETag it holds
    (If-None-Match) or the date (If-Modified-Since). Before, the whole 1.47 MB again."""
    other = ROOT / "static" / "serving-test.txt"  # a file of no listed kind
    other.write_text("a note")
    try:
        for path, headers, cc in (
                ("plotly.min.js", BROWSER, "public, max-age=86400"),
                ("plotly.min.js", {}, "public, max-age=86400"),
                (opened.removeprefix("app/static/"), BROWSER,
                 "public, max-age=31536000, immutable"),
                ("serving-test.txt", BROWSER, "no-cache")):
            url = f"{app_server}/app/static/{path}"
            status, head, body = _get(url, headers)
            assert status == 200 and body and head.get("cache-control") == cc, (path, head)
            etag, last = head["etag"], head["last-modified"]
            for cond in ({"If-None-Match": etag}, {"If-Modified-Since": last}):
                status, head, body = _get(url, {**headers, **cond})
                assert (status, body) == (304, b""), (path, cond, status)
                assert head.get("etag") == etag and head.get("cache-control") == cc, head
            status, head, body = _get(url, {**headers, "If-None-Match": '"another"'})
            assert status == 200 and len(body) == int(head["content-length"]) > 0, path
    finally:
        other.unlink()
    # the gzip copy is another representation: its tag does not stand for the file itself
    gz = _get(f"{app_server}/app/static/plotly.min.js", BROWSER)[1]["etag"]
    status, head, body = _get(f"{app_server}/app/static/plotly.min.js", {"If-None-Match": gz})
    assert status == 200 and "content-encoding" not in head and len(body) > 4_000_000
