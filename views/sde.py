"""Beyond DDPM: SDE and ODE (issue 13). Being written."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t
from ui.nav import next_link, question

st.header(t("sde.title"))
question("sde.question")
st.info(t("sde.wip"))
next_link(__file__)
