"""Rules that link two names of the same entity across documents.

Each rule looks only at the shape of names and at which names the corpus holds
(no entity is named in code), and links names in a :class:`UnionFind`. Rules that
guess (a short form that could stand for a longer one) merge only when the guess is
unambiguous: exactly one candidate group. Every rule is deterministic: it visits
names in a sorted order, so the groups do not depend on the order of documents.

The words the rules use are generic Chinese administrative and policy words:
administrative level suffixes (省, 市, 县, 自治区, ...), party bodies (党组, 党委,
机关) and the verbs and nouns that wrap a policy name (推进…, …建设, …工作).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from zhkg.records import INITIATIVE, ORG, PLACE
from networkx.utils import UnionFind

logger = logging.getLogger(__name__)

EntityKey = tuple[str, str]
"""``(entity type, matching key)``; see :func:`graph.names.name_key`."""

# Administrative level words that end a place name (山东省, 烟台市, 西北地区).
PLACE_SUFFIXES: tuple[str, ...] = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区",
    "省", "市", "县", "区", "州", "盟", "旗", "镇", "乡",
)
# One-character level words that stand for "this province/city/..." in a short
# organisation name (省教育厅, 市委) or follow a place inside one (烟台市红十字会).
LEVEL_CHARS = "省市县区州"
# Party bodies and the organ's staff named after the organisation they belong to.
PARTY_BODY_SUFFIXES: tuple[str, ...] = ("党组", "党委", "机关")
# Words that wrap a policy name without changing what it refers to.
INITIATIVE_SUFFIXES: tuple[str, ...] = (
    "建设", "工作", "改革", "制度", "行动", "工程", "战略", "机制",
)
INITIATIVE_PREFIXES: tuple[str, ...] = (
    "加快建设", "大力推进", "全面推进", "深入推进", "推进", "推动", "加快", "建设",
    "共建", "深化", "实施", "开展", "落实",
)
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
    for rule in (party_bodies, place_full_forms, level_char_variants, prefix_expansions,
                 initiative_affixes):
        merged = rule(index, uf)
        logger.debug("%s merged %d name pairs", rule.__name__, merged)


def party_bodies(index: NameIndex, uf: UnionFind) -> int:
    """``X党组`` / ``X党委`` / ``X机关`` join ORG ``X`` when ``X`` is a known ORG.

    The pipeline already strips these inside a document; this keeps the graph right
    when a document only ever names the party body.
    """
    merged = 0
    for key in index.sorted_keys(ORG):
        stem = key
        while True:
            suffix = next((s for s in PARTY_BODY_SUFFIXES if stem.endswith(s)), None)
            if suffix is None or len(stem) - len(suffix) < MIN_SHORT_LEN:
                break
            stem = stem[: -len(suffix)]
            if index.has(ORG, stem):
                merged += link(uf, (ORG, key), (ORG, stem))
                break
    return merged


def place_full_forms(index: NameIndex, uf: UnionFind) -> int:
    """PLACE ``X`` joins ``X`` + level suffix (山东 / 山东省) when only one such form exists.

    吉林 stays apart when both 吉林省 and 吉林市 are known.
    """
    merged = 0
    for short in index.sorted_keys(PLACE):
        if len(short) < MIN_SHORT_LEN:
            continue
        fulls = [short + s for s in PLACE_SUFFIXES if index.has(PLACE, short + s)]
        merged += _merge_if_unique(uf, (PLACE, short), [(PLACE, f) for f in fulls])
    return merged


def level_char_variants(index: NameIndex, uf: UnionFind) -> int:
    """``烟台市红十字会`` joins ``烟台红十字会``: a level word after a leading place.

    The level character sits after a 2-4 character place and inside the name; the
    shorter form must exist and be reached from exactly one longer form.
    """
    merged = 0
    for entity_type in (ORG, PLACE, INITIATIVE):
        targets: dict[str, list[str]] = {}
        for key in index.sorted_keys(entity_type):
            for i in range(MIN_SHORT_LEN, min(MAX_PLACE_PREFIX, len(key) - 2) + 1):
                if key[i] in LEVEL_CHARS:
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
    prefix of two or more characters (``国家市场监管总局`` ... ``市场监管总局``; but not
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


def initiative_affixes(index: NameIndex, uf: UnionFind) -> int:
    """INITIATIVE ``X`` joins ``X建设``/``X工作``/``推进X``/... when both are known."""
    merged = 0
    for key in index.sorted_keys(INITIATIVE):
        stems = [key[: -len(s)] for s in INITIATIVE_SUFFIXES if key.endswith(s)]
        stems += [key[len(p):] for p in INITIATIVE_PREFIXES if key.startswith(p)]
        for stem in stems:
            if len(stem) >= MIN_SHORT_LEN and index.has(INITIATIVE, stem):
                merged += link(uf, (INITIATIVE, key), (INITIATIVE, stem))
    return merged


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
    if len(prefix) == 1:
        return prefix in LEVEL_CHARS
    return (
        index.has(PLACE, prefix)
        or index.has(ORG, prefix)
        or prefix[-1] in LEVEL_CHARS
        or (short[0] in LEVEL_CHARS and len(prefix) <= MAX_PLACE_PREFIX)
        or any(index.has(PLACE, prefix + s) for s in PLACE_SUFFIXES)
    )


def _prefix_in_context(index: NameIndex, short: EntityKey, longer: list[str]) -> bool:
    """Whether a document using ``short`` names the qualifier of a longer candidate.

    Guards against joining 省教育厅 from a story about one province to the full name
    of another province's department.
    """
    prefixes = set()
    for key in longer:
        prefix = key[: -len(short[1])]
        prefixes.add(prefix)
        suffix = next((s for s in PLACE_SUFFIXES if prefix.endswith(s)), "")
        if suffix and len(prefix) - len(suffix) >= MIN_SHORT_LEN:
            prefixes.add(prefix[: -len(suffix)])
    for doc_id in sorted(index.docs.get(short, ())):
        text = index.texts.get(doc_id, "")
        if any(p in text for p in prefixes):
            return True
    return False

