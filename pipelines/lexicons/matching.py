"""Find lexicon names in running text with one compiled regular expression.

A plain alternation of thousands of names makes ``re`` try every name at every
position; nesting the names as a trie lets the engine branch on each character,
which keeps matching linear in the text length. Alternatives are ordered so the
longest name at a position wins.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator


def trie_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching any of ``names``, longest first at each position."""
    trie: dict = {}
    for name in names:
        if not name:
            continue
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    if not trie:
        return re.compile(r"(?!x)x")
    return re.compile(_node_regex(trie))


def _node_regex(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _node_regex(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body


def find_all(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` matches, scanning left to right."""
    for match in pattern.finditer(text):
        if match.end() > match.start():
            yield match.start(), match.end()
