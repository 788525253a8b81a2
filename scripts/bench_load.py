"""A class at once: N simulated students speaking Streamlit's own websocket protocol.

Each student opens a page over `/_stcore/stream` (the protobufs of `streamlit.proto`: a
`BackMsg.rerun_script` goes up, `ForwardMsg` deltas come down until `script_finished`), then
moves a slider every 2–4 s, as a browser would: the widget's id comes from the element the
server sent, the new value goes up as a `WidgetState`, and a slider inside an `st.fragment`
reruns only that fragment. Like the browser, a student keeps the large elements it received
(Streamlit's message cache: elements over `global.minCachedMessageSize`, dropped after
`global.maxCachedMessageAge` runs unused) and reports their hashes with every rerun, so the
server sends a reference instead of an unchanged element; and it moves a page's t player
(ui/plot.player) as its browser control does: to one of the frames' t the server sent (the
player's `labels`), reported as the component's state `{"t": ...}`. Beside the websocket it
fetches what a browser fetches from the server: plotly.js once (its first in-place chart
loads it) and each player's frames, once per tab, accepting gzip as browsers do. Printed:
p50/p95/max rerun latency, first page open, errors, the server's RSS (start, peak, after
everyone left), the load average, and the machine: its processor and a calibration (`calibrate`:
a fixed piece of pure-Python work timed before the run), so that runs on machines of another
speed can be compared.

    python3 scripts/bench_load.py --start --students 30 --seconds 60
    python3 scripts/bench_load.py --url ws://127.0.0.1:8501 --pid 1234 --students 10
    python3 scripts/bench_load.py --start --students 10 --trainers 3   # 3 of them train

Trainers open the playground, press Train, report the ms/step the page shows, and press
Stop after --train-seconds: the time from the click until the alert saying "Stopped" arrives
(when a browser draws it) is Stop's time until shown.

Traffic goes to 127.0.0.1 only; at most 300 students and 900 s per run.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
MAX_STUDENTS, MAX_SECONDS = 300, 900
RUN_TIMEOUT = 180.0  # a rerun that takes longer counts as an error
LOCAL_HOSTS = ("127.0.0.1", "localhost")
MAX_CACHED_AGE = 2  # Streamlit's global.maxCachedMessageAge: full runs an unused entry is kept
# the player's frames' t, in its JSON payload (itself a JSON string there: quotes escaped)
LABELS = re.compile(rb'\\?"labels\\?":\s*\[([-0-9.,\s]*)\]')
# the address of a player's frames (a file of the app's static folder, ui.plot.FRAMES_DIR)
FRAMES = re.compile(rb'\\?"updates_src\\?":\s*\\?"(app/static/frames/[0-9a-f]+\.json)')
STOPPED = ("Stopped", "停止")
# what a browser asks the server for beside the websocket, as it asks: plotly.js once per tab
# (the first in-place chart loads it), each player's frames once per tab, accepting gzip
PLOTLY_JS = b"app/static/plotly.min.js"
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br, zstd"}

# page -> [(widget key, how to pick a new value)]: the sliders a student moves there
MOVES = {
    "forward": ["forward_cloud_fig", "T"],  # the in-browser t player (ui/plot.player)
    "sampling": ["sampling_step_fig"],
    "overview": ["T"],
    # the "Beyond DDPM" pages: a slider each (their fragments rerun, not the page)
    "variance": ["var_t"],
    "sde": ["sde_t"],
    "guidance": ["guid_s"],
    "vae": ["vae_x0"],
    "autoreg": ["ar_steps"],
    "textdiff": ["txt_abar"],
    "t2i": ["t2i_s"],
}


class Student:
    """One browser tab: a websocket session, the widgets the server sent, a rerun at a time."""

    def __init__(self, url: str, page: str, lang: str = "en", cookie: str | None = None,
                 session_id: str | None = None):
        self.url, self.page, self.lang, self.cookie = url, page, lang, cookie
        self.ws = None
        self.widgets: dict[str, tuple] = {}  # id -> (element kind, proto, fragment id)
        self.states: dict[str, object] = {}  # id -> WidgetState we set
        self.page_hash = ""
        self.session_id = session_id
        self.errors: list[str] = []
        self.texts: list[str] = []  # markdown / alert / progress text of the current run
        self._finished: asyncio.Queue = asyncio.Queue()
        self._reader: asyncio.Task | None = None
        self.auto: dict[str, float] = {}  # fragment id -> interval (st.fragment run_every)
        self.run_texts: list[str] = []
        self.md_texts: list[str] = []  # markdown and LaTeX bodies of the current run
        self.finished = collections.Counter()  # script_finished statuses, superseded included
        self.msg_cache: dict[str, list] = {}  # hash -> [raw ForwardMsg bytes, last run used]
        self.runs = 0  # full script runs finished (the cache's age)
        self.labels: dict[str, list] = {}  # player widget id -> the frames' t it was sent
        self.refs = self.bytes_in = 0  # ref_hash messages received, bytes received
        self.fetched: set[bytes] = set()  # static files this tab fetched (plotly.js, frames)
        self.stop_seen: float | None = None  # when an alert saying "Stopped" arrived

    # ------------------------------------------------------------------ connection
    async def connect(self) -> None:
        # Streamlit reads (subprotocol, XSRF token, session to reconnect to) from this header
        protos = ["streamlit", "none", self.session_id] if self.session_id else ["streamlit"]
        headers = {"Cookie": self.cookie} if self.cookie else None
        self.ws = await websockets.connect(
            f"{self.url}/_stcore/stream", subprotocols=protos, max_size=None,
            additional_headers=headers, open_timeout=RUN_TIMEOUT, ping_interval=None)
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            self._reader.cancel()

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                self.bytes_in += len(raw)
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                kind = msg.WhichOneof("type")
                if kind == "ref_hash":  # an element this student already has: use its copy
                    entry = self.msg_cache.get(msg.ref_hash)
                    if entry is None:
                        self.errors.append("ref_hash to an element never received")
                        continue
                    self.refs += 1
                    entry[1] = self.runs
                    meta = msg.metadata
                    raw, msg = entry[0], ForwardMsg()
                    msg.ParseFromString(raw)
                    msg.metadata.CopyFrom(meta)
                    kind = msg.WhichOneof("type")
                elif msg.metadata.cacheable and msg.hash:
                    self.msg_cache[msg.hash] = [raw, self.runs]
                if kind == "navigation":  # the page this session is on (st.navigation)
                    self.page_hash = msg.navigation.page_script_hash or self.page_hash
                elif kind == "new_session":
                    self.session_id = msg.new_session.initialize.session_id or self.session_id
                elif kind == "delta":
                    self._delta(msg.delta, raw)
                elif kind == "auto_rerun":
                    self.auto[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
                elif kind == "stop_auto_rerun":
                    self.auto.pop(msg.stop_auto_rerun.fragment_id, None)
                elif kind == "script_finished":
                    self.finished[msg.script_finished] += 1
                    self._age_cache()
                    if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        self._finished.put_nowait(msg.script_finished)
                elif kind == "page_not_found":
                    self.errors.append(f"page not found: {self.page}")
        except (websockets.ConnectionClosed, asyncio.CancelledError):
            pass
        finally:
            self._finished.put_nowait(None)

    async def _fetch(self, path: str) -> None:
        """GET a file of the app's static folder over HTTP (plotly.js, a player's frames),
        once per tab, with a browser's Accept-Encoding (bytes_in counts what came over the
        wire)."""
        http = self.url.replace("wss://", "https://").replace("ws://", "http://")

        def get() -> int:
            req = urllib.request.Request(f"{http}/{path}", headers=(
                {**BROWSER_HEADERS, **({"Cookie": self.cookie} if self.cookie else {})}))
            with urllib.request.urlopen(req, timeout=RUN_TIMEOUT) as r:
                return len(r.read())
        try:
            self.bytes_in += await asyncio.to_thread(get)
        except OSError as e:
            self.errors.append(f"frames {path}: {e}")

    def _age_cache(self) -> None:
        """After a run, as the browser does: drop cached elements unused for MAX_CACHED_AGE
        runs."""
        self.runs += 1
        for h in [h for h, (_, used) in self.msg_cache.items()
                  if self.runs - used > MAX_CACHED_AGE]:
            del self.msg_cache[h]

    def _delta(self, delta, raw: bytes = b"") -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        el = delta.new_element
        kind = el.WhichOneof("type")
        if kind == "bidi_component":  # a t player: its frames' t are the values it can send
            if "ddpm_plot" in el.bidi_component.component_name and PLOTLY_JS not in self.fetched:
                self.fetched.add(PLOTLY_JS)  # an in-place chart: the browser loads plotly.js
                asyncio.get_running_loop().create_task(self._fetch(PLOTLY_JS.decode()))
            m = LABELS.search(raw)
            if m:
                ts = [int(float(v)) for v in m.group(1).split(b",") if v.strip()]
                self.widgets[el.bidi_component.id] = ("bidi", el.bidi_component,
                                                      delta.fragment_id)
                self.labels[el.bidi_component.id] = ts
            f = FRAMES.search(raw)
            if f and f.group(1) not in self.fetched:
                self.fetched.add(f.group(1))
                asyncio.get_running_loop().create_task(self._fetch(f.group(1).decode()))
            return
        if kind == "exception":
            self.errors.append(f"exception: {el.exception.type}: {el.exception.message[:200]}")
        elif kind in ("slider", "button", "number_input", "selectbox", "checkbox"):
            proto = getattr(el, kind)
            self.widgets[proto.id] = (kind, proto, delta.fragment_id)
        elif kind == "progress":
            self.run_texts.append(el.progress.text)
        elif kind == "alert":
            self.run_texts.append(el.alert.body)
            if self.stop_seen is None and any(s in el.alert.body for s in STOPPED):
                self.stop_seen = time.perf_counter()  # when the browser would show it
        elif kind == "markdown":
            self.md_texts.append(el.markdown.body)

    # ------------------------------------------------------------------ reruns
    def find(self, key_part: str):
        """The widget whose user key starts with `key_part` (Streamlit's id ends with the key)."""
        for wid, (kind, proto, frag) in self.widgets.items():
            user_key = wid.split("-", 2)[2] if wid.startswith("$$ID-") else wid
            if user_key.startswith(key_part) or user_key == key_part:
                return wid, kind, proto, frag
        return None

    async def rerun(self, fragment_id: str = "", auto: bool = False,
                    trigger: str | None = None) -> float:
        """Send one rerun and wait for its script_finished; the latency in seconds."""
        while not self._finished.empty():
            self._finished.get_nowait()
        t0 = time.perf_counter()
        await self.request(fragment_id, auto, trigger)
        status = await asyncio.wait_for(self._finished.get(), RUN_TIMEOUT)
        if status is None:
            raise ConnectionError("websocket closed during a rerun")
        seconds = time.perf_counter() - t0
        if not fragment_id:
            self.states = {k: v for k, v in self.states.items() if k in self.widgets}
        return seconds

    async def request(self, fragment_id: str = "", auto: bool = False,
                      trigger: str | None = None) -> None:
        """Send one rerun request with the current widget states; do not wait for it (a
        held-down key sends these back to back)."""
        bm = BackMsg()
        cs = bm.rerun_script
        cs.query_string = f"lang={'en' if self.lang == 'en' else '中文'}"
        cs.page_script_hash = self.page_hash
        if not self.page_hash:  # the overview is the default page: its url path is ""
            cs.page_name = "" if self.page == "overview" else self.page
        cs.fragment_id = fragment_id
        cs.is_auto_rerun = auto
        cs.widget_states.widgets.extend(self.states.values())
        cs.cached_message_hashes.extend(self.msg_cache)
        if trigger is not None:
            w = cs.widget_states.widgets.add()
            w.id, w.trigger_value = trigger, True
        self.run_texts, self.md_texts = [], []
        if not fragment_id:  # a whole run sends every widget again (ids follow their keys)
            self.widgets.clear()
        await self.ws.send(bm.SerializeToString())

    def move(self, key_part: str) -> str | None:
        """Pick a new value for a slider (its fragment id back, '' for a whole-page rerun)."""
        found = self.find(key_part)
        if found is None:
            return None
        wid, kind, proto, frag = found
        w = self.states.get(wid)
        if w is None:
            from streamlit.proto.WidgetStates_pb2 import WidgetState

            w = WidgetState()
            w.id = wid
            self.states[wid] = w
        if kind == "bidi":  # the player: one of its frames, as the browser's control moves
            ts = self.labels.get(wid) or [1]
            w.json_value = json.dumps({"t": random.choice(ts)})
        elif kind == "slider" and proto.options:  # select_slider: the formatted option
            w.string_array_value.data[:] = [random.choice(list(proto.options))]
        else:
            lo, hi = proto.min, proto.max
            if key_part == "T":
                lo, hi = max(lo, 50), min(hi, 1000)
            value = random.randint(int(lo), int(hi))
            if kind == "number_input":  # the t a player reports when the user lets go
                if proto.data_type == proto.INT:
                    w.int_value = value
                else:
                    w.double_value = float(value)
            else:
                w.double_array_value.data[:] = [float(value)]
        return frag


async def browse(st: Student, until: float, out: dict, burst: int = 1,
                 fixed_T: bool = False, only: str | None = None) -> None:
    """Open the page, then every 2–4 s move a slider: one rerun, or (burst > 1, a held-down
    key) `burst` requests back to back, timed until the last one has finished."""
    try:
        t0 = time.perf_counter()
        await st.connect()
        await st.rerun()
        out["first_open"].append(time.perf_counter() - t0)
        keys = MOVES.get(st.page, ["T"])
        if fixed_T:  # the class keeps the lecturer's T: only the page's own controls move
            keys = [k for k in keys if k != "T"] or keys
        if only:  # one control alone (to time or profile it)
            keys = [only]
        while time.perf_counter() < until:
            await asyncio.sleep(random.uniform(2.0, 4.0))
            if time.perf_counter() >= until:
                break
            key = random.choice(keys)
            frag = st.move(key)
            if frag is None:
                key, frag = "T", st.move("T") or ""
            out["moves"][key] += 1
            if burst > 1:
                t0 = time.perf_counter()
                for _ in range(burst - 1):
                    await st.request(fragment_id=frag or "")
                    st.move(key)
                await st.rerun(fragment_id=frag or "")
                out["flood"].append(time.perf_counter() - t0)
                continue
            moved = time.perf_counter()
            took = await st.rerun(fragment_id=frag or "")
            out["latency"].append(took)
            out["latency_at"].append((moved - out["t0"], took))
            out["by_move"][f"{st.page}:{key}"].append(took)
    except Exception as e:  # noqa: BLE001 - counted, the run goes on
        st.errors.append(f"{type(e).__name__}: {e}")
    finally:
        out["errors"] += st.errors
        out["refs"] += st.refs
        out["bytes_in"] += st.bytes_in
        await st.close()


RATE = re.compile(r"([0-9.]+) ms (per step|)")
RATE_ZH = re.compile(r"每步 ([0-9.]+) 毫秒")


async def train(st: Student, train_seconds: float, until: float, out: dict) -> None:
    """Open the playground, press Train, follow the progress fragment as the browser does
    (its auto-rerun), press Stop train_seconds after the first step rate was shown (the page's
    ms per step, recorded then); Stop's time until the page says so."""
    try:
        t0 = time.perf_counter()
        await st.connect()
        await st.rerun()
        out["first_open"].append(time.perf_counter() - t0)
        found = st.find("play_train")
        if found is None:
            raise RuntimeError("no Train button on the playground")
        await st.rerun(trigger=found[0])
        t_train = None  # when the page first showed a step rate: the run has started (a cold
        rate = None  # pool spawns its workers first, and a queued run waits for a free one)
        stop_sent = None
        while time.perf_counter() < until:
            frag = next(iter(st.auto), None)
            if frag is None:
                if stop_sent is None:
                    out["errors"].append("training ended before Stop")
                break
            if t_train is None and time.perf_counter() > until - 1.0:
                out["not_started"] += 1  # still queued (or the pool still starting) at the end
                break
            await asyncio.sleep(st.auto[frag])
            await st.rerun(fragment_id=frag, auto=True)
            for text in st.run_texts:
                m = RATE.search(text) or RATE_ZH.search(text)
                if m and "ms per step" in text:
                    rate = float(m.group(1))
                    t_train = t_train or time.perf_counter()
            if stop_sent is not None and st.stop_seen is not None:
                out["stop_shown"].append(st.stop_seen - stop_sent)
                break
            if stop_sent is None and t_train is not None \
                    and time.perf_counter() - t_train >= train_seconds:
                if rate is not None:
                    out["ms_per_step"].append(rate)
                stop = st.find("play_stop")
                if stop is None:
                    out["errors"].append("no Stop button while training")
                    break
                st.stop_seen = None
                stop_sent = time.perf_counter()
                await st.rerun(fragment_id=stop[3] or frag, trigger=stop[0])
                # the click's own run (its script_finished: a full page rerun follows once
                # the run has ended); "shown" is when the alert arrived, as a browser draws it
                out["stop_rerun"].append(time.perf_counter() - stop_sent)
                if st.stop_seen is not None:
                    out["stop_shown"].append(st.stop_seen - stop_sent)
                    break
    except Exception as e:  # noqa: BLE001
        st.errors.append(f"{type(e).__name__}: {e}")
    finally:
        out["errors"] += st.errors
        out["refs"] += st.refs
        out["bytes_in"] += st.bytes_in
        await st.close()


# ---------------------------------------------------------------------------- server
def cpu_s(pid: int | None) -> float | None:
    """CPU seconds the server process has used (user + system), None when unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, TypeError):
        return None


def wait_idle(pid: int | None, quiet_s: float = 3.0, timeout_s: float = 240.0) -> float:
    """Wait until the server's CPU time grows by < 5 % of `quiet_s` over `quiet_s` (its
    warm-up, started by the first session, has ended), at most `timeout_s`; the seconds
    waited."""
    start = time.perf_counter()
    last = cpu_s(pid)
    while last is not None and time.perf_counter() - start < timeout_s:
        time.sleep(quiet_s)
        now = cpu_s(pid)
        if now is None or now - last < 0.05 * quiet_s:
            break
        last = now
    return time.perf_counter() - start


def rss_mb(pid: int | None) -> float | None:
    """Resident memory of the server and its children (training workers), MB."""
    if pid is None:
        return None
    total = 0
    pids = [pid]
    try:
        kids = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True,
                              timeout=10).stdout.split()
        pids += [int(k) for k in kids]
    except (OSError, subprocess.SubprocessError):
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def start_server(port: int, extra: list[str], log: Path | None = None) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
           "--server.headless", "true", "--server.address", "127.0.0.1", *extra]
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
            raise RuntimeError(f"port {port} already serves something: pick another --port")
    except OSError:
        pass
    err = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - the server's
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=err, stderr=err, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"streamlit did not start on port {port}")


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q / 100 * (len(xs) - 1))))] if xs else float("nan")


async def run(args) -> dict:
    host = urllib.parse.urlparse(args.url.replace("ws", "http", 1)).hostname
    if host not in LOCAL_HOSTS:
        raise SystemExit("bench_load talks to 127.0.0.1 only")
    out = {"latency": [], "first_open": [], "errors": [], "ms_per_step": [], "stop_shown": [],
           "stop_rerun": [], "flood": [], "refs": 0, "bytes_in": 0,
           "moves": collections.Counter(), "not_started": 0,
           "by_move": collections.defaultdict(list), "latency_at": []}
    pages = args.pages.split(",")
    cpu0, server0 = time.process_time(), cpu_s(args.pid)
    start = out["t0"] = time.perf_counter()
    until = start + args.seconds
    tasks = []
    rss = {"start": rss_mb(args.pid), "peak": rss_mb(args.pid)}
    for i in range(args.students):
        if i < args.trainers:
            tasks.append(train(Student(args.url, "playground", args.lang), args.train_seconds,
                               until, out))
        else:
            burst = args.burst if i < args.trainers + args.flooders else 1
            tasks.append(browse(Student(args.url, pages[i % len(pages)], args.lang), until, out,
                                burst, args.fixed_T, args.only))

    async def sample_rss():
        while True:
            r = rss_mb(args.pid)
            if r is not None:
                rss["peak"] = max(rss["peak"], r)
            await asyncio.sleep(1.0)

    async def staggered(i, coro):
        await asyncio.sleep(args.ramp * i / max(1, args.students))
        await coro

    sampler = asyncio.create_task(sample_rss())
    await asyncio.gather(*(staggered(i, c) for i, c in enumerate(tasks)))
    load = Path("/proc/loadavg").read_text().split()[:3]
    cpu = {"students": round(time.process_time() - cpu0, 1),  # this simulator's share
           "server": None if server0 is None else round(cpu_s(args.pid) - server0, 1)}
    sampler.cancel()
    rss["during"] = rss_mb(args.pid)
    await asyncio.sleep(args.settle)
    rss["after_leave"] = rss_mb(args.pid)
    lat, first = out["latency"], out["first_open"]
    return {
        "students": args.students, "trainers": args.trainers, "seconds": args.seconds,
        "reruns": len(lat),
        "latency_ms": {"p50": 1000 * pct(lat, 50), "p95": 1000 * pct(lat, 95),
                       "max": 1000 * max(lat, default=float("nan"))},
        "first_open_ms": {"p50": 1000 * pct(first, 50), "p95": 1000 * pct(first, 95),
                          "max": 1000 * max(first, default=float("nan"))},
        "flooders": args.flooders, "burst": args.burst, "fixed_T": args.fixed_T,
        "flood_ms": {"p50": 1000 * pct(out["flood"], 50), "max": 1000 * max(out["flood"],
                                                                          default=float("nan"))},
        "errors": len(out["errors"]), "error_samples": out["errors"][:5],
        "train_ms_per_step": out["ms_per_step"], "trainers_not_started": out["not_started"],
        "stop_shown_s": [round(s, 3) for s in out["stop_shown"]],
        "stop_click_run_s": [round(s, 3) for s in out["stop_rerun"]],
        "moves": dict(out["moves"]), "cached_refs": out["refs"],
        "latency_by_move_ms": {k: {"n": len(v), "p50": round(1000 * pct(v, 50)),
                                   "p95": round(1000 * pct(v, 95))}
                               for k, v in sorted(out["by_move"].items())},
        # p50/p95 of the reruns asked for in each 10 s of the run: the class arriving (all first
        # opens within --ramp seconds) against the steady state after it
        "latency_by_10s_ms": _windows(out["latency_at"], 10.0),
        "mb_received": round(out["bytes_in"] / 2**20, 1),
        "rss_mb": {k: (round(v) if v is not None else None) for k, v in rss.items()},
        "loadavg": load, "cpu_s": cpu,
        "wall_s": round(time.perf_counter() - start, 1),
    }


# A fixed piece of pure-Python work (what a rerun mostly is: dicts, strings, calls), timed on
# this machine before a run: figures from machines of different speed (the same 2 cores can
# differ ~2x between two sessions' machines) are compared through it.
def calibrate(repeats: int = 5) -> float:
    """The least of `repeats` timings of the fixed work, in ms (one thread)."""
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        rows = [{"t": i, "x": i * 0.5, "name": f"row {i}"} for i in range(60_000)]
        json.loads(json.dumps(rows))
        sum(len(str(r)) for r in rows)
        best = min(best, time.perf_counter() - t0)
    return round(1000 * best, 1)


def cpu_model(cpuinfo: str) -> str:
    """The processor's name from /proc/cpuinfo's text ("?" where it names none)."""
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("model name", "Model", "cpu model") and value.strip():
            return value.strip()
    return "?"


def machine() -> dict:
    try:
        info = Path("/proc/cpuinfo").read_text()
    except OSError:
        info = ""
    return {"cpu": cpu_model(info), "cores": os.cpu_count(), "calib_ms": calibrate()}


def _windows(timed: list, width: float) -> list:
    """[start s, reruns, p50 ms, p95 ms] for each `width` seconds of (asked at, took) pairs."""
    rows = collections.defaultdict(list)
    for at, took in timed:
        rows[int(at // width)].append(took)
    return [[k * width, len(v), round(1000 * pct(v, 50)), round(1000 * pct(v, 95))]
            for k, v in sorted(rows.items())]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", default=None, help="ws://127.0.0.1:PORT (a server or the proxy)")
    ap.add_argument("--pid", type=int, default=None, help="the server's pid, for its RSS")
    ap.add_argument("--start", action="store_true", help="start a server for this run")
    ap.add_argument("--port", type=int, default=8647)
    ap.add_argument("--server-arg", action="append", default=[],
                    help="extra `streamlit run` option for --start, e.g. "
                         "--server-arg=--runner.postScriptGC=true")
    ap.add_argument("--server-log", type=Path, default=None, help="--start: its output here")
    ap.add_argument("--students", type=int, default=10)
    ap.add_argument("--trainers", type=int, default=0, help="of the students, how many train")
    ap.add_argument("--train-seconds", type=float, default=8.0)
    ap.add_argument("--flooders", type=int, default=0,
                    help="of the browsing students, how many hold a key down: each move sends "
                         "--burst reruns back to back (their times are reported apart)")
    ap.add_argument("--burst", type=int, default=30)
    ap.add_argument("--fixed-T", action="store_true",
                    help="students never move the sidebar's T (a class following the lecturer)")
    ap.add_argument("--only", default=None,
                    help="students move this control alone (a key of MOVES, e.g. T)")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--ramp", type=float, default=2.0, help="seconds over which students arrive")
    ap.add_argument("--settle", type=float, default=5.0,
                    help="seconds after everyone left before the last RSS reading")
    ap.add_argument("--pages", default="forward,sampling")
    ap.add_argument("--lang", default="en")
    ap.add_argument("--warm", type=int, default=1,
                    help="single-student warm-up runs per page, then a wait (pid known) until "
                         "the server idles: the warm-up its first session started has ended")
    ap.add_argument("--json", default=None, help="also write the result here")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # `timeout` still stops our server
    box = machine()  # before any load of ours
    args.students = max(1, min(args.students, MAX_STUDENTS))
    args.trainers = max(0, min(args.trainers, args.students))
    args.flooders = max(0, min(args.flooders, args.students - args.trainers))
    args.burst = max(1, min(args.burst, 200))
    args.seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    proc = None
    if args.start:
        proc = start_server(args.port, args.server_arg, args.server_log)
        args.url, args.pid = f"ws://127.0.0.1:{args.port}", proc.pid
    elif args.url is None:
        args.url = "ws://127.0.0.1:8501"
    try:
        if args.trainers and args.warm:  # one short run: the pool's workers start now
            warm = argparse.Namespace(**{**vars(args), "students": 1, "trainers": 1,
                                         "seconds": 180.0, "train_seconds": 0.0, "settle": 0.0})
            asyncio.run(run(warm))
        for page in args.pages.split(",")[: args.warm and 9]:  # warm the caches once per page
            warm = argparse.Namespace(**{**vars(args), "students": 1, "trainers": 0,
                                         "seconds": 1.0, "pages": page, "settle": 0.0})
            asyncio.run(run(warm))
        if args.warm:  # the first session started the server's warm-up: let it end first
            waited = wait_idle(args.pid)
            print(f"server idle after {waited:.0f} s of waiting", file=sys.stderr)
        res = asyncio.run(run(args))
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    res["machine"] = box
    print(json.dumps(res, indent=1, ensure_ascii=False))
    lat, fo = res["latency_ms"], res["first_open_ms"]
    print(f"{res['students']} students ({res['trainers']} training), {res['seconds']:.0f} s: "
          f"{res['reruns']} reruns, p50/p95/max {lat['p50']:.0f}/{lat['p95']:.0f}/"
          f"{lat['max']:.0f} ms; first open p50 {fo['p50']:.0f} ms; errors {res['errors']}; "
          f"RSS {res['rss_mb']}; load {' '.join(res['loadavg'])}; CPU s {res['cpu_s']}; "
          f"machine {box['cpu']}, {box['cores']} cores, calibration {box['calib_ms']} ms")
    if res["flooders"]:
        print(f"{res['flooders']} of them held a key down ({res['burst']} reruns per move): "
              f"burst done p50/max {res['flood_ms']['p50']:.0f}/{res['flood_ms']['max']:.0f} ms "
              f"(the others' figures above)")
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
