"""Cross-document entity resolution: one graph node per real entity.

Inside a document the pipeline already gives every mention its canonical name
(``Mention.name``). Across documents the same entity still arrives under several
names (发改委 / 国家发展和改革委员会, 山东 / 山东省, “最多跑一次”改革 / 最多跑一次改革), and two
people can share a name. This module decides which names are one node.

Steps
-----
1. Every name becomes an entity key ``(type, name_key(name))`` (see
   :mod:`graph.names`); mention names, relation heads and tails and lexicon aliases
   all count.
2. Keys are linked in a union-find: a mention and its lexicon aliases; the same key
   tagged with different non-person types (one entity the tagger labelled ORG in
   one story and PLACE in another); then the shape rules of
   :mod:`graph.merge_rules` (party bodies, place level words, unambiguous short
   forms, policy wrappers).
3. A group's type is the type most of its mentions carry (ties: the order of
   :data:`zhkg.records.ENTITY_TYPES`). Its label is its most frequent mention
   name (ties: the longer, then the first in code-point order); every other name
   becomes an alias. The label, and so the node id, depends only on counts, never
   on the order documents arrive in.
4. People: documents that use a person's name are clustered by the organisations
   the person holds posts in (HOLDS_POST in that document). Clusters that share an
   organisation are one person; different organisations are different people, with
   ids ``PERSON:name@organisation``. A document naming no organisation joins the
   cluster seen in most documents.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from graph.contract import node_id
from graph.merge_rules import EntityKey, NameIndex, apply_all
from graph.names import name_key, pretty_name
from zhkg.records import ENTITY_TYPES, HOLDS_POST, PERSON, DocResult
from networkx.utils import UnionFind

logger = logging.getLogger(__name__)

_NON_PERSON = tuple(t for t in ENTITY_TYPES if t != PERSON)


@dataclass(frozen=True)
class Entity:
    """One resolved node: its id, type, display label and other names."""

    node_id: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()


class Resolution:
    """The outcome of resolution: entities, and which node a document's name means."""

    def __init__(self, entities: dict[str, Entity],
                 lookup: dict[tuple[str, str, str], str]) -> None:
        self.entities = entities
        self._lookup = lookup

    def node_for(self, doc_id: str, entity_type: str, name: str) -> str | None:
        """The node id that ``name`` (of ``entity_type``) denotes in document ``doc_id``.

        ``None`` when the name was not part of the resolved documents or is blank.
        """
        return self._lookup.get((doc_id, entity_type, name_key(name)))


@dataclass
class _Corpus:
    """Names gathered from all documents before any merging."""

    index: NameIndex = field(default_factory=NameIndex)
    surfaces: dict[EntityKey, Counter[str]] = field(default_factory=dict)
    votes: Counter[EntityKey] = field(default_factory=Counter)
    alias_links: list[tuple[EntityKey, EntityKey]] = field(default_factory=list)
    posts: dict[EntityKey, list[tuple[str, EntityKey]]] = field(default_factory=dict)
    """Person key -> ``(doc_id, organisation key)`` for each HOLDS_POST."""

    def add_name(self, doc_id: str, entity_type: str, name: str, *, mentions: int,
                 votes: int, start: int = -1) -> EntityKey | None:
        """Record one use of a name.

        ``mentions`` counts towards the label (mention names only), ``votes`` towards
        the type (mentions and relation ends; lexicon aliases count for neither);
        ``start`` is the mention's offset, ``-1`` for other uses.
        """
        key = name_key(name)
        if not key or entity_type not in ENTITY_TYPES:
            return None
        entity = (entity_type, key)
        surfaces = self.surfaces.get(entity)
        if surfaces is None:
            surfaces = self.surfaces[entity] = Counter()
            self.index.keys.setdefault(entity_type, set()).add(key)
            self.index.docs[entity] = set()
        self.index.docs[entity].add(doc_id)
        if start >= 0 and start < self.index.first.get((entity, doc_id), start + 1):
            self.index.first[(entity, doc_id)] = start
        surfaces[pretty_name(name)] += mentions
        self.votes[entity] += votes
        return entity


def resolve_entities(results: Sequence[DocResult]) -> Resolution:
    """Resolve the names of all documents into entities (see module docstring).

    Parameters
    ----------
    results : sequence of DocResult
        The processed documents; ``doc_id`` must be unique.

    Returns
    -------
    Resolution
        Entities by node id, and a lookup from ``(doc_id, type, name)`` to node id.
    """
    corpus = _collect(results)
    uf: UnionFind = UnionFind(sorted(corpus.surfaces))
    for a, b in corpus.alias_links:
        uf.union(a, b)
    _link_types(corpus, uf)
    apply_all(corpus.index, uf)

    groups = [sorted(members) for members in uf.to_sets()]
    entities: dict[str, Entity] = {}
    key_to_id: dict[EntityKey, str] = {}
    persons: list[list[EntityKey]] = []
    for members in sorted(groups):
        if members[0][0] == PERSON:
            persons.append(members)
            continue
        entity = _make_entity(corpus, members, qualifier="")
        entity = _register(entities, entity)
        key_to_id.update((m, entity.node_id) for m in members)

    lookup = {
        (doc, *entity): entity_id
        for entity, entity_id in key_to_id.items()
        for doc in corpus.index.docs[entity]
    }
    for members in persons:
        lookup.update(_resolve_person(corpus, members, key_to_id, entities))
    logger.info("resolved %d names into %d entities", len(corpus.surfaces), len(entities))
    return Resolution(entities, lookup)


def _collect(results: Iterable[DocResult]) -> _Corpus:
    corpus = _Corpus()
    for doc in results:
        corpus.index.texts[doc.doc_id] = name_key(doc.text)
        for mention in doc.mentions:
            entity = corpus.add_name(doc.doc_id, mention.label, mention.name, mentions=1, votes=1,
                                     start=mention.start)
            for alias in mention.aliases if entity else ():
                other = corpus.add_name(doc.doc_id, mention.label, alias, mentions=0, votes=0)
                if other:
                    corpus.alias_links.append((entity, other))
        for rel in doc.relations:
            head = corpus.add_name(doc.doc_id, rel.head_type, rel.head, mentions=0, votes=1)
            tail = corpus.add_name(doc.doc_id, rel.tail_type, rel.tail, mentions=0, votes=1)
            if rel.relation == HOLDS_POST and head and tail:
                person, org = (head, tail) if head[0] == PERSON else (tail, head)
                if person[0] == PERSON and org[0] != PERSON:
                    corpus.posts.setdefault(person, []).append((doc.doc_id, org))
    return corpus


def _link_types(corpus: _Corpus, uf: UnionFind) -> None:
    """One name tagged ORG in one story and PLACE in another is one entity."""
    by_key: dict[str, list[EntityKey]] = {}
    for entity in corpus.surfaces:
        if entity[0] != PERSON:
            by_key.setdefault(entity[1], []).append(entity)
    for entities in by_key.values():
        for other in entities[1:]:
            uf.union(entities[0], other)


def _make_entity(corpus: _Corpus, members: list[EntityKey], qualifier: str) -> Entity:
    """The entity of a group of keys: majority type, most frequent label, aliases."""
    types: Counter[str] = Counter()
    surfaces: Counter[str] = Counter()
    for member in members:
        types[member[0]] += corpus.votes[member]
        surfaces.update(corpus.surfaces[member])
    entity_type = min(types, key=lambda t: (-types[t], ENTITY_TYPES.index(t)))
    label = choose_label(surfaces)
    aliases = tuple(sorted(s for s in surfaces if s and s != label))
    return Entity(node_id(entity_type, label, qualifier), entity_type, label, aliases)


def choose_label(surfaces: Counter[str]) -> str:
    """The most frequent name; ties go to the longer, then the first in code-point order.

    Examples
    --------
    >>> choose_label(Counter({"山东": 3, "山东省": 1}))
    '山东'
    >>> choose_label(Counter({"山东": 1, "山东省": 1}))
    '山东省'
    """
    return min(surfaces, key=lambda s: (-surfaces[s], -len(s), s))


def _register(entities: dict[str, Entity], entity: Entity) -> Entity:
    """Add an entity, keeping ids unique even if two groups chose the same label."""
    base, n = entity.node_id, 1
    while entity.node_id in entities:
        n += 1
        entity = Entity(f"{base}#{n}", entity.type, entity.label, entity.aliases)
    if n > 1:
        logger.warning("two entities are labelled %r; the second is %s", base, entity.node_id)
    entities[entity.node_id] = entity
    return entity


def _resolve_person(corpus: _Corpus, members: list[EntityKey], key_to_id: dict[EntityKey, str],
                    entities: dict[str, Entity]) -> dict[tuple[str, str, str], str]:
    """Split one person name into people by organisation; map each use to its node."""
    docs = sorted({doc for m in members for doc in corpus.index.docs[m]})
    doc_orgs: dict[str, set[str]] = {doc: set() for doc in docs}
    for member in members:
        for doc, org in corpus.posts.get(member, ()):
            doc_orgs[doc].add(key_to_id[org])

    clusters: UnionFind = UnionFind()
    for orgs in doc_orgs.values():
        ordered = sorted(orgs)
        for org in ordered:
            clusters.union(ordered[0], org)
    org_groups = sorted(sorted(g) for g in clusters.to_sets())
    cluster_of = {org: i for i, group in enumerate(org_groups) for org in group}
    cluster_docs: list[list[str]] = [[] for _ in org_groups]
    org_docs: Counter[str] = Counter()
    for doc, orgs in doc_orgs.items():
        if orgs:
            cluster_docs[cluster_of[min(orgs)]].append(doc)
            org_docs.update(orgs)

    qualifiers = [""] if len(org_groups) <= 1 else [
        entities[min(group, key=lambda o: (-org_docs[o], entities[o].label))].label
        for group in org_groups
    ]
    people = [_register(entities, _make_entity(corpus, members, q)) for q in qualifiers]
    default = 0
    if len(people) > 1:
        default = min(range(len(people)), key=lambda i: (-len(cluster_docs[i]), people[i].node_id))
    doc_person = {doc: people[cluster_of[min(orgs)]] if orgs else people[default]
                  for doc, orgs in doc_orgs.items()}
    return {
        (doc, *member): doc_person[doc].node_id
        for member in members
        for doc in corpus.index.docs[member]
    }
