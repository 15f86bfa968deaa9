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
    ("text", "start", "end", "label", "expected"),
    [
        ("老师们来了。", 0, 2, "PERSON", [("老师", "PERSON")]),
        ("先生来了。", 0, 2, "PERSON", [("先生", "PERSON")]),
        ("外交部长表示。", 0, 4, "ORG", [("外交部长", "ORG")]),
    ],
)
def test_spans_that_are_only_an_honorific_or_not_people_stay(cleanup, text, start, end, label, expected):
    assert _run(cleanup, text, start, end, label) == expected


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
    assert (copy.honorifics, copy.cleanup_words) == (cleanup.honorifics, cleanup.cleanup_words)


def test_disk_round_trip(cleanup, tmp_path):
    cleanup.to_disk(tmp_path)
    copy = spacy.blank("zh").add_pipe(FACTORY, name="copy").from_disk(tmp_path)
    assert (copy.honorifics, copy.cleanup_words) == (cleanup.honorifics, cleanup.cleanup_words)


def _persons(full_pipeline, text: str) -> list[str]:
    with full_pipeline.select_pipes(enable=["sentences", "lac_ner", "entity_cleanup"]):
        return [e.text for e in full_pipeline(text).ents if e.label_ == "PERSON"]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("They said the plan works.", "They"),
        ("我们要踔厉奋发、勇毅前行。", "踔厉"),
        ("培养对党忠诚、敢于担当的干部。", "党忠诚"),
    ],
)
def test_words_tagged_as_names_are_dropped(full_pipeline, text, word):
    assert word not in _persons(full_pipeline, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("市长党建华主持会议。", "党建华"),
        ("党建华指出，改革要深入推进。", "党建华"),
        ("李小红、党建华出席了活动。", "党建华"),
    ],
)
def test_names_with_evidence_stay(full_pipeline, text, name):
    assert name in _persons(full_pipeline, text)


def test_a_name_glued_to_the_next_character_is_the_name_of_the_document(cleanup):
    text = "会上，张明远强调要抓落实。会后，张明远在车间察看生产。"
    doc = spacy.blank("zh")(text)
    first, second = text.index("张明远"), text.rindex("张明远")
    set_entities(doc, [CharSpan(first, first + 3, "PERSON"), CharSpan(second, second + 4, "PERSON")])
    assert [e.text for e in cleanup(doc).ents] == ["张明远", "张明远"]


@pytest.mark.parametrize(
    ("text", "culture"),
    [("他了解了龙山文化等史前文化发掘情况。", "龙山"), ("他察看了满洲语言文字的研究成果。", "满洲")],
)
def test_a_place_before_a_culture_word_names_no_place(full_pipeline, text, culture):
    assert culture not in [e.text for e in full_pipeline(text).ents if e.label_ == "PLACE"]


def test_a_place_before_other_words_stays(full_pipeline):
    assert "三星堆" in [e.text for e in full_pipeline("他来到三星堆考察。").ents if e.label_ == "PLACE"]
