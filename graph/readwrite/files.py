"""The file argument of the exporters: a path, or a binary handle the caller owns.

Every ``write_*`` and ``read_*`` that holds a whole graph in one file accepts
either: a path is opened in binary mode and closed again (``.gz`` and ``.bz2``
compress, as in networkx), a handle such as ``io.BytesIO`` is used and left
open. The two decorators here name the convention once, so every format
treats its file argument alike.

A path is written atomically (:func:`atomic_write`): the data goes to a
temporary file beside it, which replaces the path only once complete, so a
crash, a full disk or kill -9 never leaves a truncated file under the real name.
"""

from __future__ import annotations

import bz2
import functools
import gzip
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any, BinaryIO, TypeVar

from networkx.utils import open_file

PathOrHandle = str | os.PathLike[str] | BinaryIO
"""What a writer or reader accepts as its file."""

_COMPRESSED: dict[str, Callable[..., IO[bytes]]] = {
    ".gz": lambda raw: gzip.GzipFile(fileobj=raw, mode="wb", mtime=0),
    ".bz2": lambda raw: bz2.BZ2File(raw, mode="wb"),
}
"""Compressing wrappers by suffix; gzip without a timestamp, so output is reproducible."""

Writer = TypeVar("Writer", bound=Callable[..., Any])


def _file_mode() -> int:
    """The permissions a plain ``open()`` would give a new file (0o666 less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_write(path: str | os.PathLike[str], *, text: bool = False) -> Iterator[IO[Any]]:
    """A handle on a temporary file that replaces ``path`` when the block succeeds.

    The data is flushed to disk before the rename; on any error the temporary
    file is removed and ``path`` keeps its old content. ``text`` opens UTF-8 text
    (newlines untranslated, as the csv module wants); ``.gz`` and ``.bz2`` paths
    are compressed.
    """
    target = Path(path)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.chmod(temporary, _file_mode())
        with open(fd, "wb") as raw:
            compress = _COMPRESSED.get(target.suffix)
            if text:
                handle = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                yield handle
                handle.flush()
                handle.detach()
            elif compress is not None:
                with compress(raw) as packed:  # closes the compressor, not ``raw``
                    yield packed
            else:
                yield raw
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def writes_file(func: Writer) -> Writer:
    """Decorator for ``write_*(G, path, ...)``: ``path`` arrives as an open binary handle.

    A path is written through :func:`atomic_write`; a handle is passed on as is.
    """

    @functools.wraps(func)
    def wrapper(G: Any, path: PathOrHandle, *args: Any, **kwargs: Any) -> Any:
        if isinstance(path, (str, os.PathLike)):
            with atomic_write(path) as handle:
                return func(G, handle, *args, **kwargs)
        return func(G, path, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


reads_file = open_file(0, mode="rb")
"""Decorator for ``read_*(path)``: ``path`` arrives as an open binary handle."""
