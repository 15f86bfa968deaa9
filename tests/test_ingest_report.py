"""report.json: a document the pipeline failed on is reported failed, never read."""

import pytest

from ingest import Document, Failure, ReadResult, Skipped
from ingest.report import build_report


@pytest.mark.issue(15)
def test_a_document_that_failed_processing_is_failed_in_the_report():
    read = ReadResult(
        documents=[Document("d1", "会议召开。", source="a.txt"), Document("d2", "代表出席。", source="b.txt")],
        files=["a.txt", "b.txt"],
    )
    report = build_report(read, [Failure("b.txt", "processing failed: E088")])
    statuses = {e["source"]: (e["status"], e.get("reason")) for e in report["entries"]}
    assert statuses == {"a.txt": ("read", None), "b.txt": ("failed", "processing failed: E088")}
    assert (report["counts"]["documents"], report["counts"]["failures"]) == (1, 1)


@pytest.mark.issue(15)
def test_skipped_files_have_an_entry_and_a_count():
    read = ReadResult(files=[], skipped=[Skipped(".x.txt", "hidden file or folder, not read")])
    report = build_report(read)
    assert report["entries"] == [
        {"source": ".x.txt", "status": "skipped", "reason": "hidden file or folder, not read",
         "file": ".x.txt"}
    ]
    assert report["counts"]["skipped"] == 1
