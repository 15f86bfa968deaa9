"""Cut a large graph down to its most important nodes for display."""

from __future__ import annotations

import networkx as nx

from graph.ranking import importance


def subgraph_top(G: nx.Graph, max_nodes: int | None) -> tuple[nx.Graph, int]:
    """The ``max_nodes`` most important nodes and the edges between them.

    A browser draws a few hundred nodes comfortably; past that the page is
    slow and unreadable, so the HTML export keeps the most important nodes
    (:func:`graph.ranking.importance`: typed relations, then co-occurrence
    discounted for list sentences) and says how many it left out. Ties are
    broken by node id so the cut is stable.

    Parameters
    ----------
    G : networkx graph
    max_nodes : how many nodes to keep; ``None`` keeps all

    Returns
    -------
    (graph, left_out)
        A copy holding the kept nodes with their attributes, and the number
        of nodes left out.

    Raises
    ------
    ValueError
        When ``max_nodes`` is smaller than 1.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("d", "e")])
    >>> H, left_out = subgraph_top(G, 3)
    >>> sorted(H), left_out
    (['a', 'b', 'c'], 2)
    """
    if max_nodes is not None and max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1 (got {max_nodes}); use None to keep all")
    if max_nodes is None or max_nodes >= G.number_of_nodes():
        return G, 0
    scores = importance(G if G.is_multigraph() else nx.MultiDiGraph(G))
    keep = sorted(G, key=lambda node: (-scores[node], str(node)))[:max_nodes]
    return G.subgraph(keep).copy(), G.number_of_nodes() - len(keep)
