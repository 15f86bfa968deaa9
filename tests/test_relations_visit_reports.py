"""VISITED in visit reports: who speaks at a site, described targets, chained stops, groups of a body."""

from __future__ import annotations

import pytest

from relation_docs import make_doc, relations_of, resolve_and_extract
from zhkg.records import VISITED

P, O, L, I = "PERSON", "ORG", "PLACE", "INITIATIVE"
REPORT = "张建国在安徽调研\n"  # a headline that makes the document a visit report
HEAD = [("张建国", P), ("安徽", L)]


def _visits(text: str, ents: list[tuple[str, str]]) -> set[tuple[str, str]]:
    return relations_of(resolve_and_extract(make_doc(text, ents)), VISITED)


@pytest.mark.parametrize(
    "body",
    [
        "在星光电子公司、远航材料公司，张建国强调，要加快发展。",
        "在星光电子公司和远航材料公司，张建国详细询问研发情况。",
        "在星光电子公司、远航材料公司，张建国勉励职工钻研技术。",
    ],
)
def test_person_opening_the_clause_after_a_site_was_there(body):
    ents = [*HEAD, ("星光电子公司", O), ("远航材料公司", O), ("张建国", P)]
    found = _visits(REPORT + body, ents)
    assert {("张建国", "星光电子公司"), ("张建国", "远航材料公司")} <= found


def test_no_site_visit_outside_a_visit_report():
    text = "王立新工作报告\n在星光电子公司，张建国强调，要加快发展。"
    assert _visits(text, [("王立新", P), ("星光电子公司", O), ("张建国", P)]) == set()


@pytest.mark.parametrize("body", ["在星光电子公司，李明华陪同张建国察看生产线。", "在星光电子公司，李明华陪同张建国。"])
def test_accompanier_after_a_site_is_no_visitor(body):
    found = _visits(REPORT + body, [*HEAD, ("星光电子公司", O), ("李明华", P), ("张建国", P)])
    assert ("李明华", "星光电子公司") not in found


@pytest.mark.parametrize(
    ("body", "ents", "expected"),
    [
        (
            "张建国来到位于星海市的星光纪念馆、红旗陈列馆，缅怀先烈。",
            [("张建国", P), ("星海市", L), ("星光纪念馆", L), ("红旗陈列馆", O)],
            {("张建国", "星光纪念馆"), ("张建国", "红旗陈列馆")},
        ),
        (
            "随后，张建国前往民营高新技术企业星光科技有限公司，察看生产情况。",
            [("张建国", P), ("星光科技有限公司", O)],
            {("张建国", "星光科技有限公司")},
        ),
        (
            "张建国走进中国企业联合会，了解工作情况。",
            [("张建国", P), ("中国企业联合会", O)],
            {("张建国", "中国企业联合会")},
        ),
    ],
)
def test_a_description_before_the_target_is_no_target(body, ents, expected):
    assert _visits(REPORT + body, [*HEAD, *ents]) - {("张建国", "安徽")} == expected


def test_chained_stops_keep_the_visitor_past_objects_of_his_activities():
    body = (
        "张建国来到星光公司，考察生产情况；走进红旗园区，察看远航装备制造基地建设情况；"
        "前往远航公司，了解研发情况；走入创新中心，听取汇报。"
    )
    ents = [("张建国", P), ("星光公司", O), ("红旗园区", O), ("远航装备制造基地", O), ("远航公司", O), ("创新中心", O)]
    found = _visits(REPORT + body, [*HEAD, *ents])
    assert {("张建国", t) for t in ("星光公司", "红旗园区", "远航公司", "创新中心")} <= found


@pytest.mark.parametrize("verb", ["先后赶赴", "赶赴", "走入"])
def test_more_arrival_verbs(verb):
    assert ("李明华", "六安") in _visits(f"李明华{verb}六安，了解灾情。", [("李明华", P), ("六安", L)])


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        (
            "入汛以来，星光部紧紧围绕防汛工作，组织多个考察组先后赶赴皖北和合肥，开展技术指导。",
            [("星光部", O), ("皖北", L), ("合肥", L)],
            {("星光部", "皖北"), ("星光部", "合肥")},
        ),
        (
            "星光总会扎实开展红旗行动。\n在合肥星光基地，专家组围绕技能人才培养进行调研。",
            [("星光总会", O), ("红旗行动", I), ("合肥星光基地", L)],
            {("星光总会", "合肥星光基地")},
        ),
        (
            "民政部调研组先后来到合肥、阜阳，了解救助情况。",
            [("民政部调研组", O), ("合肥", L), ("阜阳", L)],
            {("民政部", "合肥"), ("民政部", "阜阳")},
        ),
    ],
)
def test_a_group_visits_for_the_body_that_sends_it(text, ents, expected):
    assert _visits(text, ents) == expected


def test_bare_group_outside_a_visit_report_needs_a_purpose():
    text = "星光总会扎实开展红旗行动。\n在合肥星光基地，专家组成员深受教育。"
    assert _visits(text, [("星光总会", O), ("红旗行动", I), ("合肥星光基地", L)]) == set()


def test_people_coordinated_before_a_visit_verb_all_visit():
    found = _visits(REPORT + "张建国、李明华一同来到合肥星光公司。", [*HEAD, ("张建国", P), ("李明华", P), ("合肥星光公司", O)])
    assert {("张建国", "合肥星光公司"), ("李明华", "合肥星光公司")} <= found
