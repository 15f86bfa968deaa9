"""Evidence accumulation for one graph edge.

An edge is supported by sentences in many documents. :class:`EdgeEvidence`
collects them and the attributes they state (titles, purposes, dates) and turns
them into the edge attributes of :mod:`graph.contract`.

- ``sentences`` is the number of distinct supporting ``(document, sentence)``
  pairs; a lexicon relation (``sent == -1``) counts once per document.
  ``evidence_count`` is the same number: how many entries ``evidence`` would hold
  without its cap.
- ``weight`` is the sum of what each supporting sentence contributes: 1 for a
  typed relation, the sentence's specificity share for CO_OCCURS (see
  :func:`graph.build.cooccurrence_share`).
- ``evidence`` keeps the first :data:`EVIDENCE_CAP` supporting sentences, in
  document id then position order: a frequent pair is supported by hundreds of
  sentences, and exported files must stay linear in the corpus. Each entry
  quotes at most :data:`EXCERPT_CHARS` characters of its sentence, around the
  edge's two names (:func:`excerpt_bounds`); ``start``/``end`` are the
  excerpt's offsets in the document's text and ``source_start``/``source_end``
  the same span in the input's own text (before ingest removed invisible
  characters, spaces and chrome; ``-1`` for a lexicon relation or an inserted
  title). The whole sentence stays in the store's records.
- ``dates`` holds every distinct date the edge occurs on (a relation's stated
  date and end date, else its document's date), sorted; ``first_date`` / ``last_date`` are
  its ends. Time filters in queries read these, not the earliest date alone.
- ``title`` and ``purpose`` are the distinct values in the order first seen
  (documents visited by id), joined by ``|``; ``led`` is true if any supporting
  relation says so.
- ``date`` is the earliest date stated by a relation, ``date_end`` the latest
  ``date_end`` (or ``date`` when no end is stated).
- ``terms`` (HOLDS_POST only) holds one entry per normalised title
  (:func:`graph.names.post_title`): its dates, sentence count and first
  evidence. Career records (:mod:`graph.careers`) are read from it. A term's
  dates are the articles' dates (the sentence's own date only for an undated
  article): a title is what the person held when the article was written, even
  when the sentence tells of an earlier or later event (应国务院总理X邀请，Y将于…访问).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.names import post_title
from zhkg.records import HOLDS_POST, DocResult, Relation

EVIDENCE_CAP = 5
"""At most this many evidence entries are kept on an edge (``evidence_count`` has them all)."""
EXCERPT_CHARS = 100
"""An evidence entry quotes at most this many characters of its sentence.

News sentences are mostly shorter and stay whole; a sentence cut out of an
unpunctuated scrape (up to 500 characters) would otherwise be copied whole onto
every edge it supports, in every export file.
"""

Focus = tuple[Sequence[str], Sequence[str]]
"""The names of an edge's two ends (label and aliases) that an excerpt is centred on."""


@dataclass(slots=True)
class _Term:
    """One normalised title of a HOLDS_POST edge: when and how often it is stated."""

    titles: dict[str, None] = field(default_factory=dict)
    dates: set[str] = field(default_factory=set)
    sentences: int = 0
    evidence: dict[str, Any] | None = None

    def attrs(self, title: str) -> dict[str, Any]:
        dates = sorted(self.dates)
        return {
            "title": title,
            "titles": list(self.titles),
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
            "dates": dates,
            "sentences": self.sentences,
            "evidence": self.evidence,
        }


@dataclass(slots=True)
class EdgeEvidence:
    """Everything known about one ``(head, relation, tail)`` edge so far."""

    relation: str
    focus: Focus = ((), ())
    cap: int = EVIDENCE_CAP
    weight: float = 0.0
    sentences: int = 0
    documents: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    titles: dict[str, None] = field(default_factory=dict)
    purposes: dict[str, None] = field(default_factory=dict)
    terms: dict[str, _Term] = field(default_factory=dict)
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
        focus = ((relation.head, *self.focus[0]), (relation.tail, *self.focus[1]))
        entry = None
        if support not in self._seen:
            self._seen.add(support)
            entry = self._add_support(doc, support[1], relation.date, 1.0, focus)
        titles = split_values(relation.attrs.get("title"))
        self.titles.update(dict.fromkeys(titles))
        if self.relation == HOLDS_POST:
            self._add_terms(titles, doc.date or relation.date,
                            lambda: entry or _entry(doc, support[1], relation.date, focus))
        self.purposes.update(dict.fromkeys(split_values(relation.attrs.get("purpose"))))
        self.led = self.led or bool(relation.attrs.get("led"))
        if relation.date_end:
            self.dates.add(relation.date_end)
        if relation.date and (self.date is None or relation.date < self.date):
            self.date = relation.date
        end = relation.date_end or relation.date
        if end and (self.date_end is None or end > self.date_end):
            self.date_end = end

    def add_sentence(self, doc: DocResult, sent: int, share: float = 1.0) -> None:
        """Add a sentence of ``doc`` that supports this edge (co-occurrence).

        ``share`` is what the sentence adds to ``weight``. Sentences arrive in
        document and sentence order, so a repeat can only be the sentence added last.
        """
        if self._last == (doc.doc_id, sent):
            return
        self._last = (doc.doc_id, sent)
        self._add_support(doc, sent, None, share, self.focus)

    def attrs(self) -> dict[str, Any]:
        """The edge attributes of :mod:`graph.contract`."""
        title = "|".join(self.titles)
        label = title if self.relation == HOLDS_POST and title else self.relation
        dates = sorted(self.dates)
        return {
            "relation": self.relation,
            "label": label,
            "weight": round(self.weight, 6),
            "sentences": self.sentences,
            "evidence_count": self.sentences,
            "title": title,
            "purpose": "|".join(self.purposes),
            "led": self.led,
            "date": self.date,
            "date_end": self.date_end,
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
            "dates": dates,
            "documents": sorted(self.documents),
            "evidence": sorted(self._entries, key=lambda e: (e["doc"], e["start"], e["end"])),
            "terms": [term.attrs(name) for name, term in sorted(self.terms.items())],
        }

    def _add_support(self, doc: DocResult, sent: int, date: str | None,
                     share: float, focus: Focus) -> dict[str, Any] | None:
        """Count one supporting sentence; its evidence entry, or ``None`` past the cap."""
        self.weight += share
        self.sentences += 1
        self.documents.add(doc.doc_id)
        when = date or doc.date
        if when:
            self.dates.add(when)
        if len(self._entries) >= self.cap:
            return None
        entry = _entry(doc, sent, date, focus)
        self._entries.append(entry)
        return entry

    def _add_terms(self, titles: list[str], when: str | None,
                   entry: Callable[[], dict[str, Any]]) -> None:
        """Record each title of a HOLDS_POST relation under its normalised form;
        ``entry`` gives the evidence entry for a title seen the first time."""
        for raw in titles or [""]:
            term = self.terms.setdefault(post_title(raw), _Term())
            if raw:
                term.titles[raw] = None
            term.sentences += 1
            if when:
                term.dates.add(when)
            if term.evidence is None:
                term.evidence = entry()


def _entry(doc: DocResult, sent: int, date: str | None, focus: Focus) -> dict[str, Any]:
    """The evidence entry of one sentence of ``doc`` (blank for a lexicon relation)."""
    sentence = doc.sentence(sent)
    if sentence is None:
        return {"doc": doc.doc_id, "sentence": "", "start": -1, "end": -1, "date": None,
                "source_start": -1, "source_end": -1}
    first, last = excerpt_bounds(sentence.text, focus)
    start, end = sentence.start + first, sentence.start + last
    source_start, source_end = doc.original_span(start, end)
    return {
        "doc": doc.doc_id,
        "sentence": sentence.text[first:last],
        "start": start,
        "end": end,
        "date": date or doc.date,
        "source_start": source_start,
        "source_end": source_end,
    }


def excerpt_bounds(text: str, focus: Focus, width: int = EXCERPT_CHARS) -> tuple[int, int]:
    """``(start, end)`` of at most ``width`` characters of ``text`` around the names in ``focus``.

    The window is centred on the stretch from the first name found to the end
    of the other; when that stretch is longer than ``width``, it starts at the
    first name. A text of ``width`` characters or fewer is kept whole.

    Examples
    --------
    >>> text = "甲" * 50 + "张某" + "乙" * 10 + "武汉" + "丙" * 50
    >>> start, end = excerpt_bounds(text, (["张某"], ["武汉"]), width=20)
    >>> text[start:end]
    '甲甲甲张某乙乙乙乙乙乙乙乙乙乙武汉丙丙丙'
    """
    if len(text) <= width:
        return 0, len(text)
    hits = [hit for names in focus if (hit := _first_hit(text, names)) is not None]
    if not hits:
        return 0, width
    low, high = min(h[0] for h in hits), max(h[1] for h in hits)
    if high - low >= width:
        return low, low + width
    start = min(max(low - (width - (high - low)) // 2, 0), len(text) - width)
    return start, start + width


def _first_hit(text: str, names: Sequence[str]) -> tuple[int, int] | None:
    """``(start, end)`` of the earliest of ``names`` in ``text``, or ``None``."""
    best: tuple[int, int] | None = None
    for name in names:
        at = text.find(name) if name else -1
        if at >= 0 and (best is None or at < best[0]):
            best = (at, at + len(name))
    return best


def new_edge(relation: str, focus: Focus = ((), ())) -> EdgeEvidence:
    """An empty accumulator for one edge; ``focus`` names its two ends (for excerpts).

    Examples
    --------
    >>> from zhkg.records import DocResult, Relation, Sentence
    >>> doc = DocResult("d1", "张某赴武汉调研。", date="2023-06-01",
    ...                 sentences=[Sentence(0, 0, 8, "张某赴武汉调研。")])
    >>> edge = new_edge("VISITED")
    >>> edge.add_relation(doc, Relation("VISITED", "张某", "PERSON", "武汉", "PLACE", sent=0))
    >>> edge.attrs()["weight"], edge.attrs()["evidence"][0]["date"], edge.attrs()["dates"]
    (1.0, '2023-06-01', ['2023-06-01'])
    """
    return EdgeEvidence(relation, focus)


def split_values(value: object) -> list[str]:
    """Relation attributes (titles, purposes) arrive as ``"a|b"`` strings or lists."""
    if not value:
        return []
    parts = value if isinstance(value, (list, tuple)) else str(value).split("|")
    return [p.strip() for p in map(str, parts) if p.strip()]
