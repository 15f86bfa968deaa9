"""Read a graph file written by ``zhkg build`` back into the in-memory contract.

The format follows the file suffix. The readers live next to their writers in
this package and restore what the flat formats lose (lists, evidence dicts,
value types), so queries see the same graph ``graph.build`` made.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import networkx as nx

from zhkg.errors import GraphFileError, GraphNotFoundError

READERS: dict[str, tuple[str, str]] = {
    ".graphml": ("graph.readwrite.graphml", "read_graphml"),
    ".json": ("graph.readwrite.nodelink", "read_json"),
}


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """Read a zhkg GraphML or JSON (node-link) file.

    Parameters
    ----------
    path : str or Path
        A ``.graphml`` or ``.json`` file written by ``zhkg build``.

    Raises
    ------
    GraphNotFoundError
        The file does not exist.
    GraphFileError
        The suffix is not one zhkg writes, or the file cannot be parsed.
    """
    file = Path(path)
    reader = READERS.get(file.suffix.lower())
    if reader is None:
        known = " or ".join(sorted(READERS))
        raise GraphFileError(f"cannot read '{file}': unknown format '{file.suffix}'; use a {known} file")
    if not file.is_file():
        raise GraphNotFoundError(
            f"graph file not found: '{file}'. Run `zhkg build` first, or pass --graph PATH."
        )
    module, function = reader
    read = getattr(importlib.import_module(module), function)
    try:
        return read(file)
    except (nx.NetworkXError, ValueError, SyntaxError) as error:
        raise GraphFileError(
            f"cannot read graph '{file}': {error}. Is it a file written by `zhkg build`?"
        ) from error
