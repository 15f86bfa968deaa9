"""The build's DuckDB store: extracted records in, graph tables out.

One :class:`Store` holds the one read-write connection of a build (DuckDB
allows one writer). Every statement is parameterised; rows go in bulk as
Arrow tables that DuckDB scans, which is hundreds of times faster than
``executemany`` and two to three times faster than unnesting Python lists
(on news_scale's graph tables, 1.5 s of CPU instead of 4).
"""

from __future__ import annotations

import json
import logging
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from zhkg.outdir import graph_build
from zhkg.store.builds import (LAST_BUILD_META, OUTDIR_META, cursor, drop_builds, schema_name,
                               use_build)
from zhkg.store.record_json import record_from_json
from zhkg.store.schema import create_build_tables, ensure_schema

log = logging.getLogger(__name__)

STORE_NAME = "zhkg.duckdb"
"""The store's file name in the output directory."""

BUILD_THREADS = 1
"""DuckDB threads of a build's connection.

The cores belong to the extraction workers, and then to the forked export
writer; DuckDB's own threads only contended with them. On news_scale plus
100 items, one thread made the incremental rebuild 49–51 → 45–46 s (reading
the stored records ran beside the loading worker, the graph tables beside the
writer), with no slower step.
"""
_GRAPH_META = "graph"
_FINGERPRINT_META = "fingerprint"
_FETCH_ROWS = 2048
_ROWS_VIEW = "zhkg_rows"
"""The name an Arrow table of rows is registered under while it is inserted."""


@dataclass(frozen=True)
class InputDocument:
    """A document of this build, as the store keys it."""

    content_hash: str
    doc_id: str
    source: str


@dataclass(frozen=True)
class StoredRecord:
    """One extracted document, ready for the ``records`` table.

    ``record`` is JSON, best made by :func:`zhkg.store.record_json.record_json`
    (which stores each sentence's text once).
    """

    content_hash: str
    doc_id: str
    chars: int
    record: str


class Store:
    """A read-write connection to a store file, created or rebuilt as needed.

    Parameters
    ----------
    path : str or Path
        The DuckDB file; its folder must exist.

    Raises
    ------
    StoreError
        Another process holds the file, or it is not a DuckDB file.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        import duckdb

        from zhkg.errors import StoreError

        self.path = Path(path)
        try:
            self.con = duckdb.connect(str(self.path), config={"threads": BUILD_THREADS})
            ensure_schema(self.con)
        except duckdb.Error as error:  # a lock held by another run, or not a DuckDB file
            raise StoreError(self.path, str(error).splitlines()[0]) from None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with _disk_errors(self.path):  # closing writes the last checkpoint
            self.con.close()

    # -- records -------------------------------------------------------------

    def set_inputs(self, documents: Sequence[InputDocument]) -> None:
        """Make ``documents`` the inputs of this build (replacing the last build's)."""
        with self._transaction():
            self.con.execute("DELETE FROM main.inputs")
            self._insert("main.inputs", [[d.content_hash for d in documents],
                                    [d.doc_id for d in documents],
                                    [d.source for d in documents]])

    def missing(self, fingerprint: str) -> set[str]:
        """Content hashes of the inputs that have no record for ``fingerprint``."""
        rows = self.con.execute(
            "SELECT i.content_hash FROM main.inputs i LEFT JOIN records r "
            "ON r.content_hash = i.content_hash AND r.fingerprint = ? "
            "WHERE r.content_hash IS NULL", [fingerprint],
        ).fetchall()
        return {row[0] for row in rows}

    def stored_keys(self, fingerprint: str) -> set[str]:
        """Content hashes of every record of ``fingerprint``: a streaming build checks each
        document against them as it is read, before the inputs are all known."""
        rows = self.con.execute("SELECT content_hash FROM records WHERE fingerprint = ?", [fingerprint])
        return {key for (key,) in rows.fetchall()}

    def add_records(self, fingerprint: str, records: Sequence[StoredRecord]) -> None:
        """Insert extracted records (one transaction; an existing key is kept)."""
        if not records:
            return
        with self._transaction():
            self._insert("records", [[r.content_hash for r in records], [fingerprint] * len(records),
                                     [r.doc_id for r in records], [r.chars for r in records],
                                     [r.record for r in records]], or_ignore=True)

    def prune(self, fingerprint: str) -> int:
        """Delete records of other pipelines; returns how many went."""
        (count,) = self.con.execute(
            "SELECT count(*) FROM records WHERE fingerprint <> ?", [fingerprint]).fetchone()
        if count:
            self.con.execute("DELETE FROM records WHERE fingerprint <> ?", [fingerprint])
            log.info("dropped %d records of an earlier pipeline", count)
        return count

    def input_records(self, fingerprint: str,
                      content_hashes: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
        """The records of this build's inputs, in document id order (see :func:`input_records`)."""
        return input_records(self.con, fingerprint, content_hashes)

    def set_fingerprint(self, fingerprint: str) -> None:
        """Remember which pipeline the graph tables come from (read by ``zhkg export``)."""
        self.con.execute("INSERT OR REPLACE INTO main.meta VALUES (?, ?)", [_FINGERPRINT_META, fingerprint])

    def set_outdir(self, outdir: str | os.PathLike[str], published: str | None) -> None:
        """Record the output folder whose pointer says which build readers see, and drop
        the graphs of every build but the one ``published`` shows (killed or replaced ones)."""
        with self._transaction():
            self.con.execute("INSERT OR REPLACE INTO main.meta VALUES (?, ?)",
                             [OUTDIR_META, str(Path(outdir).resolve())])
            drop_builds(self.con, {graph_build(published)})

    # -- graph ---------------------------------------------------------------

    def write_graph(self, graph, rankings: dict[str, dict[str, float]], build: str = "0") -> None:
        """Write ``graph`` (a graph per ``graph.contract``) as the tables of ``build``.

        ``rankings`` maps a ranking's name to every node's score, so ``top``
        is a sorted read. The build's tables replace any earlier ones of the
        same id, and hold a copy of the inputs and the pipeline fingerprint;
        afterwards this connection reads them (:func:`zhkg.store.builds.use_build`).
        """
        from zhkg.store.graph_rows import edge_rows, evidence_rows, name_rows, node_rows, slices

        schema = schema_name(build)
        with self._transaction():
            use_build(self.con, None)
            self.con.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")  # a checked name
            create_build_tables(self.con, schema)
            self.con.execute(f"INSERT INTO {schema}.inputs SELECT * FROM main.inputs")
            self.con.execute(f"INSERT INTO {schema}.meta SELECT * FROM main.meta WHERE key = ?",
                             [_FINGERPRINT_META])
            self.con.execute("INSERT OR REPLACE INTO main.meta VALUES (?, ?)", [LAST_BUILD_META, build])
            use_build(self.con, build)
            for nodes in slices(graph.nodes(data=True)):
                self._insert("nodes", node_rows(nodes))
                self._insert("names", name_rows(nodes))
            for edges in slices(graph.edges(keys=True, data=True)):
                self._insert("edges", edge_rows(edges))
                self._insert("evidence", evidence_rows(edges))
            scores = [(node, name, score) for name, by_node in rankings.items()
                      for node, score in by_node.items()]
            self._insert("rankings", [[s[0] for s in scores], [s[1] for s in scores],
                                      [float(s[2]) for s in scores]])
            self.con.execute("INSERT INTO meta VALUES (?, ?)",
                             [_GRAPH_META, json.dumps(dict(graph.graph), ensure_ascii=False)])

    # -- helpers -------------------------------------------------------------

    def _insert(self, table: str, columns: Sequence[Sequence[Any]], *, or_ignore: bool = False) -> None:
        """Insert column lists of equal length into ``table`` in one statement (``table`` is ours).

        ``or_ignore`` keeps the existing row when a key is already there.
        """
        import pyarrow as pa

        if not columns or not len(columns[0]):
            return
        rows = pa.table({f"c{i}": pa.array(column) for i, column in enumerate(columns)})
        self.con.register(_ROWS_VIEW, rows)
        try:
            verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
            self.con.execute(f"{verb} INTO {table} SELECT * FROM {_ROWS_VIEW}")
        finally:
            self.con.unregister(_ROWS_VIEW)

    def _transaction(self):
        return _Transaction(self.con, self.path)


class _Transaction:
    """``BEGIN`` ... ``COMMIT``, or ``ROLLBACK`` when the block raises.

    A write the disk refuses (full, file size limit, read-only) becomes the
    one-line :class:`~zhkg.errors.OutputError`, whether DuckDB reports it in
    the block or on ``COMMIT``.
    """

    def __init__(self, con, path: Path) -> None:
        self.con = con
        self.path = path

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type, exc, traceback) -> None:
        import duckdb

        with _disk_errors(self.path, commit=True):
            self.con.execute("ROLLBACK" if exc_type else "COMMIT")
        if isinstance(exc, duckdb.IOException):
            raise _output_error(self.path, exc) from None


@contextmanager
def _disk_errors(path: Path, *, commit: bool = False) -> Iterator[None]:
    """DuckDB's I/O errors (any error of a ``commit``) as :class:`~zhkg.errors.OutputError`."""
    import duckdb

    try:
        yield
    except duckdb.Error as error:
        if commit or isinstance(error, duckdb.IOException):
            raise _output_error(path, error) from None
        raise


def _output_error(path: Path, error: Exception):
    from zhkg.errors import OutputError

    return OutputError(path.parent, f"{path.name}: {str(error).splitlines()[0]}")


def input_records(con, fingerprint: str | None = None,
                  content_hashes: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
    """The records of the last build's inputs, in document id order, as dicts.

    ``fingerprint`` defaults to the pipeline of the last build;
    ``content_hashes`` keeps only those inputs. Each record's ``source`` is
    the input's current source (the key leaves it out, so a moved file
    reuses its records).
    """
    if fingerprint is None:
        row = con.execute("SELECT value FROM meta WHERE key = ?", [_FINGERPRINT_META]).fetchone()
        fingerprint = row[0] if row else ""
    sql = ("SELECT r.record, i.source FROM inputs i JOIN records r "
           "ON r.content_hash = i.content_hash AND r.fingerprint = ?")
    params: list[Any] = [fingerprint]
    if content_hashes is not None:
        sql += " WHERE i.content_hash IN (SELECT unnest(?::VARCHAR[]))"
        params.append(list(content_hashes))
    rows_of = cursor(con)
    rows_of.execute(sql + " ORDER BY i.doc_id", params)
    while rows := rows_of.fetchmany(_FETCH_ROWS):
        for record, source in rows:
            data = record_from_json(record)
            data["source"] = source
            yield data


def graph_meta(con) -> dict[str, Any]:
    """The graph attributes written by the last build, or ``{}``."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [_GRAPH_META]).fetchone()
    return json.loads(row[0]) if row else {}

