"""Long documents in bounded pieces, and the pieces' records merged back into one.

Several components cost more than linear time in the length of a ``Doc``
(retokenising to put entities on character boundaries), and spaCy refuses
texts over ``nlp.max_length`` (E088). A document longer than
:data:`MAX_PIECE_CHARS` is therefore cut into pieces, preferably after a
paragraph, else after a sentence end, else after a comma or space, else hard
at the cap, with every cut in the second half of the window, so that pieces are
at least half the cap and the cutting is linear. Each piece runs through the
pipeline as a document of its own; :func:`merge_records` shifts the offsets
of its sentences and mentions back into the original text and renumbers the
sentences, so evidence points into the document as it was read.

News articles are far shorter than the cap (the longest in a year of CCTV
news is under 5,000 characters), so they are processed whole, exactly as before.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from ingest import Document, Failure
from pipelines.spans import paragraph_starts
from zhkg.records import DocResult, Mention, Relation, Sentence

MAX_PIECE_CHARS = 10_000
"""Longest text given to the pipeline in one ``Doc``."""

_SENTENCE_END = re.compile(r"[。！？!?；;][”’」』）)】》\"']*")
_SOFT_BREAK = re.compile(r"[，,、：:\s]")

Outcome = DocResult | Failure
RunPieces = Callable[[list[Document]], Iterable[tuple[Document, Outcome]]]
"""Processes documents (here: pieces) and yields each with its record or failure, in order."""


@dataclass(frozen=True)
class Piece:
    """A bounded slice of a document, as a document of its own (same id and metadata)."""

    document: Document
    offset: int
    """Where the piece's text starts in the original document's text."""


def piece_bounds(text: str, max_chars: int = MAX_PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces covering ``text``, none longer than ``max_chars``."""
    if max_chars < 2:
        raise ValueError(f"max_chars must be at least 2 (got {max_chars})")
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > max_chars:
        end = _cut(text, start + max_chars // 2, start + max_chars)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _cut(text: str, low: int, high: int) -> int:
    """The best place to end a piece within ``text[low:high]``: just after a break."""
    newline = text.rfind("\n", low, high)
    if newline >= 0:
        return newline + 1
    for pattern in (_SENTENCE_END, _SOFT_BREAK):
        last = None
        for last in pattern.finditer(text, low, high):
            pass
        if last is not None:
            return last.end()
    return high


def split_document(document: Document, max_chars: int = MAX_PIECE_CHARS) -> list[Piece]:
    """The pieces of ``document``: the document itself when it fits in one."""
    if len(document.text) <= max_chars:
        return [Piece(document, 0)]
    return [
        Piece(dataclasses.replace(document, text=document.text[start:end]), start)
        for start, end in piece_bounds(document.text, max_chars)
    ]


def merge_records(document: Document, pieces: Sequence[tuple[int, DocResult]]) -> DocResult:
    """One record for ``document`` from the records of its pieces (``(offset, record)``).

    Offsets move back into ``document.text``; sentence indices continue from
    one piece to the next; paragraphs are numbered over the whole text; a
    relation from a lexicon (no sentence) that several pieces found is kept once.
    """
    if len(pieces) == 1 and pieces[0][0] == 0:
        return pieces[0][1]
    starts = paragraph_starts(document.text)
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    relations: list[Relation] = []
    lexicon_relations: set[str] = set()
    for offset, record in pieces:
        base = len(sentences)
        sentences.extend(_shift_sentence(s, offset, base, starts) for s in record.sentences)
        mentions.extend(
            dataclasses.replace(m, start=m.start + offset, end=m.end + offset, sent=_sent(m.sent, base))
            for m in record.mentions
        )
        for relation in record.relations:
            if relation.sent < 0:
                key = json.dumps(relation.to_dict(), sort_keys=True, ensure_ascii=False)
                if key in lexicon_relations:
                    continue
                lexicon_relations.add(key)
            relations.append(dataclasses.replace(relation, sent=_sent(relation.sent, base)))
    first = pieces[0][1]
    return dataclasses.replace(
        first, text=document.text, sentences=sentences, mentions=mentions, relations=relations
    )


def _sent(index: int, base: int) -> int:
    return index + base if index >= 0 else index


def _shift_sentence(sentence: Sentence, offset: int, base: int, starts: list[int]) -> Sentence:
    start = sentence.start + offset
    paragraph = max(bisect.bisect_right(starts, start) - 1, 0)
    return dataclasses.replace(
        sentence, index=sentence.index + base, start=start, end=sentence.end + offset, paragraph=paragraph
    )


def process_in_pieces(
    documents: Sequence[Document], run: RunPieces, max_chars: int = MAX_PIECE_CHARS
) -> Iterator[tuple[Document, Outcome]]:
    """Run ``run`` over the pieces of ``documents``; yield each document with its merged outcome.

    A document any of whose pieces failed fails as a whole, with that piece's
    reason and offset, so it is reported rather than half read.
    """
    split = [(document, split_document(document, max_chars)) for document in documents]
    outcomes = iter(run([piece.document for _, pieces in split for piece in pieces]))
    for document, pieces in split:
        records: list[tuple[int, DocResult]] = []
        failure: Failure | None = None
        for piece in pieces:
            _, outcome = next(outcomes)
            if isinstance(outcome, Failure):
                failure = failure or _piece_failure(document, piece, outcome, len(pieces))
            else:
                records.append((piece.offset, outcome))
        yield document, failure if failure is not None else merge_records(document, records)


def _piece_failure(document: Document, piece: Piece, failure: Failure, count: int) -> Failure:
    if count == 1:
        return failure
    where = f"piece at character {piece.offset} of {len(document.text)}"
    return Failure(document.source, f"{failure.reason} ({where})")
