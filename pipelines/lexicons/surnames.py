"""Lexicons for telling a Chinese personal name from the words around it.

A name after a title (局长张某某会上表示) has no delimiter on its right, so two
lists decide where it starts and ends:

- surnames from ``surnames.txt`` (the 《百家姓》 as transcribed in jionlp);
- common two-character words, taken from jionlp's ``idf.txt`` with their
  inverse document frequency: a low idf means an everyday word (会上, 深入,
  表示), which a given name rarely is and which often follows a name.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)

_SURNAMES_FILE = Path(__file__).with_name("surnames.txt")
_JIONLP_HINT = "jionlp is required for the name lexicons: pip install jionlp"


@lru_cache(maxsize=1)
def load_surnames() -> frozenset[str]:
    """Single-character and compound surnames."""
    return frozenset(_read_list(_SURNAMES_FILE))


@lru_cache(maxsize=4)
def load_common_words(max_idf: float = 10.5) -> dict[str, float]:
    """Two-character words of jionlp's idf table with idf at most ``max_idf``.

    Returns ``{word: idf}`` so callers can compare how common two readings are.
    """
    path = _jionlp_dictionary_dir() / "idf.txt"
    words: dict[str, float] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            word, _, value = line.rstrip("\r\n").partition("\t")
            if len(word) != 2 or not value:
                continue
            idf = float(value)
            if idf <= max_idf:
                words[word] = idf
    logger.debug("loaded %d common two-character words from %s", len(words), path)
    return words


def _read_list(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a UTF-8 list file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _jionlp_dictionary_dir() -> Path:
    """jionlp's data directory, found without importing jionlp (its import prints a banner)."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(_JIONLP_HINT) from None
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary"
