"""The Examples sections of the query API docstrings, and of the JSON text it shares
with the exports, run as doctests."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "graph.query",
    "graph.query.knowledge_graph",
    "graph.query.names",
    "graph.ranking",
    "graph.readwrite.read",
    "graph.readwrite.nodelink",
    "zhkg.json_text",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
