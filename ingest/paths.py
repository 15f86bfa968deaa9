"""Turn path arguments (files, folders, globs) into the files to read, and the rest.

Every file found is either read or skipped with a one-line reason: hidden
files, unsupported types, symlink loops, broken links, FIFOs and devices, files
over the size limit and second paths to a file already listed. Nothing found on
disk disappears without a report line, and nothing here can block or raise for
one odd entry.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .document import Skipped
from zhkg.errors import (
    E101_MISSING_PATH,
    E102_NO_GLOB_MATCH,
    E103_NO_SUPPORTED_FILE,
    E104_NO_PATHS,
    ZhkgInputError,
)

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".md", ".jsonl")
DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024
"""Files larger than this (bytes) are skipped: no news article is 50 MB of text."""
OUTPUT_FOLDER_REASON = "the build's output folder, not read as input"
_GLOB_CHARS = frozenset("*?[")
_MB = 1024 * 1024


def is_supported(path: Path) -> bool:
    """True for the file types ingest reads (by suffix, case-insensitive)."""
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as printable UTF-8 text; undecodable bytes of a name become ``\\xff``.

    File names are bytes on Linux. Python keeps undecodable bytes as lone
    surrogates, which no UTF-8 writer accepts, so reports and records use this form.
    """
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


@dataclass
class Scan:
    """The regular files to read, in argument order, and every entry skipped."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class _Scanner:
    """Collects candidates, checks each once, and remembers files already listed."""

    max_file_size: int
    excluded: tuple[str, ...] = ()
    scan: Scan = field(default_factory=Scan)
    _seen_paths: set[str] = field(default_factory=set)
    _seen_files: dict[tuple[int, int], str] = field(default_factory=dict)

    def skip(self, path: str | os.PathLike[str], reason: str) -> None:
        source = display_path(path)
        if source not in self._seen_paths:
            self._seen_paths.add(source)
            self.scan.skipped.append(Skipped(source, reason))

    def add(self, path: Path) -> None:
        """Check one candidate file; keep it or record why it is skipped."""
        source = display_path(path)
        if source in self._seen_paths:
            return
        if self.is_excluded(path):
            self.skip(path, OUTPUT_FOLDER_REASON)
            return
        reason, key = _check_file(path, self.max_file_size)
        if reason is None and key in self._seen_files:
            reason = f"same file as {self._seen_files[key]} (symlink or hard link), read once"
        if reason is not None:
            self.skip(path, reason)
            return
        self._seen_paths.add(source)
        self._seen_files[key] = source
        self.scan.files.append(path)

    def is_excluded(self, path: Path) -> bool:
        """True for ``path`` inside an excluded folder (the build's output), links resolved."""
        real = os.path.realpath(path)
        return any(real == folder or real.startswith(folder + os.sep) for folder in self.excluded)

    def walk(self, folder: Path) -> int:
        """Add everything under ``folder``; return how many supported files were seen."""
        if self.is_excluded(folder):
            self.skip(folder, OUTPUT_FOLDER_REASON)
            return 0
        supported = 0
        for root, dirs, files in os.walk(folder, onerror=self._walk_error):
            for name in sorted(dirs):
                if Path(root, name).is_symlink():
                    self.skip(Path(root, name), "symlink to a folder, not followed")
                elif self.is_excluded(Path(root, name)):
                    self.skip(Path(root, name), OUTPUT_FOLDER_REASON)
            dirs[:] = sorted(d for d in dirs
                             if not Path(root, d).is_symlink() and not self.is_excluded(Path(root, d)))
            hidden_root = any(part.startswith(".") for part in Path(root).relative_to(folder).parts)
            for name in sorted(files):
                path = Path(root, name)
                if hidden_root or name.startswith("."):
                    self.skip(path, "hidden file or folder, not read")
                elif not is_supported(path):
                    self.skip(path, _unsupported(path))
                else:
                    supported += 1
                    self.add(path)
        return supported

    def _walk_error(self, error: OSError) -> None:
        self.skip(error.filename, f"cannot list folder: {error.strerror or error}")


def _unsupported(path: Path) -> str:
    return f"unsupported file type '{path.suffix or '(none)'}'; expected {', '.join(SUPPORTED_SUFFIXES)}"


def _check_file(path: Path, max_file_size: int) -> tuple[str | None, tuple[int, int]]:
    """Why ``path`` cannot be read as a regular file (or ``None``), and its identity."""
    try:
        info = os.stat(path)
    except OSError as error:
        return _stat_reason(path, error), (0, 0)
    if stat.S_ISDIR(info.st_mode):
        return "a folder reached through a symlink, not followed", (0, 0)
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (FIFO, device or socket), not read", (0, 0)
    if info.st_size > max_file_size:
        size, limit = info.st_size / _MB, max_file_size / _MB
        return (
            f"file is {size:.1f} MB, over the {limit:.1f} MB limit (raise it with --max-file-size)",
            (0, 0),
        )
    return None, (info.st_dev, info.st_ino)


def _stat_reason(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symlink loop, not read"
    if error.errno == errno.ENOENT and path.is_symlink():
        return "broken symlink (its target does not exist)"
    return f"cannot read file: {error.strerror or error}"


def _exists(path: Path) -> bool:
    """True for anything at ``path``, including a broken or looping symlink."""
    return os.path.lexists(path)


def _expand_one(raw: str | Path, scanner: _Scanner) -> None:
    path = Path(raw)
    supported = ", ".join(SUPPORTED_SUFFIXES)
    if path.is_dir():
        if scanner.is_excluded(path):
            raise ZhkgInputError(
                E103_NO_SUPPORTED_FILE,
                f"folder '{display_path(path)}' is the output folder; write the graph elsewhere (-o)",
            )
        if not scanner.walk(path):
            raise ZhkgInputError(
                E103_NO_SUPPORTED_FILE, f"folder '{display_path(path)}' holds no {supported} file"
            )
        return
    if _exists(path):
        scanner.add(path)
        return
    if not _GLOB_CHARS.intersection(str(raw)):
        raise ZhkgInputError(
            E101_MISSING_PATH,
            f"'{display_path(raw)}' does not exist; check the path or quote the glob",
        )
    matches = [Path(m) for m in sorted(glob.glob(str(raw), recursive=True))]
    if not matches:
        raise ZhkgInputError(E102_NO_GLOB_MATCH, f"glob '{display_path(raw)}' matches nothing")
    found = 0
    for match in matches:
        if match.is_dir():
            found += scanner.walk(match)
        elif is_supported(match):
            found += 1
            scanner.add(match)
        else:
            scanner.skip(match, _unsupported(match))
    if not found:
        raise ZhkgInputError(
            E103_NO_SUPPORTED_FILE, f"glob '{display_path(raw)}' matches no {supported} file"
        )


def scan_paths(
    paths: Sequence[str | Path] | str | Path,
    *,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    exclude: Sequence[str | os.PathLike[str]] = (),
) -> Scan:
    """Files to read, in argument order, and a reason for every entry not read.

    Folders are walked recursively without following symlinked folders; globs
    are expanded. A file named explicitly is kept whatever its suffix (the
    reader reports an unsupported type). Only regular files up to
    ``max_file_size`` bytes are kept; a second path to the same file is skipped.
    Nothing inside an ``exclude`` folder is read (a build passes its output
    folder, so ``zhkg build . -o out`` does not read its own outputs): the
    folder, or each file named inside it, gets a report line.

    Raises
    ------
    ZhkgInputError
        For no paths, a path that does not exist, a glob that matches nothing,
        or a folder or glob without any supported file (or a folder that is excluded).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not paths:
        raise ZhkgInputError(E104_NO_PATHS, "no input path given; pass files, folders or globs")
    scanner = _Scanner(max_file_size, tuple(os.path.realpath(folder) for folder in exclude))
    for raw in paths:
        _expand_one(raw, scanner)
    return scanner.scan


def expand_paths(paths: Sequence[str | Path] | str | Path) -> list[Path]:
    """The files :func:`scan_paths` keeps (see there); skipped entries are dropped."""
    return scan_paths(paths).files
