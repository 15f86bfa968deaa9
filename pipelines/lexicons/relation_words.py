"""The relation vocabulary (``relation_words.tsv``): verbs and function words by class.

Each row of the table is ``class<TAB>word`` (read by the one lexicon loader,
:mod:`pipelines.lexicons.tables`); the relation rules ask for a
class as a tuple of words or as a regular-expression alternation, longest word
first so that ``先后来到`` wins over ``来到``. Read on first use, never at import.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipelines.lexicons.tables import read_lexicon

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
    """Parse the table with :func:`pipelines.lexicons.tables.read_lexicon`; words kept in file order."""
    lexicon = read_lexicon(path)
    classes: dict[str, list[str]] = {}
    for row in lexicon.rows:
        cls, word = row[lexicon.columns.index("class")], row[lexicon.columns.index("word")]
        if not cls or not word:
            raise ValueError(f"{path.name}: empty class or word in {row!r}")
        words = classes.setdefault(cls, [])
        if word not in words:
            words.append(word)
    return RelationWords({name: tuple(words) for name, words in classes.items()})


@lru_cache(maxsize=1)
def load_relation_words() -> RelationWords:
    """The packaged relation vocabulary, read once."""
    return read_relation_words()
