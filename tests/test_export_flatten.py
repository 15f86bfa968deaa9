"""Flattening the contract graph to typed scalars, and restoring it."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.readwrite.flatten import flatten_graph, flatten_value, restore_graph, unified_type


@pytest.mark.parametrize(
    ("value", "flat"),
    [
        (["工信部", "工业和信息化部"], "工信部|工业和信息化部"),
        ([], ""),
        ({"b", "a"}, "a|b"),
        ([{"doc": "d1", "sentence": "祁立衡到芜湖市调研。"}],
         '[{"doc": "d1", "sentence": "祁立衡到芜湖市调研。"}]'),
        (True, True),
        (3, 3),
        ("厅长", "厅长"),
        (None, None),
    ],
)
def test_flatten_value(value, flat):
    assert flatten_value(value) == flat


@pytest.mark.parametrize(
    ("values", "kind"),
    [([True, False], bool), ([1, 2], int), ([1, 2.5], float), ([1, "二"], str), ([True, 1], str),
     ([], str)],
)
def test_unified_type(values, kind):
    assert unified_type(values) is kind


def test_none_is_empty_for_strings_and_dropped_for_numbers():
    G = nx.MultiDiGraph()
    G.add_node("a", label="甲", first_seen=None, score=None)
    G.add_node("b", label="乙", first_seen="2024-05-10", score=1.5)
    H = flatten_graph(G)
    assert H.nodes["a"]["first_seen"] == ""
    assert "score" not in H.nodes["a"]


def test_mixed_types_become_one_type():
    G = nx.MultiDiGraph()
    G.add_node("a", rank=1)
    G.add_node("b", rank="高")
    H = flatten_graph(G)
    assert {type(d["rank"]) for _, d in H.nodes(data=True)} == {str}


def test_missing_labels_are_filled_from_id_and_relation():
    G = nx.MultiDiGraph()
    G.add_edge("ORG:某厅", "PLACE:芜湖市", key=0, relation="LOCATED_IN")
    H = flatten_graph(G)
    assert H.nodes["ORG:某厅"]["label"] == "ORG:某厅"
    assert [d["label"] for _, _, d in H.edges(data=True)] == ["LOCATED_IN"]


def test_integer_keys_get_unique_string_ids():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", relation="CO_OCCURS")
    G.add_edge("a", "b", relation="CO_OCCURS")
    G.add_edge("b", "c", relation="CO_OCCURS")
    keys = [k for _, _, k in flatten_graph(G).edges(keys=True)]
    assert len(set(keys)) == 3 and all(isinstance(k, str) and k for k in keys)


def test_restore_undoes_flatten():
    G = nx.MultiDiGraph()
    G.add_node("PERSON:祁立衡", label="祁立衡", aliases=[], titles=["厅长", "党组书记"],
               first_seen=None, mentions=2)
    G.add_edge("PERSON:祁立衡", "PLACE:芜湖市", key="k", label="VISITED", led=True, date=None,
               documents=["d1"], evidence=[{"doc": "d1", "start": 0, "end": 3}])
    H = restore_graph(flatten_graph(G))
    assert H.nodes["PERSON:祁立衡"] == G.nodes["PERSON:祁立衡"]
    assert H.edges["PERSON:祁立衡", "PLACE:芜湖市", "k"] == G.edges["PERSON:祁立衡", "PLACE:芜湖市", "k"]
