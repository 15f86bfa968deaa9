"""GraphML: round trip through networkx and what Gephi needs from the file."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from browser_support import IMG_PAYLOAD, SCRIPT_PAYLOAD, hostile_graph

from graph.readwrite.graphml import read_graphml, write_graphml

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
GRAPHML_TYPES = {"boolean", "int", "long", "float", "double", "string"}


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return hostile_graph()


@pytest.fixture(scope="module")
def graphml(graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("graphml") / "graph.graphml"
    write_graphml(graph, path)
    return path


def test_round_trip_keeps_counts(graph, graphml):
    back = read_graphml(graphml)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(), graph.number_of_edges())


def test_round_trip_keeps_node_attributes(graph, graphml):
    back = read_graphml(graphml)
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))


def test_round_trip_keeps_edge_keys_and_attributes(graph, graphml):
    back = read_graphml(graphml)
    original = {k: d for _, _, k, d in graph.edges(keys=True, data=True)}
    assert {k: d for _, _, k, d in back.edges(keys=True, data=True)} == original


def test_round_trip_keeps_graph_attributes(graph, graphml):
    assert read_graphml(graphml).graph == graph.graph


def test_a_graph_read_back_can_be_written_again(graphml, tmp_path):
    again = tmp_path / "again.graphml"
    write_graphml(read_graphml(graphml), again)
    assert read_graphml(again).graph == read_graphml(graphml).graph


def test_evidence_text_survives_verbatim(graphml):
    sentences = {e["sentence"] for _, _, d in read_graphml(graphml).edges(data=True)
                 for e in d["evidence"]}
    assert any(SCRIPT_PAYLOAD in s for s in sentences)
    assert any(IMG_PAYLOAD in s for s in sentences)


def test_writes_to_a_file_handle(graph):
    buffer = io.BytesIO()
    write_graphml(graph, buffer)
    buffer.seek(0)
    assert read_graphml(buffer).number_of_nodes() == graph.number_of_nodes()


def _tree(path) -> ET.Element:
    return ET.parse(path).getroot()


def test_keys_are_typed_named_and_unique(graphml):
    keys = _tree(graphml).findall("g:key", NS)
    assert len({k.get("id") for k in keys}) == len(keys)
    assert all(k.get("attr.name") and k.get("attr.type") in GRAPHML_TYPES for k in keys)


def test_one_key_per_attribute_and_domain(graphml):
    keys = _tree(graphml).findall("g:key", NS)
    pairs = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(set(pairs)) == len(pairs)


def test_every_data_element_uses_a_declared_key_of_its_domain(graphml):
    root = _tree(graphml)
    domain = {k.get("id"): k.get("for") for k in root.findall("g:key", NS)}
    for kind in ("node", "edge"):
        for element in root.iter(f"{{{NS['g']}}}{kind}"):
            assert all(domain.get(d.get("key")) == kind for d in element.findall("g:data", NS))


def test_edge_ids_are_unique_and_not_empty(graphml):
    ids = [e.get("id") for e in _tree(graphml).iter(f"{{{NS['g']}}}edge")]
    assert all(ids) and len(set(ids)) == len(ids)


@pytest.mark.parametrize("kind", ["node", "edge"])
def test_every_element_has_a_label(graphml, kind):
    root = _tree(graphml)
    label_key = next(k.get("id") for k in root.findall("g:key", NS)
                     if k.get("for") == kind and k.get("attr.name") == "label")
    for element in root.iter(f"{{{NS['g']}}}{kind}"):
        labels = [d.text for d in element.findall("g:data", NS) if d.get("key") == label_key]
        assert labels and labels[0]


def test_no_none_values(graphml):
    assert all(d.text != "None" for d in _tree(graphml).iter(f"{{{NS['g']}}}data"))


def test_attribute_names_are_ascii(graphml):
    assert all(k.get("attr.name").isascii() for k in _tree(graphml).findall("g:key", NS))


def test_parallel_edges_of_a_plain_multigraph_get_distinct_ids():
    G = nx.MultiDiGraph()
    G.add_edge("PERSON:祁立衡", "PLACE:芜湖市", relation="VISITED")
    G.add_edge("PERSON:祁立衡", "PLACE:芜湖市", relation="VISITED")
    buffer = io.BytesIO()
    write_graphml(G, buffer)
    ids = [e.get("id") for e in ET.fromstring(buffer.getvalue()).iter(f"{{{NS['g']}}}edge")]
    assert len(set(ids)) == 2


def test_malformed_file_raises():
    with pytest.raises(ET.ParseError):
        read_graphml(io.BytesIO(b"<graphml><graph>"))
