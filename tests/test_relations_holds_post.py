"""HOLDS_POST from doc._.posts, with the organisation's canonical name and every title."""

from __future__ import annotations

import pytest

from zhkg.records import HOLDS_POST
from relation_docs import make_doc, relations_of, resolve_and_extract


def _holds(doc):
    return [r for r in doc._.relations if r["relation"] == HOLDS_POST]


def test_titles_for_one_organisation_are_joined():
    doc = make_doc(
        "省科技厅党组书记、厅长祁立衡会上表示。",
        [("省科技厅", "ORG"), ("祁立衡", "PERSON")],
        posts=[("祁立衡", ["党组书记", "厅长"], "省科技厅")],
    )
    (rel,) = _holds(resolve_and_extract(doc))
    assert (rel["head"], rel["tail"], rel["attrs"]["title"]) == ("祁立衡", "省科技厅", "党组书记|厅长")


def test_organisation_takes_its_expanded_name():
    doc = make_doc(
        "安徽省科技厅召开会议，安徽各地参加。安徽多地推进。省科技厅党组书记、厅长祁立衡表示。",
        [("安徽省科技厅", "ORG"), ("安徽", "PLACE"), ("安徽", "PLACE"), ("省科技厅", "ORG"), ("祁立衡", "PERSON")],
        posts=[("祁立衡", ["党组书记", "厅长"], "省科技厅")],
    )
    assert relations_of(resolve_and_extract(doc), HOLDS_POST) == {("祁立衡", "安徽省科技厅")}


def test_post_without_organisation_gives_no_relation():
    doc = make_doc("钟立民总书记强调。", [("钟立民", "PERSON")], posts=[("钟立民", ["总书记"], None)])
    assert _holds(resolve_and_extract(doc)) == []


def test_organisation_that_is_no_entity_gives_no_relation():
    doc = make_doc("某某协会会长张三表示。", [("张三", "PERSON")], posts=[("张三", ["会长"], "某某协会")])
    assert _holds(resolve_and_extract(doc)) == []


def test_two_organisations_of_one_official():
    doc = make_doc(
        "中共中央政治局常委、国务院副总理葛峰到财政部调研。",
        [("中共中央政治局", "ORG"), ("国务院", "ORG"), ("葛峰", "PERSON"), ("财政部", "ORG")],
    )
    text = doc.text
    start = text.index("葛峰")
    doc._.posts = [{
        "person": "葛峰", "person_start": start, "person_end": start + 2,
        "titles": ["常委", "副总理"], "orgs": ["中共中央政治局", "国务院"],
        "org": "中共中央政治局", "org_start": 0, "org_end": 7,
    }]
    rels = {(r["tail"], r["attrs"]["title"]) for r in _holds(resolve_and_extract(doc))}
    assert rels == {("中共中央政治局", "常委"), ("国务院", "副总理")}


@pytest.mark.parametrize(
    ("text", "ents", "post", "expected"),
    [
        (
            "省委常委、省政府副省长、省防汛抗旱指挥部总指挥李明华主持会议。",
            [("省委", "ORG"), ("省政府", "ORG"), ("省防汛抗旱指挥部", "ORG"), ("李明华", "PERSON")],
            ("李明华", ["总指挥"], "省防汛抗旱指挥部"),
            {("李明华", "省委"), ("李明华", "省政府"), ("李明华", "省防汛抗旱指挥部")},
        ),
        (
            "市委常委、第三次全市土地调查领导小组组长张建国出席。",
            [("市委", "ORG"), ("土地调查领导小组", "ORG"), ("张建国", "PERSON")],
            ("张建国", ["组长"], "土地调查领导小组"),
            {("张建国", "市委"), ("张建国", "土地调查领导小组")},
        ),
        (
            "省委书记张建国、省长李明华出席。",
            [("省委", "ORG"), ("张建国", "PERSON"), ("李明华", "PERSON")],
            ("李明华", ["省长"], None),
            set(),
        ),
    ],
)
def test_every_link_of_a_title_chain_gives_a_post(text, ents, post, expected):
    doc = make_doc(text, ents, posts=[post])
    assert relations_of(resolve_and_extract(doc), HOLDS_POST) == expected


def test_chain_stops_at_a_clause_break():
    doc = make_doc(
        "会议由省政府主持，市委常委张建国出席。",
        [("省政府", "ORG"), ("市委", "ORG"), ("张建国", "PERSON")],
        posts=[("张建国", ["常委"], "市委")],
    )
    assert relations_of(resolve_and_extract(doc), HOLDS_POST) == {("张建国", "市委")}
