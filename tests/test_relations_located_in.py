"""LOCATED_IN from the administrative hierarchy and organ-name prefixes, to mentioned places only."""

from __future__ import annotations

import pytest

from zhkg.records import LOCATED_IN
from relation_docs import make_doc, relations_of, resolve_and_extract


def _located(text, ents):
    return relations_of(resolve_and_extract(make_doc(text, ents), (LOCATED_IN,)), LOCATED_IN)


def test_place_goes_to_its_nearest_mentioned_ancestor():
    found = _located("安徽推进发展，宿州灵璧县和寿县参加。", [("安徽", "PLACE"), ("宿州", "PLACE"), ("灵璧县", "PLACE"), ("寿县", "PLACE")])
    assert found == {("宿州", "安徽"), ("灵璧县", "宿州"), ("寿县", "安徽")}


def test_no_edge_to_an_unmentioned_parent():
    assert _located("宿州市推进发展。", [("宿州市", "PLACE")]) == set()


def test_organ_named_after_a_mentioned_place():
    found = _located("安徽省科技厅在安徽开展工作。", [("安徽省科技厅", "ORG"), ("安徽", "PLACE")])
    assert found == {("安徽省科技厅", "安徽")}


def test_company_named_after_a_place_is_not_located():
    assert _located("芜湖青山茶在芜湖。", [("芜湖青山茶", "ORG"), ("芜湖", "PLACE")]) == set()


def test_lexicon_relations_have_no_sentence():
    doc = resolve_and_extract(make_doc("安徽宿州", [("安徽", "PLACE"), ("宿州", "PLACE")]), (LOCATED_IN,))
    assert [(r["sent"], r["attrs"]) for r in doc._.relations] == [(-1, {"source": "hierarchy"})]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("星光电子公司位于芜湖市镜湖区，主营芯片。", [("星光电子公司", "ORG"), ("芜湖市", "PLACE"), ("镜湖区", "PLACE")],
         {("星光电子公司", "镜湖区")}),
        ("李明华来到宿州的红旗机械公司。", [("李明华", "PERSON"), ("宿州", "PLACE"), ("红旗机械公司", "ORG")],
         {("红旗机械公司", "宿州")}),
        ("星光电子公司和芜湖市签约。", [("星光电子公司", "ORG"), ("芜湖市", "PLACE")], set()),
    ],
)
def test_location_stated_in_the_text(text, ents, expected):
    doc = resolve_and_extract(make_doc(text, ents), (LOCATED_IN,))
    stated = {(r["head"], r["tail"]) for r in doc._.relations if r["attrs"].get("source") in ("situated", "的")}
    assert stated == expected


@pytest.mark.parametrize(
    "text",
    ["李明华看望了在宿州的省政协委员。", "李明华看望了宿州的省政协委员。"],
)
def test_members_of_a_body_in_a_place_do_not_locate_the_body(text):
    doc = resolve_and_extract(make_doc(text, [("李明华", "PERSON"), ("宿州", "PLACE"), ("省政协", "ORG")]), (LOCATED_IN,))
    assert [r for r in doc._.relations if r["attrs"].get("source") == "的"] == []


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        (
            "李明华来到位于星海市的星光纪念馆、红旗陈列馆和远航公司。",
            [("李明华", "PERSON"), ("星海市", "PLACE"), ("星光纪念馆", "PLACE"), ("红旗陈列馆", "ORG"), ("远航公司", "ORG")],
            {("星光纪念馆", "星海市"), ("红旗陈列馆", "星海市"), ("远航公司", "星海市")},
        ),
        (
            "李明华来到位于星海市的星光集团纪律建设陈列馆。",
            [("李明华", "PERSON"), ("星海市", "PLACE"), ("星光集团", "ORG")],
            set(),
        ),
        (
            "地处皖北宿州的红旗镇，交通便利。",
            [("皖北", "PLACE"), ("宿州", "PLACE"), ("红旗镇", "PLACE")],
            {("红旗镇", "宿州")},
        ),
    ],
)
def test_each_member_of_a_list_after_situated_in_lies_there(text, ents, expected):
    doc = resolve_and_extract(make_doc(text, ents), (LOCATED_IN,))
    stated = {(r["head"], r["tail"]) for r in doc._.relations if r["attrs"].get("source") == "situated"}
    assert stated == expected
