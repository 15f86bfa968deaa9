"""A worker moves its loaded pipeline out of the cyclic garbage collector's reach."""

from __future__ import annotations

import subprocess
import sys

_LOAD = (
    "import gc\n"
    "from pipelines.workers import worker_pipeline\n"
    "before = gc.get_freeze_count()\n"
    "worker_pipeline()\n"
    "print(before, gc.get_freeze_count())\n"
)


def test_the_loaded_pipeline_is_frozen():
    loaded = subprocess.run([sys.executable, "-c", _LOAD], capture_output=True, text=True, timeout=300, check=True)
    before, after = map(int, loaded.stdout.split())
    assert before == 0 and after > 100_000
