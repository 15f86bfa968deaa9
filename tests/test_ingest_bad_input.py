"""Single bad inputs become a document or a failure line, never an exception."""

import json
import logging
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import read_data
from ingest.normalize import clean_characters

SENTENCE = "工信部在北京召开会议。"


def _jsonl(*lines: str):
    return read_data("\n".join(lines).encode(), source="a.jsonl", suffix=".jsonl")


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "bad,reason",
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"text": "x", "n": ' + "9" * 5000 + "}", "invalid JSON (Exceeds the limit"),
        ("{broken", "invalid JSON (Expecting property name"),
    ],
)
def test_a_bad_json_line_fails_alone(bad, reason):
    good = json.dumps({"text": SENTENCE}, ensure_ascii=False)
    outcome = _jsonl(bad, good)
    assert [d.text for d in outcome.documents] == [SENTENCE]
    (failure,) = outcome.failures
    assert failure.source == "a.jsonl:1" and reason in failure.reason


@pytest.mark.issue(15)
@pytest.mark.parametrize("field", ["url", "title", "text"])
def test_lone_surrogates_become_replacement_characters(field, caplog):
    record = {"text": SENTENCE, "title": "会议", "url": "http://a.cn/1"}
    record[field] += "\ud800"
    with caplog.at_level(logging.WARNING):
        (doc,) = _jsonl(json.dumps(record)).documents
    assert "\ufffd" in getattr(doc, field)
    for value in (doc.text, doc.title, doc.url):
        value.encode("utf-8")
    assert caplog.records == []


@pytest.mark.issue(15)
@pytest.mark.parametrize("char", ["\x01", "\x1f", "\ufffe", "\uffff", "\x7f"])
def test_characters_xml_forbids_are_removed(char):
    record = {"text": f"省政府{char}办公厅召开会议。", "title": f"标题{char}"}
    (doc,) = _jsonl(json.dumps(record)).documents
    assert (doc.text.splitlines()[-1], doc.title) == ("省政府办公厅召开会议。", "标题")


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "char",
    ["\u200e", "\u200f", "\u202a", "\u202b", "\u202e", "\u2066", "\u2069", "\u061c", "\u180e",
     "\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\ufe0f", "\U000e0041"],
)
def test_invisible_characters_do_not_split_names(char):
    text = f"{char}工{char}信部在北京召开会议。"
    (doc,) = read_data(text.encode(), source="a.txt", suffix=".txt").documents
    assert doc.text == SENTENCE


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "data,expected",
    [
        (("会议召开。" * 2000).encode() + b"\x00\x01\x02", None),
        (f"{SENTENCE}\n第二段。".encode("utf-16-le"), f"{SENTENCE}\n第二段。"),
        (f"{SENTENCE}\nABC".encode("utf-16-be"), f"{SENTENCE}\nABC"),
    ],
)
def test_nul_bytes_mean_binary_unless_the_text_is_utf16(data, expected):
    outcome = read_data(data, source="a.txt", suffix=".txt")
    assert [d.text for d in outcome.documents] == ([expected] if expected else [])
    assert bool(outcome.failures) is (expected is None)


@pytest.mark.issue(15)
@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(categories=["Cf", "Cs", "Cc", "Cn", "Lo", "Zs"]), max_size=60))
def test_clean_characters_leaves_nothing_invisible_or_unwritable(text):
    cleaned = clean_characters(text)
    assert clean_characters(cleaned) == cleaned
    cleaned.encode("utf-8")
    assert not any(
        unicodedata.category(ch) in {"Cf", "Cs"} or ch in "\ufffe\uffff" or (ch < " " and ch not in "\t\n\r\x0b\x0c")
        for ch in cleaned
    )
