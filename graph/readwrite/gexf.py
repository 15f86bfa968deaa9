"""GEXF 1.3 with time, for Gephi's timeline, through networkx's own GEXF writer.

The graph is dynamic (``timeformat="date"``): an edge gets one spell per
dated occurrence (``dates``), or one from ``date`` to ``date_end``; a node
lives from ``first_seen`` to ``last_seen``, widened to cover the spells of its
edges so Gephi never shows an edge whose ends are hidden. Elements without
any date are present at all times.

networkx stamps ``lastmodifieddate`` with today's date; zhkg stamps the latest
date in the data instead, so the same input gives the same file on any day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from graph.readwrite.files import PathOrHandle, reads_file, writes_file
from graph.readwrite.flatten import flatten_graph, xml_safe_ids
from graph.readwrite.style import hex_to_rgb, node_style, relation_color

GEXF_NS = "http://gexf.net/1.3"
VERSION = "1.3"


def _date(value: Any) -> str | None:
    """An ISO date string, or None for empty or unparsable values."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def edge_spells(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The time spells of an edge: each dated occurrence, else its date range."""
    occurrences = sorted({d for d in map(_date, _as_list(data.get("dates"))) if d})
    if occurrences:
        return [(d, d) for d in occurrences]
    start = _date(data.get("date"))
    if start is None:
        return []
    end = _date(data.get("date_end")) or start
    return [(start, end) if end >= start else (end, start)]


def _as_list(value: Any) -> list:
    if isinstance(value, (list, tuple)):
        return list(value)
    return [] if value in (None, "") else [value]


def _edge_spells_and_node_intervals(G: nx.Graph) -> tuple[dict[Any, list[tuple[str, str]]],
                                                            dict[Any, tuple[str, str]]]:
    """Every edge's spells (by ``(u, v, key)``, or ``(u, v)``), and each node's interval.

    A node's interval runs from its first to its last seen date, widened by
    the spells of its edges. One pass over the edges serves both.
    """
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
    spells: dict[Any, list[tuple[str, str]]] = {}
    bounds: dict[Any, tuple[str, str]] = {}

    def widen(node: Any, low: str, high: str) -> None:
        old = bounds.get(node)
        bounds[node] = (low, high) if old is None else (min(old[0], low), max(old[1], high))

    for node, data in G.nodes(data=True):
        dates = [d for d in (_date(data.get("first_seen")), _date(data.get("last_seen"))) if d]
        if dates:
            widen(node, min(dates), max(dates))
    for *ends, data in edges:
        found = edge_spells(data)
        spells[tuple(ends)] = found
        if found:
            low, high = min(start for start, _ in found), max(end for _, end in found)
            widen(ends[0], low, high)
            widen(ends[1], low, high)
    return spells, bounds


def _rgb(color: str) -> dict[str, int]:
    r, g, b = hex_to_rgb(color)
    return {"r": r, "g": g, "b": b}


def gexf_graph(G: nx.Graph, flat: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """The copy of ``G`` that networkx's writer turns into zhkg's GEXF.

    Attributes are flattened to scalars (:func:`flatten_graph`, or ``flat``
    when the caller already has ``G`` flattened); time goes into
    ``start``/``end`` and ``spells``, style into ``viz``.
    """
    G = xml_safe_ids(G)
    H = flatten_graph(G) if flat is None else flat
    out = nx.MultiDiGraph(mode="dynamic", name=str(H.graph.get("name", "zhkg")))
    degree = dict(H.degree())
    spells, intervals = _edge_spells_and_node_intervals(G)
    for node, data in H.nodes(data=True):
        attrs = dict(data)
        if node in intervals:
            attrs.update(start=intervals[node][0], end=intervals[node][1])
        attrs["viz"] = {
            "color": _rgb(node_style(str(data.get("type", ""))).color),
            "size": 5 + 2 * degree[node],
        }
        out.add_node(node, **attrs)
    multi = G.is_multigraph()
    for u, v, key, data in H.edges(keys=True, data=True):
        attrs = dict(data, id=key)
        found = spells[(u, v, key) if multi else (u, v)]
        if found:
            attrs["spells"] = found
        attrs["viz"] = {"color": _rgb(relation_color(str(data.get("relation", ""))))}
        out.add_edge(u, v, key=key, **attrs)
    return out


def _data_date(G: nx.Graph) -> str:
    """The latest date the data holds (node last seen or edge date), for ``lastmodifieddate``."""
    dates: Iterable[str | None] = (
        *(_date(d.get("last_seen")) for _, d in G.nodes(data=True)),
        *(_date(d.get("date_end") or d.get("date")) for *_, d in G.edges(data=True)),
    )
    return max((d for d in dates if d), default="1970-01-01")


@writes_file
def write_gexf(G: nx.Graph, path: PathOrHandle, *, flat: nx.MultiDiGraph | None = None) -> None:
    """Write ``G`` (a :mod:`graph.contract` graph) as dynamic GEXF 1.3 (UTF-8).

    ``flat`` is ``G`` already flattened (:func:`flatten_graph`), when the
    caller has it from writing GraphML.

    Examples
    --------
    >>> import io, networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("PERSON:甲", "PLACE:乙", key="V:a->b", relation="VISITED", date="2024-05-01")
    'V:a->b'
    >>> buf = io.BytesIO(); write_gexf(G, buf)
    >>> b'<spell start="2024-05-01" end="2024-05-01"' in buf.getvalue()
    True
    """
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version=VERSION)
    writer.add_graph(gexf_graph(G, flat))
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.set("lastmodifieddate", _data_date(G))
        meta.find("creator").text = "zhkg"
    writer.write(path)


@reads_file
def read_gexf(path: PathOrHandle) -> nx.MultiDiGraph:
    """Read a GEXF file written by :func:`write_gexf` (networkx's reader, 1.3)."""
    return nx.MultiDiGraph(nx.read_gexf(path, version=VERSION))
