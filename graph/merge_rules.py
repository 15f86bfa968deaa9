"""Rules that link two names of the same entity across documents.

Each rule looks only at the shape of names and at which names the corpus holds
(no entity is named in code), and links names in a :class:`UnionFind`. Rules that
guess (a short form that could stand for a longer one) merge only when the guess is
unambiguous: exactly one candidate group. Every rule is deterministic: it visits
names in a sorted order, so the groups do not depend on the order of documents.

The words the rules use are generic Chinese administrative and policy words:
administrative level suffixes (省, 市, 县, 自治区, ...), party bodies (党组, 党委,
机关), the country and party prefixes of central bodies (中国, 中华人民共和国,
中共) and the verbs and nouns that wrap a policy name (推进…, …建设, …工作), all
read from ``pipelines/lexicons/name_words.tsv`` and ``place_words.tsv``
(:func:`merge_words`). The names of bodies come from the lexicons too (central
organs and their abbreviations, bodies renamed by the reforms).

:func:`junk_keys` and :func:`short_form_targets` decide, at the corpus level,
which names are not entities at all (one character, two names joined by 会同 or
和, a headline glued to a name) and which short forms stand for a country or a
province (中, 中方 -> 中国).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

from networkx.utils import UnionFind

from graph.names import name_key
from zhkg.records import INITIATIVE, ORG, PERSON, PLACE

logger = logging.getLogger(__name__)

EntityKey = tuple[str, str]
"""``(entity type, matching key)``; see :func:`graph.names.name_key`."""

@dataclass(frozen=True)
class MergeWords:
    """The rules' vocabulary, read from the lexicons (see :func:`merge_words`)."""

    place_suffixes: tuple[str, ...]
    """Administrative level words that end a place name (山东省, 烟台市, 西北地区), longest first."""
    level_chars: frozenset[str]
    """One-character level words that stand for "this province/city/..." in a short
    organisation name (省教育厅, 市委) or follow a place inside one (烟台市红十字会)."""
    party_body_suffixes: tuple[str, ...]
    """Party bodies and the organ's staff named after the organisation they belong to."""
    initiative_suffixes: tuple[str, ...]
    """Words after a policy name that do not change what it refers to."""
    initiative_prefixes: tuple[str, ...]
    """Verbs before a policy name that do not change what it refers to."""
    national_prefixes: tuple[str, ...]
    """The country or the Party in front of a central body (中国外交部, 中共中央社会工作部), longest first."""
    national_body_starts: tuple[str, ...]
    """A prefixed name only joins the bare one when the bare one reads as a state or Party
    body: it starts with one of these words or ends with one of :attr:`national_body_ends`
    (中国美术馆 and 美术馆, 中国共产党 and 共产党 stay apart)."""
    national_body_ends: tuple[str, ...]
    always_joins: tuple[str, ...]
    """Words that join two names into one span wherever they occur (外交部会同商务部)."""
    joins_between_names: tuple[str, ...]
    """Words that join two names only when both sides are known names (外交部和商务部, X会见Y)."""
    company_forms: tuple[str, ...] = ()
    """Legal and group forms that end a company's name (集团, 有限公司), longest first."""
    meeting_ends: tuple[str, ...] = ()
    """The last word of a meeting's name (会议, 大会)."""


@lru_cache(maxsize=1)
def merge_words() -> MergeWords:
    """The words of ``name_words.tsv`` by role, the division levels of ``place_words.tsv``, the
    company forms of ``company_words.tsv`` and the meeting words of ``initiative_words.tsv``.

    Read through the spaCy-free :mod:`pipelines.lexicons.tables`, once per process.
    """
    from pipelines.lexicons.tables import load_lexicon, longest_first

    words = load_lexicon("name_words")

    def role(name: str) -> tuple[str, ...]:
        return words.where("role", name)

    return MergeWords(
        place_suffixes=longest_first(load_lexicon("place_words").where("role", "division_level")),
        level_chars=frozenset(role("level_char")),
        party_body_suffixes=role("party_body_suffix"),
        initiative_suffixes=role("initiative_suffix"),
        initiative_prefixes=role("initiative_prefix"),
        national_prefixes=longest_first(role("national_prefix")),
        national_body_starts=role("national_body_start"),
        national_body_ends=role("national_body_end"),
        always_joins=role("always_join"),
        joins_between_names=role("list_conjunction") + role("join_word"),
        company_forms=longest_first(load_lexicon("company_words").where("role", "company_form")),
        meeting_ends=load_lexicon("initiative_words").where("role", "meeting_end"),
    )


# Punctuation that never belongs to the name of an organisation, person or place.
LIST_MARKS = "、，,；;"
# The suffix of "the X side" (中方, 美方): the country itself.
SIDE_SUFFIX = "方"
# Short-form rules never shorten a name below this many characters.
MIN_SHORT_LEN = 2
# A qualifying place inside an organisation name is at most this long (黑龙江 = 3).
MAX_PLACE_PREFIX = 4


@dataclass
class NameIndex:
    """What the rules may consult: known keys per type, and where each occurs."""

    keys: dict[str, set[str]] = field(default_factory=dict)
    docs: dict[EntityKey, set[str]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    """Document texts passed through :func:`graph.names.name_key`, by doc id."""
    first: dict[tuple[EntityKey, str], int] = field(default_factory=dict)
    """``(entity, doc id)`` -> offset of the first mention of the name in that document."""
    mentioned: set[EntityKey] = field(default_factory=set)
    """Keys named by a mention (not only as a lexicon alias)."""
    spaced: dict[EntityKey, str] = field(default_factory=dict)
    """Keys written with a space somewhere -> the key of the last part (a headline glued on)."""

    def introduces(self, full: EntityKey, short: EntityKey) -> bool:
        """Whether some document mentions ``full`` before it first mentions ``short``.

        News names an organisation in full, then abbreviates it; the reverse order
        is a sign of two different things (人大 ... 新时代人大工作).
        """
        first = self.first
        return any(first.get((full, doc), -1) >= 0 and first[(full, doc)] < first.get((short, doc), -1)
                   for doc in self.docs.get(short, ()))

    def has(self, entity_type: str, key: str) -> bool:
        return key in self.keys.get(entity_type, ())

    def sorted_keys(self, entity_type: str) -> list[str]:
        """Keys of a type, longest first then by text: the order rules visit them."""
        return sorted(self.keys.get(entity_type, ()), key=lambda k: (-len(k), k))


def apply_all(index: NameIndex, uf: UnionFind) -> None:
    """Run every rule, in an order where each rule sees the merges before it."""
    for rule in (lexicon_aliases, national_prefixes, party_bodies, company_forms, company_abbreviations,
                 place_full_forms, level_char_variants, prefix_expansions, campaign_meetings,
                 initiative_affixes):
        merged = rule(index, uf)
        logger.debug("%s merged %d name pairs", rule.__name__, merged)


def lexicon_aliases(index: NameIndex, uf: UnionFind) -> int:
    """Names one lexicon entry gives for one body join: 环保部 / 环境保护部, 发改委 / ….

    The central organs table holds today's names, the reform table the names used
    before a body was renamed (a renamed body is *not* joined to its successor; see
    :func:`graph.build.add_renames`). An abbreviation that several entries share
    (央视 for 中央电视台 before the 2018 reform and for 中央广播电视总台 after it)
    joins the one entry whose full name the corpus mentions, and none when several
    are mentioned.
    """
    keyed = _lexicon_groups()
    entries: dict[str, list[int]] = {}
    for i, keys in enumerate(keyed):
        for key in keys:
            entries.setdefault(key, []).append(i)
    named = [(ORG, keys[0]) in index.mentioned for keys in keyed]
    merged = 0
    for i, keys in enumerate(keyed):
        present = [(ORG, k) for k in keys if index.has(ORG, k) and (
            len(entries[k]) == 1 or (named[i] and sum(named[j] for j in entries[k]) == 1))]
        for other in present[1:]:
            merged += link(uf, present[0], other)
    return merged


def shared_lexicon_keys() -> frozenset[str]:
    """Keys of abbreviations that several lexicon entries share (see :func:`lexicon_aliases`).

    A mention's own aliases are not trusted for these: the pipeline attaches
    today's full name to an abbreviation that a 2013 story meant for the old body.
    """
    seen: dict[str, int] = {}
    for keys in _lexicon_groups():
        for key in keys:
            seen[key] = seen.get(key, 0) + 1
    return frozenset(key for key, count in seen.items() if count > 1)


@lru_cache(maxsize=1)
def _lexicon_groups() -> tuple[tuple[str, ...], ...]:
    """Name keys of each central organ and each renamed body, full name first."""
    from pipelines.lexicons.organs import load_central_organs, load_renames

    groups = [organ.names for organ in load_central_organs().organs]
    groups += [rename.names for rename in load_renames()]
    return tuple(tuple(dict.fromkeys(name_key(n) for n in names)) for names in groups)


def national_prefixes(index: NameIndex, uf: UnionFind) -> int:
    """``中国X`` / ``中华人民共和国X`` / ``中共X`` join ORG ``X`` when ``X`` is a state or Party body.

    Chinese news names its own central bodies with or without the country
    (中国外交部 / 外交部) or the Party (中共中央社会工作部 / 中央社会工作部). ``X`` must be a
    known ORG of three or more characters that reads as a body
    (:attr:`MergeWords.national_body_starts`, :attr:`MergeWords.national_body_ends`).
    """
    words = merge_words()
    merged = 0
    for key in index.sorted_keys(ORG):
        prefix = next((p for p in words.national_prefixes if key.startswith(p)), None)
        if prefix is None:
            continue
        stem = key[len(prefix):]
        if len(stem) >= 3 and index.has(ORG, stem) and (
                stem.startswith(words.national_body_starts) or stem.endswith(words.national_body_ends)):
            merged += link(uf, (ORG, key), (ORG, stem))
    return merged


def party_bodies(index: NameIndex, uf: UnionFind) -> int:
    """``X党组`` / ``X党委`` / ``X机关`` join ORG ``X`` when ``X`` is a known ORG.

    The pipeline already strips these inside a document; this keeps the graph right
    when a document only ever names the party body.
    """
    suffixes = merge_words().party_body_suffixes
    merged = 0
    for key in index.sorted_keys(ORG):
        stem = key
        while True:
            suffix = next((s for s in suffixes if stem.endswith(s)), None)
            if suffix is None or len(stem) - len(suffix) < MIN_SHORT_LEN:
                break
            stem = stem[: -len(suffix)]
            if index.has(ORG, stem):
                merged += link(uf, (ORG, key), (ORG, stem))
                break
    return merged


def company_forms(index: NameIndex, uf: UnionFind) -> int:
    """ORG ``X集团`` / ``X有限公司`` joins ORG ``X`` when ``X`` is a known ORG and no place.

    A company is named with or without its legal or group form (:attr:`MergeWords.company_forms`);
    the form does not say which company. A place before the form (北京公司) is a kind, not a name.
    """
    from pipelines.lexicons.divisions import load_place_lexicon

    places = load_place_lexicon()
    merged = 0
    for key in index.sorted_keys(ORG):
        stem = _company_stem(key)
        if stem and index.has(ORG, stem) and not index.has(PLACE, stem) and stem not in places:
            merged += link(uf, (ORG, key), (ORG, stem))
    return merged


def company_abbreviations(index: NameIndex, uf: UnionFind) -> int:
    """ORG ``中X集团`` joins the one ORG ``中国X建筑集团``-like name it abbreviates.

    News shortens a company's name by keeping some of its characters in order, the first
    always, before the same form (集团, 公司). The short form joins when exactly one group of
    longer names of that form contains its characters in order; two candidates leave it apart.
    A longer name that starts with the whole short one adds a qualifier (X三局集团 is a unit of
    X集团), so it is no candidate.
    """
    by_form: dict[str, list[tuple[str, str]]] = {}
    for key in index.sorted_keys(ORG):
        stem = _company_stem(key)
        if stem:
            by_form.setdefault(key[len(stem):], []).append((stem, key))
    merged = 0
    for names in by_form.values():
        for stem, key in names:
            longer = [(ORG, k) for s, k in names
                      if len(s) > len(stem) and s[0] == stem[0] and not s.startswith(stem)
                      and _is_subsequence(stem, s)]
            if longer:
                merged += _merge_if_unique(uf, (ORG, key), longer)
    return merged


def _company_stem(key: str) -> str | None:
    """The name before the company form ``key`` ends in (two characters or more), if any."""
    form = next((f for f in merge_words().company_forms if key.endswith(f)), None)
    stem = key[: -len(form)] if form else ""
    return stem if len(stem) >= MIN_SHORT_LEN else None


def _is_subsequence(short: str, full: str) -> bool:
    """Whether the characters of ``short`` occur in ``full`` in the same order."""
    chars = iter(full)
    return all(c in chars for c in short)


def place_full_forms(index: NameIndex, uf: UnionFind) -> int:
    """PLACE ``X`` joins ``X`` + level suffix (山东 / 山东省) when only one such form exists.

    吉林 stays apart when both 吉林省 and 吉林市 are known.
    """
    suffixes = merge_words().place_suffixes
    merged = 0
    for short in index.sorted_keys(PLACE):
        if len(short) < MIN_SHORT_LEN:
            continue
        fulls = [short + s for s in suffixes if index.has(PLACE, short + s)]
        merged += _merge_if_unique(uf, (PLACE, short), [(PLACE, f) for f in fulls])
    return merged


def level_char_variants(index: NameIndex, uf: UnionFind) -> int:
    """``烟台市红十字会`` joins ``烟台红十字会``: a level word after a leading place.

    The level character sits after a 2-4 character place and inside the name; the
    shorter form must exist and be reached from exactly one longer form.
    """
    level_chars = merge_words().level_chars
    merged = 0
    for entity_type in (ORG, PLACE, INITIATIVE):
        targets: dict[str, list[str]] = {}
        for key in index.sorted_keys(entity_type):
            for i in range(MIN_SHORT_LEN, min(MAX_PLACE_PREFIX, len(key) - 2) + 1):
                if key[i] in level_chars:
                    shorter = key[:i] + key[i + 1:]
                    if index.has(entity_type, shorter):
                        targets.setdefault(shorter, []).append(key)
        for shorter, longer in sorted(targets.items()):
            if len(longer) == 1:
                merged += link(uf, (entity_type, shorter), (entity_type, longer[0]))
    return merged


def prefix_expansions(index: NameIndex, uf: UnionFind) -> int:
    """A short name joins the one longer name that adds a qualifier in front.

    ``省教育厅`` joins ``湖北省教育厅``; ``法规司`` joins ``商务部法规司``; ``烟台``
    joins ``山东烟台``. The added prefix must look like a place or an organisation
    (a known PLACE or ORG, a name ending in a level word, or a level word itself),
    or a document must write the longer name first and the short one later, with a
    prefix of two or more characters (``国家药监局`` ... ``药监局``; but not
    ``内蒙古`` ... ``蒙古``); a document that uses the short name
    must contain the prefix, and all longer
    candidates must already be one entity. Otherwise the names stay apart: 海关
    does not join 武汉海关 when 青岛海关 is also known.
    """
    merged = 0
    for entity_type in (ORG, PLACE, INITIATIVE):
        by_suffix: dict[str, list[str]] = {}
        for key in index.keys.get(entity_type, ()):
            for i in range(1, len(key) - MIN_SHORT_LEN + 1):
                by_suffix.setdefault(key[i:], []).append(key)
        for short in index.sorted_keys(entity_type):
            longer = [k for k in sorted(by_suffix.get(short, ()))
                      if _is_qualifier(index, k[: -len(short)], short)
                      or (len(k) - len(short) >= MIN_SHORT_LEN
                          and index.introduces((entity_type, k), (entity_type, short)))]
            candidates = [(entity_type, k) for k in longer]
            if _unique_group(uf, (entity_type, short), candidates) and _prefix_in_context(
                    index, (entity_type, short), longer):
                logger.debug("merge %s into %s", (entity_type, short), candidates[0])
                merged += link(uf, (entity_type, short), candidates[0])
    return merged


def campaign_meetings(index: NameIndex, uf: UnionFind) -> int:
    """A campaign's meeting named with and without the campaign's full name joins.

    ``专项教育总结大会`` joins ``守正笃行专项教育总结大会``: the short name opens with a
    known INITIATIVE (the campaign's short name) and ends with a meeting word
    (:attr:`MergeWords.meeting_ends`); the longer one adds the rest of the campaign's name in
    front. News names the campaign in full once and then by its short name, and so its
    meetings, in other documents too, where :func:`prefix_expansions` finds no qualifier. A
    prefix that reads as a place or organisation (某省…工作会议) makes a local meeting of its
    own and no candidate; the candidates must be one group, so two campaigns' meetings of
    the same short name leave it apart.
    """
    words = merge_words()
    keys = index.keys.get(INITIATIVE, set())
    by_suffix: dict[str, list[str]] = {}
    for key in keys:
        for i in range(MIN_SHORT_LEN, len(key) - MIN_SHORT_LEN + 1):
            by_suffix.setdefault(key[i:], []).append(key)
    merged = 0
    for short in index.sorted_keys(INITIATIVE):
        if not short.endswith(words.meeting_ends) or not _opens_with_initiative(index, short):
            continue
        longer = [(INITIATIVE, k) for k in sorted(by_suffix.get(short, ()))
                  if not _is_qualifier(index, k[: -len(short)], short)]
        if longer:
            merged += _merge_if_unique(uf, (INITIATIVE, short), longer)
    return merged


def _opens_with_initiative(index: NameIndex, name: str) -> bool:
    """Whether a known INITIATIVE other than ``name`` opens it, with a meeting word after it."""
    return any(index.has(INITIATIVE, name[:end]) for end in range(MIN_SHORT_LEN, len(name) - MIN_SHORT_LEN + 1))


def initiative_affixes(index: NameIndex, uf: UnionFind) -> int:
    """INITIATIVE ``X`` joins ``X建设``/``X工作``/``推进X``/... when both are known."""
    words = merge_words()
    merged = 0
    for key in index.sorted_keys(INITIATIVE):
        stems = [key[: -len(s)] for s in words.initiative_suffixes if key.endswith(s)]
        stems += [key[len(p):] for p in words.initiative_prefixes if key.startswith(p)]
        for stem in stems:
            if len(stem) >= MIN_SHORT_LEN and index.has(INITIATIVE, stem):
                merged += link(uf, (INITIATIVE, key), (INITIATIVE, stem))
    return merged


def junk_keys(index: NameIndex) -> set[EntityKey]:
    """Names that are no entity: one character, a list, two names joined, a headline glued on.

    Two names are joined by 会同, or by 和/与/会见/... between two known names.
    Two names written back to back stay (中央纪委国家监委 is one body with two names).

    Organisations, people and places only; a policy slogan may hold a space or a
    comma. Two-character names made of two country or province abbreviations
    (中美, 中俄) are a pair of countries, not one entity.
    """
    from pipelines.lexicons.divisions import abbreviation_chars, load_place_lexicon, whole_place_pairs

    places = load_place_lexicon()
    every = {key for keys in index.keys.values() for key in keys}
    pairs, whole = abbreviation_chars(), whole_place_pairs()
    official = _lexicon_keys()
    junk: set[EntityKey] = set()
    for entity_type in (ORG, PERSON, PLACE, INITIATIVE):
        for key in index.keys.get(entity_type, ()):
            if len(key) < MIN_SHORT_LEN:
                junk.add((entity_type, key))
            elif entity_type == INITIATIVE or key in official:
                continue
            elif ((entity_type, key) in index.spaced or any(c in LIST_MARKS for c in key)
                  or _joins_names(key, every)
                  or (len(key) == 2 and key[0] in pairs and key[1] in pairs and key not in whole
                      and key not in places)):
                junk.add((entity_type, key))
    return junk


def short_form_targets(index: NameIndex) -> dict[EntityKey, EntityKey]:
    """Short forms that stand for a country or province, and the name they stand for.

    - a one-character abbreviation (中, 美, 鄂): the country whose name starts with
      it, or the province it abbreviates; where several are known, the one named in
      most documents;
    - "the X side" (中方, 美方): the same country;
    - a name written after a headline and a space (明起试运行 中国人民银行): the
      last part, when that is a known name of the same type.
    """
    from pipelines.lexicons.divisions import COUNTRY, load_place_lexicon, province_abbreviations

    places = load_place_lexicon()
    provinces = province_abbreviations()
    candidates: dict[str, list[EntityKey]] = {}
    for key in index.keys.get(PLACE, ()):
        info = places.lookup(key)
        if info is not None and info.level == COUNTRY and len(key) >= MIN_SHORT_LEN:
            candidates.setdefault(key[0], []).append((PLACE, key))
    for char, province in provinces.items():
        info = places.lookup(province)
        for name in (province, info.name if info else ""):
            if name and index.has(PLACE, name):
                candidates.setdefault(char, []).append((PLACE, name))
    targets: dict[EntityKey, EntityKey] = {}
    for entity_type in (ORG, PERSON, PLACE):
        for key in index.keys.get(entity_type, ()):
            char = key[0] if len(key) == 1 or (len(key) == 2 and key[1] == SIDE_SUFFIX) else ""
            found = candidates.get(char) if char else None
            if found:
                targets[(entity_type, key)] = min(
                    found, key=lambda c: (-len(index.docs.get(c, ())), c[1]))
    for (entity_type, key), last in sorted(index.spaced.items()):
        if len(last) >= MIN_SHORT_LEN and index.has(entity_type, last):
            targets[(entity_type, key)] = (entity_type, last)
    return targets


@lru_cache(maxsize=1)
def _lexicon_keys() -> frozenset[str]:
    """Keys of every name in the organ lexicons: official names are never junk (中央和国家机关工委)."""
    from pipelines.lexicons.organs import load_renames

    keys = {key for group in _lexicon_groups() for key in group}
    return frozenset(keys | {name_key(rename.successor) for rename in load_renames()})


def _joins_names(key: str, every: set[str]) -> bool:
    """Whether ``key`` is two names joined by a word of :attr:`MergeWords.joins_between_names` (or 会同)."""
    words = merge_words()
    if any(word in key for word in words.always_joins):
        return True
    for word in words.joins_between_names:
        start = key.find(word)
        while start >= 0:
            left, right = key[:start], key[start + len(word):]
            if len(left) >= MIN_SHORT_LEN and len(right) >= MIN_SHORT_LEN and left in every and right in every:
                return True
            start = key.find(word, start + 1)
    return False


def link(uf: UnionFind, a: EntityKey, b: EntityKey) -> bool:
    """Join the groups of ``a`` and ``b``; ``True`` when they were apart (rules count merges)."""
    if uf[a] == uf[b]:
        return False
    uf.union(a, b)
    return True


def _unique_group(uf: UnionFind, short: EntityKey,
                  candidates: list[EntityKey]) -> bool:
    """Whether the candidates form exactly one group that ``short`` is not yet in."""
    roots = {uf[c] for c in candidates}
    return len(roots) == 1 and uf[short] not in roots


def _merge_if_unique(uf: UnionFind, short: EntityKey,
                     candidates: list[EntityKey]) -> int:
    """Join ``short`` to the candidates when :func:`_unique_group` holds."""
    if not _unique_group(uf, short, candidates):
        return 0
    logger.debug("merge %s into %s", short, candidates[0])
    return int(link(uf, short, candidates[0]))


def _is_qualifier(index: NameIndex, prefix: str, short: str) -> bool:
    """Whether ``prefix`` in ``prefix + short`` reads as a place or organisation."""
    words = merge_words()
    if len(prefix) == 1:
        return prefix in words.level_chars
    return (
        index.has(PLACE, prefix)
        or index.has(ORG, prefix)
        or prefix[-1] in words.level_chars
        or (short[0] in words.level_chars and len(prefix) <= MAX_PLACE_PREFIX)
        or any(index.has(PLACE, prefix + s) for s in words.place_suffixes)
    )


def _prefix_in_context(index: NameIndex, short: EntityKey, longer: list[str]) -> bool:
    """Whether a document using ``short`` names the qualifier of a longer candidate.

    Guards against joining 省教育厅 from a story about one province to the full name
    of another province's department.
    """
    suffixes = merge_words().place_suffixes
    prefixes = set()
    for key in longer:
        prefix = key[: -len(short[1])]
        prefixes.add(prefix)
        suffix = next((s for s in suffixes if prefix.endswith(s)), "")
        if suffix and len(prefix) - len(suffix) >= MIN_SHORT_LEN:
            prefixes.add(prefix[: -len(suffix)])
    for doc_id in sorted(index.docs.get(short, ())):
        text = index.texts.get(doc_id, "")
        if any(p in text for p in prefixes):
            return True
    return False

