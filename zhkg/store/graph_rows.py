"""The graph as table rows, and back.

Each node and edge keeps all its attributes as JSON (``data``), so the graph
read back equals the one written, whatever attributes ``graph.build`` adds.
The columns beside ``data`` are the ones queries filter or sort on. Evidence
goes to its own table, one row per entry in the edge's order.

The row functions take nodes or edges, not the graph, so that a large graph
is written a slice at a time (:func:`slices`): its rows as JSON and as Arrow
columns were the build's peak of memory (news_scale: 1.87 GB against 1.50 GB
for the graph built).
"""

from __future__ import annotations

import json
from itertools import islice
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence, TypeVar

from graph.names import name_key

if TYPE_CHECKING:  # imported by read_graph: the store's queries read rows, not graphs
    import networkx as nx

_EVIDENCE = "evidence"
_FETCH_ROWS = 4096
SLICE_ROWS = 20_000
"""Nodes or edges written per insert."""

Node = tuple[str, dict[str, Any]]
Edge = tuple[str, str, str, dict[str, Any]]
Item = TypeVar("Item")


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""Compact JSON; one encoder for the half million values of a large graph (``json.dumps``
builds a new one per call)."""


def slices(items: Iterable[Item]) -> Iterator[list[Item]]:
    """Consecutive lists of :data:`SLICE_ROWS` items (the last one shorter), in order."""
    items = iter(items)
    while chunk := list(islice(items, SLICE_ROWS)):
        yield chunk


def node_rows(nodes: Sequence[Node]) -> list[list[Any]]:
    """Columns of the ``nodes`` table: id, label, type, data (``nodes`` as ``graph.nodes(data=True)``)."""
    return [
        [n for n, _ in nodes],
        [str(d.get("label") or n) for n, d in nodes],
        [str(d.get("type", "")) for _, d in nodes],
        [_dumps(d) for _, d in nodes],
    ]


def name_rows(nodes: Sequence[Node]) -> list[list[Any]]:
    """Columns of the ``names`` table: normalised key, node, kind (label or alias)."""
    keys: list[str] = []
    ids: list[str] = []
    kinds: list[str] = []
    for node, data in nodes:
        names = [("label", str(data.get("label") or node))]
        names += [("alias", str(alias)) for alias in data.get("aliases") or ()]
        for kind, name in names:
            key = name_key(name)
            if key:
                keys.append(key)
                ids.append(node)
                kinds.append(kind)
    return [keys, ids, kinds]


def edge_rows(edges: Sequence[Edge]) -> list[list[Any]]:
    """Columns of the ``edges`` table: id, source, target, relation, weight, data
    (``edges`` as ``graph.edges(keys=True, data=True)``)."""
    return [
        [k for _, _, k, _ in edges],
        [u for u, _, _, _ in edges],
        [v for _, v, _, _ in edges],
        [str(d.get("relation", "")) for *_, d in edges],
        [int(d.get("weight") or 0) for *_, d in edges],
        [_dumps({**d, _EVIDENCE: None} if _EVIDENCE in d else d) for *_, d in edges],
    ]


def evidence_rows(edges: Sequence[Edge]) -> list[list[Any]]:
    """Columns of the ``evidence`` table: edge, position, doc, item."""
    columns: list[list[Any]] = [[], [], [], []]
    for _, _, key, data in edges:
        for position, item in enumerate(data.get(_EVIDENCE) or ()):
            columns[0].append(key)
            columns[1].append(position)
            columns[2].append(str(item.get("doc", "")) if isinstance(item, dict) else "")
            columns[3].append(_dumps(item))
    return columns


def read_graph(con, nodes: Sequence[str] | None = None) -> nx.MultiDiGraph:
    """The stored graph, or its part induced by ``nodes``, as a ``MultiDiGraph``.

    Nodes and edges come back in id order, as ``graph.build`` adds them. The
    ``evidence`` slot kept in each edge's JSON keeps the attributes' order.
    """
    import networkx as nx

    from zhkg.store.store import graph_meta

    graph = nx.MultiDiGraph(**graph_meta(con))
    if nodes is None:
        node_sql = "SELECT id, data FROM nodes ORDER BY id"
        edge_sql = "SELECT id, source, target, data FROM edges ORDER BY id"
        evidence_sql = "SELECT edge, item FROM evidence ORDER BY edge, position"
        params: list[Any] = []
    else:
        keep = "WITH keep AS (SELECT DISTINCT unnest(?::VARCHAR[]) AS id) "
        node_sql = keep + "SELECT n.id, n.data FROM nodes n JOIN keep k ON k.id = n.id ORDER BY n.id"
        inside = ("FROM edges g JOIN keep a ON a.id = g.source JOIN keep b ON b.id = g.target")
        edge_sql = keep + f"SELECT g.id, g.source, g.target, g.data {inside} ORDER BY g.id"
        evidence_sql = (keep + f"SELECT e.edge, e.item {inside} JOIN evidence e ON e.edge = g.id "
                        "ORDER BY e.edge, e.position")
        params = [list(nodes)]
    graph.add_nodes_from((n, json.loads(d)) for n, d in _rows(con, node_sql, params))
    evidence: dict[str, list[Any]] = {}
    for edge, item in _rows(con, evidence_sql, params):
        evidence.setdefault(edge, []).append(json.loads(item))
    for key, u, v, d in _rows(con, edge_sql, params):
        data = json.loads(d)
        if _EVIDENCE in data:
            data[_EVIDENCE] = evidence.get(key, [])
        graph.add_edge(u, v, key, **data)
    return graph


def _rows(con, sql: str, params: list[Any]) -> Iterable[tuple]:
    from zhkg.store.builds import cursor

    rows_of = cursor(con)
    rows_of.execute(sql, params)
    while rows := rows_of.fetchmany(_FETCH_ROWS):
        yield from rows
