"""VISITED steps beyond verb + purpose: arrivals, sites of a visit report, tributes, accompaniers."""

from __future__ import annotations

import pytest

from relation_docs import make_doc, relations_of, resolve_and_extract
from zhkg.records import VISITED

P, O, L = "PERSON", "ORG", "PLACE"
REPORT = "张建国在安徽调研\n"  # a headline that makes the document a visit report


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        (
            "张建国先后来到芜湖星光电子公司、宿州市红旗村，与职工交流。",
            [("张建国", P), ("芜湖星光电子公司", O), ("宿州市", L), ("红旗村", L)],
            {("张建国", "芜湖星光电子公司"), ("张建国", "宿州市"), ("张建国", "红旗村")},
        ),
        (
            "李明华走进淮南智造产业园，了解企业复工情况。",
            [("李明华", P), ("淮南智造产业园", O)],
            {("李明华", "淮南智造产业园")},
        ),
        (
            "在芜湖，张建国考察了星光电子、远航材料等企业。",
            [("芜湖", L), ("张建国", P), ("星光电子", O), ("远航材料", O)],
            {("张建国", "芜湖"), ("张建国", "星光电子"), ("张建国", "远航材料")},
        ),
        (
            "李明华飞抵宿州，随即前往灵璧县。",
            [("李明华", P), ("宿州", L), ("灵璧县", L)],
            {("李明华", "宿州"), ("李明华", "灵璧县")},
        ),
    ],
)
def test_arrival_verbs_carry_their_targets(text, ents, expected):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), VISITED) == expected


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("张建国来到会场，出席开幕式。", [("张建国", P)]),
        ("该项目走进千家万户。", []),
        ("会议要求深入推进安徽制造业发展。", [("安徽", L)]),
    ],
)
def test_no_arrival_without_a_target_entity_or_visitor(text, ents):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), VISITED) == set()


def test_list_after_an_arrival_stops_at_the_first_non_list_gap():
    doc = make_doc(
        "张建国来到星光电子公司，了解芜湖远航材料的研发情况。",
        [("张建国", P), ("星光电子公司", O), ("芜湖远航材料", O)],
    )
    assert relations_of(resolve_and_extract(doc), VISITED) == {("张建国", "星光电子公司")}


def test_pronoun_visitor_is_the_person_named_before():
    doc = make_doc(
        REPORT + "张建国首先来到芜湖。\n15日下午，他来到宿州红星林场，听取造林情况汇报。",
        [("张建国", P), ("安徽", L), ("张建国", P), ("芜湖", L), ("宿州", L), ("红星林场", O)],
    )
    assert ("张建国", "红星林场") in relations_of(resolve_and_extract(doc), VISITED)


@pytest.mark.parametrize(
    ("body", "ents", "expected"),
    [
        (
            "在芜湖星光电子公司和宿州市档案馆，张建国看望干部职工。",
            [("芜湖星光电子公司", O), ("宿州市档案馆", O), ("张建国", P)],
            {("张建国", "芜湖星光电子公司"), ("张建国", "宿州市档案馆")},
        ),
        (
            "张建国在淮南窑址了解文物保护工作，到芜湖滨湖湿地公园实地调研。",
            [("张建国", P), ("淮南窑址", L), ("芜湖滨湖湿地公园", L)],
            {("张建国", "淮南窑址"), ("张建国", "芜湖滨湖湿地公园")},
        ),
        (
            "张建国到宿州档案馆察看馆藏，听取工作汇报。",
            [("张建国", P), ("宿州档案馆", O)],
            {("张建国", "宿州档案馆")},
        ),
    ],
)
def test_sites_of_a_visit_report(body, ents, expected):
    doc = make_doc(REPORT + body, [("张建国", P), ("安徽", L), *ents])
    assert relations_of(resolve_and_extract(doc), VISITED) - {("张建国", "安徽")} == expected


def test_sites_need_a_visit_report():
    doc = make_doc(
        "安徽召开经济工作会议\n会议总结全年工作。\n在芜湖星光电子公司，张建国看望干部职工。",
        [("安徽", L), ("芜湖星光电子公司", O), ("张建国", P)],
    )
    assert relations_of(resolve_and_extract(doc), VISITED) == set()


def test_tribute_marks_the_memorial_visited():
    doc = make_doc("张建国向烈士纪念碑敬献花篮。", [("张建国", P), ("烈士纪念碑", L)])
    assert relations_of(resolve_and_extract(doc), VISITED) == {("张建国", "烈士纪念碑")}


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        (
            "张建国在省委书记李明华陪同下来到宿州市调研。",
            [("张建国", P), ("省委", O), ("李明华", P), ("宿州市", L)],
            {("张建国", "宿州市")},
        ),
        (
            "在李明华陪同下，张建国来到芜湖星光电子公司。",
            [("李明华", P), ("张建国", P), ("芜湖星光电子公司", O)],
            {("张建国", "芜湖星光电子公司")},
        ),
        (
            "李明华陪同张建国来到芜湖星光电子公司。",
            [("李明华", P), ("张建国", P), ("芜湖星光电子公司", O)],
            {("张建国", "芜湖星光电子公司")},
        ),
    ],
)
def test_accompanying_officials_are_not_visitors(text, ents, expected):
    doc = make_doc(text, ents, posts=[("李明华", ["书记"], "省委")] if "省委" in text else [])
    assert relations_of(resolve_and_extract(doc), VISITED) == expected


def test_body_opening_a_title_is_no_visitor():
    doc = make_doc("全国政协副主席、国务院副总理到芜湖调研。", [("全国政协", O), ("国务院", O), ("芜湖", L)])
    assert relations_of(resolve_and_extract(doc), VISITED) == set()


def test_body_as_visitor_still_visits():
    doc = make_doc("省交通厅到芜湖调研。", [("省交通厅", O), ("芜湖", L)])
    assert relations_of(resolve_and_extract(doc), VISITED) == {("省交通厅", "芜湖")}


def test_places_glued_before_a_site_keep_the_list_going():
    doc = make_doc(
        "李明华走进芜湖市镜湖区青年创业之家，与青年交流。",
        [("李明华", P), ("芜湖市", L), ("镜湖区", L), ("青年创业之家", O)],
    )
    assert ("李明华", "青年创业之家") in relations_of(resolve_and_extract(doc), VISITED)


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("李明华来到安徽至江西古驿道遗址，了解保护情况。", [("李明华", P), ("安徽", L)], set()),
        ("李明华前往省交通厅机关看望干部。", [("李明华", P), ("省交通厅", O)], {("李明华", "省交通厅")}),
        ("李明华来到红星林场实地察看。", [("李明华", P), ("红星林场", O)], {("李明华", "红星林场")}),
    ],
)
def test_target_that_only_opens_a_longer_name_is_dropped(text, ents, expected):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), VISITED) == expected


def test_guidance_under_someone_is_no_site_activity():
    doc = make_doc(
        REPORT + "群众在星光艺术团队员指导下载歌载舞。",
        [("张建国", P), ("安徽", L), ("星光艺术团", O)],
    )
    assert relations_of(resolve_and_extract(doc), VISITED) == {("张建国", "安徽")}


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("李明华参观了安徽农业考察成果展。", [("李明华", P), ("安徽", L)], set()),
        ("李明华来到芜湖救助站看望儿童。", [("李明华", P), ("芜湖", L)], set()),
        ("李明华来到芜湖考察。", [("李明华", P), ("芜湖", L)], {("李明华", "芜湖")}),
    ],
)
def test_place_opening_the_name_of_a_site_is_not_the_target(text, ents, expected):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), VISITED) == expected


def test_viewing_verb_at_the_end_of_a_sentence():
    doc = make_doc("李明华还瞻仰了烈士纪念馆。", [("李明华", P), ("烈士纪念馆", L)])
    assert relations_of(resolve_and_extract(doc), VISITED) == {("李明华", "烈士纪念馆")}
