"""One relation per key, for steps that find a pair several ways."""

from __future__ import annotations

from typing import Iterable

from zhkg.records import VISITED, PROMOTES, Relation

# Relations kept once per sentence (each mention is evidence); the others once per pair.
PER_SENTENCE = frozenset({VISITED, PROMOTES})


def distinct_pairs(relations: Iterable[Relation]) -> list[Relation]:
    """The first relation of each ``(relation, head, tail)``, leaving out self-loops.

    PART_OF and LOCATED_IN can find one pair by more than one rule (an explicit
    cue and a paragraph of units; the place hierarchy and a name prefix), and
    the graph wants one edge: the step the config lists first wins, with its
    ``attrs`` (trigger, source). VISITED and PROMOTES keep one relation per
    sentence instead, since each sentence is its own evidence.
    """
    seen: set[tuple] = set()
    unique = []
    for rel in relations:
        key = (rel.relation, rel.head, rel.tail) + ((rel.sent,) if rel.relation in PER_SENTENCE else ())
        if key not in seen and rel.head != rel.tail:
            seen.add(key)
            unique.append(rel)
    return unique
