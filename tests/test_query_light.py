"""Loading a graph and running every query must not import spaCy (or any model)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_query_graph import synthetic_graph

graphml = pytest.importorskip("graph.readwrite.graphml")

ROOT = Path(__file__).resolve().parents[1]

EVERY_QUERY = textwrap.dedent(
    """
    import sys
    from graph import query
    kg = query.load(sys.argv[1])
    kg.find("国资委")
    kg.neighbors("祁立衡", relation="VISITED", type="PLACE")
    kg.visits(actor="国务院国资委", since="2023", until="2023-12-31")
    kg.posts(person="祁立衡")
    kg.members("安徽省科技厅")
    kg.initiatives("国务院国资委", include_parts=True)
    kg.path("周启航", "安徽省")
    for by in ("degree", "pagerank", "betweenness"):
        kg.top(type="ORG", by=by)
    kg.subgraph(["祁立衡"], depth=2)
    try:
        kg.find("祁立")
    except query.UnknownEntityError:
        pass
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"spacy", "thinc", "torch", "pipelines"})
    print(",".join(heavy))
    """
)


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120,
    )


def test_loading_and_querying_imports_no_nlp_stack(tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    graphml.write_graphml(synthetic_graph(), path)
    result = _python(EVERY_QUERY, str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_query_cli_help_imports_neither_spacy_nor_networkx() -> None:
    code = (
        "import sys\n"
        "from zhkg.query_cli import app\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {'spacy', 'networkx', 'graph'})))"
    )
    result = _python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


STORE_QUERIES = textwrap.dedent(
    """
    import sys
    from graph import query
    kg = query.load(sys.argv[1])
    assert kg.visits() and kg.posts()
    for by in ("importance", "degree", "pagerank"):
        assert kg.top(type="ORG", by=by)
    print("networkx" in sys.modules)
    """
)


def test_store_queries_answer_without_networkx(tmp_path: Path) -> None:
    from test_query_store import _write_store

    store = tmp_path / "zhkg.duckdb"
    _write_store(store)
    result = _python(STORE_QUERIES, str(store))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
