"""VISITED: visit verb, targets up to the purpose, subject before the verb or carried over."""

from __future__ import annotations

import pytest

from zhkg.records import VISITED
from relation_docs import make_doc, relations_of, resolve_and_extract

LINCAO = "国家林草局"


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        (
            "国家林草局党委班子成员把重点任务作为调研方向，先后25次带队到浙江、湖南等10省以及中国航材、中国中化等8家央企开展调研。",
            [("国家林草局党委", "ORG"), ("浙江", "PLACE"), ("湖南", "PLACE"), ("中国航材", "ORG"), ("中国中化", "ORG")],
            {(LINCAO, "浙江"), (LINCAO, "湖南"), (LINCAO, "中国航材"), (LINCAO, "中国中化")},
        ),
        (
            "展览推广服务中心、黄埔自贸服务中心赴广东佛山贸促会等多个单位和地方调研。",
            [("展览推广服务中心", "ORG"), ("黄埔自贸服务中心", "ORG"), ("广东佛山贸促会", "ORG")],
            {("展览推广服务中心", "广东佛山贸促会"), ("黄埔自贸服务中心", "广东佛山贸促会")},
        ),
        (
            "周启航深入远山工业泵、星河实业等当地企业，围绕制造业智能化改造实地调研。",
            [("周启航", "PERSON"), ("远山工业泵", "ORG"), ("星河实业", "ORG")],
            {("周启航", "远山工业泵"), ("周启航", "星河实业")},
        ),
        (
            "葛峰在财政部调研并主持召开座谈会。",
            [("葛峰", "PERSON"), ("财政部", "ORG")],
            {("葛峰", "财政部")},
        ),
        (
            "潘晓川19日至21日到湖北调研。",
            [("潘晓川", "PERSON"), ("湖北", "PLACE")],
            {("潘晓川", "湖北")},
        ),
        (
            "葛峰来到山西曙光晶体有限公司，考察碳化硅材料产业化技术。",
            [("葛峰", "PERSON"), ("山西曙光晶体有限公司", "ORG")],
            {("葛峰", "山西曙光晶体有限公司")},
        ),
    ],
)
def test_visit_gives_one_edge_per_target(text, ents, expected):
    doc = resolve_and_extract(make_doc(text, ents))
    assert relations_of(doc, VISITED) == expected


def test_topic_of_the_visit_is_not_a_target():
    doc = make_doc(
        "祁立衡带队深入宿州市园区、企业，就推动皖北产业升级加快突破开展专项调研。",
        [("祁立衡", "PERSON"), ("宿州市", "PLACE"), ("皖北", "PLACE")],
    )
    assert relations_of(resolve_and_extract(doc), VISITED) == {("祁立衡", "宿州市")}


def test_place_in_a_title_is_not_visited():
    doc = make_doc(
        "浙江省省长王浩到杭州调研。",
        [("浙江省", "PLACE"), ("王浩", "PERSON"), ("杭州", "PLACE")],
        posts=[("王浩", ["省长"], "浙江省")],
    )
    assert relations_of(resolve_and_extract(doc), VISITED) == {("王浩", "杭州")}


def test_place_in_a_title_after_the_verb_is_not_visited():
    doc = make_doc(
        "田承志到云南省省长王浩家中看望。",
        [("田承志", "PERSON"), ("云南省", "PLACE"), ("王浩", "PERSON")],
        posts=[("王浩", ["省长"], None)],
    )
    assert relations_of(resolve_and_extract(doc), VISITED) == set()


def test_official_after_titles_is_the_visitor():
    doc = make_doc(
        "省科技厅党组副书记、副厅长周启航深入星河实业调研。",
        [("省科技厅", "ORG"), ("周启航", "PERSON"), ("星河实业", "ORG")],
        posts=[("周启航", ["党组副书记", "副厅长"], "省科技厅")],
    )
    assert relations_of(resolve_and_extract(doc), VISITED) == {("周启航", "星河实业")}


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("组织干部到宿州灵璧县瞻仰了红军烈士陵园。", [("宿州", "PLACE"), ("灵璧县", "PLACE"), ("红军烈士陵园", "ORG")]),
        ("工信部在全省启动专项行动。", [("工信部", "ORG"), ("全省", "PLACE")]),
        ("群众在星火文艺队队员指导下载歌载舞。", [("星火文艺队", "ORG")]),
        ("工信部党员干部感受到企业的迫切愿望。", [("工信部", "ORG")]),
    ],
)
def test_no_visit_without_purpose(text, ents):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), VISITED) == set()


def test_visit_carries_led_purpose_and_dates():
    doc = make_doc("5月17日至19日，祁立衡带队深入宿州市，开展专项调研。", [("祁立衡", "PERSON"), ("宿州市", "PLACE")])
    (rel,) = resolve_and_extract(doc)._.relations
    assert (rel["date"], rel["date_end"]) == ("2023-05-17", "2023-05-19")
    assert rel["attrs"] == {"purpose": "调研", "led": True, "trigger": "带队深入"}
    assert rel["sent"] == 0


def test_subject_carries_over_within_the_paragraph():
    doc = make_doc(
        "工信部召开会议。随后到湖南调研。\n他们到浙江调研。",
        [("工信部", "ORG"), ("湖南", "PLACE"), ("浙江", "PLACE")],
    )
    assert relations_of(resolve_and_extract(doc), VISITED) == {("工信部", "湖南")}


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        (
            "潘晓川到湖北调研。\n他先在宜昌港码头察看货物装卸，随后到三峡物流园调研。",
            [("潘晓川", "PERSON"), ("湖北", "PLACE"), ("宜昌港码头", "PLACE"), ("三峡物流园", "PLACE")],
            {("潘晓川", "湖北"), ("潘晓川", "宜昌港码头"), ("潘晓川", "三峡物流园")},
        ),
        (
            "潘晓川到湖北调研。\n记者先在宜昌港码头察看货物装卸，随后到三峡物流园调研。",
            [("潘晓川", "PERSON"), ("湖北", "PLACE"), ("宜昌港码头", "PLACE"), ("三峡物流园", "PLACE")],
            {("潘晓川", "湖北")},
        ),
    ],
)
def test_a_pronoun_subject_carries_to_the_next_clause(text, ents, expected):
    """他在A了解……，到B调研: the person 他 stands for visits B too; an unmarked subject carries nobody."""
    doc = resolve_and_extract(make_doc(text, ents))
    assert relations_of(doc, VISITED) == expected
