"""Build the knowledge graph from processed documents.

:func:`build_graph` reads :class:`zhkg.records.DocResult` records (never spaCy
objects), resolves names across documents (:mod:`graph.resolve`), and writes one
``networkx.MultiDiGraph`` following :mod:`graph.contract`:

- one node per resolved entity, with mention and document statistics;
- one edge per ``(head, relation, tail)`` with its accumulated evidence
  (:mod:`graph.evidence`); edges from an entity to itself are dropped;
- CO_OCCURS edges between every two entities named in the same sentence. A
  sentence naming ``n`` entities adds :func:`cooccurrence_share` ``= 1/(n-1)`` to
  the ``weight`` of each of its pairs and 1 to their ``sentences``: a membership
  list of 200 names says little about any two of them, so its clique weighs
  ``n/2`` in all rather than ``n(n-1)/2``, while a sentence naming two entities
  gives their pair a full 1. A mention inside another mention (``山东`` inside
  ``山东省发改委``) does not count. The edge runs from the smaller node id to the
  larger.

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
from graph.names import name_key
from zhkg.records import (
    CO_OCCURS, HOLDS_POST, ORG, PERSON, RENAMED_TO, SCHEMA_VERSION, TYPED_RELATIONS, DocResult, Mention,
)
from graph.resolve import CollectedNames, Resolution, resolve_entities

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
    _names: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def node(self, node: str, doc_id: str) -> _NodeStats:
        stats = self.nodes.setdefault(node, _NodeStats())
        stats.documents.add(doc_id)
        return stats

    def edge(self, relation: str, u: str, v: str) -> EdgeEvidence:
        key = edge_id(relation, u, v)
        if key not in self.edges:
            self.edges[key] = (u, v, new_edge(relation, (self.names(u), self.names(v))))
        return self.edges[key][2]

    def names(self, node: str) -> tuple[str, ...]:
        """The label and aliases of ``node``: where evidence excerpts look for it (one tuple per node)."""
        if node not in self._names:
            entity = self.resolution.entities[node]
            self._names[node] = (entity.label, *entity.aliases)
        return self._names[node]

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
        for sent, nodes in sentence_nodes(doc, mention_nodes):
            share = cooccurrence_share(len(nodes))
            for u, v in combinations(nodes, 2):
                self.edge(CO_OCCURS, u, v).add_sentence(doc, sent, share)

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


def build_graph(results: Iterable[DocResult], *, cooccurrence: bool = True,
                names: CollectedNames | None = None) -> nx.MultiDiGraph:
    """Build one graph from processed documents.

    Parameters
    ----------
    results : iterable of DocResult
        Processed documents. A repeated ``doc_id`` is read once (the first one).
    cooccurrence : bool
        Add CO_OCCURS edges between entities named in the same sentence.
    names : CollectedNames, optional
        The names of these documents, gathered while the caller waited for
        some of them (:class:`graph.resolve.CollectedNames`); the graph is the
        same with or without it.

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
    with cyclic_gc_paused():
        builder = _Builder(resolve_entities(docs, names), {d.doc_id: d.date for d in docs})
        for doc in docs:
            builder.add_document(doc, cooccurrence)
        graph = nx.MultiDiGraph(name=GRAPH_NAME, documents=len(docs),
                                schema_version=SCHEMA_VERSION)
        graph.add_nodes_from((node, builder.node_attrs(node)) for node in sorted(builder.nodes))
        graph.add_edges_from((*builder.edges[key][:2], key, builder.edges[key][2].attrs())
                             for key in sorted(builder.edges))
        add_renames(graph)
    logger.info("built graph from %d documents: %d nodes, %d edges",
                len(docs), graph.number_of_nodes(), graph.number_of_edges())
    return graph


def sentence_nodes(doc: DocResult,
                   mention_nodes: Iterable[tuple[Mention, str]]) -> Iterator[tuple[int, list[str]]]:
    """``(sentence index, distinct nodes)`` for each sentence of ``doc`` with mentions.

    ``mention_nodes`` pairs each mention with its node; a mention inside a longer
    one does not count. The nodes of a sentence are what its CO_OCCURS clique joins.
    """
    by_sentence: dict[int, list[tuple[Mention, str]]] = {}
    for mention, node in mention_nodes:
        if doc.sentence(mention.sent) is not None:
            by_sentence.setdefault(mention.sent, []).append((mention, node))
    for sent, items in sorted(by_sentence.items()):
        yield sent, sorted(set(_outermost(items)))


def cooccurrence_cliques(results: Iterable[DocResult]) -> Iterator[tuple[str, int, list[str]]]:
    """``(doc_id, sentence, nodes)`` of every sentence, resolved as :func:`build_graph` does.

    For measuring how much one sentence adds to the graph (``benchmarks/corpus_quality.py``).
    """
    docs = _distinct(results)
    resolution = resolve_entities(docs)
    for doc in docs:
        pairs = [(m, node) for m in doc.mentions
                 if (node := resolution.node_for(doc.doc_id, m.label, m.name)) is not None]
        for sent, nodes in sentence_nodes(doc, pairs):
            yield doc.doc_id, sent, nodes


def cooccurrence_share(entities: int) -> float:
    """What one sentence naming ``entities`` entities adds to the weight of each pair.

    ``1/(n-1)``: every entity of the sentence gets a total weight of 1 spread over
    the others, so a sentence adds ``n/2`` to the graph however long its list is.

    Examples
    --------
    >>> cooccurrence_share(2), cooccurrence_share(5)
    (1.0, 0.25)
    """
    return 1.0 / (entities - 1) if entities > 1 else 0.0


def add_renames(graph: nx.MultiDiGraph) -> None:
    """Link bodies a reform renamed to their successors, from the reform lexicon.

    The old body gets a ``successors`` attribute (the successor's name, whether or
    not the corpus names it) and, when the successor is a node too, a RENAMED_TO
    edge to it carrying the reform ``year``. The two stay separate nodes: news of
    2015 about 环境保护部 is not news about 生态环境部.
    """
    from pipelines.lexicons.organs import load_renames

    by_name: dict[str, str] = {}
    for node, data in sorted(graph.nodes(data=True)):
        if data.get("type") == ORG:
            for name in (data.get("label", ""), *data.get("aliases", ())):
                by_name.setdefault(name_key(name), node)
    for rename in load_renames():
        old = next((by_name[k] for k in map(name_key, rename.names) if k in by_name), None)
        if old is None:
            continue
        successors = graph.nodes[old].setdefault("successors", [])
        if rename.successor not in successors:
            successors.append(rename.successor)
        new = by_name.get(name_key(rename.successor))
        if new is not None and new != old:
            attrs = new_edge(RENAMED_TO).attrs()
            graph.add_edge(old, new, key=edge_id(RENAMED_TO, old, new), **attrs, year=rename.year)


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
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the graph is assembled and written.

    Building allocates millions of small dicts, sets and tuples and frees none of
    them, so every collection scans a growing heap in vain: on a few thousand
    documents that doubled the build time, and on news_scale each full collection
    took two seconds. The structures hold no reference cycles, so nothing is lost;
    the collector's previous state is restored afterwards. The build job holds it
    from extraction to the last file.
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
