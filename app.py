"""DDPM, derived — the Streamlit entry point: st.navigation router and the shared frame.

The frame (language switch, schedule controls in the sidebar, both mirrored in the URL)
runs on every page; the derivation's pages come in `views/` (issue 3).
"""

import streamlit as st

from ui.i18n import t
from ui.sidebar import language_control, schedule_controls

st.set_page_config(page_title="DDPM, derived", page_icon="🌫️", layout="wide")


def overview() -> None:
    sched = st.session_state["schedule_obj"]
    st.title(t("app.title"))
    st.write(t("app.tagline"))
    T = sched.T
    mantissa, exponent = f"{float(sched.alpha_bars[T]):.6e}".split("e")
    value = mantissa if int(exponent) == 0 else rf"{mantissa} \times 10^{{{int(exponent)}}}"
    st.latex(r"\bar\alpha_T = \prod_{t=1}^{T} (1-\beta_t) = " + value)


language_control()
st.session_state["schedule_obj"] = schedule_controls()
PAGES = [
    st.Page(overview, title=t("nav.overview"), icon="🏠", default=True),
    st.Page("views/forward.py", title=t("nav.forward"), icon="➡️"),
    st.Page("views/posterior.py", title=t("nav.posterior"), icon="🔁"),
    st.Page("views/objective.py", title=t("nav.objective"), icon="🎯"),
]
st.navigation(PAGES).run()
