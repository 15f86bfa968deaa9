"""Build small annotated Docs for the resolver, relation and record tests.

Docs come from ``spacy.blank("zh")`` (one token per character) with sentences
ending at 。！？!? and newlines, entities given in text order as
``(surface, label)`` or ``(surface, label, kb_id)``, and ``doc._.posts``
given as ``(person, titles, org)``, located in the text like the officials
component would.
"""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.tokens import Doc

from pipelines.spans import CharSpan, set_entities
from pipelines.extensions import register_extensions

SENTENCE_ENDS = frozenset("。！？!?\n")
_NLP = spacy.blank("zh")


@dataclass(frozen=True)
class Place:
    """A PlaceInfo stand-in for the fake lexicon."""

    name: str
    full_name: str
    level: str
    parent: str | None = None
    province: str | None = None


class FakePlaces:
    """A tiny place lexicon with the ``lookup``/``match_forms`` API of the real one."""

    def __init__(self, places: list[Place]) -> None:
        self._by_name: dict[str, Place] = {}
        for place in places:
            self._by_name.setdefault(place.full_name, place)
            self._by_name.setdefault(place.name, place)

    def lookup(self, name: str) -> Place | None:
        return self._by_name.get(name)

    def match_forms(self) -> frozenset[str]:
        return frozenset(self._by_name)


PLACES = FakePlaces(
    [
        Place("安徽", "安徽省", "province", None, "安徽省"),
        Place("浙江", "浙江省", "province", None, "浙江省"),
        Place("湖南", "湖南省", "province", None, "湖南省"),
        Place("阜阳", "阜阳市", "city", "安徽省", "安徽省"),
        Place("六安", "六安市", "city", "安徽省", "安徽省"),
        Place("淮南", "淮南市", "city", "安徽省", "安徽省"),
        Place("合肥", "合肥市", "city", "安徽省", "安徽省"),
        Place("宿州", "宿州市", "city", "安徽省", "安徽省"),
        Place("芜湖", "芜湖市", "city", "安徽省", "安徽省"),
        Place("杭州", "杭州市", "city", "浙江省", "浙江省"),
        Place("寿县", "寿县", "county", "淮南市", "安徽省"),
        Place("灵璧", "灵璧县", "county", "宿州市", "安徽省"),
        Place("皖北", "皖北", "region", "安徽省", "安徽省"),
        Place("中国", "中华人民共和国", "country"),
    ]
)


def make_doc(
    text: str,
    ents: list[tuple[str, ...]] = (),
    posts: list[tuple[str, list[str], str | None]] = (),
    meta: dict | None = None,
) -> Doc:
    """A Doc of ``text`` with sentences, entities, posts and meta set."""
    register_extensions()
    doc = _NLP.make_doc(text)
    for i, token in enumerate(doc):
        token.is_sent_start = i == 0 or doc[i - 1].text[-1] in SENTENCE_ENDS
    spans, cursor = [], 0
    for surface, label, *kb in ents:
        start = text.index(surface, cursor)
        spans.append(CharSpan(start, start + len(surface), label, kb[0] if kb else ""))
        cursor = start + len(surface)
    set_entities(doc, spans)
    doc._.posts = [_post(text, *post) for post in posts]
    doc._.meta = meta if meta is not None else {"doc_id": "t", "date": "2023-08-03"}
    return doc


def _post(text: str, person: str, titles: list[str], org: str | None) -> dict:
    start = text.index(person)
    org_start = text.rindex(org, 0, start) if org else None
    return {
        "person": person,
        "person_start": start,
        "person_end": start + len(person),
        "titles": titles,
        "orgs": [org] * len(titles),
        "org": org,
        "org_start": org_start,
        "org_end": org_start + len(org) if org else None,
    }


def relations_of(doc: Doc, kind: str) -> set[tuple[str, str]]:
    """(head, tail) pairs of one relation type in ``doc._.relations``."""
    return {(r["head"], r["tail"]) for r in doc._.relations or [] if r["relation"] == kind}


def resolve_and_extract(doc: Doc, relations: tuple[str, ...] | None = None) -> Doc:
    """Run the resolver and the relation extractor (fake place lexicon) on ``doc``."""
    from pipelines.components.relations import RelationExtractor
    from pipelines.components.resolver import Resolver

    Resolver("resolver", lexicon=PLACES)(doc)
    kinds = {"relations": relations} if relations else {}
    return RelationExtractor("relations", lexicon=PLACES, **kinds)(doc)
