"""Issue 12's page figures: `python3 scripts/bench_beyond2_pages.py [--repeats N] [--json PATH]`.

For each page of 'Beyond DDPM, part 2' (vae, autoreg, textdiff, t2i): the first render in
AppTest after the app is warm (an earlier session filled the caches), and the rerun after
moving each of the page's sliders to its ends (server side: AppTest reruns the whole script,
while in the app each slider sits in an st.fragment and reruns only its section, so this
bounds the real rerun from above) — scripts/bench_app.py's `bench_pages`, on these pages.
`--browser` adds bench_app's `bench_browser` on them: in chromium against a real server, a key
press on the page's first slider -> its chart redrawn (fragment rerun, round trip, paint).
Targets: first render ≤ 1.5 s, slider
rerun ≤ 150 ms (medians). Run it on an idle machine: every figure is wall-clock time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_app  # noqa: E402

PAGES = ["vae", "autoreg", "textdiff", "t2i"]


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--pages", nargs="+", default=PAGES, choices=PAGES)
    ap.add_argument("--json", default=None)
    ap.add_argument("--browser", action="store_true")
    args = ap.parse_args(argv)
    bench_app.PAGES = list(args.pages)
    res = bench_app.bench_pages(args.repeats)
    for page, r in list(res.items()):
        ok = r["first_render_s"] <= 1.5 and r["slider_rerun_s"] <= 0.15
        print(f"  {page:<11} {'within' if ok else 'OVER'} the targets (1.5 s, 0.150 s)")
    if args.browser:
        bench_app.BROWSER_PAGES = list(args.pages)
        res["browser_slider_s"] = bench_app.bench_browser(args.repeats)
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2))
    return res


if __name__ == "__main__":
    main()
