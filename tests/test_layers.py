"""The layers import downwards only: the schema is a leaf, queries never load spaCy."""

from __future__ import annotations

import subprocess
import sys

import pytest


def modules_after_import(statement: str) -> set[str]:
    """The top-level packages loaded by ``statement`` in a fresh interpreter."""
    code = f"import sys; {statement}; print('\\n'.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize(
    "statement, forbidden",
    [
        ("import zhkg.records", {"networkx", "spacy", "graph", "pipelines", "ingest"}),
        ("import zhkg.errors", {"networkx", "spacy", "graph", "pipelines", "ingest"}),
        ("import graph.query", {"spacy", "thinc", "pipelines"}),
        ("import graph.readwrite", {"spacy", "thinc", "pipelines"}),
        ("import graph.build, graph.resolve, graph.merge_rules", {"spacy", "thinc", "pipelines"}),
        ("import zhkg.store, zhkg.outdir", {"spacy", "thinc"}),
        ("import ingest", {"spacy", "thinc", "networkx", "graph"}),
        ("import pipelines.lexicons", {"spacy", "thinc", "networkx", "graph"}),
    ],
)
def test_import_does_not_load_other_layers(statement: str, forbidden: set[str]) -> None:
    assert modules_after_import(statement) & forbidden == set()


def test_importing_graph_does_not_load_its_builders() -> None:
    code = "import sys, graph; print('graph.build' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
