"""One relation per (head, tail) pair, for the rules that find a pair several ways."""

from __future__ import annotations

from typing import Iterable

from zhkg.records import Relation


def distinct_pairs(relations: Iterable[Relation]) -> list[Relation]:
    """The first relation of each ``(head, tail)`` pair, leaving out self-loops.

    PART_OF and LOCATED_IN can find one pair by more than one rule (an explicit
    cue and a paragraph of units; the place hierarchy and a name prefix), and
    the graph wants one edge: the rule the extractor lists first wins, with
    its ``attrs`` (trigger, source).
    """
    seen: set[tuple[str, str]] = set()
    unique = []
    for rel in relations:
        if (rel.head, rel.tail) not in seen and rel.head != rel.tail:
            seen.add((rel.head, rel.tail))
            unique.append(rel)
    return unique
