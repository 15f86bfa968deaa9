"""Flatten the in-memory graph to scalar attributes, and restore it.

GraphML, GEXF and CSV hold only scalars, and Gephi wants one type per
attribute. :func:`flatten_graph` turns the contract graph
(:mod:`graph.contract`) into such a graph: lists joined with ``|``, evidence as
a JSON string, ``None`` dropped (``""`` where the attribute is a string), one
type per attribute name, a ``label`` on every node and edge, a unique string
key on every edge, and no character that XML forbids (:func:`xml_safe`).
:func:`restore_graph` undoes it for the contract's attributes, so a file read
back is the graph that was written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, MutableMapping
from typing import Any

import networkx as nx

from graph.contract import LIST_EDGE_ATTRS, LIST_NODE_ATTRS, edge_id

LIST_SEPARATOR = "|"
JSON_ATTRS: tuple[str, ...] = ("evidence", "terms")
"""Attributes holding lists of dicts: written as JSON strings, parsed back."""
DATE_ATTRS: tuple[str, ...] = ("first_seen", "last_seen", "date", "date_end", "first_date", "last_date")
"""Optional ISO dates: ``None`` in memory, ``""`` in flat files."""
BOOL_ATTRS: tuple[str, ...] = ("led",)
INT_ATTRS: tuple[str, ...] = ("mentions", "doc_count", "sentences", "evidence_count", "year")
FLOAT_ATTRS: tuple[str, ...] = ("weight",)

Scalar = str | int | float | bool
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
NX_GRAPHML_DEFAULTS: tuple[str, ...] = ("node_default", "edge_default")
"""Graph attributes networkx's GraphML reader adds and its writer reads as
dicts of key defaults: not data, so never flattened and dropped on read."""


def flatten_value(value: Any) -> Scalar | None:
    """One attribute value as a scalar: lists of strings joined with ``|``,
    lists of dicts and dicts as JSON, ``None`` kept for the caller to decide."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, dict) or _holds_mappings(value):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return LIST_SEPARATOR.join(str(item) for item in items)
    return str(value)


def _holds_mappings(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and any(isinstance(v, dict) for v in value)


def unified_type(values: Iterable[Scalar]) -> type:
    """The one type that every value of an attribute can take without loss
    of meaning: bool, int, float, else str (also when there is no value)."""
    kinds = {type(v) for v in values}
    if not kinds:
        return str
    if kinds <= {bool}:
        return bool
    if kinds <= {int}:
        return int
    if kinds <= {int, float}:
        return float
    return str


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD.

    GraphML and GEXF writers either refuse such characters (lxml, after all
    the processing) or write a file no reader accepts (ElementTree). Ingest
    already removes them; this keeps a graph from any source writable.
    """
    return _XML_FORBIDDEN.sub("\ufffd", text)


def _xml_unsafe(value: Any) -> bool:
    return isinstance(value, str) and _XML_FORBIDDEN.search(value) is not None


def xml_safe_ids(G: nx.Graph) -> nx.Graph:
    """``G`` itself, or a copy whose node ids and edge keys pass :func:`xml_safe`.

    For writers that look attributes up in the original graph by the ids they
    write; the copy is only made when some id needs it.
    """
    keyed = G.is_multigraph()
    edges = G.edges(keys=True) if keyed else ()
    if not any(map(_xml_unsafe, G)) and not any(_xml_unsafe(k) for *_, k in edges):
        return G

    def fix(value: Any) -> Any:
        return xml_safe(value) if _xml_unsafe(value) else value

    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((fix(n), data) for n, data in G.nodes(data=True))
    if keyed:
        H.add_edges_from((fix(u), fix(v), fix(k), d) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        H.add_edges_from((fix(u), fix(v), d) for u, v, d in G.edges(data=True))
    return H


def _coerce(value: Scalar, kind: type) -> Scalar:
    if kind is str:
        if isinstance(value, bool):
            return "true" if value else "false"
        return xml_safe(str(value))
    return kind(value)


def _flatten_records(records: list[MutableMapping[str, Any]]) -> list[dict[str, Scalar]]:
    """Flatten the attribute dicts of all nodes (or all edges) together, so
    that one attribute name has one type across the file."""
    flat = [{k: flatten_value(v) for k, v in record.items()} for record in records]
    names = {name for record in flat for name in record}
    kinds = {
        name: unified_type(r[name] for r in flat if r.get(name) is not None)
        for name in names
    }
    out: list[dict[str, Scalar]] = []
    for record in flat:
        clean: dict[str, Scalar] = {}
        for name, value in record.items():
            if value is not None:
                clean[name] = _coerce(value, kinds[name])
            elif kinds[name] is str:
                clean[name] = ""
        out.append(clean)
    return out


def _unique_keys(G: nx.MultiDiGraph) -> Iterator[str]:
    """A unique string id per edge: the multigraph key when it is already a
    unique string (the contract's ``edge_id``), else one derived from it."""
    seen: set[str] = set()
    for u, v, key, data in G.edges(keys=True, data=True):
        if isinstance(key, str) and key:
            candidate = key
        else:
            candidate = edge_id(str(data.get("relation", "EDGE")), str(u), str(v))
        unique, n = candidate, 1
        while unique in seen:
            n += 1
            unique = f"{candidate}#{n}"
        seen.add(unique)
        yield unique


def flatten_graph(G: nx.Graph) -> nx.MultiDiGraph:
    """A copy of ``G`` with scalar, consistently typed attributes.

    Parameters
    ----------
    G : networkx graph following :mod:`graph.contract` (any networkx graph works;
        a non-multigraph gets keys made up from its edges)

    Returns
    -------
    networkx.MultiDiGraph
        String node ids, unique string edge keys, ``label`` on every node and
        edge, no ``None`` and no list anywhere.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("PERSON:王某", label="王某", aliases=["王"], first_seen=None)
    >>> flatten_graph(G).nodes["PERSON:王某"]
    {'label': '王某', 'aliases': '王', 'first_seen': ''}
    """
    H = nx.MultiDiGraph()
    H.graph.update(
        {
            xml_safe(str(k)): _coerce(flatten_value(v), type(flatten_value(v)))
            for k, v in G.graph.items()
            if k not in NX_GRAPHML_DEFAULTS and flatten_value(v) is not None
        }
    )
    nodes = list(G.nodes(data=True))
    node_attrs = _flatten_records(
        [{**data, "label": str(data.get("label") or n)} for n, data in nodes]
    )
    for (n, _), attrs in zip(nodes, node_attrs):
        H.add_node(xml_safe(str(n)), **attrs)
    multi = _as_multi(G)
    edges = list(multi.edges(data=True))
    keys = list(_unique_keys(multi))
    edge_attrs = _flatten_records(
        [{**data, "label": str(data.get("label") or data.get("relation") or key)}
         for (_, _, data), key in zip(edges, keys)]
    )
    for (u, v, _), key, attrs in zip(edges, keys, edge_attrs):
        H.add_edge(xml_safe(str(u)), xml_safe(str(v)), key=xml_safe(key), **attrs)
    return H


def _as_multi(G: nx.Graph) -> nx.MultiDiGraph:
    return G if isinstance(G, nx.MultiDiGraph) else nx.MultiDiGraph(G)


def restore_attrs(attrs: MutableMapping[str, Any], list_attrs: Iterable[str]) -> None:
    """Turn flat values back into the contract's types, in place."""
    for name in list_attrs:
        value = attrs.get(name)
        if not isinstance(value, str):
            continue
        if name in JSON_ATTRS:
            attrs[name] = json.loads(value) if value else []
        else:
            attrs[name] = value.split(LIST_SEPARATOR) if value else []
    for name in DATE_ATTRS:
        if attrs.get(name) == "":
            attrs[name] = None
    for name in BOOL_ATTRS:
        if isinstance(attrs.get(name), str):
            attrs[name] = attrs[name].lower() == "true"
    for name in INT_ATTRS:
        if isinstance(attrs.get(name), (str, float)) and attrs[name] != "":
            attrs[name] = int(attrs[name])
    for name in FLOAT_ATTRS:
        if isinstance(attrs.get(name), (str, int)) and attrs[name] != "":
            attrs[name] = float(attrs[name])


def restore_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Restore the contract's attribute types on a graph read from a flat
    file, in place: lists split on ``|``, evidence parsed from JSON, ``""``
    dates back to ``None``, booleans and counts typed. Returns ``G``."""
    for name in NX_GRAPHML_DEFAULTS:
        G.graph.pop(name, None)
    for _, data in G.nodes(data=True):
        restore_attrs(data, LIST_NODE_ATTRS)
    for _, _, data in G.edges(data=True):
        restore_attrs(data, LIST_EDGE_ATTRS)
    return G
