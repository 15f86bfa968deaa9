"""The corpus run: a document that breaks a component fails alone, and is counted."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from pipelines.corpus import process_documents
from ingest import read_text

BAD_MARK = "坏"


@Language.component("zhkg_test_fails_on_mark")
def _fails_on_mark(doc):
    if BAD_MARK in doc.text:
        raise ValueError("component broke on this text")
    return doc


@pytest.fixture()
def fragile_nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("zhkg_test_fails_on_mark")
    return nlp


@pytest.mark.parametrize(
    "texts, failed_index",
    [
        (["工信部开展调研。", "这一篇是坏的。", "海关总署部署工作。"], 1),
        (["这一篇是坏的。"], 0),
        (["省商务厅召开会议。", "市工商联举办活动。", "这一篇是坏的。"], 2),
    ],
)
def test_a_failing_document_is_reported_and_the_rest_go_on(fragile_nlp, texts, failed_index):
    documents = [read_text(t, source=f"doc{i}.txt") for i, t in enumerate(texts)]
    outcome = process_documents(fragile_nlp, documents, batch_size=8)
    assert [f.source for f in outcome.failures] == [f"doc{failed_index}.txt"]
    assert "ValueError" in outcome.failures[0].reason
    assert len(outcome.results) == len(texts) - 1


def test_records_carry_the_document_metadata(fragile_nlp):
    document = read_text("工信部开展调研。", source="a.txt", title="标题", date="2023-08-03")
    result = process_documents(fragile_nlp, [document]).results[0]
    assert (result.doc_id, result.title, result.date, result.source) == (
        document.id, "标题", "2023-08-03", "a.txt",
    )


def test_progress_is_called_once_per_document(fragile_nlp):
    documents = [read_text(t, source=t) for t in ("甲。", "乙坏。", "丙。")]
    seen: list[str] = []
    process_documents(fragile_nlp, documents, batch_size=2, progress=lambda d: seen.append(d.source))
    assert sorted(seen) == sorted(d.source for d in documents)
