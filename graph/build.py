"""Build the knowledge graph from processed documents.

:func:`build_graph` reads :class:`zhkg.records.DocResult` records (never spaCy
objects), resolves names across documents (:mod:`graph.resolve`), and writes one
``networkx.MultiDiGraph`` following :mod:`graph.contract`:

- one node per resolved entity, with mention and document statistics;
- one edge per ``(head, relation, tail)`` with its accumulated evidence
  (:mod:`graph.evidence`); edges from an entity to itself are dropped;
- CO_OCCURS edges between every two entities named in the same sentence, weighted
  by the number of such sentences. A mention inside another mention
  (``山东`` inside ``山东省发改委``) does not count. The edge runs from the smaller
  node id to the larger.

Documents are visited in ``doc_id`` order, so the graph is the same whatever
order the records come in.
"""

from __future__ import annotations

import gc
import logging
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Iterable, Iterator

import networkx as nx

from graph.contract import edge_id
from graph.evidence import EdgeEvidence, new_edge, split_values
from zhkg.records import (
    CO_OCCURS, HOLDS_POST, PERSON, SCHEMA_VERSION, TYPED_RELATIONS, DocResult, Mention,
)
from graph.resolve import Resolution, resolve_entities

logger = logging.getLogger(__name__)

GRAPH_NAME = "zhkg"


@dataclass
class _NodeStats:
    """Per-node counts gathered while reading documents."""

    mentions: int = 0
    documents: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)


@dataclass
class _Builder:
    """Accumulates nodes and edges document by document."""

    resolution: Resolution
    dates: dict[str, str | None]
    nodes: dict[str, _NodeStats] = field(default_factory=dict)
    edges: dict[str, tuple[str, str, EdgeEvidence]] = field(default_factory=dict)

    def node(self, node: str, doc_id: str) -> _NodeStats:
        stats = self.nodes.setdefault(node, _NodeStats())
        stats.documents.add(doc_id)
        return stats

    def edge(self, relation: str, u: str, v: str) -> EdgeEvidence:
        key = edge_id(relation, u, v)
        if key not in self.edges:
            self.edges[key] = (u, v, new_edge(relation))
        return self.edges[key][2]

    def add_document(self, doc: DocResult, cooccurrence: bool) -> None:
        resolve = self.resolution.node_for
        mention_nodes: list[tuple[Mention, str]] = []
        for mention in doc.mentions:
            node = resolve(doc.doc_id, mention.label, mention.name)
            if node is None:
                continue
            stats = self.node(node, doc.doc_id)
            stats.mentions += 1
            if mention.label == PERSON:
                stats.titles.update(t for t in mention.titles if t)
            mention_nodes.append((mention, node))
        self._add_relations(doc)
        if cooccurrence:
            self._add_cooccurrences(doc, mention_nodes)

    def _add_relations(self, doc: DocResult) -> None:
        for rel in doc.relations:
            if rel.relation not in TYPED_RELATIONS:
                logger.debug("skipping relation %r in %s", rel.relation, doc.doc_id)
                continue
            u = self.resolution.node_for(doc.doc_id, rel.head_type, rel.head)
            v = self.resolution.node_for(doc.doc_id, rel.tail_type, rel.tail)
            if u is None or v is None or u == v:
                continue
            self.node(u, doc.doc_id)
            self.node(v, doc.doc_id)
            self.edge(rel.relation, u, v).add_relation(doc, rel)
            if rel.relation == HOLDS_POST:
                for node, entity_type in ((u, rel.head_type), (v, rel.tail_type)):
                    if entity_type == PERSON:
                        self.nodes[node].titles.update(split_values(rel.attrs.get("title")))

    def _add_cooccurrences(self, doc: DocResult, mention_nodes: list[tuple[Mention, str]]) -> None:
        by_sentence: dict[int, list[tuple[Mention, str]]] = {}
        for mention, node in mention_nodes:
            if doc.sentence(mention.sent) is not None:
                by_sentence.setdefault(mention.sent, []).append((mention, node))
        for sent, items in sorted(by_sentence.items()):
            for u, v in combinations(sorted(set(_outermost(items))), 2):
                self.edge(CO_OCCURS, u, v).add_sentence(doc, sent)

    def node_attrs(self, node: str) -> dict[str, Any]:
        entity = self.resolution.entities[node]
        stats = self.nodes[node]
        dates = sorted(d for d in (self.dates[doc] for doc in stats.documents) if d)
        return {
            "label": entity.label,
            "type": entity.type,
            "aliases": list(entity.aliases),
            "titles": sorted(stats.titles),
            "mentions": stats.mentions,
            "doc_count": len(stats.documents),
            "documents": sorted(stats.documents),
            "first_seen": dates[0] if dates else None,
            "last_seen": dates[-1] if dates else None,
        }


def build_graph(results: Iterable[DocResult], *, cooccurrence: bool = True) -> nx.MultiDiGraph:
    """Build one graph from processed documents.

    Parameters
    ----------
    results : iterable of DocResult
        Processed documents. A repeated ``doc_id`` is read once (the first one).
    cooccurrence : bool
        Add CO_OCCURS edges between entities named in the same sentence.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes and edges as described in :mod:`graph.contract`; graph attributes
        ``name``, ``documents`` and ``schema_version``.

    Examples
    --------
    >>> from zhkg.records import DocResult, Mention, Sentence
    >>> doc = DocResult("d1", "发改委召开会议。", sentences=[Sentence(0, 0, 8, "发改委召开会议。")],
    ...                 mentions=[Mention("发改委", "ORG", 0, 3, 0, aliases=["国家发展和改革委员会"])])
    >>> G = build_graph([doc])
    >>> G.nodes["ORG:发改委"]["aliases"]
    ['国家发展和改革委员会']
    """
    docs = _distinct(results)
    with _cyclic_gc_paused():
        builder = _Builder(resolve_entities(docs), {d.doc_id: d.date for d in docs})
        for doc in docs:
            builder.add_document(doc, cooccurrence)
        graph = nx.MultiDiGraph(name=GRAPH_NAME, documents=len(docs),
                                schema_version=SCHEMA_VERSION)
        graph.add_nodes_from((node, builder.node_attrs(node)) for node in sorted(builder.nodes))
        graph.add_edges_from((*builder.edges[key][:2], key, builder.edges[key][2].attrs())
                             for key in sorted(builder.edges))
    logger.info("built graph from %d documents: %d nodes, %d edges",
                len(docs), graph.number_of_nodes(), graph.number_of_edges())
    return graph


def graph_summary(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Counts for the one-line build summary.

    Returns
    -------
    dict
        ``{"documents": int, "nodes": {type: count}, "edges": {relation: count}}``,
        types and relations in alphabetical order.

    Examples
    --------
    >>> G = nx.MultiDiGraph(documents=1)
    >>> G.add_node("ORG:发改委", type="ORG")
    >>> graph_summary(G)
    {'documents': 1, 'nodes': {'ORG': 1}, 'edges': {}}
    """
    node_types = Counter(data.get("type", "") for _, data in graph.nodes(data=True))
    relations = Counter(data.get("relation", "") for _, _, data in graph.edges(data=True))
    return {
        "documents": graph.graph.get("documents", 0),
        "nodes": dict(sorted(node_types.items())),
        "edges": dict(sorted(relations.items())),
    }


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the graph is assembled.

    Building allocates millions of small dicts, sets and tuples and frees none of
    them, so every collection scans a growing heap in vain: on a few thousand
    documents that doubled the build time. The structures hold no reference cycles,
    so nothing is lost; the collector's previous state is restored afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _distinct(results: Iterable[DocResult]) -> list[DocResult]:
    """Documents sorted by id, each id once."""
    docs: dict[str, DocResult] = {}
    for doc in results:
        if doc.doc_id in docs:
            logger.warning("document %s appears twice; keeping the first", doc.doc_id)
            continue
        docs[doc.doc_id] = doc
    return [docs[k] for k in sorted(docs)]


def _outermost(items: list[tuple[Mention, str]]) -> Iterator[str]:
    """Nodes of the mentions of one sentence that do not lie inside a longer mention.

    Sorted by start then longest first, a mention is inside another exactly when an
    earlier, different span reaches at least as far.
    """
    reach, reach_span = -1, None
    for mention, node in sorted(items, key=lambda item: (item[0].start, -item[0].end)):
        span = (mention.start, mention.end)
        if mention.end <= reach and span != reach_span:
            continue
        if mention.end > reach:
            reach, reach_span = mention.end, span
        yield node
