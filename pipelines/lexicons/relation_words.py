"""The relation vocabulary (``relation_words.tsv``): verbs and function words by class.

Each line of the table is ``class<TAB>word``; the relation rules ask for a
class as a tuple of words or as a regular-expression alternation, longest word
first so that ``先后来到`` wins over ``来到``. Read on first use, never at import.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

RELATION_WORDS_FILE = Path(__file__).with_name("relation_words.tsv")


@dataclass(frozen=True)
class RelationWords:
    """Words of each class, in file order, with compiled alternations cached per class."""

    classes: dict[str, tuple[str, ...]]
    _patterns: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)

    def words(self, name: str) -> tuple[str, ...]:
        """The words of class ``name``; a class the table lacks is a programming error."""
        try:
            return self.classes[name]
        except KeyError:
            raise KeyError(f"relation_words.tsv has no class {name!r}; add its lines to the table") from None

    def alternation(self, name: str) -> str:
        """``(?:w1|w2|...)`` of class ``name``, longest first, escaped."""
        if name not in self._patterns:
            ordered = sorted(self.words(name), key=len, reverse=True)
            self._patterns[name] = "(?:" + "|".join(map(re.escape, ordered)) + ")"
        return self._patterns[name]

    def regex(self, template: str) -> re.Pattern[str]:
        """``template`` with each ``{class}`` replaced by its alternation, compiled once.

        Literal braces of the regex are doubled, as in ``str.format``:
        ``"(?:{visit_verb})[^，]{{0,4}}"``.
        """
        if template not in self._compiled:
            names = {n for _, n, _, _ in string.Formatter().parse(template) if n}
            self._compiled[template] = re.compile(template.format(**{n: self.alternation(n) for n in names}))
        return self._compiled[template]


def read_relation_words(path: Path = RELATION_WORDS_FILE) -> RelationWords:
    """Parse the table: ``#`` comments and blank lines skipped, words kept in file order."""
    classes: dict[str, list[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise ValueError(f"{path.name}:{number}: expected 'class<TAB>word', got {line!r}")
        words = classes.setdefault(parts[0], [])
        if parts[1] not in words:
            words.append(parts[1])
    return RelationWords({name: tuple(words) for name, words in classes.items()})


@lru_cache(maxsize=1)
def load_relation_words() -> RelationWords:
    """The packaged relation vocabulary, read once."""
    return read_relation_words()
