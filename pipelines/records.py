"""Turn a processed ``Doc`` into the JSON-safe :class:`graph.records.DocResult`.

This is where ``pipelines/`` ends: everything ``graph/`` needs (sentences,
mentions with canonical names, aliases and titles, typed relations) is copied
out of the ``Doc`` so no spaCy object crosses the seam.

Sentences are numbered over the *non-blank* sentences of the ``Doc``
(:func:`sentence_bounds`); the relation extractors use the same numbering, so
``Relation.sent`` and ``Mention.sent`` index ``DocResult.sentences``.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass

from spacy.tokens import Doc

from graph.records import ENTITY_TYPES, PERSON, DocResult, Mention, Relation, Sentence
from pipelines.components.spans import doc_text
from pipelines.dates import document_date


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


def doc_to_record(doc: Doc) -> DocResult:
    """The :class:`DocResult` of a processed ``Doc``.

    Reads ``doc._.meta`` (falling back to a text hash for the id and to the
    first date in the text), ``doc.ents`` (``kb_id_`` is the canonical
    in-document name), ``doc._.aliases``, ``doc._.posts`` (titles of people)
    and ``doc._.relations``.
    """
    meta = doc_extension(doc, "meta") or {}
    text = doc_text(doc)
    bounds = sentence_bounds(doc, text)
    return DocResult(
        doc_id=meta.get("doc_id") or hashlib.sha1(text.encode("utf-8")).hexdigest()[:16],
        text=text,
        source=meta.get("source") or "",
        title=meta.get("title") or "",
        date=meta.get("date") or document_date(text),
        url=meta.get("url") or "",
        sentences=[
            Sentence(index=i, start=b.start, end=b.end, text=text[b.start:b.end], paragraph=b.paragraph)
            for i, b in enumerate(bounds)
        ],
        mentions=_mentions(doc, bounds),
        relations=[Relation.from_dict(r) for r in doc_extension(doc, "relations") or []],
    )


def _mentions(doc: Doc, bounds: list[SentenceBounds]) -> list[Mention]:
    """One :class:`Mention` per entity of a known type."""
    aliases = doc_extension(doc, "aliases") or {}
    posts = doc_extension(doc, "posts") or []
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        name = ent.kb_id_ or ent.text
        mentions.append(
            Mention(
                text=ent.text,
                label=ent.label_,
                start=ent.start_char,
                end=ent.end_char,
                sent=sentence_index(bounds, ent.start_char),
                name=name,
                aliases=list(aliases.get(name, [])),
                titles=_titles(posts, ent.start_char, ent.end_char) if ent.label_ == PERSON else [],
            )
        )
    return mentions


def _titles(posts: list[dict], start: int, end: int) -> list[str]:
    """Titles of the posts whose person span overlaps ``start``..``end``, in order, once each."""
    titles: list[str] = []
    for post in posts:
        p_start, p_end = post.get("person_start"), post.get("person_end")
        if p_start is None or p_end is None or not (p_start < end and start < p_end):
            continue
        for title in post.get("titles") or []:
            if title and title not in titles:
                titles.append(title)
    return titles


def doc_extension(doc: Doc, name: str):
    """``doc._.<name>`` or ``None`` when the extension is not registered."""
    return doc._.get(name) if Doc.has_extension(name) else None
