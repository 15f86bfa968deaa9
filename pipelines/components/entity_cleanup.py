"""Final entity fixes that need every recogniser's output.

- PERSON spans next to each other or a name mark apart (罗伯特|·|史密斯) that are parts of
  one transliterated name become one PERSON: LAC often tags the parts apart. Two Chinese
  names, a title or a list conjunction between them keep them apart.
- A PERSON span that ends in an honorific or title (李老师, 王某, 费舍尔议长)
  names the person by the part before it: the title is not part of the name,
  and the officials component records titles separately in ``doc._.posts``.
- A dateline (新华社北京5月10日电外交部……) ends in 电 or 讯; an entity that
  starts with it after a date (电外交部) starts one character later.
- A PERSON that is another PERSON of the document plus one character (韩某在 beside
  韩某) is that person: LAC glued the next word's first character to the name.
- LAC tags some words PER that no one is named: English function words (They), the
  start of an idiom (踔厉|奋发) are dropped. A span that opens with a surname that is
  mostly an ordinary character and goes on with an everyday word (党 + 忠诚 in 对党忠诚)
  stays only with evidence that it names someone: a title before it, a title or
  honorific after it, another person beside it (、 和) or a verb after it; one
  mention with evidence keeps every mention of the name.
- A PERSON of two characters or of four and more (the usual Chinese name has three) is a word
  LAC tagged (严管|厚爱, 正风肃纪|反腐) unless some mention shows it names someone, as above
  (a transliterated name with · or - is a name; a pronoun taking it up, 还有王某，他是…, is
  evidence; without LAC's words there is no evidence to weigh, and only the surname check applies).
- A PLACE right before a culture word (红山|文化, 蒙古|语言; ``place_words.tsv``) names a
  culture or a language, not a place of the story; so does a place with a script or language
  character (蒙古文) or a development word (苏北振兴, a strategy) glued on (``cleanup_words.tsv``).
- An ORG of one ordinary word before a kind head (政务服务中心, 研发中心; ``cleanup_words.tsv``),
  perhaps after a bare level (社区|党群服务中心), or a bare category of bodies (国家重点实验室,
  省实验室), names a kind of body, not one body: a place, a person, a proper word or a national
  scope (国家信息中心) before it names one, and so does a longer description (档案编研中心).

Each fix is a step registered by name (``zhkg.entity_cleanup.honorifics.v1``) and
listed in ``[components.entity_cleanup] steps`` of config.cfg; the steps run in that
order, each on the entities the steps before it left.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from zhkg.records import ORG, PERSON, PLACE
from pipelines.component_steps import registered_steps
from pipelines.lexicons.jionlp_data import jionlp_table, rule_constants
from pipelines.lexicons.org_words import LIST_COMMA, load_org_words
from pipelines.lexicons.surnames import NAME_MARKS, NAME_PART_MARKS, load_common_words, load_surnames
from pipelines.lexicons.tables import load_lexicon
from pipelines.lexicons.titles import load_titles
from pipelines.spans import CharSpan, doc_text, lac_words, set_entities
from zhkg.errors import NotInitializedError

FACTORY = "zhkg_entity_cleanup_v1"  # spaCy forbids "." in factory names
_STATE_FILE = "entity_cleanup.json"
# The fixes in the order they run, each a function registered in spacy.registry.misc at the
# end of this module; [components.entity_cleanup] steps in config.cfg lists them too.
STEPS: tuple[str, ...] = (
    "zhkg.entity_cleanup.split_names.v1", "zhkg.entity_cleanup.honorifics.v1", "zhkg.entity_cleanup.datelines.v1",
    "zhkg.entity_cleanup.glued_names.v1", "zhkg.entity_cleanup.words_as_names.v1",
    "zhkg.entity_cleanup.cultures.v1", "zhkg.entity_cleanup.place_phrases.v1",
    "zhkg.entity_cleanup.kinds_of_bodies.v1",
)
# LAC tags of the word after a name that show it acts or is dated (王某表示, 王某在, 王某今天, 王某3号):
# evidence of a name. A conjunction is evidence only between two people (严管和厚爱 is no list of names).
_ACTING_TAGS = frozenset(("v", "vd", "p", "u", "d", "TIME", "m"))
# LAC tags of proper words: a body with one inside is named (酒泉|卫星发射中心).
_PROPER_TAGS = frozenset(("LOC", "PER", "nz", "nw"))
# What follows a speaker's name in an interview line (记者 王某：).
_SPEAKER_MARKS = "：:"
# LAC tags of a common noun (a role before a name: 运动员王某, 负责人王某) and of a pronoun (还有王某，
# 他是…: it takes up the person just named).
_NOUN_TAG = "n"
_PRONOUN_TAG = "r"
# Spaces between a title and a name (记者　王某), and how many of them (with a colon) are skipped.
_SPACES = " \u3000\t"
_GAP_WINDOW = 8
# Commas before a pronoun that takes up the name just written (还有王某，他是…).
_CLAUSE_MARKS = "，,"
# The usual length of a Chinese name (surname and two characters); other lengths need evidence.
_USUAL_NAME_LENGTH = 3
# Joiners of a list of people (张某、李某和王某): the list comma, 与 and name_words.tsv's list conjunctions.
_PERSON_JOINERS = LIST_COMMA + "与" + "".join(load_lexicon("name_words").where("role", "list_conjunction"))
_LATIN = re.compile(r"^[A-Za-z]+$")


@dataclass(frozen=True)
class CleanupWords:
    """The word lists of the PER and PLACE checks: what tells a name from a word."""

    titles: frozenset[str]
    surnames: frozenset[str]
    firm_surnames: frozenset[str]
    idioms: frozenset[str]
    latin_stop_words: frozenset[str]
    common_words: frozenset[str]
    culture_words: frozenset[str]
    place_names: frozenset[str]
    level_words: frozenset[str]
    kind_heads: frozenset[str]
    unique_scopes: frozenset[str]
    categories: frozenset[str]
    language_suffixes: frozenset[str]
    development_words: frozenset[str]

    @classmethod
    def load(cls) -> "CleanupWords":
        """Titles of the title lexicon; the 百家姓 and jionlp's surnames that are rarely an ordinary
        character; jionlp's four-character idioms; spaCy's English stop words; everyday
        two-character words (:func:`load_common_words`); the culture words of ``place_words.tsv``;
        the place names of :func:`load_place_lexicon`; the words of ``cleanup_words.tsv`` by role; the
        national scopes of ``name_words.tsv`` (national_prefix, national_body_start)."""
        from spacy.lang.en.stop_words import STOP_WORDS

        from pipelines.lexicons.divisions import load_place_lexicon

        constants = rule_constants()
        firm = set(constants.SINGLE_CHINESE_FAMILY_NAME) | set(constants.TWO_CHAR_CHINESE_FAMILY_NAME.split("|"))
        idioms = {idiom for idiom in jionlp_table("chinese_idiom_loader") if len(idiom) == 4}
        words = load_lexicon("cleanup_words")
        names = load_lexicon("name_words")
        national_scopes = frozenset(names.where("role", "national_prefix") + names.where("role", "national_body_start"))

        def role(name: str) -> frozenset[str]:
            return frozenset(words.where("role", name))

        return cls(frozenset(load_titles().titles), load_surnames(), frozenset(firm), frozenset(idioms),
                   frozenset(STOP_WORDS), frozenset(load_common_words()),
                   frozenset(load_lexicon("place_words").where("role", "culture_word")),
                   load_place_lexicon().match_forms(), role("level_word"), role("kind_head"),
                   national_scopes, role("category"), role("language_suffix"),
                   role("development_word"))

    def to_dict(self) -> dict[str, list[str]]:
        return {field.name: sorted(getattr(self, field.name)) for field in fields(self)}

    @cached_property
    def title_forms(self) -> tuple[str, ...]:
        """The titles as a tuple, for one C-level ``endswith``/``startswith`` over all of them."""
        return tuple(sorted(self.titles))

    @cached_property
    def longest_title(self) -> int:
        return max(map(len, self.titles), default=0)

    @classmethod
    def from_dict(cls, data: dict[str, list[str]]) -> "CleanupWords":
        return cls(**{name: frozenset(data[name]) for name in cls.__dataclass_fields__})

    def surname_of(self, name: str) -> str | None:
        """The surname opening ``name`` (compound ones first), if any."""
        return next((name[:n] for n in (2, 1) if len(name) > n and name[:n] in self.surnames), None)

    def is_chinese_name(self, name: str) -> bool:
        """A surname and one or two characters (王芳, 赵明远): a name of its own, not part of another."""
        surname = self.surname_of(name)
        return surname is not None and len(name) - len(surname) <= 2

    def are_name_parts(self, first: str, second: str, joiner: str) -> bool:
        """Whether two PERSON spans, ``joiner`` apart, are parts of one transliterated name.

        A name mark joins parts (罗伯特·史密斯, 约翰—史密斯). Unjoined, two spans
        are parts when neither is a Chinese name or a title and the first does not
        end in a list conjunction (王某和|普京 is two people). Parts hold no line
        break or space (a list of names, one a line) but the one LAC may end the
        last part with, which the joined name leaves out.
        """
        if any(char.isspace() for char in first + second.rstrip()):
            return False
        if joiner:
            return joiner in NAME_PART_MARKS
        if any(mark in first[-1:] + second[:1] for mark in NAME_PART_MARKS):
            return True
        parts = (first, second)
        return all(len(p) >= 2 and not self.is_chinese_name(p) and p not in self.titles for p in parts) \
            and first[-1] not in _PERSON_JOINERS + "同" and not second.endswith(self.title_forms)

    def is_word(self, name: str, text: str, start: int) -> bool:
        """An English function word (They) or the start of an idiom (踔厉|奋发): no name."""
        if _LATIN.match(name):
            return name.lower() in self.latin_stop_words
        return len(name) < 4 and text[start:start + 4] in self.idioms

    def is_dubious(self, name: str, by_length: bool = True) -> bool:
        """党忠诚: a surname that is mostly an ordinary character before a given name that is an
        everyday word (忠诚); with ``by_length``, 严管, 正风肃纪: a Chinese "name" of unusual length.
        Likely a phrase, unless the text shows it names someone."""
        if any(mark in name for mark in NAME_MARKS) or _LATIN.match(name):
            return False
        if by_length and len(name) != _USUAL_NAME_LENGTH:
            return True
        surname = self.surname_of(name)
        return surname is not None and surname not in self.firm_surnames and \
            name[len(surname):] in self.common_words

    def is_kind_of_body(self, name: str, has_proper_word: bool) -> bool:
        """政务服务中心, 国家重点实验室: a kind or a category of bodies, not one body (module docstring)."""
        if name in self.categories or self._without_level(name) in self.categories:
            return True
        head = next((h for h in sorted(self.kind_heads, key=len, reverse=True) if name.endswith(h)), None)
        if head is None or has_proper_word:
            return False
        words = self._without_level(name[: -len(head)])
        if words.startswith(tuple(self.unique_scopes)):
            return False
        return not words or (words in self.common_words and words not in self.place_names)

    def _without_level(self, name: str) -> str:
        """``name`` without the bare level word it opens with (社区|党群, 省|重点实验室)."""
        level = next((w for w in sorted(self.level_words, key=len, reverse=True) if name.startswith(w)), "")
        return name[len(level):]

    def place_phrase(self, name: str) -> bool:
        """蒙古文, 苏北振兴: a place and a script, a language or its development, no place."""
        if name in self.place_names:
            return False
        return any(name.endswith(w) and name[: -len(w)] in self.place_names
                   for w in (*self.language_suffixes, *self.development_words))


@Language.factory(FACTORY, default_config={"steps": list(STEPS)}, assigns=["doc.ents"], requires=["doc.ents"])
def make_entity_cleanup(nlp: Language, name: str, steps: list[str]) -> "EntityCleanup":
    """Build the clean-up steps; their word lists load in ``initialize`` or ``from_bytes``."""
    return EntityCleanup(name, steps)


class EntityCleanup:
    """Trim honorifics off PERSON spans and datelines off any entity."""

    def __init__(self, name: str, steps: Sequence[str] = STEPS) -> None:
        self.name = name
        self.steps: list[Step] = registered_steps(FACTORY, steps, STEPS)
        self.honorifics: tuple[str, ...] | None = None
        self.cleanup_words: CleanupWords | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None,
                   nlp: Language | None = None) -> None:
        """Load the honorifics (forms of address and every title, ``OrgWords.honorifics``) and
        the word lists that tell names from words (:class:`CleanupWords`)."""
        self.honorifics = load_org_words().honorifics
        self.cleanup_words = CleanupWords.load()

    def _require(self) -> tuple[tuple[str, ...], CleanupWords]:
        if self.honorifics is None or self.cleanup_words is None:
            raise NotInitializedError(FACTORY)
        return self.honorifics, self.cleanup_words

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        honorifics, cleanup_words = self._require()
        state = {"honorifics": list(honorifics), "cleanup_words": cleanup_words.to_dict()}
        return json.dumps(state, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "EntityCleanup":
        state = json.loads(data.decode("utf-8"))
        self.honorifics = tuple(state["honorifics"])
        self.cleanup_words = CleanupWords.from_dict(state["cleanup_words"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / _STATE_FILE).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "EntityCleanup":
        return self.from_bytes((Path(path) / _STATE_FILE).read_bytes())

    def __call__(self, doc: Doc) -> Doc:
        self._require()
        for step in self.steps:
            step(self, doc)
        return doc


Step = Callable[[EntityCleanup, Doc], None]
"""A step: fixes the entities of a document in place."""


def _replace_each(doc: Doc, fix: Callable[[str, Span], CharSpan | None]) -> None:
    """Replace every entity that ``fix`` gives a corrected span for."""
    text = doc_text(doc)
    fixed = {(e.start_char, e.end_char): span for e in doc.ents if (span := fix(text, e)) is not None}
    if fixed:
        doc.ents = [e for e in doc.ents if (e.start_char, e.end_char) not in fixed]
        set_entities(doc, list(fixed.values()))


@registry.misc("zhkg.entity_cleanup.split_names.v1")
def joined_name_parts(cleanup: EntityCleanup, doc: Doc) -> None:
    """罗伯特|·|史密斯, 亚历山|德罗维奇: PERSON spans next to each other, or a name mark
    apart, that are parts of one transliterated name become one PERSON."""
    words = cleanup._require()[1]
    text = doc_text(doc)
    persons = [e for e in doc.ents if e.label_ == PERSON]
    runs: list[list[Span]] = []
    for ent in persons:
        last = runs[-1][-1] if runs else None
        if last is not None and ent.start_char - last.end_char <= 1 and \
                words.are_name_parts(last.text, ent.text, text[last.end_char:ent.start_char]):
            runs[-1].append(ent)
        else:
            runs.append([ent])
    joined = [run for run in runs if len(run) > 1]
    if joined:
        parts = {e for run in joined for e in run}
        doc.ents = [e for e in doc.ents if e not in parts]
        set_entities(doc, [CharSpan(run[0].start_char, run[-1].start_char + len(run[-1].text.rstrip()), PERSON)
                           for run in joined])


@registry.misc("zhkg.entity_cleanup.honorifics.v1")
def without_honorifics(cleanup: EntityCleanup, doc: Doc) -> None:
    """PERSON spans without the honorific or title they end in (李老师 -> 李)."""
    honorifics = cleanup._require()[0]

    def fix(text: str, ent: Span) -> CharSpan | None:
        honorific = _honorific(ent.text, honorifics) if ent.label_ == PERSON else None
        return CharSpan(ent.start_char, ent.end_char - len(honorific), PERSON, ent.kb_id_) if honorific else None

    _replace_each(doc, fix)


@registry.misc("zhkg.entity_cleanup.datelines.v1")
def without_datelines(cleanup: EntityCleanup, doc: Doc) -> None:
    """Entities without the 电 or 讯 of a dateline they start with (5月10日电外交部 -> 外交部)."""
    def fix(text: str, ent: Span) -> CharSpan | None:
        if _after_dateline(text, ent.start_char, ent.end_char):
            return CharSpan(ent.start_char + 1, ent.end_char, ent.label_, ent.kb_id_)
        return None

    _replace_each(doc, fix)


@registry.misc("zhkg.entity_cleanup.glued_names.v1")
def unglued_names(cleanup: EntityCleanup, doc: Doc) -> None:
    """韩某在 where 韩某 is a person of the same document: the name without the glued character."""
    names = {e.text for e in doc.ents if e.label_ == PERSON}
    glued = [e for e in doc.ents if e.label_ == PERSON and len(e.text) >= 3 and e.text[:-1] in names]
    if glued:
        doc.ents = [e for e in doc.ents if e not in glued]
        set_entities(doc, [CharSpan(e.start_char, e.end_char - 1, PERSON, e.kb_id_) for e in glued])


@registry.misc("zhkg.entity_cleanup.words_as_names.v1")
def without_words_as_names(cleanup: EntityCleanup, doc: Doc) -> None:
    """Words tagged PER, and dubious PER spans without evidence of a name in any mention."""
    honorifics, words = cleanup._require()
    text = doc_text(doc)
    persons = [e for e in doc.ents if e.label_ == PERSON]
    not_names = {(e.start_char, e.end_char) for e in persons if words.is_word(e.text, text, e.start_char)}
    lac = lac_words(doc)
    dubious = {e.text for e in persons if words.is_dubious(e.text, by_length=lac is not None)}
    if not (dubious or not_names):
        return
    neighbours = _Neighbours.of(text, lac or [])
    spans = [(e.start_char, e.end_char) for e in persons]
    named = {e.text for e in persons if e.text in dubious
             and _has_name_evidence(text, e.start_char, e.end_char, words, neighbours, spans, honorifics)}
    doc.ents = [e for e in doc.ents if e.label_ != PERSON or (
        (e.start_char, e.end_char) not in not_names and (e.text not in dubious or e.text in named))]


@registry.misc("zhkg.entity_cleanup.cultures.v1")
def without_cultures(cleanup: EntityCleanup, doc: Doc) -> None:
    """红山|文化: a PLACE right before a culture word names a culture, not a place."""
    culture_words = tuple(cleanup._require()[1].culture_words)
    text = doc_text(doc)
    doc.ents = [e for e in doc.ents if e.label_ != PLACE or not text.startswith(culture_words, e.end_char)]


@registry.misc("zhkg.entity_cleanup.kinds_of_bodies.v1")
def without_kinds_of_bodies(cleanup: EntityCleanup, doc: Doc) -> None:
    """政务服务中心, 国家重点实验室: ORG spans that name a kind of body, not one body."""
    words = cleanup._require()[1]
    lac = lac_words(doc) or []
    starts = [w.start for w in lac]

    def has_proper_word(ent: Span) -> bool:
        first = max(0, bisect.bisect_right(starts, ent.start_char) - 1)
        inside = itertools.takewhile(lambda w: w.start < ent.end_char, lac[first:])
        return any(w.tag in _PROPER_TAGS for w in inside if w.end > ent.start_char)

    doc.ents = [e for e in doc.ents if e.label_ != ORG or not words.is_kind_of_body(e.text, has_proper_word(e))]


@registry.misc("zhkg.entity_cleanup.place_phrases.v1")
def without_place_phrases(cleanup: EntityCleanup, doc: Doc) -> None:
    """蒙古文, 苏北振兴: a PLACE that is a place and a script, a language or its development."""
    words = cleanup._require()[1]
    doc.ents = [e for e in doc.ents if e.label_ != PLACE or not words.place_phrase(e.text)]


@dataclass(frozen=True)
class _Neighbours:
    """LAC's words by where they start and end: what comes right after and right before a span."""

    starting: dict[int, tuple[str, str]]
    ending: dict[int, str]

    @classmethod
    def of(cls, text: str, words: Sequence[Any]) -> "_Neighbours":
        return cls({w.start: (text[w.start:w.end], w.tag) for w in words}, {w.end: w.tag for w in words})


def _has_name_evidence(text: str, start: int, end: int, words: CleanupWords, neighbours: _Neighbours,
                       persons: Sequence[tuple[int, int]], honorifics: tuple[str, ...] = ()) -> bool:
    """A title or a role noun before the span (spaces or a colon apart), a title, an honorific or
    a speaker's colon after it, a pronoun taking it up, the other part of a transliterated name
    beside it, another person beside it, or a verb or a day after it."""
    longest = words.longest_title
    window = text[max(0, start - _GAP_WINDOW):start]
    gap = len(window) - len(window.rstrip(_SPEAKER_MARKS + _SPACES))
    before = text[max(0, start - gap - longest):start - gap]
    after = text[end:end + longest]
    if before.endswith(words.title_forms) or after.startswith(words.title_forms) or \
            after.startswith(honorifics) or after[:1] in _SPEAKER_MARKS or \
            text[start - 1:start] in NAME_MARKS or after[:1] in NAME_MARKS:
        return True
    if neighbours.starting.get(end, ("", ""))[1] in _ACTING_TAGS:
        return True
    if after[:1] in _CLAUSE_MARKS + _PERSON_JOINERS and neighbours.starting.get(end + 1, ("", ""))[1] == _PRONOUN_TAG:
        return True
    if neighbours.ending.get(start - gap) == _NOUN_TAG:
        return True
    ends, starts = {e for _, e in persons}, {s for s, _ in persons}
    return (start - 1 in ends and text[start - 1:start] in _PERSON_JOINERS) or \
        (end + 1 in starts and text[end:end + 1] in _PERSON_JOINERS)


def _after_dateline(text: str, start: int, end: int) -> bool:
    """电外交部 after 5月10日: the entity starts with the dateline's last character."""
    return end - start > 2 and text[start] in "电讯" and start > 0 and text[start - 1] == "日"


def _honorific(name: str, honorifics: tuple[str, ...]) -> str | None:
    """The honorific ending ``name`` (longest first), if a name of at least one character precedes it."""
    if not name.endswith(honorifics):
        return None
    return next((h for h in honorifics if name.endswith(h) and len(name) > len(h)), None)
