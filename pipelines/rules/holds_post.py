"""HOLDS_POST: an official holds titles in an organisation.

The officials component has already read the apposition (``省教育厅党组书记、
厅长王建国``) into ``doc._.posts``; this turns each (person, organisation) pair
into one relation whose ``title`` joins every title for that organisation with
``|``. The organisation must be an ORG entity of the document, so the relation
uses its canonical in-document name (``省教育厅`` -> ``湖北省教育厅``) and never
invents a node. A post without an organisation gives no relation.
"""

from __future__ import annotations

from zhkg.records import HOLDS_POST, ORG, PERSON, Relation
from pipelines.rules.steps import RuleContext, rule_step
from pipelines.rules.view import DocView, Ent

TITLE_WINDOW = 40  # how far before the person an organisation named in ``orgs`` is looked for


@rule_step("zhkg.holds_post.posts.v1", HOLDS_POST)
def posts(context: RuleContext) -> list[Relation]:
    """HOLDS_POST from the officials' title chains in ``doc._.posts``."""
    return extract_holds_post(context.view)


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
    relations = []
    for entry in grouped.values():
        person, org = entry["person"], entry["org"]
        sent = view.sentence_of(person.start)
        date, date_end = view.date_at(sent, person.start)
        relations.append(
            Relation(
                relation=HOLDS_POST,
                head=person.name,
                head_type=PERSON,
                tail=org.name,
                tail_type=ORG,
                sent=sent,
                date=date,
                date_end=date_end,
                attrs={"title": "|".join(entry["titles"])},
            )
        )
    return relations


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
