"""The LAC token layer: boundaries, tags and words on the Doc, read through pipelines.spans."""

from __future__ import annotations

import pytest
import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc

from pipelines.extensions import register_extensions
from pipelines.spans import CharSpan, lac_words, set_entities, word_ends, word_starts
from pipelines.tokens import LacWord, attach_lac_words, split_at


@pytest.fixture()
def nlp():
    register_extensions()
    return spacy.blank("zh")


def _doc(nlp, words: list[str]) -> Doc:
    return Doc(nlp.vocab, words=words, spaces=[False] * len(words))


def _words(text: str, pieces: list[tuple[str, str]]) -> list[LacWord]:
    words, offset = [], 0
    for piece, tag in pieces:
        assert text.startswith(piece, offset)
        words.append(LacWord(offset, offset + len(piece), tag))
        offset += len(piece)
    return words


# pkuseg-like tokens that disagree with LAC's words.
CASES = [
    (["王小明会", "见了", "代表"], [("王小明", "PER"), ("会见", "v"), ("了", "u"), ("代表", "n")]),
    (["市教育", "局局长"], [("市教育局", "ORG"), ("局长", "n")]),
]


@pytest.mark.parametrize(("tokens", "pieces"), CASES)
def test_every_lac_word_is_a_run_of_tokens(nlp, tokens, pieces):
    doc = _doc(nlp, tokens)
    words = _words(doc.text, pieces)
    attach_lac_words(doc, words)
    starts = {t.idx for t in doc}
    assert all(w.start in starts for w in words)
    assert doc.text == "".join(tokens)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (CASES[0], [("王小明", "PER"), ("会", "v"), ("见", "v"), ("了", "u"), ("代表", "n")]),
        (CASES[1], [("市教育", "ORG"), ("局", "ORG"), ("局长", "n")]),
    ],
)
def test_tokens_carry_the_tag_of_their_word(nlp, case, expected):
    tokens, pieces = case
    doc = _doc(nlp, tokens)
    attach_lac_words(doc, _words(doc.text, pieces))
    assert [(t.text, t.tag_) for t in doc] == expected


def test_words_are_read_through_spans(nlp):
    doc = _doc(nlp, ["王小明会", "见了", "代表"])
    words = _words(doc.text, CASES[0][1])
    attach_lac_words(doc, words)
    assert lac_words(doc) == words
    assert word_starts(doc) == frozenset({0, 3, 5, 6})
    assert word_ends(doc) == frozenset({3, 5, 6, 8})


def test_no_lac_means_no_words(nlp):
    doc = _doc(nlp, ["张三", "在", "北京"])
    assert lac_words(doc) is None and word_starts(doc) is None


@pytest.mark.parametrize("offsets, expected", [
    ([], ["省教育厅", "召开", "会议"]),
    ([0, 4, 6, 8], ["省教育厅", "召开", "会议"]),  # only boundaries and the text's ends: nothing to split
    ([1], ["省", "教育厅", "召开", "会议"]),
    ([3, 1, 3, 7], ["省", "教育", "厅", "召开", "会", "议"]),  # unsorted and repeated offsets
    ([-2, 5, 99], ["省教育厅", "召", "开", "会议"]),  # offsets outside the text are ignored
])
def test_split_at_cuts_tokens_only_inside(nlp, offsets, expected):
    doc = _doc(nlp, ["省教育厅", "召开", "会议"])
    split_at(doc, offsets)
    assert [t.text for t in doc] == expected


def test_later_splits_keep_the_tag(nlp):
    doc = _doc(nlp, ["省委书记"])
    attach_lac_words(doc, [LacWord(0, 4, "n")])
    set_entities(doc, [CharSpan(0, 2, "ORG")])
    assert [(t.text, t.tag_) for t in doc] == [("省委", "n"), ("书记", "n")]


def test_a_matcher_pattern_reads_the_lac_tags(nlp):
    doc = _doc(nlp, ["王小明会", "见了", "代表"])
    attach_lac_words(doc, _words(doc.text, CASES[0][1]))
    matcher = Matcher(nlp.vocab)
    matcher.add("PER_VERB", [[{"TAG": "PER"}, {"TAG": "v", "OP": "+"}]])
    assert [doc[s:e].text for _, s, e in matcher(doc)][-1] == "王小明会见"


def test_words_survive_a_bytes_round_trip(nlp):
    doc = _doc(nlp, ["王小明会", "见了", "代表"])
    words = _words(doc.text, CASES[0][1])
    attach_lac_words(doc, words)
    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [tuple(w) for w in lac_words(copy)] == [tuple(w) for w in words]
    assert [t.tag_ for t in copy] == [t.tag_ for t in doc]


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        # filter_spans settles overlaps among candidates: the longest wins.
        ([CharSpan(0, 3, "PERSON"), CharSpan(0, 5, "ORG")], [("王小明会见", "ORG")]),
        ([CharSpan(0, 3, "PERSON"), CharSpan(3, 5, "ORG")], [("王小明", "PERSON"), ("会见", "ORG")]),
    ],
)
def test_overlapping_candidates_are_settled(nlp, candidates, expected):
    doc = _doc(nlp, ["王小明会", "见了", "代表"])
    set_entities(doc, candidates)
    assert [(e.text, e.label_) for e in doc.ents] == expected
