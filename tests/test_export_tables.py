"""nodes.csv and edges.csv in the format neo4j-admin database import reads."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from browser_support import SCRIPT_PAYLOAD, hostile_graph

from graph.readwrite.tables import write_csv


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return hostile_graph()


@pytest.fixture(scope="module")
def tables(graph, tmp_path_factory):
    nodes, edges = write_csv(graph, tmp_path_factory.mktemp("csv"))
    return _read(nodes), _read(edges)


def _read(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_file_names(graph, tmp_path):
    assert [p.name for p in write_csv(graph, tmp_path)] == ["nodes.csv", "edges.csv"]


def test_node_header_has_neo4j_id_and_label(tables):
    header = list(tables[0][0])
    assert header[:3] == ["id:ID", "name", ":LABEL"]


def test_edge_header_has_neo4j_start_end_and_type(tables):
    header = list(tables[1][0])
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]


@pytest.mark.parametrize("column", ["mentions:int", "aliases:string[]", "first_seen:date"])
def test_node_properties_are_typed(tables, column):
    assert column in tables[0][0]


def test_one_row_per_node_and_edge(graph, tables):
    assert (len(tables[0]), len(tables[1])) == (graph.number_of_nodes(), graph.number_of_edges())


def test_labels_are_entity_types(graph, tables):
    assert {r[":LABEL"] for r in tables[0]} == {d["type"] for _, d in graph.nodes(data=True)}


def test_edges_reference_node_ids(tables):
    ids = {r["id:ID"] for r in tables[0]}
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in tables[1])


def test_arrays_use_semicolons(tables):
    person = next(r for r in tables[0] if r["name"] == "祁立衡")
    assert person["titles:string[]"] == "党组书记;厅长"


def test_booleans_are_lowercase(tables):
    assert {r["led:boolean"] for r in tables[1]} <= {"true", "false"}


def test_evidence_is_json_with_the_raw_sentence(tables):
    sentences = [e["sentence"] for r in tables[1] for e in json.loads(r["evidence"])]
    assert any(SCRIPT_PAYLOAD in s for s in sentences)


def test_missing_dates_are_empty(tables):
    assert {r["date:date"] for r in tables[1] if r[":TYPE"] == "LOCATED_IN"} == {""}
