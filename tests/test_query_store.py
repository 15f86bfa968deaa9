"""Queries answered from the store give what the in-memory graph gives."""

from __future__ import annotations

import logging

import networkx as nx
import pytest
from test_query_graph import DEPT, DEPUTY, DIRECTOR, SASAC, synthetic_graph

from graph.query import KnowledgeGraph, load
from graph import ranking
from graph.query.store_backend import StoreKnowledgeGraph
from graph.ranking import SCORERS, Ranking
from zhkg.errors import GraphFileError, GraphNotFoundError, UnknownEntityError
from zhkg.store import STORE_NAME, Store


def _as_built() -> nx.MultiDiGraph:
    """The synthetic graph with nodes and edges in id order, as ``graph.build`` adds them."""
    graph = synthetic_graph()
    built = nx.MultiDiGraph(**graph.graph)
    built.add_nodes_from(sorted(graph.nodes(data=True)))
    built.add_edges_from(sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]))
    return built


def _write_store(path) -> None:
    graph = _as_built()
    rankings = {r.value: SCORERS[r](graph) for r in Ranking if r is not Ranking.betweenness}
    with Store(path) as store:
        store.write_graph(graph, rankings)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / STORE_NAME
    _write_store(path)
    return path


@pytest.fixture(scope="module")
def both(store_path) -> tuple[StoreKnowledgeGraph, KnowledgeGraph]:
    return StoreKnowledgeGraph(store_path), KnowledgeGraph(_as_built())


QUERIES = [
    ("find", lambda kg: kg.find("省科技厅")),
    ("find typed homonym", lambda kg: kg.find("许文博", type="PERSON")),
    ("find by id", lambda kg: kg.find("PLACE:浙江")),
    ("visits all", lambda kg: kg.visits()),
    ("visits of actor", lambda kg: kg.visits(actor="国资委")),
    ("visits to target", lambda kg: kg.visits(target="浙江省")),
    ("visits in a window", lambda kg: kg.visits(since="2023-09", until="2023-09-30")),
    ("visits by purpose", lambda kg: kg.visits(purpose="考察")),
    ("posts all", lambda kg: kg.posts()),
    ("posts at org", lambda kg: kg.posts(org="安徽省科技厅")),
    ("posts of homonym", lambda kg: kg.posts(person="许文博")),
    ("members", lambda kg: kg.members("国资委")),
    ("career", lambda kg: kg.career("祁立衡")),
    ("holders", lambda kg: kg.holders("安徽省科技厅")),
    ("holders of a title", lambda kg: kg.holders("海关总署", title="署长")),
    ("initiatives", lambda kg: kg.initiatives("国资委")),
    ("initiatives with parts", lambda kg: kg.initiatives("国资委", include_parts=True)),
    ("neighbors", lambda kg: kg.neighbors(DIRECTOR)),
    ("neighbors filtered", lambda kg: kg.neighbors(SASAC, relation="VISITED", type="PLACE")),
    ("neighbors incoming", lambda kg: kg.neighbors(DEPT)),
    ("path", lambda kg: kg.path("祁立衡", "周启航")),
    ("typed path", lambda kg: kg.path("宿州市", "主题教育", typed_only=True)),
    ("no path", lambda kg: kg.path("湖南", "海关总署")),
    ("top by default", lambda kg: kg.top(k=5)),
    ("top by degree", lambda kg: kg.top(by="degree", k=5)),
    ("top by pagerank", lambda kg: kg.top(by="pagerank", k=5)),
    ("top by importance of a type", lambda kg: kg.top(type="ORG", by="importance", k=3)),
    ("top by betweenness", lambda kg: kg.top(by="betweenness", k=5)),
    ("subgraph nodes", lambda kg: sorted(kg.subgraph(["祁立衡"], depth=2).graph.nodes)),
    ("subgraph edges", lambda kg: sorted(kg.subgraph([DEPUTY]).graph.edges(keys=True, data=True))),
]


@pytest.mark.parametrize("query", [q for _, q in QUERIES], ids=[name for name, _ in QUERIES])
def test_the_store_answers_like_the_graph(both, query):
    from_store, in_memory = both
    assert query(from_store) == query(in_memory)


def test_unknown_names_suggest_the_same_near_matches(both):
    messages = []
    for kg in both:
        with pytest.raises(UnknownEntityError) as raised:
            kg.find("科技厅")
        messages.append(raised.value.suggestions)
    assert messages[0] == messages[1] and messages[0]


def test_the_whole_graph_is_read_only_when_asked_for(store_path):
    kg = StoreKnowledgeGraph(store_path)
    kg.posts()
    assert kg._full is None
    assert kg.graph.number_of_edges() == synthetic_graph().number_of_edges()


@pytest.mark.parametrize("as_directory", [True, False])
def test_load_opens_a_store_file_or_the_directory_holding_it(store_path, as_directory):
    kg = load(store_path.parent if as_directory else store_path)
    assert isinstance(kg, StoreKnowledgeGraph)
    assert len(kg) == synthetic_graph().number_of_nodes()


def test_a_missing_store_is_not_found(tmp_path):
    with pytest.raises(GraphNotFoundError):
        load(tmp_path / STORE_NAME)


def test_a_store_without_a_graph_says_to_build(tmp_path):
    Store(tmp_path / STORE_NAME).close()
    with pytest.raises(GraphFileError, match="zhkg build"):
        load(tmp_path / STORE_NAME)


@pytest.mark.parametrize("open_graph", [StoreKnowledgeGraph, lambda path: KnowledgeGraph(_as_built())])
def test_betweenness_on_a_large_graph_is_sampled_and_says_so(store_path, monkeypatch, caplog, open_graph):
    monkeypatch.setattr(ranking, "BETWEENNESS_EDGE_VISITS", 1)
    monkeypatch.setattr(ranking, "BETWEENNESS_MIN_SAMPLE", 4)
    with caplog.at_level(logging.WARNING, logger=ranking.__name__):
        ranked = open_graph(store_path).top(by="betweenness", k=3)
    assert len(ranked) == 3
    assert "4 sampled sources" in caplog.text
