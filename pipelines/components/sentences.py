"""Chinese sentence boundaries: after 。！？!?；; and at line breaks (paragraphs).

Closing quotes and brackets after a sentence end stay with that sentence
(他说：“好。”), and whitespace tokens never open a sentence. Relations are
scoped to sentences, so this runs right after the tokenizer.

A sentence is also bounded in length: past ``soft_max_chars`` it ends after
the next comma, past ``max_chars`` at the next token, and after
``max_unpunctuated_chars`` without any punctuation or space at the next token.
News stays far below all three (in a year of CCTV news 99.99% of sentences are
under 270 characters and no stretch without punctuation reaches 140); an
unpunctuated scrape would otherwise be one sentence whose every pair of
entities co-occurs, which blows up the graph quadratically.

Boundaries are written in one ``Doc.from_array`` call: setting
``token.is_sent_start`` token by token makes spaCy rescan the whole document
for dependency annotation on every assignment, which is quadratic in length.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from pipelines.spans import TEXT_KEY

FACTORY = "zhkg_sentences_v1"  # spaCy forbids "." in factory names
SENTENCE_ENDS = "。！？!?；;"
CLOSERS = "”’」』）)】》\"'"
SOFT_BREAKS = "，,、：:"
SOFT_MAX_CHARS = 300
MAX_CHARS = 500
MAX_UNPUNCTUATED_CHARS = 150
_START, _INSIDE = 1, -1


@Language.factory(
    FACTORY,
    default_config={
        "ends": SENTENCE_ENDS,
        "soft_max_chars": SOFT_MAX_CHARS,
        "max_chars": MAX_CHARS,
        "max_unpunctuated_chars": MAX_UNPUNCTUATED_CHARS,
    },
    assigns=["token.is_sent_start"],
)
def make_sentences(
    nlp: Language,
    name: str,
    ends: str,
    soft_max_chars: int,
    max_chars: int,
    max_unpunctuated_chars: int,
) -> "ChineseSentencizer":
    """Build the sentencizer; ``ends`` lists the characters that close a sentence, the
    three ``max`` settings bound its length (see the module docstring)."""
    return ChineseSentencizer(
        name, ends, soft_max_chars=soft_max_chars, max_chars=max_chars,
        max_unpunctuated_chars=max_unpunctuated_chars,
    )


class ChineseSentencizer:
    """Rule-based sentence starts; stateless, so nothing to serialise."""

    def __init__(
        self,
        name: str,
        ends: str = SENTENCE_ENDS,
        *,
        soft_max_chars: int = SOFT_MAX_CHARS,
        max_chars: int = MAX_CHARS,
        max_unpunctuated_chars: int = MAX_UNPUNCTUATED_CHARS,
    ) -> None:
        if not ends:
            raise ValueError(f"{FACTORY}: 'ends' must list at least one sentence-final character")
        if not 0 < soft_max_chars <= max_chars or max_unpunctuated_chars <= 0:
            raise ValueError(
                f"{FACTORY}: need 0 < soft_max_chars <= max_chars and max_unpunctuated_chars > 0 "
                f"(got {soft_max_chars}, {max_chars} and {max_unpunctuated_chars})"
            )
        self.name = name
        self.ends = frozenset(ends)
        self.soft_max_chars = soft_max_chars
        self.max_chars = max_chars
        self.max_unpunctuated_chars = max_unpunctuated_chars
        self.breaks = self.ends | frozenset(SOFT_BREAKS)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            doc.user_data[TEXT_KEY] = ""
            return doc
        text = doc.text
        starts = numpy.full((len(doc), 1), _INSIDE, dtype="int64")
        boundary, after_comma, sentence_start, run_start = True, False, 0, 0
        # Offsets, lengths and flags read in one array call; a Token object per token costs more.
        tokens = doc.to_array([IDX, LENGTH, IS_SPACE, SPACY]).tolist()
        for i, (idx, length, is_space, trailing_space) in enumerate(tokens):
            token = text[idx:idx + length]
            attaches = is_space or not token.strip(CLOSERS)
            is_break = is_space or token[-1] in self.breaks
            unpunctuated = 0 if is_break else idx + length - run_start
            too_long = self._too_long(idx - sentence_start, unpunctuated, after_comma)
            if i == 0 or (not attaches and (boundary or too_long)):
                starts[i, 0] = _START
                sentence_start = run_start = idx
            if attaches:
                boundary = boundary or "\n" in token
            else:
                boundary = token[-1] in self.ends
                after_comma = token[-1] in SOFT_BREAKS
            if is_break or trailing_space:
                run_start = idx + length + trailing_space
        # spaCy takes uint64 columns; -1 wraps around and is read back as -1.
        doc.from_array([SENT_START], starts.astype("uint64"))
        # Every later component reads the text; spaCy would rebuild it on each access.
        doc.user_data[TEXT_KEY] = text
        return doc

    def _too_long(self, length: int, unpunctuated: int, after_comma: bool) -> bool:
        """Whether a sentence of ``length`` characters must end before the current token,
        which would make a stretch of ``unpunctuated`` characters without punctuation or space."""
        return (
            length >= self.max_chars
            or unpunctuated > self.max_unpunctuated_chars
            or (after_comma and length >= self.soft_max_chars)
        )
