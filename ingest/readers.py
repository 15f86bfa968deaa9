"""Read files, folders, globs and strings into documents; bad input becomes a failure.

A single bad file never stops a run: every input ends as a document, a
duplicate of one, or a failure with a one-line reason.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from .make_document import make_document
from ingest.dates import parse_date
from .decode import decode_bytes
from .document import Content, Document, DocumentInfo, Duplicate, Failure, ReadResult
from zhkg.errors import E105_NO_TEXT, UnreadableInput, ZhkgInputError
from .html import extract_page, is_whole_page, looks_like_html, strip_tags
from .markdown import strip_markdown
from .normalize import unescape_entities
from .paths import (
    DEFAULT_MAX_FILE_SIZE,
    SUPPORTED_SUFFIXES,
    display_path,
    is_supported,
    scan_paths,
)
from .report import summary_line

logger = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm")


@dataclass
class Outcome:
    """What one file (or one string) produced."""

    documents: list[Document] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def to_content(raw: str, *, suffix: str = "") -> Content:
    """Remove markup: whole pages via trafilatura, fragments and Markdown locally.

    HTML is recognised by content too, because scraped .txt files often hold tags.
    In text files (and strings) a newline is a paragraph break even among tags;
    in .html files and JSON-line content it is only source layout.
    """
    if is_whole_page(raw):
        return extract_page(raw)
    title = ""
    if suffix == ".md":
        raw, title = strip_markdown(raw)
    if suffix in HTML_SUFFIXES or looks_like_html(raw):
        layout_newlines = suffix in (*HTML_SUFFIXES, ".jsonl")
        stripped = strip_tags(raw, source_newlines_break=not layout_newlines)
        return Content(stripped.text, title or stripped.title)
    return Content(unescape_entities(raw), title)


def _document(
    raw: str, *, source: str, suffix: str, encoding: str, meta: dict[str, object] | None = None
) -> Document:
    meta = meta or {}
    content = to_content(raw, suffix=suffix)
    title = meta.get("title")
    url = meta.get("url")
    return make_document(
        content.text,
        source=source,
        title=title if isinstance(title, str) and title.strip() else content.title,
        date=parse_date(meta.get("date")) or content.date,
        url=url if isinstance(url, str) and url.strip() else content.url,
        encoding=encoding,
    )


def _guarded(source: str, build: Callable[[], Document]) -> Document | Failure:
    """Run one document build; any problem becomes a failure, never an exception."""
    try:
        return build()
    except Exception as err:  # noqa: BLE001 - one bad input must not stop the run
        return _failure(source, err)


def _collect(outcome: Outcome, items: Iterable[Document | Failure]) -> None:
    for item in items:
        (outcome.failures if isinstance(item, Failure) else outcome.documents).append(item)


def _failure(source: str, err: Exception) -> Failure:
    """A one-line failure; unexpected errors are logged with their traceback."""
    if isinstance(err, UnreadableInput):
        return Failure(source, str(err))
    logger.exception("unexpected error while reading %s", source)
    reason = f"internal error ({type(err).__name__}: {err}); please report this file"
    return Failure(source, " ".join(reason.split()))


def _record_document(record: object, *, line: int, source: str, encoding: str) -> Document:
    """One JSON line: ``text`` or ``content`` (maybe HTML), plus title, date and url."""
    if not isinstance(record, dict):
        raise UnreadableInput(f"line {line}: expected a JSON object, got {type(record).__name__}")
    for key in ("text", "content"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return _document(value, source=source, suffix=".jsonl", encoding=encoding, meta=record)
    raise UnreadableInput(f"line {line}: no non-empty 'text' or 'content' field")


def _json_problem(err: ValueError | RecursionError) -> str:
    """One line for a JSON line that cannot be parsed, whatever the parser raised."""
    if isinstance(err, json.JSONDecodeError):
        return f"invalid JSON ({err.msg} at column {err.colno})"
    if isinstance(err, RecursionError):
        return "invalid JSON (nested too deeply)"
    return f"invalid JSON ({' '.join(str(err).split())})"


def _jsonl_items(text: str, *, source: str, encoding: str) -> Iterator[Document | Failure]:
    """Each line's document or failure, one line at a time."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as err:
            yield Failure(where, f"line {number}: {_json_problem(err)}")
            continue
        yield _guarded(where, partial(_record_document, record, line=number, source=where, encoding=encoding))


def data_items(data: bytes, *, source: str, suffix: str, notes: list[str]) -> Iterator[Document | Failure]:
    """The documents and failures of one file's bytes, one at a time (a JSON-lines file holds many).

    ``suffix`` (``.txt``, ``.jsonl``...) selects the format; notes about the
    decoding go to ``notes``.
    """
    suffix = suffix.lower()
    try:
        decoded = decode_bytes(data)
    except Exception as err:  # noqa: BLE001 - one bad input must not stop the run
        yield _failure(source, err)
        return
    if decoded.encoding != "utf-8":
        notes.append(f"{source}: decoded as {decoded.encoding}")
    if decoded.note:
        notes.append(f"{source}: {decoded.note}")
    if suffix == ".jsonl":
        found = False
        for item in _jsonl_items(decoded.text, source=source, encoding=decoded.encoding):
            found = True
            yield item
        if not found:
            yield Failure(source, "no JSON records")
        return
    yield _guarded(source, lambda: _document(decoded.text, source=source, suffix=suffix,
                                             encoding=decoded.encoding))


def read_data(data: bytes, *, source: str, suffix: str) -> Outcome:
    """Read one file's bytes; ``suffix`` (``.txt``, ``.jsonl``...) selects the format."""
    outcome = Outcome()
    _collect(outcome, data_items(data, source=source, suffix=suffix, notes=outcome.notes))
    return outcome


def read_file(path: Path, *, max_file_size: int = DEFAULT_MAX_FILE_SIZE) -> Outcome:
    """Read one file from disk; unreadable or unsupported files become failures."""
    outcome = Outcome()
    _collect(outcome, file_items(path, max_file_size=max_file_size, notes=outcome.notes))
    return outcome


def file_items(path: Path, *, max_file_size: int = DEFAULT_MAX_FILE_SIZE,
               notes: list[str]) -> Iterator[Document | Failure]:
    """The documents and failures of one file on disk, one at a time; notes go to ``notes``."""
    source = display_path(path)
    if not is_supported(path):
        supported = ", ".join(SUPPORTED_SUFFIXES)
        yield Failure(source, f"unsupported file type '{path.suffix or '(none)'}'; expected {supported}")
        return
    try:
        data = read_regular_file(path, max_file_size)
    except UnreadableInput as err:
        yield Failure(source, str(err))
        return
    except OSError as err:
        yield Failure(source, f"cannot read file: {err.strerror or err}")
        return
    yield from data_items(data, source=source, suffix=path.suffix, notes=notes)


def read_regular_file(path: Path, max_file_size: int) -> bytes:
    """The bytes of a regular file of at most ``max_file_size`` bytes.

    Opened without blocking and checked on the open descriptor, so a FIFO or a
    device that replaced the file after the folder scan cannot hang or flood the run.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnreadableInput("not a regular file (FIFO, device or socket), not read")
        data = handle.read(max_file_size + 1)
    if len(data) > max_file_size:
        raise UnreadableInput(
            f"file is over the {max_file_size / 2**20:.1f} MB limit (raise it with --max-file-size)"
        )
    return data


class DocumentStream:
    """The documents under ``paths``, one at a time, in path order, each content id once.

    Iterating reads the files as the documents are wanted, so a caller that
    hands each document on holds none of them; a JSON-lines file is decoded
    whole (it is at most ``max_file_size``) but its documents are made one
    line at a time. :attr:`result` accounts for every input as the stream
    goes (documents as :class:`DocumentInfo`, without their text) and is
    complete once the stream is exhausted. Bad path arguments raise
    :class:`ZhkgInputError` here, before any file is read (see :func:`scan_paths`).
    """

    def __init__(
        self,
        paths: Sequence[str | Path] | str | Path,
        *,
        progress: Callable[[Path], None] | None = None,
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
        exclude: Sequence[str | Path] = (),
    ) -> None:
        scan = scan_paths(paths, max_file_size=max_file_size, exclude=exclude)
        # Path order, not argument order: the same inputs give the same documents, the
        # same duplicates and byte-identical outputs however they were listed.
        self._files = sorted(scan.files, key=display_path)
        self._progress = progress
        self._max_file_size = max_file_size
        self.result = ReadResult(files=[display_path(f) for f in self._files], skipped=scan.skipped)

    def __iter__(self) -> Iterator[Document]:
        result, seen = self.result, {}
        for path in self._files:
            if self._progress is not None:
                self._progress(path)
            for item in file_items(path, max_file_size=self._max_file_size, notes=result.notes):
                if isinstance(item, Failure):
                    result.failures.append(item)
                elif item.id in seen:
                    result.duplicates.append(Duplicate(item.source, item.id, seen[item.id]))
                else:
                    seen[item.id] = item.source
                    result.documents.append(DocumentInfo.of(item))
                    yield item
        logger.info(summary_line(result))


def read_paths(
    paths: Sequence[str | Path] | str | Path,
    *,
    progress: Callable[[Path], None] | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    exclude: Sequence[str | Path] = (),
) -> ReadResult:
    """Read every file under ``paths`` but those in ``exclude`` folders; documents are
    deduplicated by content id.

    Files are read in path order. Never raises for bad file content: every file
    found is a document, a duplicate, a failure or a skipped entry. Raises :class:`ZhkgInputError`
    only for path arguments that cannot be expanded (see :func:`scan_paths`).
    All documents are held at once; :class:`DocumentStream` reads them one at a time.
    """
    stream = DocumentStream(paths, progress=progress, max_file_size=max_file_size, exclude=exclude)
    documents = list(stream)
    return replace(stream.result, documents=documents)


def read_text(
    text: str, *, source: str = "<text>", title: str = "", date: str | None = None, url: str = ""
) -> Document:
    """Clean a string (plain text, HTML fragment or page) into a document.

    Raises :class:`ZhkgInputError` when no text is left after cleaning.
    """
    try:
        return _document(
            text,
            source=source,
            suffix="",
            encoding="utf-8",
            meta={"title": title, "date": date, "url": url},
        )
    except UnreadableInput as err:
        raise ZhkgInputError(E105_NO_TEXT, f"{source}: {err}") from None
