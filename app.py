"""DDPM, derived — the Streamlit entry point: st.navigation router and the shared frame.

The frame (language switch, schedule controls in the sidebar, both mirrored in the URL)
runs on every page; the derivation's pages come in `views/` (issue 3).
"""

import streamlit as st

from ui.compute import set_threads
from ui.i18n import t
from ui.nav import PAGES as NAV_PAGES
from ui.plot import ensure_plotly_js
from ui.sidebar import language_control, schedule_controls
from ui.warmup import start as start_warmup

st.set_page_config(page_title="DDPM, derived", page_icon="🌫️", layout="wide")


set_threads()
ensure_plotly_js()  # static/plotly.min.js for charts that update in place (ui/plot.py)
start_warmup()
language_control()
st.session_state["schedule_obj"] = schedule_controls()
SECTIONS: dict[str, list] = {}  # the lecture's order, in sections: ui/nav.py
for i, p in enumerate(NAV_PAGES):
    SECTIONS.setdefault(t(f"nav.section.{p.section}"), []).append(
        st.Page(p.path, title=t(f"nav.{p.key}"), icon=p.icon, default=(i == 0)))
st.navigation(SECTIONS if len(SECTIONS) > 1 else next(iter(SECTIONS.values()))).run()
