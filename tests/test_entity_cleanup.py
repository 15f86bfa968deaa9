"""Entity clean-up: honorifics off PERSON spans, dateline characters off any entity."""

from __future__ import annotations

import pytest
import spacy

from pipelines.components.entity_cleanup import FACTORY
from pipelines.spans import CharSpan, set_entities
from zhkg.errors import NotInitializedError


@pytest.fixture(scope="module")
def cleanup():
    nlp = spacy.blank("zh")
    nlp.add_pipe(FACTORY)
    nlp.initialize()
    return nlp.get_pipe(FACTORY)


def _run(cleanup, text: str, start: int, end: int, label: str) -> list[tuple[str, str]]:
    doc = spacy.blank("zh")(text)
    set_entities(doc, [CharSpan(start, end, label)])
    return [(e.text, e.label_) for e in cleanup(doc).ents]


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("王建国先生出席了会议。", 0, 5, ("王建国", "PERSON")),
        ("费舍尔议长表示欢迎。", 0, 5, ("费舍尔", "PERSON")),
        ("张某某同志参加。", 0, 5, ("张某某", "PERSON")),
    ],
)
def test_honorifics_are_not_part_of_the_name(cleanup, text, start, end, expected):
    assert _run(cleanup, text, start, end, "PERSON") == [expected]


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("老师们来了。", 0, 2, "PERSON"),
        ("先生来了。", 0, 2, "PERSON"),
        ("外交部长表示。", 0, 4, "ORG"),
    ],
)
def test_spans_that_are_only_an_honorific_or_not_people_stay(cleanup, text, start, end, label):
    assert _run(cleanup, text, start, end, label) == [(text[start:end], label)]


@pytest.mark.parametrize(
    ("text", "start", "end", "label", "expected"),
    [
        ("新华社北京5月10日电外交部发言人表示。", 10, 14, "ORG", "外交部"),
        ("本报上海6月1日讯市政府召开会议。", 8, 12, "ORG", "市政府"),
    ],
)
def test_a_dateline_character_is_cut_off(cleanup, text, start, end, label, expected):
    assert _run(cleanup, text, start, end, label) == [(expected, label)]


def test_an_entity_starting_with_dian_elsewhere_stays(cleanup):
    text = "他在电子部工作。"
    assert _run(cleanup, text, 2, 5, "ORG") == [("电子部", "ORG")]


def test_refuses_to_run_uninitialized():
    component = spacy.blank("zh").add_pipe(FACTORY)
    with pytest.raises(NotInitializedError):
        component(spacy.blank("zh")("王建国先生"))


def test_bytes_round_trip(cleanup):
    copy = spacy.blank("zh").add_pipe(FACTORY, name="copy").from_bytes(cleanup.to_bytes())
    assert copy.honorifics == cleanup.honorifics


def test_disk_round_trip(cleanup, tmp_path):
    cleanup.to_disk(tmp_path)
    copy = spacy.blank("zh").add_pipe(FACTORY, name="copy").from_disk(tmp_path)
    assert copy.honorifics == cleanup.honorifics
