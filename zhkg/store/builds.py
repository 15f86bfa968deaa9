"""Which build's graph a reader of the store sees: the one the output folder publishes.

The output files switch from one build to the next with one symlink rename
(:mod:`zhkg.outdir`); a database write cannot join that rename. So each build
writes its graph tables, its graph attributes and a copy of its input list
into a DuckDB schema of its own, ``build_<build id>``, and a reader uses the
schema of the build that ``OUTDIR/.zhkg/current`` points to. A build killed
after writing the store but before publishing leaves a schema that no pointer
names: queries keep showing the published graph, the files' graph, and the
next build drops the orphan. ``zhkg export graph`` into the same folder
publishes files of a stored build under a new id that starts with that
build's (:func:`zhkg.outdir.graph_build`).

Readers select the build with :func:`use_build`, which sets the connection's
``search_path``; unqualified table names (``nodes``, ``edges``, ``meta``,
``inputs``) then resolve to the build's tables and ``records`` to the shared
ones. A DuckDB cursor does not inherit ``search_path``: open them with
:func:`cursor`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from zhkg.outdir import graph_build, published_build

BUILD_PREFIX = "build_"
OUTDIR_META = "outdir"
LAST_BUILD_META = "last_build"
_BUILD_ID = re.compile(r"[0-9a-f]{1,64}")


def schema_name(build: str) -> str:
    """The schema of a build id (hex, as :mod:`zhkg.outdir` makes them)."""
    if not _BUILD_ID.fullmatch(build):
        raise ValueError(f"not a build id: {build!r}")
    return BUILD_PREFIX + build


def stored_builds(con) -> set[str]:
    """The build ids that have graph tables in the store."""
    rows = con.execute("SELECT schema_name FROM information_schema.schemata").fetchall()
    return {name[len(BUILD_PREFIX):] for (name,) in rows if name.startswith(BUILD_PREFIX)}


def current_build(con, store: str | os.PathLike[str]) -> str | None:
    """The build whose graph a reader of ``store`` should see, or ``None`` (no graph yet).

    The output folder's pointer decides: first that of the folder holding the
    store, then that of the output folder the last build recorded. A store
    that no build wrote through an output folder (a script's) shows the graph
    written last.
    """
    stored = stored_builds(con)
    folders = [Path(store).parent]
    recorded = _main_meta(con, OUTDIR_META)
    if recorded:
        folders.append(Path(recorded))
    for folder in folders:
        build = graph_build(published_build(folder))
        if build in stored:
            return build
    if recorded:
        return None
    last = _main_meta(con, LAST_BUILD_META)
    return last if last in stored else None


def use_build(con, build: str | None) -> None:
    """Make unqualified table names of ``con`` resolve to ``build``'s tables (``None``: the shared ones)."""
    path = f"{schema_name(build)},main" if build else "main"
    con.execute(f"SET search_path = '{path}'")  # built from a checked hex id


def build_in_use(con) -> str | None:
    """The build :func:`use_build` selected on ``con``, or ``None``."""
    (path,) = con.execute("SELECT current_setting('search_path')").fetchone()
    first = path.split(",", 1)[0]
    return first[len(BUILD_PREFIX):] if first.startswith(BUILD_PREFIX) else None


def cursor(con):
    """A cursor of ``con`` that sees the same build as ``con``."""
    (path,) = con.execute("SELECT current_setting('search_path')").fetchone()
    new = con.cursor()
    if path:
        new.execute(f"SET search_path = '{path}'")  # the setting read back from con
    return new


def drop_builds(con, keep: set[str | None]) -> None:
    """Drop the graph tables of every build not in ``keep``."""
    for build in sorted(stored_builds(con) - keep):
        con.execute(f"DROP SCHEMA IF EXISTS {schema_name(build)} CASCADE")


def _main_meta(con, key: str) -> str | None:
    row = con.execute("SELECT value FROM main.meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None
