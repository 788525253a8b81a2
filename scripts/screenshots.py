"""Screenshots of pages as a user sees them: a real `streamlit run app.py`, Debian's chromium,
1280×720 and 390×844, English and Chinese. For each, the first screen
(NAME.png) and the whole page (NAME.full.png) go to --out (default /tmp/shots).

    python3 scripts/screenshots.py forward posterior      # url paths; "" is the overview
    python3 scripts/screenshots.py --all
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from conftest import CHROMIUM, CHROMIUM_ARGS, _free_port, start_server, wait_healthy  # noqa: E402

SIZES = {"wide": (1280, 720), "phone": (390, 844)}
ZH = "lang_label=%E4%B8%AD%E6%96%87"


def _settle(page) -> None:
    """Wait (bounded) until nothing is still coming: no running script, no spinner (slow parts
    run under st.spinner, sometimes in fragments the status widget does not show), no skeleton
    (charts and tables fill in after the script ends)."""
    busy = ("() => !document.querySelector('[data-testid=\"stStatusWidget\"], "
            "[data-testid=\"stSpinner\"], [data-testid=\"stSkeleton\"]')")
    for _ in range(2):  # a fragment may start right after the first quiet moment
        try:
            page.wait_for_function(busy, timeout=120_000)
        except Exception:  # noqa: BLE001 - screenshot what is there
            pass
        page.wait_for_timeout(1500)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--out", default="/tmp/shots")
    ap.add_argument("--query", default="", help="extra query string, e.g. T=100")
    ap.add_argument("--langs", default="en,zh")
    ap.add_argument("--sizes", default="wide,phone")
    args = ap.parse_args()
    from ui.nav import PAGES

    paths = [p.path.removeprefix("views/").removesuffix(".py") for p in PAGES] if args.all \
        else args.paths
    paths = ["" if p == "overview" else p for p in paths]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    proc = start_server(ROOT / "app.py", port)
    from playwright.sync_api import sync_playwright

    try:
        wait_healthy(port, 60)
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for path in paths:
                for lang in args.langs.split(","):
                    for size in args.sizes.split(","):
                        w, h = SIZES[size]
                        page = b.new_page(viewport={"width": w, "height": h})
                        q = "&".join(x for x in (ZH if lang == "zh" else "", args.query) if x)
                        page.goto(f"http://127.0.0.1:{port}/{path}" + (f"?{q}" if q else ""))
                        page.locator('[data-testid="stMain"] h1, [data-testid="stMain"] h2'
                                     ).first.wait_for(timeout=90_000)
                        page.wait_for_function(
                            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                            timeout=120_000)
                        _settle(page)
                        errs = page.locator('[data-testid="stException"]').count()
                        name = out / f"{path or 'overview'}-{lang}-{size}.png"
                        page.screenshot(path=str(name))  # the first screen, as a user sees it
                        # then the whole page: Streamlit scrolls inside its main container, so
                        # the viewport is made as tall as the content
                        full = page.evaluate("() => Math.max(...[...document.querySelectorAll("
                                             "'*')].map(e => e.scrollHeight))")
                        page.set_viewport_size({"width": w, "height": min(int(full), 20000)})
                        _settle(page)
                        page.screenshot(path=str(name.with_suffix(".full.png")))
                        print(f"{name}  exception boxes: {errs}")
                        page.close()
            b.close()
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
