"""Serving a class with real parts: deploy/serve.sh starts 2 app processes and Debian's nginx
(deploy/nginx.conf) on private ports; sessions driven through the proxy over Streamlit's own
websocket protocol (scripts/bench_load.Student) keep their state over 20 reconnects and reruns
and spread over both processes. And the Dockerfile runs the README's commands."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from apptest_util import run_async

from ui.serving import cache_control

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
PER_PROCESS, RECONNECTS = 1, 20


def _free(port: int) -> bool:
    with socket.socket() as s:
        # as servers bind: a port in TIME_WAIT is free
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _ports() -> tuple[int, int]:
    """A free proxy port and a free base with base and base + 1 free."""
    for base in range(23_100, 29_000, 7):
        if _free(base) and _free(base + 1) and _free(base + 2):
            return base + 2, base
    pytest.skip("no free private ports")


def _get(url: str, timeout: float = 5.0):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.headers.get_all("Set-Cookie") or [], r.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if NGINX is None:
        pytest.skip("nginx is not installed (Debian: apt-get install nginx; scripts/test.sh does)")
    port, base = _ports()
    run = tmp_path_factory.mktemp("serve")
    env = {**os.environ, "RUN_DIR": str(run), "PYTHON": sys.executable, "NGINX": NGINX,
           "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen(["bash", "deploy/serve.sh", "-n", "2", "-p", str(port), "-b",
                             str(base), "-a", "127.0.0.1"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while True:
            assert proc.poll() is None, proc.stdout.read()[-3000:]
            assert time.monotonic() < deadline, "serve.sh did not come up in 240 s"
            try:
                if _get(f"http://127.0.0.1:{port}/_stcore/health")[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        yield port, base, run
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)
    for p in (base, base + 1, port):  # everything it started has stopped
        deadline = time.monotonic() + 30
        while not _free(p):
            assert time.monotonic() < deadline, f"port {p} still served after serve.sh stopped"
            time.sleep(0.2)


async def _student(port: int, cookie: str, T: int) -> tuple[str, list[str]]:
    """Open the forward page, set the sidebar's T, then reconnect RECONNECTS times to the
    same session (as a browser does after a network blip) and rerun with no widget state
    sent: the T the session holds shows as the maximum of the forward page's t field each time."""
    from bench_load import Student
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    url = f"ws://127.0.0.1:{port}"
    s = Student(url, "forward", cookie=cookie)
    await s.connect()
    await s.rerun()
    assert not s.errors, s.errors
    wid = s.find("T")[0]
    w = WidgetState()
    w.id = wid
    w.double_array_value.data[:] = [float(T)]
    s.states[wid] = w
    await s.rerun()
    sid, page = s.session_id, s.page_hash
    seen = [s.find("forward_t")[2].max]  # the t field's range is 1..T of the session
    await s.close()
    for _ in range(RECONNECTS):
        r = Student(url, "forward", cookie=cookie, session_id=sid)
        r.page_hash = page
        await r.connect()
        await r.rerun()
        assert not r.errors, r.errors
        seen.append(r.find("forward_t")[2].max)
        await r.close()
    return sid, seen


def test_two_processes_behind_nginx_keep_state_and_share_sessions(served):
    port, base, run = served
    # each "browser" gets its affinity cookie with the page; nginx's log says which process
    # served that page: take PER_PROCESS browsers on each process (the cookie's hash decides)
    cookies, served_by = [], {f"127.0.0.1:{base}": 0, f"127.0.0.1:{base + 1}": 0}
    for _ in range(40):
        status, set_cookie, body = _get(f"http://127.0.0.1:{port}/")
        assert status == 200 and b"<html" in body.lower()
        found = [c.split(";")[0] for c in set_cookie if c.startswith("ddpm_backend=")]
        assert found, set_cookie
        key = found[0].split("=", 1)[1]
        lines = [ln for ln in (run / "access.log").read_text().splitlines()
                 if f"affinity={key} " in ln]
        upstream = lines[-1].rsplit("upstream=", 1)[1] if lines else None
        if upstream in served_by and served_by[upstream] < PER_PROCESS:
            served_by[upstream] += 1
            cookies.append(found[0])
        if all(v == PER_PROCESS for v in served_by.values()):
            break
    assert all(v == PER_PROCESS for v in served_by.values()), served_by

    async def main():
        return await asyncio.gather(*(_student(port, c, 200 + 7 * i)
                                      for i, c in enumerate(cookies)))

    results = run_async(main(), 600)
    for i, (_sid, seen) in enumerate(results):
        assert len(seen) == RECONNECTS + 1
        assert all(int(k) == 200 + 7 * i for k in seen), (i, seen)
    # which process served each websocket, from nginx's log
    log = (run / "access.log").read_text()
    by_cookie: dict[str, set[str]] = {}
    for line in log.splitlines():
        m = re.search(r'"GET /_stcore/stream .*affinity=(\S+) upstream=(\S+)', line)
        if m:
            by_cookie.setdefault(m.group(1), set()).add(m.group(2))
    mine = {c.split("=", 1)[1] for c in cookies}
    assert mine <= set(by_cookie), (mine, by_cookie)
    assert all(len(by_cookie[c]) == 1 for c in mine), by_cookie  # sticky
    used = set().union(*(by_cookie[c] for c in mine))
    assert used == {f"127.0.0.1:{base}", f"127.0.0.1:{base + 1}"}, used  # spread over both


def test_the_static_folder_comes_from_nginx_itself(served):
    """plotly.js (its gzip copy to a browser that takes gzip) and the players' frames are
    sent by nginx from the app's static folder: nginx's log names no app process for them."""
    port, _, run = served
    if not (ROOT / "static" / "plotly.min.js.gz").exists():  # made by the first page run
        run_async(_student(port, "ddpm_backend=static-test", 100), 300)
    js = (ROOT / "static" / "plotly.min.js").read_bytes()
    frames = sorted((ROOT / "static" / "frames").glob("*.json"), key=os.path.getmtime)[-1]
    for path, headers, want, encoding in (
            ("plotly.min.js", {"Accept-Encoding": "gzip, deflate, br"},
             (ROOT / "static" / "plotly.min.js.gz").read_bytes(), "gzip"),
            ("plotly.min.js", {}, js, None),
            (f"frames/{frames.name}", {"Accept-Encoding": "gzip"}, frames.read_bytes(), None)):
        req = urllib.request.Request(f"http://127.0.0.1:{port}/app/static/{path}",
                                     headers=headers)
        with urllib.request.urlopen(req, timeout=30) as r:
            assert r.status == 200 and r.read() == want, path
            assert r.headers.get("Content-Encoding") == encoding, path
            assert r.headers.get("Content-Type") == (
                "application/javascript" if path.endswith(".js") else "application/json")
            # kept as the app itself keeps them (ui/serving.py), with the CORS headers still
            assert r.headers.get("Cache-Control") == cache_control(path), path
            assert r.headers.get("Access-Control-Allow-Origin") == "*", path
            etag = r.headers["ETag"]
        # a browser that holds the file: 304, no body
        req = urllib.request.Request(f"http://127.0.0.1:{port}/app/static/{path}",
                                     headers={**headers, "If-None-Match": etag})
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=30)
        assert e.value.code == 304 and e.value.read() == b"", path
        assert e.value.headers.get("Cache-Control") == cache_control(path), path
    static = [ln for ln in (run / "access.log").read_text().splitlines()
              if '"GET /app/static/' in ln]
    assert len(static) >= 3 and all(ln.endswith("upstream=-") for ln in static), static[-5:]
    assert _get(f"http://127.0.0.1:{port}/_stcore/health")[0] == 200  # the app, as before


# ------------------------------------------------------------------ Dockerfile = README
def _readme_block(title: str) -> str:
    text = (ROOT / "README.md").read_text()
    section = text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]
    return section


def test_the_dockerfile_runs_the_readmes_commands():
    docker = (ROOT / "Dockerfile").read_text()
    runs = [line.split("RUN ", 1)[1].strip() for line in docker.splitlines()
            if line.startswith("RUN ")]
    cmd = re.search(r'^CMD \[(.*)\]', docker, re.M).group(1)
    cmd = " ".join(part.strip().strip('"') for part in cmd.split(","))
    readme_run = re.search(r"```bash\n(.*?)\n```", _readme_block("Two commands"), re.S).group(1)
    serving = _readme_block("Serving a class")
    # the README's install, exactly (the venv and the pinned requirements) ...
    install = readme_run.split(" && .venv/bin/python -m streamlit")[0]
    assert install.startswith("python3 -m venv .venv && .venv/bin/pip install -r requirements.txt")
    assert install in runs, (install, runs)
    # ... and the README's way to serve a class
    assert cmd in serving, (cmd, serving)
    assert "COPY . /app" in docker  # the repo's own files
