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
    """A read-only connection to an existing store.

    Raises
    ------
    StoreError
        The file is missing, held by a running build, or not a zhkg store.
    """
    import duckdb

    from zhkg.errors import StoreError
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
