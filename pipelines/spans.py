"""Shared span helpers: put entities on exact character boundaries.

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


# ``doc.user_data`` key of the cached document text (see :func:`doc_text`).
TEXT_KEY = "zhkg.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per ``Doc`` and cached in ``doc.user_data``.

    spaCy rebuilds ``doc.text`` from every token on each access, and every
    component needs it; splitting tokens (:func:`ensure_boundaries`) never
    changes it. A cached text whose length no longer matches the tokens is
    rebuilt.
    """
    cached = doc.user_data.get(TEXT_KEY)
    if cached is None or len(cached) != text_length(doc):
        cached = doc.user_data[TEXT_KEY] = doc.text
    return cached


def text_length(doc: Doc) -> int:
    """``len(doc.text)`` without building the text."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


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


def ensure_boundaries(doc: Doc, offsets: Iterable[int]) -> None:
    """Split tokens so that every offset in ``offsets`` is a token boundary."""
    cuts: dict[int, list[int]] = {}
    length = text_length(doc)
    for offset in set(offsets):
        if offset <= 0 or offset >= length:
            continue
        token = _token_containing(doc, offset)
        if token is not None and token.idx < offset < token.idx + len(token.text):
            cuts.setdefault(token.i, []).append(offset - token.idx)
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, points in cuts.items():
            token = doc[i]
            bounds = [0, *sorted(points), len(token.text)]
            orths = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            heads = [(token, 0)] * len(orths)
            retokenizer.split(token, orths, heads)


def _token_containing(doc: Doc, offset: int):
    """The token whose text covers ``offset``, or ``None`` (whitespace)."""
    lo, hi = 0, len(doc) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        token = doc[mid]
        if offset < token.idx:
            hi = mid - 1
        elif offset >= token.idx + len(token.text):
            lo = mid + 1
        else:
            return token
    return None


def set_entities(doc: Doc, candidates: Iterable[CharSpan], override: bool = False) -> None:
    """Merge ``candidates`` into ``doc.ents``.

    A candidate that overlaps existing entities replaces them when it is
    strictly longer than each of them (whole names win over parts), or always
    when ``override`` is true. Among candidates, longer ones win.
    """
    chosen = _non_overlapping(sorted(candidates, key=lambda c: (-c.length, c.start)))
    if not chosen:
        return
    ensure_boundaries(doc, [o for c in chosen for o in (c.start, c.end)])
    kept: list[Span] = list(doc.ents)
    for cand in chosen:
        span = doc.char_span(cand.start, cand.end, label=cand.label, kb_id=cand.kb_id)
        if span is None:
            continue
        clashes = [e for e in kept if e.start < span.end and span.start < e.end]
        if override or all(len(span.text) > len(e.text) for e in clashes):
            kept = [e for e in kept if e not in clashes] + [span]
    doc.ents = sorted(kept, key=lambda s: s.start)


def _non_overlapping(ordered: list[CharSpan]) -> list[CharSpan]:
    """Greedy pick in the given order, skipping overlaps with spans already picked."""
    picked: list[CharSpan] = []
    for cand in ordered:
        if cand.start < cand.end and all(cand.end <= p.start or p.end <= cand.start for p in picked):
            picked.append(cand)
    return picked


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


def sentence_index(bounds: list[SentenceBounds], offset: int) -> int:
    """Index of the sentence containing ``offset`` (the nearest one before it), or -1."""
    i = bisect.bisect_right([b.start for b in bounds], offset) - 1
    return i if i >= 0 else -1
