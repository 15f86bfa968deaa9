"""Entity clean-up: honorifics off PERSON spans, dateline characters off any entity."""

from __future__ import annotations

import pytest
import spacy

from pipelines.components.entity_cleanup import FACTORY
from pipelines.spans import CharSpan, set_entities
from pipelines.tokens import LacWord, attach_lac_words
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


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("要坚持严管和厚爱相结合。", "严管"),
        ("要把要求落实到正风肃纪反腐各个环节。", "正风肃纪"),
        ("暴雨过后，街道变成一片汪洋，车辆无法通行。", "汪洋"),
    ],
)
def test_names_of_unusual_length_without_evidence_are_dropped(full_pipeline, text, word):
    assert word not in _persons(full_pipeline, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("副市长方岩主持会议。", "方岩"),
        ("本台记者　陆川：现场的水位还在上涨。", "陆川"),
        ("方岩今天来到车间察看生产。", "方岩"),
        ("一同赶来的还有周岚，她是厂里的技术骨干。", "周岚"),
        ("残疾人运动员方岩，讲述了自己的故事。", "方岩"),
        ("发言人方岩3号宣布了消息。", "方岩"),
        ("安德烈-科瓦廖夫严厉驳斥了报道。", "安德烈-科瓦廖夫"),
        ("欧阳振华指出，要抓好落实。", "欧阳振华"),
    ],
)
def test_names_of_unusual_length_with_evidence_stay(full_pipeline, text, name):
    assert name in _persons(full_pipeline, text)


def _orgs(cleanup, text: str, name: str, lac_tags: list[tuple[str, str]] | None = None) -> list[str]:
    """The ORGs left of ``name`` in ``text``; ``lac_tags`` are LAC's words inside it, if any."""
    doc = spacy.blank("zh")(text)
    start = text.index(name)
    if lac_tags is not None:
        words, offset = [], start
        for word, tag in lac_tags:
            words.append(LacWord(offset, offset + len(word), tag))
            offset += len(word)
        attach_lac_words(doc, words)
    set_entities(doc, [CharSpan(start, start + len(name), "ORG")])
    return [e.text for e in cleanup(doc).ents]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("群众可以到政务服务中心办理。", "政务服务中心"),
        ("公司在海外设立了研发中心。", "研发中心"),
        ("形成省实验室、国家实验室相互补充的体系。", "国家实验室"),
        ("建成一批国家重点实验室。", "国家重点实验室"),
        ("小区有了社区卫生服务站。", "社区卫生服务站"),
    ],
)
def test_kinds_of_bodies_are_no_org(cleanup, text, name):
    assert _orgs(cleanup, text, name) == []


@pytest.mark.parametrize(
    ("text", "name", "lac_tags"),
    [
        ("他来到宁波市政务服务中心。", "宁波市政务服务中心", None),
        ("国家信息中心发布报告。", "国家信息中心", None),
        ("卫星从酒泉卫星发射中心升空。", "酒泉卫星发射中心", [("酒泉", "LOC"), ("卫星发射中心", "ORG")]),
        ("他考察了华信煤化工国家重点实验室。", "华信煤化工国家重点实验室", None),
        ("总局的档案编研中心赴企业调研。", "档案编研中心", None),
    ],
)
def test_named_bodies_of_a_kind_stay(cleanup, text, name, lac_tags):
    assert _orgs(cleanup, text, name, lac_tags) == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [("他们整理了朝鲜文古籍。", "朝鲜文"), ("报告谈到苏北振兴的新机遇。", "苏北振兴")],
)
def test_a_place_with_a_script_or_a_development_word_is_no_place(cleanup, text, name):
    doc = spacy.blank("zh")(text)
    start = text.index(name)
    set_entities(doc, [CharSpan(start, start + len(name), "PLACE")])
    assert [e.text for e in cleanup(doc).ents] == []


def _run_many(cleanup, text: str, names: tuple[str, ...]) -> list[str]:
    doc = spacy.blank("zh")(text)
    starts = [text.index(name) for name in names]
    set_entities(doc, [CharSpan(s, s + len(name), "PERSON") for s, name in zip(starts, names)])
    return [e.text for e in cleanup(doc).ents]


@pytest.mark.parametrize(
    ("text", "parts", "name"),
    [
        ("该国总统罗兰·维斯今天发表讲话。", ("罗兰", "维斯"), "罗兰·维斯"),
        ("参议员埃米尔—塔巴尼出席。", ("埃米尔", "塔巴尼"), "埃米尔—塔巴尼"),
        ("执行干事罗兰·维斯讲话。", ("罗兰·", "维斯"), "罗兰·维斯"),
        ("秘书亚斯卡任诺夫斯基宣布。", ("亚斯卡", "任诺夫斯基"), "亚斯卡任诺夫斯基"),
    ],
)
def test_parts_of_a_transliterated_name_become_one_person(cleanup, text, parts, name):
    assert _run_many(cleanup, text, parts) == [name]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("祁立衡和埃米尔分别讲话。", ("祁立衡和", "埃米尔")),
        ("市民唐雨桐邵海峰夫妇来了。", ("唐雨桐", "邵海峰")),
        ("总统罗兰\n总理塔巴尼致贺。", ("罗兰\n", "总理塔巴尼")),
        ("罗兰、维斯出席。", ("罗兰", "维斯")),
    ],
)
def test_people_next_to_each_other_stay_apart(cleanup, text, names):
    assert _run_many(cleanup, text, names) == list(names)


def test_a_line_break_ending_the_last_part_is_left_out(cleanup):
    assert _run_many(cleanup, "总统埃米尔-塔巴尼\n总理出席。", ("埃米尔", "塔巴尼\n")) == ["埃米尔-塔巴尼"]
