"""The pkuseg user dictionary: the lexicons' organ, place, title and site words.

pkuseg cuts some known words (``省|教育厅``, ``党组|副书记``); a word in its user
dictionary comes out whole. The dictionary is built from the lexicons at
``nlp.initialize()`` by the callback of ``[initialize.after_init]`` in
``pipelines/config.cfg``, which names the sources to take; the words then
live in the tokenizer and are saved with it by ``nlp.to_disk``.

Only words of two characters or more go in: pkuseg cuts a user word out
wherever it appears, so a one-character organ ending (局, 厅) would split
every word that contains it (and for the same reason a county's short form
stays out, see :func:`_places`).
"""

from __future__ import annotations

import logging
from typing import Callable, Iterable

from spacy.language import Language
from spacy.util import registry

from zhkg.errors import InvalidOptionError

logger = logging.getLogger(__name__)

CALLBACK = "zhkg.pkuseg_user_dict.v1"
MIN_LENGTH = 2


def _titles() -> Iterable[str]:
    from pipelines.lexicons.titles import load_titles

    return load_titles().titles


def _central_organs() -> Iterable[str]:
    from pipelines.lexicons.organs import load_central_organs

    return load_central_organs().names()


def _places() -> Iterable[str]:
    """The place names the places component matches, but a county's short form.

    A two-character county short form (和政, 新和, 西和) is more often the end of
    one word and the start of the next (和|政府, 创新|和) than the county: cut
    out wherever it appears, it would break those words.
    """
    from pipelines.lexicons.divisions import COUNTY, load_place_lexicon

    lexicon = load_place_lexicon()
    for form in lexicon.match_forms():
        place = lexicon.lookup(form)
        if place is None or place.level != COUNTY or place.full_name == form:
            yield form


def _organ_suffixes() -> Iterable[str]:
    from pipelines.lexicons.org_words import load_org_words

    return load_org_words().organ_suffixes


def _site_words() -> Iterable[str]:
    from pipelines.lexicons.tables import load_lexicon

    return load_lexicon("site_words").terms()


# The sources a config may name, each a loader of one lexicon.
SOURCES: dict[str, Callable[[], Iterable[str]]] = {
    "titles": _titles,
    "central_organs": _central_organs,
    "places": _places,
    "organ_suffixes": _organ_suffixes,
    "site_words": _site_words,
}


def lexicon_words(sources: Iterable[str], min_length: int = MIN_LENGTH) -> list[str]:
    """The sorted words of ``sources`` (names of :data:`SOURCES`) of at least ``min_length`` characters.

    Raises
    ------
    zhkg.errors.InvalidOptionError
        For a source name :data:`SOURCES` does not know.
    """
    words: set[str] = set()
    for source in sources:
        if source not in SOURCES:
            raise InvalidOptionError(f"{CALLBACK}: no lexicon source is called {source!r}; "
                                     f"use one of {', '.join(sorted(SOURCES))} in [initialize.after_init] sources.")
        words.update(word for word in SOURCES[source]() if len(word) >= min_length)
    return sorted(words)


@registry.callbacks(CALLBACK)
def make_user_dict_callback(sources: list[str], min_length: int = MIN_LENGTH) -> Callable[[Language], Language]:
    """An ``after_init`` callback that gives pkuseg the words of ``sources`` as its user dictionary."""

    def add_user_dict(nlp: Language) -> Language:
        words = lexicon_words(sources, min_length)
        nlp.tokenizer.pkuseg_update_user_dict(words, reset=True)
        logger.info("pkuseg user dictionary: %d words from %s", len(words), ", ".join(sources))
        return nlp

    return add_user_dict
