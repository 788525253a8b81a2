"""The app frame: in-process (AppTest) and in a real browser against a real server."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


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
    page.locator(".katex").first.wait_for(timeout=20_000)  # KaTeX rendered the formula
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(ROOT / "tests" / "_artifacts_app.png"), full_page=True)
    page.close()
