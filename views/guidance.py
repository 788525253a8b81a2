"""Beyond DDPM: Guidance (issue 13). Being written."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t
from ui.nav import next_link, question

st.header(t("guid.title"))
question("guid.question")
st.info(t("guid.wip"))
next_link(__file__)
