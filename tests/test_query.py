"""The query API on a small synthetic graph (see ``test_query_graph``)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import networkx as nx
import pytest
from test_query_graph import synthetic_graph

from graph.contract import edge_id
from graph.query import Evidence, InvalidQueryError, KnowledgeGraph, Post, Ranked, UnknownEntityError, to_dict
from graph.names import name_key


@pytest.fixture
def kg() -> KnowledgeGraph:
    return KnowledgeGraph(synthetic_graph())


# -- find ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("安徽省科技厅", "ORG:安徽省科技厅"),
        ("省科技厅", "ORG:安徽省科技厅"),
        ("国资委", "ORG:国务院国资委"),
        (" 国务院 国资委 ", "ORG:国务院国资委"),
        ("“免审即办”", "INITIATIVE:免审即办"),
        ("PLACE:浙江", "PLACE:浙江"),
        ("浙江省", "PLACE:浙江"),
    ],
)
def test_find_resolves_labels_aliases_and_ids(kg: KnowledgeGraph, name: str, expected: str) -> None:
    assert kg.find(name)[0].id == expected


@pytest.mark.parametrize(
    "name, key",
    [
        ("“一带一路”", "一带一路"),
        ("《中国制造2025》", "中国制造2025"),
        ("ＡＢＣ 集团", "abc集团"),
        ("\u3000海关总署\n", "海关总署"),
    ],
)
def test_normalise_ignores_quotes_spaces_and_width(name: str, key: str) -> None:
    assert name_key(name) == key


def test_find_returns_every_person_sharing_a_name(kg: KnowledgeGraph) -> None:
    assert [m.id for m in kg.find("许文博")] == ["PERSON:许文博@安徽省科技厅", "PERSON:许文博@海关总署"]


def test_find_ranks_label_matches_before_alias_matches(kg: KnowledgeGraph) -> None:
    match = kg.find("国务院国资委")[0]
    assert (match.label, match.score) == ("国务院国资委", 1.0)


def test_find_filters_by_type(kg: KnowledgeGraph) -> None:
    with pytest.raises(UnknownEntityError):
        kg.find("浙江", type="ORG")


@pytest.mark.parametrize(
    "name, suggestion",
    [
        ("国务院国资", "国务院国资委"),
        ("祁立", "祁立衡"),
        ("安徽科技厅", "安徽省科技厅"),
    ],
)
def test_unknown_name_suggests_near_matches(kg: KnowledgeGraph, name: str, suggestion: str) -> None:
    with pytest.raises(UnknownEntityError) as caught:
        kg.find(name)
    assert suggestion in caught.value.suggestions


def test_suggestions_offer_each_node_once_under_its_label(kg: KnowledgeGraph) -> None:
    with pytest.raises(UnknownEntityError) as caught:
        kg.find("国资")
    assert caught.value.suggestions.count("国务院国资委") == 1 and "国资委" not in caught.value.suggestions


def test_unknown_name_message_names_the_query_and_suggestions(kg: KnowledgeGraph) -> None:
    with pytest.raises(UnknownEntityError, match=r"未找到 '祁立'\. Did you mean: 祁立衡"):
        kg.find("祁立")


def test_unknown_type_is_rejected(kg: KnowledgeGraph) -> None:
    with pytest.raises(InvalidQueryError, match="ORG, PERSON, PLACE, INITIATIVE"):
        kg.find("浙江", type="CITY")


# -- visits --------------------------------------------------------------------


def test_visits_of_actor_list_targets(kg: KnowledgeGraph) -> None:
    targets = {v.target for v in kg.visits(actor="国务院国资委")}
    assert targets == {"浙江", "湖南", "中国航材"}


def test_visits_resolve_actor_alias(kg: KnowledgeGraph) -> None:
    assert {v.target for v in kg.visits(actor="国资委")} == {"浙江", "湖南", "中国航材"}


def test_visits_to_target_list_actors(kg: KnowledgeGraph) -> None:
    assert {v.actor for v in kg.visits(target="浙江")} == {"国务院国资委", "周启航"}


def test_visit_carries_type_purpose_and_evidence(kg: KnowledgeGraph) -> None:
    visit = next(v for v in kg.visits(actor="国务院国资委") if v.target == "中国航材")
    assert (visit.target_type, visit.purpose, visit.led) == ("ORG", "调研", True)
    assert "中国航材" in visit.evidence[0].sentence


def test_visit_date_prefers_stated_date_over_document_date(kg: KnowledgeGraph) -> None:
    visit = kg.visits(actor="祁立衡")[0]
    assert (visit.date, visit.date_end) == ("2023-09-10", "2023-09-11")


def test_visit_date_falls_back_to_evidence_date(kg: KnowledgeGraph) -> None:
    assert {v.date for v in kg.visits(actor="国务院国资委")} == {"2023-06-20"}


@pytest.mark.parametrize(
    "since, until, expected",
    [
        (None, None, {"浙江", "湖南", "中国航材", "宿州市"}),
        ("2023-07-01", None, {"宿州市"}),
        (None, "2023-06", {"浙江", "湖南", "中国航材"}),
        ("2023", "2023", {"浙江", "湖南", "中国航材", "宿州市"}),
        ("2023-09-11", "2023-09-11", {"宿州市"}),
        (dt.date(2023, 9, 12), None, set()),
        ("2024", None, set()),
    ],
)
def test_visits_filter_by_overlapping_dates(kg: KnowledgeGraph, since, until, expected: set[str]) -> None:
    found = {v.target for v in kg.visits(since=since, until=until) if v.actor != "周启航"}
    assert found == expected


def test_undated_visit_is_left_out_of_a_date_window(kg: KnowledgeGraph) -> None:
    assert kg.visits(actor="周启航", since="2000") == []


def test_visits_filter_by_purpose(kg: KnowledgeGraph) -> None:
    assert [(v.actor, v.target) for v in kg.visits(purpose="考察")] == [("周启航", "浙江")]


def test_bad_date_is_rejected(kg: KnowledgeGraph) -> None:
    with pytest.raises(InvalidQueryError, match="YYYY-MM-DD"):
        kg.visits(since="last year")


def test_unknown_actor_raises(kg: KnowledgeGraph) -> None:
    with pytest.raises(UnknownEntityError):
        kg.visits(actor="不存在的单位")


# -- posts, members, initiatives ---------------------------------------------


def test_posts_of_person_include_title_at_org(kg: KnowledgeGraph) -> None:
    post = kg.posts(person="祁立衡")[0]
    assert (post.org, post.titles) == ("安徽省科技厅", ["党组书记", "厅长"])


def test_posts_at_org_list_people(kg: KnowledgeGraph) -> None:
    assert [p.person for p in kg.posts(org="省科技厅")] == ["周启航", "祁立衡"]


def test_posts_of_homonym_keep_node_ids_apart(kg: KnowledgeGraph) -> None:
    assert [(p.person_id, p.org) for p in kg.posts(person="许文博")] == [("PERSON:许文博@海关总署", "海关总署")]


def test_members_include_post_holders_and_units(kg: KnowledgeGraph) -> None:
    assert {(m.member, m.relation) for m in kg.members("国务院国资委")} == {("规划局", "PART_OF")}
    assert {(m.member, m.title) for m in kg.members("安徽省科技厅")} == {
        ("祁立衡", "党组书记|厅长"),
        ("周启航", "党组副书记|副厅长"),
    }


def test_initiatives_of_actor(kg: KnowledgeGraph) -> None:
    assert [i.initiative for i in kg.initiatives("安徽省科技厅")] == ["主题教育", "免审即办"]


@pytest.mark.parametrize(
    "include_parts, expected",
    [
        (False, {("国务院国资委", "主题教育")}),
        (True, {("国务院国资委", "主题教育"), ("规划局", "央企重组")}),
    ],
)
def test_initiatives_can_include_units(kg: KnowledgeGraph, include_parts: bool, expected: set) -> None:
    found = kg.initiatives("国务院国资委", include_parts=include_parts)
    assert {(i.actor, i.initiative) for i in found} == expected


# -- neighbors, path, top, subgraph ------------------------------------------


@pytest.mark.parametrize(
    "relation, type, expected",
    [
        ("HOLDS_POST", None, {("安徽省科技厅", "out")}),
        ("visited", None, {("宿州市", "out")}),
        (None, "PERSON", {("周启航", "out")}),
        (["HOLDS_POST", "CO_OCCURS"], None, {("安徽省科技厅", "out"), ("周启航", "out")}),
    ],
)
def test_neighbors_filter_by_relation_and_type(kg: KnowledgeGraph, relation, type, expected: set) -> None:
    assert {(n.other, n.direction) for n in kg.neighbors("祁立衡", relation=relation, type=type)} == expected


def test_neighbors_see_incoming_edges(kg: KnowledgeGraph) -> None:
    assert {(n.other, n.relation, n.direction) for n in kg.neighbors("宿州市")} == {
        ("祁立衡", "VISITED", "in"),
        ("安徽省", "LOCATED_IN", "out"),
    }


def test_unknown_relation_is_rejected(kg: KnowledgeGraph) -> None:
    with pytest.raises(InvalidQueryError, match="VISITED"):
        kg.neighbors("祁立衡", relation="MEETS")


def test_path_links_entities_through_edges(kg: KnowledgeGraph) -> None:
    steps = kg.path("周启航", "安徽省")
    assert [(s.source, s.relation, s.target) for s in steps] == [
        ("祁立衡", "CO_OCCURS", "周启航"),
        ("祁立衡", "VISITED", "宿州市"),
        ("宿州市", "LOCATED_IN", "安徽省"),
    ]
    assert [s.forward for s in steps] == [False, True, True]


def test_path_prefers_stated_relation_over_co_occurrence(kg: KnowledgeGraph) -> None:
    assert [s.relation for s in kg.path("祁立衡", "安徽省科技厅")] == ["HOLDS_POST"]


def test_typed_path_avoids_co_occurrence(kg: KnowledgeGraph) -> None:
    steps = kg.path("周启航", "宿州市", typed_only=True)
    assert [s.relation for s in steps] == ["HOLDS_POST", "HOLDS_POST", "VISITED"]


def test_path_between_unconnected_nodes_is_empty(kg: KnowledgeGraph) -> None:
    assert kg.path("湖南", "海关总署") == []


def star_graph() -> KnowledgeGraph:
    """Three people holding posts at one bureau, one of whom visits a city."""
    graph = nx.MultiDiGraph()
    for node in ("ORG:某局", "PERSON:甲", "PERSON:乙", "PERSON:丙", "PLACE:某市"):
        entity_type, label = node.split(":")
        graph.add_node(node, label=label, type=entity_type, aliases=[])
    edges = [(p, "HOLDS_POST", "ORG:某局") for p in ("PERSON:甲", "PERSON:乙", "PERSON:丙")]
    edges.append(("PERSON:甲", "VISITED", "PLACE:某市"))
    for head, relation, tail in edges:
        graph.add_edge(head, tail, key=edge_id(relation, head, tail), relation=relation, weight=1)
    return KnowledgeGraph(graph)


@pytest.mark.parametrize("by", ["degree", "pagerank", "betweenness"])
def test_top_ranks_the_hub_first(by: str) -> None:
    assert star_graph().top(by=by, k=1)[0].label == "某局"


def test_top_by_degree_counts_distinct_neighbours(kg: KnowledgeGraph) -> None:
    ranked = kg.top(by="degree", k=2)
    assert [(r.label, r.score) for r in ranked] == [("国务院国资委", 5.0), ("安徽省科技厅", 4.0)]


def test_top_filters_by_type_and_limits(kg: KnowledgeGraph) -> None:
    ranked = kg.top(type="place", k=2)
    assert len(ranked) == 2 and {r.type for r in ranked} == {"PLACE"}


def test_pagerank_favours_the_most_promoted_initiative(kg: KnowledgeGraph) -> None:
    assert kg.top(type="INITIATIVE", by="pagerank", k=1)[0].label == "主题教育"


def test_unknown_ranking_is_rejected(kg: KnowledgeGraph) -> None:
    with pytest.raises(InvalidQueryError, match="degree, pagerank, betweenness"):
        kg.top(by="closeness")


@pytest.mark.parametrize(
    "names, depth, expected",
    [
        (["宿州市"], 0, {"宿州市"}),
        (["宿州市"], 1, {"宿州市", "祁立衡", "安徽省"}),
        (["规划局", "湖南"], 1, {"规划局", "国务院国资委", "央企重组", "湖南"}),
    ],
)
def test_subgraph_keeps_the_neighbourhood(kg: KnowledgeGraph, names: list[str], depth: int, expected: set) -> None:
    sub = kg.subgraph(names, depth=depth)
    assert {data["label"] for _, data in sub.graph.nodes(data=True)} == expected


def test_subgraph_is_queryable_and_keeps_edge_attributes(kg: KnowledgeGraph) -> None:
    sub = kg.subgraph(["祁立衡"], depth=1)
    assert sub.posts(person="祁立衡")[0].evidence == kg.posts(person="祁立衡")[0].evidence


def test_subgraph_does_not_share_state_with_the_graph(kg: KnowledgeGraph) -> None:
    sub = kg.subgraph(["祁立衡"], depth=1)
    sub.graph.remove_node("PERSON:祁立衡")
    assert "PERSON:祁立衡" in kg.graph


def test_result_records_serialise_to_plain_dicts(kg: KnowledgeGraph) -> None:
    record = to_dict(kg.posts(person="祁立衡")[0])
    assert record["org"] == "安徽省科技厅" and record["evidence"][0]["doc"] == "002_synthetic_province"


def test_pagerank_ignores_the_direction_of_co_occurrence() -> None:
    graph = nx.MultiDiGraph()
    for node in ("PERSON:甲", "PERSON:乙", "PERSON:丙"):
        graph.add_node(node, label=node.split(":")[1], type="PERSON", aliases=[])
    for head, tail in (("PERSON:甲", "PERSON:乙"), ("PERSON:甲", "PERSON:丙")):
        graph.add_edge(head, tail, key=edge_id("CO_OCCURS", head, tail), relation="CO_OCCURS", weight=1)
    assert KnowledgeGraph(graph).top(by="pagerank", k=1)[0].label == "甲"


@pytest.mark.parametrize("record", [
    Post("某某", "某省科技厅", "党组书记|厅长", "2024-03-01", "PERSON:某某", "ORG:某省科技厅",
         [Evidence("d1", "某省科技厅党组书记、厅长某某主持会议。", 0, 19, "2024-03-01")]),
    Post("某某", "某市", evidence=[]),
    Ranked("ORG:某省科技厅", "某省科技厅", "ORG", 0.25),
])
def test_to_dict_gives_what_asdict_gives(record):
    assert to_dict(record) == dataclasses.asdict(record)


def test_to_dict_copies_the_evidence_list():
    record = Post("某某", "某市", evidence=[Evidence("d1", "某某到某市调研。")])
    as_dict = to_dict(record)
    as_dict["evidence"].clear()
    assert len(record.evidence) == 1
