"""Keeping the best-connected nodes for the HTML page."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.readwrite.subgraph import subgraph_top


@pytest.fixture
def star() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for leaf in ("淮南市", "芜湖市", "蚌埠市"):
        G.add_edge("PERSON:祁立衡", f"PLACE:{leaf}", relation="VISITED")
    G.add_edge("PLACE:淮南市", "PLACE:安徽省", relation="LOCATED_IN")
    return G


@pytest.mark.parametrize(
    ("max_nodes", "kept", "left_out"),
    [
        (1, {"PERSON:祁立衡"}, 4),
        (2, {"PERSON:祁立衡", "PLACE:淮南市"}, 3),
        (None, {"PERSON:祁立衡", "PLACE:淮南市", "PLACE:芜湖市", "PLACE:蚌埠市", "PLACE:安徽省"}, 0),
        (99, {"PERSON:祁立衡", "PLACE:淮南市", "PLACE:芜湖市", "PLACE:蚌埠市", "PLACE:安徽省"}, 0),
    ],
)
def test_keeps_top_nodes_by_degree(star, max_nodes, kept, left_out):
    H, n = subgraph_top(star, max_nodes)
    assert (set(H), n) == (kept, left_out)


def test_keeps_edges_between_kept_nodes(star):
    H, _ = subgraph_top(star, 2)
    assert [d["relation"] for _, _, d in H.edges(data=True)] == ["VISITED"]


def test_ties_break_by_id(star):
    H, _ = subgraph_top(star, 3)
    assert set(H) == {"PERSON:祁立衡", "PLACE:淮南市", "PLACE:安徽省"}


@pytest.mark.parametrize("max_nodes", [0, -3])
def test_rejects_less_than_one_node(star, max_nodes):
    with pytest.raises(ValueError, match="max_nodes"):
        subgraph_top(star, max_nodes)
