"""DDPM, derived — the Streamlit entry point: st.navigation router and the shared frame.

The frame (language switch, schedule controls in the sidebar, both mirrored in the URL)
runs on every page; the derivation's pages come in `views/` (issue 3).

Streamlit runs this file as `__main__`. A process that multiprocessing's spawn starts (the
training workers, ui/training_job.py) runs the parent's `__main__` file again as `__mp_main__`
before its job: there the frame must not run (it would start the server's warm-up thread and
render the first page inside every worker, next to its training).
"""


NAV_KEY = "_nav_pages"  # session state: (language, the st.Page objects of st.navigation)


def main() -> None:
    import streamlit as st

    from ui import gate, serving
    from ui.compute import set_threads
    from ui.i18n import lang, t
    from ui.latex import wrap_display_formulas
    from ui.nav import PAGES as NAV_PAGES
    from ui.plot import STATIC_DIR, ensure_plotly_js
    from ui.sidebar import language_control, schedule_controls
    from ui.warmup import start as start_warmup

    gate.install()  # one script run at a time from the next run on (ui/gate.py)
    st.set_page_config(page_title="DDPM, derived", page_icon="🌫️", layout="wide")

    set_threads()
    ensure_plotly_js()  # static/plotly.min.js for charts that update in place (ui/plot.py)
    serving.install(STATIC_DIR)  # static/ as on disk, plotly.js from its gzip copy (ui/serving.py)
    start_warmup()
    wrap_display_formulas()  # a formula wider than the page breaks into lines (ui/latex.py)
    language_control()
    st.session_state["schedule_obj"] = schedule_controls()
    # The lecture's order, in sections (ui/nav.py): built once per session and language and
    # kept in its state (each st.Page resolves its file's real path: ~100 system calls for the
    # 17 pages, each letting go of the GIL, on every full rerun). Not shared between sessions:
    # st.navigation marks the page it returns on the object itself.
    built = st.session_state.get(NAV_KEY)
    if built is None or built[0] != lang():
        sections: dict[str, list] = {}
        for i, p in enumerate(NAV_PAGES):
            sections.setdefault(t(f"nav.section.{p.section}"), []).append(
                st.Page(p.path, title=t(f"nav.{p.key}"), icon=p.icon, default=(i == 0)))
        built = (lang(), sections)
        st.session_state[NAV_KEY] = built
    sections = built[1]
    st.navigation(sections if len(sections) > 1 else next(iter(sections.values()))).run()


if __name__ != "__mp_main__":
    main()
