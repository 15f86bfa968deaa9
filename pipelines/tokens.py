"""The one token layer: LAC's words, part-of-speech tags and entity tags on the ``Doc``.

pkuseg is the spaCy tokenizer; LAC segments the same text its own way and
tags every word (``n``, ``v``, ``PER``, ``LOC``, ``ORG`` ...). The LAC
component calls :func:`attach_lac_words` once per document, which

- splits pkuseg tokens wherever a LAC word starts or ends inside one, so every
  LAC word is a run of whole tokens;
- sets each token's ``tag_`` to the tag of the LAC word it lies in, so a
  spaCy ``Matcher`` can match on ``{"TAG": "PER"}`` or ``{"TAG": "v"}``;
- keeps the words themselves, by character offsets, in ``doc._.lac_words``.

Everything else reads the layer through :mod:`pipelines.spans`
(``lac_words``, ``word_starts``, ``word_ends``), never through its storage.
Later splits (:func:`split_at`) keep the tag on every piece.
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

import numpy
from spacy.attrs import IDX, LENGTH, TAG
from spacy.tokens import Doc

# Name of the ``Doc`` extension holding the LAC words (registered in pipelines.extensions).
LAC_WORDS = "lac_words"


class LacWord(NamedTuple):
    """One LAC word: character offsets (end exclusive) and LAC tag (PER, LOC, n, v ...).

    A named tuple, so ``Doc.to_bytes`` can serialise the words with the doc.
    """

    start: int
    end: int
    tag: str


def attach_lac_words(doc: Doc, words: list[LacWord]) -> None:
    """Put LAC's words on ``doc``: token boundaries, token tags and ``doc._.lac_words``."""
    doc._.set(LAC_WORDS, list(words))
    split_at(doc, [offset for word in words for offset in (word.start, word.end)])
    if not words or not len(doc):
        return
    strings = doc.vocab.strings
    tags = doc.to_array([TAG])
    tagged = iter(words)
    word = next(tagged)
    for i, start in enumerate(token_starts(doc)):
        while word is not None and word.end <= start:
            word = next(tagged, None)
        if word is None:
            break
        if word.start <= start:
            tags[i] = strings.add(word.tag)
    doc.from_array([TAG], tags)


def text_length(doc: Doc) -> int:
    """``len(doc.text)`` without building the text."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def token_starts(doc: Doc) -> list[int]:
    """Character offset of every token, read in one array call (no ``Token`` objects)."""
    return doc.to_array(IDX).tolist()


def split_at(doc: Doc, offsets: Iterable[int]) -> None:
    """Split tokens so that every offset in ``offsets`` is a token boundary.

    The pieces keep the token's tag, so the LAC layer survives later splits.
    Tokens are located by one vectorised search over their start offsets, read
    once as an array: most offsets already fall on a boundary, and looking
    them up one by one (or through ``doc[i]``, which builds a ``Token`` per
    probe) cost more than the splits themselves.
    """
    wanted = numpy.fromiter(set(offsets), dtype=numpy.int64)
    if not len(doc) or not wanted.size:
        return
    bounds = doc.to_array([IDX, LENGTH]).astype(numpy.int64)
    index = numpy.searchsorted(bounds[:, 0], wanted, side="right") - 1
    start = bounds[index.clip(0), 0]
    inside = (index >= 0) & (start < wanted) & (wanted < start + bounds[index.clip(0), 1])
    if not inside.any():
        return
    cuts: dict[int, list[int]] = {}
    for i, offset in zip(index[inside].tolist(), (wanted - start)[inside].tolist()):
        cuts.setdefault(i, []).append(offset)
    with doc.retokenize() as retokenizer:
        for i, points in cuts.items():
            token = doc[i]
            pieces = [0, *sorted(points), len(token.text)]
            orths = [token.text[a:b] for a, b in zip(pieces, pieces[1:])]
            heads = [(token, 0)] * len(orths)
            retokenizer.split(token, orths, heads, attrs={"TAG": [token.tag_] * len(orths)})
