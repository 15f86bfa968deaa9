"""Shared set-up for the tests of rule components (initiatives, officials).

Each test runs one component on a blank Chinese pipeline, with the entities
that earlier components would have found preset on the Doc.
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipelines.spans import CharSpan, set_entities


def component_pipeline(factory: str, config: dict[str, Any] | None = None) -> Language:
    """A blank ``zh`` pipeline holding only ``factory``, initialised (lexicons loaded)."""
    pipeline = spacy.blank("zh")
    pipeline.add_pipe(factory, config=config or {})
    pipeline.initialize()
    return pipeline


def run_component(nlp: Language, factory: str, text: str, ents: tuple[tuple[str, str], ...] = ()) -> Doc:
    """Run ``factory`` on ``text`` with ``ents`` (surface, label) preset as earlier components would."""
    doc = nlp.make_doc(text)
    set_entities(doc, [CharSpan(text.index(s), text.index(s) + len(s), label) for s, label in ents])
    return nlp.get_pipe(factory)(doc)
