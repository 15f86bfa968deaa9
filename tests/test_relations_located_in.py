"""LOCATED_IN from the administrative hierarchy and organ-name prefixes, to mentioned places only."""

from __future__ import annotations

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
