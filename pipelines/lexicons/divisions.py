"""Place lexicon: China's administrative divisions and the regions the news names.

Divisions (province, city, county with their short forms such as 烟台/烟台市)
come from jionlp's public ``china_location_loader``; countries with their
capitals and main cities from ``world_location_loader``; one-character
provincial abbreviations (皖, 苏, 鲁 ...) from jionlp's ``CHINA_PROVINCE_ALIAS``;
named regions from ``regions.tsv`` (sources in its header). Sub-provincial
regions such as 苏北 or 豫东 are generated from the abbreviations and the
compass suffixes rather than listed. jionlp is imported on first use
(:mod:`pipelines.lexicons.jionlp_data`), never at import.
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from pipelines.lexicons.jionlp_data import jionlp_table, rule_constants

logger = logging.getLogger(__name__)

PROVINCE = "province"
CITY = "city"
COUNTY = "county"
REGION = "region"
COUNTRY = "country"
WORLD_CITY = "world_city"
LEVELS: tuple[str, ...] = (PROVINCE, CITY, COUNTY, REGION, COUNTRY, WORLD_CITY)

_REGIONS_FILE = Path(__file__).with_name("regions.tsv")
_DIRECTIONS = "东南西北中"
# Abbreviations that form everyday words or other names when followed by a
# direction (云南, 新西兰, 京东, 宁波-like collisions): no regions are built on them.
_AMBIGUOUS_ABBREVIATIONS = frozenset("港澳台京津沪渝新云宁贵青黑甘")


@dataclass(frozen=True)
class PlaceInfo:
    """One place: short name, official full name, level and administrative parents.

    ``parent`` is the full name of the enclosing division (烟台市 -> 山东省, a
    world city -> its country); ``province`` the full name of the province
    (itself for a province, ``None`` outside China's divisions).
    """

    name: str
    full_name: str
    level: str
    parent: str | None = None
    province: str | None = None


class PlaceLexicon:
    """Look up places by full or short name.

    Where a name is shared, the higher level wins (朝阳 the city over 朝阳 the
    district), then the first entry in the source file.
    """

    def __init__(self, places: list[PlaceInfo], common_words: frozenset[str] = frozenset()) -> None:
        self._by_name: dict[str, PlaceInfo] = {}
        matchable: set[str] = set()
        rank = {level: i for i, level in enumerate(LEVELS)}
        for info in sorted(places, key=lambda p: rank[p.level]):
            for form in (info.full_name, info.name):
                self._by_name.setdefault(form, info)
            matchable.update(form for form in (info.full_name, info.name)
                             if _matchable(form, info, common_words))
        self._matchable = frozenset(matchable)

    def lookup(self, name: str) -> PlaceInfo | None:
        """The place called ``name`` (short 烟台 or full 烟台市), or ``None``."""
        return self._by_name.get(name)

    def match_forms(self) -> frozenset[str]:
        """Names safe to match in running text.

        Names of two or more characters, except county short forms that are
        everyday words (和平, 长安): those only count with their suffix.
        """
        return self._matchable

    def __len__(self) -> int:
        return len(self._by_name)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name


def _matchable(form: str, info: PlaceInfo, common_words: frozenset[str]) -> bool:
    if len(form) < 2:
        return False
    if form == info.full_name:
        return True
    return info.level != COUNTY or form not in common_words


@lru_cache(maxsize=1)
def load_place_lexicon() -> PlaceLexicon:
    """The place lexicon, built once per process."""
    places = [*_divisions(), *_abbreviation_regions(), *_named_regions(), *_world()]
    lexicon = PlaceLexicon(places, _common_words())
    logger.info("place lexicon: %d names", len(lexicon))
    return lexicon


def _divisions() -> Iterator[PlaceInfo]:
    """Provinces, cities and counties from jionlp's ``china_location_loader``."""
    for province, cities in jionlp_table("china_location_loader").items():
        yield PlaceInfo(_alias(cities), province, PROVINCE, None, province)
        for city, counties in _children(cities):
            if city != province:
                yield PlaceInfo(_alias(counties), city, CITY, province, province)
            for county, info in _children(counties):
                yield PlaceInfo(_alias(info), county, COUNTY, city, province)


def _children(node: dict) -> Iterator[tuple[str, dict]]:
    """The named sub-divisions of a loader node (its keys without a leading ``_``)."""
    return ((name, child) for name, child in node.items() if not name.startswith("_"))


def _alias(node: dict) -> str:
    """The first short name of a division (a string for provinces, a list below them)."""
    alias = node.get("_alias") or node["_full_name"]
    return alias if isinstance(alias, str) else (alias[0] if alias else node["_full_name"])


@lru_cache(maxsize=1)
def province_abbreviations() -> dict[str, str]:
    """One-character abbreviation -> province full name (鄂 -> 湖北省); built once, callers only read it."""
    rules = rule_constants()
    shorts = rules.CHINA_PROVINCE_SHORT_PATTERN.strip("()").split("|")
    full_by_short = {p.name: p.full_name for p in _divisions() if p.level == PROVINCE}
    return {abbr: full_by_short[short]
            for abbr, short in zip(rules.CHINA_PROVINCE_ALIAS, shorts)
            if short in full_by_short}


def _abbreviation_regions() -> Iterator[PlaceInfo]:
    """Parts of a province named by abbreviation and direction: 苏北, 鲁西, 豫东."""
    for abbr, province in province_abbreviations().items():
        if abbr in _AMBIGUOUS_ABBREVIATIONS:
            continue
        for direction in _DIRECTIONS:
            name = abbr + direction
            yield PlaceInfo(name, name, REGION, province, province)


def _named_regions() -> Iterator[PlaceInfo]:
    """Named strategic and statistical regions from regions.tsv."""
    with _REGIONS_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            name, full_name = line.rstrip("\n").split("\t")
            yield PlaceInfo(name, full_name, REGION)


def _world() -> Iterator[PlaceInfo]:
    """Continents, countries (short and official names), their capitals and main cities
    from jionlp's ``world_location_loader``."""
    for continent, countries in jionlp_table("world_location_loader").items():
        yield PlaceInfo(continent, continent, REGION)
        for short, info in countries.items():
            full_name = info.get("full_name") or short
            yield PlaceInfo(short, full_name, COUNTRY)
            for city in [info.get("capital"), *(info.get("main_city") or [])]:
                if city:
                    yield PlaceInfo(city, city, WORLD_CITY, full_name)


@lru_cache(maxsize=1)
def abbreviation_chars() -> frozenset[str]:
    """Characters that stand for a country, continent or province in joined forms (中美, 欧美, 苏浙).

    The first character of every country and two-character continent name in
    jionlp's world list, plus the provincial abbreviations.
    """
    chars = set(province_abbreviations())
    for continent, countries in jionlp_table("world_location_loader").items():
        if len(continent) == 2:
            chars.add(continent[0])
        chars.update(name[0] for name in countries if name)
    return frozenset(chars)


def _common_words() -> frozenset[str]:
    """Everyday words (jionlp's ``chinese_word_dictionary_loader``): not places when alone."""
    return frozenset(jionlp_table("chinese_word_dictionary_loader"))


# Place-name probability of the words in jiojio's place dictionary (``ns.txt``) above which a
# two-character word is one place (印尼) rather than two abbreviations (欧美 scores 0.997).
_WHOLE_PLACE_PROBABILITY = 0.999


@lru_cache(maxsize=1)
def whole_place_pairs() -> frozenset[str]:
    """Two-character place names that look like two abbreviations (印尼, 南亚) but are one place.

    Read from the place dictionary of jiojio (jionlp's segmenter, installed with it): words
    that are place names with probability of at least 0.999. Empty, with a warning, when the
    file is missing.
    """
    spec = importlib.util.find_spec("jiojio")
    folder = Path(next(iter(spec.submodule_search_locations))) if spec and spec.submodule_search_locations else None
    path = folder / "dictionary" / "ns.txt" if folder else None
    if path is None or not path.is_file():
        logger.warning("jiojio's place dictionary is missing; joined places like 印尼 may be split "
                       "(pip install jiojio)")
        return frozenset()
    pairs = set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2 and len(fields[0]) == 2 and float(fields[1]) >= _WHOLE_PLACE_PROBABILITY:
                pairs.add(fields[0])
    return frozenset(pairs)
