"""PLACE entities from the administrative-division and region lexicon.

A lexicon name counts only where LAC's word boundaries agree with it, so the
中国 of 中国贸促会 or the 长治 of 长治久安 (one LAC word) is no place. LAC
PLACE spans that are a run of known places (安徽阜阳) or of one-character
abbreviations (中美, 欧美) are split into them; a known place followed by a
compass part or a weather word (华北北部, 济南晴) is cut back to the place.
Short and full names are linked in ``doc._.aliases`` (阜阳 <-> 阜阳市) so the
graph can merge them across documents.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any, Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from graph.records import PLACE
from pipelines.components.lac_ner import LAC_WORDS_KEY
from pipelines.components.spans import CharSpan, set_entities
from pipelines.extensions import get_dict, register_extensions
from pipelines.lexicons.matching import find_all, trie_pattern

logger = logging.getLogger(__name__)

FACTORY = "zhkg_places_v1"  # spaCy forbids "." in factory names
# LAC tags of verbs and adjectives: a short place name read as one (前进, 解放, 富裕) is not a place.
PREDICATE_TAGS = frozenset(("v", "vd", "vn", "a", "ad", "an", "d"))
# Words that LAC glues to a place name but that are not part of it.
TRAILERS: tuple[str, ...] = (
    "东北部", "西北部", "东南部", "西南部", "东部", "西部", "南部", "北部", "中部", "大部",
    "雷阵雨", "阵雨", "多云", "晴", "阴", "小雨", "中雨", "大雨", "暴雨", "小雪", "中雪", "大雪",
)


@Language.factory(FACTORY, default_config={}, assigns=["doc.ents", "doc._.aliases"])
def make_places(nlp: Language, name: str) -> "PlaceRecognizer":
    """Build the place recogniser; the lexicon loads in ``initialize`` or ``from_disk``."""
    return PlaceRecognizer(name)


class PlaceRecognizer:
    """Lexicon places on LAC word boundaries, plus splitting of joined places."""

    def __init__(self, name: str) -> None:
        register_extensions()
        self.name = name
        self._full_names: dict[str, str] = {}
        self._abbreviations: frozenset[str] = frozenset()
        self._pattern: re.Pattern[str] | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None,
                   nlp: Language | None = None) -> None:
        """Take the matchable names from :func:`load_place_lexicon`."""
        from pipelines.lexicons.places import abbreviation_chars, load_place_lexicon

        lexicon = load_place_lexicon()
        self._set_table({form: lexicon.lookup(form).full_name for form in lexicon.match_forms()},
                        abbreviation_chars())

    def _set_table(self, full_names: dict[str, str], abbreviations: Iterable[str]) -> None:
        self._full_names = full_names
        self._abbreviations = frozenset(abbreviations)
        self._pattern = trie_pattern(full_names)

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            raise RuntimeError(f"{FACTORY} is not initialised: call nlp.initialize() "
                               "or load the pipeline with spacy.load()")
        return self._pattern

    def __call__(self, doc: Doc) -> Doc:
        matches = list(find_all(self.pattern, doc.text))
        words = doc.user_data.get(LAC_WORDS_KEY)
        if words is not None:
            starts = {w.start for w in words}
            ends = {w.end for w in words}
            predicates = {w.start for w in words if w.tag in PREDICATE_TAGS}
            text = doc.text
            matches = [(s, e) for s, e in matches if s in starts and e in ends
                       and (s not in predicates or self._full_names[text[s:e]] == text[s:e])]
        set_entities(doc, [CharSpan(s, e, PLACE) for s, e in matches])
        set_entities(doc, self._split_joined(doc, matches), override=True)
        self._trim_trailers(doc)
        self._add_aliases(doc)
        return doc

    def _trim_trailers(self, doc: Doc) -> None:
        """华北北部 -> 华北, 济南晴 -> 济南: a known place plus a trailer keeps the place."""
        trimmed = []
        for ent in doc.ents:
            trailer = next((t for t in TRAILERS if ent.text.endswith(t)), None) \
                if ent.label_ == PLACE and ent.text not in self._full_names else None
            if trailer and ent.text[: -len(trailer)] in self._full_names:
                trimmed.append(CharSpan(ent.start_char, ent.end_char - len(trailer), PLACE))
        if trimmed:
            keep = [e for e in doc.ents if all(not (e.start_char <= t.start and t.end < e.end_char)
                                               for t in trimmed)]
            doc.ents = keep
            set_entities(doc, trimmed)

    def _split_joined(self, doc: Doc, matches: list[tuple[int, int]]) -> list[CharSpan]:
        """Parts of PLACE entities that are exactly two or more places or abbreviations."""
        parts: list[CharSpan] = []
        for ent in doc.ents:
            if ent.label_ != PLACE or ent.text in self._full_names:
                continue
            if len(ent.text) == 2 and all(c in self._abbreviations for c in ent.text):
                parts += [CharSpan(ent.start_char, ent.start_char + 1, PLACE),
                          CharSpan(ent.start_char + 1, ent.end_char, PLACE)]
                continue
            inside = [(s, e) for s, e in matches if ent.start_char <= s and e <= ent.end_char]
            covered = sum(e - s for s, e in inside)
            if len(inside) >= 2 and covered == ent.end_char - ent.start_char:
                parts.extend(CharSpan(s, e, PLACE) for s, e in inside)
        return parts

    def _add_aliases(self, doc: Doc) -> None:
        for ent in doc.ents:
            full_name = self._full_names.get(ent.text) if ent.label_ == PLACE else None
            if full_name and full_name != ent.text:
                aliases = get_dict(doc, "aliases")
                _add_alias(aliases, ent.text, full_name)
                _add_alias(aliases, full_name, ent.text)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        state = {"full_names": self._full_names, "abbreviations": sorted(self._abbreviations)}
        return json.dumps(state, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "PlaceRecognizer":
        state = json.loads(data.decode("utf-8"))
        self._set_table(state["full_names"], state["abbreviations"])
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
