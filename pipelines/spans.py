"""The doc helper API of the components: text, LAC words, boundaries, entities, sentences.

Components read LAC's words and boundaries here (:func:`lac_words`,
:func:`word_starts`, :func:`word_ends`; the layer itself is
:mod:`pipelines.tokens`) and write entities through :func:`set_entities`.

pkuseg splits some names (``冯|克金会``) and joins others with neighbours, so an
entity found by characters may start or end inside a token. Rather than
snapping the entity to the wrong tokens, the tokens are split at the entity
boundaries. Components collect their candidate spans as character offsets and
call :func:`set_entities`, which splits tokens and then merges the candidates
into ``doc.ents``. The sentence helpers (:func:`sentence_bounds`) give every
stage the same numbering of non-blank sentences and paragraphs.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterable

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipelines.tokens import LAC_WORDS, LacWord, split_at, text_length

__all__ = [
    "CharSpan", "SentenceBounds", "doc_text", "lac_words", "paragraph_starts", "sentence_bounds",
    "sentence_index", "set_entities", "span_name", "span_text", "split_at", "text_length", "word_ends",
    "word_starts",
]


# ``doc.user_data`` key of the cached document text (see :func:`doc_text`).
TEXT_KEY = "zhkg.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per ``Doc`` and cached in ``doc.user_data``.

    spaCy rebuilds ``doc.text`` from every token on each access, and every
    component needs it; splitting tokens (:func:`split_at`) never
    changes it. A cached text whose length no longer matches the tokens is
    rebuilt.
    """
    cached = doc.user_data.get(TEXT_KEY)
    if cached is None or len(cached) != text_length(doc):
        cached = doc.user_data[TEXT_KEY] = doc.text
    return cached


def span_text(span: Span, text: str) -> str:
    """``span.text``, sliced from the document ``text`` (``span.text`` joins the span's tokens)."""
    return text[span.start_char:span.end_char]


def span_name(span: Span, text: str) -> str:
    """An entity's canonical in-document name: its ``kb_id_``, else its text."""
    return span.kb_id_ or text[span.start_char:span.end_char]


@dataclass(frozen=True)
class CharSpan:
    """A candidate entity by character offsets (end exclusive)."""

    start: int
    end: int
    label: str
    kb_id: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start


def lac_words(doc: Doc) -> list[LacWord] | None:
    """LAC's words of ``doc`` (see :mod:`pipelines.tokens`), or ``None`` when LAC did not run."""
    return doc._.get(LAC_WORDS) if Doc.has_extension(LAC_WORDS) else None


def word_starts(doc: Doc) -> frozenset[int] | None:
    """Offsets where a LAC word starts, or ``None`` when LAC did not run."""
    words = lac_words(doc)
    return None if words is None else frozenset(w.start for w in words)


def word_ends(doc: Doc) -> frozenset[int] | None:
    """Offsets where a LAC word ends, or ``None`` when LAC did not run."""
    words = lac_words(doc)
    return None if words is None else frozenset(w.end for w in words)


def set_entities(doc: Doc, candidates: Iterable[CharSpan], override: bool = False) -> None:
    """Merge ``candidates`` into ``doc.ents``.

    Overlapping candidates are settled by :func:`spacy.util.filter_spans`
    (the longest wins, then the first). A chosen candidate that overlaps
    existing entities replaces them when it is strictly longer than each of
    them (whole names win over parts), or always when ``override`` is true.
    """
    wanted = [c for c in candidates if c.start < c.end]
    if not wanted:
        return
    split_at(doc, [o for c in wanted for o in (c.start, c.end)])
    spans = [doc.char_span(c.start, c.end, label=c.label, kb_id=c.kb_id) for c in wanted]
    chosen = filter_spans([s for s in spans if s is not None])
    kept: list[Span] = list(doc.ents)
    for span in sorted(chosen, key=lambda s: (-_chars(s), s.start)):
        clashes = [e for e in kept if e.start < span.end and span.start < e.end]
        if override or all(_chars(span) > _chars(e) for e in clashes):
            kept = [e for e in kept if e not in clashes] + [span]
    doc.ents = sorted(kept, key=lambda s: s.start)


def _chars(span: Span) -> int:
    """``len(span.text)`` from the offsets a ``Span`` holds (``span.text`` joins its tokens)."""
    return span.end_char - span.start_char


@dataclass(frozen=True)
class SentenceBounds:
    """A non-blank sentence: trimmed character offsets and its paragraph index."""

    start: int
    end: int
    paragraph: int


def sentence_bounds(doc: Doc, text: str | None = None) -> list[SentenceBounds]:
    """The non-blank sentences of ``doc``, trimmed of surrounding whitespace.

    Paragraphs are the non-blank lines of the text, numbered from 0; the
    sentencizer never lets a sentence cross a newline. ``text`` is the
    document text when the caller has it at hand.
    """
    text = doc_text(doc) if text is None else text
    starts = paragraph_starts(text)
    bounds: list[SentenceBounds] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            bounds.append(SentenceBounds(start, end, max(bisect.bisect_right(starts, start) - 1, 0)))
    return bounds


def paragraph_starts(text: str) -> list[int]:
    """Start offsets of the non-blank lines of ``text`` (the paragraphs)."""
    starts: list[int] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(offset)
        offset += len(line) + 1
    return starts


def sentence_index(starts: list[int], offset: int) -> int:
    """Index of the sentence containing ``offset`` (the nearest one before it), or -1.

    ``starts`` are the sentences' start offsets (of :func:`sentence_bounds`), listed once
    by the caller for all its lookups.
    """
    return bisect.bisect_right(starts, offset) - 1
