"""Placeholder: this page is being written."""

import streamlit as st

from ui.i18n import t

st.header(t("nav.sampling"))
