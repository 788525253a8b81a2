"""Numbers written for LaTeX (st.latex), shared by the pages."""

from __future__ import annotations


def sci(x: float) -> str:
    """Scientific notation with 7 significant digits: 4.035830 \\times 10^{-5}; 0 as 0."""
    if x == 0:
        return "0"
    mantissa, exponent = f"{x:.6e}".split("e")
    return mantissa if int(exponent) == 0 else rf"{mantissa} \times 10^{{{int(exponent)}}}"


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def num(x: float, digits: int = 4) -> str:
    """A number for LaTeX with `digits` significant digits: 0.02 as 0.02, 4.0358e-05 as
    4.036 \\times 10^{-5} (never "e-05")."""
    text = f"{x:.{digits}g}"
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def plain(x: float, digits: int = 4) -> str:
    """The same for plain text (metrics, captions): 4.036 × 10⁻⁵."""
    text = f"{x:.{digits}g}"
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"
