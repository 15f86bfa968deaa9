"""VISITED: a person or organisation goes to a place or organisation to inspect it.

The pattern is a *visit verb* (``到``, ``赴``, ``深入``, ``走进``, ``来到``,
``前往``, ``在``; ``带队``/``带领`` before it marks a led visit), then the list of
targets, then a *purpose* (``调研``, ``考察``, ``检查``, ``指导``, ``走访``,
``慰问``, ``视察``, ``看望``). The targets are the places and organisations between
the verb and the purpose in the verb's clause; the list may close with
``等10省``/``等地``. A purpose may trail in a later clause, directly
(``来到X，考察……``) or after a topic clause (``深入X，就……开展调研``), but the
topic is never a target. ``在X调研`` needs the purpose right after the targets.
"""

from __future__ import annotations

import re

from zhkg.records import ORG, PERSON, PLACE, VISITED, Relation
from pipelines.rules.view import Clause, DocView, Ent

VISIT_VERB = re.compile(r"(?P<led>带队|带领[^，,。；;]{0,8}?)?(?P<verb>深入到?|走进|来到|前往|赴|到|在)")
# ``在X指导下`` (under X's guidance) is no visit, hence the look-ahead.
PURPOSE = re.compile(r"(?:调研|考察|检查|指导|走访|慰问|视察|看望)(?!下)")
TOPIC = re.compile(r"就|围绕|针对|聚焦|结合")
CLAUSE_TOPIC = re.compile(r"^(?:就|围绕|针对|聚焦|结合|对|以|重点)")
PURPOSE_LEAD_MAX = 6  # ``实地调研``, ``开展专项调研`` at the head of a following clause
FIRST_TARGET_GAP = 4
NEAR_PURPOSE_GAP = 2  # ``在X实地调研``
TRAILING_CLAUSES = 3
TARGET_LABELS = (PLACE, ORG)


def extract_visited(view: DocView) -> list[Relation]:
    """All VISITED relations of the document, one per (subject, target) per verb."""
    relations: list[Relation] = []
    for clause in view.clauses:
        if clause.sent < 0:
            continue
        text = view.clause_text(clause)
        for match in VISIT_VERB.finditer(text):
            verb_start = clause.start + match.start("verb")
            if view.ent_covering(verb_start) is not None:
                continue
            relations.extend(_visit(view, clause, match, verb_start))
    return _dedupe(relations)


def _visit(view: DocView, clause: Clause, match: re.Match[str], verb_start: int) -> list[Relation]:
    """The relations of one visit verb, or none when targets or purpose are missing."""
    verb = match.group("verb")
    verb_end = clause.start + match.end("verb")
    purpose_in_clause = PURPOSE.search(view.text, verb_end, clause.end)
    topic = TOPIC.search(view.text, verb_end, clause.end)
    region_end = min((m.start() for m in (purpose_in_clause, topic) if m is not None), default=clause.end)
    targets = _targets(view, verb_end, region_end)
    if not targets:
        return []
    if purpose_in_clause is not None and purpose_in_clause.start() == region_end:
        purpose = purpose_in_clause.group()
        if verb == "在" and purpose_in_clause.start() - targets[-1].end > NEAR_PURPOSE_GAP:
            return []
    elif verb == "在":
        return []
    else:
        purpose = _trailing_purpose(view, clause)
    if purpose is None:
        return []
    subjects = [s for s in view.subjects_at(clause.start + match.start()) if s not in targets]
    led = match.group("led") is not None
    trigger = match.group(0) if led and match.group("led") == "带队" else verb
    date, date_end = view.date_at(clause.sent, verb_start)
    return [
        Relation(
            relation=VISITED,
            head=subject.name,
            head_type=subject.label,
            tail=target.name,
            tail_type=target.label,
            sent=clause.sent,
            date=date,
            date_end=date_end,
            attrs={"purpose": purpose, "led": led, "trigger": trigger},
        )
        for subject in subjects
        for target in targets
        if subject.name != target.name
    ]


def _targets(view: DocView, start: int, end: int) -> list[Ent]:
    """Places and organisations listed from ``start`` (just after the verb) to ``end``.

    The first must follow the verb closely; an organisation that is only the
    employer in an official's title (``湖北省省长X``) is not a target, nor is
    an entity that only opens an organisation's name.
    """
    found = [e for e in view.ents_in(start, end, TARGET_LABELS) if not _in_title(view, e, end)]
    if not found or found[0].start - start > FIRST_TARGET_GAP:
        return []
    return [e for e, nxt in zip(found, [*found[1:], None]) if not _name_prefix(e, nxt)]


def _name_prefix(ent: Ent, nxt: Ent | None) -> bool:
    """An entity glued to the organisation after it opens that name (``山东`` + ``烟台红十字会``)."""
    return nxt is not None and nxt.label == ORG and nxt.start == ent.end


def _in_title(view: DocView, ent: Ent, end: int) -> bool:
    """Whether ``ent`` only names where an official listed before ``end`` holds a title.

    True when a person with a post follows ``ent`` before ``end`` and only
    that person's titles (and other entities) stand between them.
    """
    for person in view.ents_in(ent.end, end, (PERSON,)):
        if view.posts_of(person) and not view.title_residue(ent.end, person):
            return True
    return False


def _trailing_purpose(view: DocView, clause: Clause) -> str | None:
    """A purpose stated in the clauses after the targets: at a clause head, or after a topic clause."""
    index = view.clauses.index(clause)
    in_topic = False
    for nxt in view.clauses[index + 1:index + 1 + TRAILING_CLAUSES]:
        if nxt.segment != clause.segment:
            return None
        text = view.clause_text(nxt)
        found = PURPOSE.search(text)
        if CLAUSE_TOPIC.match(text):
            in_topic = True
        if found is not None and (in_topic or found.start() <= PURPOSE_LEAD_MAX):
            return found.group()
        if not in_topic:
            return None
    return None


def _dedupe(relations: list[Relation]) -> list[Relation]:
    """One relation per (head, tail, sentence), keeping the first."""
    seen: set[tuple[str, str, int]] = set()
    unique = []
    for rel in relations:
        key = (rel.head, rel.tail, rel.sent)
        if key not in seen:
            seen.add(key)
            unique.append(rel)
    return unique
