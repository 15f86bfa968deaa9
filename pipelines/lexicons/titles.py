"""Title lexicon: official posts, ranks and roles that stand next to a name.

The data file ``titles.txt`` holds the building blocks named by public
standards (the Constitution, the Civil Servant Law and its 2019 rules on posts
and ranks, the Party Constitution; sources in its header). Titles are composed
from them here, so that 副厅长, 常务副省长, 党组副书记 or 参谋长 need not be
listed one by one:

- organ word + 长: 厅 -> 厅长, 秘书 -> 秘书长;
- prefix + head: 副 + 厅长 -> 副厅长, 常务副 + 省长 -> 常务副省长;
- Party body + post: 党组 + 副书记 -> 党组副书记.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)

_TITLES_FILE = Path(__file__).with_name("titles.txt")
SECTIONS: tuple[str, ...] = (
    "organ",
    "head",
    "rank",
    "party_body",
    "party_post",
    "prefix",
    "role",
    "byline",
    "after_name",
)
# A post of a Party body that is too generic to stand alone before a name.
_BODY_ONLY_POSTS = frozenset({"成员"})


@dataclass(frozen=True)
class TitleLexicon:
    """Every composed title, and the subsets that behave differently.

    ``titles`` includes ``roles``; ``byline`` roles introduce a list of names;
    ``after_name`` titles may follow the name they qualify.
    """

    titles: frozenset[str]
    roles: frozenset[str]
    byline: frozenset[str]
    after_name: frozenset[str]

    @cached_property
    def max_length(self) -> int:
        """Length of the longest title (cached: officials asks for every document)."""
        return max((len(t) for t in self.titles), default=0)

    @cached_property
    def last_chars(self) -> frozenset[str]:
        """Characters that end some title: a title cannot end anywhere else."""
        return frozenset(t[-1] for t in self.titles if t)

    def to_dict(self) -> dict[str, list[str]]:
        return {
            "titles": sorted(self.titles),
            "roles": sorted(self.roles),
            "byline": sorted(self.byline),
            "after_name": sorted(self.after_name),
        }

    @classmethod
    def from_dict(cls, data: dict[str, list[str]]) -> "TitleLexicon":
        return cls(
            titles=frozenset(data["titles"]),
            roles=frozenset(data["roles"]),
            byline=frozenset(data["byline"]),
            after_name=frozenset(data["after_name"]),
        )


def read_sections(path: Path = _TITLES_FILE) -> dict[str, list[str]]:
    """The ``[section]`` lists of a title data file, comments dropped."""
    sections: dict[str, list[str]] = {name: [] for name in SECTIONS}
    current: str | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            if current not in sections:
                raise ValueError(f"{path}:{number}: unknown section [{current}]; expected one of {SECTIONS}")
            continue
        if current is None:
            raise ValueError(f"{path}:{number}: entry {line!r} before any [section] header")
        sections[current].append(line)
    return sections


def compose_titles(sections: dict[str, list[str]]) -> TitleLexicon:
    """Compose the full titles from the building blocks of :func:`read_sections`."""
    heads = {organ + "长" for organ in sections["organ"]} | set(sections["head"])
    prefixed = {prefix + head for prefix in sections["prefix"] for head in heads}
    party = {body + post for body in sections["party_body"] for post in sections["party_post"]}
    standalone_posts = set(sections["party_post"]) - _BODY_ONLY_POSTS
    roles = set(sections["role"])
    titles = heads | prefixed | party | standalone_posts | set(sections["rank"]) | roles
    titles |= set(sections["byline"]) | set(sections["after_name"])
    return TitleLexicon(
        titles=frozenset(titles),
        roles=frozenset(roles),
        byline=frozenset(sections["byline"]),
        after_name=frozenset(sections["after_name"]),
    )


@lru_cache(maxsize=1)
def load_titles() -> TitleLexicon:
    """The title lexicon composed from the packaged ``titles.txt``."""
    lexicon = compose_titles(read_sections())
    logger.debug("composed %d titles", len(lexicon.titles))
    return lexicon
