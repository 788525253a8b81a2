"""DDPM, derived — the Streamlit entry point (st.navigation router).

The pages of the derivation arrive in their own issue; for now the app shows
that the engine is live: the schedule the sidebar describes, computed by ddpm_core.
"""

import streamlit as st

st.set_page_config(page_title="DDPM, derived", page_icon="🌫️", layout="wide")


def overview() -> None:
    import ddpm_core

    st.title("DDPM, derived")
    st.write(
        "An interactive, exact walk through Denoising Diffusion Probabilistic Models "
        "(Ho et al. 2020). Every number below is computed live by `ddpm_core`."
    )
    T = st.slider("T (diffusion steps)", 1, 1000, 1000)
    sched = ddpm_core.Schedule.linear(T)
    mantissa, exponent = f"{float(sched.alpha_bars[T]):.6e}".split("e")
    value = mantissa if int(exponent) == 0 else rf"{mantissa} \times 10^{{{int(exponent)}}}"
    st.latex(r"\bar\alpha_T = \prod_{t=1}^{T} (1-\beta_t) = " + value)


st.navigation([st.Page(overview, title="Overview", icon="🏠", default=True)]).run()
