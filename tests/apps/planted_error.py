"""A page that fails on purpose: the browser test's exception check must see it."""

import streamlit as st

st.title("planted")
raise RuntimeError("planted failure for the browser test")
