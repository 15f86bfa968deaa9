"""Chinese sentence boundaries: after 。！？!?；; and at line breaks (paragraphs).

Closing quotes and brackets after a sentence end stay with that sentence
(他说：“好。”), and whitespace tokens never open a sentence. Relations are
scoped to sentences, so this runs right after the tokenizer.

Boundaries are written in one ``Doc.from_array`` call: setting
``token.is_sent_start`` token by token makes spaCy rescan the whole document
for dependency annotation on every assignment, which is quadratic in length.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from pipelines.spans import TEXT_KEY

FACTORY = "zhkg_sentences_v1"  # spaCy forbids "." in factory names
SENTENCE_ENDS = "。！？!?；;"
CLOSERS = "”’」』）)】》\"'"
_START, _INSIDE = 1, -1


@Language.factory(FACTORY, default_config={"ends": SENTENCE_ENDS}, assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str, ends: str) -> "ChineseSentencizer":
    """Build the sentencizer; ``ends`` lists the characters that close a sentence."""
    return ChineseSentencizer(name, ends)


class ChineseSentencizer:
    """Rule-based sentence starts; stateless, so nothing to serialise."""

    def __init__(self, name: str, ends: str = SENTENCE_ENDS) -> None:
        if not ends:
            raise ValueError(f"{FACTORY}: 'ends' must list at least one sentence-final character")
        self.name = name
        self.ends = frozenset(ends)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            doc.user_data[TEXT_KEY] = ""
            return doc
        starts = numpy.full((len(doc), 1), _INSIDE, dtype="int64")
        boundary = True
        pieces: list[str] = []
        for i, token in enumerate(doc):
            text = token.text
            pieces.append(token.text_with_ws)
            attaches = token.is_space or not text.strip(CLOSERS)
            if i == 0 or (boundary and not attaches):
                starts[i, 0] = _START
            if attaches:
                boundary = boundary or "\n" in text
            else:
                boundary = text[-1] in self.ends
        # spaCy takes uint64 columns; -1 wraps around and is read back as -1.
        doc.from_array([SENT_START], starts.astype("uint64"))
        # Every later component reads the text; spaCy would rebuild it on each access.
        doc.user_data[TEXT_KEY] = "".join(pieces)
        return doc
