"""networkx node-link JSON: the whole graph, lists and evidence as they are.

JSON holds lists and dicts, so nothing is flattened; the file reads back into
the same contract graph, multigraph keys included (``key`` on each edge).
"""

from __future__ import annotations

import json

import networkx as nx

from graph.readwrite.files import PathOrHandle, reads_file, writes_file

EDGES_FIELD = "edges"


@writes_file
def write_json(G: nx.Graph, path: PathOrHandle) -> None:
    """Write ``G`` (a :mod:`graph.contract` graph) as node-link JSON (UTF-8, Chinese kept literal).

    Examples
    --------
    >>> import io, networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("ORG:某厅", label="某厅")
    >>> buf = io.BytesIO(); write_json(G, buf)
    >>> json.loads(buf.getvalue())["nodes"]
    [{'label': '某厅', 'id': 'ORG:某厅'}]
    """
    data = nx.node_link_data(G, edges=EDGES_FIELD)
    path.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


@reads_file
def read_json(path: PathOrHandle) -> nx.MultiDiGraph:
    """Read a file written by :func:`write_json`.

    Raises
    ------
    ValueError
        When the file is not JSON (``json.JSONDecodeError``).
    networkx.NetworkXError
        When the JSON is not node-link data.
    """
    data = json.loads(path.read().decode("utf-8"))
    if not isinstance(data, dict) or "nodes" not in data:
        raise nx.NetworkXError(
            "not networkx node-link data: expected an object with 'nodes' and "
            f"'{EDGES_FIELD}'; write it with graph.readwrite.write_json"
        )
    G = nx.node_link_graph(data, directed=True, multigraph=True, edges=EDGES_FIELD)
    return nx.MultiDiGraph(G)
