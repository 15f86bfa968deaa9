"""The words of the organisation rules, by role, from ``org_words.tsv`` and ``titles.txt``.

``org_words.tsv`` holds one row per term and role (organ suffixes, words
that only look like organs, kinds of bodies ...); the titles that end an
organ name (外交部|长) and the party bodies (X党组) come from the title
lexicon, the level words and their ranks from ``division_ranks.tsv``, the
numerals from ``numerals.tsv`` and the list conjunctions from ``name_words.tsv``, so no list is written a second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipelines.lexicons.tables import load_lexicon, longest_first
from pipelines.lexicons.titles import load_titles, read_sections

# The enumeration comma that joins the items of a list (A、B和C), beside the list conjunctions.
LIST_COMMA = "、"

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
    suffix_continuations: frozenset[str]
    level_ranks: dict[str, int]
    level_blockers: frozenset[str]
    sharing_joiners: frozenset[str]
    name_opening_modifiers: frozenset[str]
    localizers: frozenset[str]
    name_end_none: frozenset[str]
    numerals: frozenset[str]
    count_chars: tuple[str, ...]
    counters: tuple[str, ...]
    plural_determiners: tuple[str, ...]
    press_endings: tuple[str, ...]

    @property
    def not_organ_endings(self) -> tuple[str, ...]:
        """The not-organ words of two characters or more: a word ending in one is no organ."""
        return _two_or_more(self.not_organs)

    def to_dict(self) -> dict[str, Any]:
        return {name: sorted(value) if isinstance(value, frozenset) else
                dict(value) if isinstance(value, dict) else list(value)
                for name, value in self.__dict__.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "OrgWords":
        fields = cls.__dataclass_fields__

        def typed(name: str) -> Any:
            kind = str(fields[name].type)
            if kind.startswith("dict"):
                return dict(data[name])
            return frozenset(data[name]) if kind.startswith("frozenset") else tuple(data[name])

        return cls(**{name: typed(name) for name in fields})


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
    ranks = load_lexicon("division_ranks")
    numerals = load_lexicon("numerals")
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
        suffix_continuations=frozenset(role("suffix_continuation")),
        level_ranks={level: int(rank) for level, rank in ranks.mapping("rank").items()},
        level_blockers=frozenset(role("level_blocker")),
        sharing_joiners=frozenset((LIST_COMMA, *load_lexicon("name_words").where("role", "list_conjunction"))),
        name_opening_modifiers=frozenset(role("name_opening_modifier")),
        localizers=frozenset(role("localizer")),
        name_end_none=frozenset(role("name_end_none")),
        numerals=frozenset(numerals.where("role", "numeral")),
        count_chars=numerals.where("role", "count_char"),
        counters=role("counter"),
        plural_determiners=role("plural_determiner"),
        press_endings=role("press_ending"),
    )
