"""A small synthetic graph, built per ``graph.contract``, for the query tests.

Other query test modules import :func:`synthetic_graph`; the tests here check
that it follows the contract, so the query tests exercise the real layout.
"""

from __future__ import annotations

import networkx as nx

from graph.contract import EDGE_ATTRS, NODE_ATTRS, edge_id, node_id
from zhkg.records import (
    CO_OCCURS,
    ENTITY_TYPES,
    HOLDS_POST,
    INITIATIVE,
    LOCATED_IN,
    ORG,
    PART_OF,
    PERSON,
    PLACE,
    PROMOTES,
    RELATION_TYPES,
    VISITED,
)

DOC_A = "001_synthetic_central"
DOC_B = "002_synthetic_province"

NODES: list[tuple[str, str, str, list[str], list[str]]] = [
    # (type, label, qualifier, aliases, titles)
    (ORG, "国务院国资委", "", ["国务院国有资产监督管理委员会", "国资委"], []),
    (ORG, "规划局", "", ["国资委规划局"], []),
    (ORG, "安徽省科技厅", "", ["省科技厅"], []),
    (ORG, "中国航材", "", ["中国航空器材集团"], []),
    (ORG, "海关总署", "", [], []),
    (PERSON, "祁立衡", "", [], ["党组书记", "厅长"]),
    (PERSON, "周启航", "", [], ["党组副书记", "副厅长"]),
    (PERSON, "许文博", "安徽省科技厅", [], []),
    (PERSON, "许文博", "海关总署", [], ["署长"]),
    (PLACE, "浙江", "", ["浙江省"], []),
    (PLACE, "湖南", "", [], []),
    (PLACE, "宿州市", "", ["宿州"], []),
    (PLACE, "安徽省", "", ["安徽"], []),
    (INITIATIVE, "主题教育", "", [], []),
    (INITIATIVE, "免审即办", "", [], []),
    (INITIATIVE, "央企重组", "", [], []),
]

SENT_SASAC = "国务院国资委党委班子成员带队到浙江、湖南两省和中国航材开展调研。"
SENT_DIRECTOR = "省科技厅党组书记、厅长祁立衡带队到宿州市的企业调研。"
SENT_DEPUTY = "省科技厅党组副书记、副厅长周启航出席会议。"
SASAC, DEPT = "ORG:国务院国资委", "ORG:安徽省科技厅"
DIRECTOR, DEPUTY = "PERSON:祁立衡", "PERSON:周启航"
VISIT = {"purpose": "调研", "led": True}

EDGES: list[tuple[str, str, str, tuple[str, str, str | None], dict]] = [
    # (relation, head, tail, (doc, sentence, evidence date), edge attributes)
    (HOLDS_POST, DIRECTOR, DEPT, (DOC_B, SENT_DIRECTOR, "2023-09-12"), {"title": "党组书记|厅长"}),
    (HOLDS_POST, DEPUTY, DEPT, (DOC_B, SENT_DEPUTY, "2023-09-12"), {"title": "党组副书记|副厅长"}),
    (HOLDS_POST, "PERSON:许文博@海关总署", "ORG:海关总署", (DOC_A, "海关总署署长许文博。", "2023-06-20"), {"title": "署长"}),
    (VISITED, SASAC, "PLACE:浙江", (DOC_A, SENT_SASAC, "2023-06-20"), VISIT),
    (VISITED, SASAC, "PLACE:湖南", (DOC_A, SENT_SASAC, "2023-06-20"), VISIT),
    (VISITED, SASAC, "ORG:中国航材", (DOC_A, SENT_SASAC, "2023-06-20"), VISIT),
    (
        VISITED, DIRECTOR, "PLACE:宿州市", (DOC_B, SENT_DIRECTOR, "2023-09-12"),
        {**VISIT, "date": "2023-09-10", "date_end": "2023-09-11"},
    ),
    (VISITED, DEPUTY, "PLACE:浙江", (DOC_B, "周启航赴浙江考察。", None), {"purpose": "考察"}),
    (PART_OF, "ORG:规划局", SASAC, (DOC_A, "国务院国资委规划局党支部。", "2023-06-20"), {}),
    (PROMOTES, SASAC, "INITIATIVE:主题教育", (DOC_A, "国务院国资委扎实开展主题教育。", "2023-06-20"), {}),
    (PROMOTES, "ORG:规划局", "INITIATIVE:央企重组", (DOC_A, "规划局推进央企重组。", "2023-06-20"), {}),
    (PROMOTES, DEPT, "INITIATIVE:主题教育", (DOC_B, "安徽省科技厅高质量开展主题教育。", "2023-09-12"), {}),
    (PROMOTES, DEPT, "INITIATIVE:免审即办", (DOC_B, "积极推行助企政策“免审即办”。", "2023-09-12"), {}),
    (LOCATED_IN, "PLACE:宿州市", "PLACE:安徽省", (DOC_B, "", None), {}),
    (CO_OCCURS, DIRECTOR, DEPUTY, (DOC_B, SENT_DEPUTY, "2023-09-12"), {"weight": 3}),
]


def synthetic_graph() -> nx.MultiDiGraph:
    """A fresh invented graph laid out like the ones ``graph.build`` makes from two documents.

    The LOCATED_IN edge comes from a lexicon, so its evidence has no sentence.
    """
    graph = nx.MultiDiGraph(name="zhkg", documents=2)
    for entity_type, label, qualifier, aliases, titles in NODES:
        graph.add_node(
            node_id(entity_type, label, qualifier),
            label=label,
            type=entity_type,
            aliases=sorted(aliases),
            titles=sorted(titles),
            mentions=1,
            doc_count=1,
            documents=[DOC_A],
            first_seen="2023-06-20",
            last_seen="2023-06-20",
        )
    for relation, head, tail, (doc, sentence, date), attrs in EDGES:
        start, end = (0, len(sentence)) if sentence else (-1, -1)
        title = attrs.get("title", "")
        graph.add_edge(
            head,
            tail,
            key=edge_id(relation, head, tail),
            relation=relation,
            label=title or relation,
            weight=attrs.get("weight", 1),
            sentences=1,
            evidence_count=1,
            title=title,
            purpose=attrs.get("purpose", ""),
            led=attrs.get("led", False),
            date=attrs.get("date"),
            date_end=attrs.get("date_end"),
            dates=_occurrences(date, attrs),
            first_date=(_occurrences(date, attrs) or [None])[0],
            last_date=(_occurrences(date, attrs) or [None])[-1],
            documents=[doc],
            evidence=[{"doc": doc, "sentence": sentence, "start": start, "end": end, "date": date}],
            terms=[],
        )
    return graph


def _occurrences(evidence_date: str | None, attrs: dict) -> list[str]:
    """The ``dates`` of an edge as ``graph.build`` makes them: stated dates, else the document's."""
    stated = [d for d in (attrs.get("date"), attrs.get("date_end")) if d]
    return sorted(set(stated or ([evidence_date] if evidence_date else [])))


def test_nodes_carry_every_contract_attribute() -> None:
    graph = synthetic_graph()
    assert all(set(NODE_ATTRS) <= set(data) for _, data in graph.nodes(data=True))


def test_edges_carry_every_contract_attribute() -> None:
    graph = synthetic_graph()
    assert all(set(EDGE_ATTRS) <= set(data) for _, _, data in graph.edges(data=True))


def test_edge_keys_are_contract_edge_ids() -> None:
    graph = synthetic_graph()
    assert all(key == edge_id(d["relation"], u, v) for u, v, key, d in graph.edges(keys=True, data=True))


def test_node_types_are_known() -> None:
    graph = synthetic_graph()
    assert {data["type"] for _, data in graph.nodes(data=True)} <= set(ENTITY_TYPES)


def test_edge_relations_are_known() -> None:
    graph = synthetic_graph()
    assert {data["relation"] for _, _, data in graph.edges(data=True)} <= set(RELATION_TYPES)
