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

from graph.query.knowledge_graph import KnowledgeGraph
from graph.ranking import Ranking
from graph.query.results import (
    CareerPost,
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
from graph.readwrite.read import read_graph
from zhkg.errors import GraphFileError, InvalidQueryError, QueryError, UnknownEntityError


def load(path: str | Path) -> KnowledgeGraph:
    """Read a graph file (``.graphml`` or ``.json``) and wrap it for querying.

    Raises
    ------
    GraphNotFoundError
        The file does not exist (run ``zhkg build`` first).
    GraphFileError
        The suffix is not ``.graphml`` or ``.json``, or the file is malformed.
    """
    return KnowledgeGraph(read_graph(path))


__all__ = [
    "CareerPost",
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
