"""The run report: counts plus one entry per input, grouped by file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .document import DocumentInfo

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .document import Failure, ReadResult

READ = "read"
FAILED = "failed"
DUPLICATE = "duplicate"
SKIPPED = "skipped"
STATUSES = (READ, FAILED, DUPLICATE, SKIPPED)


def file_of(source: str, files: set[str]) -> str:
    """The input file a source belongs to (``a.jsonl:12`` -> ``a.jsonl``)."""
    if source in files:
        return source
    head, sep, line = source.rpartition(":")
    if sep and line.isdigit() and head in files:
        return head
    return source


def _line(source: str, file: str) -> int:
    """JSON-line number of a record source, 0 for a whole file (sorts 2 before 10)."""
    return int(source[len(file) + 1 :]) if source != file else 0


def _entries(result: ReadResult, processing: Sequence[Failure]) -> list[dict[str, Any]]:
    """One entry per input; a document the pipeline failed on is ``failed``, not ``read``."""
    failed = {failure.source: failure.reason for failure in processing}
    entries: list[dict[str, Any]] = []
    for doc in result.documents:
        entry: dict[str, Any] = {
            "source": doc.source,
            "status": READ,
            "id": doc.id,
            "title": doc.title,
            "date": doc.date,
            "encoding": doc.encoding,
            "chars": doc.chars if isinstance(doc, DocumentInfo) else len(doc.text),
        }
        if doc.source in failed:
            entry.update(status=FAILED, reason=failed[doc.source])
        entries.append(entry)
    for dup in result.duplicates:
        entries.append(
            {
                "source": dup.source,
                "status": DUPLICATE,
                "id": dup.id,
                "duplicate_of": dup.duplicate_of,
            }
        )
    for failure in result.failures:
        entries.append({"source": failure.source, "status": FAILED, "reason": failure.reason})
    for skipped in result.skipped:
        entries.append({"source": skipped.source, "status": SKIPPED, "reason": skipped.reason})
    return entries


def build_report(result: ReadResult, processing: Sequence[Failure] = ()) -> dict[str, Any]:
    """Counts, per-file status counts and per-input entries, all JSON-safe.

    Everything is sorted by path, so the same inputs give the same report in
    any order.

    ``processing`` lists the documents the pipeline failed on; their entries
    say ``failed`` with the reason, so no document is reported read without a result.
    """
    files = set(result.files)
    entries = _entries(result, processing)
    per_file: dict[str, dict[str, int]] = {
        path: dict.fromkeys(STATUSES, 0) for path in result.files
    }
    for entry in entries:
        path = file_of(entry["source"], files)
        entry["file"] = path
        per_file.setdefault(path, dict.fromkeys(STATUSES, 0))[entry["status"]] += 1
    entries.sort(key=lambda e: (e["file"], _line(e["source"], e["file"])))
    failed_processing = {failure.source for failure in processing}
    return {
        "counts": {
            "files": len(result.files),
            "documents": len(result.documents) - len(failed_processing),
            "failures": len(result.failures) + len(failed_processing),
            "duplicates": len(result.duplicates),
            "skipped": len(result.skipped),
        },
        "files": dict(sorted(per_file.items())),
        "entries": entries,
        "notes": sorted(result.notes),
    }


def summary_line(result: ReadResult) -> str:
    """E.g. ``read 12 documents from 14 files; 1 duplicate; 1 skipped (see report.json)``."""
    parts = [f"read {len(result.documents)} documents from {len(result.files)} files"]
    if result.duplicates:
        parts.append(f"{len(result.duplicates)} duplicate(s)")
    if result.failures:
        parts.append(f"{len(result.failures)} failed (reasons in report.json)")
    if result.skipped:
        parts.append(f"{len(result.skipped)} file(s) not read (reasons in report.json)")
    return "; ".join(parts)
