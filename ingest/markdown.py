"""Light Markdown stripping: the text a reader sees, without the syntax."""

from __future__ import annotations

import re

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3}|~~)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]*)`")
_PREFIX = re.compile(r"^\s{0,3}(?:>\s?)+|^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_RULE = re.compile(r"^\s{0,3}(?:[-*_=]\s*){3,}$")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")


def _inline(line: str) -> str:
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _CODE.sub(r"\1", line)
    return _EMPHASIS.sub(r"\2", line)


def strip_markdown(text: str) -> tuple[str, str]:
    """Plain text and the first heading (the title, or ``""``)."""
    lines: list[str] = []
    title = ""
    for raw in text.split("\n"):
        if _RULE.match(raw) or _FENCE.match(raw):
            continue
        heading = _HEADING.match(raw)
        line = _inline(heading.group(1) if heading else _PREFIX.sub("", raw))
        if heading and not title:
            title = line.strip()
        lines.append(line)
    return "\n".join(lines), title
