"""The main job: files in, knowledge graph files out, through the store.

``build()`` is what ``zhkg build`` runs, and what a script calls to do the
same. Its stages:

1. read the inputs into documents (``ingest``), one at a time;
2. key each document by its content hash as it comes; hand those whose
   record for this pipeline is not in the store yet to the chosen workers,
   in batches, and let the others go (no more than a few batches of
   documents are held at once);
3. build the graph from the store's records, in document id order;
4. write the graph back to the store as tables, for queries and exports,
   and at the same time, in a forked process, the larger export files;
5. write the other export files and ``report.json``.

The output directory is locked for the whole build and its files switch to
the new build all at once at the end (:mod:`zhkg.outdir`); the store lives
beside them in the output directory (or at ``store``), updated in
transactions, so an interrupted build keeps every record it finished. Its
graph tables are kept per build, and readers see those of the build the
output folder publishes (:mod:`zhkg.store.builds`), so the store's graph and
the files never disagree.

It reports progress through an optional callback, logs each stage with its
time, and never prints.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from ingest.paths import DEFAULT_MAX_FILE_SIZE

if TYPE_CHECKING:
    from zhkg.outdir import OutputSet

from zhkg.records import DocResult

log = logging.getLogger(__name__)

REPORT_NAME = "report.json"
DEFAULT_BATCH_SIZE = 128
DEFAULT_COOCCURS_MIN = 2
"""CO_OCCURS edges supported by fewer sentences stay in the store, out of the files."""
RATE_LOG_SECONDS = 30.0
"""How often extraction logs its rate."""


@dataclass
class BuildSummary:
    """What a build did: counts for the summary line and the files written."""

    documents_read: int
    documents_failed: int
    entities: dict[str, int]
    relations: dict[str, int]
    outputs: dict[str, list[Path]] = field(default_factory=dict)
    report: Path | None = None
    extracted: int = 0
    reused: int = 0
    store: Path | None = None
    stages: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        """The one-line summary the CLI ends with."""
        ents = ", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())) or "none"
        rels = ", ".join(f"{k} {v}" for k, v in sorted(self.relations.items())) or "none"
        paths = ", ".join(str(p) for ps in self.outputs.values() for p in ps)
        return (
            f"documents: {self.documents_read} read, {self.documents_failed} failed "
            f"({self.extracted} extracted, {self.reused} from the store) | "
            f"entities: {ents} | relations: {rels} | wrote: {paths}"
        )


class BuildProgress:
    """Callbacks a front end can implement to show progress; all optional."""

    def stage(self, name: str) -> None:
        """A new stage starts (reading, extracting, building graph, ...)."""

    def total(self, count: int) -> None:
        """The number of documents to extract is known (once the readers reach the end of the input)."""

    def advance(self, source: str) -> None:
        """One more document was extracted."""


class _Stages:
    """Announces stages to the front end and the log, and times each one."""

    def __init__(self, progress: BuildProgress) -> None:
        self.progress = progress
        self.times: dict[str, float] = {}
        self._current: tuple[str, float] | None = None

    def start(self, name: str) -> None:
        self._close()
        self.progress.stage(name)
        log.info("stage: %s", name)
        self._current = (name, time.perf_counter())

    def finish(self) -> dict[str, float]:
        self._close()
        self.progress.stage("done")
        return self.times

    def _close(self) -> None:
        if self._current is not None:
            name, started = self._current
            self.times[name] = round(time.perf_counter() - started, 3)
            log.info("stage %s took %.1f s", name, self.times[name])
            self._current = None


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


@dataclass(frozen=True)
class BuildOptions:
    """How to build: see :func:`build` for each option."""

    formats: Iterable[str] | None = None
    max_nodes: int | None = None
    html_max_entities: int | None = None
    strict: bool = False
    batch_size: int = DEFAULT_BATCH_SIZE
    workers: int | None = None
    scheduler: str | None = None
    store: str | os.PathLike[str] | None = None
    cooccurs_min: int = DEFAULT_COOCCURS_MIN
    max_file_size: int = DEFAULT_MAX_FILE_SIZE


def build(
    paths: Sequence[str | os.PathLike[str]],
    outdir: str | os.PathLike[str],
    *,
    progress: BuildProgress | None = None,
    **options,
) -> BuildSummary:
    """Read ``paths``, extract what the store lacks, and write the graph into ``outdir``.

    Parameters
    ----------
    formats : iterable of str, optional
        Export formats (default: all).
    max_nodes : int, optional
        Entities in the HTML page's overview.
    html_max_entities : int, optional
        Keep only this many entities in the HTML page.
    strict : bool
        Raise when any input failed.
    batch_size : int
        Documents per extraction task (one ``nlp.pipe`` call).
    workers : int, optional
        Worker processes for extraction; default one per core.
    scheduler : str, optional
        Address of a Dask scheduler (``tcp://HOST:8786``) to extract on
        instead of local workers.
    store : path, optional
        The DuckDB store; default ``OUTDIR/zhkg.duckdb``.
    cooccurs_min : int
        CO_OCCURS edges with a lower weight are left out of the export files
        (they stay in the store).
    max_file_size : int
        Input files over this many bytes are skipped and reported.

    Raises
    ------
    ZhkgError
        For bad input paths, an unwritable or locked ``outdir``, a missing
        model, an unreachable scheduler, or when no document could be read
        (and, with ``strict``, when any failed).
    """
    from zhkg.outdir import open_output

    settings = BuildOptions(**options)
    with open_output(outdir) as output:
        return _build_into(output, paths, settings, _Stages(progress or BuildProgress()))


def _build_into(output: OutputSet, paths: Sequence[str | os.PathLike[str]], options: BuildOptions,
                stages: _Stages) -> BuildSummary:
    """The build itself: files are written under ``output.staging``, then committed."""
    from graph.build import cyclic_gc_paused, graph_summary
    from ingest import DocumentStream
    from ingest.report import build_report
    from zhkg.errors import NothingReadError, StrictModeError
    from zhkg.outdir import published_build
    from zhkg.store import STORE_NAME, Store, pipeline_fingerprint

    out = output.staging

    stages.start("reading")
    stream = DocumentStream(paths, max_file_size=options.max_file_size, exclude=[output.outdir])
    opening = _Opening(options.workers or default_workers(), options.scheduler)
    try:
        documents = iter(stream)
        first = next(documents, None)
        if first is None:
            _log_reading(stream.result)
            write_report(out / REPORT_NAME, build_report(stream.result), [])
            output.commit()
            raise NothingReadError(len(stream.result.failures))

        store_path = Path(options.store) if options.store else output.outdir / STORE_NAME
        fingerprint = pipeline_fingerprint()
        with Store(store_path) as db, cyclic_gc_paused():
            db.set_outdir(output.outdir, published_build(output.outdir))
            extraction = _extract(db, itertools.chain([first], documents), fingerprint, stages, opening,
                                  batch_size=options.batch_size)
            db.set_fingerprint(fingerprint)
            graph, info = _graph(extraction, stages)
            opening.close()  # the workers have exited by now: no other thread runs when the writer forks
            stages.start("writing store and files")
            outputs = _write_store_and_files(db, graph, output.build, out, options, info)
    finally:
        opening.close()
    times = stages.finish()
    read = stream.result
    _log_reading(read)
    write_report(out / REPORT_NAME, build_report(read, extraction.failures), extraction.failures)
    published = output.commit()
    with Store(store_path) as db:
        db.set_outdir(output.outdir, output.build)  # the replaced build's graph goes
    outputs = {fmt: [published[path] for path in files] for fmt, files in outputs.items()}

    counts = graph_summary(graph)
    summary = BuildSummary(
        documents_read=len(read.documents) - len(extraction.failures),
        documents_failed=len(read.failures) + len(extraction.failures),
        entities=counts["nodes"],
        relations=counts["edges"],
        outputs=outputs,
        report=published[out / REPORT_NAME],
        extracted=extraction.extracted,
        reused=extraction.reused,
        store=store_path,
        stages=times,
    )
    if options.strict and summary.documents_failed:
        raise StrictModeError(summary.documents_failed)
    return summary


def _graph(extraction: _Extraction, stages: _Stages):
    """The graph of the extracted and reused records, and each document's title, date and URL."""
    from graph.build import build_graph

    stages.start("building graph")
    info = _document_info(extraction.records)
    graph = build_graph(extraction.records, names=extraction.names)
    extraction.records, extraction.names = [], None
    return graph, info


def _log_reading(read) -> None:
    for failure in read.failures:
        log.warning("skipped %s: %s", failure.source, failure.reason)
    for note in read.notes:
        log.info("%s", note)


@dataclass
class _Extraction:
    """What extraction did, and the records of every input for the graph (in document id order)."""

    extracted: int = 0
    reused: int = 0
    failures: list = field(default_factory=list)
    records: list[DocResult] = field(default_factory=list)
    names: Any = None
    """The records' names gathered during extraction (``graph.resolve.CollectedNames``), or ``None``."""


class _Inputs:
    """Keys the documents as they stream in, and keeps of them only the ones to extract.

    Every document becomes an :class:`~zhkg.store.InputDocument` (its key, id
    and source); one whose key has a record for this pipeline is let go at
    once, the others come out in batches of ``batch_size``, in input order,
    so the batches, and the records, are those of a build that read
    everything first.
    """

    def __init__(self, documents: Iterable, stored: set[str], batch_size: int) -> None:
        self.keyed: list = []
        self.todo_keys: list[str] = []
        self.todo_chars = 0
        self.finished = False
        self._documents = documents
        self._stored = stored
        self._batch_size = batch_size

    def batches(self) -> Iterator[list]:
        """Batches of ``(key, document)`` to extract, read from the stream as they are wanted."""
        from zhkg.store import InputDocument, content_hash

        batch: list = []
        for d in self._documents:
            key = content_hash(d.text, d.title, d.date, d.url, d.offsets)
            self.keyed.append(InputDocument(key, d.id, d.source))
            if key in self._stored:
                continue
            self.todo_keys.append(key)
            self.todo_chars += len(d.text)
            batch.append((key, d))
            if len(batch) == self._batch_size:
                yield batch
                batch = []
        self.finished = True
        if batch:
            yield batch


def _extract(db, documents: Iterable, fingerprint: str, stages: _Stages, opening: "_Opening", *,
             batch_size: int) -> _Extraction:
    """Extract the documents the store has no record of; the rest are reused.

    Documents stream from the readers: those the store has are let go as soon
    as they are keyed, the others go to the workers in batches (at most a few
    per worker in flight), so no more than that is held. The first worker
    was started before reading (``opening``), so it loads the pipeline while
    this process reads; when the input has ended before it is ready, this
    process also reads the stored records meanwhile and gathers their names
    for resolution (:class:`_NameGathering`), and the workers exit in the
    background once extraction is over, so a rebuild that adds a few
    documents costs little more than one that adds none.
    """
    db.prune(fingerprint)
    inputs = _Inputs(documents, db.stored_keys(fingerprint), batch_size)
    tasks = inputs.batches()
    first = _take(tasks, 1)
    outcome = _Extraction()
    if not first:
        log.info("nothing to extract, %d documents reused from the store", len(inputs.keyed))
        stages.start("reading records")
        outcome.reused = len(inputs.keyed)
        db.set_inputs(inputs.keyed)
        outcome.records = _doc_results(db.input_records(fingerprint))
        opening.release()
        return outcome

    stages.start("loading pipeline")
    stored_first = inputs.finished
    if stored_first:
        db.set_inputs(inputs.keyed)
        outcome.records = _doc_results(db.input_records(fingerprint))
        gathering = _NameGathering(outcome.records)
    extractor = opening.result()
    stages.start("extracting")
    _run_extraction(db, extractor, itertools.chain(first, tasks), fingerprint, stages, outcome, inputs)
    opening.release()
    outcome.reused = len(inputs.keyed) - len(inputs.todo_keys)
    log.info("%d documents extracted, %d reused from the store", len(inputs.todo_keys), outcome.reused)
    if stored_first:
        new = _doc_results(db.input_records(fingerprint, inputs.todo_keys))
        outcome.names = gathering.result(new)
        outcome.records = sorted(outcome.records + new, key=lambda record: record.doc_id)
    else:
        db.set_inputs(inputs.keyed)
        outcome.records = _doc_results(db.input_records(fingerprint))
    return outcome


def _take(items: Iterator, count: int) -> list:
    """The next ``count`` items (fewer when ``items`` ends first)."""
    return list(itertools.islice(items, count))


def _run_extraction(db, extractor, tasks: Iterable, fingerprint: str, stages: _Stages, outcome: _Extraction,
                    inputs: _Inputs) -> None:
    """Run every task, storing each batch's records as it arrives."""
    from ingest import Failure
    from zhkg.errors import WorkerMismatchError
    from zhkg.store import StoredRecord

    meter = _RateLog(inputs)
    announced = False
    for result in extractor.run(tasks):
        if result.fingerprint != fingerprint:
            raise WorkerMismatchError(fingerprint, result.fingerprint)
        if not announced and inputs.finished:
            stages.progress.total(len(inputs.todo_keys))
            announced = True
        done = [StoredRecord(i.content_hash, i.doc_id, i.chars, i.record)
                for i in result.items if i.record is not None]
        db.add_records(fingerprint, done)
        outcome.extracted += len(done)
        for item in result.items:
            if item.failure is not None:
                outcome.failures.append(Failure(source=item.source, reason=item.failure))
            stages.progress.advance(item.source)
        meter.add(len(result.items), sum(i.chars for i in result.items))


class _NameGathering:
    """Gathers the names of the stored records in a thread while this one waits for the workers.

    Extracting a few new documents leaves this process idle for seconds
    (the workers load the pipeline, then extract); gathering the names of
    the records it already has (:class:`graph.resolve.CollectedNames`) and
    loading resolution's lexicons then costs the build nothing, and is
    about a third of resolving news_scale.
    """

    def __init__(self, records: list[DocResult]) -> None:
        from graph.resolve import CollectedNames

        self._names = CollectedNames()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._gather, args=(records,),
                                        name="zhkg-gather-names", daemon=True)
        self._thread.start()

    def _gather(self, records: list[DocResult]) -> None:
        from graph.resolve import load_lexicons

        try:
            load_lexicons()
            self._names.add(records)
        except BaseException as error:  # noqa: BLE001 - re-raised in the caller by result()
            self._error = error

    def result(self, more: list[DocResult]):
        """The names of the stored records and of ``more``; the thread's error is raised here."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        self._names.add(more)
        return self._names


class _Opening:
    """The extractor, opened in a thread: its first worker loads the pipeline while this thread reads.

    Opening waits on worker processes (or a cluster), so the thread holds
    the GIL only briefly. It starts before the build knows whether anything
    needs extracting: nearly every build does, and a pipeline load costs
    seconds of the second core, not of this one.
    """

    def __init__(self, workers: int, scheduler: str | None) -> None:
        self._extractor = None
        self._error: BaseException | None = None
        self._closing: threading.Thread | None = None
        self._close_error: BaseException | None = None
        self._thread = threading.Thread(target=self._open, args=(workers, scheduler),
                                        name="zhkg-open-extractor", daemon=True)
        self._thread.start()

    def _open(self, workers: int, scheduler: str | None) -> None:
        from pipelines.workers import open_extractor

        try:
            self._extractor = open_extractor(workers, scheduler)
        except BaseException as error:  # noqa: BLE001 - re-raised in the caller by result()
            self._error = error

    def result(self):
        """The open extractor; the opening's error is raised here."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._extractor

    def release(self) -> None:
        """Close what the opening opened, in a thread (:meth:`close` waits for it).

        Local workers take about a second to exit; the build spends it
        building the graph instead. A build that turns out to have nothing
        to extract releases the unused workers as soon as they have loaded.
        """
        if self._closing is None:
            self._closing = threading.Thread(target=self._close, name="zhkg-close-extractor", daemon=True)
            self._closing.start()

    def close(self) -> None:
        """Wait for the opening and close what it opened (once; later calls do nothing).

        The opening's error, if any, is not raised here; an error of closing is.
        """
        if self._closing is not None:
            self._closing.join()
        else:
            self._close()
        if self._close_error is not None:
            error, self._close_error = self._close_error, None
            raise error

    def _close(self) -> None:
        self._thread.join()
        if self._extractor is not None:
            extractor, self._extractor = self._extractor, None
            try:
                extractor.close()
            except BaseException as error:  # noqa: BLE001 - re-raised in the caller by close()
                self._close_error = error


class _RateLog:
    """Logs the extraction rate every :data:`RATE_LOG_SECONDS`, and the time left once the
    readers have reached the end of the input (before that the total is not known)."""

    def __init__(self, inputs: _Inputs) -> None:
        self.inputs = inputs
        self.done_docs = self.done_chars = 0
        self.started = self._last = time.perf_counter()

    def add(self, documents: int, chars: int) -> None:
        self.done_docs += documents
        self.done_chars += chars
        now = time.perf_counter()
        if now - self._last < RATE_LOG_SECONDS:
            return
        self._last = now
        rate = self.done_chars / max(now - self.started, 1e-9)
        if not self.inputs.finished:
            log.info("extracted %d documents, %.0f chars/s", self.done_docs, rate)
            return
        left = (self.inputs.todo_chars - self.done_chars) / rate if rate else 0.0
        log.info("extracted %d/%d documents, %.0f chars/s, about %.0f s left",
                 self.done_docs, len(self.inputs.todo_keys), rate, left)


def graph_rankings(graph) -> dict[str, dict[str, float]]:
    """Every node's score by each ranking but betweenness, stored so that ``top`` is a sorted read.

    Betweenness costs too much to compute on every build; queries estimate it.
    """
    from graph.ranking import SCORERS, Ranking

    return {r.value: SCORERS[r](graph) for r in Ranking if r is not Ranking.betweenness}


FORKED_FORMATS: tuple[str, ...] = ("gexf", "graphml")
"""Formats written in a forked child while the parent writes the store, the HTML page, JSON and CSV.

On news_scale (+100 items, rebuilt from the store; one process) GEXF and
GraphML took 14.4 s (2.3 of it flattening the attributes both share), and
rankings, graph tables, HTML and CSV 13.1 s; JSON, 1.0 s since it is written
a record a line, goes to the parent so both cores stay busy about equally long.
"""


def _write_store_and_files(db, graph, build: str, out: Path, options: BuildOptions,
                           documents: dict[str, dict[str, Any]]) -> dict[str, list[Path]]:
    """The graph tables and the export files, on two cores at once (:mod:`zhkg.forked`)."""
    from graph.readwrite import DEFAULT_FORMATS, parse_formats
    from zhkg.forked import ForkedCall

    chosen = parse_formats(DEFAULT_FORMATS if options.formats is None else options.formats)
    exported = export_view(graph, options.cooccurs_min)
    forked = [f for f in chosen if f.value in FORKED_FORMATS]
    child = ForkedCall(_write_files, exported, out, options, documents, forked) if forked else None
    try:
        db.write_graph(graph, graph_rankings(graph), build)
        here = _write_files(exported, out, options, documents, [f for f in chosen if f not in forked])
    except BaseException:
        if child is not None:
            child.cancel()
        raise
    written = {**here, **(child.result() if child is not None else {})}
    return {f.value: written[f.value] for f in chosen}


def write_exports(graph, out: Path, options: BuildOptions,
                  documents: dict[str, dict[str, Any]]) -> dict[str, list[Path]]:
    """Write the export files: every typed edge, CO_OCCURS edges from ``cooccurs_min`` up."""
    from graph.readwrite import DEFAULT_FORMATS

    formats = DEFAULT_FORMATS if options.formats is None else list(options.formats)
    return _write_files(export_view(graph, options.cooccurs_min), out, options, documents, formats)


def _write_files(exported, out: Path, options: BuildOptions, documents: dict[str, dict[str, Any]],
                 formats: Sequence) -> dict[str, list[Path]]:
    """``write_all`` of the export graph in ``formats``, with the HTML options of ``options``."""
    from graph.readwrite import write_all

    if not formats:
        return {}
    return write_all(exported, out, formats, max_nodes=options.max_nodes,
                     html_max_entities=options.html_max_entities, html_documents=documents)


def _doc_results(records: Iterable[dict[str, Any]]) -> list[DocResult]:
    return [DocResult.from_dict(record) for record in records]


def _document_info(records: Iterable[DocResult]) -> dict[str, dict[str, Any]]:
    """Each document's title, date and URL, by id, for the HTML page's evidence."""
    return {r.doc_id: {"title": r.title, "date": r.date, "url": r.url} for r in records}


def export_view(graph, cooccurs_min: int):
    """``graph`` without the CO_OCCURS edges below ``cooccurs_min``.

    A new graph that shares the attribute dicts of ``graph``, not a filtered
    view: every writer walks every edge, and a view runs its filter on each
    step of each walk (a third of the writing time on news_scale). Nodes and
    edges keep their order.
    """
    import networkx as nx

    from zhkg.records import CO_OCCURS

    if cooccurs_min <= 1:
        return graph
    kept = nx.MultiDiGraph()
    kept.graph = graph.graph
    kept.add_nodes_from(graph.nodes(data=True))
    kept.add_edges_from(
        (u, v, key, data) for u, v, key, data in graph.edges(keys=True, data=True)
        if data.get("relation") != CO_OCCURS or int(data.get("weight") or 0) >= cooccurs_min
    )
    return kept


def write_report(path: Path, read_report: dict, processing_failures: Sequence) -> None:
    """Write ``report.json``: every input accounted for, every failure with its reason.

    Only what describes the inputs goes in, so the same inputs give the same
    bytes; stage times go to the log and to :class:`BuildSummary`.
    """
    report = dict(read_report)
    report["processing_failures"] = [
        {"source": f.source, "reason": f.reason} for f in processing_failures
    ]
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(report, handle, ensure_ascii=False, indent=2)
