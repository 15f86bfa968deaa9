"""Ingest keeps a map from each document's clean text back to the text it was cleaned from."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest import read_text
from ingest.make_document import make_document
from ingest.normalize import tracked_paragraphs
from zhkg.records import original_offset, original_span

SPACES = " \t\u00a0\u3000"
PIECES = [*"省政府召开会议。商务部", *SPACES, "\n", "\r\n", "\n\n", "\u200f", "\u202b", "\u200b",
          "\ufeff", "\u2066", "\x01", "\uffff"]


def _original(raw: str, doc, index: int) -> str:
    return raw[original_offset(doc.offsets, index)]


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "raw,clean,char,at",
    [
        ("\u200f商\u202b务部召开会议。", "商务部召开会议。", "务", 3),
        ("  省政府\u3000\u3000召开会议。", "省政府 召开会议。", "召", 7),
        ("省政府召开会议。\r\n\r\n\u2066会议强调落实责任。", "省政府召开会议。\n会议强调落实责任。", "强", 15),
        ("首页 | 新闻 | 投稿\n省政府召开会议。", "省政府召开会议。", "政", 14),
    ],
)
def test_a_clean_offset_maps_to_the_same_character_in_the_input(raw, clean, char, at):
    doc = make_document(raw, source="a.txt")
    assert doc.text == clean
    assert original_offset(doc.offsets, clean.index(char)) == at
    assert raw[at] == char


@pytest.mark.issue(15)
def test_a_clean_input_has_the_identity_map():
    assert make_document("省政府召开会议。\n会议强调落实责任。", source="a.txt").offsets == [[0, 0]]


@pytest.mark.issue(15)
def test_the_map_holds_one_pair_per_removal_and_is_json_safe():
    doc = make_document("工\u200b信\u200b部召开会议。", source="a.txt")
    assert doc.offsets == [[0, 0], [1, 2], [2, 4]]
    assert json.loads(json.dumps(doc.offsets)) == doc.offsets


@pytest.mark.issue(15)
def test_a_title_put_in_front_maps_to_no_input_offset():
    doc = make_document("会议强调落实责任。", source="a.jsonl", title="省政府召开会议")
    assert doc.text == "省政府召开会议\n会议强调落实责任。"
    assert original_offset(doc.offsets, 2) == -1
    assert original_offset(doc.offsets, doc.text.index("强")) == 2


@pytest.mark.issue(15)
@pytest.mark.parametrize("start,end,expected", [(0, 3, (0, 5)), (1, 3, (2, 5)), (3, 3, (5, 5))])
def test_a_span_maps_from_its_first_character_to_after_its_last(start, end, expected):
    doc = make_document("工\u200b信\u200b部召开会议。", source="a.txt")
    assert original_span(doc.offsets, start, end) == expected


@pytest.mark.issue(15)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_every_kept_character_maps_back_to_itself(raw):
    for para in tracked_paragraphs(raw):
        runs = [list(run) for run in para.runs]
        for index, char in enumerate(para.text):
            source = raw[original_offset(runs, index)]
            assert source == char or (char == " " and source in SPACES)


@pytest.mark.issue(15)
def test_read_text_maps_into_the_text_given():
    doc = read_text("省政府\u200b召开会议。")
    assert original_offset(doc.offsets, doc.text.index("召")) == 4


@pytest.mark.issue(15)
def test_the_extracted_record_carries_the_offset_map(full_pipeline):
    from pipelines.corpus import extract_batch

    doc = read_text("\u200f商\u202b务部召开会议。")
    ((_, record),) = extract_batch(full_pipeline, [doc])
    assert record.offsets == doc.offsets == [[0, 1], [1, 3]]
    assert record.original_span(0, 3) == (1, 5)
