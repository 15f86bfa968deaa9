"""VISITED: a person or organisation goes to a place or organisation to inspect it.

Four steps, each a registered rule (see :mod:`pipelines.rules.steps`); the
words they read are classes of ``relation_words.tsv``:

- ``zhkg.visited.verb_purpose.v1``: a *visit verb* (``到``, ``赴``, ``深入``,
  ``在`` …; ``带队``/``带领`` before it marks a led visit), the targets, then a
  *purpose* (``调研``, ``考察`` …). A purpose may trail in a later clause,
  directly (``来到X，考察……``) or after a topic clause (``深入X，就……开展调研``),
  but the topic is never a target. ``在X调研`` needs the purpose right after.
- ``zhkg.visited.arrival.v1``: an *arrival verb* carries its targets without a
  purpose (``先后来到A、B``, ``走进X``, ``考察了A、B等企业``, ``飞抵X``); in a visit
  report a clause-leading ``到X`` does too (``到东方明珠塔俯瞰全貌``).
- ``zhkg.visited.site.v1`` (visit reports only): ``在X，他察看……`` and
  ``他在X了解……``: the visitor is at X.
- ``zhkg.visited.tribute.v1``: ``向X敬献花篮``.

A *visit report* is a document whose headline or lead states a purpose
(``X在某省调研``). Officials named with ``陪同`` accompany the visitor and are
never visitors themselves.
"""

from __future__ import annotations

import re

from pipelines.lexicons.relation_words import RelationWords, load_relation_words
from pipelines.lexicons.tables import char_class, load_lexicon
from pipelines.rules.steps import RuleContext, rule_step
from pipelines.rules.view import LIST_GAP, Clause, DocView, Ent
from zhkg.records import ORG, PERSON, PLACE, VISITED, Relation

VISIT_VERB = r"(?P<led>{led_marker}[^，,。；;]{{0,8}}?)?(?P<verb>{visit_verb})"
# ``在X指导下`` (under X's guidance) is no visit, hence the look-ahead.
PURPOSE = r"{purpose}(?!下)"
ARRIVAL = r"{arrival_verb}"
TRIBUTE = r"向(?P<targets>[^，,。；;]{{2,40}}?){tribute_verb}"
PURPOSE_LEAD_MAX = 6  # ``实地调研``, ``开展专项调研`` at the head of a following clause
FIRST_TARGET_GAP = 4
NEAR_PURPOSE_GAP = 2  # ``在X实地调研``
TRAILING_CLAUSES = 3
TARGET_LABELS = (PLACE, ORG)
NAME_TAIL_MAX = 2
NAME_RUN_MAX = 8  # glued text without the visitor's activity that still reads as a verb phrase
NAME_TAGS = frozenset({"LOC", "ORG", "PER"})
NAME_END = re.compile(r"^(?:[\s、，,。；;！？!?和及与等（(“”]|机关|党组|党委)")
# A description of the target between the verb and its name: ``位于某市的``, ``民营高新技术企业``.
TARGET_DESCRIPTION = r"(?:{situated})[^，,。；;、]{{1,16}}?的|[^，,。；;、“”\s的]{{0,8}}(?:{target_kind})(?=\S)"
# A clause whose subject is a group a body sends (``组织多个考察组先后赶赴``, ``调研组围绕``).
# A count of groups is written in digits or the numerals of numerals.tsv (三个调研组).
GROUP_OPENING = (r"(?:[\s\d日上下午晚间时]|随后|同时|此外)*(?:组织|派出|派|成立|组建)?(?:多个|若干|["
                 + char_class(load_lexicon("numerals").where("role", "numeral"))
                 + r"\d]+个)?[^，,。；;]{{0,4}}?(?:{group_noun})(?:成员)?(?:先后|分别|还|也|深入|实地)*")
REPORT_BODY_SENTENCES = 3  # the headline, the byline and the lead: where a report names its body
# Before a clause-leading ``到`` of a visit report: nothing but time words and adverbs.
LEADING_TO = re.compile(r"^(?:[\s\d日上下午晚间时]|随后|接着|又|还|再|并|先后|首先|最后|他|她)*$")
# A clause opening with ``在`` that only names where the visitor is: ``在X，``.
SITE_CLAUSE = re.compile(r"^(?:[\s\d日上下午晚间时]|随后|接着|首先|最后)*在")


@rule_step("zhkg.visited.verb_purpose.v1", VISITED)
def visits_with_purpose(context: RuleContext) -> list[Relation]:
    """Visit verb, targets, purpose: ``带队到A、B调研``, ``来到X，考察……``."""
    view, words = context.view, context.words
    verbs = words.regex(VISIT_VERB)
    relations: list[Relation] = []
    for clause in view.clauses:
        if clause.sent < 0:
            continue
        for match in verbs.finditer(view.text, clause.start, clause.end):
            verb_start = match.start("verb")
            if view.ent_covering(verb_start) is not None:
                continue
            relations.extend(_visit(view, words, clause, match))
    return relations


@rule_step("zhkg.visited.arrival.v1", VISITED)
def arrivals(context: RuleContext) -> list[Relation]:
    """Arrival verbs whose objects are the targets: ``先后来到A、B``, ``走进X``, ``考察了A等企业``."""
    view, words = context.view, context.words
    story = is_visit_report(view, words)
    relations: list[Relation] = []
    for clause in view.clauses:
        if clause.sent < 0:
            continue
        for match in words.regex(ARRIVAL).finditer(view.text, clause.start, clause.end):
            if view.ent_covering(match.start()) is None:
                relations.extend(_arrival(view, words, clause, match.start(), match.end(), match.group()))
        if story:
            relations.extend(_leading_to(view, words, clause))
    return relations


@rule_step("zhkg.visited.site.v1", VISITED)
def sites(context: RuleContext) -> list[Relation]:
    """In a visit report, ``在X，他察看……`` and ``他在X了解……``: the visitor was at X.

    Outside visit reports only a body's group names a visit this way
    (``在X，调研组围绕……进行调研``).
    """
    view, words = context.view, context.words
    story = is_visit_report(view, words)
    activity = words.regex(r"{site_activity}|" + PURPOSE)
    relations: list[Relation] = []
    for index, clause in enumerate(view.clauses):
        if clause.sent < 0:
            continue
        text = view.clause_text(clause)
        if words.regex(r"{accompany}").search(text):
            continue
        for match in re.finditer("在", text):
            at = clause.start + match.start()
            if view.ent_covering(at) is not None:
                continue
            # ``在A、B和C，`` names only sites, so every entity of the clause is one.
            whole = _targets(view, at + 1, clause.end)
            site_clause = bool(whole) and whole[-1].end == clause.end and SITE_CLAUSE.match(text)
            targets = whole if site_clause else _listed_targets(view, at + 1, clause.end)
            if not targets:
                continue
            if site_clause and index + 1 < len(view.clauses) and view.clauses[index + 1].sent == clause.sent:
                subjects, purpose = _site_visitors(view, words, view.clauses[index + 1], activity, story)
                relations.extend(_relations(view, subjects, targets, clause.sent, at, "在", purpose))
            elif story and not site_clause:
                after = targets[-1].end
                found = _first_free(view, activity, after, clause.end)
                if found is not None and found.start() - after <= NEAR_PURPOSE_GAP:
                    subjects = _visitors(view, words, clause, at)
                    relations.extend(_relations(view, subjects, targets, clause.sent, at, "在", found.group()))
    return relations


def _site_visitors(
    view: DocView, words: RelationWords, clause: Clause, activity: re.Pattern[str], story: bool
) -> tuple[list[Ent], str]:
    """Who was at the site of ``在X，`` and doing what, from the clause after it.

    A body's group (``调研组围绕……调研``) stands for its body; else, in a
    visit report, the subject of the visitor's activity (``他察看``) or the
    person opening the clause whatever the verb (``张三强调``).
    """
    found = _first_free(view, activity, clause.start, clause.end)
    purpose = found.group() if found is not None else ""
    if _group_opens(view, words, clause.start, clause.end):
        return (_sending_body(view, clause), purpose) if found is not None or story else ([], "")
    if not story:
        return [], ""
    if words.regex(r"{accompany}").search(view.clause_text(clause)):
        return _visitors(view, words, clause, clause.end), purpose
    if found is not None:
        return view.own_subject(found.start()), purpose
    return _named_visitor(view, clause), purpose


@rule_step("zhkg.visited.tribute.v1", VISITED)
def tributes(context: RuleContext) -> list[Relation]:
    """``向X敬献花篮``: the visitor stands at the memorial X."""
    view, words = context.view, context.words
    relations: list[Relation] = []
    for clause in view.clauses:
        if clause.sent < 0:
            continue
        for match in words.regex(TRIBUTE).finditer(view.text, clause.start, clause.end):
            targets = _listed_targets(view, match.start("targets"), match.end("targets"))
            if targets and targets[-1].end == match.end("targets"):
                subjects = _visitors(view, words, clause, match.start())
                relations.extend(_relations(view, subjects, targets, clause.sent, match.start(), "向"))
    return relations


def _named_visitor(view: DocView, clause: Clause) -> list[Ent]:
    """The person opening the clause after ``在X，`` in a visit report, whatever the verb.

    ``在某公司，张三强调……``: the official speaks at the site, so was there.
    """
    return [e for e in view.clause_subject(clause, clause.end) if e.label == PERSON]


def is_visit_report(view: DocView, words: RelationWords) -> bool:
    """Whether the headline or lead states a visit purpose (``X在某省调研``, ``赴X考察``)."""
    return words.regex(PURPOSE).search(view.heading_and_lead()) is not None


# -- the purpose step ---------------------------------------------------------------
def _visit(view: DocView, words: RelationWords, clause: Clause, match: re.Match[str]) -> list[Relation]:
    """The relations of one visit verb, or none when targets or purpose are missing."""
    verb = match.group("verb")
    verb_end = match.end("verb")
    purpose_in_clause = words.regex(PURPOSE).search(view.text, verb_end, clause.end)
    topic = words.regex(r"{topic_marker}").search(view.text, verb_end, clause.end)
    region_end = min((m.start() for m in (purpose_in_clause, topic) if m is not None), default=clause.end)
    targets = _targets(view, verb_end, region_end)
    if targets and _glued_tail(view, targets[-1].end, region_end):
        targets = targets[:-1]
    if not targets:
        return []
    if purpose_in_clause is not None and purpose_in_clause.start() == region_end:
        purpose = purpose_in_clause.group()
        if verb == "在" and purpose_in_clause.start() - targets[-1].end > NEAR_PURPOSE_GAP:
            return []
    elif verb == "在":
        return []
    else:
        purpose = _trailing_purpose(view, words, clause)
    if purpose is None:
        return []
    led = match.group("led") is not None
    trigger = match.group(0) if led and match.group("led") == "带队" else verb
    subjects = _visitors(view, words, clause, match.start())
    return _relations(view, subjects, targets, clause.sent, match.start("verb"), trigger, purpose, led=led)


def _trailing_purpose(view: DocView, words: RelationWords, clause: Clause) -> str | None:
    """A purpose stated in the clauses after the targets: at a clause head, or after a topic clause."""
    index = view.clauses.index(clause)
    in_topic = False
    for nxt in view.clauses[index + 1:index + 1 + TRAILING_CLAUSES]:
        if nxt.segment != clause.segment:
            return None
        text = view.clause_text(nxt)
        found = words.regex(PURPOSE).search(text)
        if words.regex(r"^{clause_topic}").match(text):
            in_topic = True
        if found is not None and (in_topic or found.start() <= PURPOSE_LEAD_MAX):
            return found.group()
        if not in_topic:
            return None
    return None


# -- the arrival step ---------------------------------------------------------------
def _arrival(view: DocView, words: RelationWords, clause: Clause, start: int, end: int, verb: str) -> list[Relation]:
    """Targets listed right after an arrival verb, up to a purpose, an activity or a topic."""
    stop = _first_free(view, words.regex(r"{purpose}|{site_activity}|{topic_marker}"), end, clause.end)
    limit = stop.start() if stop else clause.end
    targets = _listed_targets(view, end, limit)
    if targets and _opens_longer_name(view, words, targets[-1].end, clause.end, strict=_views_exhibits(words, verb)):
        targets = targets[:-1]
    if not targets:
        return []
    subjects = _visitors(view, words, clause, start)
    return _relations(view, subjects, targets, clause.sent, start, verb)


def _glued_tail(view: DocView, end: int, region_end: int) -> bool:
    """Whether a noun is glued to a target before the purpose (``合肥`` + ``救助站看望``).

    A short generic noun (``宿州市园区、企业``) leaves the target whole.
    """
    rest = view.text[end:region_end]
    if not rest or NAME_END.match(rest):
        return False
    tag = view.word_tag_at(end)
    glued = re.split(r"[、，,；;]", rest, maxsplit=1)[0]
    return len(glued) > NAME_TAIL_MAX and (tag is None or _is_nominal(tag))


def _views_exhibits(words: RelationWords, verb: str) -> bool:
    """``参观``/``瞻仰``: their objects are exhibits and sites named in full, never a bare place."""
    return verb in words.words("viewing_verb")


def _opens_longer_name(view: DocView, words: RelationWords, end: int, clause_end: int, *, strict: bool = False) -> bool:
    """Whether the text after the last target continues its name (``中国`` + ``极地考察图片展``).

    A target is whole when a separator, ``等`` or a body word (``机关``) follows
    it, or (with LAC's tags) a word that is no noun (``到东方明珠塔俯瞰全貌``); a
    noun glued to it, or a long run of text without the visitor's activity,
    means the recognisers found only the head of a longer name. Without
    LAC's tags (blank pipelines) only a short modifier (``实地``) may follow.
    The objects of viewing verbs (``参观``) must be whole names.
    """
    rest = view.text[end:clause_end]
    if not rest or NAME_END.match(rest):
        return False
    if strict:
        return True
    activity = words.regex(r"{purpose}|{site_activity}")
    if activity.match(rest):
        return False
    free = _first_free(view, activity, end, clause_end)
    run = (free.start() if free else clause_end) - end
    tag = view.word_tag_at(end)
    if tag is not None:
        return _is_nominal(tag) or run > NAME_RUN_MAX
    return run > NAME_TAIL_MAX


def _is_nominal(tag: str) -> bool:
    """LAC tags of nouns and names (n, nz, nw, LOC, ORG ...): a word that may continue a name."""
    return tag.startswith("n") or tag in NAME_TAGS


def _leading_to(view: DocView, words: RelationWords, clause: Clause) -> list[Relation]:
    """In a visit report, ``到X……`` as the clause's own verb (after a carried subject)."""
    text = view.clause_text(clause)
    for match in re.finditer("到", text):
        if not LEADING_TO.match(text[:match.start()]) and not _only_subject_before(view, clause, match.start()):
            continue
        at = clause.start + match.start()
        if view.ent_covering(at) is not None:
            continue
        return _arrival(view, words, clause, at, at + 1, "到")
    return []


def _only_subject_before(view: DocView, clause: Clause, offset: int) -> bool:
    """Whether only the clause subject (and time words) stands before ``offset`` in the clause."""
    subjects = view.clause_subject(clause, clause.start + offset)
    if not subjects:
        return False
    return LEADING_TO.match(view.text[subjects[-1].end:clause.start + offset]) is not None


# -- shared ---------------------------------------------------------------------------
def _visitors(view: DocView, words: RelationWords, clause: Clause, offset: int) -> list[Ent]:
    """The subjects at ``offset``, without the officials who only accompany (``X陪同Y来到``).

    ``张三陪同李四来到`` makes 李四 the visitor; ``在张三陪同下`` names no visitor.
    """
    before = view.text[clause.start:offset]
    if _group_opens(view, words, clause.start, offset, whole=True):
        return _sending_body(view, clause)
    accompany = words.regex(r"{accompany}").search(before)
    if accompany is None:
        return view.subjects_at(offset)
    if before[accompany.end():].lstrip().startswith("下"):
        return [e for e in view.subjects_at(offset) if e.start < clause.start + accompany.start()
                and not _in_accompany_phrase(view, e, clause.start + accompany.start())]
    guests = view.ents_in(clause.start + accompany.end(), offset, (PERSON, ORG))
    return guests[:1]


def _group_opens(view: DocView, words: RelationWords, start: int, end: int, *, whole: bool = False) -> bool:
    """Whether ``start``..``end`` opens with (``whole``: is only) a group sent by an unnamed body.

    A group named with its body (``某部调研组``) is an entity the resolver
    already credits to the body, so it is no bare group.
    """
    found = words.regex(GROUP_OPENING).match(view.text, start, end)
    if found is None or view.ents_in(start, found.end()):
        return False
    return not whole or found.end() == end


def _sending_body(view: DocView, clause: Clause) -> list[Ent]:
    """The body whose group (``调研组``, ``考察组``) makes the visit: the visit is the body's.

    The body is the organisation carried as subject into the clause
    (``某部……，组织专家组赶赴X``), else the one the report is about: the
    organisation subject of its first sentence.
    """
    carried = [e for e in view.subjects_at(clause.start) if e.label == ORG]
    if carried:
        return carried
    for lead in view.clauses:
        if lead.sent >= REPORT_BODY_SENTENCES or lead.start >= clause.start:
            break
        found = [e for e in view.clause_subject(lead, lead.end) if e.label == ORG] if lead.sent >= 0 else []
        if found:
            return found
    return []


def _in_accompany_phrase(view: DocView, ent: Ent, accompany_at: int) -> bool:
    """Whether ``ent`` stands inside ``在……陪同下`` (an accompanying official)."""
    opener = view.text.rfind("在", 0, accompany_at)
    return opener != -1 and opener < ent.start


def _targets(view: DocView, start: int, end: int) -> list[Ent]:
    """Places and organisations from ``start`` (just after the verb) to ``end``.

    The first must follow the verb closely; an organisation that is only the
    employer in an official's title (``湖北省省长X``) is not a target, nor is
    an entity that only opens an organisation's name.
    """
    return _without_name_prefixes(_candidates(view, start, end))


def _candidates(view: DocView, start: int, end: int) -> list[Ent]:
    """Targets after ``start``; a leading description (``位于某市的``, ``民营企业``) is no target."""
    described = load_relation_words().regex(TARGET_DESCRIPTION).match(view.text, start, end)
    if described is not None and view.ent_covering(described.end() - 1) is not None:
        described = None  # the "description" is the head of the target's own name (中国企业联合会)
    if described is not None:
        start = described.end()
    found = [e for e in view.ents_in(start, end, TARGET_LABELS) if not _in_title(view, e, end)]
    if described is not None:
        return found if found and found[0].start == start else []
    return found if found and found[0].start - start <= FIRST_TARGET_GAP else []


def _without_name_prefixes(found: list[Ent]) -> list[Ent]:
    return [e for e, nxt in zip(found, [*found[1:], None]) if not _name_prefix(e, nxt)]


def _listed_targets(view: DocView, start: int, end: int) -> list[Ent]:
    """Targets from ``start`` forming one list: ``A、B和C等``, each glued or coordinated to the last.

    The list stops at the first gap that is no coordination, so a later
    entity of the clause (an object, a topic) is not a target.
    """
    listed: list[Ent] = []
    for ent in _candidates(view, start, end):
        if listed and not LIST_GAP.match(view.text[listed[-1].end:ent.start]):
            break
        listed.append(ent)
    return _without_name_prefixes(listed)


def _first_free(view: DocView, pattern: re.Pattern[str], start: int, end: int) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``start``..``end`` that is not inside an entity name."""
    for match in pattern.finditer(view.text, start, end):
        if view.ent_covering(match.start()) is None:
            return match
    return None


def _name_prefix(ent: Ent, nxt: Ent | None) -> bool:
    """An entity glued to the organisation after it opens that name (``山东`` + ``烟台红十字会``)."""
    return nxt is not None and nxt.label == ORG and nxt.start == ent.end


def _in_title(view: DocView, ent: Ent, end: int) -> bool:
    """Whether ``ent`` only names where an official listed before ``end`` holds a title."""
    for person in view.ents_in(ent.end, end, (PERSON,)):
        if view.posts_of(person) and not view.title_residue(ent.end, person):
            return True
    return False


def _relations(
    view: DocView,
    subjects: list[Ent],
    targets: list[Ent],
    sent: int,
    offset: int,
    trigger: str,
    purpose: str = "",
    *,
    led: bool = False,
) -> list[Relation]:
    """One VISITED per (subject, target), dated by the nearest date before ``offset``."""
    date, date_end = view.date_at(sent, offset)
    return [
        Relation(
            relation=VISITED,
            head=subject.name,
            head_type=subject.label,
            tail=target.name,
            tail_type=target.label,
            sent=sent,
            date=date,
            date_end=date_end,
            attrs={"purpose": purpose, "led": led, "trigger": trigger},
        )
        for subject in subjects
        for target in targets
        if subject.name != target.name and subject not in targets
    ]
