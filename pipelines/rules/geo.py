"""Place look-ups shared by the resolver and LOCATED_IN: prefixes and ancestors.

Written against the ``PlaceLexicon`` API (``lookup(name) -> PlaceInfo | None``
with ``full_name``, ``level``, ``parent``, ``province``) so tests can inject a
small lexicon of their own.
"""

from __future__ import annotations

from typing import Iterator, Protocol

from pipelines.lexicons.divisions import CITY, COUNTY, PROVINCE, REGION

DOMESTIC_LEVELS = frozenset({PROVINCE, CITY, COUNTY, REGION})
PREFIX_MIN = 2


class PlaceRecord(Protocol):
    name: str
    full_name: str
    level: str
    parent: str | None
    province: str | None


class PlaceLookup(Protocol):
    def lookup(self, name: str) -> PlaceRecord | None: ...


def domestic(lexicon: PlaceLookup, name: str) -> PlaceRecord | None:
    """The Chinese division or region called ``name`` (countries and world cities excluded)."""
    info = lexicon.lookup(name)
    return info if info is not None and info.level in DOMESTIC_LEVELS else None


def place_prefix(lexicon: PlaceLookup, name: str) -> tuple[str, PlaceRecord] | None:
    """The longest domestic place ``name`` starts with, leaving something after it.

    ``湖北省教育厅`` -> (``湖北省``, 湖北省); ``法规司`` -> ``None``. Only names the
    lexicon deems safe in running text count, so everyday words that happen to
    be county short names (``和平``) never make a prefix.
    """
    safe = _safe_forms(lexicon)
    for length in range(len(name) - 1, PREFIX_MIN - 1, -1):
        prefix = name[:length]
        if safe is not None and prefix not in safe:
            continue
        info = domestic(lexicon, prefix)
        if info is not None:
            return prefix, info
    return None


def ancestors(lexicon: PlaceLookup, info: PlaceRecord) -> Iterator[PlaceRecord]:
    """The enclosing divisions of a place, nearest first (county -> city -> province)."""
    seen = {info.full_name}
    parent = info.parent
    while parent and parent not in seen:
        seen.add(parent)
        found = domestic(lexicon, parent)
        if found is None:
            return
        yield found
        parent = found.parent


def _safe_forms(lexicon: PlaceLookup) -> frozenset[str] | None:
    match_forms = getattr(lexicon, "match_forms", None)
    return match_forms() if callable(match_forms) else None
