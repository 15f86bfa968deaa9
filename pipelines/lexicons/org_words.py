"""The words of the organisation rules, by role, from ``org_words.tsv`` and ``titles.txt``.

``org_words.tsv`` holds one row per term and role (organ suffixes, words
that only look like organs, kinds of bodies ...); the titles that end an
organ name (外交部|长) and the party bodies (X党组) come from the title
lexicon, so neither list is written a second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipelines.lexicons.tables import load_lexicon, longest_first
from pipelines.lexicons.titles import load_titles, read_sections

@dataclass(frozen=True)
class OrgWords:
    """Every word list of the organisation, official and clean-up rules."""

    organ_suffixes: tuple[str, ...]
    not_organs: frozenset[str]
    rooms: tuple[str, ...]
    standalone: frozenset[str]
    anchors: frozenset[str]
    generic_heads: frozenset[str]
    kind_words: frozenset[str]
    person_named: tuple[str, ...]
    unit_kinds: frozenset[str]
    generic_modifiers: frozenset[str]
    unit_nouns: frozenset[str]
    venues: tuple[str, ...]
    not_press: tuple[str, ...]
    governments: frozenset[str]
    bare_bodies: tuple[str, ...]
    level_organs: tuple[str, ...]
    task_groups: tuple[str, ...]
    title_org_endings: tuple[str, ...]
    honorifics: tuple[str, ...]
    titles: tuple[str, ...]
    party_bodies: tuple[str, ...]

    @property
    def not_organ_endings(self) -> tuple[str, ...]:
        """The not-organ words of two characters or more: a word ending in one is no organ."""
        return _two_or_more(self.not_organs)

    def to_dict(self) -> dict[str, list[str]]:
        return {name: sorted(value) if isinstance(value, frozenset) else list(value)
                for name, value in self.__dict__.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "OrgWords":
        fields = cls.__dataclass_fields__
        return cls(**{name: (frozenset(data[name]) if "frozenset" in str(fields[name].type) else tuple(data[name]))
                      for name in fields})


@lru_cache(maxsize=8)
def _two_or_more(words: frozenset[str]) -> tuple[str, ...]:
    """The words of two characters or more, worked out once per list (the rules ask per word)."""
    return tuple(word for word in words if len(word) >= 2)


@lru_cache(maxsize=1)
def load_org_words() -> OrgWords:
    """The packaged lists, read once per process."""
    lexicon = load_lexicon("org_words")

    def role(name: str) -> tuple[str, ...]:
        return lexicon.where("role", name)

    titles = load_titles()
    party_bodies = tuple(read_sections()["party_body"])
    title_endings = longest_first(set(titles.titles) | set(role("title_ending")))
    return OrgWords(
        organ_suffixes=role("organ_suffix"),
        not_organs=frozenset(role("not_organ")),
        rooms=role("room"),
        standalone=frozenset(role("standalone")),
        anchors=frozenset(role("anchor")),
        generic_heads=frozenset(role("generic_head")),
        kind_words=frozenset(role("kind_word")),
        person_named=role("person_named"),
        unit_kinds=frozenset(role("unit_kind")),
        generic_modifiers=frozenset(role("generic_modifier")),
        unit_nouns=frozenset(role("unit_noun")),
        venues=role("venue"),
        not_press=role("not_press"),
        governments=frozenset(role("government")),
        bare_bodies=role("bare_body"),
        level_organs=longest_first(set(role("level_organ"))),
        task_groups=role("task_group"),
        title_org_endings=longest_first(set(role("organ_suffix")) | set(role("title_org_ending"))
                                        | set(read_sections()["organ"]) | set(party_bodies)),
        honorifics=longest_first(set(role("honorific")) | set(titles.titles)),
        titles=title_endings,
        party_bodies=party_bodies,
    )
