"""Centrality scores: degree, PageRank, betweenness, and the importance the exports rank by.

PageRank is networkx's (``nx.pagerank``, which needs SciPy). CO_OCCURS edges
count in both directions: which of two entities in a sentence is the head says
nothing about importance.

:func:`importance` is the one ranking that ``top``, ``--max-nodes`` and the
HTML page's overview use: typed relations first, weighted co-occurrence
behind them, so an entity does not rise by appearing in long name lists.
"""

from __future__ import annotations

import math
import logging
from enum import Enum
from typing import TYPE_CHECKING, Callable

from zhkg.records import CO_OCCURS

if TYPE_CHECKING:  # the scorers import networkx themselves: reading stored scores needs none
    import networkx as nx

logger = logging.getLogger(__name__)

TYPED_EDGE_WEIGHT = 2.0
"""How much more a typed relation (VISITED, HOLDS_POST, ...) counts than co-occurrence of equal weight."""


class Ranking(str, Enum):
    """The centrality measures ``top`` can rank by."""

    importance = "importance"
    degree = "degree"
    pagerank = "pagerank"
    betweenness = "betweenness"


def degree(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Number of distinct entities each node is linked to, in either direction."""
    return {node: float(len(set(graph.predecessors(node)) | set(graph.successors(node)))) for node in graph}


def pagerank(graph: nx.MultiDiGraph, weight: str = "weight") -> dict[str, float]:
    """PageRank over edge weights (parallel edges add up); scores sum to 1.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("c", "hub")])
    >>> scores = pagerank(g)
    >>> max(scores, key=scores.get)
    'hub'
    >>> round(sum(scores.values()), 6)
    1.0
    """
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return {}
    return nx.pagerank(_weighted_digraph(graph, weight), weight="weight", tol=1.0e-10, max_iter=500)


def _weighted_digraph(graph: nx.MultiDiGraph, weight: str) -> nx.DiGraph:
    """Parallel edges summed into one weighted edge; CO_OCCURS added both ways."""
    import networkx as nx

    simple = nx.DiGraph()
    simple.add_nodes_from(graph)
    for u, v, data in graph.edges(data=True):
        w = float(data.get(weight) or 1)
        pairs = ((u, v), (v, u)) if data.get("relation") == CO_OCCURS else ((u, v),)
        for a, b in pairs:
            if simple.has_edge(a, b):
                simple[a][b]["weight"] += w
            else:
                simple.add_edge(a, b, weight=w)
    return simple


def importance(graph: nx.MultiDiGraph) -> dict[str, float]:
    """How central each node is to what the corpus *states*, for ranking and overviews.

    Every edge adds ``log2(1 + weight)`` to both its ends, times
    :data:`TYPED_EDGE_WEIGHT` for a typed relation. The edge weight of a
    CO_OCCURS edge is already discounted for sentences that list many names
    (:func:`graph.build.cooccurrence_share`), so a membership list adds little;
    the logarithm makes breadth count more than repetition, so a reporter whose
    byline stands next to the same channel in 250 stories does not outrank a
    leader stated with hundreds of different entities.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", relation="VISITED", weight=1.0)
    0
    >>> g.add_edge("a", "c", relation="CO_OCCURS", weight=3.0)
    0
    >>> importance(g)
    {'a': 4.0, 'b': 2.0, 'c': 2.0}
    """
    scores = dict.fromkeys(graph, 0.0)
    for u, v, data in graph.edges(data=True):
        if data.get("relation") == CO_OCCURS:
            w = math.log2(1.0 + float(data.get("weight") or 0))
        else:
            w = TYPED_EDGE_WEIGHT * math.log2(1.0 + float(data.get("weight") or 1))
        scores[u] += w
        scores[v] += w
    return scores


BETWEENNESS_EDGE_VISITS = 20_000_000
"""Work budget of betweenness: on larger graphs sources are sampled so that sources x edges stays below it."""
BETWEENNESS_MIN_SAMPLE = 16


def betweenness(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Betweenness on the undirected simple graph: brokers between clusters score high.

    Exact on small graphs; on large ones estimated from sampled sources
    (networkx's ``k=``, fixed seed) within :data:`BETWEENNESS_EDGE_VISITS`,
    with a warning that says how many.
    """
    import networkx as nx

    return sampled_betweenness(nx.Graph(graph))


def sampled_betweenness(graph: nx.Graph) -> dict[str, float]:
    """Betweenness of a simple graph, sampled past the work budget (see :func:`betweenness`)."""
    import networkx as nx

    n, edges = graph.number_of_nodes(), max(graph.number_of_edges(), 1)
    k = max(BETWEENNESS_MIN_SAMPLE, BETWEENNESS_EDGE_VISITS // edges)
    if k >= n:
        return nx.betweenness_centrality(graph)
    logger.warning("betweenness estimated from %d sampled sources of %d nodes (networkx k=%d)", k, n, k)
    return nx.betweenness_centrality(graph, k=k, seed=0)


SCORERS: dict[Ranking, Callable[[nx.MultiDiGraph], dict[str, float]]] = {
    Ranking.importance: importance,
    Ranking.degree: degree,
    Ranking.pagerank: pagerank,
    Ranking.betweenness: betweenness,
}
