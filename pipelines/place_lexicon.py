"""The place lexicon for components that look places up (relations, resolver).

Both components take the lexicon in ``initialize()`` (or load the packaged
one), and load it on first use when a caller skipped ``nlp.initialize()``,
so one mixin holds that behaviour instead of each component repeating it.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Iterable

from spacy.language import Language

from pipelines.lexicons.divisions import load_place_lexicon
from pipelines.rules.geo import PlaceLookup

logger = logging.getLogger(__name__)


class PlaceLexiconMixin:
    """``initialize(lexicon=...)`` and a lazily loaded :attr:`lexicon` for a spaCy component."""

    name: str
    lexicon: PlaceLookup | None

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        lexicon: Any = None,
    ) -> None:
        """Load the place lexicon, or take ``lexicon`` (any object with the ``PlaceLookup`` API).

        ``lexicon`` is typed ``Any`` because spaCy validates initialize
        arguments with pydantic, which cannot check a Protocol.
        """
        self.lexicon = lexicon if lexicon is not None else load_place_lexicon()

    def place_lexicon(self) -> PlaceLookup:
        """The lexicon, loaded on first use when ``initialize()`` was skipped."""
        if self.lexicon is None:
            logger.debug("%s: loading the place lexicon on first use", self.name)
            self.lexicon = load_place_lexicon()
        return self.lexicon
