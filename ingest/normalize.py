"""Whitespace normalisation that keeps paragraph boundaries.

Relation extraction works per paragraph, so ``"\\n"`` is kept as the one
paragraph separator; everything else that looks like a space becomes one.
"""

from __future__ import annotations

import html
import re

# Full-width, no-break and typographic spaces, tabs: all become one ASCII space.
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Invisible characters that only break string matching.
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")


def unescape_entities(text: str) -> str:
    """Decode ``&nbsp;`` and friends left in text exported from a web page."""
    return html.unescape(text) if _ENTITY.search(text) else text


def normalize_line(line: str) -> str:
    """One paragraph: spaces collapsed to one, no indentation, no trailing space."""
    return _SPACES.sub(" ", line).strip()


def paragraphs(text: str) -> list[str]:
    """Non-empty normalised paragraphs of ``text``."""
    text = _NEWLINES.sub("\n", _CONTROLS.sub("", _INVISIBLE.sub("", text)))
    return [line for line in (normalize_line(raw) for raw in text.split("\n")) if line]
