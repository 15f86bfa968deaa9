"""In-document resolution: one canonical name per entity, written to ``span.kb_id_``.

News names one organisation many ways within a report, and the graph needs
one node for it. Inside a document the resolver:

- drops party-body and office suffixes: ``教育部党组``, ``国家税务总局党委``,
  ``X机关`` -> ``X``;
- expands short names from the document's province or city: ``省教育厅`` ->
  ``湖北省教育厅`` when the document names it in full, or when one province
  clearly dominates the places it mentions (``全省`` then names that province);
- credits a group a body sends (``民政部调研组``, from ``group_noun`` of
  ``relation_words.tsv``) to the body;
- makes variants one: ``中央社会工作部`` -> ``中共中央社会工作部``, ``某某电力公司`` ->
  ``南方电网`` when the document uses both forms;
- names a short title (``《规定》``) after the document it shortens;
- marks the repeats of a person's name the recognisers missed in some context;
- resolves anaphora (``该厅``, ``该局``, ``本厅``, ``全厅``, ``厅党组``) to the
  nearest preceding organisation of the same kind (name ending in the same
  organ character), first in the paragraph, then in the document, adding an
  ORG entity for the anaphor so relations can use it as a subject.

An existing ``kb_id_`` (set by a recogniser) is the starting point instead of
the surface text. Cross-document merging (``发改委`` = ``国家发展和改革委员会``) is
left to ``graph/``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from zhkg.records import INITIATIVE, ORG, PERSON, PLACE
from pipelines.place_lexicon import PlaceLexiconMixin
from pipelines.spans import CharSpan, doc_text, paragraph_starts, set_entities, span_name, span_text
from pipelines.extensions import register_extensions
from pipelines.lexicons.relation_words import load_relation_words
from pipelines.lexicons.divisions import CITY, PROVINCE
from pipelines.lexicons.tables import alternation, load_lexicon
from pipelines.rules.geo import PlaceLookup, domestic, place_prefix

FACTORY = "zhkg_resolver_v1"  # spaCy forbids "." in factory names

PARTY_PREFIX = "中共"
SHORT_TITLE = re.compile(r"《(?P<name>[^《》]{2,6})》")
COMPANY_SUFFIX = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|公司)$")
# Party bodies and offices that stand for the organisation itself (name_words.tsv party_body_suffix).
_BODY_SUFFIXES = alternation(load_lexicon("name_words").where("role", "party_body_suffix"))
BODY_SUFFIX = re.compile(rf"(?:{_BODY_SUFFIXES})$")
NAME_MIN = 2
# ``该厅``/``本局``/``全厅``/``厅党组``: group ``organ`` is the kind of organisation meant.
ANAPHOR = re.compile(
    r"(?:该|本)(?P<organ>厅|局|委|署|院|中心|公司|集团|部(?![分门位署]))"
    r"|全(?P<whole>厅)"
    rf"|(?P<body>厅|局|部|委)(?:{_BODY_SUFFIXES})"
)
# A new ``厅党组``-style anaphor must not continue a name the recognisers missed (财政厅党组);
# one a recogniser marked as an ORG on its own is trusted.
ANAPHOR_AFTER = frozenset("的和及与、，,。；;：:“《（(在对由向是为各把将从")
# Short names that do not name an organisation of the province: 省份, 省内, 省长 ...
SHORT_NAME_NOT = frozenset("份内外级会长直属")
SHORT_PREFIXES: dict[str, str] = {"省": PROVINCE, "市": CITY}
WHOLE_PROVINCE = frozenset({"全省", "本省", "我省"})
WHOLE_CITY = frozenset({"全市", "本市", "我市"})


@dataclass(frozen=True)
class DocPlaces:
    """The province and city a document is about, if one clearly dominates."""

    province: str | None = None
    province_name: str | None = None
    city: str | None = None
    city_name: str | None = None


class Resolver(PlaceLexiconMixin):
    """spaCy component: canonical in-document names in ``kb_id_`` and ORG spans for anaphora."""

    def __init__(self, name: str, *, min_mentions: int = 2, lexicon: PlaceLookup | None = None) -> None:
        if min_mentions < 1:
            raise ValueError(f"{FACTORY}: min_mentions must be at least 1, got {min_mentions}")
        self.name = name
        self.min_mentions = min_mentions
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        lexicon = self.place_lexicon()
        places = dominant_places(doc, lexicon, self.min_mentions)
        names = [canonical_name(e, doc, lexicon, places) for e in doc.ents]
        _rename(doc, names)
        resolved = anaphora(doc)
        known = {(e.start_char, e.end_char): i for i, e in enumerate(doc.ents)}
        names = [e.kb_id_ for e in doc.ents]
        for span in resolved:
            if (span.start, span.end) in known:
                names[known[span.start, span.end]] = span.kb_id
        _rename(doc, names)
        set_entities(doc, [s for s in resolved if (s.start, s.end) not in known])
        _rename(doc, unify_variants(doc))
        set_entities(doc, repeated_names(doc) + short_titles(doc))
        return doc


@Language.factory(FACTORY, default_config={"min_mentions": 2}, assigns=["doc.ents"], requires=["doc.ents"])
def make_resolver(nlp: Language, name: str, min_mentions: int) -> Resolver:
    register_extensions()
    return Resolver(name, min_mentions=min_mentions)


def canonical_name(ent: Span, doc: Doc, lexicon: PlaceLookup, places: DocPlaces) -> str:
    """The in-document name of one entity (its ``kb_id_`` or text, resolved)."""
    base = span_name(ent, doc_text(doc))
    if ent.label_ == ORG:
        return expand_short_name(strip_body_suffix(strip_group_noun(base)), doc, lexicon, places)
    if ent.label_ == PLACE:
        if base in WHOLE_PROVINCE and places.province_name:
            return places.province_name
        if base in WHOLE_CITY and places.city_name:
            return places.city_name
    return base


def strip_group_noun(name: str) -> str:
    """``民政部调研组`` -> ``民政部``: a group a body sends on a visit acts for the body.

    Named teams with a number or a body of their own (``市委第三巡察组``) are no
    group nouns and stay.
    """
    for noun in load_relation_words().words("group_noun"):
        if name.endswith(noun) and len(name) - len(noun) >= NAME_MIN:
            return name[: -len(noun)]
    return name


def unify_variants(doc: Doc) -> list[str]:
    """Canonical names with the variants of one body in a document made one.

    ``中央社会工作部`` is ``中共中央社会工作部`` when the document uses both, and
    ``南方电网公司`` is ``南方电网`` (a company suffix added to a name the
    document also uses bare). The longer Party form and the bare company form win.
    """
    text = doc_text(doc)
    ents = doc.ents
    names = {span_name(e, text) for e in ents if e.label_ == ORG}
    renamed = []
    for ent in ents:
        name = span_name(ent, text)
        if ent.label_ == ORG:
            if PARTY_PREFIX + name in names:
                name = PARTY_PREFIX + name
            else:
                bare = COMPANY_SUFFIX.sub("", name)
                if bare != name and len(bare) >= NAME_MIN + 1 and bare in names:
                    name = bare
        renamed.append(name)
    return renamed


def repeated_names(doc: Doc) -> list[CharSpan]:
    """PERSON spans for the unmarked repeats of a person's name found elsewhere in the document.

    The recognisers miss a name in some contexts (``X向…敬献花篮``) that they find
    in others; each repeat that overlaps no entity gets the person's canonical name.
    """
    text = doc_text(doc)
    ents = doc.ents
    people = {span_text(e, text): span_name(e, text) for e in ents
              if e.label_ == PERSON and e.end_char - e.start_char >= NAME_MIN}
    taken = sorted((e.start_char, e.end_char) for e in ents)
    found = []
    for surface, name in people.items():
        for match in re.finditer(re.escape(surface), text):
            start, end = match.span()
            if not any(s < end and start < e for s, e in taken):
                found.append(CharSpan(start, end, PERSON, kb_id=name))
    return found


def short_titles(doc: Doc) -> list[CharSpan]:
    """INITIATIVE spans for ``《规定》``-style short titles of a document named in full before.

    After ``《某某管理规定》`` a report writes ``《规定》``; the short title is the
    end of the full one, and names the latest initiative it ends.
    """
    text = doc_text(doc)
    ents = doc.ents
    initiatives = [(e.end_char, span_name(e, text)) for e in ents if e.label_ == INITIATIVE]
    taken = [(e.start_char, e.end_char) for e in ents]
    found = []
    for match in SHORT_TITLE.finditer(text):
        start, end = match.span("name")
        if any(s < end and start < e for s, e in taken):
            continue
        earlier = [name for stop, name in initiatives if stop <= start
                   and name.endswith(match.group("name")) and len(name) > end - start]
        if earlier:
            found.append(CharSpan(start, end, INITIATIVE, kb_id=earlier[-1]))
    return found


def strip_body_suffix(name: str) -> str:
    """``教育部党组`` -> ``教育部``; a name that is only the suffix stays."""
    stripped = BODY_SUFFIX.sub("", name)
    return stripped if len(stripped) >= NAME_MIN else name


def expand_short_name(name: str, doc: Doc, lexicon: PlaceLookup, places: DocPlaces) -> str:
    """``省教育厅`` -> ``湖北省教育厅``: the full name the document uses, else the dominant province's.

    Names starting with ``省``/``市`` that are not organisations (``省长``,
    ``省内``) and names without a clear province or city stay as they are.
    """
    level = SHORT_PREFIXES.get(name[:1])
    if level is None or len(name) < 3 or name[1] in SHORT_NAME_NOT:
        return name
    rest = name[1:]
    text = doc_text(doc)
    for ent in doc.ents:
        if ent.label_ != ORG:
            continue
        full = strip_body_suffix(span_name(ent, text))
        if full.endswith(rest) and len(full) > len(name):
            info = domestic(lexicon, full[: -len(rest)])
            if info is not None and info.level == level:
                return full
    base = places.province if level == PROVINCE else places.city
    if base is None:
        return name
    return base + rest if base.endswith(name[0]) else base + name


def dominant_places(doc: Doc, lexicon: PlaceLookup, min_mentions: int = 2) -> DocPlaces:
    """The province (and city) the document's places and organisation names point to.

    Every domestic place mentioned counts for its province, and organisation
    names starting with a place (``湖北省教育厅``) count too. A winner needs
    ``min_mentions`` and strictly more than the runner-up.
    """
    provinces: Counter[str] = Counter()
    cities: Counter[str] = Counter()
    province_names: dict[str, Counter[str]] = {}
    city_names: dict[str, Counter[str]] = {}
    text = doc_text(doc)
    for ent in doc.ents:
        info = None
        if ent.label_ == PLACE:
            name = span_name(ent, text)
            info = domestic(lexicon, name)
            if info is not None and info.level == PROVINCE:
                province_names.setdefault(info.full_name, Counter())[name] += 1
            if info is not None and info.level == CITY:
                city_names.setdefault(info.full_name, Counter())[name] += 1
                cities[info.full_name] += 1
        elif ent.label_ == ORG:
            found = place_prefix(lexicon, span_name(ent, text))
            info = found[1] if found is not None else None
        if info is not None and info.province:
            provinces[info.province] += 1
    province = _winner(provinces, min_mentions)
    city = _winner(cities, min_mentions)
    return DocPlaces(
        province=province,
        province_name=_most_common(province_names.get(province)) if province else None,
        city=city,
        city_name=_most_common(city_names.get(city)) if city else None,
    )


def _rename(doc: Doc, names: list[str]) -> None:
    """Give each entity of ``doc`` its name as ``kb_id`` (nothing to do when each has it already)."""
    ents = doc.ents
    if [e.kb_id_ for e in ents] != names:
        doc.ents = [Span(doc, e.start, e.end, label=e.label_, kb_id=n) for e, n in zip(ents, names)]


def anaphora(doc: Doc) -> list[CharSpan]:
    """ORG spans for ``该厅``-style anaphora, named after their antecedent.

    An anaphor a recogniser already marked as an ORG of exactly that span is
    returned too, so its name can be replaced; anaphora overlapping other
    entities (``教育部党组`` holds ``部党组``) are not anaphora.
    """
    text = doc_text(doc)
    ents = doc.ents
    orgs = [(e.start_char, e.end_char, span_name(e, text)) for e in ents if e.label_ == ORG]
    taken = [(e.start_char, e.end_char, e.label_) for e in ents]
    paragraphs = paragraph_starts(text)
    found = []
    for match in ANAPHOR.finditer(text):
        start, end = match.span()
        clashes = [(s, e, label) for s, e, label in taken if s < end and start < e]
        if clashes and clashes != [(start, end, ORG)]:
            continue
        if not clashes and match.group("body") and start > 0 and text[start - 1] not in ANAPHOR_AFTER \
                and not text[start - 1].isspace():
            continue
        organ = match.group("organ") or match.group("whole") or match.group("body")
        antecedent = _antecedent(orgs, start, organ, _paragraph_start(paragraphs, start))
        if antecedent is not None:
            found.append(CharSpan(start, end, ORG, kb_id=antecedent))
    return found


def _antecedent(orgs: list[tuple[int, int, str]], offset: int, organ: str, paragraph_start: int) -> str | None:
    """The nearest organisation before ``offset`` whose name ends with ``organ``, paragraph first."""
    before = [o for o in orgs if o[1] <= offset and _same_kind(o[2], organ)]
    if not before:
        return None
    in_paragraph = [o for o in before if o[0] >= paragraph_start]
    return (in_paragraph or before)[-1][2]


def _same_kind(name: str, organ: str) -> bool:
    return name.endswith(organ) or (organ == "委" and name.endswith("委员会"))


def _paragraph_start(starts: list[int], offset: int) -> int:
    before = [s for s in starts if s <= offset]
    return before[-1] if before else 0


def _winner(counts: Counter[str], min_mentions: int) -> str | None:
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < min_mentions:
        return None
    if len(ranked) > 1 and ranked[1][1] >= ranked[0][1]:
        return None
    return ranked[0][0]


def _most_common(counter: Counter[str] | None) -> str | None:
    return counter.most_common(1)[0][0] if counter else None
