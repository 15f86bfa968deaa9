"""The main job: files in, knowledge graph files out.

``build()`` is what ``zhkg build`` runs, and what a script calls to do the
same: read the inputs, run the pipeline, build the graph, write the exports
and ``report.json``. It reports progress through an optional callback and
never prints.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ingest.paths import DEFAULT_MAX_FILE_SIZE
from zhkg.records import DocResult

if TYPE_CHECKING:
    from zhkg.outdir import OutputSet

log = logging.getLogger(__name__)

REPORT_NAME = "report.json"
RECORDS_NAME = "records.jsonl"


@dataclass
class BuildSummary:
    """What a build did: counts for the summary line and the files written."""

    documents_read: int
    documents_failed: int
    entities: dict[str, int]
    relations: dict[str, int]
    outputs: dict[str, list[Path]] = field(default_factory=dict)
    report: Path | None = None

    def line(self) -> str:
        """The one-line summary the CLI ends with."""
        ents = ", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())) or "none"
        rels = ", ".join(f"{k} {v}" for k, v in sorted(self.relations.items())) or "none"
        paths = ", ".join(str(p) for ps in self.outputs.values() for p in ps)
        return (
            f"documents: {self.documents_read} read, {self.documents_failed} failed | "
            f"entities: {ents} | relations: {rels} | wrote: {paths}"
        )


class BuildProgress:
    """Callbacks a front end can implement to show progress; all optional."""

    def stage(self, name: str) -> None:
        """A new stage starts (reading, loading model, processing, ...)."""

    def total(self, count: int) -> None:
        """The number of documents to process is known."""

    def advance(self, source: str) -> None:
        """One more document was processed."""


def build(
    paths: Sequence[str | os.PathLike[str]],
    outdir: str | os.PathLike[str],
    *,
    formats: Iterable[str] | None = None,
    max_nodes: int | None = None,
    html_max_entities: int | None = None,
    strict: bool = False,
    batch_size: int = 128,
    progress: BuildProgress | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> BuildSummary:
    """Read ``paths``, run the pipeline and write the graph into ``outdir``.

    ``outdir`` is locked for the whole build, and its files switch to the new
    build all at once at the end (:mod:`zhkg.outdir`): an interrupted build
    leaves the previous outputs as they were.

    Raises
    ------
    ZhkgError
        For bad input paths, an unwritable or locked ``outdir``, a missing model,
        or when no document could be read (and, with ``strict``, when any failed).
    """
    from zhkg.outdir import open_output

    with open_output(outdir) as output:
        return _build_into(
            output, paths, formats=formats, max_nodes=max_nodes,
            html_max_entities=html_max_entities, strict=strict, batch_size=batch_size,
            progress=progress or BuildProgress(), max_file_size=max_file_size,
        )


def _build_into(
    output: OutputSet,
    paths: Sequence[str | os.PathLike[str]],
    *,
    formats: Iterable[str] | None,
    max_nodes: int | None,
    html_max_entities: int | None,
    strict: bool,
    batch_size: int,
    progress: BuildProgress,
    max_file_size: int,
) -> BuildSummary:
    """The build itself: files are written under ``output.staging``, then committed."""
    from graph.build import build_graph, graph_summary
    from graph.readwrite import write_all
    from pipelines.corpus import process_documents
    from zhkg.errors import NothingReadError
    from ingest import read_paths
    from ingest.report import build_report

    out = output.staging

    progress.stage("reading")
    read = read_paths(paths, max_file_size=max_file_size)
    for failure in read.failures:
        log.warning("skipped %s: %s", failure.source, failure.reason)
    for note in read.notes:
        log.info("%s", note)
    if not read.documents:
        write_report(out / REPORT_NAME, build_report(read), [])
        output.commit()
        raise NothingReadError(len(read.failures))

    progress.stage("loading pipeline")
    from pipelines.nlp import load_pipeline

    nlp = load_pipeline()

    progress.stage("processing")
    progress.total(len(read.documents))
    corpus = process_documents(
        nlp, read.documents, batch_size=batch_size,
        progress=lambda doc: progress.advance(doc.source),
    )

    progress.stage("building graph")
    graph = build_graph(corpus.results)
    write_records(out / RECORDS_NAME, corpus.results)

    progress.stage("writing")
    outputs = write_all(graph, out, **_export_options(formats, max_nodes, html_max_entities),
                        html_documents=document_info(corpus.results))
    write_report(out / REPORT_NAME, build_report(read, corpus.failures), corpus.failures)
    published = output.commit()
    outputs = {fmt: [published[path] for path in paths] for fmt, paths in outputs.items()}
    report = published[out / REPORT_NAME]
    progress.stage("done")

    counts = graph_summary(graph)
    summary = BuildSummary(
        documents_read=len(corpus.results),
        documents_failed=len(read.failures) + len(corpus.failures),
        entities=counts["nodes"],
        relations=counts["edges"],
        outputs=outputs,
        report=report,
    )
    if strict and summary.documents_failed:
        from zhkg.errors import StrictModeError

        raise StrictModeError(summary.documents_failed)
    return summary


def write_records(path: Path, results: Sequence[DocResult]) -> None:
    """Write the per-document records (JSON lines), the cache between pipeline and graph."""
    with open(path, "w", encoding="utf-8") as handle:
        for result in results:
            handle.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")


def write_report(path: Path, read_report: dict, processing_failures: Sequence) -> None:
    """Write ``report.json``: every input accounted for, and every failure with its reason."""
    report = dict(read_report)
    report["processing_failures"] = [
        {"source": f.source, "reason": f.reason} for f in processing_failures
    ]
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(report, handle, ensure_ascii=False, indent=2)


def document_info(results: Sequence[DocResult]) -> dict[str, dict[str, Any]]:
    """Title, date and URL of every document, for the HTML page's evidence panel."""
    return {r.doc_id: {"title": r.title, "date": r.date, "url": r.url} for r in results}


def _export_options(formats: Iterable[str] | None, max_nodes: int | None,
                    html_max_entities: int | None = None) -> dict:
    options: dict = {"max_nodes": max_nodes, "html_max_entities": html_max_entities}
    if formats is not None:
        options["formats"] = list(formats)
    return options
