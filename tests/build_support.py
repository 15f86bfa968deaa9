"""What a reader of a build's output directory sees, for comparing two builds."""

import json
from pathlib import Path

NOT_COMPARED = ("zhkg.duckdb",)
"""The store: a database file whose bytes depend on its write history, not an export."""
REPORT = "report.json"
TIMINGS = "stage_seconds"
"""The one part of report.json that measures the run rather than describes its inputs."""


def visible_outputs(out: Path) -> dict[str, bytes]:
    """Every readable export in ``out`` by name, ``report.json`` without its stage timings."""
    seen = {}
    for entry in sorted(out.iterdir()):
        if entry.name.startswith(".") or entry.name in NOT_COMPARED:
            continue
        try:
            data = entry.read_bytes()
        except FileNotFoundError:
            continue
        if entry.name == REPORT:
            report = json.loads(data)
            report.pop(TIMINGS, None)
            data = json.dumps(report, ensure_ascii=False, sort_keys=True).encode()
        seen[entry.name] = data
    return seen
