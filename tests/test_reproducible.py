"""The same inputs give byte-identical outputs in any order and for any hash seed.

The store (zhkg.duckdb) and report.json's stage timings are left out (see build_support).
"""

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_support import visible_outputs

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _build(inputs, out, hash_seed):
    env = {**os.environ, "PYTHONHASHSEED": str(hash_seed)}
    done = subprocess.run(
        [sys.executable, "-m", "zhkg.cli", "build", *map(str, inputs), "-o", str(out), "-q"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=900,
    )
    assert done.returncode == 0, done.stderr
    return visible_outputs(out)


@pytest.mark.slow
@pytest.mark.issue(15)
def test_outputs_do_not_depend_on_input_order_or_hash_seed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    shutil.copy(SEEDS[0], folder / "copy-of-first.txt")
    inputs = sorted(folder.iterdir())
    first = _build(inputs, tmp_path / "a", hash_seed=1)
    second = _build(list(reversed(inputs)), tmp_path / "b", hash_seed=2)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    today = dt.date.today().isoformat().encode()
    assert [name for name, data in first.items() if today in data] == []
