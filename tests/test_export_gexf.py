"""GEXF 1.3: a dynamic graph Gephi's timeline can play."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from browser_support import hostile_graph

from graph.readwrite.gexf import GEXF_NS, read_gexf, write_gexf

NS = {"g": GEXF_NS}


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return hostile_graph()


@pytest.fixture(scope="module")
def root(graph) -> ET.Element:
    buffer = io.BytesIO()
    write_gexf(graph, buffer)
    return ET.fromstring(buffer.getvalue())


def _edges(root):
    return {e.get("id"): e for e in root.iterfind("g:graph/g:edges/g:edge", NS)}


def _nodes(root):
    return {n.get("id"): n for n in root.iterfind("g:graph/g:nodes/g:node", NS)}


def test_is_gexf_1_3(root):
    assert (root.tag, root.get("version")) == (f"{{{GEXF_NS}}}gexf", "1.3")


def test_graph_is_dynamic_with_dates(root):
    graph = root.find("g:graph", NS)
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")


def test_all_nodes_and_edges_are_written(graph, root):
    assert (len(_nodes(root)), len(_edges(root))) == (graph.number_of_nodes(), graph.number_of_edges())


def test_dated_edges_get_a_spell(graph, root):
    edges = _edges(root)
    for _, _, key, data in graph.edges(keys=True, data=True):
        spells = [(s.get("start"), s.get("end")) for s in edges[key].findall("g:spells/g:spell", NS)]
        if data["dates"]:
            assert spells == [(d, d) for d in data["dates"]]
        elif data["date"]:
            assert spells == [(data["date"], data["date_end"])]
        else:
            assert spells == []


def test_nodes_get_first_and_last_seen(root):
    person = _nodes(root)["PERSON:祁立衡"]
    assert (person.get("start"), person.get("end")) == ("2024-05-10", "2024-06-02")


def test_node_interval_covers_its_edge_spells():
    G = nx.MultiDiGraph()
    G.add_node("a", label="甲", first_seen="2024-05-10", last_seen="2024-05-10")
    G.add_node("b", label="乙")
    G.add_edge("a", "b", key="VISITED:a->b", relation="VISITED", date="2024-04-01", date_end="2024-06-01")
    buffer = io.BytesIO()
    write_gexf(G, buffer)
    node = _nodes(ET.fromstring(buffer.getvalue()))["a"]
    assert (node.get("start"), node.get("end")) == ("2024-04-01", "2024-06-01")


def test_every_attvalue_is_declared(root):
    declared = {
        (block.get("class"), a.get("id"))
        for block in root.iterfind("g:graph/g:attributes", NS)
        for a in block.iterfind("g:attribute", NS)
    }
    for kind, elements in (("node", _nodes(root)), ("edge", _edges(root))):
        for element in elements.values():
            assert all((kind, v.get("for")) in declared
                       for v in element.iterfind("g:attvalues/g:attvalue", NS))


def test_edges_carry_their_label(graph, root):
    edges = _edges(root)
    for _, _, key, data in graph.edges(keys=True, data=True):
        assert edges[key].get("label") == data["label"]


def test_networkx_reads_back_nodes_edges_and_relations(graph):
    buffer = io.BytesIO()
    write_gexf(graph, buffer)
    buffer.seek(0)
    back = read_gexf(buffer)
    relations = sorted(d["relation"] for *_, d in back.edges(data=True))
    assert (set(back.nodes), relations) == (
        set(graph.nodes), sorted(d["relation"] for *_, d in graph.edges(data=True))
    )


def test_each_dated_occurrence_is_a_spell():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="VISITED:a->b", relation="VISITED", date="2014-12-01",
               dates=["2014-12-01", "2017-03-05"])
    buffer = io.BytesIO()
    write_gexf(G, buffer)
    spells = _edges(ET.fromstring(buffer.getvalue()))["VISITED:a->b"].findall("g:spells/g:spell", NS)
    assert [(s.get("start"), s.get("end")) for s in spells] == [
        ("2014-12-01", "2014-12-01"), ("2017-03-05", "2017-03-05")]


def test_the_file_is_stamped_with_the_latest_data_date_not_today():
    G = nx.MultiDiGraph()
    G.add_node("a", label="甲", last_seen="2015-03-01")
    G.add_node("b", label="乙")
    G.add_edge("a", "b", key="VISITED:a->b", relation="VISITED", date="2014-12-01", date_end="2015-06-30")
    buffer = io.BytesIO()
    write_gexf(G, buffer)
    meta = ET.fromstring(buffer.getvalue()).find("g:meta", NS)
    assert meta.get("lastmodifieddate") == "2015-06-30"
