"""The output directory: one build at a time, and outputs that switch as a set.

A build writes ``graph.html``, ``graph.json``, ``records.jsonl``,
``report.json``... Replacing them one by one would leave a mix of two builds
after a crash or kill -9, so a build writes into a fresh directory under
``OUTDIR/.zhkg/builds/`` and publishes all of it with one atomic rename of the
symlink ``OUTDIR/.zhkg/current``. Each output name in ``OUTDIR`` is a
relative symlink through ``current``::

    OUTDIR/graph.html -> .zhkg/current/graph.html
    OUTDIR/.zhkg/current -> builds/<build id>

so at every instant ``OUTDIR`` shows the complete previous build or the
complete new one. A name the new build does not write is a dangling link
until it is removed: absent either way.

An exclusive ``flock`` on ``OUTDIR/.zhkg/lock`` keeps a second build out; the
kernel drops it when the holder dies, so a killed build never blocks the next.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from zhkg.errors import OutputError, OutputLockedError

log = logging.getLogger(__name__)

STATE_DIR = ".zhkg"
BUILDS_DIR = "builds"
CURRENT = "current"
LOCK_NAME = "lock"
_GRAPH_OF = "."


@dataclass
class OutputSet:
    """The files of one build: written under :attr:`staging`, published by :meth:`commit`."""

    outdir: Path
    staging: Path
    committed: bool = False

    @property
    def build(self) -> str:
        """This build's id: the name of its folder under ``builds/`` once published."""
        return self.staging.name

    def commit(self) -> dict[Path, Path]:
        """Publish every file in :attr:`staging` at once; return staging path -> public path.

        Raises
        ------
        OutputError
            When the disk refuses a write (full, read-only, permissions).
        """
        names = sorted(p.name for p in self.staging.iterdir())
        try:
            _sync(self.staging, names)
            for name in names:
                _link(self.outdir / name, Path(STATE_DIR, CURRENT, name))
            _link(self.outdir / STATE_DIR / CURRENT, Path(BUILDS_DIR, self.staging.name))
            self.committed = True  # the rename above is the moment the new build is public
            _fsync_dir(self.outdir / STATE_DIR)
        except OSError as error:
            raise OutputError(self.outdir, error.strerror or str(error)) from None
        _remove_stale_links(self.outdir, set(names))
        _remove_old_builds(self.outdir)
        return {self.staging / name: self.outdir / name for name in names}


@contextmanager
def open_output(outdir: str | os.PathLike[str], *, graph_of: str | None = None) -> Iterator[OutputSet]:
    """Lock ``outdir`` and give a staging area for one build's files.

    ``graph_of`` names the build whose graph files an export writes again: the
    new build's id then starts with it (``<graph_of>.<new id>``), so
    :func:`graph_build` tells which stored graph the files show.

    Nothing in ``outdir`` changes until :meth:`OutputSet.commit`; leaving the
    block without committing (an error) discards the staged files. Disk errors
    inside the block (``OSError``) become one-line :class:`OutputError`.

    Raises
    ------
    OutputLockedError
        When another build holds the lock on ``outdir``.
    OutputError
        When ``outdir`` cannot be created or written.
    """
    out = _prepare(Path(outdir))
    with _locked(out):
        _remove_old_builds(out)
        new = uuid.uuid4().hex
        staging = out / STATE_DIR / BUILDS_DIR / (f"{graph_of}{_GRAPH_OF}{new}" if graph_of else new)
        try:
            staging.mkdir(parents=True)
        except OSError as error:
            raise OutputError(out, error.strerror or str(error)) from None
        output = OutputSet(out, staging)
        try:
            yield output
        except OSError as error:
            raise OutputError(out, error.strerror or str(error)) from None
        finally:
            if not output.committed:
                shutil.rmtree(staging, ignore_errors=True)


def published_build(outdir: str | os.PathLike[str]) -> str | None:
    """The id of the build ``outdir`` shows (its ``current`` pointer), or ``None``."""
    try:
        return Path(os.readlink(Path(outdir, STATE_DIR, CURRENT))).name
    except OSError:
        return None


def graph_build(build: str | None) -> str | None:
    """The build whose graph the files of ``build`` show: itself, or the one it re-exported."""
    return build.split(_GRAPH_OF, 1)[0] if build else None


def _prepare(out: Path) -> Path:
    """Create ``out`` if needed and check that it is a writable directory."""
    try:
        (out / STATE_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(out, error.strerror or str(error)) from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(out, "permission denied")
    return out


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold the exclusive lock on ``out`` for the block; fail at once if it is taken."""
    path = out / STATE_DIR / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise OutputError(out, error.strerror or str(error)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise OutputLockedError(out, _holder(fd)) from None
            raise OutputError(out, error.strerror or str(error)) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    """The process id the lock holder wrote, or ``""``."""
    with suppress(OSError):
        return os.pread(fd, 32, 0).decode("ascii", errors="replace").strip()
    return ""


def _sync(folder: Path, names: list[str]) -> None:
    """Flush the staged files and their directory to disk before publishing them."""
    for name in names:
        fd = os.open(folder / name, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _link(path: Path, target: Path) -> None:
    """Make ``path`` a symlink to ``target`` in one atomic step (nothing if it already is)."""
    if path.is_symlink() and Path(os.readlink(path)) == target:
        return
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    os.symlink(target, temporary)
    try:
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


def _remove_stale_links(out: Path, names: set[str]) -> None:
    """Remove output links of earlier builds for names this build did not write."""
    prefix = Path(STATE_DIR, CURRENT)
    for entry in out.iterdir():
        if entry.name in names or not entry.is_symlink():
            continue
        if Path(os.readlink(entry)).parent == prefix:
            with suppress(OSError):
                entry.unlink()


def _remove_old_builds(out: Path) -> None:
    """Delete build directories that ``current`` does not point to (killed or replaced builds).

    Only ever called with the lock held, so no other build is writing into them.
    """
    builds = out / STATE_DIR / BUILDS_DIR
    current = out / STATE_DIR / CURRENT
    keep = Path(os.readlink(current)).name if current.is_symlink() else None
    if not builds.is_dir():
        return
    for entry in builds.iterdir():
        if entry.name != keep:
            shutil.rmtree(entry, ignore_errors=True)
