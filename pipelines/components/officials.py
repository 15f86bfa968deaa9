"""Officials: names found through the titles around them.

Chinese news introduces an official by apposition, organisation first, then
one or more titles joined by 、/和/兼, then the bare name:

    市财政局党组书记、局长张某某会上表示
    省委常委、宣传部部长李某分别到……

The name has no delimiter on its right, so its end is chosen from the
surname list, the length of Chinese given names and the everyday words that
follow names (会上, 深入). A PERSON span found by an earlier component is
taken as evidence when it agrees. Top titles may also follow the name
(王某某主席), and bylines list several names (记者张某、李某某).

Each official becomes a PERSON entity holding the name alone (it overrides a
wrong earlier span such as 张某某会) and a record in ``doc._.posts`` with the
titles and the organisation of each title, which the relation step turns into
HOLDS_POST. Organisations named only here (市委第三巡察组) are added as ORG.

The two shapes are steps registered by name (``zhkg.officials.title_then_name.v1``,
``zhkg.officials.name_then_title.v1``) and listed in ``[components.officials] steps``
of config.cfg in run order; when two steps find a name at one place, the first wins.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from zhkg.records import ORG, PERSON, PLACE
from pipelines.component_steps import registered_steps
from pipelines.spans import CharSpan, doc_text, set_entities
from zhkg.errors import NotInitializedError
from pipelines.extensions import get_list, register_extensions
from pipelines.lexicons.surnames import NAME_PART_MARKS, load_common_words, load_surnames
from pipelines.lexicons.org_words import load_org_words
from pipelines.lexicons.titles import TitleLexicon, load_titles

logger = logging.getLogger(__name__)

FACTORY = "zhkg_officials_v1"  # spaCy forbids "." in factory names
_DATA_FILE = "officials.msgpack"

# A surname glued to the character before it in a very common word (全国|政协) starts no name.
_GLUED_MAX_IDF = 6.0
_LIST_DELIMITERS = frozenset("、，,。；;：:）)　 \n")
# Roles of name_words.tsv: the characters around a name that the rules look at.
CHAR_ROLES: tuple[str, ...] = ("function_char", "not_given_start", "org_stop_char", "title_joiner", "not_name_end")
# The rules in the order they run, each a function registered in spacy.registry.misc at the
# end of this module; [components.officials] steps in config.cfg lists them too.
STEPS: tuple[str, ...] = ("zhkg.officials.title_then_name.v1", "zhkg.officials.name_then_title.v1")


def _ends_byline(text: str, i: int) -> bool:
    """Whether a byline name ends at ``i``: 报道 (reports) or 摄 (photographed) follows."""
    return text.startswith("报道", i) or text.startswith("摄", i)



@dataclass
class NameLexicons:
    """Everything the rules look up: titles, surnames, common words and organisation endings.

    ``org_endings`` end organisation-like text that no earlier component
    marked (the organ suffixes and title organs of ``OrgWords``); alone, such
    an ending names no organisation unless it is one of the ``bodies`` (国务院).
    """

    titles: TitleLexicon
    surnames: frozenset[str]
    common_words: dict[str, float]
    org_endings: tuple[str, ...]
    bodies: frozenset[str]
    chars: dict[str, frozenset[str]]
    """The characters around a name by role of ``name_words.tsv`` (see :data:`CHAR_ROLES`)."""

    @cached_property
    def compound_surnames(self) -> frozenset[str]:
        """The two-character surnames (欧阳, 司马), computed once rather than per document."""
        return frozenset(s for s in self.surnames if len(s) == 2)

    def to_dict(self) -> dict[str, Any]:
        return {
            "titles": self.titles.to_dict(),
            "surnames": sorted(self.surnames),
            "common_words": self.common_words,
            "org_endings": list(self.org_endings),
            "bodies": sorted(self.bodies),
            "chars": {role: sorted(chars) for role, chars in self.chars.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "NameLexicons":
        return cls(
            titles=TitleLexicon.from_dict(data["titles"]),
            surnames=frozenset(data["surnames"]),
            common_words=dict(data["common_words"]),
            org_endings=tuple(data["org_endings"]),
            bodies=frozenset(data["bodies"]),
            chars={role: frozenset(chars) for role, chars in data["chars"].items()},
        )


@dataclass(frozen=True)
class Entity:
    """An entity already in the doc, by character offsets."""

    start: int
    end: int
    label: str


@dataclass
class Post:
    """One official: the name, its titles and the organisation of each title."""

    person_start: int
    person_end: int
    titles: list[str] = field(default_factory=list)
    orgs: list[tuple[int, int] | None] = field(default_factory=list)
    title_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class RuleSettings:
    """Thresholds of the rules (from the factory config)."""

    max_org_chars: int = 16
    name_word_max_idf: float = 7.0


def is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


class PostFinder:
    """Finds the officials of one text, given the entities of earlier components."""

    def __init__(
        self, lexicons: NameLexicons, settings: RuleSettings, text: str, entities: Sequence[Entity]
    ) -> None:
        self.lex = lexicons
        self.settings = settings
        self.text = text
        self.max_title = lexicons.titles.max_length
        self.title_last_chars = lexicons.titles.last_chars
        self.compound_surnames = lexicons.compound_surnames
        self.title_joiners = lexicons.chars["title_joiner"]
        self.function_chars = lexicons.chars["function_char"]
        self.not_given_start = self.function_chars | lexicons.chars["not_given_start"]
        self.org_stop_chars = lexicons.chars["org_stop_char"]
        self.not_name_ends = lexicons.chars["not_name_end"]
        self.persons = [e for e in entities if e.label == PERSON]
        self.persons_to = {e.end: e for e in self.persons}
        self.org_like = [e for e in entities if e.label in (ORG, PLACE)]
        # Organisations cut out of an earlier entity that swallowed a title.
        self.trimmed: set[tuple[int, int]] = set()

    def find(self, steps: Sequence[Step]) -> list[Post]:
        """The posts the steps find, one per name (the first step's), in text order."""
        posts: dict[int, Post] = {}
        for step in steps:
            for post in step(self):
                posts.setdefault(post.person_start, post)
        return [posts[k] for k in sorted(posts)]

    @cached_property
    def titles(self) -> list[tuple[int, int]]:
        """``(start, end)`` of the longest title ending at each offset, in text order."""
        found = []
        for end in range(2, len(self.text) + 1):
            title = self.title_ending_at(end)
            if title is not None:
                found.append((end - len(title), end))
        return found

    def names_after_titles(self) -> list[Post]:
        """Posts of a title chain and the name(s) after it (局长张某某, 记者张某、李某某)."""
        return [post for start, end in self.titles for post in self._posts_after_title(start, end)]

    def names_before_titles(self) -> list[Post]:
        """Posts of a name right before a top title (王某某主席)."""
        posts = (self._post_before_title(start, end) for start, end in self.titles)
        return [post for post in posts if post is not None]

    def title_ending_at(self, end: int) -> str | None:
        """The longest title that ends at ``end``."""
        if self.text[end - 1] not in self.title_last_chars:
            return None
        for length in range(min(self.max_title, end), 1, -1):
            candidate = self.text[end - length : end]
            if candidate in self.lex.titles.titles:
                return candidate
        return None

    # -- title before the name -------------------------------------------------
    def _posts_after_title(self, start: int, end: int) -> list[Post]:
        title = self.text[start:end]
        name_start = end
        if title in self.lex.titles.byline:
            while name_start < len(self.text) and self.text[name_start] in " 　":
                name_start += 1
            name_end = self._list_item(name_start)
        elif title in self.lex.titles.roles:
            name_end = self._known_name_at(name_start)
        else:
            name_end = self.name_at(name_start)
        if name_end is None:
            return []
        titles, orgs, spans = self._title_chain(start, end)
        posts = [Post(name_start, name_end, titles, orgs, spans)]
        while name_end < len(self.text) and self.text[name_end] == "、":
            name_start = name_end + 1
            name_end = self._list_item(name_start)
            if name_end is None:
                break
            posts.append(Post(name_start, name_end, list(titles), list(orgs), list(spans)))
        return posts

    def _title_chain(
        self, start: int, end: int
    ) -> tuple[list[str], list[tuple[int, int] | None], list[tuple[int, int]]]:
        """Titles joined by 、/和/兼 that end at ``end``, with the organisation and offsets of each."""
        titles: list[str] = []
        orgs: list[tuple[int, int] | None] = []
        spans: list[tuple[int, int]] = []
        while True:
            title = self.text[start:end]
            org = self.org_before(start, end)
            titles.insert(0, title)
            orgs.insert(0, org)
            spans.insert(0, (start, end))
            left = org[0] if org else start
            if left < 2 or self.text[left - 1] not in self.title_joiners:
                break
            previous = self.title_ending_at(left - 1)
            if previous is None:
                break
            end = left - 1
            start = end - len(previous)
        for i in range(1, len(orgs)):
            if orgs[i] is None:
                orgs[i] = orgs[i - 1]
        return titles, orgs, spans

    def org_before(self, title_start: int, title_end: int) -> tuple[int, int] | None:
        """The organisation written right before a title, if any.

        An earlier entity that runs into the title is the organisation: kept
        whole when it ends inside the title (市财政局党组 + 党组书记), cut at the
        title when it swallowed it (市委常委 -> 市委).
        """
        into = [e for e in self.org_like if e.start < title_start < e.end]
        if into:
            entity = into[0]
            if entity.end < title_end:
                return entity.start, entity.end
            self.trimmed.add((entity.start, title_start))
            return entity.start, title_start
        chain_start = title_start
        while True:
            touching = [e for e in self.org_like if e.end == chain_start and e.start < chain_start]
            if not touching:
                break
            chain_start = min(e.start for e in touching)
        if chain_start < title_start:
            return chain_start, title_start
        run_start = self._scan_start(title_start)
        if run_start is None or run_start >= title_start:
            return None
        inside = [e.start for e in self.org_like if run_start <= e.start and e.end <= title_start]
        start = min(inside) if inside else run_start
        org = self.text[start:title_start]
        endings = self.lex.org_endings
        if len(org) < 2 or not org.endswith(endings) or (org in endings and org not in self.lex.bodies):
            return None
        return start, title_start

    def _scan_start(self, title_start: int) -> int | None:
        """Leftmost character of the organisation-like run before a title.

        ``None`` when the run is cut by the length limit or a name: the
        organisation's start is then unknown and a truncated name is worse than none.
        """
        i = title_start
        while i > 0:
            char = self.text[i - 1]
            if not (is_cjk(char) or char.isdigit()) or char in self.org_stop_chars or char in self.title_joiners:
                return i
            if title_start - i >= self.settings.max_org_chars or any(p.start < i <= p.end for p in self.persons):
                return None
            i -= 1
        return i

    # -- the name ----------------------------------------------------------------
    def name_at(self, start: int) -> int | None:
        """End of the personal name starting at ``start``, or ``None``."""
        known = self._known_name_at(start)
        if known is not None:
            return known
        text = self.text
        surname = self.surname_at(start)
        if surname is None or text[start] in self.function_chars:
            return None
        given = start + len(surname)
        if given >= len(text) or not is_cjk(text[given]) or text[given] in self.not_given_start:
            return None
        end = given + 1 if self._one_char_given(given) else given + 2
        if end > len(text) or not self._plausible(start, end):
            return None
        return end

    def _known_name_at(self, start: int) -> int | None:
        """End of a PERSON span of an earlier component that starts (or whose name starts) here.

        LAC sometimes takes the title in (局长张某某) or a following particle
        (李某在); the name part is kept and the particle dropped.
        """
        candidates = [p for p in self.persons if p.start <= start < p.end]
        if not candidates or (candidates[0].start < start and self.surname_at(start) is None):
            return None
        end = start + len(self.text[start:candidates[0].end].rstrip())
        if end - start == 3 and self.text[end - 1] in self.function_chars:
            end -= 1
        surname = self.surname_at(start)
        longest = 2 + len(surname) if surname else 3
        if 2 <= end - start <= longest:
            return end
        return end if candidates[0].start == start and self._foreign_name(start, end, longest) else None

    def _foreign_name(self, start: int, end: int, longest: int) -> bool:
        """Whether a PERSON span too long for a Chinese name is a foreign one LAC read whole.

        A Chinese name ends within ``longest`` characters; a span one longer is such a
        name with a character glued on: the last one of a title before it (委员长|张某某),
        when the rest opens with a surname, or the next word's first one after it
        (张某某|会上), when that is a function character or opens an everyday word with
        the character after it.
        A span with a name mark (罗伯特·史密斯) or two or more characters longer
        (亚历山德罗维奇) is a foreign name, which rules for Chinese names would cut short.
        """
        name = self.text[start:end]
        if not all(is_cjk(char) or char in NAME_PART_MARKS for char in name):
            return False
        if any(mark in name for mark in NAME_PART_MARKS) or end - start > longest + 1:
            return True
        if self.title_ending_at(start + 1) is not None and self.surname_at(start + 1) is not None:
            return False
        last = self.text[end - 1]
        return last not in self.function_chars and self.text[end - 1:end + 1] not in self.lex.common_words

    def _plausible(self, start: int, end: int) -> bool:
        """Whether a name found by the rules (no earlier PERSON span) can be a name."""
        name = self.text[start:end]
        if name[-1] in self.function_chars or name in self.lex.titles.titles:
            return False
        if any(e.start < end and start < e.end for e in self.org_like):
            return False
        return not (self._is_word(name) or self._is_word(name[:2]))

    def _one_char_given(self, given: int) -> bool:
        """Whether the given name is one character (李明|深入) rather than two (张某某|会上)."""
        text = self.text
        second = given + 1
        if second >= len(text) or not is_cjk(text[second]) or text[second] in self.function_chars:
            return True
        after_short = self.lex.common_words.get(text[second : second + 2])
        after_long = self.lex.common_words.get(text[second + 1 : second + 3])
        if after_short is None:
            return False
        return after_long is None or after_short <= after_long

    def surname_at(self, start: int) -> str | None:
        if self.text[start : start + 2] in self.compound_surnames:
            return self.text[start : start + 2]
        if self.text[start : start + 1] in self.lex.surnames:
            return self.text[start]
        return None

    def _is_word(self, text: str, max_idf: float | None = None) -> bool:
        idf = self.lex.common_words.get(text)
        return idf is not None and idf <= (self.settings.name_word_max_idf if max_idf is None else max_idf)

    def _list_item(self, start: int) -> int | None:
        """End of one name in a list (记者张某、李某某; 常委王某、赵某某出席).

        Names are delimited on both sides (、 and ）), except the last one, which
        ends like a name after a title.
        """
        delimited = self._delimited_name(start)
        return delimited if delimited is not None else self.name_at(start)

    def _delimited_name(self, start: int) -> int | None:
        text = self.text
        end = start
        while end < len(text) and is_cjk(text[end]) and end - start <= 4 and not _ends_byline(text, end):
            end += 1
        if end < len(text) and text[end] not in _LIST_DELIMITERS and not _ends_byline(text, end):
            return None
        surname = self.surname_at(start)
        if surname is None or not 2 <= end - start <= 2 + len(surname):
            return None
        if not any(p.start == start and p.end == end for p in self.persons) and not self._plausible(start, end):
            return None
        return end

    # -- title after the name ----------------------------------------------------
    def _post_before_title(self, start: int, end: int) -> Post | None:
        title = self.text[start:end]
        if title not in self.lex.titles.after_name:
            return None
        known = self.persons_to.get(start)
        if known is not None and 2 <= start - known.start <= 4:
            return Post(known.start, start, [title], [None], [(start, end)])
        for length in (3, 2):
            name_start = start - length
            if name_start < 0 or self.surname_at(name_start) != self.text[name_start]:
                continue
            name = self.text[name_start:start]
            if name[0] in self.function_chars or name[-1] in self.not_name_ends or not all(map(is_cjk, name)):
                continue
            if self._is_word(name[-2:]) or not self._plausible(name_start, start):
                continue
            if name_start > 0 and self._is_word(self.text[name_start - 1 : name_start + 1], _GLUED_MAX_IDF):
                continue
            return Post(name_start, start, [title], [None], [(start, end)])
        return None


Step = Callable[[PostFinder], Iterable[Post]]
"""A rule: the posts it finds in the finder's text."""


@Language.factory(
    FACTORY,
    default_config={"steps": list(STEPS), "max_org_chars": 16, "name_word_max_idf": 7.0,
                    "common_word_max_idf": 10.5},
    assigns=["doc.ents", "doc._.posts"],
)
def make_officials(
    nlp: Language, name: str, steps: list[str], max_org_chars: int, name_word_max_idf: float,
    common_word_max_idf: float,
) -> "OfficialsRecognizer":
    register_extensions()
    return OfficialsRecognizer(
        name,
        steps=steps,
        max_org_chars=max_org_chars,
        name_word_max_idf=name_word_max_idf,
        common_word_max_idf=common_word_max_idf,
    )


class OfficialsRecognizer:
    """spaCy component: PERSON names by title apposition, and ``doc._.posts``."""

    def __init__(
        self, name: str, *, steps: Sequence[str] = STEPS, max_org_chars: int = 16, name_word_max_idf: float = 7.0,
        common_word_max_idf: float = 10.5,
    ) -> None:
        if max_org_chars < 2:
            raise ValueError(f"{FACTORY}: max_org_chars must be at least 2, got {max_org_chars}")
        if name_word_max_idf > common_word_max_idf:
            raise ValueError(
                f"{FACTORY}: name_word_max_idf ({name_word_max_idf}) must not exceed "
                f"common_word_max_idf ({common_word_max_idf}), the idf up to which words are loaded"
            )
        self.name = name
        self.steps: list[Step] = registered_steps(FACTORY, steps, STEPS)
        self.settings = RuleSettings(max_org_chars=max_org_chars, name_word_max_idf=name_word_max_idf)
        self.common_word_max_idf = common_word_max_idf
        self.lexicons: NameLexicons | None = None

    def initialize(
        self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None
    ) -> None:
        """Load the title, surname and common-word lexicons and the characters around names."""
        from pipelines.lexicons.tables import load_lexicon

        name_words = load_lexicon("name_words")
        self.lexicons = NameLexicons(
            titles=load_titles(),
            surnames=load_surnames(),
            common_words=load_common_words(self.common_word_max_idf),
            org_endings=load_org_words().title_org_endings,
            bodies=load_org_words().standalone,
            chars={role: frozenset(name_words.where("role", role)) for role in CHAR_ROLES},
        )
        logger.debug("%s: %d titles, %d surnames", self.name, len(self.lexicons.titles.titles), len(self.lexicons.surnames))

    def __call__(self, doc: Doc) -> Doc:
        if self.lexicons is None:
            raise NotInitializedError(FACTORY)
        register_extensions()
        text = doc_text(doc)
        entities = [Entity(e.start_char, e.end_char, e.label_) for e in doc.ents]
        finder = PostFinder(self.lexicons, self.settings, text, entities)
        posts = finder.find(self.steps)
        set_entities(doc, [CharSpan(p.person_start, p.person_end, PERSON) for p in posts], override=True)
        set_entities(doc, [CharSpan(start, end, ORG) for start, end in finder.trimmed], override=True)
        set_entities(doc, self._new_orgs(posts, entities))
        self._drop_entities_inside_titles(doc, posts)
        records = get_list(doc, "posts")
        records.extend(post_record(text, post) for post in posts)
        return doc

    @staticmethod
    def _drop_entities_inside_titles(doc: Doc, posts: list[Post]) -> None:
        """Remove ORG/PLACE entities that are part of a title (副厅 of 副厅长)."""
        spans = [span for post in posts for span in post.title_spans]
        doc.ents = [
            e
            for e in doc.ents
            if e.label_ not in (ORG, PLACE)
            or not any(s <= e.start_char and e.end_char <= end for s, end in spans)
        ]

    @staticmethod
    def _new_orgs(posts: list[Post], entities: list[Entity]) -> list[CharSpan]:
        """Organisations of posts that are not already an entity of their own."""
        known = {(e.start, e.end) for e in entities}
        spans = {org for post in posts for org in post.orgs if org is not None and org not in known}
        return [CharSpan(start, end, ORG) for start, end in spans]

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self._require().to_dict())

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> "OfficialsRecognizer":
        self.lexicons = NameLexicons.from_dict(srsly.msgpack_loads(bytes_data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(path / _DATA_FILE, self._require().to_dict())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "OfficialsRecognizer":
        self.lexicons = NameLexicons.from_dict(srsly.read_msgpack(Path(path) / _DATA_FILE))
        return self

    def _require(self) -> NameLexicons:
        if self.lexicons is None:
            raise NotInitializedError(FACTORY)
        return self.lexicons


def post_record(text: str, post: Post) -> dict[str, Any]:
    """The JSON-safe ``doc._.posts`` entry of one post."""
    main = next((org for org in post.orgs if org is not None), None)
    return {
        "person": text[post.person_start : post.person_end],
        "person_start": post.person_start,
        "person_end": post.person_end,
        "titles": list(post.titles),
        "orgs": [text[o[0] : o[1]] if o else None for o in post.orgs],
        "org": text[main[0] : main[1]] if main else None,
        "org_start": main[0] if main else None,
        "org_end": main[1] if main else None,
    }


# -- the registered steps ------------------------------------------------------------------
@registry.misc("zhkg.officials.title_then_name.v1")
def title_then_name(finder: PostFinder) -> list[Post]:
    """Organisation, titles joined by 、/和/兼, then the name: 市财政局党组书记、局长张某某."""
    return finder.names_after_titles()


@registry.misc("zhkg.officials.name_then_title.v1")
def name_then_title(finder: PostFinder) -> list[Post]:
    """A name right before a top title: 王某某主席."""
    return finder.names_before_titles()
