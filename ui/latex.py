"""Numbers written for LaTeX (st.latex), shared by the pages."""

from __future__ import annotations


def sci(x: float) -> str:
    """Scientific notation with 7 significant digits: 4.035830 \\times 10^{-5}; 0 as 0."""
    if x == 0:
        return "0"
    mantissa, exponent = f"{x:.6e}".split("e")
    return mantissa if int(exponent) == 0 else rf"{mantissa} \times 10^{{{int(exponent)}}}"
