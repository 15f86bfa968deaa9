"""The record schema between ``pipelines/`` and ``graph/``.

``pipelines/`` ends by turning each spaCy ``Doc`` into a :class:`DocResult`;
``graph/`` starts from these records and never imports spaCy. Every record is
JSON-safe (``to_dict``/``from_dict``), so a cache, a worker on another machine or
a test can hold one without loading any model.

Names
-----
``Mention.name`` and the ``head``/``tail`` of a :class:`Relation` are the
*in-document canonical names*: the surface form after resolution inside the
document (``该厅`` -> ``湖北省教育厅``, ``省教育厅`` -> ``湖北省教育厅``,
``教育部党组`` -> ``教育部``). Cross-document merging (``发改委`` =
``国家发展和改革委员会``) happens in ``graph/`` through ``Mention.aliases``.

Offsets are character offsets into ``DocResult.text`` (end exclusive);
``DocResult.offsets`` maps them back into the input's own text
(:func:`original_offset`), which still holds the invisible characters, spaces
and page chrome that ingest removed.
Dates are ISO ``YYYY-MM-DD`` strings or ``None``.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Any, Mapping

SCHEMA_VERSION = 1

# Entity types
ORG = "ORG"
PERSON = "PERSON"
PLACE = "PLACE"
INITIATIVE = "INITIATIVE"
ENTITY_TYPES: tuple[str, ...] = (ORG, PERSON, PLACE, INITIATIVE)

# Relation types
VISITED = "VISITED"
HOLDS_POST = "HOLDS_POST"
PART_OF = "PART_OF"
PROMOTES = "PROMOTES"
LOCATED_IN = "LOCATED_IN"
CO_OCCURS = "CO_OCCURS"
RENAMED_TO = "RENAMED_TO"
# Extracted from text by pipelines/ and carried by records.
TYPED_RELATIONS: tuple[str, ...] = (VISITED, HOLDS_POST, PART_OF, PROMOTES, LOCATED_IN)
# Made by graph/ itself: co-occurrence from mentions, renames from the reform lexicon.
DERIVED_RELATIONS: tuple[str, ...] = (CO_OCCURS, RENAMED_TO)
# Every relation a graph edge can carry.
RELATION_TYPES: tuple[str, ...] = (*TYPED_RELATIONS, *DERIVED_RELATIONS)

# Relation attribute: the tail is named only inside the head's name (最高法执行局 -> 最高法); the graph
# keeps such a relation only where the corpus names the tail on its own (graph/resolve.py).
TAIL_IN_NAME = "tail_in_name"


_WHITESPACE = re.compile(r"\s+")


def document_id(text: str) -> str:
    """The id of an article: a hash of its text without whitespace.

    One article has one id whatever file, encoding or line breaks it came
    in, so duplicates are found and the store can key records by content.
    """
    return hashlib.sha1(_WHITESPACE.sub("", text).encode("utf-8")).hexdigest()[:16]


def original_offset(offsets: list[list[int]], offset: int) -> int:
    """Where the cleaned text's ``offset`` is in the original text, or ``-1`` for inserted text.

    ``offsets`` is a document's offset map (:class:`ingest.document.Document`):
    sorted ``[clean, original]`` pairs where each run of copied characters starts.

    Examples
    --------
    >>> original_offset([[0, 0], [2, 3]], 1), original_offset([[0, 0], [2, 3]], 4)
    (1, 5)
    >>> original_offset([[0, -1], [3, 0]], 1)
    -1
    """
    if not offsets or offset < 0:
        return -1
    index = bisect.bisect_right(offsets, offset, key=lambda pair: pair[0]) - 1
    clean, original = offsets[max(index, 0)]
    return original + offset - clean if original >= 0 else -1


def original_span(offsets: list[list[int]], start: int, end: int) -> tuple[int, int]:
    """The original ``(start, end)`` of the cleaned span ``start:end``: from its first
    character to just after its last (``(-1, -1)`` for a span of inserted text)."""
    first = original_offset(offsets, start)
    last = original_offset(offsets, end - 1) if end > start else first
    if first < 0 or last < 0:
        return -1, -1
    return first, last + 1 if end > start else first


def _from_mapping(cls, data: Mapping[str, Any]):
    """Build a dataclass from a mapping, ignoring keys the class does not know."""
    known = _field_names(cls)
    if known.issuperset(data):
        return cls(**data)
    return cls(**{k: v for k, v in data.items() if k in known})


@lru_cache(maxsize=None)
def _field_names(cls) -> frozenset[str]:
    """The field names of a record class, looked up once: a corpus has millions of records to read."""
    return frozenset(f.name for f in fields(cls))


@dataclass
class Sentence:
    """A sentence of the document: the unit of evidence."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Sentence":
        return _from_mapping(cls, data)


@dataclass
class Mention:
    """One occurrence of an entity in a document."""

    text: str
    label: str
    start: int
    end: int
    sent: int
    name: str = ""
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.name:
            self.name = self.text

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Mention":
        return _from_mapping(cls, data)


@dataclass
class Relation:
    """A typed relation stated (or implied by a lexicon) in one sentence.

    ``sent`` is the index of the supporting sentence, or ``-1`` for relations
    that come from a lexicon rather than the text (for example LOCATED_IN from
    the administrative hierarchy). ``attrs`` holds JSON-safe extras:
    ``title`` (HOLDS_POST, titles joined by ``|``), ``purpose`` and ``led``
    (VISITED), ``trigger`` (the verb or cue that fired).
    """

    relation: str
    head: str
    head_type: str
    tail: str
    tail_type: str
    sent: int = -1
    date: str | None = None
    date_end: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Relation":
        return _from_mapping(cls, data)


@dataclass
class DocResult:
    """Everything ``graph/`` needs from one processed document."""

    doc_id: str
    text: str
    source: str = ""
    title: str = ""
    date: str | None = None
    url: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    offsets: list[list[int]] = field(default_factory=lambda: [[0, 0]])
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "DocResult":
        result = _from_mapping(cls, data)
        result.sentences = [Sentence.from_dict(s) for s in data.get("sentences", [])]
        result.mentions = [Mention.from_dict(m) for m in data.get("mentions", [])]
        result.relations = [Relation.from_dict(r) for r in data.get("relations", [])]
        return result

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """``start:end`` of :attr:`text` as offsets into the input's own text (see :func:`original_span`)."""
        return original_span(self.offsets, start, end)

    def sentence(self, index: int) -> Sentence | None:
        """The sentence with this index, or ``None`` for lexicon relations."""
        if 0 <= index < len(self.sentences):
            return self.sentences[index]
        return None
