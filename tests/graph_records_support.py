"""Test data for the graph tests: :class:`zhkg.records.DocResult` records written by hand.

Building the graph and resolving names across documents both start from
records, so the tests of ``graph.build`` and ``graph.resolve`` share one
builder that computes the offsets from the sentences.
"""

from __future__ import annotations

from zhkg.records import DocResult, Mention, Sentence


def make_doc(doc_id: str, *sentences: str, mentions=(), relations=(), date=None) -> DocResult:
    """A record with offsets computed from the sentences.

    ``mentions`` holds ``(surface, label, sentence index[, extra Mention fields])``.
    """
    sents, pos = [], 0
    for i, text in enumerate(sentences):
        sents.append(Sentence(i, pos, pos + len(text), text))
        pos += len(text)
    found = []
    for surface, label, sent, *extra in mentions:
        start = sents[sent].start + sents[sent].text.index(surface)
        fields = extra[0] if extra else {}
        found.append(Mention(surface, label, start, start + len(surface), sent, **fields))
    return DocResult(doc_id, "".join(sentences), date=date, sentences=sents, mentions=found,
                     relations=list(relations))
