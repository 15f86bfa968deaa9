"""PLACE entities from the administrative-division and region lexicon.

Lexicon names are found by a spaCy ``PhraseMatcher`` over the text's characters
(:mod:`pipelines.lexicon_matcher`). A lexicon name counts only where LAC's word
boundaries agree with it, so the 中国 of 中国科协 or the 长治 of 长治久安 (one LAC
word) is no place, nor is the short name of a division that LAC reads as a common
noun (港口, 光明, 古城: the everyday words). LAC
PLACE spans that are a run of known places (湖北武汉) or of one-character
abbreviations (中美, 欧美) are split into them; a known place followed by a
compass part or a weather word (华北北部, 济南晴) is cut back to the place.
Short and full names are linked in ``doc._.aliases`` (烟台 <-> 烟台市) so the
graph can merge them across documents.

Also: a pair that the place dictionary knows as one place (印尼) is not split;
trailers and 地区 are cut repeatedly (西北地区大部 -> 西北), also off LAC PERSON
spans (卡拉奇晴); 华 and 京 after a verb of going (访华, 进京) are China and
Beijing; two country abbreviations before 两国, 关系, 谈判 ... are two places
(墨美两国); a one-character PLACE that LAC cut off the head of a name it does not
know is joined back to it (塔|科马市, 前|李卜村); a LAC PERSON named exactly as a
country or a foreign city is that place (吉布提, 卡拉奇).

Each rule is a step registered by name (``zhkg.places.<rule>.v1``) and listed in
``[components.places] steps`` of config.cfg in run order; the words they use
(trailers, pair followers, verbs of going) are roles of ``place_words.tsv``.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from zhkg.records import PERSON, PLACE
from pipelines.component_steps import registered_steps
from pipelines.spans import CharSpan, LacWord, doc_text, lac_words, set_entities, span_text
from zhkg.errors import NotInitializedError
from pipelines.extensions import get_dict, register_extensions
from pipelines.lexicon_matcher import LexiconMatcher

logger = logging.getLogger(__name__)

FACTORY = "zhkg_places_v1"  # spaCy forbids "." in factory names
# LAC tags of verbs, adjectives and direction words: a short place name read as one (前进, 解放,
# 富裕, 城市的西北) is not a place.
PREDICATE_TAGS = frozenset(("v", "vd", "vn", "a", "ad", "an", "d", "f"))
# LAC tags of common nouns and place words: a division's short name read as one (港口, 光明, 城中)
# is the everyday word; LAC tags the place LOC.
NOUN_TAGS = frozenset(("n", "s"))
# 西北地区 is the place 西北: the generic 地区 is cut off a known place even when the whole is listed.
AREA_WORD = "地区"
# After a verb of going or staying (place_words.tsv: gone_to_verb; 访华, 驻华, 进京), 华 stands
# for China and 京 for Beijing.
STANDS_FOR: dict[str, str] = {"华": "中国", "京": "北京"}
# Role of name_words.tsv: function characters (和, 同, 在) are no first character of a place name.
FUNCTION_CHAR = "function_char"
# Role of place_words.tsv: the level words that end a division's name (镇, 县, 自治州).
DIVISION_LEVEL = "division_level"
# The one-character abbreviations of the provinces (湘, 赣), kept with the rules' words.
PROVINCE_ABBREVIATION = "province_abbreviation"
# LAC reads a city plus a weather word as a name (卡拉奇晴): such spans are places too.
_TRIMMED_LABELS = frozenset((PLACE, PERSON))


# The rules in the order they run, each a function registered in spacy.registry.misc at the
# end of this module; [components.places] steps in config.cfg lists them too.
STEPS: tuple[str, ...] = (
    "zhkg.places.name_heads.v1", "zhkg.places.lexicon_names.v1", "zhkg.places.foreign_names.v1",
    "zhkg.places.joined_split.v1", "zhkg.places.gone_to.v1", "zhkg.places.abbreviated_pairs.v1",
    "zhkg.places.trailers_cut.v1", "zhkg.places.aliases.v1",
)


@Language.factory(FACTORY, default_config={"steps": list(STEPS)}, assigns=["doc.ents", "doc._.aliases"])
def make_places(nlp: Language, name: str, steps: list[str]) -> "PlaceRecognizer":
    """Build the place recogniser; the lexicon loads in ``initialize`` or ``from_disk``."""
    return PlaceRecognizer(name, steps, vocab=nlp.vocab)


@dataclass
class PlaceDoc:
    """One document as the steps read it: its text, LAC's word boundaries and the lexicon names.

    ``matches`` are the lexicon names that lie on LAC word boundaries and are not
    a verb or adjective that LAC reads as one word (前进, 富裕), unless written in full.
    Without LAC words, every lexicon name matches and the word-boundary rules do nothing.
    """

    doc: Doc
    text: str
    words: Sequence[LacWord] | None
    matches: list[tuple[int, int]]
    starts: set[int] = field(default_factory=set)
    ends: set[int] = field(default_factory=set)


class PlaceRecognizer:
    """Lexicon places on LAC word boundaries, plus splitting of joined places."""

    def __init__(self, name: str, steps: Sequence[str] = STEPS, vocab: Vocab | None = None) -> None:
        register_extensions()
        self.name = name
        self.vocab = vocab if vocab is not None else Vocab()
        self.steps: list[Callable[["PlaceRecognizer", PlaceDoc], None]] = registered_steps(FACTORY, steps, STEPS)
        self._full_names: dict[str, str] = {}
        self._short_division_names: frozenset[str] = frozenset()
        self._foreign_names: frozenset[str] = frozenset()
        self._abbreviations: frozenset[str] = frozenset()
        self._whole_pairs: frozenset[str] = frozenset()
        self._trailers: tuple[str, ...] = ()
        self._rule_words: dict[str, list[str]] = {}
        self._function_chars: frozenset[str] = frozenset()
        self._division_levels: tuple[str, ...] = ()
        self._province_abbreviations: frozenset[str] = frozenset()
        self._lookup: LexiconMatcher | None = None
        self._gone_to: re.Pattern[str] | None = None
        self._pair_follower: re.Pattern[str] | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None,
                   nlp: Language | None = None) -> None:
        """Take the matchable names from :func:`load_place_lexicon` and the rules' words from place_words.tsv."""
        from pipelines.lexicons.divisions import (CITY, COUNTRY, COUNTY, PROVINCE, WORLD_CITY, abbreviation_chars,
                                                  load_place_lexicon, province_abbreviations, whole_place_pairs)
        from pipelines.lexicons.tables import load_lexicon

        lexicon = load_place_lexicon()
        words = load_lexicon("place_words")
        rule_words = {role: list(words.where("role", role))
                      for role in ("trailer", "pair_follower", "gone_to_verb", DIVISION_LEVEL)}
        rule_words[FUNCTION_CHAR] = list(load_lexicon("name_words").where("role", FUNCTION_CHAR))
        rule_words[PROVINCE_ABBREVIATION] = sorted(province_abbreviations())
        infos = {form: lexicon.lookup(form) for form in lexicon.match_forms()}
        short_divisions = [form for form, info in infos.items()
                           if info.level in (PROVINCE, CITY, COUNTY) and info.full_name != form]
        foreign = [form for form, info in infos.items() if info.level in (COUNTRY, WORLD_CITY)]
        self._set_table({form: info.full_name for form, info in infos.items()},
                        abbreviation_chars(), whole_place_pairs(), rule_words, short_divisions, foreign)

    def _set_table(self, full_names: dict[str, str], abbreviations: Iterable[str],
                   whole_pairs: Iterable[str], rule_words: dict[str, list[str]],
                   short_division_names: Iterable[str], foreign_names: Iterable[str]) -> None:
        self._full_names = full_names
        self._short_division_names = frozenset(short_division_names)
        self._foreign_names = frozenset(foreign_names)
        self._abbreviations = frozenset(abbreviations)
        self._whole_pairs = frozenset(whole_pairs)
        self._rule_words = rule_words
        self._trailers = tuple(rule_words["trailer"])
        self._function_chars = frozenset(rule_words[FUNCTION_CHAR])
        self._division_levels = tuple(rule_words[DIVISION_LEVEL])
        self._province_abbreviations = frozenset(rule_words[PROVINCE_ABBREVIATION])
        self._lookup = LexiconMatcher(self.vocab, full_names)
        verbs = "".join(re.escape(v) for v in rule_words["gone_to_verb"])
        self._gone_to = re.compile(f"(?<=[{verbs}])[{''.join(STANDS_FOR)}]")
        self._pair_follower = re.compile("|".join(map(re.escape, rule_words["pair_follower"])))

    @property
    def lookup(self) -> LexiconMatcher:
        """The lexicon names as a spaCy ``PhraseMatcher`` (see :mod:`pipelines.lexicon_matcher`)."""
        if self._lookup is None:
            raise NotInitializedError(FACTORY)
        return self._lookup

    def __call__(self, doc: Doc) -> Doc:
        """Run the configured steps in order (see :data:`STEPS`) on the document's lexicon names."""
        view = self._place_doc(doc)
        for step in self.steps:
            step(self, view)
        return doc

    def _place_doc(self, doc: Doc) -> PlaceDoc:
        text = doc_text(doc)
        matches = self.lookup.find_all(text)
        words = lac_words(doc)
        if words is None:
            return PlaceDoc(doc, text, None, matches)
        starts = {w.start for w in words}
        ends = {w.end for w in words}
        predicates = {w.start for w in words if w.tag in PREDICATE_TAGS}
        nouns = {(w.start, w.end) for w in words if w.tag in NOUN_TAGS}
        matches = [(s, e) for s, e in matches if s in starts and e in ends
                   and (s not in predicates or self._full_names[text[s:e]] == text[s:e])
                   and not ((s, e) in nouns and text[s:e] in self._short_division_names)]
        return PlaceDoc(doc, text, words, matches, starts, ends)

    def trim_trailers(self, doc: Doc) -> None:
        """华北北部 -> 华北, 济南晴 -> 济南, 西北地区大部 -> 西北: a known place plus trailers keeps the place."""
        trimmed = []
        text = doc_text(doc)
        for ent in doc.ents:
            stem = self._known_stem(span_text(ent, text)) if ent.label_ in _TRIMMED_LABELS else None
            if stem:
                trimmed.append(CharSpan(ent.start_char, ent.start_char + len(stem), PLACE))
        if trimmed:
            keep = [e for e in doc.ents if all(not (e.start_char <= t.start and t.end < e.end_char)
                                               for t in trimmed)]
            doc.ents = keep
            set_entities(doc, trimmed)

    def abbreviated_pairs(self, text: str, starts: set[int]) -> list[CharSpan]:
        """Two country abbreviations on word boundaries before 两国, 关系 ... (墨美两国 -> 墨, 美)."""
        pairs = []
        for index in self._pair_positions(text):
            pair = text[index:index + 2]
            if index in starts and index + 2 in starts and all(c in self._abbreviations for c in pair):
                pairs += [CharSpan(index, index + 1, PLACE), CharSpan(index + 1, index + 2, PLACE)]
        return pairs

    def _known_stem(self, name: str) -> str | None:
        """The shortest known place left by cutting trailers and 地区 off ``name``, if any."""
        stem, known = name, None
        while (cut := self._cut_trailer(stem)) is not None:
            stem = cut
            if stem in self._full_names:
                known = stem
        return known

    def _cut_trailer(self, stem: str) -> str | None:
        """``stem`` without 地区 or, unless it is a known name (淮阴), a trailer; ``None`` if neither ends it."""
        if stem.endswith(AREA_WORD) and len(stem) > len(AREA_WORD):
            return stem[: -len(AREA_WORD)]
        if stem in self._full_names:
            return None
        trailer = next((t for t in self._trailers if stem.endswith(t) and len(stem) > len(t)), None)
        return stem[: -len(trailer)] if trailer else None

    def name_heads(self, doc: Doc) -> list[CharSpan]:
        """塔|科马市, 前|李卜村: a one-character PLACE right before a PLACE that is no known place.

        LAC cuts the first character off some names it does not know and tags it a
        place of its own. Such a character is the head of the name, unless it is a
        function character (和|某某村), or it and the rest's first character are province
        abbreviations (湘|赣边区, a run of them), or the rest is a known place or pair (中|美,
        中|印尼), or it opens with a known place and names no division (环|青海湖,
        汉|长安城遗址: a word before a lake or a site named after a place).
        """
        text = doc_text(doc)
        places = [e for e in doc.ents if e.label_ == PLACE]
        heads = []
        for head, name in zip(places, places[1:]):
            first, rest = span_text(head, text), span_text(name, text)
            if head.end_char == name.start_char and len(first) == 1 and first not in self._function_chars and \
                    not {first, rest[0]} <= self._province_abbreviations and self._unknown_rest(rest):
                heads.append(CharSpan(head.start_char, name.end_char, PLACE))
        return heads

    def _unknown_rest(self, rest: str) -> bool:
        """Whether ``rest`` can be the rest of a name whose head LAC cut off (see :meth:`name_heads`)."""
        if rest in self._full_names or rest in self._whole_pairs or (len(rest) == 1 and rest in self._abbreviations):
            return False
        return rest.endswith(self._division_levels) or \
            not any(rest[:k] in self._full_names for k in range(2, len(rest)))

    def foreign_names(self, doc: Doc) -> list[CharSpan]:
        """PERSON spans that are the whole name of a country or a foreign city, as places.

        LAC reads transliterations it does not know as people (吉布提, 卡拉奇);
        the short names of Chinese divisions are left alone, since many are given
        names too (安宁, 高明).
        """
        text = doc_text(doc)
        return [CharSpan(e.start_char, e.end_char, PLACE) for e in doc.ents
                if e.label_ == PERSON and span_text(e, text) in self._foreign_names]

    def split_joined(self, doc: Doc, matches: list[tuple[int, int]]) -> list[CharSpan]:
        """Parts of PLACE entities that are exactly two or more places or abbreviations."""
        parts: list[CharSpan] = []
        text = doc_text(doc)
        for ent in doc.ents:
            if ent.label_ != PLACE:
                continue
            name = span_text(ent, text)
            if name in self._full_names or name in self._whole_pairs:
                continue
            if len(name) == 2 and all(c in self._abbreviations for c in name):
                parts += [CharSpan(ent.start_char, ent.start_char + 1, PLACE),
                          CharSpan(ent.start_char + 1, ent.end_char, PLACE)]
                continue
            inside = [(s, e) for s, e in matches if ent.start_char <= s and e <= ent.end_char]
            covered = sum(e - s for s, e in inside)
            if len(inside) >= 2 and covered == ent.end_char - ent.start_char:
                parts.extend(CharSpan(s, e, PLACE) for s, e in inside)
        return parts

    def add_aliases(self, doc: Doc) -> None:
        text = doc_text(doc)
        for ent in doc.ents:
            if ent.label_ != PLACE:
                continue
            surface = span_text(ent, text)
            full_name = self._full_names.get(STANDS_FOR.get(surface, surface))
            if full_name and full_name != surface:
                aliases = get_dict(doc, "aliases")
                _add_alias(aliases, surface, full_name)
                _add_alias(aliases, full_name, surface)

    def _pair_positions(self, text: str) -> list[int]:
        """Start offsets of the two characters before a pair follower."""
        if self._pair_follower is None:
            raise NotInitializedError(FACTORY)
        return [m.start() - 2 for m in self._pair_follower.finditer(text) if m.start() >= 2]

    def gone_to_spans(self, text: str, ends: set[int]) -> list[CharSpan]:
        """华 of 访华 / 驻华 and 京 of 进京, when the character ends a word (not 华侨, 京剧)."""
        if self._gone_to is None:
            raise NotInitializedError(FACTORY)
        return [CharSpan(m.start(), m.end(), PLACE) for m in self._gone_to.finditer(text) if m.end() in ends]

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        state = {"full_names": self._full_names, "abbreviations": sorted(self._abbreviations),
                 "whole_pairs": sorted(self._whole_pairs), "rule_words": self._rule_words,
                 "short_division_names": sorted(self._short_division_names),
                 "foreign_names": sorted(self._foreign_names)}
        return json.dumps(state, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "PlaceRecognizer":
        state = json.loads(data.decode("utf-8"))
        self._set_table(state["full_names"], state["abbreviations"], state["whole_pairs"], state["rule_words"],
                        state["short_division_names"], state["foreign_names"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "places.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "PlaceRecognizer":
        return self.from_bytes((Path(path) / "places.json").read_bytes())


def _add_alias(aliases: dict[str, list[str]], name: str, alias: str) -> None:
    known = aliases.setdefault(name, [])
    if alias not in known:
        known.append(alias)


# -- the registered steps ------------------------------------------------------------------
@registry.misc("zhkg.places.name_heads.v1")
def name_heads(places: PlaceRecognizer, view: PlaceDoc) -> None:
    """A one-character PLACE before an unknown PLACE is the head of one name (塔|科马市)."""
    set_entities(view.doc, places.name_heads(view.doc))


@registry.misc("zhkg.places.lexicon_names.v1")
def lexicon_names(places: PlaceRecognizer, view: PlaceDoc) -> None:
    """Lexicon names on LAC word boundaries are places (not 长治 of 长治久安)."""
    set_entities(view.doc, [CharSpan(s, e, PLACE) for s, e in view.matches])


@registry.misc("zhkg.places.foreign_names.v1")
def foreign_names(places: PlaceRecognizer, view: PlaceDoc) -> None:
    """A PERSON named exactly as a country or a foreign city is that place (吉布提, 卡拉奇)."""
    set_entities(view.doc, places.foreign_names(view.doc), override=True)


@registry.misc("zhkg.places.joined_split.v1")
def joined_split(places: PlaceRecognizer, view: PlaceDoc) -> None:
    """A PLACE that is two or more places or abbreviations is split into them (湖北武汉, 中美)."""
    set_entities(view.doc, places.split_joined(view.doc, view.matches), override=True)


@registry.misc("zhkg.places.gone_to.v1")
def gone_to(places: PlaceRecognizer, view: PlaceDoc) -> None:
    """华 of 访华 is China and 京 of 进京 Beijing (needs LAC words)."""
    if view.words is not None:
        set_entities(view.doc, places.gone_to_spans(view.text, view.ends))


@registry.misc("zhkg.places.abbreviated_pairs.v1")
def abbreviated_pairs(places: PlaceRecognizer, view: PlaceDoc) -> None:
    """Two country abbreviations before 两国, 关系 ... are two places (墨美两国; needs LAC words)."""
    if view.words is not None:
        set_entities(view.doc, places.abbreviated_pairs(view.text, view.starts), override=True)


@registry.misc("zhkg.places.trailers_cut.v1")
def trailers_cut(places: PlaceRecognizer, view: PlaceDoc) -> None:
    """A known place plus compass or weather words keeps the place (华北北部 -> 华北, 济南晴 -> 济南)."""
    places.trim_trailers(view.doc)


@registry.misc("zhkg.places.aliases.v1")
def aliases(places: PlaceRecognizer, view: PlaceDoc) -> None:
    """Short and full names of one place into ``doc._.aliases`` (烟台 <-> 烟台市)."""
    places.add_aliases(view.doc)
