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
            "国家发改委、工信部、海关总署扎实开展主题教育。",
            [("国家发改委", "ORG"), ("工信部", "ORG"), ("海关总署", "ORG"), ("主题教育", I)],
            {("国家发改委", "主题教育"), ("工信部", "主题教育"), ("海关总署", "主题教育")},
        ),
        (
            "工信部正努力推动重点难点问题解决。大力实施国家智能装备创新中心建设工程，凝聚创新资源。",
            [("工信部", "ORG"), ("国家智能装备创新中心建设工程", I)],
            {("工信部", "国家智能装备创新中心建设工程")},
        ),
        (
            "青岛海关继续深化通关改革，构建“查审合一”的海关货物查检作业新模式，深化“多审合一”改革。",
            [("青岛海关", "ORG"), ("查审合一", I), ("多审合一", I)],
            {("青岛海关", "查审合一"), ("青岛海关", "多审合一")},
        ),
        (
            "中国侨联党组紧扣贯彻钟立民总书记重要指示精神、推动共建“一带一路”等中心工作。",
            [("中国侨联党组", "ORG"), ("钟立民", "PERSON"), ("一带一路", I)],
            {("中国侨联", "一带一路")},
        ),
        (
            "在筹备2023世界智造产业大会工作中，省科技厅进一步提高政治站位。",
            [("2023世界智造产业大会", I), ("省科技厅", "ORG")],
            {("省科技厅", "2023世界智造产业大会")},
        ),
        (
            "省科技厅坚持以构建特色产业集群培育体系为抓手，谋深谋实路径举措。",
            [("省科技厅", "ORG"), ("特色产业集群培育体系", I)],
            {("省科技厅", "特色产业集群培育体系")},
        ),
        (
            "拱北海关及时制定了今年提升通关效率36项重点任务和特色产业10项行动计划。",
            [("拱北海关", "ORG"), ("提升通关效率36项重点任务", I), ("特色产业10项行动计划", I)],
            {("拱北海关", "提升通关效率36项重点任务"), ("拱北海关", "特色产业10项行动计划")},
        ),
        (
            "黄埔海关努力提高办文效率；继续完善下基层驻点调研制度。",
            [("黄埔海关", "ORG"), ("下基层驻点调研制度", I)],
            {("黄埔海关", "下基层驻点调研制度")},
        ),
    ],
)
def test_promote_verb_with_initiative_object(text, ents, expected):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), PROMOTES) == expected


def test_list_items_under_a_colon_take_the_introducing_subject():
    doc = make_doc(
        "通过分析问题,省科技厅形成了一批典型案例:\n积极推行助企政策“免审即办”,让企业受益。\n以学促行\n扎实开展集中攻坚行动。",
        [("省科技厅", "ORG"), ("免审即办", I), ("集中攻坚行动", I)],
    )
    assert relations_of(resolve_and_extract(doc), PROMOTES) == {("省科技厅", "免审即办")}


def test_anaphor_is_a_subject():
    doc = make_doc(
        "安徽省科技厅召开会议。主题教育中，该厅还创新开展“科长讲堂”活动。",
        [("安徽省科技厅", "ORG"), ("主题教育", I), ("科长讲堂", I)],
    )
    assert relations_of(resolve_and_extract(doc), PROMOTES) == {("安徽省科技厅", "科长讲堂")}


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("国家发改委、工信部在主题教育中弘扬真抓实干作风。", [("国家发改委", "ORG"), ("工信部", "ORG"), ("主题教育", I)]),
        ("工信部和海关总署出席主题教育推进会。", [("工信部", "ORG"), ("海关总署", "ORG"), ("主题教育", I)]),
        ("中国侨联不断深化对主题教育重大意义的认识。", [("中国侨联", "ORG"), ("主题教育", I)]),
        ("离退休党组织为老党员开展“送医下乡”活动。", [("送医下乡", I)]),
        (
            "发改委把落实党中央决策部署、做好“六稳”工作作为方向。",
            [("发改委", "ORG"), ("党中央", "ORG"), ("六稳", I)],
        ),
    ],
)
def test_initiative_merely_mentioned_is_not_promoted(text, ents):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), PROMOTES) == set()


def test_person_modifying_a_noun_is_not_the_subject():
    doc = make_doc(
        "钟立民总书记的重要讲话阐明了开展主题教育的意义。",
        [("钟立民", "PERSON"), ("主题教育", I)],
        posts=[("钟立民", ["总书记"], None)],
    )
    assert relations_of(resolve_and_extract(doc), PROMOTES) == set()


def test_promotes_keeps_trigger_and_sentence():
    doc = make_doc("会议召开。省科技厅党组落实“首课学习”制度。", [("省科技厅党组", "ORG"), ("“首课学习”制度", I)])
    (rel,) = resolve_and_extract(doc)._.relations
    assert (rel["head"], rel["tail"], rel["sent"], rel["attrs"]) == ("省科技厅", "“首课学习”制度", 1, {"trigger": "落实"})


@pytest.mark.parametrize(
    "text",
    [
        "吕航来到研究所，希望他们深化体制机制改革。",
        "工信部召开会议，指导基层党组织开展主题教育。",
        "组建国家医疗保障局，是深化体制机制改革的重大举措。",
    ],
)
def test_no_carry_over_past_a_subject_of_its_own_or_into_a_causative(text):
    ents = [(name, label) for name, label in [("吕航", "PERSON"), ("工信部", "ORG"), ("国家医疗保障局", "ORG")] if name in text]
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
