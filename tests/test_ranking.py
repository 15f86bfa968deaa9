"""Rankings: networkx's PageRank matches the former power iteration; importance weighs typed relations."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.ranking import importance, pagerank
from zhkg.records import CO_OCCURS, HOLDS_POST, VISITED


def reference_pagerank(graph: nx.MultiDiGraph, damping: float = 0.85) -> dict[str, float]:
    """The power iteration zhkg used before it relied on networkx: the oracle for equivalence."""
    nodes = list(graph)
    out: dict[str, dict[str, float]] = {n: {} for n in nodes}
    for u, v, data in graph.edges(data=True):
        w = float(data.get("weight") or 1)
        out[u][v] = out[u].get(v, 0.0) + w
        if data.get("relation") == CO_OCCURS:
            out[v][u] = out[v].get(u, 0.0) + w
    totals = {n: sum(t.values()) for n, t in out.items()}
    share = 1.0 / len(nodes)
    rank = dict.fromkeys(nodes, share)
    for _ in range(1000):
        dangling = damping * sum(rank[n] for n in nodes if totals[n] == 0) * share
        new = dict.fromkeys(nodes, (1.0 - damping) * share + dangling)
        for u, targets in out.items():
            for v, w in targets.items():
                new[v] += damping * rank[u] * w / totals[u]
        rank = new
    return rank


def random_graph(seed: int) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    names = [f"n{i}" for i in range(30)]
    graph.add_nodes_from(names)
    for _ in range(80):
        u, v = rng.sample(names, 2)
        relation = rng.choice([CO_OCCURS, VISITED, HOLDS_POST])
        graph.add_edge(u, v, relation=relation, weight=rng.choice([1, 2, 0.5]))
    return graph


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pagerank_equals_the_former_power_iteration(seed: int) -> None:
    graph = random_graph(seed)
    expected = reference_pagerank(graph)
    got = pagerank(graph)
    assert max(abs(got[n] - expected[n]) for n in graph) < 1e-6


def test_pagerank_of_an_empty_graph_is_empty() -> None:
    assert pagerank(nx.MultiDiGraph()) == {}


def test_importance_ranks_a_typed_relation_above_many_list_co_occurrences() -> None:
    graph = nx.MultiDiGraph()
    graph.add_edge("官员", "某市", relation=VISITED)
    for i in range(5):
        graph.add_edge("名单甲", f"名单{i}", relation=CO_OCCURS, weight=0.1)
    scores = importance(graph)
    assert scores["官员"] > scores["名单甲"]
