"""Extraction on every core, or on a Dask cluster: batches of documents in, records out.

Each worker process loads the pipeline once (:func:`worker_pipeline`, a
per-process cache) with one ONNX thread, so N workers keep N cores busy
without oversubscribing them. Batches are cut from the documents in input
order before any worker sees them, and a record depends only on its batch
(:func:`pipelines.corpus.extract_batch`), so the records, and everything built
from them, are the same for any number of workers.

Memory stays bounded: at most :data:`IN_FLIGHT_PER_WORKER` batches per worker
are submitted ahead, and results are handed on as they complete, so the
driver never holds more than a few batches of records.

Two extractors share one interface (:class:`Extractor`): a local process
pool (``workers=N``) and a Dask cluster (``scheduler=``). Either way the
driver itself never loads the pipeline.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Protocol, Sequence

from ingest import Document

log = logging.getLogger(__name__)

WORKER_OVERRIDES: dict[str, object] = {"components.lac_ner.threads": 1}
"""Config overrides of a worker's pipeline: one ONNX thread per worker."""

IN_FLIGHT_PER_WORKER = 2
"""Batches submitted ahead per worker: one running, one queued."""

Batch = Sequence[tuple[str, Document]]
"""Documents of one task, each with its content hash."""


@dataclass(frozen=True)
class Extracted:
    """The outcome for one document: its record as JSON, or why it failed."""

    content_hash: str
    doc_id: str
    source: str
    chars: int
    record: str | None = None
    failure: str | None = None


@dataclass(frozen=True)
class BatchResult:
    """A batch's outcomes, with the fingerprint of the pipeline that made them."""

    fingerprint: str
    items: list[Extracted]


@lru_cache(maxsize=1)
def worker_pipeline():
    """This process's pipeline, loaded on first use (one ONNX thread).

    The loaded pipeline (models, lexicons, vocab: millions of objects that
    live as long as the worker) is moved out of the cyclic garbage
    collector's reach with ``gc.freeze()``. Otherwise every full collection
    walks it again while documents are processed, which cost about a sixth of
    extraction CPU (6.35 -> 5.33 s per 180 k characters, one core).
    """
    from pipelines.nlp import build_pipeline

    nlp = build_pipeline(overrides=WORKER_OVERRIDES)
    gc.freeze()
    return nlp


_pipeline_lock = threading.Lock()


def extract(batch: Batch) -> BatchResult:
    """Run one batch through this process's pipeline (the task every extractor runs).

    The lock keeps a Dask worker started with several threads from running
    the pipeline twice at once.
    """
    from pipelines.corpus import extract_batch
    from ingest import Failure
    from zhkg.store.fingerprint import pipeline_fingerprint
    from zhkg.store.record_json import record_json

    hashes = {document.id: key for key, document in batch}
    with _pipeline_lock:
        outcomes = extract_batch(worker_pipeline(), [document for _, document in batch])
    items = []
    for document, result in outcomes:
        common = dict(content_hash=hashes[document.id], doc_id=document.id,
                      source=document.source, chars=len(document.text))
        if isinstance(result, Failure):
            items.append(Extracted(**common, failure=result.reason))
        else:
            items.append(Extracted(**common, record=record_json(result.to_dict())))
    return BatchResult(pipeline_fingerprint(), items)


def failed_batch(batch: Batch, reason: str) -> BatchResult:
    """Outcomes for a batch whose task itself failed (a worker died): every document fails."""
    from zhkg.store.fingerprint import pipeline_fingerprint

    return BatchResult(pipeline_fingerprint(), [
        Extracted(key, document.id, document.source, len(document.text), failure=reason)
        for key, document in batch
    ])


def batches(items: Sequence[tuple[str, Document]], size: int) -> Iterator[Batch]:
    """Consecutive batches of ``size`` items, in input order."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Extractor(Protocol):
    """Runs :func:`extract` over batches; results come in completion order."""

    workers: int

    def run(self, tasks: Iterable[Batch]) -> Iterator[BatchResult]: ...

    def close(self) -> None: ...


class LocalPool:
    """Up to ``workers`` spawned processes on this machine, each loading the pipeline once.

    The constructor returns once the first worker has its pipeline; the
    others start as tasks arrive and no worker is idle
    (``ProcessPoolExecutor`` spawns on demand with the ``spawn`` start
    method), so a build with one batch to extract loads the pipeline once,
    and a build that opens the pool before it knows what to extract (to load
    while it reads) wastes at most one load. When there are at least as
    many cores as workers, each worker is pinned to a core of its own, so a
    worker's tokenizer and its LAC thread share one core, as the throughput
    figures assume, and ``--workers 1`` uses one core.
    """

    def __init__(self, workers: int) -> None:
        from pipelines.model import pkuseg_model_dir

        pkuseg_model_dir()  # a missing model is one coded error here, not a broken pool
        self.workers = workers
        context = multiprocessing.get_context("spawn")
        cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
        pinning = cores if 0 < workers <= len(cores) else []
        self._pool = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker,
            initargs=(context.Value("i", 0), pinning, os.getpid()),
        )
        self._pool.submit(_ready).result()

    def run(self, tasks: Iterable[Batch]) -> Iterator[BatchResult]:
        pending: dict[Future, Batch] = {}
        todo = iter(tasks)
        limit = self.workers * IN_FLIGHT_PER_WORKER
        while True:
            for batch in todo:
                pending[self._pool.submit(extract, batch)] = batch
                if len(pending) >= limit:
                    break
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield result_of(future, pending.pop(future))

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def open_extractor(workers: int, scheduler: str | None = None) -> Extractor:
    """The extractor for ``--workers`` / ``--scheduler``."""
    if scheduler:
        from pipelines.cluster import DaskCluster

        return DaskCluster(scheduler)
    return LocalPool(max(workers, 1))


PARENT_CHECK_SECONDS = 1.0
"""How often a worker checks that the build that started it is still alive."""


def _start_worker(started, cores: list[int], parent: int) -> None:
    """Pool initializer: watch the parent, take the next core (when pinning) and load the pipeline.

    ``parent`` is the build's pid as the build saw it: a build killed while
    this process was still starting has already left it to ``init``, so
    ``os.getppid()`` here would name ``init`` and the worker would never exit.
    """
    _exit_with_parent(parent)
    if cores:
        with started.get_lock():
            index = started.value
            started.value += 1
        os.sched_setaffinity(0, {cores[index % len(cores)]})
    worker_pipeline()


def _exit_with_parent(parent: int) -> None:
    """Exit this worker when its parent is gone.

    A build killed with ``kill -9`` never shuts its pool down, and a worker
    blocked on its task queue would otherwise live on, holding its pipeline
    (about 1 GB). ``prctl(PR_SET_PDEATHSIG)`` does not fit: it fires when the
    parent *thread* that spawned the worker ends, and the pool spawns from a
    thread. A daemon thread polling ``getppid`` costs nothing measurable.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="zhkg-parent-watch", daemon=True).start()


def _ready() -> bool:
    """A no-op task: it runs once the worker's initializer has loaded the pipeline."""
    return True


def result_of(future, batch: Batch) -> BatchResult:
    """The future's result, or failures for its documents when the task died."""
    try:
        return future.result()
    except Exception as error:  # the worker died or the task could not run: report every document
        log.warning("a batch of %d documents failed in its worker: %s", len(batch), error)
        return failed_batch(batch, f"worker failed: {type(error).__name__}: {error}")


def take(items: Iterator[Batch], count: int) -> list[Batch]:
    taken = []
    for item in items:
        taken.append(item)
        if len(taken) >= count:
            break
    return taken
