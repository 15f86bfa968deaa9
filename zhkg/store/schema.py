"""The store's tables, in one place, with a version number.

The store is a DuckDB file. ``records`` is the cache between extraction and
the graph: one row per document and pipeline fingerprint. ``inputs`` lists the
documents of the last build. ``nodes``, ``names``, ``edges``, ``evidence`` and
``rankings`` hold the graph a build made, so queries and exports read it
without running resolution again. They live in one schema per build
(:data:`BUILD_TABLES`, with that build's ``meta`` and ``inputs``), so the
graph a reader sees switches with the published output files
(:mod:`zhkg.store.builds`).

A store written with another :data:`SCHEMA_VERSION` is rebuilt: its tables are
dropped and created anew (records are re-extracted by the next build). That
is cheaper to get right than a migration, and the store is a cache.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
"""Bump when a table changes; stores of another version are rebuilt."""

TABLES: dict[str, str] = {
    "meta": "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
    "records": (
        "CREATE TABLE records (content_hash VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL, "
        "doc_id VARCHAR NOT NULL, chars INTEGER NOT NULL, record VARCHAR NOT NULL, "
        "PRIMARY KEY (content_hash, fingerprint))"
    ),
    "inputs": (
        "CREATE TABLE inputs (content_hash VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, "
        "source VARCHAR NOT NULL)"
    ),
    "nodes": (
        "CREATE TABLE nodes (id VARCHAR NOT NULL, label VARCHAR NOT NULL, type VARCHAR NOT NULL, "
        "data VARCHAR NOT NULL)"
    ),
    "names": "CREATE TABLE names (key VARCHAR NOT NULL, node VARCHAR NOT NULL, kind VARCHAR NOT NULL)",
    "edges": (
        "CREATE TABLE edges (id VARCHAR NOT NULL, source VARCHAR NOT NULL, target VARCHAR NOT NULL, "
        "relation VARCHAR NOT NULL, weight BIGINT NOT NULL, data VARCHAR NOT NULL)"
    ),
    "evidence": (
        "CREATE TABLE evidence (edge VARCHAR NOT NULL, position INTEGER NOT NULL, "
        "doc VARCHAR NOT NULL, item VARCHAR NOT NULL)"
    ),
    "rankings": (
        "CREATE TABLE rankings (node VARCHAR NOT NULL, ranking VARCHAR NOT NULL, score DOUBLE NOT NULL)"
    ),
}
"""Every table, by name. Graph tables are replaced whole by each build."""

GRAPH_TABLES: tuple[str, ...] = ("nodes", "names", "edges", "evidence", "rankings")
SHARED_TABLES: tuple[str, ...] = ("meta", "records", "inputs")
"""The tables of the ``main`` schema; ``records`` is the cache all builds share."""
BUILD_TABLES: tuple[str, ...] = (*GRAPH_TABLES, "meta", "inputs")
"""The tables of one build's schema: its graph, graph attributes and inputs."""


def stored_version(con) -> int | None:
    """The schema version written in the store, or ``None`` for a new or foreign file."""
    present = {row[0] for row in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    if "meta" not in present:
        return None
    row = con.execute("SELECT value FROM main.meta WHERE key = ?", ["schema_version"]).fetchone()
    return int(row[0]) if row else None


def ensure_schema(con) -> None:
    """Create the tables, or rebuild them when the store has another schema version."""
    version = stored_version(con)
    if version == SCHEMA_VERSION:
        return
    if version is not None:
        log.warning("store schema %s is not %s: rebuilding the store", version, SCHEMA_VERSION)
    from zhkg.store.builds import drop_builds

    drop_builds(con, set())
    for name in TABLES:
        con.execute(f"DROP TABLE IF EXISTS main.{name}")  # names come from TABLES, not from input
    for name in SHARED_TABLES:
        con.execute(TABLES[name])
    con.execute("INSERT INTO meta VALUES (?, ?)", ["schema_version", str(SCHEMA_VERSION)])


def create_build_tables(con, schema: str) -> None:
    """Create ``schema`` holding empty :data:`BUILD_TABLES` (``schema`` is a checked name)."""
    con.execute(f"CREATE SCHEMA {schema}")
    for name in BUILD_TABLES:
        con.execute(TABLES[name].replace("CREATE TABLE ", f"CREATE TABLE {schema}.", 1))
