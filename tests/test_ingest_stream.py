"""Documents stream from the readers: files are read as their documents are wanted, all accounted for."""

from __future__ import annotations

import json

import pytest

from ingest import DocumentStream, read_paths
from ingest.report import build_report
from zhkg.job import _Inputs
from zhkg.store import content_hash

ARTICLES = ["张某赴武汉调研。", "李某到访长沙。", "省政府召开常务会议。", "会议强调，要压实责任。"]


def _folder(tmp_path, files: dict[str, bytes]):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def _jsonl(*texts: str) -> bytes:
    return "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts).encode()


def test_a_file_is_read_only_when_its_documents_are_wanted(tmp_path):
    folder = _folder(tmp_path, {f"{i}.txt": a.encode() for i, a in enumerate(ARTICLES)})
    opened = []
    documents = iter(DocumentStream([folder], progress=opened.append))
    next(documents)
    assert [p.name for p in opened] == ["0.txt"]


@pytest.mark.parametrize(
    "files",
    [
        {"a.txt": ARTICLES[0].encode(), "b.txt": ARTICLES[0].encode(), "c.txt": b""},
        {"a.jsonl": _jsonl(*ARTICLES[:2]) + b"{broken\n", "b.md": f"# {ARTICLES[2]}".encode()},
        {"a.jsonl": b"\n\n", "b.html": f"<p>{ARTICLES[3]}</p>".encode(), "c.txt": bytes(range(256))},
    ],
)
def test_the_stream_accounts_for_every_input_as_read_paths_does(tmp_path, files):
    folder = _folder(tmp_path, files)
    stream = DocumentStream([folder])
    streamed = [d.id for d in stream]
    whole = read_paths([folder])
    assert streamed == [d.id for d in whole.documents]
    assert build_report(stream.result) == build_report(whole)


def test_documents_with_a_stored_record_are_let_go_and_the_rest_batched_in_order(tmp_path):
    documents = read_paths([_folder(tmp_path, {f"{i}.txt": a.encode() for i, a in enumerate(ARTICLES)})]).documents
    stored = {content_hash(documents[1].text, documents[1].title, documents[1].date, documents[1].url)}
    inputs = _Inputs(iter(documents), stored, batch_size=2)
    batches = [[d.id for _, d in batch] for batch in inputs.batches()]
    assert batches == [[documents[0].id, documents[2].id], [documents[3].id]]
    assert [i.doc_id for i in inputs.keyed] == [d.id for d in documents]
    assert inputs.finished


def test_batches_are_cut_while_the_input_is_still_being_read(tmp_path):
    folder = _folder(tmp_path, {f"{i}.txt": a.encode() for i, a in enumerate(ARTICLES)})
    opened = []
    inputs = _Inputs(iter(DocumentStream([folder], progress=opened.append)), set(), batch_size=1)
    next(inputs.batches())
    assert (len(opened), inputs.finished) == (1, False)
