"""ORG entities: whole organisation names, central organs and party bodies.

LAC finds organisation names but often only part of them (中国 | 石化,
郑州铁路 | 分局) and misses names made of ordinary words (古巴代表团). This
component rebuilds whole names from LAC's words:

- an organ name is an optional place or organisation prefix, ordinary words and
  a head word ending in an organ suffix (部, 委, 厅, 局, 委员会, 中心, 公司 ...);
- a place (or run of places) directly followed by an organisation is one
  organisation (山东烟台红十字会);
- names and abbreviations from the central organs table (发改委 <->
  国家发展和改革委员会) are organisations, and their other names go to
  ``doc._.aliases`` so the graph merges them across documents;
- a party body of an organisation (X党组, X党委) is that organisation: the
  span keeps its text and ``kb_id_`` names X;
- newspapers quoted in 《》 are organisations, halls and centres people visit
  (美术馆, 航天中心) and LAC ORG spans that are a place name are places;
- candidates that name no organisation are dropped: a suffix opening a word
  with the next character (青年党|团员), a two-character verb (部署), a kind
  after 全国/新 (全国海关, 新海关), 新 + an everyday word (新时代), lists of
  unit kinds (处室局). A one-character place (访华) never joins a name;
- phrases about a body are dropped too: a bare 党/人大 after an era or an organ
  (新时代党, 全国人大党), 新 + everyday words (新能源汽车), peoples (汉族), members
  (共产党人), ordinals of a plenary (四中全会), a lone adjective before an organ
  (发挥好|党组成员), situation words in 局 (全局); LAC spans running past a central
  organ into ordinary words are cut back (党中央惠民 -> 党中央), and a name cut
  short is completed from the same name elsewhere in the document (乌兰牧|骑).

Longer candidates replace the shorter entities they overlap (see
:func:`pipelines.spans.set_entities`).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from spacy import registry
from spacy.language import Language
from spacy.tokens import Doc, Span

from zhkg.records import ORG, PERSON, PLACE
from pipelines.spans import CharSpan, doc_text, lac_words, set_entities
from zhkg.errors import NotInitializedError
from pipelines.extensions import get_dict, register_extensions
from pipelines.lexicons.matching import find_all, trie_pattern
from pipelines.lexicons.org_words import OrgWords, load_org_words
from pipelines.lexicons.tables import longest_first
from pipelines.component_steps import registered_steps

logger = logging.getLogger(__name__)

FACTORY = "zhkg_orgs_v1"  # spaCy forbids "." in factory names

_ITEM_TAGS = frozenset(("LOC", "ORG", "nz", "n", "j", "nw", "vn"))
_PROPER_TAGS = frozenset(("LOC", "ORG", "nz", "nw", "j"))
_MAX_ITEM = 12
# LAC tags of verbs: a two-character 部署 or 主办 is an action, not an organ ending in 署 or 办.
_VERB_TAGS = frozenset(("v", "vn", "vd"))
# An adjective that makes a common noun new (新时代, 新常态) names no organisation.
_NEW = "新"
# LAC tags that may form part of an organisation name.
_NAME_TAGS = frozenset(("LOC", "ORG", "nz", "n", "j", "vn", "an", "nw", "a"))
_ANCHOR_TAGS = frozenset(("LOC", "ORG", "nz", "j"))
SPECIAL_REGION = "特区"
_HEAD_TAGS = frozenset(("ORG", "n", "nz", "j", "vn"))
_MAX_NAME = 24
# One-character modifiers say how, not which body (发挥好|党组成员, 密切同|人大代表); some
# still open names (总检察院, 分公司: org_words.tsv name_opening_modifier).
_LONE_MODIFIER_TAGS = frozenset(("a", "ad", "d"))
# A group named in a title chain (第三次全国土壤普查领导小组组长, X领导小组成员) takes the whole stretch
# since the last mark, verbs and all (深化…改革推进落实领导小组): its name describes its task.
_STRETCH_MARKS = "，,。、；;：:\n（）()“”《》"
_MAX_GROUP_NAME = 40
_GROUP_MEMBER = "成员"
# Members of a body (共产党人), not the body.
_MEMBER = "人"
# 十九届四中全会: an ordinal and 全会 name a plenary session, not a body.
_PLENARY = "全会"
# 党的十七大, 中共三大: a party congress is named by its ordinal and 大; all its forms are named
# 党的X大 so that they merge (中共 stays in the span, 党的 does not: 十七大 is the name).
_CONGRESS = "大"
_OF_THE_PARTY = "党的"
_PARTY_SHORT = "中共"
# 第二届立法会, 六届人大常委会: the term of a body is part of its name, not of what it names.
_TERM = "届"
_FIRST_TERM = "首届"
_ORDINAL = "第"
# 团省委, 团县委: the Youth League committee of a division, not the party committee.
_LEAGUE = "团"
# A title in 《》 (a paper's, a document's).
_QUOTED_TITLE = re.compile(r"《([^《》\s]{1,10})》")


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    tag: str
    text: str


# The rules in the order they run, each a function registered in spacy.registry.misc below;
# [components.orgs] steps in config.cfg lists them too (a step is found by its name).
STEPS: tuple[str, ...] = (
    "zhkg.orgs.organ_named_places.v1", "zhkg.orgs.place_named_orgs.v1", "zhkg.orgs.trimmed_to_table_names.v1",
    "zhkg.orgs.table_matches.v1", "zhkg.orgs.compounds.v1", "zhkg.orgs.enumerated_units.v1",
    "zhkg.orgs.press_titles.v1", "zhkg.orgs.place_then_org.v1", "zhkg.orgs.party_bodies.v1",
    "zhkg.orgs.place_split_from_org.v1", "zhkg.orgs.cut_names_completed.v1", "zhkg.orgs.shared_heads.v1",
    "zhkg.orgs.rejected.v1", "zhkg.orgs.task_groups.v1", "zhkg.orgs.congresses.v1",
    "zhkg.orgs.terms_of_bodies.v1", "zhkg.orgs.league_committees.v1",
    "zhkg.orgs.press_of_places.v1", "zhkg.orgs.venues.v1", "zhkg.orgs.governments.v1", "zhkg.orgs.aliases.v1",
)


@Language.factory(FACTORY, default_config={"max_name": _MAX_NAME, "steps": list(STEPS)},
                  assigns=["doc.ents", "doc._.aliases"], requires=["doc.ents"])
def make_orgs(nlp: Language, name: str, max_name: int, steps: list[str]) -> "OrgRecognizer":
    """Build the organisation rules; the organs table loads in ``initialize`` or ``from_disk``."""
    return OrgRecognizer(name, max_name=max_name, steps=steps)


def _step(name: str, method: str, override: bool) -> None:
    """Register ``OrgRecognizer.<method>`` (candidates from the doc) as the step ``name``."""
    def run(orgs: "OrgRecognizer", doc: Doc) -> None:
        set_entities(doc, getattr(orgs, method)(doc), override=override)

    run.__name__ = method.lstrip("_")
    run.__doc__ = f"Step {name}: the candidates of ``OrgRecognizer.{method}`` (override={override})."
    registry.misc.register(name, func=run)


class OrgRecognizer:
    """Whole organisation names from LAC words, the organs table and party bodies."""

    def __init__(self, name: str, max_name: int = _MAX_NAME, steps: Sequence[str] = STEPS) -> None:
        if max_name < 2:
            raise ValueError(f"{FACTORY}: max_name must be at least 2, got {max_name}")
        self.steps: list[Callable[["OrgRecognizer", Doc], None]] = registered_steps(FACTORY, steps, STEPS)
        register_extensions()
        self.name = name
        self.max_name = max_name
        self._aliases: dict[str, list[str]] = {}
        self._places: frozenset[str] = frozenset()
        self._common_words: frozenset[str] = frozenset()
        self._pattern: re.Pattern[str] | None = None
        self._press_title: re.Pattern[str] | None = None
        self._counted_before: re.Pattern[str] | None = None
        self._congress: re.Pattern[str] | None = None
        self._term_before: re.Pattern[str] | None = None
        self._lex: OrgWords | None = None
        self._titles: frozenset[str] = frozenset()
        self._title_last_chars: frozenset[str] = frozenset()
        self._titles_by_length: tuple[tuple[int, frozenset[str]], ...] = ()
        self._last_words: tuple[Doc | None, list[_Word]] = (None, [])

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None,
                   nlp: Language | None = None) -> None:
        """Load the central organs table, the place names (for 美国政府 -> 美国) and common words."""
        from pipelines.lexicons.organs import load_central_organs
        from pipelines.lexicons.divisions import load_place_lexicon
        from pipelines.lexicons.surnames import load_common_words

        table = load_central_organs()
        self._set_state({name: table.aliases(name) for name in table.names()},
                        load_place_lexicon().match_forms(), load_common_words(), load_org_words())

    def _set_state(self, aliases: dict[str, list[str]], places: Iterable[str],
                   common_words: Iterable[str], lex: OrgWords) -> None:
        self._lex = lex
        self._titles = frozenset(lex.titles)
        self._title_last_chars = frozenset(title[-1] for title in lex.titles)
        self._titles_by_length = tuple((size, frozenset(t for t in lex.titles if len(t) == size))
                                       for size in sorted({len(t) for t in lex.titles}, reverse=True))
        self._aliases = aliases
        self._places = frozenset(places)
        self._common_words = frozenset(common_words)
        self._pattern = trie_pattern(aliases)
        self._press_title = _press_title_pattern(lex)
        self._counted_before = _counted_before_pattern(lex)
        numerals = re.escape("".join(sorted(lex.numerals)))
        self._congress = re.compile(rf"(?:{_PARTY_SHORT})?([{numerals}]+){_CONGRESS}")
        self._term_before = re.compile(rf"(?:{_ORDINAL}?[{numerals}]+{_TERM}|{_FIRST_TERM})$")

    @property
    def lex(self) -> OrgWords:
        """The word lists of the rules (``org_words.tsv`` and the title lexicon)."""
        if self._lex is None:
            raise NotInitializedError(FACTORY)
        return self._lex

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            raise NotInitializedError(FACTORY)
        return self._pattern

    def __call__(self, doc: Doc) -> Doc:
        """Run the configured steps in order (see :data:`STEPS`)."""
        for step in self.steps:
            step(self, doc)
        return doc

    def _table_matches_of(self, doc: Doc) -> list[CharSpan]:
        words = self._words(doc)
        return self._table_matches(doc_text(doc), {w.start for w in words}, {w.end for w in words})

    def _compounds_of(self, doc: Doc) -> list[CharSpan]:
        return self._compounds(self._words(doc))

    def _enumerated_units_of(self, doc: Doc) -> list[CharSpan]:
        return self._enumerated_units(self._words(doc))

    def _press_titles_of(self, doc: Doc) -> list[CharSpan]:
        return self._press_titles(doc_text(doc))

    def _table_matches(self, text: str, starts: set[int], ends: set[int]) -> list[CharSpan]:
        """Central organ names that end where a word ends (司法部 but not 司法部门).

        A title or party body may follow in the same word (外交部长, 教育部党组);
        two-character names must also start on a word boundary (人行 but not 人行道).
        """
        found = []
        for s, e in find_all(self.pattern, text):
            ends_word = e in ends or text.startswith(self.lex.titles + self.lex.party_bodies, e)
            if ends_word and (e - s > 2 or s in starts):
                found.append(CharSpan(s, e, ORG))
        return found

    def _compounds(self, words: Sequence[_Word]) -> list[CharSpan]:
        """Prefix words + head word ending in an organ suffix."""
        found = []
        for i, head in enumerate(words):
            if not self._is_organ_head(head):
                continue
            if len(head.text) == 1 and i > 0 and (
                    self._organ_suffix(words[i - 1].text) or words[i - 1].text in self.lex.unit_nouns):
                continue  # 省教育厅|厅|长 repeats the organ; 处室|局 lists kinds of units
            first = i
            while first > 0 and self._extends_name(words[first - 1]) and \
                    head.end - words[first - 1].start <= self.max_name:
                first -= 1
            if first > 0 and words[first - 1].tag == "PER" and head.text.endswith(self.lex.person_named):
                first -= 1  # 宋庆龄基金会: some bodies are named after a person
            if head.text in self.lex.governments and all(w.tag == "LOC" for w in words[first:i]):
                continue
            anchor = next((j for j in range(first, i + 1) if self._is_anchor(words, j)), None)
            bare_level = anchor == i and self._has_level_prefix(words, i) and \
                self._organ_suffix(head.text) in self.lex.generic_heads
            if anchor == i - 1 and words[anchor].tag == "LOC" and head.text in self.lex.kind_words:
                continue  # 美国公司, 陕西工厂: companies of a place, not one company
            if anchor is not None and not bare_level and (
                    anchor < i or words[i].tag == "ORG" or self._has_level_prefix(words, i)):
                found.append(CharSpan(words[anchor].start, head.end, ORG))
            elif self._is_named_unit(words, first, i):
                found.append(CharSpan(words[first].start, head.end, ORG))
        # 居民|小组 ends in an organ suffix across words but is no organ (a not-organ word).
        return [f for f in found
                if not self._not_organ("".join(w.text for w in words if f.start <= w.start and w.end <= f.end))]

    def _trimmed_to_table_names(self, doc: Doc) -> list[CharSpan]:
        """LAC ORG spans that run past a central organ name into ordinary words
        (党中央惠民, 党中央政|令, 后党中央) are cut back to the organ name."""
        text = doc_text(doc)
        found = []
        for ent in doc.ents:
            if ent.label_ != ORG or ent.text in self._aliases:
                continue
            for s, e in find_all(self.pattern, ent.text):
                if e - s >= 2 and self._is_loose_head(ent.text[:s]) and \
                        self._is_loose_tail(ent.text[e:], text[ent.end_char: ent.end_char + 1]):
                    found.append(CharSpan(ent.start_char + s, ent.start_char + e, ORG))
                    break
        return found

    def _is_loose_tail(self, tail: str, after: str) -> bool:
        """Nothing, ordinary words without an organ suffix (惠民, 大政方针), or one character
        opening a word with the next one (政|令)."""
        if not tail:
            return True
        if self._organ_suffix(tail) is not None:
            return False
        if len(tail) == 1:
            return tail + after in self._common_words
        return self._is_common_phrase(tail)

    def _is_common_phrase(self, text: str) -> bool:
        """``text`` is a run of ordinary words of two to four characters (能源汽车, 大政方针)."""
        if not text:
            return True
        return any(text[:n] in self._common_words and self._is_common_phrase(text[n:])
                   for n in (4, 3, 2) if len(text) >= n)

    def _is_new_phrase(self, text: str) -> bool:
        """新 + ordinary words, possibly repeated (新时代, 新时代新征程, 新能源汽车): an era or a
        kind of thing, not a name."""
        if not text.startswith(_NEW) or len(text) < 3:
            return False
        rest = text[1:]
        return any(self._is_common_phrase(rest[:n]) and (n == len(rest) or self._is_new_phrase(rest[n:]))
                   for n in range(2, len(rest) + 1))

    def _place_then_org(self, doc: Doc) -> list[CharSpan]:
        """A run of places directly followed by an organisation is one organisation.

        LAC sometimes tags the place itself as ORG (中国 | 石化): a place name
        counts as a place whatever its label.
        """
        found = []
        ents = list(doc.ents)
        for i, ent in enumerate(ents):
            if ent.label_ != ORG:
                continue
            first = i
            while first > 0 and ents[first - 1].end == ents[first].start and len(ents[first - 1].text) > 1 \
                    and (ents[first - 1].label_ == PLACE or ents[first - 1].text in self._places):
                first -= 1
            if first < i:
                found.append(CharSpan(ents[first].start_char, ent.end_char, ORG))
        return found

    def _congresses(self, doc: Doc) -> list[CharSpan]:
        """党的十七大, 中共十六大, 十七大以来: a party congress by its ordinal. A one-character
        ordinal (五大) needs 党的 or 中共 before it: 五大发展理念 counts things. A longer name
        holding one (中共三大会址纪念馆) stays whole."""
        text = doc_text(doc)
        found = []
        for match in self._congress.finditer(text):
            ordinal = match.group(1)
            named = match.start() < match.start(1) or text.endswith(_OF_THE_PARTY, 0, match.start())
            opens_word = text[match.end() - 1:match.end() + 1] in self._common_words  # 五|大会址
            if (len(ordinal) > 1 or named) and not opens_word:
                found.append(CharSpan(match.start(), match.end(), ORG, _OF_THE_PARTY + ordinal + _CONGRESS))
        return found

    def _terms_of_bodies(self, doc: Doc) -> list[CharSpan]:
        """第二届立法会, 六届人大常委会, 首届董事会: the term before a body joins its
        span; the body keeps its own name, so every term merges into one node."""
        text = doc_text(doc)
        by_end = {e.end_char: e for e in doc.ents if e.label_ == ORG}
        found = []
        for ent in doc.ents:
            if ent.label_ != ORG:
                continue
            term = self._term_before.search(text, max(0, ent.start_char - 5), ent.start_char)
            if term is None:
                continue
            owner = by_end.get(term.start())
            if owner is not None and not ent.kb_id_ and ent.text not in self._aliases:
                # 民革第九届中央常委会: the body of an organisation, named by both
                found.append(CharSpan(owner.start_char, ent.end_char, ORG, owner.text + ent.text))
            else:
                found.append(CharSpan(term.start(), ent.end_char, ORG, ent.kb_id_ or ent.text))
        return found

    def _league_committees(self, doc: Doc) -> list[CharSpan]:
        """团省委, 团县委: 团 before a level word's party committee names the Youth League committee
        (unless 团 ends a word: 代表团|省委)."""
        text = doc_text(doc)
        found = []
        for ent in doc.ents:
            start = ent.start_char
            if ent.label_ != ORG or start == 0 or text[start - 1] != _LEAGUE or len(ent.text) != 2 \
                    or ent.text[0] not in self.lex.level_ranks or ent.text[1:] not in self.lex.level_organs:
                continue
            if text[max(0, start - 2):start] not in self._common_words:
                found.append(CharSpan(start - 1, ent.end_char, ORG))
        return found

    def _place_split_from_org(self, doc: Doc) -> list[CharSpan]:
        """从|江县委: LAC cut the place's first character off; with it the start is a place."""
        text = doc_text(doc)
        ent_ends = {e.end_char for e in doc.ents}
        found = []
        for ent in doc.ents:
            start = ent.start_char
            if ent.label_ != ORG or start == 0 or start in ent_ends or not text[start - 1].strip():
                continue
            joined = text[start - 1] + ent.text
            if any(joined[:k] in self._places and joined[1:k] not in self._places
                   for k in range(3, len(joined))):
                kb_id = text[start - 1] + ent.kb_id_ if ent.kb_id_ else ""
                found.append(CharSpan(start - 1, ent.end_char, ORG, kb_id))
        return found

    def _governments(self, doc: Doc) -> list[CharSpan]:
        """A place's government stands for the place (美国政府 -> PLACE 美国, 俄政府 -> 俄)."""
        found = []
        for ent in doc.ents:
            body = next((g for g in self.lex.governments if ent.text.endswith(g)), None)
            if ent.label_ == ORG and body and self._is_governed_place(ent.text[: -len(body)]):
                found.append(CharSpan(ent.start_char, ent.end_char - len(body), PLACE))
        if found:
            doc.ents = [e for e in doc.ents if not any(e.start_char == f.start for f in found)]
        return found

    def _place_named_orgs(self, doc: Doc) -> list[CharSpan]:
        """LAC ORG spans that are exactly a place name (本报巴黎电, 温州市) are places."""
        return [CharSpan(e.start_char, e.end_char, PLACE) for e in doc.ents
                if e.label_ == ORG and e.text in self._places]

    def _is_governed_place(self, name: str) -> bool:
        """A known place, a one-character country abbreviation (俄) or a special region (香港特区)."""
        return name in self._places or (len(name) == 1 and name not in self.lex.level_ranks) \
            or name.endswith(SPECIAL_REGION)

    def _party_bodies(self, doc: Doc) -> list[CharSpan]:
        """X党组 / X党委 after an organisation X: one span, named X."""
        found = []
        full_text = doc_text(doc)
        for ent in doc.ents:
            if ent.label_ != ORG:
                continue
            text = ent.text
            body = next((b for b in self.lex.party_bodies if text.endswith(b) and len(text) > len(b)), None)
            if body is not None and self._looks_like_organ(text[: -len(body)]):
                found.append(CharSpan(ent.start_char, ent.end_char, ORG, text[: -len(body)]))
                continue
            follow = full_text[ent.end_char: ent.end_char + 4]
            body = next((b for b in self.lex.party_bodies if follow.startswith(b)), None)
            if body is not None:
                found.append(CharSpan(ent.start_char, ent.end_char + len(body), ORG, text))
        return found

    def _shared_heads(self, doc: Doc) -> list[CharSpan]:
        """浙江省和温州市纪委监委: divisions joined by 和 or 、 before one organ each have it; the
        first division stands for its own body (span 江苏省, named 浙江省纪委监委)."""
        text = doc_text(doc)
        by_end = {e.end_char: e for e in doc.ents}
        found = []
        for ent in doc.ents:
            place = self._leading_division(ent.text) if ent.label_ == ORG else None
            if place is None or ent.start_char < 2 or text[ent.start_char - 1] not in self.lex.sharing_joiners:
                continue
            head = ent.text[len(place):]
            before = by_end.get(ent.start_char - 1)
            ranks = self.lex.level_ranks
            if before is not None and before.label_ == PLACE and before.text[-1] in ranks \
                    and ranks[before.text[-1]] <= ranks[place[-1]]:
                found.append(CharSpan(before.start_char, before.end_char, ORG, before.text + head))
        return found

    def _leading_division(self, name: str) -> str | None:
        """The longest known division (ending in a level word) that opens ``name`` before an organ."""
        for length in range(len(name) - 2, 1, -1):
            prefix = name[:length]
            if prefix in self._places and prefix[-1] in self.lex.level_ranks and self._looks_like_organ(name[length:]):
                return prefix
        return None

    def _is_rejected(self, ent: Span, text: str) -> bool:
        """ORG candidates that name no organisation, whichever rule or LAC proposed them.

        A counted body of ordinary words (两个研发中心) is a kind of body; so is an organ that every
        division has, alone (党支部) or after a bare level word before a title (县委|书记). A party
        body (所在党组, 部门党组) is judged by the organisation it names too.
        """
        name, end = ent.text, ent.end_char
        body = next((b for b in self.lex.party_bodies if name.endswith(b) and len(name) > len(b)), None)
        owner = ent.kb_id_ or (name[: -len(body)] if body else "")
        return (self._is_counted_kind(ent, text) or self._is_bare_organ(name, text[end:end + 6])
                or self._ends_inside_word(text, end, name) or text.startswith(_PLENARY, end)
                or self._names_no_body(name) or (bool(owner) and self._names_no_body(owner)))

    def _is_counted_kind(self, ent: Span, text: str) -> bool:
        """30多个研发中心, 这些中心: a count or plural before a body named by ordinary words only."""
        if not self._counted_before.search(text, max(0, ent.start_char - 4), ent.start_char):
            return False
        inside = [w for w in self._words(ent.doc) if ent.start_char <= w.start and w.end <= ent.end_char]
        return not any(w.tag in _PROPER_TAGS for w in inside)

    def _names_no_body(self, name: str) -> bool:
        """Words and phrases that LAC or the rules take for a name but that name no body."""
        return (self._is_bare_level_body(name) or self._is_new_common_noun(name) or self._ends_in_numeral(name)
                or name in self.lex.generic_modifiers or name in self.lex.not_organs or name in self.lex.unit_nouns
                or name in self.lex.anchors or name[-1] in self.lex.name_end_none or self._names_members(name)
                or self._is_bare_body_phrase(name) or name.endswith(self.lex.rooms) or name in self._titles)

    def _is_new_common_noun(self, name: str) -> bool:
        """新时代, 新能源汽车: 新 before everyday words that name no organ (LAC tags some ORG)."""
        return self._is_new_phrase(name) and self._organ_suffix(name) is None

    def _is_bare_body_phrase(self, name: str) -> bool:
        """新时代党, 新征程党, 全国人大党: a bare 党 or 人大 after an era or after another
        organ is a phrase about the party or congress (新时代党的建设), not a name."""
        body = next((b for b in self.lex.bare_bodies if name.endswith(b) and len(name) > len(b)), None)
        if body is None:
            return False
        prefix = name[: -len(body)]
        return self._is_new_phrase(prefix) or prefix in self._aliases or self._organ_suffix(prefix) is not None

    def _add_aliases(self, doc: Doc) -> None:
        for ent in doc.ents:
            if ent.label_ != ORG:
                continue
            name = ent.kb_id_ or ent.text
            others = self._aliases.get(name)
            if others:
                aliases = get_dict(doc, "aliases")
                known = aliases.setdefault(name, [])
                known.extend(a for a in others if a not in known)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        state = {"max_name": self.max_name, "aliases": self._aliases, "places": sorted(self._places),
                 "common_words": sorted(self._common_words), "words": self.lex.to_dict()}
        return json.dumps(state, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "OrgRecognizer":
        state = json.loads(data.decode("utf-8"))
        self.max_name = state["max_name"]
        self._set_state(state["aliases"], state["places"], state["common_words"],
                        OrgWords.from_dict(state["words"]))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "orgs.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "OrgRecognizer":
        return self.from_bytes((Path(path) / "orgs.json").read_bytes())


    def _words(self, doc: Doc) -> list[_Word]:
        """The words of the doc, computed once per doc for all the steps that read them."""
        if self._last_words[0] is not doc:
            self._last_words = (doc, self._doc_words(doc))
        return self._last_words[1]

    def _doc_words(self, doc: Doc) -> list[_Word]:
        """LAC's words (titles cut off organs), or the tokens tagged by entity label without LAC."""
        lac = lac_words(doc)
        if lac is None:
            labels = {PERSON: "PER", PLACE: "LOC", ORG: "ORG"}
            return [_Word(t.idx, t.idx + len(t.text), labels.get(t.ent_type_, "n"), t.text)
                    for t in doc if not t.is_space]
        words = []
        full_text = doc_text(doc)
        for w in lac:
            text = full_text[w.start:w.end]
            title = self._title_ending(text)
            organ = text[: -len(title)] if title else ""
            if title and self._cuts_title(organ, title):
                cut = w.end - len(title)
                words += [_Word(w.start, cut, "n", organ), _Word(cut, w.end, "n", title)]
            else:
                words.append(_Word(w.start, w.end, w.tag, text))
        return words


    def _ends_with_title(self, text: str) -> bool:
        """``text.endswith(titles)``, after a set lookup of its last character: most words end
        in no title's last character, and the tuple test over hundreds of titles was half of
        this component's time."""
        return bool(text) and text[-1] in self._title_last_chars and text.endswith(self.lex.titles)

    def _title_ending(self, text: str) -> str | None:
        """The longest title that ends ``text`` and is shorter than it: one set lookup per title
        length, where testing the titles one by one took most of ``_doc_words``."""
        if not text or text[-1] not in self._title_last_chars:
            return None
        return next((text[-size:] for size, titles in self._titles_by_length
                     if size < len(text) and text[-size:] in titles), None)

    def _cuts_title(self, organ: str, title: str) -> bool:
        """外交部|长, 市委|书记: an organ then a title; 部|长 alone when the organ is one character."""
        if len(organ) >= 2:
            return organ not in self.lex.not_organs and self._organ_suffix(organ) is not None
        return title == "长" and organ in self.lex.organ_suffixes


    def _extends_name(self, word: _Word) -> bool:
        """A name-like word; a lone adjective (好, 同) says how, not which body."""
        if len(word.text) == 1 and word.tag in _LONE_MODIFIER_TAGS and word.text not in self.lex.name_opening_modifiers:
            return False
        return word.tag in _NAME_TAGS and not self._ends_with_title(word.text) \
            and word.text not in self.lex.generic_modifiers


    def _cut_names_completed(self, doc: Doc) -> list[CharSpan]:
        """乌兰牧|骑: an ORG that the text continues into a longer ORG name of the same
        document is that name."""
        text = doc_text(doc)
        names = sorted({e.text for e in doc.ents if e.label_ == ORG}, key=len, reverse=True)
        found = []
        for ent in doc.ents:
            if ent.label_ != ORG:
                continue
            longer = next((n for n in names if len(n) > len(ent.text) and n.startswith(ent.text)
                           and text.startswith(n, ent.start_char)), None)
            if longer is not None:
                found.append(CharSpan(ent.start_char, ent.start_char + len(longer), ORG))
        return found


    def _is_loose_head(self, head: str) -> bool:
        """Nothing, or one place word (后 in 发生后党中央); 俄央行 keeps its country."""
        return not head or head in self.lex.localizers


    def _names_members(self, name: str) -> bool:
        """共产党人: a body's name and 人 name its members."""
        return len(name) > 2 and name[-1] == _MEMBER and self._organ_suffix(name[:-1]) is not None


    def _is_anchor(self, words: Sequence[_Word], i: int) -> bool:
        """A proper name (two characters or more), a name-opening word or a level prefix."""
        word = words[i]
        if word.text in self.lex.anchors or self._has_level_prefix(words, i):
            return True
        return word.tag in _ANCHOR_TAGS | {"PER"} and len(word.text) >= 2


    def _is_named_unit(self, words: Sequence[_Word], first: int, i: int) -> bool:
        """A unit named by ordinary words (信访局, 抗旱救灾领导小组, 国民议会).

        Only organ suffixes that name a specific unit count here; 政府, 公司 or 学校
        after ordinary words (地方政府, 证券公司) name a kind, not a unit.
        """
        while first < i and words[first].text in self.lex.generic_modifiers:
            first += 1
        head = words[i]
        if head.text in self.lex.standalone:
            return True
        suffix = self._organ_suffix(head.text)
        if suffix in self.lex.generic_heads or suffix is None:
            return False
        return first < i or len(head.text) - len(suffix) >= 2


    def _organ_suffix(self, text: str) -> str | None:
        return self._ending(text, self.lex.organ_suffixes) if text.endswith(self.lex.organ_suffixes) else None


    def _ending(self, text: str, endings: tuple[str, ...]) -> str | None:
        """The first of ``endings`` ending ``text`` (lexicon order)."""
        return next((e for e in endings if text.endswith(e)), None)


    def _is_organ_head(self, word: _Word) -> bool:
        """A noun ending in an organ suffix; a two-character verb (部署, 督办) is an action, while
        LAC also tags 合作部 or 宣传部 as verbal nouns. A title (常委, 委员) ends like an organ but
        is a post."""
        if word.tag not in _HEAD_TAGS or self._not_organ(word.text) or word.text in self._titles:
            return False  # 中国科协|常委: a title after a body, not a longer body
        return self._organ_suffix(word.text) is not None and not (word.tag in _VERB_TAGS and len(word.text) == 2)


    def _ends_inside_word(self, text: str, end: int, name: str) -> bool:
        """青年党|团员, 部风部|史: a one-character suffix that opens a word with the next character."""
        return end < len(text) and text[end] in self.lex.suffix_continuations and len(self._organ_suffix(name) or "") == 1


    def _not_organ(self, text: str) -> bool:
        """干部, 领导干部, 交界处: words ending in a non-organ word."""
        return text in self.lex.not_organs or text.endswith(self.lex.not_organ_endings)


    def _looks_like_organ(self, text: str) -> bool:
        return len(text) >= 2 and not self._not_organ(text) and self._organ_suffix(text) is not None


    def _has_level_prefix(self, words: Sequence[_Word], i: int) -> bool:
        """省/市/县... opening the word, not after 全/该/本 or a classifier (全市, 该县, 每个县局)."""
        word = words[i]
        if word.text[0] not in self.lex.level_ranks or len(word.text) < 2:
            return False
        previous = words[i - 1].text if i > 0 else ""
        return not previous or previous[-1] not in self.lex.level_blockers


    def _organ_named_places(self, doc: Doc) -> list[CharSpan]:
        """LAC PLACE spans named like an organ (月山车站汽车运贸公司, 中国男队) are ORG.

        Places whose name is an administrative division keep their label: the
        place lexicon ran before and linked them in ``doc._.aliases``.
        """
        known = doc._.aliases or {}
        return [CharSpan(e.start_char, e.end_char, ORG) for e in doc.ents
                if e.label_ == PLACE and e.text not in known and self._looks_like_organ(e.text)]


    def _enumerated_units(self, words: Sequence[_Word]) -> list[CharSpan]:
        """Named items of a list closed by 等 and a kind of body: 华星电子、宏达实业等当地企业.

        The closing noun types the items. An item counts only if it holds a proper
        name (a place, organisation or other proper noun), so 钢铁、煤炭等企业
        (industries) gives nothing.
        """
        found: list[CharSpan] = []
        for i, word in enumerate(words):
            if word.text != "等" or not self._closes_with_kind(words, i + 1):
                continue
            end = i
            while end > 0:
                start = end
                while start > 0 and words[start - 1].tag in _ITEM_TAGS:
                    start -= 1
                item = words[start:end]
                if not item or item[-1].end - item[0].start > _MAX_ITEM:
                    break
                if any(w.tag in _PROPER_TAGS for w in item) and item[-1].end - item[0].start >= 2:
                    found.append(CharSpan(item[0].start, item[-1].end, ORG))
                if start == 0 or words[start - 1].text != "、":
                    break
                end = start - 1
        return found


    def _closes_with_kind(self, words: Sequence[_Word], i: int) -> bool:
        """``words[i:]`` starts with an optional count or place word, then a kind of body."""
        for word in words[i:i + 3]:
            if word.text in self.lex.unit_kinds:
                return True
            if word.tag not in ("m", "q", "s", "r", "a"):
                return False
        return False


    def _press_titles(self, text: str) -> list[CharSpan]:
        """Newspapers and magazines quoted in 《》."""
        return [CharSpan(m.start(1), m.end(1), ORG) for m in self._press_title.finditer(text)
                if not m.group(1).endswith(self.lex.not_press) and "关于" not in m.group(1)]


    def _press_of_places(self, doc: Doc) -> list[CharSpan]:
        """美国《X杂志》, 华北《X日报》, 《X》周刊: a place before a paper's title in 《》, or the
        kind of paper after it (a noun ending like a paper: 周刊, 杂志), belongs to the name. The
        span keeps the marks; the name is the title."""
        text = doc_text(doc)
        words = {w.start: w for w in self._words(doc)}
        papers = {c.start for c in self._press_titles(text)}
        places = {e.end_char: e for e in doc.ents if e.label_ == PLACE}
        found = []
        for match in _QUOTED_TITLE.finditer(text):
            after = words.get(match.end())
            kind = after is not None and after.tag == "n" and len(after.text) <= 2 \
                and after.text.endswith(self.lex.press_endings)
            place = places.get(match.start())
            if kind or (place is not None and match.start(1) in papers):
                start = place.start_char if place is not None else match.start()
                found.append(CharSpan(start, after.end if kind else match.end(), ORG, match.group(1)))
        return found

    def _venues(self, doc: Doc) -> list[CharSpan]:
        """ORG spans naming a hall or centre people visit are places (the building)."""
        return [CharSpan(e.start_char, e.end_char, PLACE) for e in doc.ents
                if e.label_ == ORG and e.text.endswith(self.lex.venues)]


    def _task_groups(self, doc: Doc) -> list[CharSpan]:
        """中央深化X改革领导小组组长: a task group before a title or 成员 is named by the whole
        stretch since the last mark, when that stretch opens with a proper name, an anchor
        (中央, 全国) or an ordinal (第五次) and holds no 的."""
        text = doc_text(doc)
        words = {w.start: w for w in self._words(doc)}
        found = []
        for head in self.lex.task_groups:
            for match in re.finditer(re.escape(head), text):
                end = match.end()
                if not text.startswith((*self.lex.titles, _GROUP_MEMBER), end):
                    continue
                start = max(text.rfind(mark, 0, match.start()) for mark in _STRETCH_MARKS) + 1
                name = text[start:end]
                first = words.get(start)
                opens = first is not None and (first.tag in _PROPER_TAGS or first.text in self.lex.anchors
                                               or first.text.startswith("第"))
                if opens and len(name) - len(head) >= 2 and len(name) <= _MAX_GROUP_NAME and "的" not in name:
                    found.append(CharSpan(start, end, ORG))
        return _shortened_groups_named(found, text)

    def _ends_in_numeral(self, name: str) -> bool:
        """从一 (从一个侧面): LAC tags a preposition and a numeral as a two-character ORG."""
        return len(name) == 2 and name[-1] in self.lex.numerals


    def _is_bare_organ(self, text: str, after: str) -> bool:
        """纪委监委, 党支部: organs that every division or unit has name no particular body alone
        or after several level words (省市纪委);
        after a bare level word they do in a story about one place (市委决定), but not before a
        title (部分县委|书记 is a post of any county)."""
        if self._is_made_of(text, self.lex.level_organs):
            return True
        levels = len(text) - len(text.lstrip("".join(self.lex.level_ranks)))
        if levels >= 2 and self._is_made_of(text[levels:], self.lex.level_organs):
            return True  # 省市纪委, 省区市党委: the organs of several kinds of division
        leveled = len(text) > 1 and text[0] in self.lex.level_ranks and self._is_made_of(text[1:], self.lex.level_organs)
        return leveled and after.startswith(self.lex.titles)

    @staticmethod
    def _is_made_of(text: str, parts: tuple[str, ...]) -> bool:
        """``text`` is one or more of ``parts`` in a row (纪委 + 监委)."""
        if not text:
            return False
        ends = {0}
        for end in range(1, len(text) + 1):
            if any(end - len(p) in ends and text.startswith(p, end - len(p)) for p in parts):
                ends.add(end)
        return len(text) in ends

    def _is_bare_level_body(self, text: str) -> bool:
        """市政府, 县政府: a level and a kind of body, naming no particular one."""
        return (len(text) >= 2 and text[0] in self.lex.level_ranks
                and text[1:] in self.lex.generic_heads)


def _press_title_pattern(lex: OrgWords) -> re.Pattern[str]:
    """A newspaper or magazine title in 《》 names the paper (《X时报》, 《X周刊》), not a
    document (《工作报告》, 《公报》)."""
    endings = "|".join(map(re.escape, longest_first(lex.press_endings)))
    return re.compile(rf"《([^《》\s]{{1,10}}(?:{endings}))》")


def _counted_before_pattern(lex: OrgWords) -> re.Pattern[str]:
    """A count or a plural determiner before a body (160多个研发中心, 这些中心, 县级以上税务局)
    makes it a kind of body, not one body."""
    digits = re.escape("".join(sorted(lex.numerals)) + "".join(lex.count_chars))
    counters = re.escape("".join(lex.counters))
    plurals = "|".join(map(re.escape, lex.plural_determiners))
    return re.compile(rf"(?:[\d{digits}]+[{counters}]|{plurals})$")


def _shortened_groups_named(groups: list[CharSpan], text: str) -> list[CharSpan]:
    """A task group's short form (中央X领导小组 beside 中央学习贯彻X领导小组 in one document) is
    named by the full form: same start and head, its characters in the same order."""
    names = sorted({text[g.start:g.end] for g in groups}, key=len, reverse=True)
    named = []
    for group in groups:
        short = text[group.start:group.end]
        full = next((n for n in names if len(n) > len(short) and n[:2] == short[:2]
                     and _is_subsequence(short, n)), None)
        named.append(CharSpan(group.start, group.end, ORG, full) if full else group)
    return named


def _is_subsequence(short: str, long: str) -> bool:
    """Every character of ``short`` occurs in ``long``, in order."""
    rest = iter(long)
    return all(char in rest for char in short)


# -- the registered steps ------------------------------------------------------------------
for _name, _method, _override in (
    ("zhkg.orgs.organ_named_places.v1", "_organ_named_places", True),
    ("zhkg.orgs.place_named_orgs.v1", "_place_named_orgs", True),
    ("zhkg.orgs.trimmed_to_table_names.v1", "_trimmed_to_table_names", True),
    ("zhkg.orgs.table_matches.v1", "_table_matches_of", False),
    ("zhkg.orgs.compounds.v1", "_compounds_of", False),
    ("zhkg.orgs.enumerated_units.v1", "_enumerated_units_of", True),
    ("zhkg.orgs.press_titles.v1", "_press_titles_of", True),
    ("zhkg.orgs.place_then_org.v1", "_place_then_org", False),
    ("zhkg.orgs.party_bodies.v1", "_party_bodies", True),
    ("zhkg.orgs.place_split_from_org.v1", "_place_split_from_org", True),
    ("zhkg.orgs.cut_names_completed.v1", "_cut_names_completed", True),
    ("zhkg.orgs.shared_heads.v1", "_shared_heads", True),
    ("zhkg.orgs.task_groups.v1", "_task_groups", True),
    ("zhkg.orgs.congresses.v1", "_congresses", False),
    ("zhkg.orgs.terms_of_bodies.v1", "_terms_of_bodies", True),
    ("zhkg.orgs.league_committees.v1", "_league_committees", True),
    ("zhkg.orgs.press_of_places.v1", "_press_of_places", True),
    ("zhkg.orgs.venues.v1", "_venues", True),
    ("zhkg.orgs.governments.v1", "_governments", True),
):
    _step(_name, _method, _override)


@registry.misc("zhkg.orgs.rejected.v1")
def drop_rejected(orgs: OrgRecognizer, doc: Doc) -> None:
    """Step zhkg.orgs.rejected.v1: drop ORG entities that name no organisation."""
    text = doc_text(doc)
    doc.ents = [e for e in doc.ents if e.label_ != ORG or not orgs._is_rejected(e, text)]


@registry.misc("zhkg.orgs.aliases.v1")
def add_aliases(orgs: OrgRecognizer, doc: Doc) -> None:
    """Step zhkg.orgs.aliases.v1: the central organs' other names into ``doc._.aliases``."""
    orgs._add_aliases(doc)
