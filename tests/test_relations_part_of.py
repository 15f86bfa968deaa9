"""PART_OF from explicit cues and from paragraphs about a parent's units."""

from __future__ import annotations

import pytest

from zhkg.records import PART_OF, TAIL_IN_NAME
from relation_docs import make_doc, relations_of, resolve_and_extract


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("海关总署所属福州海关召开会议。", [("海关总署", "ORG"), ("福州海关", "ORG")], {("福州海关", "海关总署")}),
        ("工信部直属的电子五所参加。", [("工信部", "ORG"), ("电子五所", "ORG")], {("电子五所", "工信部")}),
        ("电子五所隶属于工信部。", [("电子五所", "ORG"), ("工信部", "ORG")], {("电子五所", "工信部")}),
    ],
)
def test_explicit_cue(text, ents, expected):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), PART_OF) == expected


def test_units_paragraph_after_parent_cue():
    doc = make_doc(
        "水利部机关和直属单位把防汛备汛摆在突出位置。围绕水库安全，规划司走访基层水文站；财务司召开专题座谈会。",
        [("水利部机关", "ORG"), ("规划司", "ORG"), ("财务司", "ORG")],
    )
    assert relations_of(resolve_and_extract(doc), PART_OF) == {("规划司", "水利部"), ("财务司", "水利部")}


def test_next_paragraph_opening_with_units_cue_continues():
    doc = make_doc(
        "全国妇联各部门各单位扎实推进学习。宣传部编印学习材料。\n各部门各单位还注重实效。信息中心开设网上专栏；芜湖儿童活动中心到杭州市妇联交流。\n权益部开展研讨。",
        [("全国妇联", "ORG"), ("宣传部", "ORG"), ("信息中心", "ORG"), ("芜湖儿童活动中心", "ORG"),
         ("杭州市妇联", "ORG"), ("权益部", "ORG")],
    )
    relations = relations_of(resolve_and_extract(doc), PART_OF)
    assert relations == {("宣传部", "全国妇联"), ("信息中心", "全国妇联")}


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("工信部召开会议。规划局参加。", [("工信部", "ORG"), ("规划局", "ORG")]),
        ("国资委机关和直属单位参加。芜湖市经信局发言。", [("国资委机关", "ORG"), ("芜湖市经信局", "ORG")]),
        ("国资委机关和直属单位参加。中国国际贸易学会发言。", [("国资委机关", "ORG"), ("中国国际贸易学会", "ORG")]),
    ],
)
def test_no_part_of_without_cue_or_for_placed_and_national_names(text, ents):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), PART_OF) == set()


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("国务院召开会议，国务院医改办汇报工作。", [("国务院", "ORG"), ("国务院医改办", "ORG")], {("国务院医改办", "国务院")}),
        ("省政府要求，省政府研究室起草报告。", [("省政府", "ORG"), ("省政府研究室", "ORG")], {("省政府研究室", "省政府")}),
        ("中央纪委部署工作，中央纪委国家监委落实。", [("中央纪委", "ORG"), ("中央纪委国家监委", "ORG")], set()),
        ("省政府研究室起草报告。", [("省政府研究室", "ORG")], set()),
    ],
)
def test_unit_named_after_its_parent(text, ents, expected):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), PART_OF) == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("最高法执行局通报情况。", [("最高法执行局", "ORG")], {("最高法执行局", "最高法", True)}),
        ("最高检案管办介绍情况。", [("最高检案管办", "ORG")], {("最高检案管办", "最高检", True)}),
        ("最高法召开会议，最高法执行局汇报工作。", [("最高法", "ORG"), ("最高法执行局", "ORG")],
         {("最高法执行局", "最高法", False)}),
        ("最高检机关党委召开会议。", [("最高检机关党委", "ORG")], set()),
        ("最高法执行局纪委通报案件。", [("最高法执行局纪委", "ORG")], set()),
    ],
)
def test_unit_of_a_top_organ_is_marked_when_the_organ_is_only_in_its_name(text, ents, expected):
    """The graph keeps the marked ones only where the corpus names the organ on its own."""
    doc = resolve_and_extract(make_doc(text, ents))
    found = {(r["head"], r["tail"], bool(r["attrs"].get(TAIL_IN_NAME)))
             for r in doc._.relations if r["relation"] == PART_OF}
    assert found == expected


def test_central_organs_of_their_own_rank_are_no_units():
    doc = make_doc("中共中央召开会议，中共中央政治局研究工作。", [("中共中央", "ORG"), ("中共中央政治局", "ORG")])
    assert relations_of(resolve_and_extract(doc), PART_OF) == set()


def test_company_suffix_is_no_unit():
    doc = make_doc("远航发布公告，远航公司回应。", [("远航", "ORG"), ("远航公司", "ORG")])
    assert relations_of(resolve_and_extract(doc), PART_OF) == set()
