"""In-document resolution: body suffixes, short names, anaphora and the document's province."""

from __future__ import annotations

import pytest
import spacy

from pipelines.components.resolver import FACTORY, Resolver, strip_body_suffix
from relation_docs import PLACES, make_doc


def _resolve(text, ents):
    doc = make_doc(text, ents)
    Resolver("resolver", lexicon=PLACES)(doc)
    return [(e.text, e.label_, e.kb_id_) for e in doc.ents]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("水利部党组", "水利部"), ("国家林草局党委", "国家林草局"), ("国家林草局机关", "国家林草局"),
     ("海关总署", "海关总署"), ("党组", "党组")],
)
def test_strip_body_suffix(name, expected):
    assert strip_body_suffix(name) == expected


def test_short_name_takes_the_full_name_used_in_the_document():
    ents = _resolve("安徽省科技厅召开会议。省科技厅党组部署工作。", [("安徽省科技厅", "ORG"), ("省科技厅党组", "ORG")])
    assert [kb for *_, kb in ents] == ["安徽省科技厅", "安徽省科技厅"]


def test_short_name_takes_the_dominant_province():
    ents = _resolve(
        "全省工业增长。安徽装备工业增长，芜湖发展，宿州突破。省科技厅部署工作。",
        [("全省", "PLACE"), ("安徽", "PLACE"), ("芜湖", "PLACE"), ("宿州", "PLACE"), ("省科技厅", "ORG")],
    )
    assert ents[0][2] == "安徽"
    assert ents[-1][2] == "安徽省科技厅"


def test_short_name_stays_without_a_clear_province():
    ents = _resolve("浙江和湖南发展。省科技厅部署工作。", [("浙江", "PLACE"), ("湖南", "PLACE"), ("省科技厅", "ORG")])
    assert ents[-1][2] == "省科技厅"


@pytest.mark.parametrize(
    ("text", "anaphor"),
    [
        ("安徽省科技厅召开会议。\n主题教育中，该厅还创新开展活动。", "该厅"),
        ("安徽省科技厅召开会议，对全厅开展主题教育进行动员。", "全厅"),
        ("安徽省科技厅制定《厅党组成员任务清单》。", "厅党组"),
    ],
)
def test_anaphor_becomes_an_org_named_after_its_antecedent(text, anaphor):
    ents = _resolve(text, [("安徽省科技厅", "ORG")])
    assert (anaphor, "ORG", "安徽省科技厅") in ents


def test_anaphor_picks_the_nearest_organisation_of_its_kind():
    ents = _resolve("海关总署、工信部和安徽省科技厅参加。该部表示支持。", [("海关总署", "ORG"), ("工信部", "ORG"), ("安徽省科技厅", "ORG")])
    assert ("该部", "ORG", "工信部") in ents


@pytest.mark.parametrize("text", ["工信部认为该部分工作重要。", "全部企业参加，全局工作稳定。", "该厅召开会议。"])
def test_no_anaphor_without_antecedent_or_for_ordinary_words(text):
    ents = _resolve(text, [("工信部", "ORG")] if text.startswith("工信部") else [])
    assert [e for e in ents if e[0] != "工信部"] == []


def test_existing_kb_id_is_kept():
    ents = _resolve("工信部召开会议。", [("工信部", "ORG", "工业和信息化部")])
    assert ents == [("工信部", "ORG", "工业和信息化部")]


def test_factory_builds_from_config():
    nlp = spacy.blank("zh")
    nlp.add_pipe(FACTORY, config={"min_mentions": 3})
    assert nlp.get_pipe(FACTORY).min_mentions == 3


def test_constructor_rejects_bad_setting():
    with pytest.raises(ValueError, match="min_mentions"):
        Resolver("resolver", min_mentions=0)


def test_anaphor_already_marked_as_org_is_renamed():
    ents = _resolve("安徽省科技厅制定《厅党组成员任务清单》。", [("安徽省科技厅", "ORG"), ("厅党组", "ORG")])
    assert ents == [("安徽省科技厅", "ORG", "安徽省科技厅"), ("厅党组", "ORG", "安徽省科技厅")]


def test_body_inside_an_organisation_name_is_no_anaphor():
    ents = _resolve("海关总署召开会议。水利部党组部署工作。", [("海关总署", "ORG"), ("水利部党组", "ORG")])
    assert ents == [("海关总署", "ORG", "海关总署"), ("水利部党组", "ORG", "水利部")]


def test_new_body_anaphor_must_not_continue_an_unmarked_name():
    ents = _resolve("安徽省科技厅开会。财政厅党组部署工作。", [("安徽省科技厅", "ORG")])
    assert ents == [("安徽省科技厅", "ORG", "安徽省科技厅")]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("工信部调研组赴宿州调研。", [("工信部调研组", "ORG"), ("宿州", "PLACE")], "工信部"),
        ("省交通厅专家组来到芜湖。", [("省交通厅专家组", "ORG"), ("芜湖", "PLACE")], "省交通厅"),
        ("省委第二督导组来到芜湖。", [("省委第二督导组", "ORG"), ("芜湖", "PLACE")], "省委第二督导组"),
    ],
)
def test_group_of_a_body_is_the_body(text, ents, expected):
    assert _resolve(text, ents)[0][2] == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("中共中央办公厅印发通知。中央办公厅要求落实。", [("中共中央办公厅", "ORG"), ("中央办公厅", "ORG")],
         ["中共中央办公厅", "中共中央办公厅"]),
        ("远航电力公司发布报告。远航电力表示。", [("远航电力公司", "ORG"), ("远航电力", "ORG")], ["远航电力", "远航电力"]),
        ("中央办公厅要求落实。", [("中央办公厅", "ORG")], ["中央办公厅"]),
    ],
)
def test_variants_of_one_body_share_a_name(text, ents, expected):
    assert [kb for *_, kb in _resolve(text, ents)] == expected


def test_unmarked_repeat_of_a_person_becomes_a_mention():
    ents = _resolve("张建国来到芜湖。随后张建国向纪念碑敬献花篮。", [("张建国", "PERSON"), ("芜湖", "PLACE")])
    assert [(t, label) for t, label, _ in ents] == [("张建国", "PERSON"), ("芜湖", "PLACE"), ("张建国", "PERSON")]


def test_repeat_inside_another_entity_is_left_alone():
    ents = _resolve("王明出席会议。王明路街道办事处报告。", [("王明", "PERSON"), ("王明路街道办事处", "ORG")])
    assert [t for t, *_ in ents] == ["王明", "王明路街道办事处"]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("省政府印发《安全生产管理规定》。《规定》要求落实责任。", [("省政府", "ORG"), ("安全生产管理规定", "INITIATIVE")],
         [("安全生产管理规定", "安全生产管理规定"), ("规定", "安全生产管理规定")]),
        ("《规定》要求落实责任。省政府印发《安全生产管理规定》。", [("省政府", "ORG"), ("安全生产管理规定", "INITIATIVE")],
         [("安全生产管理规定", "安全生产管理规定")]),
        ("省政府印发《安全生产管理规定》。《意见》要求落实。", [("省政府", "ORG"), ("安全生产管理规定", "INITIATIVE")],
         [("安全生产管理规定", "安全生产管理规定")]),
    ],
)
def test_short_title_names_the_document_before(text, ents, expected):
    found = [(t, kb) for t, label, kb in _resolve(text, ents) if label == "INITIATIVE"]
    assert found == expected
