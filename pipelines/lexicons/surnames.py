"""Lexicons for telling a Chinese personal name from the words around it.

A name after a title (局长张某某会上表示) has no delimiter on its right, so two
lists decide where it starts and ends:

- surnames from ``surnames.txt`` (the 《百家姓》 as transcribed in jionlp);
- common two-character words, taken from jionlp's ``idf_loader`` with their
  inverse document frequency: a low idf means an everyday word (会上, 深入,
  表示), which a given name rarely is and which often follows a name.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from pipelines.lexicons.jionlp_data import jionlp_table

logger = logging.getLogger(__name__)

_SURNAMES_FILE = Path(__file__).with_name("surnames.txt")

NAME_MARKS = "·•-"
"""Marks inside a transliterated name (希拉里·克林顿): what they join is a name."""
NAME_PART_MARKS = NAME_MARKS + "—"
"""Marks between the parts of a transliterated name as LAC may tag them apart (罗伯特·史密斯, 约翰—史密斯)."""


@lru_cache(maxsize=1)
def load_surnames() -> frozenset[str]:
    """Single-character and compound surnames."""
    return frozenset(_read_list(_SURNAMES_FILE))


@lru_cache(maxsize=4)
def load_common_words(max_idf: float = 10.5) -> dict[str, float]:
    """Two-character words of jionlp's idf table with idf at most ``max_idf``.

    Returns ``{word: idf}`` so callers can compare how common two readings are.
    """
    words = {word: idf for word, idf in jionlp_table("idf_loader").items()
             if len(word) == 2 and float(idf) <= max_idf}
    logger.debug("loaded %d common two-character words from jionlp", len(words))
    return words


def _read_list(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a UTF-8 list file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]

