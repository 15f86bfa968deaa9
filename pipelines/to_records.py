"""Turn a processed ``Doc`` into the JSON-safe :class:`zhkg.records.DocResult`.

This is where ``pipelines/`` ends: everything ``graph/`` needs (sentences,
mentions with canonical names, aliases and titles, typed relations) is copied
out of the ``Doc`` so no spaCy object crosses the seam.

Sentences are numbered over the *non-blank* sentences of the ``Doc``
(:func:`sentence_bounds`); the relation extractors use the same numbering, so
``Relation.sent`` and ``Mention.sent`` index ``DocResult.sentences``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from zhkg.records import ENTITY_TYPES, PERSON, DocResult, Mention, Relation, Sentence
from pipelines.extensions import doc_extension, doc_meta
from pipelines.spans import SentenceBounds, doc_text, sentence_bounds, sentence_index, span_name, span_text


def doc_to_record(doc: Doc) -> DocResult:
    """The :class:`DocResult` of a processed ``Doc``.

    Reads :func:`~pipelines.extensions.doc_meta`, ``doc.ents`` (``kb_id_`` is the canonical
    in-document name), ``doc._.aliases``, ``doc._.posts`` (titles of people)
    and ``doc._.relations``.
    """
    meta = doc_meta(doc)
    text = doc_text(doc)
    bounds = sentence_bounds(doc, text)
    return DocResult(
        doc_id=meta["doc_id"],
        text=text,
        source=meta.get("source") or "",
        title=meta.get("title") or "",
        date=meta["date"],
        url=meta.get("url") or "",
        sentences=[
            Sentence(index=i, start=b.start, end=b.end, text=text[b.start:b.end], paragraph=b.paragraph)
            for i, b in enumerate(bounds)
        ],
        mentions=_mentions(doc, text, bounds),
        relations=[Relation.from_dict(r) for r in doc_extension(doc, "relations") or []],
    )


def _mentions(doc: Doc, text: str, bounds: list[SentenceBounds]) -> list[Mention]:
    """One :class:`Mention` per entity of a known type."""
    aliases = doc_extension(doc, "aliases") or {}
    posts = doc_extension(doc, "posts") or []
    sentence_starts = [b.start for b in bounds]
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        name = span_name(ent, text)
        mentions.append(
            Mention(
                text=span_text(ent, text),
                label=ent.label_,
                start=ent.start_char,
                end=ent.end_char,
                sent=sentence_index(sentence_starts, ent.start_char),
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
