"""Turn path arguments (files, folders, globs) into the list of files to read."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from zhkg.errors import (
    E101_MISSING_PATH,
    E102_NO_GLOB_MATCH,
    E103_NO_SUPPORTED_FILE,
    E104_NO_PATHS,
    ZhkgInputError,
)

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".md", ".jsonl")
_GLOB_CHARS = frozenset("*?[")


def is_supported(path: Path) -> bool:
    """True for the file types ingest reads (by suffix, case-insensitive)."""
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _walk(folder: Path) -> list[Path]:
    """Supported files under ``folder``, sorted, skipping hidden files and folders."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root, name)
            for name in sorted(files)
            if not name.startswith(".") and is_supported(Path(name))
        )
    return found


def _expand_one(raw: str | Path) -> list[Path]:
    path = Path(raw)
    supported = ", ".join(SUPPORTED_SUFFIXES)
    if path.is_dir():
        files = _walk(path)
        if not files:
            raise ZhkgInputError(
                E103_NO_SUPPORTED_FILE, f"folder '{path}' holds no {supported} file"
            )
        return files
    if path.exists():
        return [path]
    if not _GLOB_CHARS.intersection(str(raw)):
        raise ZhkgInputError(
            E101_MISSING_PATH, f"'{raw}' does not exist; check the path or quote the glob"
        )
    matches = [Path(m) for m in sorted(glob.glob(str(raw), recursive=True))]
    if not matches:
        raise ZhkgInputError(E102_NO_GLOB_MATCH, f"glob '{raw}' matches nothing")
    files = [f for m in matches for f in (_walk(m) if m.is_dir() else [m]) if is_supported(f)]
    if not files:
        raise ZhkgInputError(E103_NO_SUPPORTED_FILE, f"glob '{raw}' matches no {supported} file")
    return files


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: set[Path] = set()
    unique = []
    for path in paths:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def expand_paths(paths: Sequence[str | Path] | str | Path) -> list[Path]:
    """Files to read, in argument order; folders recursively, globs expanded.

    A file named explicitly is kept whatever its suffix (the reader reports an
    unsupported type); folders and globs yield supported files only.

    Raises
    ------
    ZhkgInputError
        For no paths, a path that does not exist, a glob that matches nothing,
        or a folder or glob without any supported file.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        raise ZhkgInputError(E104_NO_PATHS, "no input path given; pass files, folders or globs")
    return _unique(f for raw in paths for f in _expand_one(raw))
