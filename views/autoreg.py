"""Beyond DDPM, 'Diffusion is autoregression' (issue 12). Placeholder: the page is being built."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t
from ui.nav import next_link, question

st.header(t("ar.title"))
question("ar.question")
next_link(__file__)
