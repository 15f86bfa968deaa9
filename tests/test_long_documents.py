"""Documents past spaCy's length limit go through the real pipeline in pieces."""

import pytest

from ingest import read_text
from pipelines.corpus import process_documents

PARAGRAPH = "国务院总理在北京主持召开国务院常务会议，研究部署促进就业工作。会议指出，要稳定就业。"


@pytest.mark.slow
@pytest.mark.issue(15)
def test_a_document_over_a_million_characters_is_processed(full_pipeline):
    text = "\n".join([PARAGRAPH] * (1_000_100 // (len(PARAGRAPH) + 1) + 1))
    assert len(text) > full_pipeline.max_length
    outcome = process_documents(full_pipeline, [read_text(text, source="long.txt")])
    assert outcome.failures == []
    (record,) = outcome.results
    assert record.text == text and len(record.sentences) >= 2 * text.count("\n")
    assert all(text[s.start:s.end] == s.text for s in record.sentences)
    assert all(text[m.start:m.end] == m.text for m in record.mentions)
    assert {m.text for m in record.mentions} >= {"国务院", "北京"}
