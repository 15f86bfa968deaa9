"""PROMOTES: an organisation, person or place acting as government carries out an initiative.

Registered steps (see :mod:`pipelines.rules.steps`), reading ``promote_verb``, ``build_verb``,
``arrange_verb`` and ``manner_adverb`` of ``relation_words.tsv``:

- ``zhkg.promotes.verb_object.v1``: the initiative is the object of a promote
  verb (``开展``, ``实施``, ``推进``, ``印发`` …) in the same clause, with at most
  a few modifiers between (``推动实施“最多跑一次”改革``); coordinated initiatives
  after the first (``A和B``) are objects too. The actor is an organisation or
  place standing right before the verb (``听取X开展主题教育情况``, ``指导X开展…``,
  ``某市扎实开展…``), else the clause subject, a subject named after a leading
  ``在……中，`` clause, or one carried over from earlier clauses.
- ``zhkg.promotes.arranged.v1``: ``对X进行部署`` / ``对X作出部署``.
- ``zhkg.promotes.since_launch.v1``: ``X开展以来，某部……`` credits X to 某部.
- ``zhkg.promotes.headline_campaign.v1``: a report headlined ``A在B调研指导X``
  is about B's campaign X: B promotes X.
- ``zhkg.promotes.task_group_head.v1``: the head of a task group (``X领导小组组长``)
  promotes its task X when X is an initiative of the document.

A place never promotes a goal of the strong-X form (``某省打造X强省`` is an aim).

An initiative that is merely mentioned is never promoted by the bodies around it.
"""

from __future__ import annotations

import re

from pipelines.lexicons.org_words import load_org_words
from pipelines.lexicons.relation_words import RelationWords, load_relation_words
from pipelines.rules.geo import DOMESTIC_LEVELS
from pipelines.rules.steps import RuleContext, rule_step
from pipelines.rules.view import LIST_GAP, SUBJECT_LABELS, DocView, Ent
from zhkg.records import INITIATIVE, ORG, PERSON, PLACE, PROMOTES, Relation

OBJECT_GAP_MAX = 12
PROMOTE = r"(?:{promote_verb}|{build_verb})"
# A sentence of a speech that tells its hearers what to do (要……，坚决打赢……): no carried subject does it.
EXHORTATION = re.compile(r"\s*(?:要(?!求)|必须|务必)")
# Between verb and object: ``对``/``关于`` make the initiative a topic, not the object, and
# ``、``/``等`` close the verb's own object list (``决策部署、深化“放管服”改革``).
QUOTED = re.compile(r"“[^”]{1,30}”$")
OBJECT_GAP_BLOCK = re.compile(r"对|关于|向|给|同|与|、|等")
BLOCKING_LABELS = (ORG, PERSON)
ACTOR_LABELS = (ORG, PLACE)
PLACE_ACTOR_MIN = 2
# A place opening a clause acts as its government (``某市扎实开展…``).
SUBJECT_WITH_PLACES = (*SUBJECT_LABELS, PLACE)
ADJACENT = r"(?:{manner_adverb})*$"
ARRANGED = r"对(?P<object>[^，,。；;]{{2,40}}?)(?:进行|作出|做出)?(?:全面|细致|专门|具体)?(?:{arrange_verb})"
HEADLINE_GUIDE = r"(?:{purpose})(?:并)?(?:指导|督导)(?:开展)?"


@rule_step("zhkg.promotes.verb_object.v1", PROMOTES)
def verb_objects(context: RuleContext) -> list[Relation]:
    """Initiatives governed by a promote verb, credited to the actor before the verb."""
    view, words = context.view, context.words
    relations: list[Relation] = []
    for clause in view.clauses:
        if clause.sent < 0:
            continue
        for match in words.regex(PROMOTE).finditer(view.text, clause.start, clause.end):
            covering = view.ent_covering(match.start())
            if covering is not None and (covering.label != INITIATIVE or covering.start != match.start()):
                continue
            objects = _objects(view, words, match.start(), match.end(), _reach(view, clause.end), covering)
            if not objects:
                continue
            if view.text[max(match.start() - 2, 0):match.start()] == "关于":
                continue  # 关于深化X的意见: X is the topic of a document
            actors = _adjacent_actors(view, words, clause.start, match.start()) or (
                view.own_subject(match.start())
                if EXHORTATION.match(view.text, view.sentences[clause.sent].start, match.start())
                else view.subjects_at(match.start(), SUBJECT_WITH_PLACES)
            )
            actors = [a for a in actors if _can_act(context, a)]
            relations.extend(_relations(view, actors, objects, clause.sent, match.start(), match.group()))
    return relations


@rule_step("zhkg.promotes.arranged.v1", PROMOTES)
def arranged(context: RuleContext) -> list[Relation]:
    """``对主题教育进行部署``: the subject arranges, so promotes, the initiative."""
    view, words = context.view, context.words
    relations: list[Relation] = []
    for clause in view.clauses:
        if clause.sent < 0:
            continue
        for match in words.regex(ARRANGED).finditer(view.text, clause.start, clause.end):
            objects = [
                e for e in view.ents_in(match.start("object"), match.end("object"), (INITIATIVE,))
                if e.end == match.end("object") or LIST_GAP.match(view.text[e.end:match.end("object")])
            ]
            if not objects or _blocked(view, words, match.start("object"), objects[0].start):
                continue
            subjects = [a for a in view.subjects_at(match.start(), SUBJECT_WITH_PLACES) if _can_act(context, a)]
            relations.extend(_relations(view, subjects, objects, clause.sent, match.start(), "部署"))
    return relations


@rule_step("zhkg.promotes.since_launch.v1", PROMOTES)
def since_launch(context: RuleContext) -> list[Relation]:
    """``主题教育开展以来，某部……``: the subject of the clause after it carries the initiative out."""
    view, words = context.view, context.words
    relations: list[Relation] = []
    for index, clause in enumerate(view.clauses):
        if clause.sent < 0 or index + 1 >= len(view.clauses):
            continue
        for obj in view.ents_in(clause.start, clause.end, (INITIATIVE,)):
            if not words.regex(r"{launch_since}$").match(view.text, obj.end, clause.end):
                continue
            nxt = view.clauses[index + 1]
            if nxt.sent != clause.sent:
                continue
            actors = [a for a in view.clause_subject(nxt, nxt.end, SUBJECT_WITH_PLACES) if _can_act(context, a)]
            relations.extend(_relations(view, actors, [obj], clause.sent, obj.end, "开展以来"))
    return relations


@rule_step("zhkg.promotes.headline_campaign.v1", PROMOTES)
def headline_campaign(context: RuleContext) -> list[Relation]:
    """``A在B调研指导X`` as a headline: the visited bodies B promote the campaign X."""
    view, words = context.view, context.words
    if not view.sentences:
        return []
    first = view.sentences[0]
    relations: list[Relation] = []
    for match in words.regex(HEADLINE_GUIDE).finditer(view.text, first.start, first.end):
        objects = view.ents_in(match.end(), min(match.end() + OBJECT_GAP_MAX + 20, first.end), (INITIATIVE,))
        if not objects or objects[0].start - match.end() > OBJECT_GAP_MAX:
            continue
        opener = view.text.rfind("在", first.start, match.start())
        if opener == -1:
            continue
        bodies = [e for e in view.ents_in(opener + 1, match.start(), (ORG,))
                  if LIST_GAP.match(view.text[e.end:match.start()]) or e.end == match.start()]
        relations.extend(_relations(view, bodies, objects[:1], 0, match.start(), "指导"))
    return relations


@rule_step("zhkg.promotes.task_group_head.v1", PROMOTES)
def task_group_head(context: RuleContext) -> list[Relation]:
    """``第七次全国人口普查领导小组组长王某``: the head of a task group promotes its task.

    The task is an initiative the document names by itself (the group's name without the
    group word, e.g. ``第七次全国人口普查``); a group whose task is no initiative gives none.
    """
    view = context.view
    initiatives = {e.name for e in view.ents if e.label == INITIATIVE}
    relations: list[Relation] = []
    group_words = load_org_words().task_groups
    for post in view.posts:
        tasks = [_group_task(org or "", group_words) for org in post.get("orgs") or [post.get("org")]]
        tasks = [task for task in tasks if task in initiatives]
        person = next(iter(view.ents_in(post.get("person_start") or 0, post.get("person_end") or 0, (PERSON,))), None)
        if not tasks or person is None:
            continue
        objects = [Ent(person.start, person.end, INITIATIVE, task, task) for task in tasks]
        relations.extend(_relations(view, [person], objects, view.sentence_of(person.start), person.start, "组长"))
    return relations


def _group_task(org: str, group_words: tuple[str, ...]) -> str | None:
    """The task of a task group's name (``X领导小组`` -> X), or None for another organ."""
    word = next((w for w in group_words if org.endswith(w)), None)
    return org[: -len(word)] if word and len(org) > len(word) else None


def _reach(view: DocView, clause_end: int) -> int:
    """Where a verb's objects may end: the clause end, or past it for an initiative that spans
    it (a quoted set of campaigns with ``；`` inside ends a sentence only for the splitter)."""
    spanning = view.ent_covering(clause_end)
    return spanning.end if spanning is not None and spanning.label == INITIATIVE else clause_end


def _blocked(view: DocView, words: RelationWords, start: int, end: int) -> bool:
    """Whether an organisation or person before the object makes it another's (``对X开展Y`` is not)."""
    for ent in view.ents_in(start, end, BLOCKING_LABELS):
        if not words.regex(r"(?:{manner_adverb})*" + PROMOTE).match(view.text[ent.end:end]):
            return True
    return False


def _can_act(context: RuleContext, actor: Ent) -> bool:
    """Whether an actor may promote a domestic initiative: not a foreign country, not a fragment.

    A place acts as its government (``某市扎实开展``); a country the place
    lexicon knows as foreign (``法国``) is a partner in diplomacy, not an actor.
    """
    if actor.label != PLACE:
        return True
    if len(actor.name) < PLACE_ACTOR_MIN:
        return False
    info = context.places.lookup(actor.name)
    return info is None or info.level in DOMESTIC_LEVELS


def _adjacent_actors(view: DocView, words: RelationWords, clause_start: int, verb_start: int) -> list[Ent]:
    """An organisation or place right before the verb, with only manner adverbs between.

    ``听取X开展主题教育情况``, ``指导X开展……``, ``某市扎实开展……``: the entity is the
    verb's own actor even where the clause subject is someone else. Coordinated
    entities before it (``A、B扎实开展``) act too.
    """
    before = [e for e in view.ents_in(clause_start, verb_start) if e.end <= verb_start]
    if not before or before[-1].label not in ACTOR_LABELS:
        return []
    last = before[-1]
    if not words.regex(ADJACENT).match(view.text[last.end:verb_start]):
        return []
    group = [last]
    for ent in reversed(before[:-1]):
        if ent.label not in ACTOR_LABELS or not LIST_GAP.match(view.text[ent.end:group[0].start]):
            break
        group.insert(0, ent)
    return group


def _objects(
    view: DocView, words: RelationWords, verb_start: int, verb_end: int, end: int, covering: Ent | None
) -> list[Ent]:
    """The initiatives a verb governs: the first within reach, then those coordinated with it."""
    if covering is not None:
        first = covering
    else:
        initiatives = view.ents_in(verb_end, end, (INITIATIVE,))
        if not initiatives:
            return []
        first = initiatives[0]
        # A quoted name before the initiative is part of it (“不忘初心、牢记使命”主题教育).
        gap = QUOTED.sub("", view.text[verb_end:first.start])
        if (
            len(gap) > OBJECT_GAP_MAX
            or OBJECT_GAP_BLOCK.search(gap)
            or words.regex(PROMOTE).search(gap)
            or view.ents_in(verb_end, first.start, BLOCKING_LABELS)
        ):
            return []
    objects = [first]
    for ent in view.ents_in(first.end, end, (INITIATIVE,)):
        if not LIST_GAP.match(view.text[objects[-1].end:ent.start]):
            break
        objects.append(ent)
    return objects


def _relations(
    view: DocView, actors: list[Ent], objects: list[Ent], sent: int, offset: int, trigger: str
) -> list[Relation]:
    date, date_end = view.date_at(sent, offset)
    return [
        Relation(
            relation=PROMOTES,
            head=actor.name,
            head_type=actor.label,
            tail=obj.name,
            tail_type=INITIATIVE,
            sent=sent,
            date=date,
            date_end=date_end,
            attrs={"trigger": trigger},
        )
        for actor in actors
        for obj in objects
        if actor.name != obj.name and not _aim_of_place(actor, obj)
    ]


def _aim_of_place(actor: Ent, obj: Ent) -> bool:
    """``某省打造X强省``: a place that builds itself into a goal states an aim, not a programme."""
    return actor.label == PLACE and obj.name.endswith(load_relation_words().words("goal_word"))
