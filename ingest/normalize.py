"""Whitespace normalisation that keeps paragraph boundaries.

Relation extraction works per paragraph, so ``"\\n"`` is kept as the one
paragraph separator; everything else that looks like a space becomes one.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Full-width, no-break and typographic spaces, tabs: all become one ASCII space.
_SPACE_CHARS = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(f"[{_SPACE_CHARS}\f\v]+")  # in a paragraph's text \f and \v break lines
# Unicode's Default_Ignorable_Code_Point set (DerivedCoreProperties.txt): bidi
# controls, zero-width characters, fillers, variation selectors and tags; then the
# other format characters (category Cf: number signs, interlinear annotation,
# hieroglyph controls). Never visible, they only split entities (工\u202b信部) and
# spoof labels.
_INVISIBLE_CHARS = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
    "\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f"
)
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
# Code points XML 1.0 forbids besides C0 controls (GraphML, GEXF and HTML must stay
# well-formed); lone surrogates, which JSON "\\ud800" escapes produce, cannot even be
# written as UTF-8.
_NONCHARACTERS = re.compile("[\ufffe\uffff]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROL_CHARS = "\x00-\x08\x0e-\x1f\x7f"
_CONTROLS = re.compile(f"[{_CONTROL_CHARS}]")
_BREAK_CHARS = "\r\n\u2028\u2029\x85\x0b\x0c"
_GONE_CHARS = f"{_INVISIBLE_CHARS}\ufffe\uffff{_CONTROL_CHARS}"
# One scan of a text for paragraphs: characters removed, spaces, paragraph breaks, text.
_PIECES = re.compile(
    f"(?P<gone>[{_GONE_CHARS}]+)|(?P<brk>[{_BREAK_CHARS}])|(?P<space>[{_SPACE_CHARS}]+)"
    f"|(?P<text>[^{_GONE_CHARS}{_BREAK_CHARS}{_SPACE_CHARS}]+)"
)
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


@dataclass(frozen=True)
class Paragraph:
    """One normalised paragraph and where its characters come from.

    ``runs`` holds ``(offset in text, offset in the original)`` where each run of
    characters copied in order starts; an offset inside a run maps by the same
    shift. A collapsed space maps to the first space it replaces.
    """

    text: str
    runs: tuple[tuple[int, int], ...]


class _ParagraphWriter:
    """Collects the pieces of one paragraph and their runs while the text is scanned."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.runs: list[tuple[int, int]] = []
        self.length = 0
        self._next_origin = -1

    def add(self, piece: str, origin: int) -> None:
        if origin != self._next_origin:
            self.runs.append((self.length, origin))
        self.pieces.append(piece)
        self.length += len(piece)
        self._next_origin = origin + len(piece)

    def paragraph(self) -> Paragraph:
        return Paragraph("".join(self.pieces), tuple(self.runs))


def tracked_paragraphs(text: str) -> list[Paragraph]:
    """The non-empty normalised paragraphs of ``text``, each with its offset runs.

    The same cleaning as :func:`normalize_line` on each line, in one linear
    scan: invisible, control and non-characters removed, lone surrogates
    replaced, spaces collapsed to one, no space at either end of a paragraph.
    """
    found: list[Paragraph] = []
    writer = _ParagraphWriter()
    space: int | None = None
    for match in _PIECES.finditer(text):
        kind = match.lastgroup
        if kind == "text":
            if space is not None and writer.length:
                writer.add(" ", space)
            space = None
            writer.add(_SURROGATES.sub("\ufffd", match.group()), match.start())
        elif kind == "space":
            space = match.start() if space is None else space
        elif kind == "brk":
            if writer.length:
                found.append(writer.paragraph())
            writer, space = _ParagraphWriter(), None
    if writer.length:
        found.append(writer.paragraph())
    return found


def paragraphs(text: str) -> list[str]:
    """Non-empty normalised paragraphs of ``text``."""
    return [paragraph.text for paragraph in tracked_paragraphs(text)]
