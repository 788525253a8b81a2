"""Page speed of 'Beyond DDPM, part 1' (issue 13): `python3 scripts/bench_beyond.py`.

    python3 scripts/bench_beyond.py [--pages variance sde guidance] [--repeats 3] [--cold]
                                    [--root DIR] [--json PATH]

For each page, in AppTest (server side, no browser):
- cold: the first render in a fresh process with empty caches (what the start-up warm-up,
  ui/warmup.py, saves the first student) — only with --cold;
- first render warm: a new session after an earlier one filled the shared caches (median);
- slider rerun: a whole-script rerun after moving each slider of the page to its first and
  last option (median). AppTest reruns the whole script; in the real server a slider inside
  an st.fragment reruns only the fragment, so this is an upper bound for those. A page that
  fills whole slider grids in the background (`ui.fig_<page>.GRIDS`, the guidance page's
  scale grid) is first given up to --grid-wait seconds to finish them (the wait is printed);
  --grid-wait 0 measures the reruns before the grid is there.
Targets (issue 13): first render ≤ 1.5 s warm, slider rerun ≤ 150 ms. Every figure is wall
clock: on a shared machine quote medians and compare runs made side by side.
`--root` runs another checkout's app (a before/after comparison from one script).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

PAGES = ("variance", "sde", "guidance")


def _setup(root: Path):
    sys.path[:0] = [str(root), str(root / "tests")]
    from streamlit.runtime.scriptrunner import script_cache

    compiled: dict = {}
    get = script_cache.ScriptCache.get_bytecode

    def cached(self, path):  # a real server compiles each page once
        if path not in compiled:
            compiled[path] = get(self, path)
        return compiled[path]

    script_cache.ScriptCache.get_bytecode = cached


def _open(root: Path, page: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(root / "app.py"), default_timeout=600)
    at.run()
    t0 = time.perf_counter()
    at.switch_page(f"views/{page}.py").run()
    dt = time.perf_counter() - t0
    assert not at.exception, (page, at.exception)
    return at, dt


def _wait_grids(page: str, timeout: float) -> float | None:
    """Seconds until the page's background grid store is idle (None: the page has none)."""
    store = getattr(sys.modules.get(f"ui.fig_{page}"), "GRIDS", None)
    if store is None or timeout <= 0:
        return None
    t0 = time.perf_counter()
    if not store.wait_idle(timeout):
        print(f"{page}: the background grids were not done after {timeout:g} s", flush=True)
    return time.perf_counter() - t0


def bench_page(root: Path, page: str, repeats: int, cold: bool, grid_wait: float = 600.0,
               only: list[str] | None = None) -> dict:
    out: dict = {}
    t_cold = _open(root, page)[1]
    if cold:
        out["cold_first_render_s"] = t_cold
    firsts = [_open(root, page)[1] for _ in range(repeats)]
    at, _ = _open(root, page)
    out["grid_wait_s"] = _wait_grids(page, grid_wait)
    reruns: dict[str, list[float]] = {}
    for s in list(at.slider) + list(at.select_slider):
        if getattr(s, "disabled", False) or (only and (s.key or s.label) not in only):
            continue
        options = getattr(s, "options", None)
        values = (options[0], options[-1]) if options else (s.min, s.max)
        key = s.key or s.label
        for v in values * max(1, repeats // 2):
            s.set_value(type(s.value)(v) if options else v)
            t0 = time.perf_counter()
            at.run()
            reruns.setdefault(key, []).append(time.perf_counter() - t0)
            assert not at.exception, (page, key, at.exception)
        # and back to the default, so the next slider starts from the default page
        s.set_value(s.value)
    every = [x for v in reruns.values() for x in v]
    out.update({"first_render_s": statistics.median(firsts),
                "first_render_all_s": [round(x, 3) for x in firsts],
                "slider_rerun_s": statistics.median(every) if every else None,
                "per_slider_s": {k: round(statistics.median(v), 3) for k, v in reruns.items()}})
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", nargs="+", default=list(PAGES), choices=PAGES)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--cold", action="store_true", help="also the first render with empty caches")
    ap.add_argument("--root", default=str(Path(__file__).resolve().parent.parent))
    ap.add_argument("--json", default=None)
    ap.add_argument("--grid-wait", type=float, default=600.0,
                    help="seconds to wait for a page's background grids before the reruns")
    ap.add_argument("--sliders", nargs="+", default=None, help="only these slider keys")
    args = ap.parse_args(argv)
    root = Path(args.root).resolve()
    _setup(root)
    import torch

    torch.set_num_threads(1)
    res = {}
    for page in args.pages:
        res[page] = r = bench_page(root, page, args.repeats, args.cold, args.grid_wait,
                                   args.sliders)
        cold = f"cold {r['cold_first_render_s']:.2f} s, " if "cold_first_render_s" in r else ""
        rr = r["slider_rerun_s"]
        if r["grid_wait_s"] is not None:
            print(f"{page:<9} waited {r['grid_wait_s']:.1f} s for the background grids")
        print(f"{page:<9} {cold}first render (warm) {r['first_render_s']:.3f} s, slider rerun "
              f"{'-' if rr is None else round(rr, 3)} s {r['per_slider_s']}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2))
    return res


if __name__ == "__main__":
    main()
