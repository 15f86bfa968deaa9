"""Evidence accumulation for one graph edge.

An edge is supported by sentences in many documents. :class:`EdgeEvidence`
collects them and the attributes they state (titles, purposes, dates) and turns
them into the edge attributes of :mod:`graph.contract`.

- ``weight`` is the number of distinct supporting ``(document, sentence)`` pairs;
  a lexicon relation (``sent == -1``) counts once per document.
- ``evidence`` lists one entry per supporting sentence, ordered by document id then
  position. CO_OCCURS edges keep only the first :data:`CO_OCCURS_EVIDENCE_CAP`
  entries (their ``weight`` still counts every sentence): frequent pairs co-occur in
  hundreds of sentences and the list would dominate exported files.
- ``title`` and ``purpose`` are the distinct values in the order first seen
  (documents visited by id), joined by ``|``; ``led`` is true if any supporting
  relation says so.
- ``date`` is the earliest date stated by a relation, ``date_end`` the latest
  ``date_end`` (or ``date`` when no end is stated); an evidence entry's ``date`` is
  the relation's date, else its document's date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zhkg.records import CO_OCCURS, HOLDS_POST, DocResult, Relation

CO_OCCURS_EVIDENCE_CAP = 5
"""At most this many evidence entries are kept on a CO_OCCURS edge."""


@dataclass(slots=True)
class EdgeEvidence:
    """Everything known about one ``(head, relation, tail)`` edge so far."""

    relation: str
    cap: int | None = None
    weight: int = 0
    documents: set[str] = field(default_factory=set)
    titles: dict[str, None] = field(default_factory=dict)
    purposes: dict[str, None] = field(default_factory=dict)
    led: bool = False
    date: str | None = None
    date_end: str | None = None
    _entries: list[dict[str, Any]] = field(default_factory=list)
    _seen: set[tuple[str, int]] = field(default_factory=set)
    _last: tuple[str, int] | None = None

    def add_relation(self, doc: DocResult, relation: Relation) -> None:
        """Add one relation record of ``doc`` that supports this edge.

        A second record from the same sentence adds its attributes but no support.
        """
        support = (doc.doc_id, relation.sent if doc.sentence(relation.sent) else -1)
        if support not in self._seen:
            self._seen.add(support)
            self._add_support(doc, support[1], relation.date)
        self.titles.update(dict.fromkeys(split_values(relation.attrs.get("title"))))
        self.purposes.update(dict.fromkeys(split_values(relation.attrs.get("purpose"))))
        self.led = self.led or bool(relation.attrs.get("led"))
        if relation.date and (self.date is None or relation.date < self.date):
            self.date = relation.date
        end = relation.date_end or relation.date
        if end and (self.date_end is None or end > self.date_end):
            self.date_end = end

    def add_sentence(self, doc: DocResult, sent: int) -> None:
        """Add a sentence of ``doc`` that supports this edge (co-occurrence).

        Sentences arrive in document and sentence order, so a repeat can only be
        the sentence added last.
        """
        if self._last == (doc.doc_id, sent):
            return
        self._last = (doc.doc_id, sent)
        self._add_support(doc, sent, None)

    def attrs(self) -> dict[str, Any]:
        """The edge attributes of :mod:`graph.contract`."""
        title = "|".join(self.titles)
        label = title if self.relation == HOLDS_POST and title else self.relation
        return {
            "relation": self.relation,
            "label": label,
            "weight": self.weight,
            "title": title,
            "purpose": "|".join(self.purposes),
            "led": self.led,
            "date": self.date,
            "date_end": self.date_end,
            "documents": sorted(self.documents),
            "evidence": sorted(self._entries, key=lambda e: (e["doc"], e["start"], e["end"])),
        }

    def _add_support(self, doc: DocResult, sent: int, date: str | None) -> None:
        sentence = doc.sentence(sent)
        self.weight += 1
        self.documents.add(doc.doc_id)
        if self.cap is not None and len(self._entries) >= self.cap:
            return
        self._entries.append({
            "doc": doc.doc_id,
            "sentence": sentence.text if sentence is not None else "",
            "start": sentence.start if sentence is not None else -1,
            "end": sentence.end if sentence is not None else -1,
            "date": (date or doc.date) if sentence is not None else None,
        })


def new_edge(relation: str) -> EdgeEvidence:
    """An empty accumulator, capped for CO_OCCURS (see module docstring).

    Examples
    --------
    >>> from zhkg.records import DocResult, Relation, Sentence
    >>> doc = DocResult("d1", "张某赴武汉调研。", date="2023-06-01",
    ...                 sentences=[Sentence(0, 0, 8, "张某赴武汉调研。")])
    >>> edge = new_edge("VISITED")
    >>> edge.add_relation(doc, Relation("VISITED", "张某", "PERSON", "武汉", "PLACE", sent=0))
    >>> edge.attrs()["weight"], edge.attrs()["evidence"][0]["date"]
    (1, '2023-06-01')
    """
    return EdgeEvidence(relation, cap=CO_OCCURS_EVIDENCE_CAP if relation == CO_OCCURS else None)


def split_values(value: object) -> list[str]:
    """Relation attributes (titles, purposes) arrive as ``"a|b"`` strings or lists."""
    if not value:
        return []
    parts = value if isinstance(value, (list, tuple)) else str(value).split("|")
    return [p.strip() for p in map(str, parts) if p.strip()]
