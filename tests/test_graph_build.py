"""Building the graph from records (graph.build, graph.evidence), without spaCy."""

from __future__ import annotations

import doctest
import importlib
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from graph_records_support import make_doc

from graph.build import build_graph, graph_summary
from graph.contract import EDGE_ATTRS, NODE_ATTRS
from graph.evidence import EVIDENCE_CAP
from zhkg.records import SCHEMA_VERSION, DocResult, Relation

REPO = Path(__file__).resolve().parents[1]


def visit_doc(doc_id: str, date: str | None = None, *, rel_date=None, rel_end=None,
              lead: str = "近日，") -> DocResult:
    """A document where 祁立衡 visits 宿州市 in its second sentence."""
    return make_doc(
        doc_id, "主题教育扎实开展。", f"{lead}祁立衡带队深入宿州市调研。",
        mentions=[("主题教育", "INITIATIVE", 0), ("祁立衡", "PERSON", 1), ("宿州市", "PLACE", 1)],
        relations=[Relation("VISITED", "祁立衡", "PERSON", "宿州市", "PLACE", sent=1,
                            date=rel_date, date_end=rel_end, attrs={"purpose": "调研", "led": True})],
        date=date)


def test_alias_merging_gives_one_node_with_aliases_and_counts():
    docs = [make_doc("d1", "工信部召开会议。", mentions=[("工信部", "ORG", 0, {"aliases": ["工业和信息化部"]})]),
            make_doc("d2", "工信部印发通知。", mentions=[("工信部", "ORG", 0)]),
            make_doc("d3", "工业和信息化部发布数据。", mentions=[("工业和信息化部", "ORG", 0)])]
    G = build_graph(docs)
    assert list(G.nodes) == ["ORG:工信部"]
    node = G.nodes["ORG:工信部"]
    assert (node["label"], node["aliases"], node["mentions"], node["doc_count"], node["documents"]) == (
        "工信部", ["工业和信息化部"], 3, 3, ["d1", "d2", "d3"])


@pytest.mark.parametrize("orgs, people", [
    (["湖北省财政厅", "广东省商务厅", "广东省商务厅", "湖北省财政厅", "湖北省财政厅"],
     ["PERSON:许文博", "PERSON:许文博@广东省"]),
    (["湖北省财政厅", "广东省商务厅"], ["PERSON:许文博"]),
    (["湖北省财政厅", None], ["PERSON:许文博"]),
])
def test_same_name_people(orgs, people):
    docs = []
    for i, org in enumerate(orgs):
        if org is None:
            docs.append(make_doc(f"d{i}", "许文博出席会议。", mentions=[("许文博", "PERSON", 0)],
                                 date="2014-05-01"))
        else:
            docs.append(make_doc(
                f"d{i}", f"{org}厅长许文博出席会议。", mentions=[(org, "ORG", 0), ("许文博", "PERSON", 0)],
                relations=[Relation("HOLDS_POST", "许文博", "PERSON", org, "ORG", sent=0,
                                    attrs={"title": "厅长"})], date=f"2014-0{i + 1}-01"))
    G = build_graph(docs)
    assert sorted(n for n, t in G.nodes(data="type") if t == "PERSON") == people
    assert all(G.nodes[p]["label"] == "许文博" for p in people)
    assert sum(G.nodes[p]["mentions"] for p in people) == len(orgs)


def test_evidence_accumulates_across_documents():
    G = build_graph([visit_doc("b", "2023-06-02"), visit_doc("a", "2023-06-01", lead="6月1日，")])
    edge = G.edges["PERSON:祁立衡", "PLACE:宿州市", "VISITED:PERSON:祁立衡->PLACE:宿州市"]
    assert edge["weight"] == 2
    assert edge["documents"] == ["a", "b"]
    first, second = edge["evidence"]
    assert (first["doc"], first["sentence"], first["start"], first["end"]) == (
        "a", "6月1日，祁立衡带队深入宿州市调研。", 9, 27)
    assert (second["doc"], second["start"], second["end"]) == ("b", 9, 25)
    assert (edge["purpose"], edge["led"], edge["label"]) == ("调研", True, "VISITED")


def test_repeated_relation_in_one_sentence_counts_once_but_keeps_its_attributes():
    doc = visit_doc("a")
    doc.relations.append(Relation("VISITED", "祁立衡", "PERSON", "宿州市", "PLACE", sent=1,
                                  attrs={"purpose": "考察"}))
    edge = build_graph([doc]).edges["PERSON:祁立衡", "PLACE:宿州市", "VISITED:PERSON:祁立衡->PLACE:宿州市"]
    assert (edge["weight"], len(edge["evidence"]), edge["purpose"]) == (1, 1, "调研|考察")


@pytest.mark.parametrize("rel_dates, date, date_end, evidence_dates", [
    ([(None, None), (None, None)], None, None, ["2023-06-01", "2023-06-05"]),
    ([("2023-05-30", None), (None, None)], "2023-05-30", "2023-05-30", ["2023-05-30", "2023-06-05"]),
    ([("2023-05-30", "2023-05-31"), ("2023-06-03", None)], "2023-05-30", "2023-06-03",
     ["2023-05-30", "2023-06-03"]),
])
def test_edge_dates(rel_dates, date, date_end, evidence_dates):
    docs = [visit_doc("a", "2023-06-01", rel_date=rel_dates[0][0], rel_end=rel_dates[0][1]),
            visit_doc("b", "2023-06-05", rel_date=rel_dates[1][0], rel_end=rel_dates[1][1])]
    G = build_graph(docs)
    edge = G.edges["PERSON:祁立衡", "PLACE:宿州市", "VISITED:PERSON:祁立衡->PLACE:宿州市"]
    assert (edge["date"], edge["date_end"]) == (date, date_end)
    assert [e["date"] for e in edge["evidence"]] == evidence_dates


def test_nodes_first_and_last_seen():
    G = build_graph([visit_doc("a", "2023-06-05"), visit_doc("b", None), visit_doc("c", "2023-04-01")])
    node = G.nodes["PLACE:宿州市"]
    assert (node["first_seen"], node["last_seen"], node["doc_count"]) == ("2023-04-01", "2023-06-05", 3)


def test_holds_post_label_is_the_title_and_titles_reach_the_person():
    docs = [make_doc(f"d{i}", f"{title}祁立衡出席。",
                     mentions=[("祁立衡", "PERSON", 0, {"titles": [title]})],
                     relations=[Relation("HOLDS_POST", "祁立衡", "PERSON", "安徽省科技厅", "ORG", sent=0,
                                         attrs={"title": title})])
            for i, title in enumerate(["党组书记", "厅长"])]
    G = build_graph(docs)
    edge = G.edges["PERSON:祁立衡", "ORG:安徽省科技厅", "HOLDS_POST:PERSON:祁立衡->ORG:安徽省科技厅"]
    assert (edge["label"], edge["title"]) == ("党组书记|厅长", "党组书记|厅长")
    assert G.nodes["PERSON:祁立衡"]["titles"] == ["党组书记", "厅长"]


def test_lexicon_relation_has_one_sentence_free_evidence_per_document():
    rel = Relation("LOCATED_IN", "宿州市", "PLACE", "安徽省", "PLACE", sent=-1)
    docs = [make_doc(d, "宿州市发布数据。", mentions=[("宿州市", "PLACE", 0)], relations=[rel, rel],
                     date="2023-01-01") for d in ("a", "b")]
    edge = build_graph(docs).edges["PLACE:宿州市", "PLACE:安徽省", "LOCATED_IN:PLACE:宿州市->PLACE:安徽省"]
    assert edge["weight"] == 2
    assert edge["evidence"] == [{"doc": d, "sentence": "", "start": -1, "end": -1, "date": None,
                                 "source_start": -1, "source_end": -1} for d in ("a", "b")]


def test_cooccurrence_weight_counts_sentences():
    G = build_graph([visit_doc("a"), visit_doc("b")])
    edge = G.edges["PERSON:祁立衡", "PLACE:宿州市", "CO_OCCURS:PERSON:祁立衡->PLACE:宿州市"]
    assert (edge["weight"], edge["documents"], len(edge["evidence"])) == (2, ["a", "b"], 2)
    assert not G.has_edge("INITIATIVE:主题教育", "PERSON:祁立衡")


def test_cooccurrence_direction_is_by_node_id():
    doc = make_doc("a", "宿州市与芜湖市签约。", mentions=[("宿州市", "PLACE", 0), ("芜湖市", "PLACE", 0)])
    u, v = sorted(["PLACE:宿州市", "PLACE:芜湖市"])
    assert list(build_graph([doc]).edges(keys=True)) == [(u, v, f"CO_OCCURS:{u}->{v}")]


def test_cooccurrence_ignores_mentions_inside_other_mentions():
    doc = make_doc("a", "安徽省科技厅赴芜湖调研。",
                   mentions=[("安徽省科技厅", "ORG", 0), ("安徽省", "PLACE", 0), ("芜湖", "PLACE", 0)])
    G = build_graph([doc])
    assert sorted((u, v) for u, v, r in G.edges(data="relation") if r == "CO_OCCURS") == [
        ("ORG:安徽省科技厅", "PLACE:芜湖")]


def test_cooccurrence_evidence_is_capped_but_weight_is_not():
    sentences = [f"第{i}次，祁立衡到宿州市。" for i in range(EVIDENCE_CAP + 3)]
    doc = make_doc("a", *sentences, mentions=[(n, t, i) for i in range(len(sentences))
                                              for n, t in (("祁立衡", "PERSON"), ("宿州市", "PLACE"))])
    edge = build_graph([doc]).edges["PERSON:祁立衡", "PLACE:宿州市", "CO_OCCURS:PERSON:祁立衡->PLACE:宿州市"]
    assert (edge["weight"], len(edge["evidence"])) == (len(sentences), EVIDENCE_CAP)


def test_cooccurrence_can_be_switched_off():
    G = build_graph([visit_doc("a")], cooccurrence=False)
    assert [r for _, _, r in G.edges(data="relation")] == ["VISITED"]


def test_self_loops_are_dropped():
    doc = make_doc("a", "工信部与工业和信息化部。",
                   mentions=[("工信部", "ORG", 0, {"aliases": ["工业和信息化部"]}),
                             ("工业和信息化部", "ORG", 0)],
                   relations=[Relation("PART_OF", "工信部", "ORG", "工业和信息化部", "ORG", sent=0)])
    G = build_graph([doc])
    assert G.number_of_nodes() == 1
    assert G.number_of_edges() == 0


def shuffled_corpus(seed: int) -> list[DocResult]:
    docs = [
        visit_doc("a", "2023-06-01"),
        make_doc("b", "浙江省与工业和信息化部签约。",
                 mentions=[("浙江省", "PLACE", 0), ("工业和信息化部", "ORG", 0)]),
        make_doc("c", "工信部赴浙江调研。", mentions=[("工信部", "ORG", 0, {"aliases": ["工业和信息化部"]}),
                                              ("浙江", "PLACE", 0)],
                 relations=[Relation("VISITED", "工信部", "ORG", "浙江", "PLACE", sent=0)]),
        make_doc("d", "浙江省召开会议。", mentions=[("浙江省", "PLACE", 0)]),
    ]
    random.Random(seed).shuffle(docs)
    for doc in docs:
        random.Random(seed).shuffle(doc.mentions)
    return docs


def test_graph_is_identical_under_shuffled_input():
    graphs = [nx.node_link_data(build_graph(shuffled_corpus(seed)), edges="edges") for seed in range(6)]
    assert all(g == graphs[0] for g in graphs[1:])
    assert {n["id"] for n in graphs[0]["nodes"]} >= {"ORG:工业和信息化部", "PLACE:浙江省"}


def test_every_node_and_edge_has_the_contract_attributes():
    G = build_graph(shuffled_corpus(0))
    assert all(set(NODE_ATTRS) <= set(data) for _, data in G.nodes(data=True))
    assert all(set(EDGE_ATTRS) <= set(data) for _, _, data in G.edges(data=True))


def test_graph_attributes_and_summary():
    G = build_graph([*shuffled_corpus(0), visit_doc("a")])
    attrs = (G.graph["name"], G.graph["documents"], G.graph["schema_version"])
    assert attrs == ("zhkg", 4, SCHEMA_VERSION)
    summary = graph_summary(G)
    assert summary["documents"] == 4
    assert summary["nodes"] == {"INITIATIVE": 1, "ORG": 1, "PERSON": 1, "PLACE": 2}
    assert summary["edges"]["VISITED"] == 2
    assert sum(summary["edges"].values()) == G.number_of_edges()


def test_empty_input_gives_an_empty_graph():
    G = build_graph([])
    assert (G.number_of_nodes(), G.graph["documents"]) == (0, 0)


def test_importing_graph_build_does_not_import_spacy():
    code = "import graph.build, sys; assert 'spacy' not in sys.modules, 'spacy imported'"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("module", ["graph.build", "graph.evidence"])
def test_docstring_examples_run(module):
    result = doctest.testmod(importlib.import_module(module))
    assert (result.failed, result.attempted > 0) == (0, True)
