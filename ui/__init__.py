"""Streamlit-side shared pieces: i18n catalog, sidebar controls (never imported by ddpm_core)."""
