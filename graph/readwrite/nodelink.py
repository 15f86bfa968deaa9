"""networkx node-link JSON: the whole graph, lists and evidence as they are.

JSON holds lists and dicts, so nothing is flattened; the file reads back into
the same contract graph, multigraph keys included (``key`` on each edge).
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from graph.readwrite.files import PathOrHandle, reads_file, writes_file
from zhkg.json_text import json_list, json_text

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
    path.write(node_link_text(nx.node_link_data(G, edges=EDGES_FIELD)).encode("utf-8"))


def node_link_text(data: dict[str, Any]) -> str:
    """``data`` (node-link data) as JSON text with one node or edge a line (:mod:`zhkg.json_text`).

    Examples
    --------
    >>> print(node_link_text({"directed": True, "nodes": [{"id": "甲"}, {"id": "乙"}], "edges": []}))
    {
    "directed": true,
    "nodes": [
    {"id": "甲"},
    {"id": "乙"}
    ],
    "edges": []
    }
    """
    fields = [f"{json_text(name)}: {json_list(value) if isinstance(value, list) else json_text(value)}"
              for name, value in data.items()]
    return "{\n" + ",\n".join(fields) + "\n}"


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
