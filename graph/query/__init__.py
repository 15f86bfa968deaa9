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
from zhkg.errors import GraphFileError, InvalidQueryError, QueryError, UnknownEntityError


STORE_SUFFIX = ".duckdb"
STORE_NAME = "zhkg.duckdb"


def load(path: str | Path) -> KnowledgeGraph:
    """Open a build's store, or read a graph file, for querying.

    A store (a ``.duckdb`` file, or an output directory holding
    ``zhkg.duckdb``) is queried in place with SQL
    (:class:`~graph.query.store_backend.StoreKnowledgeGraph`, same API); a
    ``.graphml`` or ``.json`` file is read into memory whole.

    Raises
    ------
    GraphNotFoundError
        The file does not exist (run ``zhkg build`` first).
    GraphFileError
        The suffix is not one zhkg writes, or the file is malformed.
    """
    file = Path(path)
    if file.is_dir():
        file = file / STORE_NAME
    if file.suffix.lower() == STORE_SUFFIX:
        from graph.query.store_backend import StoreKnowledgeGraph

        return StoreKnowledgeGraph(file)
    from graph.readwrite.read import read_graph  # networkx and the exporters: only for graph files

    return KnowledgeGraph(read_graph(file))


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
