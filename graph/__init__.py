"""zhkg's graph side: :mod:`zhkg.records` in, ``networkx`` graph out.

Building and cross-document resolution (:mod:`graph.build`,
:mod:`graph.resolve`), rankings (:mod:`graph.ranking`), files
(:mod:`graph.readwrite`) and queries (:mod:`graph.query`). Nothing here
imports spaCy, so query scripts start fast; the names below are imported on
first use, so ``import graph.query`` does not pay for building code.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "build_graph": "graph.build",
    "graph_summary": "graph.build",
    "resolve_entities": "graph.resolve",
    "Resolution": "graph.resolve",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
