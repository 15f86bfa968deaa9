"""Query a zhkg graph: who visited where, who holds which post, who pushes what.

Examples
--------
>>> from graph.query import load
>>> kg = load("out/graph.graphml")                         # doctest: +SKIP
>>> [(p.person, p.title) for p in kg.posts(org="湖北省教育厅")]  # doctest: +SKIP
[('王建国', '党组书记|厅长'), ...]

Nothing here imports spaCy: loading a graph and querying it is cheap.
"""

from __future__ import annotations

from pathlib import Path

from graph.load import GraphFileError, load_graph
from graph.query.errors import InvalidQueryError, QueryError, UnknownEntityError
from graph.query.knowledge_graph import KnowledgeGraph
from graph.query.ranking import Ranking
from graph.query.results import (
    Evidence,
    Initiative,
    Match,
    Member,
    Neighbor,
    PathStep,
    Post,
    Ranked,
    Visit,
    to_dict,
)


def load(path: str | Path) -> KnowledgeGraph:
    """Read a graph file (``.graphml`` or ``.json``) and wrap it for querying.

    Raises
    ------
    FileNotFoundError
        The file does not exist (run ``zhkg build`` first).
    GraphFileError
        The suffix is not ``.graphml`` or ``.json``, or the file is malformed.
    """
    return KnowledgeGraph(load_graph(path))


__all__ = [
    "Evidence",
    "GraphFileError",
    "Initiative",
    "InvalidQueryError",
    "KnowledgeGraph",
    "Match",
    "Member",
    "Neighbor",
    "PathStep",
    "Post",
    "QueryError",
    "Ranked",
    "Ranking",
    "UnknownEntityError",
    "Visit",
    "load",
    "to_dict",
]
