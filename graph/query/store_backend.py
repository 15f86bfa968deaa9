"""Queries answered from the build's DuckDB store, without loading the whole graph.

:class:`StoreKnowledgeGraph` has the API of :class:`KnowledgeGraph` and
returns the same records. The lookups (find, visits, posts, members,
initiatives, neighbors) are parameterised SQL over the ``nodes``, ``names``,
``edges`` and ``evidence`` tables; career and holders read the people and
organisations they name and their HOLDS_POST neighbours; ``top`` reads the scores the build stored. ``path`` and ``subgraph`` walk the edges table hop
by hop and read only the nodes they reach; betweenness, which needs the whole
graph, is estimated from a sample of sources on large graphs and says so.
The full ``networkx`` graph is read only when :attr:`graph` is asked for.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from graph.names import name_key
from graph.query.knowledge_graph import Edge, KnowledgeGraph, _entity_type, _relations
from graph.query.results import CareerPost, Match, Neighbor, PathStep, Ranked, top_ranked
from graph.ranking import Ranking, sampled_betweenness
from zhkg.errors import GraphFileError, GraphNotFoundError, InvalidQueryError
from zhkg.records import CO_OCCURS, HOLDS_POST, PART_OF, PERSON

if TYPE_CHECKING:  # networkx is imported only for the queries that walk a graph
    import networkx as nx

_SUGGESTIONS = 5
_CUTOFF = 0.5
_IDS = "WITH ids AS (SELECT DISTINCT unnest(?::VARCHAR[]) AS id) "
# networkx lists a node's edges by neighbour, neighbours in the order of their first
# edge (edges are added in id order); ``first`` recreates that order, so results come
# in the order KnowledgeGraph gives on the same graph. It is taken over the pairs that
# have an edge of the relation only: a window over every edge took four times as long.
_IN_GRAPH_ORDER = (
    "r AS (SELECT e.* FROM edges e {join} WHERE e.relation = ?), "
    "f AS (SELECT e.source, e.target, min(e.id) AS first FROM edges e "
    "SEMI JOIN r ON e.source = r.source AND e.target = r.target GROUP BY ALL) "
    "SELECT r.source, r.target, r.id, r.data FROM r JOIN f USING (source, target) ORDER BY r.{by}, f.first, r.id"
)


class StoreKnowledgeGraph(KnowledgeGraph):
    """The query API over a store file written by ``zhkg build``.

    Parameters
    ----------
    path : str or Path
        The store (``OUTDIR/zhkg.duckdb``). It is opened read-only, so several
        queries can run at once, but not while a build writes it.

    Raises
    ------
    GraphFileError
        The file is not a zhkg store, holds no graph yet, or a build holds it.
    """

    def __init__(self, path: str | Path) -> None:
        self.file = Path(path)
        self._con = _connect(self.file)
        self._full: nx.MultiDiGraph | None = None
        self._index = _StoreNames(self)
        self._nodes: dict[str, tuple[str, str]] = {}

    @property
    def graph(self) -> nx.MultiDiGraph:  # type: ignore[override]
        """The whole graph, read from the store on first use (for exporters and scripts)."""
        from zhkg.store import read_graph

        if self._full is None:
            self._full = read_graph(self._con)
        return self._full

    def close(self) -> None:
        self._con.close()

    def __len__(self) -> int:
        return self._scalar("SELECT count(*) FROM nodes")

    def __repr__(self) -> str:
        edges = self._scalar("SELECT count(*) FROM edges")
        return f"StoreKnowledgeGraph({str(self.file)!r}, nodes={len(self)}, edges={edges})"

    # -- queries -------------------------------------------------------------

    def neighbors(
        self,
        name: str,
        relation: str | Iterable[str] | None = None,
        type: str | None = None,
    ) -> list[Neighbor]:
        relations = _relations(relation)
        other_type = _entity_type(type)
        nodes = sorted(self._ids(name) or ())
        rows = self._rows(
            _IDS + "SELECT node, incoming, id, source, target, data FROM ("
            "SELECT ids.id AS node, 0 AS incoming, e.* FROM edges e JOIN ids ON e.source = ids.id "
            "UNION ALL SELECT ids.id, 1, e.* FROM edges e JOIN ids ON e.target = ids.id) "
            "ORDER BY node, incoming, min(id) OVER (PARTITION BY node, incoming, source, target), id", [nodes])
        edges = self._with_evidence([(u, v, key, data) for _, _, key, u, v, data in rows])
        found = []
        for (node, incoming, *_), (u, v, _, data) in zip(rows, edges):
            other = u if incoming else v
            found.append(self._neighbor(node, other, "in" if incoming else "out", data))
        return [
            n for n in found
            if (relations is None or n.relation in relations)
            and (other_type is None or n.other_type == other_type)
        ]

    def career(self, person: str) -> list[CareerPost]:
        people = {m.id for m in self.find(person) if m.type == PERSON}
        return self._around(people, HOLDS_POST, outgoing=True).career(person)

    def holders(self, org: str, title: str | None = None) -> list[CareerPost]:
        return self._around(self._ids(org), HOLDS_POST, outgoing=False).holders(org, title)

    def path(self, a: str, b: str, typed_only: bool = False) -> list[PathStep]:
        sources, targets = self._ids(a) or set(), self._ids(b) or set()
        nodes = self._shortest_path(sorted(sources), targets, typed_only)
        if len(nodes) < 2:
            return []
        from zhkg.store import read_graph

        # The path's own nodes and the edges among them are all that _step needs.
        return KnowledgeGraph(read_graph(self._con, nodes)).path(nodes[0], nodes[-1], typed_only)

    def top(self, type: str | None = None, by: str | Ranking = Ranking.importance,
            k: int = 10) -> list[Ranked]:
        try:
            ranking = Ranking(by)
        except ValueError:
            choices = ", ".join(r.value for r in Ranking)
            raise InvalidQueryError(f"unknown ranking {by!r}; use one of: {choices}.") from None
        entity_type = _entity_type(type)
        if ranking is Ranking.betweenness:
            return self._top_betweenness(entity_type, k)
        rows = self._rows(
            "SELECT n.id, n.label, n.type, r.score FROM rankings r JOIN nodes n ON n.id = r.node "
            "WHERE r.ranking = ? AND (? IS NULL OR n.type = ?) ORDER BY 4 DESC, 2 LIMIT ?",
            [ranking.value, entity_type, entity_type, k])
        return [Ranked(id=i, label=label, type=t, score=float(s)) for i, label, t, s in rows]

    def subgraph(self, names: Iterable[str], depth: int = 1) -> KnowledgeGraph:
        from zhkg.store import read_graph

        if depth < 0:
            raise InvalidQueryError(f"depth must be 0 or more, got {depth}.")
        keep: set[str] = set()
        for name in names:
            keep.update(self._ids(name) or ())
        frontier = set(keep)
        for _ in range(depth):
            frontier = {n for n in self._adjacent(frontier, typed_only=False)} - keep
            if not frontier:
                break
            keep |= frontier
        return KnowledgeGraph(read_graph(self._con, sorted(keep)))

    # -- the hooks KnowledgeGraph's queries go through -------------------------

    def _edges(self, relation: str, heads: set[str] | None, tails: set[str] | None) -> Iterator[Edge]:
        if heads is not None:
            rows = self._rows(_IDS + ", " + _IN_GRAPH_ORDER.format(join="JOIN ids ON e.source = ids.id", by="source"),
                              [sorted(heads), relation])
        elif tails is not None:
            rows = self._rows(_IDS + ", " + _IN_GRAPH_ORDER.format(join="JOIN ids ON e.target = ids.id", by="target"),
                              [sorted(tails), relation])
        else:
            rows = self._rows("WITH " + _IN_GRAPH_ORDER.format(join="", by="source"), [relation])
        rows = [r for r in rows if tails is None or r[1] in tails]
        yield from self._with_evidence(rows)

    def _with_parts(self, orgs: set[str]) -> set[str]:
        seen = set(orgs)
        frontier = sorted(orgs)
        while frontier:
            rows = self._rows(_IDS + "SELECT DISTINCT e.source FROM edges e JOIN ids ON e.target = ids.id "
                              "WHERE e.relation = ?", [frontier, PART_OF])
            frontier = sorted({u for (u,) in rows} - seen)
            seen.update(frontier)
        return seen

    def _label(self, node: str) -> str:
        return self._node(node)[0]

    def _type(self, node: str) -> str:
        return self._node(node)[1]

    # -- helpers -------------------------------------------------------------

    def _around(self, nodes: set[str] | None, relation: str, outgoing: bool) -> KnowledgeGraph:
        """``nodes`` and their neighbours through ``relation``, as a small in-memory graph.

        For the queries whose records need more than the edges (careers read
        the node labels through the graph); ``None`` means every node.
        """
        from zhkg.store import read_graph

        if nodes is None:
            return KnowledgeGraph(self.graph)
        edges = list(self._edges(relation, nodes, None) if outgoing else self._edges(relation, None, nodes))
        keep = set(nodes) | {u for u, _, _, _ in edges} | {v for _, v, _, _ in edges}
        return KnowledgeGraph(read_graph(self._con, sorted(keep)))

    def _node(self, node: str) -> tuple[str, str]:
        if node not in self._nodes:
            self._load_nodes([node])
        return self._nodes.get(node, (node, ""))

    def _load_nodes(self, nodes: Iterable[str]) -> None:
        wanted = sorted(set(nodes) - self._nodes.keys())
        if wanted:
            for node, label, entity_type in self._rows(
                    _IDS + "SELECT n.id, n.label, n.type FROM nodes n JOIN ids ON n.id = ids.id", [wanted]):
                self._nodes[node] = (label or node, entity_type)

    def _with_evidence(self, rows: list[tuple[str, str, str, str]]) -> list[Edge]:
        """Edges as ``(u, v, key, data)`` with their evidence, endpoints' labels cached."""
        evidence: dict[str, list[Any]] = {}
        for edge, item in self._rows(
                _IDS + "SELECT v.edge, v.item FROM evidence v JOIN ids ON v.edge = ids.id "
                "ORDER BY v.edge, v.position", [[key for _, _, key, _ in rows]]):
            evidence.setdefault(edge, []).append(json.loads(item))
        self._load_nodes(n for u, v, _, _ in rows for n in (u, v))
        edges = []
        for u, v, key, data in rows:
            attrs = json.loads(data)
            if "evidence" in attrs:
                attrs["evidence"] = evidence.get(key, [])
            edges.append((u, v, key, attrs))
        return edges

    def _adjacent(self, nodes: Iterable[str], typed_only: bool) -> set[str]:
        """Nodes one edge away from ``nodes``, in either direction."""
        return {other for _, other in self._hops(nodes, typed_only)}

    def _hops(self, nodes: Iterable[str], typed_only: bool) -> list[tuple[str, str]]:
        """``(node, neighbour)`` for every edge at ``nodes``, ignoring direction."""
        skip = CO_OCCURS if typed_only else ""
        return self._rows(
            _IDS + "SELECT e.source, e.target FROM edges e JOIN ids ON e.source = ids.id WHERE e.relation <> ? "
            "UNION ALL SELECT e.target, e.source FROM edges e JOIN ids ON e.target = ids.id "
            "WHERE e.relation <> ? ORDER BY 1, 2", [sorted(set(nodes)), skip, skip])

    def _shortest_path(self, sources: list[str], targets: set[str], typed_only: bool) -> list[str]:
        """Nodes of a shortest undirected path from any source to any target (breadth first)."""
        parent: dict[str, str | None] = {s: None for s in sources}
        frontier = list(sources)
        reached = next((s for s in sources if s in targets), None)
        while frontier and reached is None:
            step: list[str] = []
            for node, other in self._hops(frontier, typed_only):
                if other not in parent:
                    parent[other] = node
                    step.append(other)
                    if other in targets and reached is None:
                        reached = other
            frontier = step
        if reached is None:
            return []
        nodes = [reached]
        while parent[nodes[-1]] is not None:
            nodes.append(parent[nodes[-1]])
        return nodes[::-1]

    def _top_betweenness(self, entity_type: str | None, k: int) -> list[Ranked]:
        import networkx as nx

        simple = nx.Graph()
        simple.add_nodes_from(n for (n,) in self._rows("SELECT id FROM nodes", []))
        simple.add_edges_from(self._rows("SELECT source, target FROM edges", []))
        scores = sampled_betweenness(simple)
        self._load_nodes(scores)
        return top_ranked(scores, self._label, self._type, entity_type, k)

    def _rows(self, sql: str, params: list[Any]) -> list[tuple]:
        return self._con.execute(sql, params).fetchall()

    def _scalar(self, sql: str) -> int:
        return int(self._con.execute(sql).fetchone()[0])


class _StoreNames:
    """Name lookup over the ``names`` table, as :class:`graph.query.names.NameIndex` does it."""

    def __init__(self, kg: StoreKnowledgeGraph) -> None:
        self._kg = kg

    def lookup(self, name: str, entity_type: str | None = None) -> list[Match]:
        rows = self._kg._rows(
            "SELECT id, label, type, 1.0 FROM nodes WHERE id = ? "
            "UNION ALL SELECT n.id, n.label, n.type, CASE WHEN m.kind = 'label' THEN 1.0 ELSE 0.9 END "
            "FROM names m JOIN nodes n ON n.id = m.node WHERE m.key = ?", [name, name_key(name)])
        best: dict[str, Match] = {}
        for node, label, node_type, score in rows:
            if node not in best or score > best[node].score:
                best[node] = Match(id=node, label=label or node, type=node_type, matched=name, score=float(score))
        matches = [m for m in best.values() if entity_type is None or m.type == entity_type]
        return sorted(matches, key=lambda m: (-m.score, m.id))

    def suggest(self, name: str, limit: int = _SUGGESTIONS) -> list[str]:
        key = name_key(name)
        keys = [k for (k,) in self._kg._rows("SELECT DISTINCT key FROM names ORDER BY key", [])]
        close = difflib.get_close_matches(key, keys, n=limit, cutoff=_CUTOFF)
        containing = sorted(
            (k for k in keys if key and (key in k or (len(k) > 1 and k in key))),
            key=lambda k: (abs(len(k) - len(key)), k),
        )
        labels: list[str] = []
        for candidate in [*close, *containing]:
            for label, _ in self._kg._rows(
                    "SELECT DISTINCT n.label, n.id FROM names m JOIN nodes n ON n.id = m.node "
                    "WHERE m.key = ? ORDER BY n.id", [candidate]):
                if label not in labels:
                    labels.append(label)
            if len(labels) >= limit:
                break
        return labels[:limit]


def _connect(path: Path):
    """A read-only connection to a store that holds a graph."""
    import duckdb

    from zhkg.store.builds import current_build, use_build
    from zhkg.store.schema import SCHEMA_VERSION, stored_version

    if not path.is_file():
        raise GraphNotFoundError(f"store not found: '{path}'. Run `zhkg build` first, or pass --graph PATH.")
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise GraphFileError(f"cannot open store '{path}': {str(error).splitlines()[0]}") from None
    if stored_version(con) != SCHEMA_VERSION:
        con.close()
        raise GraphFileError(f"'{path}' is not a zhkg store of schema {SCHEMA_VERSION}; run `zhkg build` again.")
    build = current_build(con, path)
    if build is None:
        con.close()
        raise GraphFileError(f"store '{path}' holds no graph yet; run `zhkg build` to finish it.")
    use_build(con, build)
    return con
