"""Plain result records returned by :class:`graph.query.KnowledgeGraph`.

Every query returns a list of these dataclasses rather than networkx views, so
a script can sort, group and serialise them without knowing the graph layout.
Each record names entities by display label *and* node id: the label is what
a reader wants, the id tells apart two people who share a name.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Callable, Mapping


@dataclass(frozen=True)
class Evidence:
    """One sentence that supports an edge: where to read it and when it was said."""

    doc: str
    sentence: str
    start: int | None = None
    end: int | None = None
    date: str | None = None
    source_start: int | None = None
    source_end: int | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Evidence":
        """Build from the contract's evidence dict, tolerating missing keys."""
        return cls(
            doc=str(data.get("doc", "")),
            sentence=str(data.get("sentence", "")),
            start=data.get("start"),
            end=data.get("end"),
            date=data.get("date"),
            source_start=data.get("source_start"),
            source_end=data.get("source_end"),
        )


@dataclass(frozen=True)
class Match:
    """A node that a name resolved to; ``matched`` is the label or alias that hit."""

    id: str
    label: str
    type: str
    matched: str
    score: float = 1.0


@dataclass(frozen=True)
class Ranked:
    """A node with its centrality score, as returned by ``top``."""

    id: str
    label: str
    type: str
    score: float


def top_ranked(
    scores: Mapping[str, float],
    label_of: Callable[[str], str],
    type_of: Callable[[str], str],
    entity_type: str | None,
    k: int,
) -> list[Ranked]:
    """The ``k`` best-scored nodes (of ``entity_type`` when given), ties broken by label.

    Both query backends rank this way, so the in-memory graph and the store
    give the same ``top``.
    """
    ranked = [
        Ranked(id=node, label=label_of(node), type=type_of(node), score=score)
        for node, score in scores.items()
        if entity_type is None or type_of(node) == entity_type
    ]
    ranked.sort(key=lambda r: (-r.score, r.label))
    return ranked[:k]


@dataclass
class Visit:
    """A VISITED edge: ``actor`` went to ``target`` (调研, 考察, ...)."""

    actor: str
    target: str
    target_type: str
    purpose: str = ""
    led: bool = False
    date: str | None = None
    date_end: str | None = None
    actor_id: str = ""
    target_id: str = ""
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Post:
    """A HOLDS_POST edge; ``title`` joins several titles with ``|`` (党组书记|厅长)."""

    person: str
    org: str
    title: str = ""
    date: str | None = None
    person_id: str = ""
    org_id: str = ""
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def titles(self) -> list[str]:
        """The titles as a list."""
        return [t for t in self.title.split("|") if t]


@dataclass
class CareerPost:
    """One post (person, organisation, normalised title) and when the news states it.

    ``title`` is the normalised post (省教育厅厅长 and 厅长 are both 厅长);
    ``titles_written`` the forms the articles use. ``first_seen``/``last_seen``
    are the first and last dates an article states the post (the sentence's own
    date, else the article's), ``count`` the number of such sentences.
    ``overlaps`` names what else is held at the same time: in a career, the
    person's other posts; among the holders of a post, the other holders.
    """

    person: str
    org: str
    title: str
    first_seen: str | None = None
    last_seen: str | None = None
    count: int = 0
    overlaps: str = ""
    titles_written: str = ""
    person_id: str = ""
    org_id: str = ""
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Member:
    """Someone or something inside an organisation: a post holder or a PART_OF unit."""

    org: str
    member: str
    member_type: str
    relation: str
    title: str = ""
    org_id: str = ""
    member_id: str = ""
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Initiative:
    """A PROMOTES edge: ``actor`` pushes ``initiative`` (a policy, campaign, project)."""

    actor: str
    initiative: str
    date: str | None = None
    actor_id: str = ""
    initiative_id: str = ""
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Neighbor:
    """An edge seen from ``node``: ``direction`` is ``out`` (node -> other) or ``in``."""

    node: str
    relation: str
    direction: str
    other: str
    other_type: str
    label: str = ""
    weight: float = 1.0
    date: str | None = None
    node_id: str = ""
    other_id: str = ""
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class PathStep:
    """One hop of a path: ``source -relation-> target`` as stored in the graph.

    ``forward`` is False when the path walks the edge against its direction
    (the path goes from ``target`` to ``source``).
    """

    source: str
    relation: str
    target: str
    forward: bool = True
    label: str = ""
    source_id: str = ""
    target_id: str = ""
    evidence: list[Evidence] = field(default_factory=list)


def to_dict(record: Any) -> dict[str, Any]:
    """A JSON-safe dict of any result record (evidence becomes a list of dicts).

    What ``dataclasses.asdict`` gives, without its deep copy of every value:
    the fields hold strings, numbers and lists of them or of records, and the
    copy was a quarter of ``zhkg query posts --json`` on a large store.
    """
    return {f.name: _plain(getattr(record, f.name)) for f in fields(record)}


def _plain(value: Any) -> Any:
    """``value`` with records turned into dicts, and lists, tuples and dicts rebuilt around them."""
    if is_dataclass(value) and not isinstance(value, type):
        return to_dict(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value
