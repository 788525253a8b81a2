"""Every page in a real browser (Debian's chromium) against a real `streamlit run app.py`:
it loads in both languages, KaTeX renders, plotly charts render, moving a slider redraws a
chart, and no exception box appears anywhere. The same exception-box check is shown to fire
on a planted failure in tests/test_app.py. The playground trains and draws samples."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CHARTS_JS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
EXCEPTION_BOX = '[data-testid="stException"]'
MAIN = '[data-testid="stMain"]'
PLOT = ".js-plotly-plot .main-svg"
ZH = "?lang_label=%E4%B8%AD%E6%96%87"
# url path -> the main-area slider (by position) that drives a chart on that page
PAGES = {"": None, "probability": 0, "mle": 0, "elbo": 0, "forward": 0, "posterior": 0,
         "objective": 0, "epsstar": 0, "sampling": 0, "playground": None}
# every chart's DOM node marked, to tell after a slider move whether it was updated in place
MARK_JS = """() => { const g = document.querySelectorAll('.js-plotly-plot');
    g.forEach(e => { e.__kept = true; }); return g.length; }"""
KEPT_JS = "() => [...document.querySelectorAll('.js-plotly-plot')].map(e => e.__kept === true)"


def _settle(page, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished running the script (the running-man is gone)."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
    page.wait_for_timeout(300)


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1400, "height": 2600})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="domcontentloaded")
    page.locator(f"{MAIN} h1, {MAIN} h2").first.wait_for(timeout=60_000)
    _settle(page)
    return page, errors


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", list(PAGES))
def test_page_in_browser(app_server, browser, path, lang):
    url = f"{app_server}/{path}" + (ZH if lang == "zh" else "")
    page, errors = _open(browser, url)
    try:
        page.locator(f"{MAIN} .katex").first.wait_for(timeout=90_000)  # KaTeX rendered
        assert page.locator(f"{MAIN} .katex-error").count() == 0  # no LaTeX KaTeX rejected
        page.locator(PLOT).first.wait_for(timeout=90_000)  # plotly drew a chart
        assert page.locator(EXCEPTION_BOX).count() == 0
        if lang == "zh":
            assert page.locator(f"{MAIN} h1, {MAIN} h2").first.inner_text().strip()
        index = PAGES[path]
        if index is not None and lang == "en":
            before = page.evaluate(CHARTS_JS)
            n_charts = page.evaluate(MARK_JS)
            slider = page.locator(f'{MAIN} [data-testid="stSlider"] input[type="range"]').nth(index)
            slider.focus()
            at_max = slider.evaluate("e => Number(e.value) >= Number(e.max)")
            slider.press("Home" if at_max else "End")
            page.wait_for_function(f"(b) => ({CHARTS_JS})() !== b", arg=before,
                                   timeout=60_000)
            _settle(page)
            assert page.locator(EXCEPTION_BOX).count() == 0
            kept = page.evaluate(KEPT_JS)  # redrawn in place (Plotly.react), not rebuilt
            assert len(kept) != n_charts or all(kept), kept
        page.screenshot(path=str(ROOT / "tests" / f"_artifacts_{path or 'overview'}_{lang}.png"),
                        full_page=True)
        assert not errors, errors
    finally:
        page.close()


def test_playground_trains_with_progress_and_draws_samples(app_server, browser):
    page, errors = _open(browser, f"{app_server}/playground")
    try:
        steps = page.locator(f'{MAIN} [data-testid="stSlider"] input[type="range"]').nth(2)
        for _ in range(3):  # 3000 -> 500 steps
            steps.press("ArrowLeft")
        _settle(page)
        page.get_by_role("button", name="▶ Train").click()
        page.locator('[data-testid="stProgress"]').first.wait_for(timeout=30_000)
        page.get_by_text("Finished 500 steps").wait_for(timeout=120_000)
        page.get_by_text("samples of your model over the data").first.wait_for(timeout=60_000)
        _settle(page)
        assert page.locator(EXCEPTION_BOX).count() == 0
        page.screenshot(path=str(ROOT / "tests" / "_artifacts_playground_trained.png"),
                        full_page=True)
        assert not errors, errors
    finally:
        page.close()
