"""``Doc`` extensions that carry JSON-safe records between components.

Every component that reads or writes one calls :func:`register_extensions`
from its factory, so a pipeline built from config always has them.

- ``doc._.meta``: ``{"doc_id", "title", "date", "url", "source"}`` from ingest.
- ``doc._.posts``: officials found by apposition, one dict each:
  ``{"person", "person_start", "person_end", "org", "org_start", "org_end",
  "titles": [...]}`` (``org``/``org_*`` empty or ``None`` when no organisation
  is named).
- ``doc._.aliases``: ``{name: [alias, ...]}`` from lexicons (abbreviations).
- ``doc._.relations``: :class:`zhkg.records.Relation` dicts.
- ``doc._.lac_words``: LAC's words (:class:`pipelines.tokens.LacWord`), written
  once by the LAC component; read them through :func:`pipelines.spans.lac_words`.
"""

from spacy.tokens import Doc

from ingest.dates import document_date
from pipelines.spans import doc_text
from pipelines.tokens import LAC_WORDS
from zhkg.records import document_id

_DEFAULTS: dict[str, object] = {
    "meta": None,
    "posts": None,
    "aliases": None,
    "relations": None,
    LAC_WORDS: None,
}


def register_extensions() -> None:
    """Register the extensions once; they default to ``None`` (read via helpers)."""
    for name, default in _DEFAULTS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def get_list(doc: Doc, name: str) -> list:
    """The list stored in ``doc._.<name>``, created empty on first use."""
    value = doc._.get(name)
    if value is None:
        value = []
        doc._.set(name, value)
    return value


def get_dict(doc: Doc, name: str) -> dict:
    """The dict stored in ``doc._.<name>``, created empty on first use."""
    value = doc._.get(name)
    if value is None:
        value = {}
        doc._.set(name, value)
    return value


def doc_extension(doc: Doc, name: str):
    """``doc._.<name>`` or ``None`` when the extension is not registered."""
    return doc._.get(name) if Doc.has_extension(name) else None


def doc_meta(doc: Doc) -> dict:
    """``doc._.meta`` with ``doc_id`` and ``date`` always set, computed once per ``Doc``.

    Ingest fills both for documents read from files; a ``Doc`` made straight
    from text (``nlp("...")``) gets the id of its text and the first date in its
    head, the same functions ingest uses, so one article has one id and one
    reference date whichever way it entered.
    """
    register_extensions()
    meta = dict(doc._.meta or {})
    if not meta.get("doc_id"):
        meta["doc_id"] = document_id(doc_text(doc))
    if "date" not in meta or meta["date"] is None:
        meta["date"] = document_date(doc_text(doc))
    doc._.meta = meta
    return meta
