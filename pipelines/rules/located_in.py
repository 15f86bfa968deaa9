"""LOCATED_IN: a place inside another, or an organisation inside the place it is named after.

``X位于Y`` and ``某市的某公司`` in the text give one (steps ``zhkg.located_in.situated.v1``,
``zhkg.located_in.place_of.v1``). The
other two kinds come from the lexicon, not from a sentence (``sent=-1``), and both
point only at places the document itself mentions, so no node is invented:

- hierarchy: a place mentioned in the document -> its nearest enclosing
  division that the document also mentions (``烟台市`` -> ``山东``; ``龙口市``
  -> ``山东`` when ``烟台`` is not mentioned);
- prefix: an organ of government named after a place (``湖北省教育厅``,
  ``武汉海关``) -> that place, when the document mentions it. Companies and
  other bodies merely named after a place (``青岛啤酒``) are left out: their
  name says where they started, not where they are.
"""

from __future__ import annotations

import re
from functools import lru_cache

from zhkg.records import LOCATED_IN, ORG, PLACE, Relation
from pipelines.lexicons.tables import load_lexicon, longest_first
from pipelines.lexicons.titles import load_titles
from pipelines.rules.geo import PlaceLookup, ancestors, domestic, place_prefix
from pipelines.rules.steps import RuleContext, rule_step
from pipelines.rules.view import LIST_GAP, DocView, Ent

ORGAN_REST_MAX = 8
# What may follow a whole list member: a separator, a conjunction, the clause end.
NAME_TAGS = frozenset({"LOC", "ORG", "PER"})
WHOLE_NAME_END = re.compile(r"[、，,。；;和及与等\n]|$")


@rule_step("zhkg.located_in.situated.v1", LOCATED_IN)
def situated(context: RuleContext) -> list[Relation]:
    """``X位于Y`` and ``位于Y的X``: the text itself says where X is; Y is the most specific place named."""
    view = context.view
    pattern = context.words.regex(r"(?:{situated})")
    relations = []
    for clause in view.clauses:
        if clause.sent < 0:
            continue
        for match in pattern.finditer(view.text, clause.start, clause.end):
            places = view.ents_in(match.end(), clause.end, (PLACE,))
            if not places or places[0].start != match.end():
                continue
            chain = [places[0]]
            for place in places[1:]:
                if place.start != chain[-1].end:
                    break
                chain.append(place)
            tail = chain[-1]
            before = [e for e in view.ents_in(clause.start, match.start(), (ORG, PLACE)) if e.end == match.start()]
            heads = before[:1] or _described(view, tail.end, clause.end)
            relations.extend(
                Relation(relation=LOCATED_IN, head=head.name, head_type=head.label, tail=tail.name,
                         tail_type=PLACE, sent=clause.sent, attrs={"source": "situated"})
                for head in heads
            )
    return relations


def _described(view: DocView, place_end: int, clause_end: int) -> list[Ent]:
    """The list after ``位于Y的`` (``来到位于某市的A、B和C``): each member lies in Y."""
    if view.text[place_end:place_end + 1] != "的":
        return []
    listed: list[Ent] = []
    for ent in view.ents_in(place_end + 1, clause_end, (ORG, PLACE)):
        if listed and not LIST_GAP.match(view.text[listed[-1].end:ent.start]):
            break
        if not listed and ent.start != place_end + 1:
            break
        if not _ends_name(view, ent):
            break  # glued text continues the name: the recognisers found only its head
        listed.append(ent)
    return listed


@rule_step("zhkg.located_in.place_of.v1", LOCATED_IN)
def place_of(context: RuleContext) -> list[Relation]:
    """``某市的某公司``: an organisation named as the place's own (``的`` between them).

    ``在昆明的全国政协委员`` names where members are, not where the body is.
    """
    view = context.view
    relations = []
    for place, org in zip(view.ents, view.ents[1:]):
        if (
            place.label == PLACE
            and org.label == ORG
            and view.text[place.end:org.start] == "的"
            and view.text[place.start - 1:place.start] != "在"
            and not _names_members(view.text, org.end)
        ):
            relations.append(Relation(relation=LOCATED_IN, head=org.name, head_type=ORG, tail=place.name,
                                      tail_type=PLACE, sent=view.sentence_of(org.start), attrs={"source": "的"}))
    return relations


def _ends_name(view: DocView, ent: Ent) -> bool:
    """Whether ``ent`` is a whole name: a separator follows, or (with LAC's tags) a word that is no noun."""
    if WHOLE_NAME_END.match(view.text, ent.end):
        return True
    tag = view.word_tag_at(ent.end)
    return tag is not None and not tag.startswith("n") and tag not in NAME_TAGS


def _names_members(text: str, end: int) -> bool:
    """Whether a title follows the organisation (``全国政协委员``): the phrase names its members."""
    titles = load_titles()
    after = text[end:end + titles.max_length]
    return any(after[:n] in titles.titles for n in range(len(after), 1, -1))


@rule_step("zhkg.located_in.hierarchy.v1", LOCATED_IN)
def hierarchy(context: RuleContext) -> list[Relation]:
    """A mentioned place -> its nearest enclosing division the document also mentions."""
    return _hierarchy(context.view, context.places, _mentioned_places(context.view, context.places))


@rule_step("zhkg.located_in.organ_prefix.v1", LOCATED_IN)
def organ_prefix(context: RuleContext) -> list[Relation]:
    """An organ of government named after a mentioned place -> that place."""
    return _prefixes(context.view, context.places, _mentioned_places(context.view, context.places))


def _mentioned_places(view: DocView, lexicon: PlaceLookup) -> dict[str, str]:
    """Full name of each domestic place mentioned -> its canonical in-document name (first seen)."""
    mentioned: dict[str, str] = {}
    for ent in view.ents:
        if ent.label != PLACE:
            continue
        info = domestic(lexicon, ent.name) or domestic(lexicon, ent.text)
        if info is not None:
            mentioned.setdefault(info.full_name, ent.name)
    return mentioned


def _hierarchy(view: DocView, lexicon: PlaceLookup, mentioned: dict[str, str]) -> list[Relation]:
    relations = []
    for full_name, name in mentioned.items():
        info = domestic(lexicon, full_name)
        if info is None:
            continue
        for ancestor in ancestors(lexicon, info):
            if ancestor.full_name in mentioned:
                relations.append(_relation(name, PLACE, mentioned[ancestor.full_name], "hierarchy"))
                break
    return relations


def _prefixes(view: DocView, lexicon: PlaceLookup, mentioned: dict[str, str]) -> list[Relation]:
    relations = []
    for ent in view.ents:
        if ent.label != ORG:
            continue
        found = place_prefix(lexicon, ent.name)
        if found is None:
            continue
        prefix, info = found
        rest = ent.name[len(prefix):]
        if len(rest) <= ORGAN_REST_MAX and organ_rest().match(rest) and info.full_name in mentioned:
            relations.append(_relation(ent.name, ORG, mentioned[info.full_name], "prefix"))
    return relations


@lru_cache(maxsize=1)
def organ_rest() -> re.Pattern[str]:
    """What follows the place in the name of a government organ: 教育厅, 海关, 人民政府 (not a
    bare 省委/市委, which names the party committee rather than a located body). The words are
    the ``located_*`` roles of ``org_words.tsv``."""
    words = load_lexicon("org_words")

    def alternation(role: str) -> str:
        return "|".join(map(re.escape, longest_first(words.where("role", role))))

    return re.compile(rf"^(?:{alternation('located_level')})?"
                      rf"(?:[\u4e00-\u9fff]{{1,6}}?(?:{alternation('located_organ_ending')})"
                      rf"|{alternation('located_body')})$")


def _relation(head: str, head_type: str, tail: str, source: str) -> Relation:
    return Relation(
        relation=LOCATED_IN,
        head=head,
        head_type=head_type,
        tail=tail,
        tail_type=PLACE,
        sent=-1,
        attrs={"source": source},
    )
