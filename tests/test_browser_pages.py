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
# (forward: the shift slider; sampling: S — their t is the player's, tested below)
PAGES = {"": None, "probability": 0, "mle": 0, "elbo": 0, "forward": 0, "posterior": 0,
         "objective": 0, "epsstar": 0, "sampling": 0, "playground": None,
         "variance": None, "sde": None, "guidance": None, "vae": None, "autoreg": None,
         "textdiff": None, "t2i": None}
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
        # nor an unknown command (e.g. "\\quaddx" for "\\quad" + "dx"): KaTeX draws it in red
        assert page.locator(f"{MAIN} .katex mstyle[mathcolor='#cc0000']").count() == 0
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


# at a phone's width (issue 10, item 7): every display equation fits its column, broken into lines
# where it is wider (ui.latex.WRAP_DISPLAY_CSS; before, 38 of them on two pages were cut at the
# screen's edge, their box scrolling sideways with no sign of more); no chart's title or subplot
# title runs past the screen's edge, and no two of a chart's titles and labels overlap (a long
# title is wrapped, in the browser, ui/plot.narrow); no formula is a KaTeX error, and none is
# broken into lines inside a pair of brackets (the pages' brackets are held in braces,
# ui.latex.unbroken_brackets). 3 px of slack: a formula broken into
# lines measures 2 px past its box (KaTeX's last piece), nothing a reader sees
PHONE_EQS = """() => [...document.querySelectorAll('[data-testid="stMain"] .katex-display')]
  .filter(e => e.scrollWidth > e.clientWidth + 3 || e.getBoundingClientRect().right >
    document.documentElement.clientWidth + 1)
  .map(e => e.scrollWidth + '>' + e.clientWidth + ' ' + e.innerText.slice(0, 40))
  .concat([...document.querySelectorAll('[data-testid="stMain"] .katex-error')]
    .map(e => 'KaTeX error: ' + e.title))
  .concat([...document.querySelectorAll('[data-testid="stMain"] .katex-display')].flatMap(e => {
    // KaTeX's top-level pieces (.base): a new line starting while a bracket is open
    const bases = [...e.querySelectorAll('.katex-html > .base')];
    const tops = bases.map(b => b.getBoundingClientRect().top);
    let depth = 0;
    return bases.flatMap((b, i) => {
      depth += b.querySelectorAll(':scope > .mopen').length
        - b.querySelectorAll(':scope > .mclose').length;
      return i + 1 < bases.length && tops[i + 1] > tops[i] + 4 && depth > 0
        ? ['broken inside brackets: ' + e.innerText.slice(0, 40)] : [];
    });
  }))"""
PHONE_TITLES = """() => { const vw = document.documentElement.clientWidth, out = [];
  document.querySelectorAll('.js-plotly-plot').forEach(g => {
    const a = [...g.querySelectorAll('.annotation-text, .gtitle')].map(e => {
      const r = e.getBoundingClientRect();
      return {l: r.left, r: r.right, t: r.top, b: r.bottom, s: e.textContent.slice(0, 30)}; });
    a.forEach((p, i) => {
      if (p.r > vw + 1 || p.l < -1) out.push('past the edge: ' + p.s);
      a.slice(i + 1).forEach(q => {
        if (p.r > q.l + 1 && q.r > p.l + 1 && p.b > q.t + 1 && q.b > p.t + 1)
          out.push('overlap: ' + p.s + ' / ' + q.s); }); }); });
  return out; }"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_phone_width_equations_and_titles_fit(app_server, browser, lang):
    bad = {}
    for path in PAGES:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        try:
            page.goto(f"{app_server}/{path}" + (ZH if lang == "zh" else ""),
                      wait_until="domcontentloaded")
            page.locator(f"{MAIN} h1, {MAIN} h2").first.wait_for(timeout=60_000)
            _settle(page, 180_000)
            page.locator(PLOT).first.wait_for(timeout=90_000)
            page.wait_for_timeout(1000)  # the last charts' plotly.js layout
            found = page.evaluate(PHONE_EQS) + page.evaluate(PHONE_TITLES)
            if found:
                bad[path or "overview"] = found
        finally:
            page.close()
    assert not bad, bad


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


# ------------------------------------------------------------------ the player (ui/plot.py)
# Scrubbing, stepping and playing draw the frames in the browser; the server hears of it only
# when the user lets go (one rerun). Every wait has a timeout; nothing is timed.
def open_player(browser, url: str, title: str | None = None, viewport=(1280, 720)):
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    page.__sent = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda f: page.__sent.append(f)))
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function("() => window.__ddpmPlayer && window.__ddpmPlayer.gd.dataset.frame",
                           timeout=180_000)
    if title:
        page.locator(".js-plotly-plot").first.get_by_text(title).wait_for(timeout=120_000)
    _settle(page, 180_000)
    page.locator(".ddpm-ctl").first.evaluate("e => e.scrollIntoView({block: 'start'})")
    return page


def sent_counter(page):
    """The number of messages the browser has sent to the server so far (a rerun is one)."""
    return lambda: len(page.__sent)


def frame_of(page) -> str:
    return page.evaluate("window.__ddpmPlayer.gd.dataset.frame")


def _watch_status(page) -> None:
    """Flag whether Streamlit's running indicator ever shows from now on."""
    page.evaluate("""() => { window.__ddpmRan = false;
        const o = new MutationObserver(() => {
            if (document.querySelector('[data-testid="stStatusWidget"]')) window.__ddpmRan = true;
        });
        o.observe(document.body, {childList: true, subtree: true}); window.__ddpmObs = o; }""")


def test_forward_scrub_draws_in_the_browser_without_a_rerun(app_server, browser):
    """Dragging the forward page's t control paints frame after frame with no message to the
    server and no script run; letting go reports the t once (the field, the URL, the LaTeX
    line follow); the link reproduces the view in a fresh browser context."""
    page = open_player(browser, f"{app_server}/forward?T=1000")
    try:
        sent = sent_counter(page)
        labels = page.evaluate("window.__ddpmPlayer.fig.player.labels")
        assert labels[0] == 1 and labels[-1] == 1000 and len(labels) >= 30
        ctl = page.locator(".ddpm-ctl input[type=range]").first
        box = ctl.bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= 720
        plot_box = page.locator(".ddpm-plot").first.bounding_box()
        assert plot_box["y"] > box["y"]  # the control sits above the figure it drives
        page.evaluate("window.__ddpmPaints = []")
        _watch_status(page)
        n0 = sent()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + 4, y)
        page.mouse.down()
        seen = set()
        for k in range(1, 21):  # 20 positions along the slider, each waited for
            page.mouse.move(box["x"] + 4 + (box["width"] - 8) * k / 20, y)
            page.wait_for_function(
                "() => { const S = window.__ddpmPlayer; return !S.busy && !S.dirty && "
                "S.gd.dataset.frame === String(S.fig.player.labels[S.idx]); }", timeout=30_000)
            seen.add(frame_of(page))
        assert sent() == n0, "a message went to the server while dragging"
        assert not page.evaluate("window.__ddpmRan"), "Streamlit ran the script while dragging"
        assert len(seen) >= 15, seen  # one distinct frame per position
        page.mouse.up()
        last = frame_of(page)
        page.wait_for_function(
            "(v) => [...document.querySelectorAll('[data-testid=\"stNumberInput\"] input')]"
            ".some(e => e.value === v)", arg=last, timeout=60_000)
        assert sent() > n0  # reported once let go
        page.wait_for_function("(v) => location.search.includes('forward_t=' + v)", arg=last,
                               timeout=30_000)
        page.get_by_text(f"t = {last}").first.wait_for(timeout=60_000)
        url = page.url
        assert page.locator(EXCEPTION_BOX).count() == 0
    finally:
        page.close()
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    fresh = ctx.new_page()
    try:  # a copied link, opened in a fresh browser: the same t, the same frame
        fresh.goto(url, wait_until="domcontentloaded")
        fresh.wait_for_function("(v) => window.__ddpmPlayer && "
                                "window.__ddpmPlayer.gd.dataset.frame === v", arg=last,
                                timeout=180_000)
        # the field follows once Streamlit has applied the link (it may first draw its default)
        fresh.wait_for_function(
            "(v) => [...document.querySelectorAll('[data-testid=\"stNumberInput\"] input')]"
            ".some(e => e.value === v)", arg=last, timeout=60_000)
    finally:
        ctx.close()


def test_player_keys_step_and_space_plays_on_the_forward_page(app_server, browser):
    page = open_player(browser, f"{app_server}/forward?T=50")
    try:
        page.evaluate("document.activeElement && document.activeElement.blur()")
        assert page.locator(".ddpm-hint").count() == 1  # the keys, shown once
        for key, want in (("End", "1"), ("ArrowRight", "2"), ("Shift+ArrowRight", "12"),
                          ("ArrowLeft", "11"), ("Home", "50")):
            page.keyboard.press(key)
            page.wait_for_function("(v) => window.__ddpmPlayer.gd.dataset.frame === v",
                                   arg=want, timeout=30_000)
        page.keyboard.press("End")
        page.wait_for_function("() => window.__ddpmPlayer.gd.dataset.frame === '1'",
                               timeout=30_000)
        page.evaluate("window.__ddpmPaints = []")
        page.keyboard.press(" ")
        page.wait_for_function("() => window.__ddpmPlayer.gd.dataset.frame === '50'",
                               timeout=120_000)
        paints = page.evaluate("window.__ddpmPaints")
        assert len({p["frame"] for p in paints}) >= 5
        dt = (paints[-1]["t"] - paints[0]["t"]) / 1000
        print(f"forward play: {len(paints)} frames in {dt:.2f} s "
              f"({(len(paints) - 1) / max(dt, 1e-9):.1f} per s, page clock)")
        # a focused field keeps its keys: typing in the t field does not move the player
        field = page.locator('[data-testid="stNumberInput"] input').first
        field.focus()
        page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(300)
        assert frame_of(page) == "50"
        assert page.locator(EXCEPTION_BOX).count() == 0
    finally:
        page.close()


@pytest.mark.parametrize("path", ["forward?forward_present=true",
                                  "sampling?T=100&scale=true&sampling_n_2d=250"
                                  "&sampling_present=true"])
def test_presentation_mode_fits_1280x720(app_server, browser, path):
    """Presentation mode (a toggle, in the URL): no sidebar, chart fonts ≥ 18 px, and the t
    control with the figure it drives inside a 1280×720 window."""
    page = open_player(browser, f"{app_server}/{path}")
    try:
        page.wait_for_function("() => document.body.classList.contains('ddpm-present')",
                               timeout=60_000)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        page.locator(".ddpm-ctl").first.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        ctl = page.locator(".ddpm-ctl").first.bounding_box()
        fig = page.locator(".ddpm-plot").first.bounding_box()
        assert ctl["y"] >= -1 and fig["y"] >= ctl["y"]
        assert fig["y"] + fig["height"] <= 720 and fig["x"] + fig["width"] <= 1280, fig
        sizes = page.evaluate("""() => [...window.__ddpmPlayer.gd.querySelectorAll(
            '.annotation-text, .xtick text, .ytick text, .legendtext')]
            .map(e => parseFloat(e.style.fontSize || getComputedStyle(e).fontSize))""")
        assert sizes and min(sizes) >= 18, sizes
        assert page.locator(EXCEPTION_BOX).count() == 0
    finally:
        page.close()


# ------------------------------------------------------------------ a link to any view
def _label(key: str, lang: str, **kw) -> str:
    from ui.i18n import catalog

    return catalog()[key][lang].format(**kw)


def test_copied_link_reproduces_the_view_in_a_fresh_browser(app_server, browser):
    """Settings chosen in Chinese on the sampling page (model, seed, sampler, t) and the
    sidebar's T go into the link the copy button gives; a fresh browser context (no session,
    no cookies) opening it in English shows the same view. Without a clipboard the button
    shows the link to copy by hand."""
    from ui.i18n import catalog

    def dataset_name(name: str, lang: str) -> str:
        return catalog()[f"data.{name}"][lang]

    ctx = browser.new_context(viewport={"width": 1280, "height": 900},
                              permissions=["clipboard-read", "clipboard-write"])
    page = ctx.new_page()
    try:
        page.goto(f"{app_server}/sampling{ZH}&T=100&sampling_n_2d=250",
                  wait_until="domcontentloaded")
        page.wait_for_function("() => window.__ddpmPlayer && window.__ddpmPlayer.gd.dataset.frame",
                               timeout=180_000)
        _settle(page, 180_000)
        # the model: the exact ε* (a translated label in the list; its id in the URL)
        box = page.locator(f'{MAIN} [data-testid="stSelectbox"]').filter(
            has_text=_label("sampling.model", "zh")).first
        box.click()
        oracle = _label("sampling.model_oracle", "zh", data=dataset_name("8gaussians", "zh"))
        page.get_by_role("option", name=oracle).click()
        _settle(page, 180_000)
        seed = page.get_by_label(_label("sampling.seed", "zh"), exact=True).and_(
            page.get_by_test_id("stNumberInputField"))
        seed.fill("7")
        seed.press("Enter")
        _settle(page, 180_000)
        page.locator(f'{MAIN} [data-testid="stRadio"]').get_by_text(
            _label("sampling.sampler.ddim", "zh")).click()
        _settle(page, 180_000)
        page.wait_for_function("() => window.__ddpmPlayer && window.__ddpmPlayer.gd.dataset.frame",
                               timeout=180_000)
        page.locator(".ddpm-ctl .ddpm-play").first.wait_for(timeout=60_000)
        page.wait_for_function("() => window.__ddpmPlayer.P && !window.__ddpmPlayer.busy",
                               timeout=60_000)  # the DDIM chain's player has drawn
        page.evaluate("document.activeElement && document.activeElement.blur()")  # keys: t
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("() => { const S = window.__ddpmPlayer; return !S.busy && "
                               "!S.dirty && S.gd.dataset.frame !== '100'; }", timeout=30_000)
        want_t = frame_of(page)  # the keys moved t off x_T
        page.wait_for_function("(v) => new URL(location.href).searchParams.get('sampling_t')"
                               " === v", arg=want_t, timeout=60_000)
        _settle(page, 180_000)
        page.locator(".ddpm-copy-link").first.click()
        page.locator(".ddpm-link-note").first.wait_for(timeout=10_000)
        link = page.evaluate("navigator.clipboard.readText()")
        assert link == page.url
        q = dict(p.split("=", 1) for p in link.split("?", 1)[1].split("&"))
        assert q["sampling_model"] == "oracle" and q["sampling_seed"] == "7"
        assert q["sampling_sampler"] == "ddim" and q["T"] == "100"
        # no clipboard (a page over plain http from another machine): the link, to copy
        page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
        page.locator(".ddpm-copy-link").first.click()
        assert page.locator(".ddpm-link-field").first.input_value() == link
        assert page.locator(".ddpm-link-field").first.is_visible()
    finally:
        ctx.close()
    fresh = browser.new_context(viewport={"width": 1280, "height": 900})
    page = fresh.new_page()
    try:
        en_link = link.replace("lang_label=%E4%B8%AD%E6%96%87", "lang_label=English")
        page.goto(en_link, wait_until="domcontentloaded")
        page.wait_for_function("() => window.__ddpmPlayer && window.__ddpmPlayer.gd.dataset.frame",
                               timeout=180_000)
        _settle(page, 180_000)
        assert frame_of(page) == want_t
        assert page.get_by_label("Seed", exact=True).and_(
            page.get_by_test_id("stNumberInputField")).input_value() == "7"
        model = page.locator(f'{MAIN} [data-testid="stSelectbox"]').filter(has_text="Model").first
        assert _label("sampling.model_oracle", "en", data=dataset_name("8gaussians", "en")) \
            in model.evaluate("e => e.innerText + ' ' + [...e.querySelectorAll('input')]"
                              ".map(i => i.value).join(' ')")
        ddim = page.locator(f'{MAIN} [data-testid="stRadio"] label').filter(
            has_text=_label("sampling.sampler.ddim", "en")).first
        assert ddim.locator("input").is_checked()
        assert page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').first \
            .get_by_text("100").count() >= 1  # the sidebar's T
        assert page.locator(EXCEPTION_BOX).count() == 0
        assert not page.locator('[data-testid="stSidebar"] [data-testid="stAlert"]').filter(
            has_text="URL").count()
    finally:
        fresh.close()
