"""GraphML for Gephi, yEd and networkx.

GraphML holds typed scalars only, so the graph is flattened first
(:mod:`graph.readwrite.flatten`); :func:`read_graphml` restores the in-memory
contract. Edge ids are the multigraph keys, unique across the file, which
Gephi needs to keep parallel edges apart.
"""

from __future__ import annotations

import networkx as nx

from graph.readwrite.files import PathOrHandle, reads_file, writes_file
from graph.readwrite.flatten import flatten_graph, restore_graph


@writes_file
def write_graphml(G: nx.Graph, path: PathOrHandle, *, flat: nx.MultiDiGraph | None = None) -> None:
    """Write ``G`` (a :mod:`graph.contract` graph) as GraphML (UTF-8).

    ``flat`` is ``G`` already flattened (:func:`flatten_graph`), when the
    caller has it for GEXF too.

    Examples
    --------
    >>> import io, networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("PLACE:武汉", "PLACE:湖北", key="LOCATED_IN:a->b", relation="LOCATED_IN")
    'LOCATED_IN:a->b'
    >>> buf = io.BytesIO(); write_graphml(G, buf)
    >>> b'id="LOCATED_IN:a-&gt;b"' in buf.getvalue()
    True
    """
    H = flatten_graph(G) if flat is None else flat
    nx.write_graphml(H, path, encoding="utf-8", infer_numeric_types=False)


@reads_file
def read_graphml(path: PathOrHandle) -> nx.MultiDiGraph:
    """Read a file written by :func:`write_graphml` back into the contract graph.

    Returns
    -------
    networkx.MultiDiGraph
        Edge keys are the GraphML edge ids; lists, evidence, dates and
        booleans have their in-memory types again.

    Raises
    ------
    networkx.NetworkXError
        When the file is not GraphML.
    """
    G = nx.read_graphml(path, force_multigraph=True)
    return restore_graph(nx.MultiDiGraph(G))
