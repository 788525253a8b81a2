"""Placeholder: this page is being written (issue 3)."""

import streamlit as st

from ui.i18n import t

st.header(t("nav.posterior"))
