"""Records in the store: each sentence's text kept once, given back whole."""

from __future__ import annotations

import json

import pytest

from zhkg.records import DocResult, Sentence
from zhkg.store.record_json import record_from_json, record_json

TEXTS = [
    "张某赴武汉调研。李某到访长沙。",
    "省政府召开常务会议，研究部署防汛工作。会议强调，要压实责任。",
]


def _record(text: str) -> dict:
    sentences, start = [], 0
    for index, piece in enumerate(text.replace("。", "。\n").split("\n")):
        if piece:
            sentences.append(Sentence(index, start, start + len(piece), piece))
            start += len(piece)
    return DocResult("d1", text, sentences=sentences).to_dict()


@pytest.mark.parametrize("text", TEXTS)
def test_a_record_reads_back_as_written_keys_in_order(text):
    record = _record(text)
    restored = record_from_json(record_json(record))
    assert json.dumps(restored, ensure_ascii=False) == json.dumps(record, ensure_ascii=False)


@pytest.mark.parametrize("text", TEXTS)
def test_each_sentence_is_stored_once(text):
    stored = record_json(_record(text))
    first = text.split("。")[0]
    assert stored.count(first) == 1


def test_a_sentence_text_that_is_not_its_slice_is_kept():
    record = _record("张某赴武汉调研。")
    record["sentences"][0]["text"] = "张某赴武汉调研"
    assert record_from_json(record_json(record))["sentences"][0]["text"] == "张某赴武汉调研"


def test_a_record_stored_with_sentence_texts_still_reads():
    record = _record("李某到访长沙。")
    assert record_from_json(json.dumps(record, ensure_ascii=False)) == record
