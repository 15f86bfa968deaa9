"""Node-link JSON: the graph as it is, read back unchanged."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from browser_support import hostile_graph

from graph.readwrite.nodelink import read_json, write_json


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return hostile_graph()


@pytest.fixture(scope="module")
def back(graph, tmp_path_factory) -> nx.MultiDiGraph:
    path = tmp_path_factory.mktemp("json") / "graph.json"
    write_json(graph, path)
    return read_json(path)


def test_round_trip_keeps_nodes(graph, back):
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))


def test_round_trip_keeps_edges_with_keys(graph, back):
    assert sorted(back.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))


def test_round_trip_keeps_graph_attributes(graph, back):
    assert back.graph == graph.graph


def test_chinese_is_written_literally(graph):
    buffer = io.BytesIO()
    write_json(graph, buffer)
    assert "祁立衡" in buffer.getvalue().decode("utf-8")


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]"])
def test_malformed_input_raises(content):
    with pytest.raises((ValueError, nx.NetworkXError)):
        read_json(io.BytesIO(content))


def test_each_node_and_edge_is_a_line_of_its_own(graph):
    buffer = io.BytesIO()
    write_json(graph, buffer)
    lines = buffer.getvalue().decode("utf-8").splitlines()
    records = [json.loads(line.rstrip(",")) for line in lines if line.startswith('{"')]
    assert len(records) == graph.number_of_nodes() + graph.number_of_edges()
