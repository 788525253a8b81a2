"""The app frame: in-process (AppTest) and in a real browser against a real server."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
EXCEPTION_BOX = '[data-testid="stException"]'  # Streamlit's red traceback box


def test_app_renders_engine_value():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    assert any(r"4.035830 \times 10^{-5}" in el.value for el in at.latex)  # ᾱ_1000 by ddpm_core
    at.slider[0].set_value(1).run()
    assert not at.exception
    assert any(r"9.999000 \times 10^{-1}" in el.value for el in at.latex)


@pytest.mark.browser
def test_app_in_browser(app_server, browser):
    page = browser.new_page()
    page.goto(app_server, wait_until="networkidle")
    page.get_by_text("DDPM, derived").first.wait_for(timeout=20_000)
    formula = page.locator(".katex-html", has_text="4.035830").first
    formula.wait_for(timeout=20_000)  # KaTeX rendered the engine's ᾱ_T
    # move the T slider to its minimum with the keyboard: the formula is redrawn (ᾱ_1 = 0.9999)
    page.locator('[data-testid="stSlider"] input[type="range"]').first.press("Home")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.katex-html')]"
        ".some(e => e.innerText.includes('9.999000'))", timeout=20_000)
    assert "T=1" in page.url  # the setting is in the URL, ready to share
    assert page.locator(EXCEPTION_BOX).count() == 0
    page.screenshot(path=str(ROOT / "tests" / "_artifacts_app.png"), full_page=True)
    page.goto(app_server + "/?lang_label=%E4%B8%AD%E6%96%87", wait_until="networkidle")
    page.get_by_text("DDPM 推导").first.wait_for(timeout=20_000)
    assert page.locator(EXCEPTION_BOX).count() == 0
    page.close()


@pytest.mark.browser
def test_a_chinese_browser_gets_chinese_by_default(app_server, browser):
    """No language in the URL: a browser whose locale is zh-CN gets the Chinese interface,
    an en-US one the English."""
    for locale, title in (("zh-CN", "DDPM 推导"), ("en-US", "DDPM, derived")):
        ctx = browser.new_context(locale=locale)
        try:
            page = ctx.new_page()
            page.goto(app_server, wait_until="domcontentloaded")
            page.locator("h1", has_text=title).first.wait_for(timeout=60_000)
            assert page.locator(EXCEPTION_BOX).count() == 0
        finally:
            ctx.close()


@pytest.mark.browser
def test_browser_check_catches_a_planted_exception(browser):
    """The same exception-box check as above, against a page that raises: it must fire."""
    from conftest import _free_port, start_server, wait_healthy

    port = _free_port()
    proc = start_server(ROOT / "tests" / "apps" / "planted_error.py", port)
    try:
        wait_healthy(port)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}", wait_until="networkidle")
        page.locator(EXCEPTION_BOX).first.wait_for(timeout=20_000)
        assert page.locator(EXCEPTION_BOX).count() >= 1
        assert "planted failure" in page.locator(EXCEPTION_BOX).first.inner_text()
        page.close()
    finally:
        proc.terminate()
        proc.wait(10)
