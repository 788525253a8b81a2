"""`ui.latex.unbroken_brackets`: the content of each outermost top-level bracket pair held in
braces, so that a phone's line break (ui.latex.WRAP_DISPLAY_CSS) never falls inside it; every
expected string below is written out by hand."""

from __future__ import annotations

import pytest

from ui.latex import unbroken_brackets


@pytest.mark.parametrize("tex, want", [
    (r"p(x_1, x_2) = \mathcal N(x; m, 1 - a)", r"p({x_1, x_2}) = \mathcal N({x; m, 1 - a})"),
    (r"\mathrm{Beta}(a+k,\ b+n-k)", r"\mathrm{Beta}({a+k,\ b+n-k})"),
    # a sized pair: the size commands stay outside the braces
    (r"\Big[f(x)\,\frac{p(x)}{q(x)}\Big] + g", r"\Big[{f(x)\,\frac{p(x)}{q(x)}}\Big] + g"),
    (r"\bigl(a+b\bigr)", r"\bigl({a+b}\bigr)"),
    # only the outermost pair; brackets inside a group ({...}) are not top-level
    (r"x_{(t)} + (a[b]c)", r"x_{(t)} + ({a[b]c})"),
    (r"\mathbb 1[x=\texttt{[MASK]}]", r"\mathbb 1[{x=\texttt{[MASK]}}]"),
    # \left...\right is one piece already; \{ \} are not groups
    (r"\left(a+b\right) + (c)", r"\left(a+b\right) + ({c})"),
    (r"\{1,\dots,T\} (x)", r"\{1,\dots,T\} ({x})"),
    (r"\text{(Jensen: }\log\text{ is concave)}", r"\text{(Jensen: }\log\text{ is concave)}"),
    # left as they are
    (r"[0, 1)", r"[0, 1)"),  # an interval: the brackets do not pair
    (r"(a", r"(a"),
    (r"\sqrt[3]{x}(y)", r"\sqrt[3]{x}(y)"),
    (r"\begin{aligned}a&=(b)\end{aligned}", r"\begin{aligned}a&=(b)\end{aligned}"),
    (r"a = b\\ c = (d)", r"a = b\\ c = (d)"),
    (r"x = 1", r"x = 1"),
])
def test_each_outermost_pair_is_held_whole(tex, want):
    assert unbroken_brackets(tex) == want
