"""A test app for ui/gate.py: each run sleeps `sleep` ms (its work, holding the gate's slot)
and logs (session, whether the gate was in place when the run began, start, end) to the file
$GATE_LOG."""

import os
import time

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import gate

gated = gate.install_state()  # the gate applies from the run after the one installing it
gate.install()
ms = st.number_input("sleep", 0, 5000, 0, key="sleep")
t0 = time.monotonic()
time.sleep(ms / 1000)
t1 = time.monotonic()
with open(os.environ["GATE_LOG"], "a", encoding="utf-8") as f:
    f.write(f"{get_script_run_ctx().session_id} {int(gated)} {ms} {t0:.4f} {t1:.4f}\n")
st.write("done")
