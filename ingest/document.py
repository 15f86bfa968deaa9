"""Records produced by ingest: content, documents, failures, skipped files, duplicates, results."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One cleaned article.

    ``text`` holds paragraphs separated by ``"\\n"`` and starts with the headline,
    because relation extraction works paragraph by paragraph.

    ``offsets`` maps ``text`` back into the text it was cleaned from (the
    decoded file for plain text, the ``text`` field of a JSON line, the text
    extracted from HTML or Markdown): ``[clean offset, original offset]`` where
    each run of characters copied in order starts, sorted. Cleaning only
    removes characters (invisible ones, repeated spaces, blank lines, page
    chrome) and may put the metadata title first, whose run has original ``-1``.
    :func:`zhkg.records.original_offset` reads it.
    """

    id: str
    text: str
    title: str = ""
    date: str | None = None
    url: str = ""
    source: str = ""
    encoding: str = "utf-8"
    offsets: list[list[int]] = field(default_factory=lambda: [[0, 0]])


@dataclass(frozen=True)
class DocumentInfo:
    """What the report says of a document read, without its text (kept by :class:`DocumentStream`)."""

    id: str
    title: str = ""
    date: str | None = None
    source: str = ""
    encoding: str = "utf-8"
    chars: int = 0

    @classmethod
    def of(cls, document: "Document") -> "DocumentInfo":
        return cls(document.id, document.title, document.date, document.source, document.encoding,
                   len(document.text))


@dataclass(frozen=True)
class Content:
    """Text without markup, plus whatever metadata the markup carried.

    What reading one web page, HTML fragment, Markdown file or plain text
    gives before it becomes a :class:`Document`.
    """

    text: str
    title: str = ""
    date: str | None = None
    url: str = ""


@dataclass(frozen=True)
class Failure:
    """An input (file or JSON line) that could not become a document."""

    source: str
    reason: str


@dataclass(frozen=True)
class Skipped:
    """A file found under an input path but not read (hidden, special, too large...)."""

    source: str
    reason: str


@dataclass(frozen=True)
class Duplicate:
    """A readable input whose text is already held by an earlier document."""

    source: str
    id: str
    duplicate_of: str


@dataclass
class ReadResult:
    """Everything one ingest run produced; every input file is accounted for."""

    documents: list[Document | DocumentInfo] = field(default_factory=list)
    """The documents read: whole from :func:`read_paths`, their :class:`DocumentInfo` from a stream."""
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def exit_code(self, *, strict: bool = False) -> int:
        """Non-zero when nothing could be read, or with ``strict`` and any failure."""
        if not self.documents:
            return 1
        return 1 if strict and self.failures else 0
