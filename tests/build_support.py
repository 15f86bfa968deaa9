"""What a reader of a build's output directory sees, for comparing two builds."""

from pathlib import Path

NOT_COMPARED = ("zhkg.duckdb", "zhkg.duckdb.wal")
"""The store and its write-ahead log (left beside it when a build is killed mid-transaction):
database files whose bytes depend on their write history, not exports."""


def visible_outputs(out: Path) -> dict[str, bytes]:
    """Every readable export in ``out`` by name, as bytes."""
    seen = {}
    for entry in sorted(out.iterdir()):
        if entry.name.startswith(".") or entry.name in NOT_COMPARED:
            continue
        try:
            data = entry.read_bytes()
        except FileNotFoundError:
            continue
        seen[entry.name] = data
    return seen
