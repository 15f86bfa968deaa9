"""Lexicon names in running text: a spaCy ``PhraseMatcher`` over the text's characters.

The places component looks its lexicon names up in every document, then keeps
those that lie on LAC word boundaries. The tokens cannot carry that lookup:
a ``PhraseMatcher`` only finds a name cut into the same tokens as its
pattern, and one name is one token in one sentence and two in another (LAC
splits 也|门 or 的|黎波里 in some sentences only). On 500 news_scale items a
matcher over the tokens (even with pkuseg's user dictionary) changed the
entities of 17. Over a view of the text with one token per character every
name is found wherever it is written, and the matcher is a single pass.

Of the names found, those taken are the leftmost and, at one position, the
longest, none overlapping another: what a left-to-right scan for the longest
name at each position gives.
"""

from __future__ import annotations

from typing import Iterable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

_LABEL = "NAME"


class LexiconMatcher:
    """Finds the names of one lexicon in text, by character offsets."""

    def __init__(self, vocab: Vocab, names: Iterable[str]) -> None:
        self._vocab = vocab
        self._matcher = PhraseMatcher(vocab)
        self._matcher.add(_LABEL, [self._characters(name) for name in names if name])

    def _characters(self, text: str) -> Doc:
        """``text`` as a ``Doc`` of one token per character, so token offsets are character offsets."""
        return Doc(self._vocab, words=list(text), spaces=[False] * len(text))

    def find_all(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping ``(start, end)`` of the names in ``text``, left to right, longest first."""
        if not text:
            return []
        found = sorted(((start, end) for _, start, end in self._matcher(self._characters(text))),
                       key=lambda match: (match[0], -match[1]))
        taken: list[tuple[int, int]] = []
        for start, end in found:
            if not taken or start >= taken[-1][1]:
                taken.append((start, end))
        return taken
