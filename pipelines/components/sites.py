"""Named sites that officials go to: 旧址, 遗址, 纪念馆, 产业园, 小区, 社区, 村, 实验室 ...

Visit stories name the places visited by long descriptive names (X安置房小区,
X制度史陈列馆) that LAC cuts into several words, so the pieces come out as
stray places or organisations, or not at all. A site name here is the run of
name-like LAC words between a visit verb (来到, 走进, 参观, 在 ... from
``relation_words.tsv``, shared with the VISITED rules) and a site word (``site_words.tsv``, which also gives
the label); a run opened by 、 or 和 after a site continues the list. Leading
administrative places (珠海市, 香洲区) say where the site is and stay places
of their own.

Some names hold words LAC tags as verbs, adjectives or conjunctions
(智能计算X中心, A至B旧址, X州传承……教育馆, X和苑……小区). Such a run is a
name only when it is the whole object of a visit verb: it reaches back to the
verb with no clause mark, particle or relation word (了解, 建设 ...) in between,
it ends at a clause or list mark, and it holds a proper name. A run that holds
a bracketed place (中国（某省）自贸区X片区) is a name without any verb.
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
# Classes of relation_words.tsv whose verbs open a site name (来到X, 参观X, 瞻仰X, 走入X).
VERB_CLASSES = ("visit_verb", "site_activity", "arrival_verb")
# Roles of site_words.tsv: site words, site words that need a proper name before them, conjunctions.
HEAD_ROLES = ("head", "named_head")
# LAC tags of the words a site name is made of (s: 地下 in X地下综合管廊).
NAME_TAGS = frozenset(("n", "nz", "nw", "LOC", "ORG", "PER", "vn", "m", "j", "an", "s"))
# Tags of proper names: one such word before a site word names the site (东湖社区).
PROPER_TAGS = frozenset(("nz", "nw", "LOC", "ORG", "PER", "j"))
# Tags of the other words a site name may hold when it is a visit verb's whole object: verbs
# (传承, 至), adjectives (先进), locatives (中) and conjunctions that are no conjunction (X和苑).
INNER_TAGS = NAME_TAGS | frozenset(("v", "a", "f", "c", "vd", "ad"))
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
        self._named_heads: frozenset[str] = frozenset()
        self._verbs: frozenset[str] = frozenset()
        self._relation_words: frozenset[str] = frozenset()
        self._levels: tuple[str, ...] = ()
        self._joiners: frozenset[str] = frozenset()
        self._conjunctions: frozenset[str] = frozenset()

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None,
                   nlp: Language | None = None) -> None:
        """Load the site words, the visit verbs and the other relation words."""
        from pipelines.lexicons.tables import load_lexicon

        visits = load_lexicon("relation_words")
        verbs = [w for cls in VERB_CLASSES for w in visits.where("class", cls)]
        site_words = load_lexicon("site_words")
        heads = {row[0]: row[2] for row in site_words.rows if row[1] in HEAD_ROLES}
        self._set_state({
            "labels": heads, "named_heads": site_words.where("role", "named_head"), "verbs": verbs,
            "relation_words": visits.terms(), "levels": load_lexicon("place_words").where("role", "division_level"),
            "joiners": (LIST_COMMA, *load_lexicon("name_words").where("role", "list_conjunction")),
            "conjunctions": site_words.where("role", "conjunction"),
        })

    def _set_state(self, state: dict[str, Any]) -> None:
        labels: dict[str, str] = state["labels"]
        self._labels = dict(sorted(labels.items(), key=lambda item: -len(item[0])))
        self._label_lengths = tuple(sorted({len(word) for word in self._labels}, reverse=True))
        self._named_heads = frozenset(state["named_heads"])
        self._verbs = frozenset(state["verbs"])
        self._relation_words = frozenset(state["relation_words"])
        self._levels = tuple(state["levels"])
        self._joiners = frozenset(state["joiners"])
        self._conjunctions = frozenset(state["conjunctions"])

    def _state(self) -> dict[str, Any]:
        return {"labels": self.site_labels, "named_heads": sorted(self._named_heads), "verbs": sorted(self._verbs),
                "relation_words": sorted(self._relation_words), "levels": list(self._levels),
                "joiners": sorted(self._joiners), "conjunctions": sorted(self._conjunctions)}

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
            if suffix is None or _is_common_word(text, word, suffix):
                continue
            first = self._name_start(text, words, i, suffix, places, found, ent_ends)
            if first is None:
                continue
            name_end = word.end - len(suffix)
            start = self._after_location(text, words, places, words[first].start, name_end)
            if name_end - start >= 2 and not _is_kind(words, start, name_end) and \
                    not _is_division(places, start, name_end, self._levels) and \
                    (suffix not in self._named_heads or _holds_proper_name(words, start, name_end)):
                found.append(CharSpan(start, word.end, self.site_labels[suffix]))
        return found

    def _name_start(self, text: str, words: Sequence[LacWord], last: int, suffix: str, places: dict[int, Any],
                    found: list[CharSpan], ent_ends: set[int]) -> int | None:
        """Index of the first word of the site name ending with ``words[last]``, or ``None``.

        A place LAC found whole (桃花村) already is the site.
        """
        word = words[last]
        first = last
        while first > 0 and words[first].start > word.end - len(suffix):
            first -= 1  # the site word spans LAC words (青年|之|家)
        whole = places.get(word.start)
        if whole is not None and whole.end_char == word.end > word.start + len(suffix):
            return None
        first, bracketed = self._name_words_before(text, words, first, word.end)
        if bracketed or self._opens_site(text, words, first, found, ent_ends):
            return first
        return self._object_start(text, words, first, last, places, found, ent_ends)

    def _name_words_before(self, text: str, words: Sequence[LacWord], first: int, end: int) -> tuple[int, bool]:
        """Walk back over name words and bracketed places (X（大连）Y); whether a bracket was crossed."""
        bracketed = False
        while first > 0 and end - words[first - 1].start <= self.max_chars:
            if words[first - 1].tag in NAME_TAGS and _text(text, words[first - 1]) not in self._verbs:
                first -= 1
            elif _bracketed_place(text, words, first):
                first -= 3
                bracketed = True
            else:
                break
        return first, bracketed

    def _object_start(self, text: str, words: Sequence[LacWord], first: int, last: int, places: dict[int, Any],
                      found: list[CharSpan], ent_ends: set[int]) -> int | None:
        """The start of a name holding verbs or adjectives that is a visit verb's whole object.

        The walk goes back over inner words to the verb (or to a bracketed place, which
        makes a name by itself); the name must end at a clause or list mark and hold a
        proper name (先进计算X中心, not 推动建设X中心).
        """
        if not self._ends_object(text, words, last):
            return None
        while first > 0 and words[last].end - words[first - 1].start <= self.max_chars:
            if _bracketed_place(text, words, first):
                return self._name_words_before(text, words, first, words[last].end)[0]
            before = words[first - 1]
            token = _text(text, before)
            if before.tag not in INNER_TAGS or token in self._relation_words or token in self._conjunctions:
                return None
            first -= 1
            if self._opens_object(text, words, first, found, ent_ends):
                leading_place = words[first].tag == "LOC" or words[first].start in places
                named_from = words[first].end if leading_place else words[first].start
                return first if _holds_proper_name(words, named_from, words[last].end) else None
        return None

    def _opens_object(self, text: str, words: Sequence[LacWord], first: int, found: list[CharSpan],
                      ent_ends: set[int]) -> bool:
        """A visit verb before a name holding verbs, or a list comma after another site of the visit.

        A list of bare places (在A、B、C设立研发中心) is no list of sites, so the
        entity before the comma must end in a site word.
        """
        if not self._opens_site(text, words, first, found, ent_ends):
            return False
        before = words[first - 1]
        return _text(text, before) not in self._joiners or self._site_word(text, before.start) is not None

    def _ends_object(self, text: str, words: Sequence[LacWord], last: int) -> bool:
        """Whether the site word ends the object: a clause or list mark, 等, or an activity follows."""
        if last + 1 >= len(words):
            return True
        after = words[last + 1]
        token = _text(text, after)
        return after.tag == "w" or token in self._joiners or token == "等" or token in self._verbs

    def _after_location(self, text: str, words: Sequence[LacWord], places: dict[int, Any], start: int,
                        name_end: int) -> int:
        """Skip administrative places (某市, 某区) that open a site name, leaving two characters.

        A place before a verb stays (the name would open with the verb: X州传承……教育馆), and
        so does one before a bracketed place (X经济带（某省）……基地).
        """
        levels = self._levels
        while start in places and places[start].text.endswith(levels) and places[start].end_char + 2 <= name_end:
            end = places[start].end_char
            if text[end] in OPEN_BRACKETS or _verb_at(words, end):
                break
            start = end
        return start

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
        state = {"max_chars": self.max_chars, **self._state()}
        return json.dumps(state, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "SiteRecognizer":
        state = json.loads(data.decode("utf-8"))
        self.max_chars = state["max_chars"]
        self._set_state(state)
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
    """宿州市园区: a division and a site word are the division's sites, not a named one."""
    place = places.get(start)
    return place is not None and place.end_char == end and place.text.endswith(levels)


def _holds_proper_name(words: Sequence[LacWord], start: int, end: int) -> bool:
    """Whether a proper name (a place, an organisation: 某市 in 智能计算某市中心) stands in ``start``..``end``."""
    return any(start <= w.start and w.end <= end and w.tag in PROPER_TAGS for w in words)


def _verb_at(words: Sequence[LacWord], offset: int) -> bool:
    """Whether a LAC verb starts at ``offset``."""
    return any(w.start == offset and w.tag == "v" for w in words)
