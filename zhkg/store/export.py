"""Products of the store for other tools: ``zhkg export records``.

``records.jsonl`` holds one extracted record per line (the
:class:`zhkg.records.DocResult` of each document of the last build, in
document id order), for scripts that work on records without the graph.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def open_read_only(path: str | os.PathLike[str]):
    """A read-only connection to an existing store, reading the build its output folder shows.

    Raises
    ------
    StoreError
        The file is missing, held by a running build, or not a zhkg store.
    """
    import duckdb

    from zhkg.errors import StoreError
    from zhkg.store.builds import current_build, use_build
    from zhkg.store.schema import SCHEMA_VERSION, stored_version

    file = Path(path)
    if not file.is_file():
        raise StoreError(file, "no such file; run `zhkg build` first")
    try:
        con = duckdb.connect(str(file), read_only=True)
    except duckdb.Error as error:
        raise StoreError(file, str(error).splitlines()[0]) from None
    if stored_version(con) != SCHEMA_VERSION:
        con.close()
        raise StoreError(file, f"it is not a zhkg store of schema {SCHEMA_VERSION}; run `zhkg build` again")
    build = current_build(con, file)
    if build is None:
        con.close()
        raise StoreError(file, "it holds no published build yet; run `zhkg build` to finish it")
    use_build(con, build)
    return con


def export_records(store: str | os.PathLike[str], output: str | os.PathLike[str]) -> int:
    """Write the last build's records as JSON lines to ``output``; returns how many.

    Raises
    ------
    StoreError
        When the store cannot be opened.
    OutputError
        When ``output`` cannot be written.
    """
    from zhkg.errors import OutputError
    from zhkg.store.store import input_records

    con = open_read_only(store)
    target = Path(output)
    count = 0
    try:
        with open(target, "w", encoding="utf-8") as handle:
            for record in input_records(con):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    except OSError as error:
        raise OutputError(target.parent, error.strerror or str(error)) from None
    finally:
        con.close()
    return count


def export_graph(store: str | os.PathLike[str], outdir: str | os.PathLike[str], **options) -> dict[str, list[Path]]:
    """Write the export files of the store's graph into ``outdir``, with no extraction or resolution.

    ``options`` are those of :class:`zhkg.job.BuildOptions` that concern the
    files (``formats``, ``max_nodes``, ``html_max_entities``,
    ``cooccurs_min``), so a second set of files, with other limits, costs
    only the writing. The files switch over as a set, as a build's do.

    Raises
    ------
    StoreError
        When the store cannot be opened.
    OutputError, OutputLockedError
        When ``outdir`` cannot be written or a build holds it.
    """
    from zhkg.job import BuildOptions, write_exports
    from zhkg.outdir import open_output
    from zhkg.store.builds import build_in_use
    from zhkg.store.graph_rows import read_graph
    from zhkg.store.store import input_records

    con = open_read_only(store)
    try:
        source = build_in_use(con)
        graph = read_graph(con)
        documents = {r["doc_id"]: {"title": r.get("title", ""), "date": r.get("date"), "url": r.get("url", "")}
                     for r in input_records(con)}
    finally:
        con.close()
    with open_output(outdir, graph_of=source) as output:
        written = write_exports(graph, output.staging, BuildOptions(**options), documents)
        published = output.commit()
    return {fmt: [published[path] for path in paths] for fmt, paths in written.items()}
