"""Long documents go through in bounded pieces whose records merge back into one."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import Document, Failure
from pipelines.chunking import merge_records, piece_bounds, process_in_pieces, split_document
from zhkg.records import DocResult, Mention, Relation, Sentence

NAME = "国务院"


def _fake_run(documents):
    """A stand-in pipeline: sentences end at 。 or a newline, every 国务院 is an ORG,
    each sentence with one has a relation, and one lexicon relation per document."""
    for document in documents:
        text = document.text
        sentences, mentions, relations = [], [], []
        for match in re.finditer(r"[^。\n]+。?", text):
            index = len(sentences)
            sentences.append(Sentence(index, match.start(), match.end(), match.group()))
            for found in re.finditer(NAME, match.group()):
                start = match.start() + found.start()
                mentions.append(Mention(NAME, "ORG", start, start + len(NAME), index))
                relations.append(Relation("LOCATED_IN", NAME, "ORG", "北京", "PLACE", sent=index))
        relations.append(Relation("LOCATED_IN", "北京", "PLACE", "中国", "PLACE"))
        yield document, DocResult(document.id, text, sentences=sentences, mentions=mentions,
                                  relations=relations)


def _document(text):
    return Document(id="d1", text=text, source="long.txt")


TEXTS = st.lists(
    st.sampled_from(["国务院", "召开会议", "，", "。", "\n", "研究部署工作", "国务", "院"]),
    min_size=1, max_size=80,
).map("".join)


@pytest.mark.issue(15)
@settings(max_examples=200, deadline=None)
@given(text=TEXTS, cap=st.integers(2, 40))
def test_pieces_cover_the_text_within_the_cap(text, cap):
    bounds = piece_bounds(text, cap)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(0 < end - start <= cap for start, end in bounds) or text == ""
    assert all(end - start >= cap // 2 for start, end in bounds[:-1])


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "text,cap,expected",
    [
        ("第一段会议\n第二段会议", 8, ["第一段会议\n", "第二段会议"]),
        ("会议召开。代表出席会议", 8, ["会议召开。", "代表出席会议"]),
        ("会议召开，代表出席会议", 8, ["会议召开，", "代表出席会议"]),
        ("会议召开代表出席会议", 8, ["会议召开代表出席", "会议"]),
    ],
)
def test_pieces_end_after_a_paragraph_then_a_sentence_then_a_comma(text, cap, expected):
    assert [text[a:b] for a, b in piece_bounds(text, cap)] == expected


@pytest.mark.issue(15)
def test_a_short_document_is_one_piece_unchanged():
    document = _document("国务院召开会议。")
    assert [(p.document, p.offset) for p in split_document(document)] == [(document, 0)]


@pytest.mark.issue(15)
@settings(max_examples=200, deadline=None)
@given(text=TEXTS, cap=st.integers(8, 40))
def test_merged_offsets_point_into_the_original_text(text, cap):
    document = _document(text)
    ((_, merged),) = process_in_pieces([document], lambda docs: _fake_run(docs), cap)
    assert merged.text == text
    assert [s.index for s in merged.sentences] == list(range(len(merged.sentences)))
    assert all(text[s.start:s.end] == s.text for s in merged.sentences)
    assert all(text[m.start:m.end] == NAME for m in merged.mentions)
    assert all(merged.sentences[m.sent].start <= m.start for m in merged.mentions)
    assert all(NAME in merged.sentences[r.sent].text for r in merged.relations if r.sent >= 0)
    assert sum(r.sent < 0 for r in merged.relations) == 1


@pytest.mark.issue(15)
def test_a_document_fails_as_a_whole_when_one_piece_fails():
    document = _document("国务院召开会议。\n" * 5)

    def run(pieces):
        for index, (piece, record) in enumerate(_fake_run(pieces)):
            yield piece, Failure(piece.source, "processing failed: boom") if index == 2 else record

    ((_, outcome),) = process_in_pieces([document], run, 10)
    assert isinstance(outcome, Failure)
    assert outcome.reason == "processing failed: boom (piece at character 18 of 45)"


@pytest.mark.issue(15)
def test_paragraph_numbers_run_over_the_whole_text():
    text = "国务院召开会议。\n" * 4
    document = _document(text)
    pieces = split_document(document, 12)
    records = [record for _, record in _fake_run([p.document for p in pieces])]
    merged = merge_records(document, [(p.offset, r) for p, r in zip(pieces, records)])
    assert [s.paragraph for s in merged.sentences] == [0, 1, 2, 3]
