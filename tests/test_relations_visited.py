"""VISITED: visit verb, targets up to the purpose, subject before the verb or carried over."""

from __future__ import annotations

import pytest

from zhkg.records import VISITED
from relation_docs import make_doc, relations_of, resolve_and_extract

GUOZI = "国务院国资委"


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        (
            "国务院国资委党委班子成员把重点任务作为调研方向，先后25次带队到浙江、湖南等10省以及中国电科、中国五矿等8家央企开展调研。",
            [("国务院国资委党委", "ORG"), ("浙江", "PLACE"), ("湖南", "PLACE"), ("中国电科", "ORG"), ("中国五矿", "ORG")],
            {(GUOZI, "浙江"), (GUOZI, "湖南"), (GUOZI, "中国电科"), (GUOZI, "中国五矿")},
        ),
        (
            "贸易推广交流中心、南沙自贸服务中心赴广东东莞贸促会等多个单位和地方调研。",
            [("贸易推广交流中心", "ORG"), ("南沙自贸服务中心", "ORG"), ("广东东莞贸促会", "ORG")],
            {("贸易推广交流中心", "广东东莞贸促会"), ("南沙自贸服务中心", "广东东莞贸促会")},
        ),
        (
            "杨明深入黄山工业泵、锦峰实业等当地企业，围绕制造业数字化转型实地调研。",
            [("杨明", "PERSON"), ("黄山工业泵", "ORG"), ("锦峰实业", "ORG")],
            {("杨明", "黄山工业泵"), ("杨明", "锦峰实业")},
        ),
        (
            "韩正在财政部调研并主持召开座谈会。",
            [("韩正", "PERSON"), ("财政部", "ORG")],
            {("韩正", "财政部")},
        ),
        (
            "李希19日至21日到湖北调研。",
            [("李希", "PERSON"), ("湖北", "PLACE")],
            {("李希", "湖北")},
        ),
        (
            "韩正来到山西烁科晶体有限公司，考察碳化硅材料产业化技术。",
            [("韩正", "PERSON"), ("山西烁科晶体有限公司", "ORG")],
            {("韩正", "山西烁科晶体有限公司")},
        ),
    ],
)
def test_visit_gives_one_edge_per_target(text, ents, expected):
    doc = resolve_and_extract(make_doc(text, ents))
    assert relations_of(doc, VISITED) == expected


def test_topic_of_the_visit_is_not_a_target():
    doc = make_doc(
        "冯克金带队深入阜阳市园区、企业，就推动皖北新型工业化加快突破开展专项调研。",
        [("冯克金", "PERSON"), ("阜阳市", "PLACE"), ("皖北", "PLACE")],
    )
    assert relations_of(resolve_and_extract(doc), VISITED) == {("冯克金", "阜阳市")}


def test_place_in_a_title_is_not_visited():
    doc = make_doc(
        "浙江省省长王浩到杭州调研。",
        [("浙江省", "PLACE"), ("王浩", "PERSON"), ("杭州", "PLACE")],
        posts=[("王浩", ["省长"], "浙江省")],
    )
    assert relations_of(resolve_and_extract(doc), VISITED) == {("王浩", "杭州")}


def test_place_in_a_title_after_the_verb_is_not_visited():
    doc = make_doc(
        "王沪宁到云南省省长王浩家中看望。",
        [("王沪宁", "PERSON"), ("云南省", "PLACE"), ("王浩", "PERSON")],
        posts=[("王浩", ["省长"], None)],
    )
    assert relations_of(resolve_and_extract(doc), VISITED) == set()


def test_official_after_titles_is_the_visitor():
    doc = make_doc(
        "省经信厅党组副书记、副厅长杨明深入锦峰实业调研。",
        [("省经信厅", "ORG"), ("杨明", "PERSON"), ("锦峰实业", "ORG")],
        posts=[("杨明", ["党组副书记", "副厅长"], "省经信厅")],
    )
    assert relations_of(resolve_and_extract(doc), VISITED) == {("杨明", "锦峰实业")}


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("组织干部到六安金寨县瞻仰了红军纪念堂。", [("六安", "PLACE"), ("金寨县", "PLACE"), ("红军纪念堂", "ORG")]),
        ("工信部在全省启动专项行动。", [("工信部", "ORG"), ("全省", "PLACE")]),
        ("群众在乌兰牧骑队员指导下载歌载舞。", [("乌兰牧骑", "ORG")]),
        ("工信部党员干部感受到企业的迫切愿望。", [("工信部", "ORG")]),
    ],
)
def test_no_visit_without_purpose(text, ents):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), VISITED) == set()


def test_visit_carries_led_purpose_and_dates():
    doc = make_doc("5月17日至19日，冯克金带队深入阜阳市，开展专项调研。", [("冯克金", "PERSON"), ("阜阳市", "PLACE")])
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
