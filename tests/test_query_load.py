"""Reading graph files for queries: round trips through the exporters, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_query_graph import synthetic_graph

from graph.readwrite.read import read_graph
from zhkg.errors import GraphFileError, GraphNotFoundError
from graph.query import KnowledgeGraph, load, to_dict

graphml = pytest.importorskip("graph.readwrite.graphml")
nodelink = pytest.importorskip("graph.readwrite.nodelink")

WRITERS = {".graphml": graphml.write_graphml, ".json": nodelink.write_json}


@pytest.fixture(params=sorted(WRITERS))
def graph_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / f"graph{request.param}"
    WRITERS[request.param](synthetic_graph(), path)
    return path


def _every_query(kg: KnowledgeGraph) -> list[list[dict]]:
    """The result of each query as plain dicts, for comparing two graphs."""
    results = [
        kg.find("国资委"),
        kg.visits(),
        kg.visits(actor="祁立衡", since="2023-09"),
        kg.posts(),
        kg.members("国务院国资委"),
        kg.initiatives("国务院国资委", include_parts=True),
        kg.neighbors("祁立衡"),
        kg.path("周启航", "安徽省"),
        kg.top(by="degree"),
        kg.subgraph(["宿州市"]).posts(),
    ]
    return [[to_dict(r) for r in result] for result in results]


def test_file_answers_queries_like_the_graph_it_was_written_from(graph_file: Path) -> None:
    assert _every_query(load(graph_file)) == _every_query(KnowledgeGraph(synthetic_graph()))


def test_load_graph_restores_evidence_dicts(graph_file: Path) -> None:
    graph = read_graph(graph_file)
    data = graph.edges["PERSON:祁立衡", "ORG:安徽省科技厅", "HOLDS_POST:PERSON:祁立衡->ORG:安徽省科技厅"]
    assert data["evidence"][0]["doc"] == "002_synthetic_province"


def test_subgraph_exports_like_the_whole_graph(tmp_path: Path) -> None:
    sub = KnowledgeGraph(synthetic_graph()).subgraph(["祁立衡"], depth=1)
    graphml.write_graphml(sub.graph, tmp_path / "sub.graphml")
    assert {p.org for p in load(tmp_path / "sub.graphml").posts()} == {"安徽省科技厅"}


def test_missing_file_says_to_build_first(tmp_path: Path) -> None:
    with pytest.raises(GraphNotFoundError, match="Q004.*zhkg build"):
        load(tmp_path / "graph.graphml")


@pytest.mark.parametrize("name", ["graph.gexf", "graph.csv", "graph"])
def test_unknown_suffix_names_the_formats(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("x", encoding="utf-8")
    with pytest.raises(GraphFileError, match=r"\.graphml or \.json"):
        load(tmp_path / name)


@pytest.mark.parametrize(
    "name, content",
    [
        ("graph.graphml", "<graphml><graph"),
        ("graph.json", "{not json"),
        ("graph.json", '{"directed": true}'),
    ],
)
def test_malformed_file_is_reported_with_its_path(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(GraphFileError, match=name):
        load(tmp_path / name)
