"""Central Party and State organs with their abbreviations (``central_organs.tsv``).

The table is what lets the graph treat 发改委 in one article and 国家发展和改革委员会
in another as one organisation: every name of an organ lists the others as
aliases. Its header names the public sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ORGANS_FILE = Path(__file__).with_name("central_organs.tsv")


@dataclass(frozen=True)
class Organ:
    """One organ: official full name, abbreviations, category of the official list."""

    full_name: str
    abbreviations: tuple[str, ...]
    category: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.full_name, *self.abbreviations)


class OrganTable:
    """Organs by any of their names."""

    def __init__(self, organs: list[Organ]) -> None:
        self.organs = organs
        self._by_name: dict[str, Organ] = {}
        for organ in organs:
            for name in organ.names:
                self._by_name.setdefault(name, organ)

    def lookup(self, name: str) -> Organ | None:
        """The organ called ``name`` (full name or abbreviation), or ``None``."""
        return self._by_name.get(name)

    def aliases(self, name: str) -> list[str]:
        """The organ's other names (发改委 -> [国家发展和改革委员会, ...]); empty when unknown."""
        organ = self.lookup(name)
        return [n for n in organ.names if n != name] if organ else []

    def names(self) -> list[str]:
        return list(self._by_name)

    def __len__(self) -> int:
        return len(self.organs)


def read_organs(path: Path = ORGANS_FILE) -> list[Organ]:
    """Rows of a ``full_name<TAB>abbreviations<TAB>category`` file ('#' lines are comments)."""
    organs = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 3:
                raise ValueError(f"{path}:{number}: expected 3 tab-separated fields, got {len(fields)}")
            full_name, abbreviations, category = fields
            abbrs = tuple(a for a in abbreviations.split("|") if a and a != full_name)
            organs.append(Organ(full_name, abbrs, category))
    return organs


@lru_cache(maxsize=1)
def load_central_organs() -> OrganTable:
    """The central organs table, read once per process."""
    return OrganTable(read_organs())


RENAMES_FILE = Path(__file__).with_name("renamed_organs.tsv")


@dataclass(frozen=True)
class Rename:
    """A body a reform renamed or merged away: its names then, and its successor."""

    old_name: str
    old_abbreviations: tuple[str, ...]
    successor: str
    year: int

    @property
    def names(self) -> tuple[str, ...]:
        return (self.old_name, *self.old_abbreviations)


def read_renames(path: Path = RENAMES_FILE) -> list[Rename]:
    """Rows of an ``old_name<TAB>old_abbreviations<TAB>successor<TAB>year`` file."""
    renames = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 4 or not fields[3].isdigit():
                raise ValueError(f"{path}:{number}: expected old_name, abbreviations, successor, year")
            old, abbreviations, successor, year = fields
            abbrs = tuple(a for a in abbreviations.split("|") if a and a != old)
            renames.append(Rename(old, abbrs, successor, int(year)))
    return renames


@lru_cache(maxsize=1)
def load_renames() -> tuple[Rename, ...]:
    """The reform table (``renamed_organs.tsv``), read once per process."""
    return tuple(read_renames())
