"""Typed relations of a document into ``doc._.relations`` (JSON-safe dicts).

Runs after the recognisers and the resolver, so entities carry their canonical
in-document names in ``kb_id_``. The rules are named steps registered in
:mod:`pipelines.rules` (``zhkg.visited.arrival.v1`` …); the config lists them
in run order, and ``relations`` picks the relation types to keep. Several
steps may find one relation: the first wins. CO_OCCURS is not emitted here:
``graph/`` derives it from mentions.
"""

from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from pipelines.extensions import register_extensions
from pipelines.lexicons.relation_words import load_relation_words
from pipelines.place_lexicon import PlaceLexiconMixin
from pipelines.rules.distinct import distinct_pairs
from pipelines.rules.geo import PlaceLookup
from pipelines.rules.steps import RuleContext, Step, get_step
from pipelines.rules.view import DocView
from zhkg.records import TYPED_RELATIONS, Relation

FACTORY = "zhkg_relations_v1"  # spaCy forbids "." in factory names

# The default run order: posts first (they shape subjects), then visits, campaigns, structure.
DEFAULT_STEPS: tuple[str, ...] = (
    "zhkg.holds_post.posts.v1",
    "zhkg.holds_post.title_chain.v1",
    "zhkg.visited.verb_purpose.v1",
    "zhkg.visited.arrival.v1",
    "zhkg.visited.site.v1",
    "zhkg.visited.tribute.v1",
    "zhkg.part_of.cues.v1",
    "zhkg.part_of.unit_paragraphs.v1",
    "zhkg.part_of.name_prefix.v1",
    "zhkg.promotes.verb_object.v1",
    "zhkg.promotes.arranged.v1",
    "zhkg.promotes.since_launch.v1",
    "zhkg.promotes.headline_campaign.v1",
    "zhkg.located_in.situated.v1",
    "zhkg.located_in.place_of.v1",
    "zhkg.located_in.hierarchy.v1",
    "zhkg.located_in.organ_prefix.v1",
)


class RelationExtractor(PlaceLexiconMixin):
    """spaCy component: ``doc._.relations`` from the configured rule steps."""

    def __init__(
        self,
        name: str,
        *,
        relations: Iterable[str] = TYPED_RELATIONS,
        steps: Iterable[str] = DEFAULT_STEPS,
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
        self.steps: tuple[Step, ...] = tuple(get_step(s) for s in steps)
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


@Language.factory(
    FACTORY,
    default_config={"relations": list(TYPED_RELATIONS), "steps": list(DEFAULT_STEPS)},
    assigns=["doc._.relations"],
    requires=["doc.ents"],
)
def make_relations(nlp: Language, name: str, relations: list[str], steps: list[str]) -> RelationExtractor:
    register_extensions()
    return RelationExtractor(name, relations=relations, steps=steps)
