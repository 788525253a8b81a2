"""Numbers written for LaTeX (st.latex), shared by the pages."""

from __future__ import annotations


def sci(x: float, digits: int = 7) -> str:
    """Scientific notation with `digits` significant digits: 4.035830 \\times 10^{-5}; 0 as 0."""
    if x == 0:
        return "0"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return mantissa if int(exponent) == 0 else rf"{mantissa} \times 10^{{{int(exponent)}}}"


def num(x: float, digits: int = 4) -> str:
    """A number for LaTeX with `digits` significant digits: plain between 10^-3 and 10^4
    (0.7790, -12.35), else sci() (6.661 \\times 10^{-16}); 0 as 0."""
    if x == 0:
        return "0"
    if 1e-3 <= abs(x) < 1e4:
        return f"{x:#.{digits}g}".rstrip(".")
    return sci(x, digits)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def num_text(x: float, digits: int = 3) -> str:
    """num() for plain text (metrics, captions without LaTeX): 2.91 × 10⁻⁵, 0.7790, 0."""
    if x == 0:
        return "0"
    if 1e-3 <= abs(x) < 1e4:
        return f"{x:#.{digits}g}".rstrip(".")
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


def num_short(x: float, digits: int = 4) -> str:
    """A number for LaTeX with at most `digits` significant digits, trailing zeros dropped: 0.02
    as 0.02, 4.0358e-05 as 4.036 \\times 10^{-5} (never "e-05")."""
    text = f"{x:.{digits}g}"
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


INLINE_SEP = ",\u2003"  # a comma and an em space: a line may break there
INLINE_HEAD = ":\u2003"  # after a line's head (t = 95: ...), the same way


def inline_list(*parts: str) -> str:
    """LaTeX pieces as inline maths for Markdown, joined by INLINE_SEP: a line of numbers that
    wraps between its pieces (and after a relation) at a phone's width, where one display
    line would be cut at the screen's edge."""
    return INLINE_SEP.join(f"${p}$" for p in parts)


def plain(x: float, digits: int = 4) -> str:
    """The same for plain text (metrics, captions): 4.036 × 10⁻⁵."""
    text = f"{x:.{digits}g}"
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


# A display formula (st.latex, $$...$$) wider than its column is broken into lines, as inline
# maths is, where KaTeX allows a break (after a top-level relation or binary operator, at an
# \allowbreak), each line centred; a formula that fits is drawn as before. KaTeX keeps display
# maths on one line (`white-space: nowrap`), and Streamlit's box then scrolls it sideways with
# no sign that there is more: at a phone's width (390 px) 38 formulas of two pages (forward,
# probability) were cut at the screen's edge. A block that cannot break (an aligned or array
# environment: its lines are the page's own) is drawn a little smaller on a phone (KaTeX's
# 1.21 em -> 1.05 em), so that Algorithms 1 and 2 (395 px at 1.21 em) fit. Own constant CSS,
# no user content.
WRAP_DISPLAY_CSS = """<style>
.katex-display > .katex, .katex-display > .katex > .katex-html { white-space: normal; }
@media (max-width: 640px) { .katex-display > .katex { font-size: 1.05em; } }
</style>"""


def wrap_display_formulas() -> None:
    """Put WRAP_DISPLAY_CSS on the page (every full run: a style element takes no space)."""
    import streamlit as st

    st.html(WRAP_DISPLAY_CSS)
