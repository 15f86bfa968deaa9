"""Lexicon names found by the character PhraseMatcher: leftmost, longest, never overlapping."""

from __future__ import annotations

import pytest
from spacy.vocab import Vocab

from pipelines.lexicon_matcher import LexiconMatcher
from pipelines.lexicons.matching import find_all, trie_pattern

NAMES = ["苏州", "苏州市", "俄罗斯", "白俄罗斯", "美国", "中东", "东部", "柳州", "柳州市"]


@pytest.fixture(scope="module")
def matcher() -> LexiconMatcher:
    return LexiconMatcher(Vocab(), NAMES)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("他去了柳州市。", ["柳州市"]),                 # the longest name at a position
        ("白俄罗斯和俄罗斯", ["白俄罗斯", "俄罗斯"]),      # no name inside one already taken
        ("美国中东部地区", ["美国", "中东"]),             # the leftmost of two overlapping names
        ("苏州 柳州\n苏州市", ["苏州", "柳州", "苏州市"]),  # spaces and newlines are characters too
        ("", []),
        ("没有地名的句子。", []),
    ],
)
def test_names_found(matcher, text, found):
    assert [text[s:e] for s, e in matcher.find_all(text)] == found


@pytest.mark.parametrize("text", ["苏州市民来到柳州", "白俄罗斯俄罗斯美国中东部", "柳州柳州市苏州苏州市"])
def test_same_matches_as_a_left_to_right_scan(matcher, text):
    assert matcher.find_all(text) == list(find_all(trie_pattern(NAMES), text))
