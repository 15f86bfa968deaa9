"""PROMOTES steps beyond the clause subject: adjacent actors, places as governments, arranged
campaigns, quoted names, and the campaign a report's headline is about."""

from __future__ import annotations

import pytest

from relation_docs import make_doc, relations_of, resolve_and_extract
from zhkg.records import PROMOTES

P, O, L, I = "PERSON", "ORG", "PLACE", "INITIATIVE"


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        (
            "张建国听取了省交通厅开展安全生产月活动的情况汇报。",
            [("张建国", P), ("省交通厅", O), ("安全生产月活动", I)],
            {("省交通厅", "安全生产月活动")},
        ),
        (
            "张建国在调研时指导县档案局开展清单管理试点。",
            [("张建国", P), ("县档案局", O), ("清单管理试点", I)],
            {("县档案局", "清单管理试点")},
        ),
        (
            "宿州市扎实开展乡村清洁行动，村容村貌明显改善。",
            [("宿州市", L), ("乡村清洁行动", I)],
            {("宿州市", "乡村清洁行动")},
        ),
        (
            "近年来，红旗村率先打造“邻里驿站”服务品牌。",
            [("红旗村", L), ("邻里驿站", I)],
            {("红旗村", "邻里驿站")},
        ),
    ],
)
def test_actor_right_before_the_verb(text, ents, expected):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), PROMOTES) == expected


def test_place_mentioned_mid_clause_is_no_actor():
    doc = make_doc("省交通厅在宿州市召开会议，部署安全生产月活动。", [("省交通厅", O), ("宿州市", L), ("安全生产月活动", I)])
    assert relations_of(resolve_and_extract(doc), PROMOTES) == {("省交通厅", "安全生产月活动")}


def test_quoted_name_before_the_initiative_does_not_block_the_verb():
    doc = make_doc("省农业厅全面启动“稳粮、增收”专项行动。", [("省农业厅", O), ("专项行动", I)])
    assert relations_of(resolve_and_extract(doc), PROMOTES) == {("省农业厅", "专项行动")}


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        (
            "省教育厅机关、省科技厅召开动员会，对作风建设年活动进行细致部署。",
            [("省教育厅", O), ("省科技厅", O), ("作风建设年活动", I)],
            {("省教育厅", "作风建设年活动"), ("省科技厅", "作风建设年活动")},
        ),
        (
            "省纪委召开常委会会议，对省监委开展作风建设年活动作出部署。",
            [("省纪委", O), ("省监委", O), ("作风建设年活动", I)],
            {("省纪委", "作风建设年活动"), ("省监委", "作风建设年活动")},
        ),
    ],
)
def test_arranging_a_campaign_promotes_it(text, ents, expected):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), PROMOTES) == expected


def test_topic_of_an_arrangement_needs_the_initiative_at_its_end():
    doc = make_doc("省科技厅对作风建设年活动的经验进行部署。", [("省科技厅", O), ("作风建设年活动", I)])
    assert relations_of(resolve_and_extract(doc), PROMOTES) == set()


def test_headline_campaign_is_promoted_by_the_visited_body():
    doc = make_doc(
        "张建国在省交通厅调研指导作风建设年活动\n张建国听取汇报。",
        [("张建国", P), ("省交通厅", O), ("作风建设年活动", I), ("张建国", P)],
    )
    assert ("省交通厅", "作风建设年活动") in relations_of(resolve_and_extract(doc), PROMOTES)


def test_subjectless_study_clause_lets_the_subject_carry_over():
    doc = make_doc(
        "省交通厅党组召开会议，深入学习贯彻张建国同志讲话精神，对开展作风建设年活动作出部署。",
        [("省交通厅党组", O), ("张建国", P), ("作风建设年活动", I)],
    )
    assert relations_of(resolve_and_extract(doc), PROMOTES) == {("省交通厅", "作风建设年活动")}


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("中国是重要伙伴，愿共同推动安全生产月活动。", [("中国", L), ("安全生产月活动", I)]),
        ("省交通厅将出台关于深化作风建设年活动的意见。", [("省交通厅", O), ("作风建设年活动", I)]),
    ],
)
def test_no_actor_for_foreign_countries_or_document_topics(text, ents):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), PROMOTES) == set()


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        (
            "作风建设年活动开展以来，省交通厅坚持问题导向。",
            [("作风建设年活动", I), ("省交通厅", O)],
            {("省交通厅", "作风建设年活动")},
        ),
        ("省交通厅坚决打好蓝天保卫战。", [("省交通厅", O), ("蓝天保卫战", I)], {("省交通厅", "蓝天保卫战")}),
        ("作风建设年活动开展以来，成效明显。", [("作风建设年活动", I)], set()),
    ],
)
def test_launch_and_campaign_verbs(text, ents, expected):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), PROMOTES) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("宿州市召开会议。\n要切实改善民生，坚决打赢蓝天保卫战。", set()),
        ("宿州市召开会议，坚决打赢蓝天保卫战。", {("宿州市", "蓝天保卫战")}),
        ("宿州市要坚决打赢蓝天保卫战。", {("宿州市", "蓝天保卫战")}),
    ],
)
def test_exhortation_in_a_speech_has_no_carried_actor(text, expected):
    ents = [("宿州市", L), ("蓝天保卫战", I)]
    assert relations_of(resolve_and_extract(make_doc(text, ents)), PROMOTES) == expected


@pytest.mark.parametrize(
    ("text", "ents", "posts", "expected"),
    [
        (
            "副省长、第二次全国污染源普查领导小组组长李明华讲话。第二次全国污染源普查是重大国情调查。",
            [("第二次全国污染源普查领导小组", O), ("李明华", P), ("第二次全国污染源普查", I)],
            [("李明华", ["组长"], "第二次全国污染源普查领导小组")],
            {("李明华", "第二次全国污染源普查")},
        ),
        (
            "防汛抗旱领导小组组长李明华讲话。县水利局推进河道清淤行动。",
            [("防汛抗旱领导小组", O), ("李明华", P), ("县水利局", O), ("河道清淤行动", I)],
            [("李明华", ["组长"], "防汛抗旱领导小组")],
            {("县水利局", "河道清淤行动")},
        ),
    ],
)
def test_the_head_of_a_task_group_promotes_its_task(text, ents, posts, expected):
    doc = make_doc(text, ents, posts)
    assert relations_of(resolve_and_extract(doc), PROMOTES) == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("广东打造海洋强省。", [("广东", L), ("海洋强省", I)], set()),
        ("省海洋局加快建设海洋强省。", [("省海洋局", O), ("海洋强省", I)], {("省海洋局", "海洋强省")}),
    ],
)
def test_a_place_does_not_promote_the_goal_it_builds_itself_into(text, ents, expected):
    assert relations_of(resolve_and_extract(make_doc(text, ents)), PROMOTES) == expected


def test_exploring_a_model_promotes_it():
    doc = make_doc("芜湖市探索“以购带销”的扶贫模式。", [("芜湖市", L), ("以购带销", I)])
    assert relations_of(resolve_and_extract(doc), PROMOTES) == {("芜湖市", "以购带销")}


def test_a_quoted_set_of_campaigns_across_a_semicolon_is_the_verb_object(full_pipeline):
    doc = full_pipeline("市供电公司开展“查隐患、保安全；优服务、暖民心”两个专项行动。")
    promoted = {(r["head"], r["tail"]) for r in doc._.relations if r["relation"] == PROMOTES}
    assert promoted == {("市供电公司", "查隐患、保安全；优服务、暖民心")}
