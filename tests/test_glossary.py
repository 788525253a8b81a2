"""The Chinese text keeps the glossary (ui/glossary.py): one term per idea, no rejected
variant, no raw data-set or schedule identifier inside a Chinese sentence."""

from __future__ import annotations

import re

import pytest

from ui.glossary import RAW_IDENTIFIERS, TERMS
from ui.i18n import catalog

_LATEX = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|\\\(.*?\\\)", re.S)
_CODE = re.compile(r"`[^`]*`")
_FIELD = re.compile(r"\{[A-Za-z_][A-Za-z_0-9]*(?:[:!][^{}]*)?\}")  # str.format fields


def prose(text: str) -> str:
    """The Chinese text without LaTeX, `code` and format fields: what the glossary governs."""
    return _FIELD.sub(" ", _CODE.sub(" ", _LATEX.sub(" ", text)))


def rejections(text: str) -> list[str]:
    body = prose(text)
    found = []
    for term in TERMS:
        for pattern in term.reject:
            m = re.search(pattern, body)
            if m:
                found.append(f"{m.group(0)!r} (use {term.zh!r} for {term.en!r})")
    return found


def raw_identifiers(text: str) -> list[str]:
    body = prose(text)
    return [w for w in RAW_IDENTIFIERS
            if re.search(rf"(?<![A-Za-z0-9_]){re.escape(w)}(?![A-Za-z0-9_])", body)]


def test_prose_strips_latex_code_and_fields():
    assert prose(r"见 $\mathrm{sigmoid}(x)$ 与 `linear` 和 {kind}").strip() == "见   与   和"


@pytest.mark.parametrize("text, bad", [
    ("这两个分布的 KL 距离", True), ("KL 散度", False), ("侧栏里的滑块", True), ("侧边栏", False),
    ("Ho 等 2020", True), ("Ho 等人（2020）", False), ("见 Eq. 4", True), ("见式 (4)", False),
    ("误差缩小了 10 倍", True), ("逆向过程", True), ("反向过程", False), ("我们想像", True),
    ("混合高斯", True), ("高斯混合", False), ("覆盖模式", True),
])
def test_rejections_detect_variants(text, bad):
    assert bool(rejections(text)) is bad


def test_raw_identifier_detection():
    assert raw_identifiers("在 8gaussians 上训练") == ["8gaussians"]
    assert raw_identifiers("调度 linear，T = 1000") == ["linear"]
    assert raw_identifiers("线性调度，`linear`") == []
    assert raw_identifiers("见 $\\mathrm{sigmoid}$") == []


def test_every_chinese_string_keeps_the_glossary():
    bad = {k: rejections(v["zh"]) for k, v in catalog().items()}
    bad = {k: v for k, v in bad.items() if v}
    assert not bad, "\n".join(f"{k}: {', '.join(v)}" for k, v in sorted(bad.items()))


def test_no_raw_identifier_in_chinese():
    bad = {k: raw_identifiers(v["zh"]) for k, v in catalog().items()}
    bad = {k: v for k, v in bad.items() if v}
    assert not bad, "\n".join(f"{k}: {v}" for k, v in sorted(bad.items()))


def test_glossary_terms_do_not_reject_themselves():
    for term in TERMS:
        for pattern in term.reject:
            assert not re.search(pattern, term.zh), (term, pattern)
