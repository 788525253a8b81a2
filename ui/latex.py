"""Numbers written for LaTeX, and display formulas as the pages show them (`formula`: its
brackets kept whole where a phone breaks a line; `WRAP_DISPLAY_CSS`: lines broken at all)."""

from __future__ import annotations

import functools
import re


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


_CS = re.compile(r"\\([A-Za-z]+|.)")
_SIZED = frozenset(f"{b}{s}" for b in ("big", "Big", "bigg", "Bigg") for s in ("", "l", "r", "m"))
_CLOSES = {"(": ")", "[": "]"}


@functools.lru_cache(maxsize=4096)  # every rerun shows the same formulas again
def unbroken_brackets(tex: str) -> str:
    """`tex` with the content of each outermost top-level bracket pair, ( ) or [ ] (sized with
    \\big... too), held in braces: "p(x_1, x_2) = N(x; m, 1 - a)" -> "p({x_1, x_2}) = N({x;
    m, 1 - a})". KaTeX breaks a display formula wider than the screen (WRAP_DISPLAY_CSS) after
    any top-level relation or binary operator, so a phone's line could end inside a pair of
    brackets ("Beta(a+k, b+n-" / "k)"); a braced group is one piece, so a line now breaks only
    between them. The spacing is unchanged (the brackets stay opening and closing atoms). Left
    as it is: a formula with lines of its own (an environment, "&", "\\\\": it does not break),
    an optional argument (\\sqrt[n]), or brackets that do not pair up (an interval [0, 1))."""
    if any(s in tex for s in ("\\begin", "&", "\\\\", "\\sqrt[")):
        return tex
    depth, stack, pairs = 0, [], []
    last_cs = (-1, -1, "")  # (start, end, name) of the last control sequence
    i = 0
    while i < len(tex):
        c = tex[i]
        if c == "\\":
            m = _CS.match(tex, i)
            j = m.end()
            if m.group(1) in ("left", "right"):  # KaTeX keeps \left...\right whole already
                while j < len(tex) and tex[j] == " ":
                    j += 1
                j = _CS.match(tex, j).end() if tex.startswith("\\", j) else j + 1
            last_cs = (i, j, m.group(1))
            i = j
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0 and c in _CLOSES:
            stack.append((c, i + 1))
        elif depth == 0 and c in (")", "]"):
            if not stack or _CLOSES[stack[-1][0]] != c:
                return tex
            _, start = stack.pop()
            end = last_cs[0] if last_cs[1] == i and last_cs[2] in _SIZED else i
            if not stack:
                pairs.append((start, end))
        i += 1
    if stack or depth != 0:
        return tex
    out, at = [], 0
    for start, end in pairs:
        out += [tex[at:start], "{", tex[start:end], "}"]
        at = end
    return "".join(out) + tex[at:]


def formula(tex: str) -> None:
    """A display formula (st.latex) whose brackets a phone's line break keeps whole
    (`unbroken_brackets`)."""
    import streamlit as st

    st.latex(unbroken_brackets(tex))
