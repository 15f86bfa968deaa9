"""Typed relations of a document into ``doc._.relations`` (JSON-safe dicts).

Runs after the recognisers and the resolver, so entities carry their canonical
in-document names in ``kb_id_``. The rules are named steps registered in
:mod:`pipelines.rules` (``zhkg.visited.arrival.v1`` …); the config lists them
in run order, and ``relations`` picks the relation types to keep. Several
steps of one type may find one relation: the first wins; types do not affect
each other. A relation type none of whose steps the config lists (a new rule
module) runs all the steps its module registers, in the module's order, so
adding a relation type needs no config line. CO_OCCURS is not emitted here:
``graph/`` derives it from mentions.
"""

from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from pipelines.extensions import register_extensions
from pipelines.lexicons.relation_words import load_relation_words
from pipelines.place_lexicon import PlaceLexiconMixin
from pipelines.rules.catalogue import rule_steps
from pipelines.rules.distinct import distinct_pairs
from pipelines.rules.geo import PlaceLookup
from pipelines.rules.steps import RuleContext, Step, get_step
from pipelines.rules.view import DocView
from zhkg.records import TYPED_RELATIONS, Relation

FACTORY = "zhkg_relations_v1"  # spaCy forbids "." in factory names

class RelationExtractor(PlaceLexiconMixin):
    """spaCy component: ``doc._.relations`` from the configured rule steps."""

    def __init__(
        self,
        name: str,
        *,
        relations: Iterable[str] = TYPED_RELATIONS,
        steps: Iterable[str] = (),
        lexicon: PlaceLookup | None = None,
    ) -> None:
        wanted = list(relations)
        unknown = sorted(set(wanted) - set(TYPED_RELATIONS))
        if unknown:
            raise ValueError(
                f"{FACTORY}: unknown relation type(s) {unknown}; choose from {list(TYPED_RELATIONS)}"
            )
        self.name = name
        self.relations = tuple(r for r in TYPED_RELATIONS if r in wanted)
        self.steps: tuple[Step, ...] = configured_steps(steps)
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        doc._.relations = [r.to_dict() for r in self.extract(doc)]
        return doc

    def extract(self, doc: Doc) -> list[Relation]:
        """The enabled relations of one document, grouped by type in a stable order."""
        context = RuleContext(view=DocView(doc), words=load_relation_words(), places=self.place_lexicon())
        found: dict[str, list[Relation]] = {kind: [] for kind in self.relations}
        for step in self.steps:
            if step.relation in found:
                found[step.relation].extend(step(context))
        return [rel for kind in self.relations for rel in distinct_pairs(found[kind])]


def configured_steps(names: Iterable[str]) -> tuple[Step, ...]:
    """The steps ``names`` lists, then every registered step of a relation type they leave out.

    The list orders the steps of the types it names; a type it does not name
    (a new module of :mod:`pipelines.rules`) runs after them with all its steps, in
    :func:`pipelines.rules.catalogue.rule_steps` order. An empty list runs every step.
    """
    listed = [get_step(name) for name in names]
    types = {step.relation for step in listed}
    return (*listed, *(step for _, step in rule_steps() if step.relation not in types))


@Language.factory(
    FACTORY,
    default_config={"relations": list(TYPED_RELATIONS), "steps": []},
    assigns=["doc._.relations"],
    requires=["doc.ents"],
)
def make_relations(nlp: Language, name: str, relations: list[str], steps: list[str]) -> RelationExtractor:
    register_extensions()
    return RelationExtractor(name, relations=relations, steps=steps)
