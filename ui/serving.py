"""How the app's own static folder (static/: plotly.js, the players' frames) is served.

Streamlit (1.67: Starlette on uvicorn) sends every HTTP response through a gzip middleware
that compresses the body again on every request, except its own bundles (/static/) and the
root document, which it leaves out on purpose: "compressing them at the Python origin is a
poor tradeoff ... we burn CPU on every hit" (streamlit/web/server/starlette/
starlette_gzip_middleware.py). The app's static folder (/app/static/) is not left out, and a
browser always accepts gzip: measured on this 2-core machine, each fetch cost the server
~200 ms of CPU for plotly.min.js (4.8 MB) and ~100 ms for a player's frames (1.6 MB, one file
per setting, fetched again by every student who moves T), in the event loop's thread, which
also carries every session's messages: ~18 s of CPU for a class of 60 opening a page.

`install` puts a step in front of that middleware for /app/static/: a file is sent as it is
on disk (no compression per request), except the files of GZIPPED, which `ui.plot` writes
once with a gzip copy beside them (plotly.min.js.gz: 4.8 MB -> 1.4 MB on the wire): a browser
that accepts gzip gets that copy, with `Content-Encoding: gzip`. The frames are not
compressed at all (gzip at level 1: 1.60 -> 1.17 MB for ~60 ms of the page helper at every new
setting, measured here: not worth it on a LAN). Files are read in CHUNK pieces. Everything else goes
through Streamlit as before; where its middleware is not found (another Streamlit), nothing
changes. Behind nginx (deploy/nginx.conf) the static folder does not reach Python at all:
nginx sends it from disk, the gzip copy with `gzip_static`.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

GZIPPED = ("plotly.min.js",)  # static files kept with a gzip copy beside them (name + ".gz")
# bytes read at a time from a file sent (Starlette's FileResponse: 64 KiB, each read a hop to
# a worker thread; server CPU per 1.6 MB of frames 11.5 -> 7.8 ms, 1.47 MB of plotly.js.gz
# 10 -> 7.3 ms with 512 KiB; 1 MiB: 6.8, 6.0 ms, but 1 MiB held per download at once)
CHUNK = 512 * 1024
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


def _gzipped_response(gz: Path, name: str):
    from starlette.responses import FileResponse
    from streamlit.web.server.component_file_utils import guess_content_type

    return FileResponse(gz, media_type=guess_content_type(name), headers={
        "Content-Encoding": "gzip", "Vary": "Accept-Encoding",
        "Access-Control-Allow-Origin": "*", "X-Content-Type-Options": "nosniff"})


def install(static_dir: Path) -> bool:
    """Serve /app/static/ as described above (once; later calls do nothing). True when in
    place."""
    if _state["installed"]:
        return True
    try:
        from streamlit import config
        from streamlit.web.server.starlette import starlette_gzip_middleware as mw
        from streamlit.web.server.starlette.starlette_routes import BASE_ROUTE_APP_STATIC

        cls, route_path, strip_base = (mw.SelectiveGZipMiddleware, mw._route_path,
                                       mw._strip_base_url)
        call = cls.__call__
    except (ImportError, AttributeError):  # another Streamlit: as it is
        _log.warning("ui.serving: Streamlit's gzip middleware not found, static files as before")
        return False
    if not config.get_option("server.enableStaticServing"):
        return False
    prefix = f"/{BASE_ROUTE_APP_STATIC}/"
    gzipped = {name: static_dir / f"{name}.gz" for name in GZIPPED}

    @functools.wraps(call)
    async def __call__(self, scope, receive, send):
        if scope.get("type") == "http":
            path = strip_base(route_path(scope), self._base_url)
            if path.startswith(prefix):
                gz = gzipped.get(path[len(prefix):])
                if (gz is not None and scope.get("method") in ("GET", "HEAD")
                        and accepts_gzip(scope.get("headers", ())) and gz.is_file()):
                    await _gzipped_response(gz, path[len(prefix):])(scope, receive, send)
                else:  # as on disk, through Streamlit's own route (its path checks)
                    await self.app(scope, receive, send)
                return
        await call(self, scope, receive, send)

    cls.__call__ = __call__
    try:  # fewer, larger reads of a file sent (each read is a hop to a worker thread and back)
        from starlette.responses import FileResponse

        FileResponse.chunk_size = max(FileResponse.chunk_size, CHUNK)
    except (ImportError, AttributeError):
        pass
    _state["installed"] = True
    return True
