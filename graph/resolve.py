"""Cross-document entity resolution: one graph node per real entity.

Inside a document the pipeline already gives every mention its canonical name
(``Mention.name``). Across documents the same entity still arrives under several
names (发改委 / 国家发展和改革委员会, 山东 / 山东省, “最多跑一次”改革 / 最多跑一次改革), and two
people can share a name. This module decides which names are one node.

Steps
-----
1. Every name becomes an entity key ``(type, name_key(name))`` (see
   :mod:`graph.names`); mention names, relation heads and tails and lexicon aliases
   all count. A relation end marked ``attrs["tail_in_name"]`` (a parent named
   only inside its unit's name, 最高法执行局 -> 最高法) counts only when the corpus
   names it otherwise too; else the relation resolves to no node and is dropped.
2. Keys are linked in a union-find: a mention and its lexicon aliases (not for an
   abbreviation several lexicon entries share); the same key tagged with different
   types (one entity the tagger labelled ORG in one story and PLACE in another; a
   PERSON tag only when the other types outvote it); then the rules of
   :mod:`graph.merge_rules` (lexicon names, country and Party prefixes, party
   bodies, place level words, unambiguous short forms, policy wrappers).
3. A group's type is the type most of its mentions carry (ties: the order of
   :data:`zhkg.records.ENTITY_TYPES`). Its label is its most frequent mention
   name (ties: the longer, then the first in code-point order); every other name
   becomes an alias. The label, and so the node id, depends only on counts, never
   on the order documents arrive in.
4. Names that are no entity (:func:`graph.merge_rules.junk_keys`: one character,
   two names joined, a headline glued on) resolve to nothing and are no alias;
   short forms of a country or province (中, 中方) and a name behind a headline
   resolve to that name's node (:func:`graph.merge_rules.short_form_targets`).
5. People: one name is one person unless the evidence says there are two
   (:func:`_split_namesakes`). The posts a person holds (HOLDS_POST) are placed
   in a province through the organisation's name (湖北省财政厅 -> 湖北省; central
   bodies have none); documents that place the person in two provinces tie those
   provinces together. Two provinces whose post documents overlap in time (each
   seen in at least :data:`MIN_NAMESAKE_DOCS` documents) are two people at once,
   hence two namesakes; provinces that follow each other in time are one
   official's career. The person named in most documents keeps the plain id,
   every other namesake gets ``PERSON:name@province``; documents that place the
   name in no province go to the person named in most documents.

   Failure cases: two namesakes in the same province (or both only in central
   bodies) are one node; a person who holds posts in two provinces at once (a
   rare concurrent post) is split; and a document that wrongly ties a name to a
   province's organisation can open an overlap that splits one official.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from networkx.utils import UnionFind

from graph.contract import node_id
from graph.merge_rules import (
    EntityKey, NameIndex, apply_all, junk_keys, merge_words, shared_lexicon_keys,
    short_form_targets,
)
from graph.names import name_key, pretty_name
from zhkg.records import ENTITY_TYPES, HOLDS_POST, PERSON, TAIL_IN_NAME, DocResult, Relation

logger = logging.getLogger(__name__)

_NON_PERSON = tuple(t for t in ENTITY_TYPES if t != PERSON)
_LONGEST_PLACE = 12
"""Longer than any place name a province is read from (新疆维吾尔自治区 is 8)."""
MIN_NAMESAKE_DOCS = 2
"""A province must place a person in this many dated documents to make a namesake."""


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
    dates: dict[str, str | None] = field(default_factory=dict)
    spaced_from: dict[EntityKey, str] = field(default_factory=dict)
    """The document whose spaced name set ``index.spaced`` for a key: the last in id order wins."""
    implied: list[tuple[str, Relation]] = field(default_factory=list)
    """``(doc_id, relation)`` whose tail is named only inside its head (:data:`TAIL_IN_NAME`)."""

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
        pretty = pretty_name(name)
        surfaces[pretty] += mentions
        if mentions:
            self.index.mentioned.add(entity)
        if " " in pretty and doc_id >= self.spaced_from.get(entity, doc_id):
            self.index.spaced[entity] = name_key(pretty.rsplit(" ", 1)[-1])
            self.spaced_from[entity] = doc_id
        self.votes[entity] += votes
        return entity


class CollectedNames:
    """The names of documents, gathered before resolution, in any order.

    Gathering is a third of resolution's time, and one document's names do
    not depend on another's, so a build can gather those of the documents it
    already has while it waits for the others to be extracted. The result is
    the same whatever order the documents come in (each document's names are
    added together). Resolution consumes it: resolve with it once.
    """

    def __init__(self) -> None:
        self.corpus = _Corpus()
        self._documents: set[int] = set()

    def add(self, documents: Iterable[DocResult]) -> None:
        """Gather the names of ``documents``; each must have an id not added before."""
        for doc in documents:
            self._documents.add(id(doc))
            _collect_document(self.corpus, doc)

    def holds(self, documents: Sequence[DocResult]) -> bool:
        """Whether exactly ``documents`` (these objects, each once) were added."""
        return len(self._documents) == len(documents) and all(id(d) in self._documents for d in documents)


def load_lexicons() -> None:
    """Load the lexicons resolution reads (each is cached per process).

    Loading them takes most of a second; a build calls this while it waits
    for its workers, so resolution does not wait for them later.
    """
    from pipelines.lexicons.divisions import abbreviation_chars, load_place_lexicon, whole_place_pairs

    load_place_lexicon()
    abbreviation_chars()
    whole_place_pairs()
    merge_words()
    shared_lexicon_keys()


def resolve_entities(results: Sequence[DocResult], names: CollectedNames | None = None) -> Resolution:
    """Resolve the names of all documents into entities (see module docstring).

    Parameters
    ----------
    results : sequence of DocResult
        The processed documents; ``doc_id`` must be unique.
    names : CollectedNames, optional
        The names of ``results`` gathered beforehand; used only when it holds
        exactly ``results`` (otherwise they are gathered again).

    Returns
    -------
    Resolution
        Entities by node id, and a lookup from ``(doc_id, type, name)`` to node id.
    """
    if names is not None and names.holds(results):
        corpus, names.corpus = names.corpus, _Corpus()
    else:
        corpus = _collect(results)
    _add_implied_tails(corpus)
    targets = short_form_targets(corpus.index)
    dropped = junk_keys(corpus.index) | set(targets)
    for entity_type, key in dropped:
        corpus.index.keys[entity_type].discard(key)
    uf: UnionFind = UnionFind(sorted(k for k in corpus.surfaces if k not in dropped))
    shared = shared_lexicon_keys()
    for a, b in corpus.alias_links:
        if a not in dropped and b not in dropped and not {a[1], b[1]} & shared:
            uf.union(a, b)
    _link_types(corpus, uf, dropped)
    apply_all(corpus.index, uf)

    groups = {uf[min(members)]: sorted(members) for members in uf.to_sets()}
    short_forms: dict[EntityKey, list[EntityKey]] = {}
    for short, target in targets.items():
        if target in uf.parents and short not in corpus.index.spaced:
            short_forms.setdefault(uf[target], []).append(short)
    entities: dict[str, Entity] = {}
    key_to_id: dict[EntityKey, str] = {}
    persons: list[list[EntityKey]] = []
    for root, members in sorted(groups.items(), key=lambda item: item[1]):
        if members[0][0] == PERSON:
            persons.append(members)
            continue
        entity = _make_entity(corpus, members, qualifier="", extra=short_forms.get(root, ()))
        entity = _register(entities, entity)
        key_to_id.update((m, entity.node_id) for m in members)
    for short, target in targets.items():
        if target in key_to_id:
            key_to_id[short] = key_to_id[target]

    lookup = {
        (doc, *entity): entity_id
        for entity, entity_id in key_to_id.items()
        for doc in corpus.index.docs[entity]
    }
    for members in persons:
        lookup.update(_resolve_person(corpus, members, key_to_id, entities))
    logger.info("resolved %d names into %d entities (%d names dropped as no entity)",
                len(corpus.surfaces), len(entities), len(dropped - set(key_to_id)))
    return Resolution(entities, lookup)


def _collect(results: Iterable[DocResult]) -> _Corpus:
    corpus = _Corpus()
    for doc in results:
        _collect_document(corpus, doc)
    return corpus


def _collect_document(corpus: _Corpus, doc: DocResult) -> None:
    """Add the names of one document: its mentions, their aliases, and relation ends."""
    corpus.index.texts[doc.doc_id] = name_key(doc.text)
    corpus.dates[doc.doc_id] = doc.date
    for mention in doc.mentions:
        entity = corpus.add_name(doc.doc_id, mention.label, mention.name, mentions=1, votes=1,
                                 start=mention.start)
        for alias in mention.aliases if entity else ():
            other = corpus.add_name(doc.doc_id, mention.label, alias, mentions=0, votes=0)
            if other:
                corpus.alias_links.append((entity, other))
    for rel in doc.relations:
        head = corpus.add_name(doc.doc_id, rel.head_type, rel.head, mentions=0, votes=1)
        if rel.attrs.get(TAIL_IN_NAME):
            corpus.implied.append((doc.doc_id, rel))
            continue
        tail = corpus.add_name(doc.doc_id, rel.tail_type, rel.tail, mentions=0, votes=1)
        if rel.relation == HOLDS_POST and head and tail:
            person, org = (head, tail) if head[0] == PERSON else (tail, head)
            if person[0] == PERSON and org[0] != PERSON:
                corpus.posts.setdefault(person, []).append((doc.doc_id, org))


def _add_implied_tails(corpus: _Corpus) -> None:
    """Add the tails of :attr:`_Corpus.implied` that the corpus names otherwise (a mention, an
    alias or another relation's end); the others stay unknown, so their relations resolve to no
    node (a parent seen only inside its unit's name is no entity of the corpus)."""
    named = set(corpus.surfaces)
    for doc_id, rel in corpus.implied:
        if (rel.tail_type, name_key(rel.tail)) in named:
            corpus.add_name(doc_id, rel.tail_type, rel.tail, mentions=0, votes=1)


def _link_types(corpus: _Corpus, uf: UnionFind, dropped: set[EntityKey]) -> None:
    """One name tagged ORG in one story and PLACE in another is one entity.

    A name tagged PERSON joins too when the other types outvote it (全国政协
    tagged PERSON in a few stories and ORG in many): people are only split or
    merged by :func:`_resolve_person`, so a real person's name stays a person.
    """
    by_key: dict[str, list[EntityKey]] = {}
    for entity in sorted(corpus.surfaces):
        if entity not in dropped:
            by_key.setdefault(entity[1], []).append(entity)
    for entities in by_key.values():
        others = [e for e in entities if e[0] != PERSON]
        person = [e for e in entities if e[0] == PERSON]
        if person and others and corpus.votes[person[0]] < sum(corpus.votes[e] for e in others):
            others += person
        for other in others[1:]:
            uf.union(others[0], other)


def _make_entity(corpus: _Corpus, members: list[EntityKey], qualifier: str,
                 extra: Iterable[EntityKey] = ()) -> Entity:
    """The entity of a group of keys: majority type, most frequent label, aliases.

    ``extra`` keys are short forms resolved to the group (中 -> 中国): their
    names become aliases but count for neither the type nor the label.
    """
    types: Counter[str] = Counter()
    surfaces: Counter[str] = Counter()
    for member in members:
        types[member[0]] += corpus.votes[member]
        surfaces.update(corpus.surfaces[member])
    entity_type = min(types, key=lambda t: (-types[t], ENTITY_TYPES.index(t)))
    label = choose_label(surfaces)
    names = set(surfaces) | {s for key in extra for s in corpus.surfaces[key]}
    aliases = tuple(sorted(s for s in names if s and s != label))
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
    """Make the people of one person name (see module docstring) and map each use to its node."""
    docs = sorted({doc for m in members for doc in corpus.index.docs[m]})
    doc_provinces: dict[str, set[str]] = {doc: set() for doc in docs}
    for member in members:
        for doc, org in corpus.posts.get(member, ()):
            province = province_of(entities[key_to_id[org]]) if org in key_to_id else None
            if province:
                doc_provinces[doc].add(province)
    people_provinces = _split_namesakes(doc_provinces, corpus.dates)
    doc_count = [sum(1 for p in doc_provinces.values() if p & group) for group in people_provinces]
    order = sorted(range(len(people_provinces)),
                   key=lambda i: (-doc_count[i], sorted(people_provinces[i])))
    people: list[Entity] = []
    for rank, i in enumerate(order):
        qualifier = "" if rank == 0 else min(people_provinces[i])
        people.append(_register(entities, _make_entity(corpus, members, qualifier)))
    person_of = {province: people[order.index(i)]
                 for i, group in enumerate(people_provinces) for province in group}
    doc_person = {doc: person_of[min(provinces)] if provinces else people[0]
                  for doc, provinces in doc_provinces.items()}
    return {
        (doc, *member): doc_person[doc].node_id
        for member in members
        for doc in corpus.index.docs[member]
    }


def _split_namesakes(doc_provinces: dict[str, set[str]],
                     dates: dict[str, str | None]) -> list[set[str]]:
    """Group the provinces a name holds posts in into people; at least one (maybe empty) group.

    Provinces named by one document are one person. A province group becomes a
    new person only when its dated documents overlap in time with those of every
    person formed so far (largest groups first).
    """
    links: UnionFind = UnionFind()
    for provinces in doc_provinces.values():
        ordered = sorted(provinces)
        for province in ordered:
            links.union(ordered[0], province)
    spans: list[tuple[set[str], list[str]]] = []
    for group in links.to_sets():
        group_dates = sorted(d for doc, p in doc_provinces.items() if p & set(group)
                             for d in [dates.get(doc)] if d)
        spans.append((set(group), group_dates))
    spans.sort(key=lambda item: (-len(item[1]), sorted(item[0])))
    people: list[tuple[set[str], list[list[str]]]] = []
    for group, group_dates in spans:
        home = next((person for person in people
                     if not any(_at_the_same_time(group_dates, other) for other in person[1])), None)
        if home is None:
            people.append((set(group), [group_dates]))
        else:
            home[0].update(group)
            home[1].append(group_dates)
    return [provinces for provinces, _ in people] or [set()]


def _at_the_same_time(a: list[str], b: list[str]) -> bool:
    """Whether two sorted date lists, each long enough to count, overlap in time."""
    if len(a) < MIN_NAMESAKE_DOCS or len(b) < MIN_NAMESAKE_DOCS:
        return False
    return max(a[0], b[0]) <= min(a[-1], b[-1])


def province_of(entity: Entity) -> str | None:
    """The province an organisation belongs to, read from its name (湖北省财政厅 -> 湖北省).

    The country and Party prefixes are skipped (中共湖北省委); ``None`` for
    central bodies and for names that start with no place of China.
    """
    return _province_of_name(entity.label)


@lru_cache(maxsize=1 << 14)
def _province_of_name(label: str) -> str | None:
    from pipelines.lexicons.divisions import load_place_lexicon

    places = load_place_lexicon()
    name = next((label[len(p):] for p in merge_words().national_prefixes if label.startswith(p)), label)
    for end in range(min(len(name), _LONGEST_PLACE), 1, -1):
        info = places.lookup(name[:end])
        if info is not None and info.province:
            return info.province
    return None
