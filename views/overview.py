"""Page 1: Overview (being written: Algorithms 1 and 2, the derivation map, the hero)."""

import streamlit as st

from ui.i18n import t

sched = st.session_state["schedule_obj"]
st.title(t("app.title"))
st.write(t("app.tagline"))
T = sched.T
mantissa, exponent = f"{float(sched.alpha_bars[T]):.6e}".split("e")
value = mantissa if int(exponent) == 0 else rf"{mantissa} \times 10^{{{int(exponent)}}}"
st.latex(r"\bar\alpha_T = \prod_{t=1}^{T} (1-\beta_t) = " + value)
