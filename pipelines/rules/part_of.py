"""PART_OF: a unit belongs to a parent organisation.

Two well-supported patterns only, since every wrong edge costs precision:

- an explicit cue between two organisations: ``国家统计局所属宜昌调查队``,
  ``X直属的Y``, ``X下属Y`` (child after the cue) and ``Y隶属于X`` (child first);
- a unit named after its parent (``最高法执行局`` -> ``最高法``): the parent named
  in the document, or a top State organ of the Constitution (central_organs.tsv)
  that the name opens; such a relation is marked
  ``attrs["tail_in_name"]``, and the graph keeps it only where the corpus names
  the parent on its own (:mod:`graph.resolve`);
- a paragraph about a parent's units: a parent named with ``机关``,
  ``直属单位``, ``各部门``, ``各单位`` ..., followed by clause subjects that are
  short unit names (``法规司``, ``信息中心``) without a place prefix of their
  own. A paragraph opening with ``各部门各单位`` continues the previous
  paragraph's parent.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from zhkg.records import ORG, PART_OF, TAIL_IN_NAME, Relation
from pipelines.lexicons.organs import load_central_organs
from pipelines.lexicons.relation_words import load_relation_words
from pipelines.lexicons.tables import alternation, load_lexicon
from pipelines.rules import geo
from pipelines.rules.steps import RuleContext, rule_step
from pipelines.rules.view import Clause, DocView, Ent

_RELATION_WORDS = load_relation_words()
_NAME_WORDS = load_lexicon("name_words")
CUE_CHILD_AFTER = re.compile(
    rf"^(?:的)?(?:所属|直属|下属|内设)(?:的)?{_RELATION_WORDS.alternation('child_kind')}?[、，,]?$"
)
CUE_CHILD_BEFORE = re.compile(r"^(?:是|为)?(?:隶属于|隶属|归属于)$")
# An organ's own units, after its leading Party body (党组机关) or none (name_words.tsv party_leadership).
# Its units as a whole (relation_words.tsv units_cue: 机关和直属单位), and a paragraph that goes on with them.
UNITS_CUE = re.compile(
    rf"^(?:{alternation(_NAME_WORDS.where('role', 'party_leadership'))})?{_RELATION_WORDS.alternation('units_cue')}"
)
CONTINUE_CUE = re.compile(rf"^{_RELATION_WORDS.alternation('units_continue_cue')}")
UNIT_SUFFIX = re.compile(r"(?:局|司|处|室|中心|办公室|公司|部)$")
UNIT_NAME_MAX = 10
PREFIX_UNIT_REST = re.compile(r"^[\u4e00-\u9fff]{1,5}(?:办|局|(?<!公)司|室|中心|处|委)$")
# Organs the Party Constitution sets beside the central committee, and bodies of their own rank
# (name_words.tsv own_rank_start).
OWN_RANK = re.compile(rf"^(?:{alternation(_NAME_WORDS.where('role', 'own_rank_start'))})")
# A unit name opening with a national word (name_words.tsv national_name_start) is a body of its own.
NATIONAL_PREFIX = re.compile(rf"^(?:{alternation(_NAME_WORDS.where('role', 'national_name_start'))})")
# A unit's own Party or discipline body (name_words.tsv party_body_suffix, discipline_body: X执行局纪委)
# belongs to the unit, not to the organ before it.
_OWN_BODY_WORDS = _NAME_WORDS.where("role", "party_body_suffix") + _NAME_WORDS.where("role", "discipline_body")
UNITS_OWN_BODY = re.compile(rf"(?:{alternation(_OWN_BODY_WORDS)})$")
# The category of central_organs.tsv that holds the top State organs of the Constitution (最高法 ...).
TOP_ORGAN_CATEGORY = "国家机构"


@rule_step("zhkg.part_of.cues.v1", PART_OF)
def cues(context: RuleContext) -> list[Relation]:
    """``X所属Y`` / ``Y隶属于X`` between two adjacent organisations."""
    return _cue_relations(context.view)


@rule_step("zhkg.part_of.unit_paragraphs.v1", PART_OF)
def unit_paragraphs(context: RuleContext) -> list[Relation]:
    """Units named as subjects in a paragraph about a parent's units.

    Unit names that start with a place belong to that place, not to the parent.
    """
    return _unit_paragraph_relations(context.view, lambda name: geo.place_prefix(context.places, name))


@rule_step("zhkg.part_of.name_prefix.v1", PART_OF)
def name_prefix(context: RuleContext) -> list[Relation]:
    """``最高法执行局`` -> ``最高法``: a unit named after the body it belongs to.

    The parent is an organisation the document names on its own or, failing
    that, a top State organ whose name opens the unit's (:func:`top_organ_names`;
    marked :data:`TAIL_IN_NAME`, since only the corpus can say whether the
    parent is an entity of its own). The rest of the name must be a unit of it
    (``执行局``, ``人事处``, ``法规司``), not a body of its own rank or the
    standing committee of an assembly, nor the unit's own Party body (X局纪委).
    """
    view = context.view
    parents = {e.name: e for e in view.ents if e.label == ORG}
    found = []
    for ent in view.ents:
        if ent.label != ORG:
            continue
        named = [parent for name, parent in parents.items()
                 if ent.name.startswith(name) and _is_unit_rest(ent.name[len(name):])]
        found.extend(_relation(view, child=ent, parent=parent.name, trigger="name") for parent in named)
        organ = next((name for name in top_organ_names()
                      if ent.name.startswith(name) and _is_unit_rest(ent.name[len(name):])), None)
        if not named and organ is not None:
            found.append(_relation(view, child=ent, parent=organ, trigger="name", tail_in_name=True))
    return found


@lru_cache(maxsize=1)
def top_organ_names() -> tuple[str, ...]:
    """Full names and abbreviations of the top State organs (:data:`TOP_ORGAN_CATEGORY`), longest first."""
    organs = load_central_organs().organs
    names = {name for organ in organs if organ.category == TOP_ORGAN_CATEGORY for name in organ.names}
    return tuple(sorted(names, key=lambda name: (-len(name), name)))


def _is_unit_rest(rest: str) -> bool:
    """Whether ``rest``, after a parent's name, names a unit of it rather than a body of its own rank."""
    return PREFIX_UNIT_REST.match(rest) is not None and OWN_RANK.match(rest) is None \
        and UNITS_OWN_BODY.search(rest) is None


def _cue_relations(view: DocView) -> list[Relation]:
    """``X所属Y`` / ``Y隶属于X`` between two adjacent organisations."""
    orgs = [e for e in view.ents if e.label == ORG]
    found = []
    for left, right in zip(orgs, orgs[1:]):
        gap = view.text[left.end:right.start]
        if CUE_CHILD_AFTER.match(gap) and gap.strip("的、，,"):
            found.append(_relation(view, child=right, parent=left.name, trigger=gap.strip("的、，,")))
        elif CUE_CHILD_BEFORE.match(gap):
            found.append(_relation(view, child=left, parent=right.name, trigger=gap))
    return found


def _unit_paragraph_relations(view: DocView, place_prefix: Callable[[str], object | None]) -> list[Relation]:
    """Units named as clause subjects after ``X机关和直属单位`` in the same paragraph."""
    found = []
    parent: Ent | None = None
    parent_paragraph = -1
    cue_end = -1
    for clause in view.clauses:
        if clause.sent < 0:
            continue
        paragraph = view.paragraph_of_sentence(clause.sent)
        if paragraph != parent_paragraph and parent is not None:
            text = view.clause_text(clause).strip()
            if paragraph == parent_paragraph + 1 and clause.start == view.sentences[clause.sent].start \
                    and CONTINUE_CUE.match(text):
                parent_paragraph, cue_end = paragraph, clause.start
            else:
                parent = None
        new_parent = _parent_with_cue(view, clause)
        if new_parent is not None:
            parent, parent_paragraph, cue_end = new_parent[0], paragraph, new_parent[1]
            continue
        if parent is None or clause.start < cue_end:
            continue
        for unit in view.clause_subject(clause, clause.end):
            if _is_unit_name(unit, parent, place_prefix):
                found.append(_relation(view, child=unit, parent=parent.name, trigger="units"))
    return found


def _parent_with_cue(view: DocView, clause: Clause) -> tuple[Ent, int] | None:
    """An organisation directly followed by a units cue (``机关和直属单位``) in this clause.

    The cue may begin inside the entity when the resolver stripped it from the
    name (``国家统计局机关`` named ``国家统计局``).
    """
    for ent in view.ents_in(clause.start, clause.end, (ORG,)):
        suffix = ent.text[len(ent.name):] if ent.text.startswith(ent.name) else ""
        match = UNITS_CUE.match(suffix + view.text[ent.end:clause.end])
        if match is not None:
            return ent, ent.end + match.end() - len(suffix)
    return None


def _is_unit_name(unit: Ent, parent: Ent, place_prefix: Callable[[str], object | None]) -> bool:
    """A short unit name (``法规司``) that is neither the parent nor placed or national by its prefix."""
    name = unit.name
    return (
        unit.label == ORG
        and name != parent.name
        and len(name) <= UNIT_NAME_MAX
        and UNIT_SUFFIX.search(name) is not None
        and NATIONAL_PREFIX.match(name) is None
        and place_prefix(name) is None
    )


def _relation(view: DocView, child: Ent, parent: str, trigger: str, tail_in_name: bool = False) -> Relation:
    sent = view.sentence_of(child.start)
    date, date_end = view.date_at(sent, child.start)
    attrs: dict[str, object] = {"trigger": trigger}
    if tail_in_name:
        attrs[TAIL_IN_NAME] = True
    return Relation(
        relation=PART_OF,
        head=child.name,
        head_type=ORG,
        tail=parent,
        tail_type=ORG,
        sent=sent,
        date=date,
        date_end=date_end,
        attrs=attrs,
    )
