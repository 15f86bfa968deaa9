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

from spacy.tokens import Doc, Token

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
    tagged = iter(words)
    word = next(tagged, None)
    for token in doc:
        while word is not None and word.end <= token.idx:
            word = next(tagged, None)
        if word is None:
            break
        if word.start <= token.idx:
            token.tag_ = word.tag


def text_length(doc: Doc) -> int:
    """``len(doc.text)`` without building the text."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def split_at(doc: Doc, offsets: Iterable[int]) -> None:
    """Split tokens so that every offset in ``offsets`` is a token boundary.

    The pieces keep the token's tag, so the LAC layer survives later splits.
    """
    cuts: dict[int, list[int]] = {}
    length = text_length(doc)
    for offset in set(offsets):
        if offset <= 0 or offset >= length:
            continue
        token = token_containing(doc, offset)
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
            retokenizer.split(token, orths, heads, attrs={"TAG": [token.tag_] * len(orths)})


def token_containing(doc: Doc, offset: int) -> Token | None:
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
