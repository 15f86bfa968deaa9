"""PROMOTES: an organisation or person carries out an initiative.

An initiative is promoted only as the object of a *promote verb* (``开展``,
``实施``, ``推进``, ``推动``, ``落实``, ``深化``, ``构建`` ...) in the same clause,
with at most a few modifiers between (``推动实施“最多跑一次”改革``,
``推行河湖管理“河长制”``, ``以构建X为抓手``); coordinated initiatives after
the first (``A和B``) are objects too. The subject is the clause subject, a
subject named after a leading ``在……中，`` clause, or one carried over from
earlier clauses (Chinese drops repeated subjects). An initiative that is
merely mentioned is never promoted by the organisations around it.
"""

from __future__ import annotations

import re

from zhkg.records import INITIATIVE, ORG, PERSON, PROMOTES, Relation
from pipelines.rules.view import LIST_GAP, DocView, Ent

PROMOTE_VERB = re.compile(
    r"开展|实施|推进|推动|推行|落实|启动|深化|筹备|构建|完善|制定|举办|建立|实行|发起|承办"
)
OBJECT_GAP_MAX = 12
# Between verb and object: ``对``/``关于`` make the initiative a topic, not the object, and
# ``、``/``等`` close the verb's own object list (``决策部署、深化“放管服”改革``).
OBJECT_GAP_BLOCK = re.compile(r"对|关于|向|给|同|与|、|等")
BLOCKING_LABELS = (ORG, PERSON)


def extract_promotes(view: DocView) -> list[Relation]:
    """All PROMOTES relations of the document, one per (subject, initiative) per sentence."""
    relations: list[Relation] = []
    seen: set[tuple[str, str, int]] = set()
    for clause in view.clauses:
        if clause.sent < 0:
            continue
        for match in PROMOTE_VERB.finditer(view.text, clause.start, clause.end):
            covering = view.ent_covering(match.start())
            if covering is not None and (covering.label != INITIATIVE or covering.start != match.start()):
                continue
            objects = _objects(view, match.start(), match.end(), clause.end, covering)
            if not objects:
                continue
            date, date_end = view.date_at(clause.sent, match.start())
            for subject in view.subjects_at(match.start()):
                for obj in objects:
                    key = (subject.name, obj.name, clause.sent)
                    if key in seen:
                        continue
                    seen.add(key)
                    relations.append(
                        Relation(
                            relation=PROMOTES,
                            head=subject.name,
                            head_type=subject.label,
                            tail=obj.name,
                            tail_type=INITIATIVE,
                            sent=clause.sent,
                            date=date,
                            date_end=date_end,
                            attrs={"trigger": match.group()},
                        )
                    )
    return relations


def _objects(view: DocView, verb_start: int, verb_end: int, end: int, covering: Ent | None) -> list[Ent]:
    """The initiatives a verb governs: the first within reach, then those coordinated with it."""
    if covering is not None:
        first = covering
    else:
        initiatives = view.ents_in(verb_end, end, (INITIATIVE,))
        if not initiatives:
            return []
        first = initiatives[0]
        gap = view.text[verb_end:first.start]
        if (
            len(gap) > OBJECT_GAP_MAX
            or OBJECT_GAP_BLOCK.search(gap)
            or PROMOTE_VERB.search(gap)
            or view.ents_in(verb_end, first.start, BLOCKING_LABELS)
        ):
            return []
    objects = [first]
    for ent in view.ents_in(first.end, end, (INITIATIVE,)):
        if not LIST_GAP.match(view.text[objects[-1].end:ent.start]):
            break
        objects.append(ent)
    return objects

