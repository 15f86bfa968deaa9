"""Named sites that officials go to: 旧址, 遗址, 纪念馆, 产业园, 小区, 社区, 村, 实验室 ...

Visit stories name the places visited by long descriptive names (X安置房小区,
X制度史陈列馆) that LAC cuts into several words, so the pieces come out as
stray places or organisations, or not at all. A site name here is the run of
name-like LAC words between a visit verb (来到, 走进, 参观, 在 ... from
``relation_words.tsv``, shared with the VISITED rules) and a site word (``site_words.tsv``, which also gives
the label); a run opened by 、 or 和 after a site continues the list. Leading
administrative places (广州市, 天河区) say where the site is and stay places
of their own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from pipelines.spans import CharSpan, doc_text, lac_words, set_entities
from pipelines.tokens import LacWord
from zhkg.errors import NotInitializedError
from zhkg.records import PLACE

FACTORY = "zhkg_sites_v1"  # spaCy forbids "." in factory names
# Classes of relation_words.tsv whose verbs open a site name (来到X, 参观X, 瞻仰X).
VERB_CLASSES = ("visit_verb", "site_activity")
# LAC tags of the words a site name is made of (s: 地下 in X地下综合管廊).
NAME_TAGS = frozenset(("n", "nz", "nw", "LOC", "ORG", "PER", "vn", "m", "j", "an", "s"))
# Tags of proper names: one such word before a site word names the site (东湖社区).
PROPER_TAGS = frozenset(("nz", "nw", "LOC", "ORG", "PER", "j"))
# A site right after a list comma or a list conjunction (name_words.tsv) and another site, or
# another entity of a list a visit verb opens, continues the list of that verb.
LIST_COMMA = "、"
# Punctuation that ends the clause a visit verb governs.
CLAUSE_ENDS = frozenset(("，", ",", "。", "；", ";", "：", ":", "！", "？"))
# Brackets that hold a place inside a site name (中国（海南）自贸区, X（大连）商务区).
OPEN_BRACKETS = frozenset(("（", "("))
CLOSE_BRACKETS = frozenset(("）", ")"))


@Language.factory(FACTORY, default_config={"max_chars": 30}, assigns=["doc.ents"], requires=["doc.ents"])
def make_sites(nlp: Language, name: str, max_chars: int) -> "SiteRecognizer":
    """Build the site rule; the word lists load in ``initialize`` or ``from_bytes``."""
    return SiteRecognizer(name, max_chars=max_chars)


class SiteRecognizer:
    """Whole site names after visit verbs, labelled by their site word."""

    def __init__(self, name: str, max_chars: int = 30) -> None:
        if max_chars < 3:
            raise ValueError(f"{FACTORY}: max_chars must be at least 3, got {max_chars}")
        self.name = name
        self.max_chars = max_chars
        self._labels: dict[str, str] | None = None
        self._label_lengths: tuple[int, ...] = ()
        self._verbs: frozenset[str] = frozenset()
        self._levels: tuple[str, ...] = ()
        self._joiners: frozenset[str] = frozenset()

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None,
                   nlp: Language | None = None) -> None:
        """Load the site words and the visit verbs."""
        from pipelines.lexicons.tables import load_lexicon

        visits = load_lexicon("relation_words")
        verbs = [w for cls in VERB_CLASSES for w in visits.where("class", cls)]
        self._set_state(load_lexicon("site_words").mapping("label"), verbs,
                        load_lexicon("place_words").where("role", "division_level"),
                        (LIST_COMMA, *load_lexicon("name_words").where("role", "list_conjunction")))

    def _set_state(self, labels: dict[str, str], verbs: Iterable[str], levels: Iterable[str],
                   joiners: Iterable[str]) -> None:
        self._labels = dict(sorted(labels.items(), key=lambda item: -len(item[0])))
        self._label_lengths = tuple(sorted({len(word) for word in self._labels}, reverse=True))
        self._verbs = frozenset(verbs)
        self._levels = tuple(levels)
        self._joiners = frozenset(joiners)

    @property
    def site_labels(self) -> dict[str, str]:
        if self._labels is None:
            raise NotInitializedError(FACTORY)
        return self._labels

    def __call__(self, doc: Doc) -> Doc:
        words = lac_words(doc)
        if words:
            set_entities(doc, self.find(doc, doc_text(doc), words))
        return doc

    def find(self, doc: Doc, text: str, words: Sequence[LacWord]) -> list[CharSpan]:
        """Site candidates of one document, in text order."""
        places = {e.start_char: e for e in doc.ents if e.label_ == PLACE}
        ent_ends = {e.end_char for e in doc.ents}
        found: list[CharSpan] = []
        for i, word in enumerate(words):
            suffix = self._site_word(text, word.end)
            whole = places.get(word.start)
            if suffix is None or (whole is not None and whole.end_char == word.end > word.start + len(suffix)) or \
                    _is_common_word(text, word, suffix):
                continue  # a place LAC found whole (桃花村) already is the site
            first = i
            while first > 0 and words[first].start > word.end - len(suffix):
                first -= 1  # the site word spans LAC words (青年|之|家)
            while first > 0 and word.end - words[first - 1].start <= self.max_chars:
                if words[first - 1].tag in NAME_TAGS and _text(text, words[first - 1]) not in self._verbs:
                    first -= 1
                elif _bracketed_place(text, words, first):
                    first -= 3
                else:
                    break
            if not self._opens_site(text, words, first, found, ent_ends):
                continue
            start = _after_location(places, words[first].start, word.end - len(suffix), self._levels)
            name_end = word.end - len(suffix)
            if name_end - start >= 2 and not _is_kind(words, start, name_end) and \
                    not _is_division(places, start, name_end, self._levels):
                found.append(CharSpan(start, word.end, self.site_labels[suffix]))
        return found

    def _site_word(self, text: str, end: int) -> str | None:
        """The longest site word ending at ``end``: one slice per listed length, not one test per word."""
        labels = self.site_labels
        for length in self._label_lengths:
            if length <= end and text[end - length:end] in labels:
                return text[end - length:end]
        return None

    def _opens_site(self, text: str, words: Sequence[LacWord], first: int, found: list[CharSpan],
                    ent_ends: set[int]) -> bool:
        """A visit verb before the run, or a list comma right after the previous site, or right
        after another entity of a list that a visit verb opens (来到A公司、B纪念馆)."""
        if first == 0:
            return False
        before = words[first - 1]
        if before.tag == "u" and first > 1:  # 参观了X
            before = words[first - 2]
        opener = _text(text, before)
        if opener in self._verbs:
            return True
        if opener not in self._joiners:
            return False
        if found and found[-1].end == before.start:
            return True
        return before.start in ent_ends and self._visit_verb_in_clause(text, words, first - 1)

    def _visit_verb_in_clause(self, text: str, words: Sequence[LacWord], end: int) -> bool:
        """Whether a visit verb stands among ``words[:end]`` after the last clause mark."""
        for word in reversed(words[:end]):
            token = _text(text, word)
            if token in CLAUSE_ENDS:
                return False
            if token in self._verbs:
                return True
        return False

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        state = {"max_chars": self.max_chars, "labels": self.site_labels, "verbs": sorted(self._verbs),
                 "levels": list(self._levels), "joiners": sorted(self._joiners)}
        return json.dumps(state, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "SiteRecognizer":
        state = json.loads(data.decode("utf-8"))
        self.max_chars = state["max_chars"]
        self._set_state(state["labels"], state["verbs"], state["levels"], state["joiners"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "sites.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "SiteRecognizer":
        return self.from_bytes((Path(path) / "sites.json").read_bytes())


def _text(text: str, word: LacWord) -> str:
    return text[word.start:word.end]


def _bracketed_place(text: str, words: Sequence[LacWord], first: int) -> bool:
    """``words[first - 3:first]`` are a place in brackets (（大连）) inside a site name."""
    return first >= 4 and _text(text, words[first - 1]) in CLOSE_BRACKETS and \
        words[first - 2].tag == "LOC" and _text(text, words[first - 3]) in OPEN_BRACKETS and \
        words[first - 4].tag in NAME_TAGS


def _is_kind(words: Sequence[LacWord], start: int, end: int) -> bool:
    """革命旧址, 农村社区: one common noun before the site word names a kind of site, not one."""
    inside = [w for w in words if start <= w.start and w.end <= end]
    return len(inside) == 1 and inside[0].tag not in PROPER_TAGS


def _is_common_word(text: str, word: LacWord, suffix: str) -> bool:
    """农村, 山村: a common noun that merely ends in a one-character site word."""
    return len(suffix) == 1 and word.end - word.start > 1 and word.tag not in PROPER_TAGS


def _is_division(places: dict[int, Any], start: int, end: int, levels: tuple[str, ...]) -> bool:
    """阜阳市园区: a division and a site word are the division's sites, not a named one."""
    place = places.get(start)
    return place is not None and place.end_char == end and place.text.endswith(levels)


def _after_location(places: dict[int, Any], start: int, name_end: int, levels: tuple[str, ...]) -> int:
    """Skip administrative places (广州市, 天河区) that open a site name, leaving two characters."""
    while start in places and places[start].text.endswith(levels) and \
            places[start].end_char + 2 <= name_end:
        start = places[start].end_char
    return start
