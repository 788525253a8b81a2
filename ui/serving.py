"""How the app's own static folder (static/: plotly.js, the players' frames) is served.

Streamlit (1.67: Starlette on uvicorn) sends every HTTP response through a gzip middleware that
compresses the body again on every request, except its own bundles (/static/) and the root
document, which it leaves out on purpose: "compressing them at the Python origin is a poor
tradeoff ... we burn CPU on every hit" (streamlit/web/server/starlette/
starlette_gzip_middleware.py). The app's static folder (/app/static/) is not left out, and a
browser always accepts gzip: measured on this 2-core machine, each fetch cost the server ~200 ms
of CPU for plotly.min.js (4.8 MB) and ~100 ms for a player's frames (1.6 MB, one file per
setting, fetched again by every student who moves T), in the event loop's thread, which also
carries every session's messages: ~18 s of CPU for a class of 60 opening a page.

`install` puts a step in front of that middleware for /app/static/: a file is sent as it is on
disk (no compression per request), except the files of GZIPPED, which `ui.plot` writes once with
a gzip copy beside them (plotly.min.js.gz: 4.8 MB -> 1.4 MB on the wire): a browser that accepts
gzip gets that copy, with `Content-Encoding: gzip`. The frames are not compressed at all (gzip
at level 1: 1.60 -> 1.17 MB for ~60 ms of the page helper at every new setting, measured here:
not worth it on a LAN). Files are read in CHUNK pieces. A path is checked as Streamlit's route
checks it (`build_safe_abspath`: no "..", no escape from the folder; its size limit); what is not
a file there (404, 400) and every other method go to Streamlit's route as before; where its
middleware is not found (another Streamlit), nothing changes. Behind nginx (deploy/nginx.conf)
the static folder does not reach Python at all: nginx sends it from disk, the gzip copy with
`gzip_static`.

Every file of the folder also goes with a `Cache-Control` (`cache_control`) and an ETag, and a
conditional request for a file the browser holds (If-None-Match / If-Modified-Since, as a
browser asks again after a reload) is answered 304 with no body: a frames file is named by the
digest of its content (ui/frames.py), so it never changes and is kept for a year (`immutable`);
plotly.js keeps its name across plotly versions, so it is kept a day and then asked again;
anything else is asked again every time. Before this, Streamlit's route sent no Cache-Control
and the whole 1.47 MB of plotly.js again to a conditional request.
"""

from __future__ import annotations

import functools
import logging
import os
from email.utils import parsedate_to_datetime
from pathlib import Path

GZIPPED = ("plotly.min.js",)  # static files kept with a gzip copy beside them (name + ".gz")
# bytes read at a time from a file sent (Starlette's FileResponse: 64 KiB, each read a hop to
# a worker thread; server CPU per 1.6 MB of frames 11.5 -> 7.8 ms, 1.47 MB of plotly.js.gz
# 10 -> 7.3 ms with 512 KiB; 1 MiB: 6.8, 6.0 ms, but 1 MiB held per download at once)
CHUNK = 512 * 1024
FOREVER = "public, max-age=31536000, immutable"  # a file named by its content's digest
DAY = "public, max-age=86400"  # plotly.js: the same name whatever plotly version wrote it
ALWAYS_ASK = "no-cache"  # kept, but asked again (ETag) before each use
_state: dict = {"installed": False}
_log = logging.getLogger(__name__)


def accepts_gzip(headers) -> bool:
    """Whether a request's Accept-Encoding (ASGI headers: (name, value) byte pairs) takes
    gzip: listed (or "*") with a q above 0."""
    for name, value in headers:
        if name.lower() != b"accept-encoding":
            continue
        for part in value.decode("latin-1").split(","):
            token, *params = [p.strip() for p in part.split(";")]
            if token.lower() not in ("gzip", "*"):
                continue
            q = 1.0
            for p in params:
                k, _, v = p.partition("=")
                if k.strip().lower() == "q":
                    try:
                        q = float(v)
                    except ValueError:
                        q = 0.0
            if q > 0:
                return True
    return False


def cache_control(name: str) -> str:
    """The Cache-Control of static/<name> (a path relative to the folder, "/" between parts)."""
    if name.startswith("frames/"):
        return FOREVER
    return DAY if name in GZIPPED else ALWAYS_ASK


def _header(headers, name: bytes) -> str | None:
    for k, v in headers:
        if k.lower() == name:
            return v.decode("latin-1")
    return None


def not_modified(headers, etag: str, last_modified: str) -> bool:
    """Whether a request (ASGI headers) already holds the file with this ETag and
    Last-Modified: If-None-Match lists the tag (weak or strong, or "*"), or, with no
    If-None-Match, If-Modified-Since is at or after Last-Modified (RFC 9110 13.1.3)."""
    inm = _header(headers, b"if-none-match")
    if inm is not None:
        tags = [tag.strip().removeprefix("W/") for tag in inm.split(",")]
        return "*" in tags or etag in tags
    ims = _header(headers, b"if-modified-since")
    if ims is None:
        return False
    try:
        return parsedate_to_datetime(ims) >= parsedate_to_datetime(last_modified)
    except (TypeError, ValueError):
        return False


def _file_response(path: Path | str, name: str, gzipped: bool):
    from starlette.responses import FileResponse
    from streamlit.web.server.component_file_utils import guess_content_type

    headers = {"Cache-Control": cache_control(name), "Access-Control-Allow-Origin": "*",
               "X-Content-Type-Options": "nosniff"}
    if gzipped:
        headers.update({"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
    elif name in GZIPPED:
        headers["Vary"] = "Accept-Encoding"
    return FileResponse(path, media_type=guess_content_type(name), headers=headers,
                        stat_result=os.stat(path))


def install(static_dir: Path) -> bool:
    """Serve /app/static/ as described above (once; later calls do nothing). True when in
    place."""
    if _state["installed"]:
        return True
    try:
        from streamlit import config
        from streamlit.web.server.starlette import starlette_gzip_middleware as mw
        from streamlit.web.server.starlette.starlette_routes import BASE_ROUTE_APP_STATIC
        from streamlit.web.server.starlette.starlette_server_config import (
            MAX_APP_STATIC_FILE_SIZE,
        )

        cls, route_path, strip_base = (mw.SelectiveGZipMiddleware, mw._route_path,
                                       mw._strip_base_url)
        call = cls.__call__
    except (ImportError, AttributeError):  # another Streamlit: as it is
        _log.warning("ui.serving: Streamlit's gzip middleware not found, static files as before")
        return False
    if not config.get_option("server.enableStaticServing"):
        return False
    from starlette.responses import Response
    from streamlit.web.server.component_file_utils import build_safe_abspath

    prefix = f"/{BASE_ROUTE_APP_STATIC}/"
    gzipped = {name: static_dir / f"{name}.gz" for name in GZIPPED}
    root = os.path.realpath(static_dir)

    @functools.wraps(call)
    async def __call__(self, scope, receive, send):
        if scope.get("type") == "http":
            path = strip_base(route_path(scope), self._base_url)
            if path.startswith(prefix):
                await _static(self.app, path[len(prefix):], scope, receive, send)
                return
        await call(self, scope, receive, send)

    async def _static(app, name, scope, receive, send):
        headers = scope.get("headers", ())
        gz = gzipped.get(name)
        use_gz = gz is not None and accepts_gzip(headers) and gz.is_file()
        safe = str(gz) if use_gz else build_safe_abspath(root, name)
        if scope.get("method") not in ("GET", "HEAD") or safe is None \
                or not os.path.isfile(safe) or os.path.getsize(safe) > MAX_APP_STATIC_FILE_SIZE:
            await app(scope, receive, send)  # Streamlit's own answer (404, 400, OPTIONS, 405)
            return
        try:
            response = _file_response(safe, name, use_gz)
        except OSError:  # gone between the look and the stat (a frames file swept)
            await app(scope, receive, send)
            return
        h = response.headers
        if not_modified(headers, h["etag"], h["last-modified"]):
            keep = ("cache-control", "etag", "last-modified", "vary")
            response = Response(status_code=304, headers={k: h[k] for k in keep if k in h})
        await response(scope, receive, send)

    cls.__call__ = __call__
    try:  # fewer, larger reads of a file sent (each read is a hop to a worker thread and back)
        from starlette.responses import FileResponse

        FileResponse.chunk_size = max(FileResponse.chunk_size, CHUNK)
    except (ImportError, AttributeError):
        pass
    _state["installed"] = True
    return True
