"""Beyond DDPM: The optimal reverse variance (issue 13). Being written."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t
from ui.nav import next_link, question

st.header(t("var.title"))
question("var.question")
st.info(t("var.wip"))
next_link(__file__)
