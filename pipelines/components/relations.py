"""Typed relations of a document into ``doc._.relations`` (JSON-safe dicts).

Runs after the recognisers and the resolver, so entities carry their canonical
in-document names in ``kb_id_``. The rules live in :mod:`pipelines.rules`
as pure functions; this component picks the enabled ones and stores their
records. CO_OCCURS is not emitted here: ``graph/`` derives it from mentions.
"""

from __future__ import annotations

from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from zhkg.records import HOLDS_POST, LOCATED_IN, PART_OF, PROMOTES, TYPED_RELATIONS, VISITED, Relation
from pipelines.place_lexicon import PlaceLexiconMixin
from pipelines.extensions import register_extensions
from pipelines.rules.geo import PlaceLookup, place_prefix
from pipelines.rules.holds_post import extract_holds_post
from pipelines.rules.located_in import extract_located_in
from pipelines.rules.part_of import extract_part_of
from pipelines.rules.promotes import extract_promotes
from pipelines.rules.view import DocView
from pipelines.rules.visited import extract_visited

FACTORY = "zhkg_relations_v1"  # spaCy forbids "." in factory names


class RelationExtractor(PlaceLexiconMixin):
    """spaCy component: ``doc._.relations`` from the rules of :mod:`pipelines.rules`."""

    def __init__(
        self, name: str, *, relations: Iterable[str] = TYPED_RELATIONS, lexicon: PlaceLookup | None = None
    ) -> None:
        wanted = list(relations)
        unknown = sorted(set(wanted) - set(TYPED_RELATIONS))
        if unknown:
            raise ValueError(
                f"{FACTORY}: unknown relation type(s) {unknown}; choose from {list(TYPED_RELATIONS)}"
            )
        self.name = name
        self.relations = tuple(r for r in TYPED_RELATIONS if r in wanted)
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        doc._.relations = [r.to_dict() for r in self.extract(doc)]
        return doc

    def extract(self, doc: Doc) -> list[Relation]:
        """The enabled relations of one document, in a stable order."""
        lexicon = self.place_lexicon()
        view = DocView(doc)
        extractors: dict[str, Callable[[], list[Relation]]] = {
            VISITED: lambda: extract_visited(view),
            HOLDS_POST: lambda: extract_holds_post(view),
            PART_OF: lambda: extract_part_of(view, lambda name: place_prefix(lexicon, name)),
            PROMOTES: lambda: extract_promotes(view),
            LOCATED_IN: lambda: extract_located_in(view, lexicon),
        }
        return [rel for kind in self.relations for rel in extractors[kind]()]


@Language.factory(
    FACTORY,
    default_config={"relations": list(TYPED_RELATIONS)},
    assigns=["doc._.relations"],
    requires=["doc.ents"],
)
def make_relations(nlp: Language, name: str, relations: list[str]) -> RelationExtractor:
    register_extensions()
    return RelationExtractor(name, relations=relations)
