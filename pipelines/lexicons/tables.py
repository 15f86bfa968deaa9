"""The one loader of the rules' word lists: ``pipelines/lexicons/NAME.tsv``.

Every word list a rule uses is a lexicon file beside this module, read here
and nowhere else, so that no list is written twice in code. A file is UTF-8,
tab-separated; lines starting with ``#`` are comments (they name the public
source); the first other line names the columns. The term is the column
named ``term`` or ``word``, else the first. Typed columns (a title's rank, a suffix's label, an organ's kind)
say how a rule treats the term.

Nothing here imports spaCy, so ``graph/`` may read the same lexicons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Lexicon:
    """The rows of one lexicon file, in file order."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def term_index(self) -> int:
        """Index of the term column: ``term`` or ``word`` if named so, else the first."""
        return next((self.columns.index(c) for c in ("term", "word") if c in self.columns), 0)

    def terms(self) -> tuple[str, ...]:
        """The terms, in file order."""
        return tuple(row[self.term_index] for row in self.rows)

    def where(self, column: str, value: str) -> tuple[str, ...]:
        """The terms whose ``column`` holds ``value`` (``role == "party_body"``)."""
        index = self._index(column)
        return tuple(row[self.term_index] for row in self.rows if row[index] == value)

    def mapping(self, column: str) -> dict[str, str]:
        """``{term: value of column}``."""
        index = self._index(column)
        return {row[self.term_index]: row[index] for row in self.rows}

    def _index(self, column: str) -> int:
        if column not in self.columns:
            raise KeyError(f"lexicon {self.name!r} has no column {column!r}; it has {self.columns}")
        return self.columns.index(column)


def read_lexicon(path: Path) -> Lexicon:
    """Parse one lexicon file; a row whose field count differs from the header is an error."""
    columns: tuple[str, ...] | None = None
    rows: list[tuple[str, ...]] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = tuple(field.strip() for field in raw.split("\t"))
        if columns is None:
            columns = fields
            continue
        if len(fields) != len(columns):
            raise ValueError(f"{path}:{number}: expected {len(columns)} tab-separated fields "
                             f"({', '.join(columns)}), got {len(fields)}")
        rows.append(fields)
    if columns is None:
        raise ValueError(f"{path}: no header line naming the columns")
    return Lexicon(path.stem, columns, tuple(rows))


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> Lexicon:
    """The packaged lexicon ``NAME.tsv``, read once per process."""
    return read_lexicon(LEXICON_DIR / f"{name}.tsv")


def longest_first(terms: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """``terms`` ordered longest first, so the first that matches is the longest."""
    return tuple(sorted(terms, key=len, reverse=True))


def alternation(terms: tuple[str, ...] | list[str]) -> str:
    """``w1|w2|...`` of ``terms`` escaped, longest first: the inside of a regex group."""
    return "|".join(map(re.escape, longest_first(terms)))


def char_class(terms: tuple[str, ...] | list[str]) -> str:
    """The one-character ``terms`` escaped, in order, each once: the inside of a regex character class."""
    return "".join(map(re.escape, dict.fromkeys(terms)))
