"""Named relation steps: each rule is a registered function the config lists in run order.

A step takes a :class:`RuleContext` (the document view, the relation
vocabulary, the place lexicon) and returns the relations it finds. Steps are
registered in spaCy's ``misc`` registry under versioned names
(``zhkg.visited.arrival.v1``), so ``[components.relations] steps`` in
``config.cfg`` says which rules run and in what order, and a reader finds each
rule by its name. Several steps may find one relation; the component keeps
the first (see :func:`pipelines.rules.distinct.merge_step_results`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

from spacy.util import registry

from pipelines.lexicons.relation_words import RelationWords
from pipelines.rules.geo import PlaceLookup
from pipelines.rules.view import DocView
from zhkg.records import Relation


@dataclass(frozen=True)
class RuleContext:
    """What every step reads: one document's view and the shared vocabularies."""

    view: DocView
    words: RelationWords
    places: PlaceLookup


class Step(Protocol):
    relation: str

    def __call__(self, context: RuleContext) -> list[Relation]: ...


def rule_step(name: str, relation: str) -> Callable[[Callable[[RuleContext], list[Relation]]], Step]:
    """Register a step under ``name``, producing relations of type ``relation``."""

    def register(func: Callable[[RuleContext], list[Relation]]) -> Step:
        func.relation = relation  # type: ignore[attr-defined]
        registry.misc.register(name, func=func)
        return func  # type: ignore[return-value]

    return register


def get_step(name: str) -> Step:
    """The step registered as ``name``; the rule modules register theirs on import."""
    from pipelines.rules.catalogue import import_rule_modules

    import_rule_modules()
    try:
        return registry.misc.get(name)
    except Exception:
        raise ValueError(
            f"unknown relation step {name!r}; see the @rule_step names in the modules of pipelines/rules/"
        ) from None
