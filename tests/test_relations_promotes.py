"""PROMOTES: an organisation or person as subject of a promote verb whose object is an initiative."""

from __future__ import annotations

import pytest

from zhkg.records import PROMOTES
from relation_docs import make_doc, relations_of, resolve_and_extract

I = "INITIATIVE"


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        (
            "国务院国资委、工信部、海关总署扎实开展主题教育。",
            [("国务院国资委", "ORG"), ("工信部", "ORG"), ("海关总署", "ORG"), ("主题教育", I)],
            {("国务院国资委", "主题教育"), ("工信部", "主题教育"), ("海关总署", "主题教育")},
        ),
        (
            "工信部正努力推动重点难点问题解决。大力实施国家制造业创新中心建设工程，凝聚创新资源。",
            [("工信部", "ORG"), ("国家制造业创新中心建设工程", I)],
            {("工信部", "国家制造业创新中心建设工程")},
        ),
        (
            "宁波海关继续深化机构改革，构建“查检合一”的海关货物查检作业新模式，深化“多查合一”改革。",
            [("宁波海关", "ORG"), ("查检合一", I), ("多查合一", I)],
            {("宁波海关", "查检合一"), ("宁波海关", "多查合一")},
        ),
        (
            "中国贸促会党组紧扣贯彻习近平总书记重要指示精神、推动共建“一带一路”等中心工作。",
            [("中国贸促会党组", "ORG"), ("习近平", "PERSON"), ("一带一路", I)],
            {("中国贸促会", "一带一路")},
        ),
        (
            "在筹备2023世界制造业大会工作中，省经信厅进一步提高政治站位。",
            [("2023世界制造业大会", I), ("省经信厅", "ORG")],
            {("省经信厅", "2023世界制造业大会")},
        ),
        (
            "省经信厅坚持以构建先进制造业集群培育体系为抓手，谋深谋实路径举措。",
            [("省经信厅", "ORG"), ("先进制造业集群培育体系", I)],
            {("省经信厅", "先进制造业集群培育体系")},
        ),
        (
            "深圳海关及时制定了今年优化营商环境36项重点任务和先进制造业10项行动计划。",
            [("深圳海关", "ORG"), ("优化营商环境36项重点任务", I), ("先进制造业10项行动计划", I)],
            {("深圳海关", "优化营商环境36项重点任务"), ("深圳海关", "先进制造业10项行动计划")},
        ),
        (
            "广州海关努力提高办文效率；继续完善下基层蹲点跟班制度。",
            [("广州海关", "ORG"), ("下基层蹲点跟班制度", I)],
            {("广州海关", "下基层蹲点跟班制度")},
        ),
    ],
)
def test_promote_verb_with_initiative_object(text, ents, expected):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), PROMOTES) == expected


def test_list_items_under_a_colon_take_the_introducing_subject():
    doc = make_doc(
        "通过分析问题,省经信厅形成了一批典型案例:\n积极推行惠企政策“免申即享”,让企业受益。\n以学促干\n扎实开展专项整治行动。",
        [("省经信厅", "ORG"), ("免申即享", I), ("专项整治行动", I)],
    )
    assert relations_of(resolve_and_extract(doc), PROMOTES) == {("省经信厅", "免申即享")}


def test_anaphor_is_a_subject():
    doc = make_doc(
        "安徽省经信厅召开会议。主题教育中，该厅还创新开展“处长论道”活动。",
        [("安徽省经信厅", "ORG"), ("主题教育", I), ("处长论道", I)],
    )
    assert relations_of(resolve_and_extract(doc), PROMOTES) == {("安徽省经信厅", "处长论道")}


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("国务院国资委、工信部在主题教育中弘扬真抓实干作风。", [("国务院国资委", "ORG"), ("工信部", "ORG"), ("主题教育", I)]),
        ("工信部和海关总署出席主题教育推进会。", [("工信部", "ORG"), ("海关总署", "ORG"), ("主题教育", I)]),
        ("中国贸促会不断深化对主题教育重大意义的认识。", [("中国贸促会", "ORG"), ("主题教育", I)]),
        ("离退休党组织为老党员开展“送书到家”活动。", [("送书到家", I)]),
        (
            "国资委把落实党中央决策部署、做好“六稳”工作作为方向。",
            [("国资委", "ORG"), ("党中央", "ORG"), ("六稳", I)],
        ),
    ],
)
def test_initiative_merely_mentioned_is_not_promoted(text, ents):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), PROMOTES) == set()


def test_person_modifying_a_noun_is_not_the_subject():
    doc = make_doc(
        "习近平总书记的重要讲话阐明了开展主题教育的意义。",
        [("习近平", "PERSON"), ("主题教育", I)],
        posts=[("习近平", ["总书记"], None)],
    )
    assert relations_of(resolve_and_extract(doc), PROMOTES) == set()


def test_promotes_keeps_trigger_and_sentence():
    doc = make_doc("会议召开。省经信厅党组落实“第一议题”制度。", [("省经信厅党组", "ORG"), ("“第一议题”制度", I)])
    (rel,) = resolve_and_extract(doc)._.relations
    assert (rel["head"], rel["tail"], rel["sent"], rel["attrs"]) == ("省经信厅", "“第一议题”制度", 1, {"trigger": "落实"})


@pytest.mark.parametrize(
    "text",
    [
        "李强来到研究所，希望他们深化体制机制改革。",
        "工信部召开会议，指导基层党组织开展主题教育。",
        "组建国家医疗保障局，是深化体制机制改革的重大举措。",
    ],
)
def test_no_carry_over_past_a_subject_of_its_own_or_into_a_causative(text):
    ents = [(name, label) for name, label in [("李强", "PERSON"), ("工信部", "ORG"), ("国家医疗保障局", "ORG")] if name in text]
    ents += [(name, I) for name in ("体制机制改革", "主题教育") if name in text]
    assert relations_of(resolve_and_extract(make_doc(text, ents)), PROMOTES) == set()


def test_organising_a_campaign_is_promoting_it():
    doc = make_doc("工信部召开会议，精心组织开展主题教育。", [("工信部", "ORG"), ("主题教育", I)])
    assert relations_of(resolve_and_extract(doc), PROMOTES) == {("工信部", "主题教育")}


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("李明华签署命令，公布《星光条例》。", [("李明华", "PERSON"), ("星光条例", I)],
         {("李明华", "星光条例")}),
        ("星光部高质量建设交通强省。", [("星光部", "ORG"), ("交通强省", I)], {("星光部", "交通强省")}),
        ("星光税务局积极创建“红旗式”税务所。", [("星光税务局", "ORG"), ("“红旗式”税务所", I)], {("星光税务局", "“红旗式”税务所")}),
    ],
)
def test_promulgating_building_and_creating_promote(text, ents, expected):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), PROMOTES) == expected
