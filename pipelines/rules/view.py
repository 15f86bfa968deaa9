"""A read-only view of a processed ``Doc`` shaped for rule-based relation extraction.

Chinese news drops repeated subjects and strings clauses with commas, so the
extractors reason over *clauses* (split at ``，,；;：:`` and dashes) inside
sentences, and over *segments* (split at ``；;：:``) for how far a verb's
purpose can trail it. The view gives entities as plain records with their
canonical in-document name (``kb_id_`` set by the resolver, else the text),
and answers the one question every extractor asks: *who is the subject here?*
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable

from spacy.tokens import Doc, Span

from zhkg.records import ORG, PERSON
from pipelines.lexicons.relation_words import load_relation_words
from pipelines.lexicons.tables import alternation, char_class, load_lexicon
from pipelines.lexicons.titles import load_titles
from pipelines.extensions import doc_extension, doc_meta
from pipelines.spans import SentenceBounds, doc_text, lac_words, sentence_bounds
from ingest.dates import DateMention, find_dates

_NAME_WORDS = load_lexicon("name_words")
CLAUSE_BREAKS = "，,；;：:"
SEGMENT_BREAKS = "；;：:"
# Where a clause may end: a break character or the first dash of ``——``.
_BREAK_CANDIDATE = re.compile(f"[{CLAUSE_BREAKS}—]")
SUBJECT_LABELS = (ORG, PERSON)
# Coordination between entities of one list: 、 和 及 以及 与 同 暨, and quotes.
# A party body or office word (name_words.tsv party_body_suffix) may close a list member
# (水利部机关、审计署).
LIST_GAP = re.compile(rf"^(?:{alternation(_NAME_WORDS.where('role', 'party_body_suffix'))})?"
                      r"[\s、和及与同暨“”\"'《》]*(?:以及)?[\s、和及与同暨“”\"'《》]*$")
# A clause opening like ``深入学习贯彻……`` continues the subject before it; it names none of its own.
CONTINUING_CLAUSE = re.compile(
    r"^(?:深入|认真|全面|切实|进一步|坚决|扎实|持续|不断|积极)*(?:学习|贯彻|传达|落实|领会|宣传)"
)
# A clause opening with a personal pronoun (not 他们, 其他): its subject is a person named earlier.
PRONOUN_SUBJECT = re.compile(
    r"(?:[\s\d年月日号时分至到\-—~～上下午晚初底旬]|中午|凌晨|随后|接着|当天|当日|期间|还|也|又)*[他她](?![们人])"
)
DEADLINE_LEAD_MAX = 4
LEAD_END = frozenset("。！？!?")
LEAD_MAX = 600
# A clause whose subject comes after it: 在森林防火工作中，省水利厅……
FORWARD_SUBJECT = re.compile(r"^(?:在|通过|为了?|随着|围绕|针对|按照|根据|结合|面对|对照)")
# What may stand before a clause subject: time words and sentence adverbs only.
SUBJECT_PREFIX = re.compile(
    r"^(?:[\s\d年月日号时分至到\-—~～上下午晚初底旬]|中午|凌晨|近日|日前|同时|此外|随后|目前|会上|其中|另外|"
    r"今年|去年|当天|当日|近期|近年来|此前|最后|首先|其次|接着|然后|期间|以来|还|也|又|均|都|并|特别是|尤其是|"
    r"前不久|不久前|昨天|今天)*$"
)
# Verbs and object markers: text holding one is more than a chain of titles.
NOT_A_TITLE = re.compile(
    rf"[{char_class(_NAME_WORDS.where('role', 'not_title_char'))}]|关于|学习|贯彻|落实|观看|组织|带领|陪同|会见|会同|联合|推动|开展|"
    r"推进|实施|考察|调研|参加|出席|主持|听取|看望|慰问|支持|服务|帮助|指导|要求|强调|指出|表示|认为|紧扣"
)
# A clause with more than this before its verb has a subject of its own that is no entity
# (离退休党组织为……开展), so no subject carries over into it.
CARRY_PREFIX_MAX = 8
# A verb after these acts for their object (希望他们深化改革, 指导基层党组织开展), not for the subject.
CAUSATIVE = re.compile(r"希望|要求|鼓励|引导|督促|帮助|支持|号召|动员|指导|带动|让|使|请|组织(?!开展|实施)")
# Text between a title-bearing organisation and its official, once titles are removed.
OFFICIAL_RESIDUE_MAX = 12
# What joins the titles and names of an official's phrase: the title joiners and list
# conjunctions of name_words.tsv, commas and 暨.
_OFFICIAL_JOINERS = _NAME_WORDS.where("role", "title_joiner") + _NAME_WORDS.where("role", "list_conjunction")
_JOINERS = re.compile(rf"[\s，,暨{char_class(_OFFICIAL_JOINERS)}]")
# Paragraphs that end like a sentence; shorter ones without it are headings.
SENTENCE_END = re.compile(r"[。！？!?；;…”」』）)]$")
INTRO_END = re.compile(r"[：:]$")
HEADING_MAX = 15


@dataclass(frozen=True)
class Ent:
    """An entity of the document with its canonical in-document ``name``."""

    start: int
    end: int
    label: str
    name: str
    text: str


def _ent(span: Span, text: str) -> Ent:
    """The record of one entity; its text is sliced from the document text (``span.text`` joins tokens)."""
    surface = text[span.start_char:span.end_char]
    return Ent(span.start_char, span.end_char, span.label_, span.kb_id_ or surface, surface)


@dataclass(frozen=True)
class Clause:
    """A clause: character offsets, its sentence and its segment (both document-wide indices)."""

    start: int
    end: int
    sent: int
    segment: int


class DocView:
    """Entities, sentences, clauses and posts of one ``Doc`` with lookups by offset."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.ents = [_ent(e, self.text) for e in doc.ents]
        self._ent_starts = [e.start for e in self.ents]
        self.sentences: list[SentenceBounds] = sentence_bounds(doc, self.text)
        self._sent_starts = [s.start for s in self.sentences]
        self.clauses = self._split_clauses()
        self._clause_starts = [c.start for c in self.clauses]
        self.posts: list[dict] = list(doc_extension(doc, "posts") or [])
        self._word_tags: dict[int, str] | None = None
        self.meta: dict = doc_meta(doc)
        self.reference: str | None = self.meta["date"]
        self._dates: dict[int, list[DateMention]] = {}
        self._paragraph_texts = [line for line in self.text.split("\n") if line.strip()]
        self._paragraph_clauses: dict[int, list[Clause]] = {}
        for clause in self.clauses:
            if clause.sent >= 0:
                self._paragraph_clauses.setdefault(self.paragraph_of_sentence(clause.sent), []).append(clause)

    # -- lookups -----------------------------------------------------------------
    def word_tag_at(self, offset: int) -> str | None:
        """LAC's part-of-speech tag of the word starting at ``offset``; ``None`` without LAC or mid-word."""
        if self._word_tags is None:
            words = lac_words(self.doc) or []
            self._word_tags = {w.start: w.tag for w in words}
        return self._word_tags.get(offset)

    def ents_in(self, start: int, end: int, labels: Iterable[str] | None = None) -> list[Ent]:
        """Entities lying fully inside ``start``..``end``, optionally of the given labels."""
        wanted = labels if labels is None or isinstance(labels, (tuple, frozenset)) else frozenset(labels)
        i = bisect.bisect_left(self._ent_starts, start)
        found = []
        while i < len(self.ents) and self.ents[i].start < end:
            ent = self.ents[i]
            if ent.end <= end and (wanted is None or ent.label in wanted):
                found.append(ent)
            i += 1
        return found

    def ent_covering(self, offset: int) -> Ent | None:
        """The entity whose span contains ``offset``."""
        i = bisect.bisect_right(self._ent_starts, offset) - 1
        if i >= 0 and self.ents[i].start <= offset < self.ents[i].end:
            return self.ents[i]
        return None

    def sentence_of(self, offset: int) -> int:
        """Index of the (non-blank) sentence containing ``offset``; -1 before the first."""
        return bisect.bisect_right(self._sent_starts, offset) - 1

    def clause_index(self, offset: int) -> int:
        """Index of the clause containing ``offset``."""
        return max(bisect.bisect_right(self._clause_starts, offset) - 1, 0)

    def clause_text(self, clause: Clause) -> str:
        return self.text[clause.start:clause.end]

    def paragraph_of_sentence(self, sent: int) -> int:
        return self.sentences[sent].paragraph

    def dates_of(self, sent: int) -> list[DateMention]:
        """Dates stated in a sentence, with document offsets, resolved against the document date."""
        if sent not in self._dates:
            bounds = self.sentences[sent]
            found = [
                DateMention(bounds.start + d.start, bounds.start + d.end, d.date, d.date_end)
                for d in find_dates(self.text[bounds.start:bounds.end], self.reference)
            ]
            self._dates[sent] = [d for d in found if self._is_event_date(d)]
        return self._dates[sent]

    def _is_event_date(self, mention: DateMention) -> bool:
        """Whether a date can date an event told in the past tense of a report.

        A deadline (``6月底前完成``, ``到2025年``) or a date after the report's own
        date is a target, not when something happened.
        """
        if self.reference is not None and mention.date > self.reference:
            return False
        words = load_relation_words()
        if words.regex(r"{deadline_marker}(?![往来夕])").match(self.text, mention.end):
            return False
        lead = words.regex(r"(?:{deadline_lead})$")
        return lead.search(self.text, max(mention.start - DEADLINE_LEAD_MAX, 0), mention.start) is None

    def date_at(self, sent: int, offset: int) -> tuple[str | None, str | None]:
        """The date of an event at ``offset``: the nearest date before it in the sentence, else the first after."""
        if sent < 0:
            return None, None
        dates = self.dates_of(sent)
        before = [d for d in dates if d.end <= offset]
        chosen = before[-1] if before else (dates[0] if dates else None)
        return (chosen.date, chosen.date_end) if chosen is not None else (None, None)

    # -- subjects ------------------------------------------------------------------
    def subjects_at(self, offset: int, labels: tuple[str, ...] = SUBJECT_LABELS) -> list[Ent]:
        """The subject(s) of a verb at ``offset``.

        The clause subject before the verb; else, for a leading adverbial
        clause (``在……中，``), the subject of the clause after it; else the
        subject carried over from earlier clauses of the sentence and earlier
        sentences of the paragraph; else, for a list item under a paragraph
        ending with a colon, the subject of that paragraph. Nothing carries
        over into a clause with a long stretch before the verb: that stretch
        holds a subject the recognisers did not mark.
        """
        ci = self.clause_index(offset)
        clause = self.clauses[ci]
        found = self.clause_subject(clause, offset, labels)
        if found:
            return found
        if PRONOUN_SUBJECT.match(self.text, clause.start, offset):
            return self._pronoun_antecedent(ci)
        if FORWARD_SUBJECT.match(self.clause_text(clause)):
            for nxt in self.clauses[ci + 1:ci + 3]:
                if nxt.sent != clause.sent:
                    break
                found = self.clause_subject(nxt, nxt.end, labels)
                if found:
                    return found
        lead = self.text[clause.start:offset].strip()
        # The look-ahead of CAUSATIVE needs the verb itself (组织开展 is no causative).
        if len(lead) > CARRY_PREFIX_MAX or CAUSATIVE.search(self.text[clause.start:offset + 2]):
            return []
        return self._carried_subject(ci, labels)

    def own_subject(self, offset: int) -> list[Ent]:
        """The subject the clause of ``offset`` names itself (an entity or ``他``), never a carried one."""
        ci = self.clause_index(offset)
        found = self.clause_subject(self.clauses[ci], offset)
        if not found and PRONOUN_SUBJECT.match(self.text, self.clauses[ci].start, offset):
            return self._pronoun_antecedent(ci)
        return found

    def _pronoun_antecedent(self, ci: int) -> list[Ent]:
        """The person ``他``/``她`` stands for: the latest single person subject before clause ``ci``.

        News reports name an official once and then write ``他``; the
        antecedent may sit paragraphs earlier, so the whole document before
        the clause is searched, nearest first.
        """
        for prev in reversed(self.clauses[:ci]):
            if prev.sent < 0:
                continue
            found = self.clause_subject(prev, prev.end)
            if found:
                return found if len(found) == 1 and found[0].label == PERSON else []
        return []

    def heading_and_lead(self) -> str:
        """The headline and the text up to the first full sentence: where a report states its purpose.

        The headline is the title from ingest or the first line; bylines
        (``华夏网 2019年07月16日``) end in no full stop, so the lead runs to the
        first sentence that does.
        """
        end = next((s.end for s in self.sentences if self.text[s.end - 1:s.end] in LEAD_END), len(self.text))
        title = (self.meta.get("title") or "").strip()
        return title + "\n" + self.text[:min(end, LEAD_MAX)]

    def _carried_subject(self, ci: int, labels: tuple[str, ...] = SUBJECT_LABELS) -> list[Ent]:
        """The latest clause subject before clause ``ci`` in its paragraph (or list introduction).

        A clause whose subject is ``他``/``她`` carries the person it stands for
        (``他在A了解……，到B调研``: B's visitor is the person of ``他``).
        """
        sent = self.clauses[ci].sent
        if sent < 0:
            return []
        paragraph = self.paragraph_of_sentence(sent)
        for prev in reversed(self._paragraph_clauses[paragraph]):
            if prev.start >= self.clauses[ci].start:
                continue
            found, blocked = self._clause_subject(prev, prev.end, labels)
            if not found and PRONOUN_SUBJECT.match(self.text, prev.start, prev.end):
                return self._pronoun_antecedent(self.clause_index(prev.start))
            if found or blocked:
                return found
        intro = self._list_intro(paragraph)
        if intro is None:
            return []
        for prev in reversed(self._paragraph_clauses.get(intro, [])):
            found = self.clause_subject(prev, prev.end, labels)
            if found:
                return found
        return []

    def _list_intro(self, paragraph: int) -> int | None:
        """The paragraph ending with a colon that introduces ``paragraph`` as a list item, if any.

        Items follow the introduction directly; a heading or an item that
        names its own subject ends the list.
        """
        p = paragraph - 1
        while p >= 0:
            text = self._paragraph_texts[p].strip()
            if INTRO_END.search(text):
                return p
            if not SENTENCE_END.search(text) and len(text) <= HEADING_MAX:
                return None
            if any(self.clause_subject(c, c.end) for c in self._paragraph_clauses.get(p, [])):
                return None
            p -= 1
        return None

    def clause_subject(self, clause: Clause, limit: int, labels: tuple[str, ...] = SUBJECT_LABELS) -> list[Ent]:
        """The clause-initial subject group before ``limit``: ``A、B和C`` or an official after a title.

        The first ORG/PERSON of the clause is a subject only when only time
        words and sentence adverbs stand before it, and when no
        ``的`` follows it (``钟立民总书记的重要讲话`` is the subject). When an
        official follows it with only titles between (``省教育厅党组书记、厅长王建国``),
        the official is the subject. Coordinated entities after it join the group.
        """
        return self._clause_subject(clause, limit, labels)[0]

    def _clause_subject(
        self, clause: Clause, limit: int, labels: tuple[str, ...] = SUBJECT_LABELS
    ) -> tuple[list[Ent], bool]:
        """The subject group, and whether an entity stood where a non-entity subject is.

        The flag is true when the clause opens with something other than an
        entity subject (``钟立民总书记的重要讲话``, ``组建国家医疗保障局``): the
        clause has a subject of its own, so no earlier subject carries past it.
        """
        candidates = self.ents_in(clause.start, limit, labels)
        if not candidates:
            return [], False
        head = candidates[0]
        residue = self.title_residue(clause.start, head)
        if not SUBJECT_PREFIX.match(residue):
            return [], not self._continues_subject(residue)
        # A person before another is a coordinated subject (``甲、乙来到``), never a title's body.
        official = self._official_after(head, candidates[1:]) if head.label != PERSON else None
        if official is not None:
            return ([], True) if self._modifies_noun(official) else ([official], False)
        if head.label != PERSON and self._opens_title(head):
            return [], True
        group = [head]
        for ent in candidates[1:]:
            if not LIST_GAP.match(self.text[group[-1].end:ent.start]):
                break
            group.append(ent)
        return ([], True) if self._modifies_noun(group[-1]) else (group, False)

    @staticmethod
    def _continues_subject(residue: str) -> bool:
        """Whether a clause opening names no subject of its own, so an earlier one carries past it.

        ``深入学习贯彻……``, an arrival verb before its target (``前往X，`` in
        ``甲来到A，……；前往B，……``) and a visitor's activity (``察看X建设情况``)
        act for the subject named before.
        """
        if CONTINUING_CLAUSE.match(residue):
            return True
        pattern = r"^(?:随后|接着|又|还|再|并|先后|详细|实地)*(?:{arrival_verb}|{site_activity}|{purpose})了?$"
        return load_relation_words().regex(pattern).match(residue) is not None

    def _opens_title(self, ent: Ent) -> bool:
        """Whether a title follows the organisation (``中共中央社会工作部部长、…``): it names an
        official's post, and when no official was recognised after it the body is no subject."""
        titles = load_titles()
        after = self.text[ent.end:ent.end + titles.max_length]
        return any(after[:n] in titles.titles for n in range(len(after), 1, -1))

    def _official_after(self, head: Ent, later: list[Ent]) -> Ent | None:
        """A person with a post after ``head``, separated from it by titles only.

        Entities and the person's known titles are removed from the text in
        between; what is left must be short and hold no verb or object marker
        (``省委书记、省长钟立民`` passes,
        ``市委宣传部班子成员把贯彻落实钟立民`` does not).
        """
        for ent in later:
            if ent.label != PERSON:
                continue
            residue = self.title_residue(head.end, ent)
            if not self._titles_of(ent) and residue:
                return None
            if len(residue) <= OFFICIAL_RESIDUE_MAX and not NOT_A_TITLE.search(residue):
                return ent
            return None
        return None

    def title_residue(self, start: int, ent: Ent) -> str:
        """Text from ``start`` to ``ent`` without entities, the person's titles and separators.

        Before a person, places and organisations with titles are part of the
        name phrase (``湖北省省长张某``), not a sign of another subject.
        """
        residue = self.text[start:ent.start]
        if ent.label != PERSON:
            return residue
        for other in self.ents_in(start, ent.start):
            residue = residue.replace(other.text, "")
        for title in sorted(self._titles_of(ent), key=len, reverse=True):
            residue = residue.replace(title, "")
        return _JOINERS.sub("", residue)

    def _titles_of(self, person: Ent) -> list[str]:
        return [t for post in self.posts_of(person) for t in post.get("titles") or []]

    def _modifies_noun(self, ent: Ent) -> bool:
        """Whether ``ent`` (with its trailing titles) is followed by ``的``: a modifier, not a subject."""
        after = self.text[ent.end:ent.end + 12]
        if ent.label == PERSON:
            for title in sorted(self._titles_of(ent), key=len, reverse=True):
                if after.startswith(title):
                    after = after[len(title):]
                    break
        return after.startswith("的")

    def posts_of(self, person: Ent) -> list[dict]:
        """The ``doc._.posts`` records whose person span overlaps this entity."""
        return [
            p
            for p in self.posts
            if p.get("person_start") is not None
            and p["person_start"] < person.end
            and person.start < p.get("person_end", p["person_start"])
        ]

    # -- construction ------------------------------------------------------------------
    def _split_clauses(self) -> list[Clause]:
        """Clauses of every sentence, never splitting inside an entity.

        Only the break characters and dashes of a sentence are visited (found
        by :data:`_BREAK_CANDIDATE`), not every character.
        """
        clauses: list[Clause] = []
        segment = 0
        for si, bounds in enumerate(self.sentences):
            start = bounds.start
            for found in _BREAK_CANDIDATE.finditer(self.text, bounds.start, bounds.end):
                i = found.start()
                char = self.text[i]
                is_dash = self.text.startswith("——", i)
                if (char in CLAUSE_BREAKS or is_dash) and self.ent_covering(i) is None:
                    if i > start:
                        clauses.append(Clause(start, i, si, segment))
                    start = i + (2 if is_dash else 1)
                    if char in SEGMENT_BREAKS:
                        segment += 1
            if start < bounds.end:
                clauses.append(Clause(start, bounds.end, si, segment))
            segment += 1
        if not clauses:
            clauses.append(Clause(0, len(self.text), -1, 0))
        return clauses

