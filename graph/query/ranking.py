"""Centrality scores for ``top``: degree, PageRank and betweenness.

PageRank is computed here by power iteration because networkx's own
implementation needs SciPy, which the query API does not otherwise require;
zhkg graphs are small enough (thousands of nodes) for plain Python.
"""

from __future__ import annotations

from enum import Enum
from typing import Callable

import networkx as nx

from graph.records import CO_OCCURS

_DAMPING = 0.85
_MAX_ITER = 200
_TOLERANCE = 1.0e-10


class Ranking(str, Enum):
    """The centrality measures ``top`` can rank by."""

    degree = "degree"
    pagerank = "pagerank"
    betweenness = "betweenness"


def degree(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Number of distinct entities each node is linked to, in either direction."""
    return {node: float(len(set(graph.predecessors(node)) | set(graph.successors(node)))) for node in graph}


def pagerank(graph: nx.MultiDiGraph, weight: str = "weight") -> dict[str, float]:
    """PageRank over edge weights (parallel edges add up); scores sum to 1.

    CO_OCCURS edges count in both directions: which of two entities in a
    sentence is the head says nothing about importance.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("c", "hub")])
    >>> scores = pagerank(g)
    >>> max(scores, key=scores.get)
    'hub'
    >>> round(sum(scores.values()), 6)
    1.0
    """
    nodes = list(graph)
    if not nodes:
        return {}
    out_weight: dict[str, dict[str, float]] = {node: {} for node in nodes}
    for u, v, data in graph.edges(data=True):
        w = float(data.get(weight) or 1)
        out_weight[u][v] = out_weight[u].get(v, 0.0) + w
        if data.get("relation") == CO_OCCURS:
            out_weight[v][u] = out_weight[v].get(u, 0.0) + w
    totals = {node: sum(targets.values()) for node, targets in out_weight.items()}
    share = 1.0 / len(nodes)
    rank = dict.fromkeys(nodes, share)
    for _ in range(_MAX_ITER):
        dangling = _DAMPING * sum(rank[n] for n in nodes if totals[n] == 0) * share
        new = dict.fromkeys(nodes, (1.0 - _DAMPING) * share + dangling)
        for u, targets in out_weight.items():
            if totals[u]:
                for v, w in targets.items():
                    new[v] += _DAMPING * rank[u] * w / totals[u]
        change = sum(abs(new[n] - rank[n]) for n in nodes)
        rank = new
        if change < _TOLERANCE * len(nodes):
            break
    return rank


def betweenness(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Betweenness on the undirected simple graph: brokers between clusters score high."""
    return nx.betweenness_centrality(nx.Graph(graph))


SCORERS: dict[Ranking, Callable[[nx.MultiDiGraph], dict[str, float]]] = {
    Ranking.degree: degree,
    Ranking.pagerank: pagerank,
    Ranking.betweenness: betweenness,
}
