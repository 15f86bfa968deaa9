"""Whitespace normalisation that keeps paragraph boundaries.

Relation extraction works per paragraph, so ``"\\n"`` is kept as the one
paragraph separator; everything else that looks like a space becomes one.
"""

from __future__ import annotations

import html
import re

# Full-width, no-break and typographic spaces, tabs: all become one ASCII space.
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Unicode's Default_Ignorable_Code_Point set (DerivedCoreProperties.txt): bidi
# controls, zero-width characters, fillers, variation selectors and tags; then the
# other format characters (category Cf: number signs, interlinear annotation,
# hieroglyph controls). Never visible, they only split entities (工\u202b信部) and
# spoof labels.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
    "\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f]"
)
# Code points XML 1.0 forbids besides C0 controls (GraphML, GEXF and HTML must stay
# well-formed); lone surrogates, which JSON "\\ud800" escapes produce, cannot even be
# written as UTF-8.
_NONCHARACTERS = re.compile("[\ufffe\uffff]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")


def unescape_entities(text: str) -> str:
    """Decode ``&nbsp;`` and friends left in text exported from a web page."""
    return html.unescape(text) if _ENTITY.search(text) else text


def clean_characters(text: str) -> str:
    """``text`` without invisible, control and non-characters; lone surrogates become U+FFFD.

    Every string that reaches a document (text, title, URL) goes through here,
    so no writer downstream meets a character it cannot encode.
    """
    text = _SURROGATES.sub("\ufffd", text)
    return _NONCHARACTERS.sub("", _CONTROLS.sub("", _INVISIBLE.sub("", text)))


def normalize_line(line: str) -> str:
    """One paragraph: clean characters, spaces collapsed to one, no indentation or trailing space."""
    return _SPACES.sub(" ", clean_characters(line)).strip()


def paragraphs(text: str) -> list[str]:
    """Non-empty normalised paragraphs of ``text``."""
    text = _NEWLINES.sub("\n", clean_characters(text))
    return [line for line in (normalize_line(raw) for raw in text.split("\n")) if line]
