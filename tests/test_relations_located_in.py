"""LOCATED_IN from the administrative hierarchy and organ-name prefixes, to mentioned places only."""

from __future__ import annotations

import pytest

from zhkg.records import LOCATED_IN
from relation_docs import make_doc, relations_of, resolve_and_extract


def _located(text, ents):
    return relations_of(resolve_and_extract(make_doc(text, ents), (LOCATED_IN,)), LOCATED_IN)


def test_place_goes_to_its_nearest_mentioned_ancestor():
    found = _located("安徽推进发展，六安金寨县和寿县参加。", [("安徽", "PLACE"), ("六安", "PLACE"), ("金寨县", "PLACE"), ("寿县", "PLACE")])
    assert found == {("六安", "安徽"), ("金寨县", "六安"), ("寿县", "安徽")}


def test_no_edge_to_an_unmentioned_parent():
    assert _located("阜阳市推进发展。", [("阜阳市", "PLACE")]) == set()


def test_organ_named_after_a_mentioned_place():
    found = _located("安徽省经信厅在安徽开展工作。", [("安徽省经信厅", "ORG"), ("安徽", "PLACE")])
    assert found == {("安徽省经信厅", "安徽")}


def test_company_named_after_a_place_is_not_located():
    assert _located("合肥小罐茶在合肥。", [("合肥小罐茶", "ORG"), ("合肥", "PLACE")]) == set()


def test_lexicon_relations_have_no_sentence():
    doc = resolve_and_extract(make_doc("安徽阜阳", [("安徽", "PLACE"), ("阜阳", "PLACE")]), (LOCATED_IN,))
    assert [(r["sent"], r["attrs"]) for r in doc._.relations] == [(-1, {"source": "hierarchy"})]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("星光电子公司位于合肥市蜀山区，主营芯片。", [("星光电子公司", "ORG"), ("合肥市", "PLACE"), ("蜀山区", "PLACE")],
         {("星光电子公司", "蜀山区")}),
        ("李明华来到阜阳的红旗机械公司。", [("李明华", "PERSON"), ("阜阳", "PLACE"), ("红旗机械公司", "ORG")],
         {("红旗机械公司", "阜阳")}),
        ("星光电子公司和合肥市签约。", [("星光电子公司", "ORG"), ("合肥市", "PLACE")], set()),
    ],
)
def test_location_stated_in_the_text(text, ents, expected):
    doc = resolve_and_extract(make_doc(text, ents), (LOCATED_IN,))
    stated = {(r["head"], r["tail"]) for r in doc._.relations if r["attrs"].get("source") in ("situated", "的")}
    assert stated == expected


@pytest.mark.parametrize(
    "text",
    ["李明华看望了在阜阳的省政协委员。", "李明华看望了阜阳的省政协委员。"],
)
def test_members_of_a_body_in_a_place_do_not_locate_the_body(text):
    doc = resolve_and_extract(make_doc(text, [("李明华", "PERSON"), ("阜阳", "PLACE"), ("省政协", "ORG")]), (LOCATED_IN,))
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
            "地处皖北阜阳的红旗镇，交通便利。",
            [("皖北", "PLACE"), ("阜阳", "PLACE"), ("红旗镇", "PLACE")],
            {("红旗镇", "阜阳")},
        ),
    ],
)
def test_each_member_of_a_list_after_situated_in_lies_there(text, ents, expected):
    doc = resolve_and_extract(make_doc(text, ents), (LOCATED_IN,))
    stated = {(r["head"], r["tail"]) for r in doc._.relations if r["attrs"].get("source") == "situated"}
    assert stated == expected
