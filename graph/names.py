"""Name normalisation shared by resolution, exports and queries.

Two forms of every name:

- :func:`name_key` is the *matching key*. News text writes the same name with or
  without quotes and book-title marks (``“最多跑一次”改革`` / ``最多跑一次改革``), with
  stray spaces from page layout, and with full-width or half-width digits and
  letters (``２０２３`` / ``2023``). The key drops all of these and lower-cases
  Latin letters, so these variants meet.
- :func:`pretty_name` is the *display form* used as a node label or alias: quotes,
  book-title marks and surrounding whitespace removed, inner whitespace collapsed to
  one space (some slogans are two phrases), full-width digits, letters and
  parentheses made half-width. Other full-width punctuation (``、``, ``，``) is kept
  because it is part of the name as published.

Both are cached: a corpus repeats the same few thousand names many times.
"""

from __future__ import annotations

import re
from functools import lru_cache

_MARKS = "“”‘’\"'「」『』《》〈〉【】"
_MARKS_RE = re.compile(f"[{re.escape(_MARKS)}]")
_SPACE_RE = re.compile(r"\s+")

_FULL_WIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH_ASCII[0x3000] = 0x20
_KEY_TABLE = str.maketrans(_FULL_WIDTH_ASCII)

_PRETTY_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz()"
_PRETTY_TABLE = str.maketrans({ord(c) + 0xFEE0: c for c in _PRETTY_CHARS} | {0x3000: " "})


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The matching key of a name (see module docstring); ``""`` for blank names.

    Examples
    --------
    >>> name_key("“最多跑一次” 改革")
    '最多跑一次改革'
    >>> name_key("２０２３世界人工智能大会") == name_key("2023世界人工智能大会")
    True
    """
    text = (name or "").translate(_KEY_TABLE)
    return _SPACE_RE.sub("", _MARKS_RE.sub("", text)).lower()


@lru_cache(maxsize=1 << 16)
def pretty_name(name: str) -> str:
    """The display form of a name (see module docstring).

    Examples
    --------
    >>> pretty_name("“放管服”改革")
    '放管服改革'
    >>> pretty_name("中国（湖北）自由贸易试验区")
    '中国(湖北)自由贸易试验区'
    """
    text = _MARKS_RE.sub("", (name or "").translate(_PRETTY_TABLE))
    return _SPACE_RE.sub(" ", text).strip()


@lru_cache(maxsize=1 << 14)
def post_title(title: str) -> str:
    """The normalised form of a post title: its longest ending that the title lexicon knows.

    A title written with its organisation (``省教育厅厅长``) and the bare title
    (``厅长``) are one post once the organisation is the edge's other end; rank
    and kind survive (``副省长`` stays ``副省长``, ``党组书记`` stays
    ``党组书记``). A title the lexicon does not know is kept as written.

    Examples
    --------
    >>> post_title("省教育厅厅长"), post_title("党组书记"), post_title("常务副省长")
    ('厅长', '党组书记', '常务副省长')
    """
    text = pretty_name(title)
    known = _title_words()
    for start in range(len(text)):
        if text[start:] in known:
            return text[start:]
    return text


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    from pipelines.lexicons.titles import load_titles

    return load_titles().titles
