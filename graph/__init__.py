"""zhkg's graph side: :mod:`graph.records` in, ``networkx`` graph out.

Building and cross-document resolution (:mod:`graph.build`), exports
(:mod:`graph.export`) and queries (:mod:`graph.query`). Nothing here imports
spaCy, so query scripts start fast.
"""

from graph.build import build_graph, graph_summary
from graph.resolve import Resolution, resolve_entities

__all__ = ["build_graph", "graph_summary", "resolve_entities", "Resolution"]
