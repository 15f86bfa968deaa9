"""The corpus run: ingested documents through the spaCy pipeline into records.

This is where ``pipelines/`` ends: each document becomes a
:class:`zhkg.records.DocResult`, the plain record that ``graph/`` builds from.
A document whose processing fails is reported and counted, never dropped
silently; the rest of the batch goes on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import partial
from typing import Callable, Iterable, Iterator, Sequence

from zhkg.records import DocResult
from ingest import Document, Failure

log = logging.getLogger(__name__)

Progress = Callable[[Document], None]


@dataclass
class CorpusResult:
    """Records of the documents that went through, and those that failed."""

    results: list[DocResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def process_documents(
    nlp,
    documents: Sequence[Document],
    *,
    batch_size: int = 128,
    progress: Progress | None = None,
) -> CorpusResult:
    """Run ``nlp`` over ``documents`` and turn each ``Doc`` into a record.

    Documents go through ``nlp.pipe`` in large batches, so that the LAC
    component can overlap its inference with tokenising the next documents.
    When a batch raises, its documents are retried one at a time so that only
    the faulty one fails. Long documents go through in bounded pieces
    (:mod:`pipelines.chunking`), merged back into one record each.
    """
    outcome = CorpusResult()
    for batch in _batches(documents, batch_size):
        for document, result in extract_batch(nlp, batch):
            if isinstance(result, Failure):
                outcome.failures.append(result)
            else:
                outcome.results.append(result)
            if progress is not None:
                progress(document)
    return outcome


def extract_batch(nlp, batch: list[Document]) -> list[tuple[Document, DocResult | Failure]]:
    """The record (or the failure) of each document of one batch, in batch order.

    One batch is one ``nlp.pipe`` call (long documents in pieces), and a
    record depends only on its batch: that is what lets worker processes
    give the records one process gives.
    """
    from pipelines.chunking import process_in_pieces

    return [(document, _with_offsets(result, document))
            for document, result in process_in_pieces(batch, partial(_process_batch, nlp))]


def _with_offsets(result: DocResult | Failure, document: Document) -> DocResult | Failure:
    """The record carries its document's offset map back to the input text."""
    if isinstance(result, DocResult):
        result.offsets = document.offsets
    return result


def _process_batch(nlp, batch: list[Document]) -> Iterator[tuple[Document, DocResult | Failure]]:
    """Yield ``(document, record or Failure)`` for each document of the batch."""
    from pipelines.to_records import doc_to_record

    try:
        records = [doc_to_record(doc) for doc in nlp.pipe(make_doc(nlp, d) for d in batch)]
    except Exception:  # a component failed on some document of the batch
        log.debug("batch of %d failed; retrying one by one", len(batch), exc_info=True)
        yield from (_process_one(nlp, d) for d in batch)
        return
    yield from zip(batch, records)


def _process_one(nlp, document: Document) -> tuple[Document, DocResult | Failure]:
    from pipelines.to_records import doc_to_record

    try:
        return document, doc_to_record(nlp(make_doc(nlp, document)))
    except Exception as error:  # report, count and go on with the corpus
        log.warning("%s: processing failed: %s", document.source, error)
        reason = f"processing failed: {type(error).__name__}: {error}"
        return document, Failure(source=document.source, reason=reason)


def make_doc(nlp, document: Document):
    """Tokenise a document and attach its metadata for the components."""
    from pipelines.extensions import register_extensions

    register_extensions()
    doc = nlp.make_doc(document.text)
    doc._.meta = {
        "doc_id": document.id,
        "title": document.title,
        "date": document.date,
        "url": document.url,
        "source": document.source,
    }
    return doc


def _batches(items: Sequence[Document], size: int) -> Iterable[list[Document]]:
    for start in range(0, len(items), size):
        yield list(items[start:start + size])
