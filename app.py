"""DDPM, derived — the Streamlit entry point: st.navigation router and the shared frame.

The frame (language switch, schedule controls in the sidebar, both mirrored in the URL)
runs on every page; the derivation's pages come in `views/` (issue 3).
"""

import streamlit as st

from ui.compute import set_threads
from ui.i18n import t
from ui.plot import ensure_plotly_js
from ui.sidebar import language_control, schedule_controls
from ui.warmup import start as start_warmup

st.set_page_config(page_title="DDPM, derived", page_icon="🌫️", layout="wide")


set_threads()
ensure_plotly_js()  # static/plotly.min.js for charts that update in place (ui/plot.py)
start_warmup()
language_control()
st.session_state["schedule_obj"] = schedule_controls()
PAGES = [  # the lecture's order (DESIGN.md); icons are emoji so nothing is fetched
    st.Page("views/overview.py", title=t("nav.overview"), icon="🏠", default=True),
    st.Page("views/mle.py", title=t("nav.mle"), icon="📈"),
    st.Page("views/elbo.py", title=t("nav.elbo"), icon="🧱"),
    st.Page("views/forward.py", title=t("nav.forward"), icon="➡️"),
    st.Page("views/posterior.py", title=t("nav.posterior"), icon="🔁"),
    st.Page("views/objective.py", title=t("nav.objective"), icon="🎯"),
    st.Page("views/sampling.py", title=t("nav.sampling"), icon="🎞️"),
    st.Page("views/playground.py", title=t("nav.playground"), icon="🛝"),
]
st.navigation(PAGES).run()
