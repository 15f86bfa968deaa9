"""What a reader of a build's output directory sees, for comparing two builds."""

from pathlib import Path

NOT_COMPARED = ("zhkg.duckdb",)
"""The store: a database file whose bytes depend on its write history, not an export."""


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
