"""Final entity fixes that need every recogniser's output.

- A PERSON span that ends in an honorific or title (李老师, 王某, 费舍尔议长)
  names the person by the part before it: the title is not part of the name,
  and the officials component records titles separately in ``doc._.posts``.
- A dateline (新华社北京5月10日电外交部……) ends in 电 or 讯; an entity that
  starts with it after a date (电外交部) starts one character later.

Each fix is a step registered by name (``zhkg.entity_cleanup.honorifics.v1``) and
listed in ``[components.entity_cleanup] steps`` of config.cfg; an entity gets the
fix of the first step that applies to it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from zhkg.records import PERSON
from pipelines.component_steps import registered_steps
from pipelines.lexicons.org_words import load_org_words
from pipelines.spans import CharSpan, doc_text, set_entities
from zhkg.errors import NotInitializedError

FACTORY = "zhkg_entity_cleanup_v1"  # spaCy forbids "." in factory names
# The fixes in the order they are tried, each a function registered in spacy.registry.misc at
# the end of this module; [components.entity_cleanup] steps in config.cfg lists them too.
STEPS: tuple[str, ...] = ("zhkg.entity_cleanup.honorifics.v1", "zhkg.entity_cleanup.datelines.v1")


@Language.factory(FACTORY, default_config={"steps": list(STEPS)}, assigns=["doc.ents"], requires=["doc.ents"])
def make_entity_cleanup(nlp: Language, name: str, steps: list[str]) -> "EntityCleanup":
    """Build the clean-up step; the honorifics load in ``initialize`` or ``from_bytes``."""
    return EntityCleanup(name, steps)


class EntityCleanup:
    """Trim honorifics off PERSON spans and datelines off any entity."""

    def __init__(self, name: str, steps: Sequence[str] = STEPS) -> None:
        self.name = name
        self.steps: list[Fix] = registered_steps(FACTORY, steps, STEPS)
        self.honorifics: tuple[str, ...] | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None,
                   nlp: Language | None = None) -> None:
        """Load the honorifics: forms of address and every title (``OrgWords.honorifics``)."""
        self.honorifics = load_org_words().honorifics

    def _require(self) -> tuple[str, ...]:
        if self.honorifics is None:
            raise NotInitializedError(FACTORY)
        return self.honorifics

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps(list(self._require()), ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "EntityCleanup":
        self.honorifics = tuple(json.loads(data.decode("utf-8")))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "honorifics.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "EntityCleanup":
        return self.from_bytes((Path(path) / "honorifics.json").read_bytes())

    def __call__(self, doc: Doc) -> Doc:
        self._require()
        text = doc_text(doc)
        replaced: set[tuple[int, int]] = set()
        trimmed: list[CharSpan] = []
        for ent in doc.ents:
            span = next((s for s in (fix(self, text, ent) for fix in self.steps) if s is not None), None)
            if span is not None:
                replaced.add((ent.start_char, ent.end_char))
                trimmed.append(span)
        if trimmed:
            doc.ents = [e for e in doc.ents if (e.start_char, e.end_char) not in replaced]
            set_entities(doc, trimmed)
        return doc


Fix = Callable[[EntityCleanup, str, Span], "CharSpan | None"]
"""A fix: the entity as it should be in the document's text, or ``None`` to leave it."""


@registry.misc("zhkg.entity_cleanup.honorifics.v1")
def without_honorific(cleanup: EntityCleanup, text: str, ent: Span) -> CharSpan | None:
    """A PERSON without the honorific or title it ends in (李老师 -> 李)."""
    honorific = _honorific(ent.text, cleanup._require()) if ent.label_ == PERSON else None
    if honorific:
        return CharSpan(ent.start_char, ent.end_char - len(honorific), PERSON, ent.kb_id_)
    return None


@registry.misc("zhkg.entity_cleanup.datelines.v1")
def without_dateline(cleanup: EntityCleanup, text: str, ent: Span) -> CharSpan | None:
    """An entity without the 电 or 讯 of a dateline it starts with (5月10日电外交部 -> 外交部)."""
    if _after_dateline(text, ent.start_char, ent.end_char):
        return CharSpan(ent.start_char + 1, ent.end_char, ent.label_, ent.kb_id_)
    return None


def _after_dateline(text: str, start: int, end: int) -> bool:
    """电外交部 after 5月10日: the entity starts with the dateline's last character."""
    return end - start > 2 and text[start] in "电讯" and start > 0 and text[start - 1] == "日"


def _honorific(name: str, honorifics: tuple[str, ...]) -> str | None:
    """The honorific ending ``name`` (longest first), if a name of at least one character precedes it."""
    return next((h for h in honorifics if name.endswith(h) and len(name) > len(h)), None)
