"""HOLDS_POST: an official holds titles in an organisation.

The officials component has already read the apposition (``省教育厅党组书记、
厅长王建国``) into ``doc._.posts``; this turns each (person, organisation) pair
into one relation whose ``title`` joins every title for that organisation with
``|``. The organisation must be an ORG entity of the document, so the relation
uses its canonical in-document name (``省教育厅`` -> ``湖北省教育厅``) and never
invents a node. A post without an organisation gives no relation.

Steps: ``zhkg.holds_post.posts.v1`` (the posts as read) and
``zhkg.holds_post.title_chain.v1`` (every ``organisation + title`` link of the
chain before the name, for chains the officials component kept only in part).
"""

from __future__ import annotations

from zhkg.records import HOLDS_POST, ORG, PERSON, Relation
from pipelines.lexicons.titles import TitleLexicon, load_titles
from pipelines.rules.steps import RuleContext, rule_step
from pipelines.rules.view import DocView, Ent

CHAIN_SEPARATORS = "、"
CLAUSE_STOPS = "，,。；;：:！？!?\n"
LINK_REACH = 8  # how far before a link the separator of the previous one may be
ORG_MAX = 30
TITLE_WINDOW = 40  # how far before the person an organisation named in ``orgs`` is looked for


@rule_step("zhkg.holds_post.posts.v1", HOLDS_POST)
def posts(context: RuleContext) -> list[Relation]:
    """HOLDS_POST from the officials' title chains in ``doc._.posts``."""
    return extract_holds_post(context.view)


@rule_step("zhkg.holds_post.title_chain.v1", HOLDS_POST)
def title_chain(context: RuleContext) -> list[Relation]:
    """Every ``organisation + title`` link of the chain before an official.

    ``中共中央政治局常委、国务院副总理、某领导小组组长王某``: the officials
    component may keep only the title nearest the name; walking the chain
    leftwards over ``、`` gives one HOLDS_POST per organisation named with a title.
    """
    view = context.view
    titles = load_titles()
    relations = []
    for post in view.posts:
        person = _person(view, post)
        if person is None:
            continue
        cursor = post.get("org_start") if post.get("org_start") is not None else person.start
        for org, title in _chain_links(view, titles, cursor):
            relations.append(_relation(view, person, org, [title]))
    return relations


def _chain_links(view: DocView, titles: TitleLexicon, cursor: int) -> list[tuple[Ent, str]]:
    """(organisation, title) pairs of the chain ending at ``cursor``, nearest first."""
    links = []
    while True:
        separator = _separator_before(view.text, cursor)
        if separator is None:
            return links
        title = _title_ending_at(view.text, titles, separator)
        if title is None:
            return links
        title_start = separator - len(title)
        org = next((e for e in view.ents_in(max(title_start - ORG_MAX, 0), title_start, (ORG,))
                    if e.end == title_start), None)
        if org is not None:
            links.append((org, title))
        cursor = org.start if org is not None else title_start


def _separator_before(text: str, cursor: int) -> int | None:
    """Offset of the ``、`` that closes the previous link, within a short reach of ``cursor``.

    The reach lets the walk pass the unrecognised head of a cut name
    (``第三次全国`` before ``农业普查领导小组``) but not a clause.
    """
    for i in range(cursor - 1, max(cursor - LINK_REACH, 0) - 1, -1):
        if text[i] in CHAIN_SEPARATORS:
            return i
        if text[i] in CLAUSE_STOPS:
            return None
    return None


def _title_ending_at(text: str, titles: TitleLexicon, end: int) -> str | None:
    for length in range(min(titles.max_length, end), 1, -1):
        if text[end - length:end] in titles.titles:
            return text[end - length:end]
    return None


def _relation(view: DocView, person: Ent, org: Ent, titles: list[str]) -> Relation:
    sent = view.sentence_of(person.start)
    date, date_end = view.date_at(sent, person.start)
    return Relation(
        relation=HOLDS_POST,
        head=person.name,
        head_type=PERSON,
        tail=org.name,
        tail_type=ORG,
        sent=sent,
        date=date,
        date_end=date_end,
        attrs={"title": "|".join(titles)},
    )


def extract_holds_post(view: DocView) -> list[Relation]:
    """One HOLDS_POST per (person, organisation) named in ``doc._.posts``."""
    grouped: dict[tuple[str, str], dict] = {}
    for post in view.posts:
        person = _person(view, post)
        if person is None:
            continue
        for org, titles in _orgs_with_titles(view, post, person):
            entry = grouped.setdefault(
                (person.name, org.name), {"person": person, "org": org, "titles": []}
            )
            entry["titles"].extend(t for t in titles if t and t not in entry["titles"])
    return [_relation(view, e["person"], e["org"], e["titles"]) for e in grouped.values()]


def _person(view: DocView, post: dict) -> Ent | None:
    """The PERSON entity at the post's person offsets."""
    start, end = post.get("person_start"), post.get("person_end")
    if start is None or end is None:
        return None
    found = [e for e in view.ents_in(start, end, (PERSON,))] or [
        e for e in view.ents if e.label == PERSON and e.start < end and start < e.end
    ]
    return found[0] if found else None


def _orgs_with_titles(view: DocView, post: dict, person: Ent) -> list[tuple[Ent, list[str]]]:
    """(organisation entity, its titles) pairs of one post.

    ``orgs`` aligns an organisation (or ``None``) with each title; without it
    every title belongs to ``org``. Titles without an organisation that follow
    one (``党组书记、厅长``) belong to the organisation before them.
    """
    titles: list[str] = list(post.get("titles") or [])
    orgs: list[str | None] = list(post.get("orgs") or [])
    main = _org_at(view, post.get("org_start"), post.get("org_end"))
    if len(orgs) != len(titles) or not any(orgs):
        return [(main, titles)] if main is not None else []
    pairs: dict[str, tuple[Ent, list[str]]] = {}
    current: Ent | None = None
    for title, org_text in zip(titles, orgs):
        if org_text:
            current = _org_named(view, org_text, person.start) or (
                main if main is not None and org_text in (main.text, main.name) else None
            )
        if current is not None:
            pairs.setdefault(current.name, (current, []))[1].append(title)
    return list(pairs.values())


def _org_at(view: DocView, start: int | None, end: int | None) -> Ent | None:
    """The ORG entity overlapping ``start``..``end``."""
    if start is None or end is None or start >= end:
        return None
    for ent in view.ents:
        if ent.label == ORG and ent.start < end and start < ent.end:
            return ent
    return None


def _org_named(view: DocView, text: str, person_start: int) -> Ent | None:
    """The ORG entity with this text nearest before the person (within the title window)."""
    best = None
    for ent in view.ents_in(max(person_start - TITLE_WINDOW, 0), person_start, (ORG,)):
        if text in (ent.text, ent.name) or ent.text.startswith(text) or text.startswith(ent.text):
            best = ent
    return best
