"""Real disk errors, no root needed: a file size limit (EFBIG) and /dev/full (ENOSPC).

Each ends in the one-line output error E003, with no traceback and no partial output.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from build_support import visible_outputs
from graph_records_support import make_doc

from graph.build import build_graph
from zhkg.records import ORG, PERSON, PLACE, Relation
from zhkg.store import STORE_NAME, InputDocument, Store, StoredRecord

ROOT = Path(__file__).resolve().parents[1]
FILE_SIZE_LIMIT = 64 * 1024
"""Smaller than the HTML page (its script alone is larger), larger than the JSON files."""


@pytest.fixture
def store(tmp_path):
    doc = make_doc("d1", "张某任某某局局长。", "张某赴武汉调研。",
                   mentions=[("张某", PERSON, 0), ("某某局", ORG, 0), ("张某", PERSON, 1), ("武汉", PLACE, 1)],
                   relations=[Relation("VISITED", "张某", PERSON, "武汉", PLACE, sent=1)])
    path = tmp_path / "store" / STORE_NAME
    path.parent.mkdir()
    with Store(path) as db:
        db.set_inputs([InputDocument("h1", doc.doc_id, "a.txt")])
        db.add_records("fp", [StoredRecord("h1", doc.doc_id, len(doc.text), json.dumps(doc.to_dict()))])
        db.set_fingerprint("fp")
        db.write_graph(build_graph([doc]), {})
    return path


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))


def _zhkg(*args: str, limit: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhkg.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, preexec_fn=_limit_file_size if limit else None,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def _one_coded_line(done: subprocess.CompletedProcess, code: str, reason: str) -> None:
    assert done.returncode != 0
    (line,) = done.stderr.strip().splitlines()
    assert f"[{code}]" in line and reason in line


@pytest.mark.issue(15)
def test_a_file_over_the_size_limit_is_the_output_error_and_keeps_the_old_files(store, tmp_path):
    out = tmp_path / "out"
    assert _zhkg("export", "graph", "--store", str(store), "-o", str(out), "-f", "json").returncode == 0
    before = visible_outputs(out)
    done = _zhkg("export", "graph", "--store", str(store), "-o", str(out), "-f", "json", "-f", "html",
                 limit=True)
    _one_coded_line(done, "E003", os.strerror(27))  # EFBIG: "File too large"
    assert visible_outputs(out) == before


@pytest.mark.issue(15)
def test_a_full_device_is_the_output_error(store):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    done = _zhkg("export", "records", "--store", str(store), "-o", "/dev/full")
    _one_coded_line(done, "E003", os.strerror(28))  # ENOSPC: "No space left on device"


@pytest.mark.slow
@pytest.mark.issue(15)
def test_a_build_whose_store_hits_the_size_limit_is_the_output_error(tmp_path):
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    done = _zhkg("build", str(seed), "-o", str(tmp_path / "out"), "-q", "--workers", "1", limit=True)
    if "[E001]" in done.stderr:  # the model is not installed
        pytest.skip(done.stderr.strip())
    _one_coded_line(done, "E003", os.strerror(27))
    assert not (tmp_path / "out" / "graph.json").exists()
