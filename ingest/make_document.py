"""From raw text to a :class:`Document`: normalise, drop chrome, find title and date."""

from __future__ import annotations

import re

from .chrome import strip_chrome
from ingest.dates import document_date, parse_date
from .document import Document
from zhkg.errors import UnreadableInput
from .normalize import normalize_line, paragraphs
from zhkg.records import document_id

# A first paragraph that is longer, or holds a full stop, is body text, not a headline
# (CCTV headlines run to ~100 characters).
MAX_TITLE = 150
_SENTENCE_END = ("；", ";")
_WHITESPACE = re.compile(r"\s+")


def _is_headline(para: str) -> bool:
    return len(para) <= MAX_TITLE and "。" not in para and not para.endswith(_SENTENCE_END)


def _with_title(paras: list[str], title: str) -> list[str]:
    """Make the metadata title the first paragraph unless the text already opens with it.

    The first paragraph "is" the title when it equals it, or when one contains
    the other and the paragraph is itself a headline (``【栏目】标题`` in the text,
    ``标题_某某网`` in the metadata), not a sentence quoting it.
    """
    squeezed = _WHITESPACE.sub("", title)
    if not squeezed:
        return paras
    first = paras[0] if paras else ""
    first_squeezed = _WHITESPACE.sub("", first)
    overlap = squeezed in first_squeezed or (first_squeezed and first_squeezed in squeezed)
    if first_squeezed == squeezed or (overlap and _is_headline(first)):
        return paras
    return [title, *paras]


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

    Raises :class:`UnreadableInput` when nothing but chrome or whitespace is left.
    """
    dechromed = strip_chrome(paragraphs(text))
    title = normalize_line(title)
    paras = _with_title(dechromed.paragraphs, title)
    if not paras:
        raise UnreadableInput("no text left after removing markup, page chrome and whitespace")
    body = "\n".join(paras)
    return Document(
        id=document_id(body),
        text=body,
        title=title or (paras[0] if _is_headline(paras[0]) else ""),
        date=parse_date(date) or dechromed.date or document_date(body),
        url=normalize_line(url),
        source=source,
        encoding=encoding,
    )
