"""From raw text to a :class:`Document`: normalise, drop chrome, find title and date."""

from __future__ import annotations

import re

from .chrome import strip_chrome
from ingest.dates import document_date, parse_date
from .document import Document
from zhkg.errors import UnreadableInput
from .normalize import Paragraph, normalize_line, tracked_paragraphs
from zhkg.records import document_id

# A first paragraph that is longer, or holds a full stop, is body text, not a headline
# (CCTV headlines run to ~100 characters).
MAX_TITLE = 150
_SENTENCE_END = ("；", ";")
_WHITESPACE = re.compile(r"\s+")


def _is_headline(para: str) -> bool:
    return len(para) <= MAX_TITLE and "。" not in para and not para.endswith(_SENTENCE_END)


def _title_missing(paras: list[str], title: str) -> bool:
    """True when the metadata title must become the first paragraph.

    The first paragraph "is" the title when it equals it, or when one contains
    the other and the paragraph is itself a headline (``【栏目】标题`` in the text,
    ``标题_某某网`` in the metadata), not a sentence quoting it.
    """
    squeezed = _WHITESPACE.sub("", title)
    if not squeezed:
        return False
    first = paras[0] if paras else ""
    first_squeezed = _WHITESPACE.sub("", first)
    overlap = squeezed in first_squeezed or (first_squeezed and first_squeezed in squeezed)
    return not (first_squeezed == squeezed or (overlap and _is_headline(first)))


def _joined(paras: list[Paragraph]) -> tuple[str, list[list[int]]]:
    """The body (paragraphs joined by ``"\\n"``) and its offset map (see :mod:`ingest.document`)."""
    offsets: list[list[int]] = []
    base = 0
    for para in paras:
        for start, origin in para.runs:
            if not (offsets and _continues(offsets[-1], base + start, origin)):
                offsets.append([base + start, origin])
        base += len(para.text) + 1
    return "\n".join(p.text for p in paras), offsets


def _continues(last: list[int], clean: int, origin: int) -> bool:
    """True when a run starting at ``clean`` is the run ``last`` going on (the same shift)."""
    if origin < 0 or last[1] < 0:
        return origin < 0 and last[1] < 0
    return origin - clean == last[1] - last[0]


def make_document(
    text: str,
    *,
    source: str,
    title: str = "",
    date: object = None,
    url: str = "",
    encoding: str = "utf-8",
) -> Document:
    """Clean ``text`` (already free of markup) into a document.

    The document's ``offsets`` map its text back into ``text``.

    Raises :class:`UnreadableInput` when nothing but chrome or whitespace is left.
    """
    found = tracked_paragraphs(text)
    dechromed = strip_chrome([p.text for p in found])
    title = normalize_line(title)
    paras = [found[i] for i in dechromed.kept]
    if _title_missing(dechromed.paragraphs, title):
        paras.insert(0, Paragraph(title, ((0, -1),)))
    if not paras:
        raise UnreadableInput("no text left after removing markup, page chrome and whitespace")
    body, offsets = _joined(paras)
    return Document(
        id=document_id(body),
        text=body,
        title=title or (paras[0].text if _is_headline(paras[0].text) else ""),
        date=parse_date(date) or dechromed.date or document_date(body),
        url=normalize_line(url),
        source=source,
        encoding=encoding,
        offsets=offsets,
    )
