"""GEXF 1.3 with time, for Gephi's timeline.

networkx writes GEXF 1.1draft and 1.2draft only, so this module writes 1.3
itself with :mod:`xml.etree`. The graph is dynamic (``mode="dynamic"``,
``timeformat="date"``): an edge with a date gets a spell from ``date`` to
``date_end`` (or ``date``); a node lives from ``first_seen`` to ``last_seen``,
widened to cover the spells of its edges so Gephi never shows an edge whose
ends are hidden. Elements without any date are present at all times.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import networkx as nx

from graph.export.files import PathOrHandle, writes_file
from graph.export.flatten import flatten_graph
from graph.export.style import hex_to_rgb, node_style, relation_color

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GEXF_NS} {GEXF_NS}/gexf.xsd"

_GEXF_TYPES = {bool: "boolean", int: "integer", float: "double", str: "string"}
_STRUCTURAL = {"label"}
"""Attributes written as XML attributes of the element, not as attvalues."""


def _date(value: Any) -> str | None:
    """An ISO date string, or None for empty or unparsable values."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _edge_spell(data: dict[str, Any]) -> tuple[str, str] | None:
    start = _date(data.get("date"))
    if start is None:
        return None
    end = _date(data.get("date_end")) or start
    return (start, end) if end >= start else (end, start)


def _node_interval(G: nx.MultiDiGraph, node: str) -> tuple[str | None, str | None]:
    """First and last seen, widened by the spells of the node's edges."""
    data = G.nodes[node]
    dates = [d for d in (_date(data.get("first_seen")), _date(data.get("last_seen"))) if d]
    for _, _, edata in G.edges(node, data=True):
        dates.extend(_edge_spell(edata) or ())
    for _, _, edata in G.in_edges(node, data=True):
        dates.extend(_edge_spell(edata) or ())
    return (min(dates), max(dates)) if dates else (None, None)


def _declare(parent: ET.Element, cls: str, records: list[dict[str, Any]]) -> None:
    """The <attributes> block: one typed attribute per name."""
    block = ET.SubElement(parent, "attributes", {"class": cls, "mode": "static"})
    kinds: dict[str, type] = {}
    for record in records:
        for name, value in record.items():
            if name not in _STRUCTURAL:
                kinds.setdefault(name, type(value))
    for name in sorted(kinds):
        ET.SubElement(
            block, "attribute", {"id": name, "title": name, "type": _GEXF_TYPES[kinds[name]]}
        )


def _attvalues(parent: ET.Element, data: dict[str, Any]) -> None:
    values = ET.SubElement(parent, "attvalues")
    for name in sorted(data):
        if name in _STRUCTURAL:
            continue
        value = data[name]
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        ET.SubElement(values, "attvalue", {"for": name, "value": text})


def _viz_color(parent: ET.Element, color: str) -> None:
    r, g, b = hex_to_rgb(color)
    ET.SubElement(parent, f"{{{VIZ_NS}}}color", {"r": str(r), "g": str(g), "b": str(b)})


def gexf_tree(G: nx.Graph) -> ET.ElementTree:
    """The GEXF 1.3 document for ``G``, as an element tree."""
    H = flatten_graph(G)
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    ET.register_namespace("xsi", XSI_NS)
    root = ET.Element(
        f"{{{GEXF_NS}}}gexf", {"version": "1.3", f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION}
    )
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": dt.date.today().isoformat()})
    ET.SubElement(meta, "creator").text = "zhkg"
    ET.SubElement(meta, "description").text = str(H.graph.get("name", "zhkg"))
    graph = ET.SubElement(
        root,
        "graph",
        {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"},
    )
    _declare(graph, "node", [data for _, data in H.nodes(data=True)])
    _declare(graph, "edge", [data for _, _, data in H.edges(data=True)])
    degree = dict(H.degree())
    nodes = ET.SubElement(graph, "nodes")
    for node, data in H.nodes(data=True):
        element = ET.SubElement(nodes, "node", {"id": node, "label": str(data["label"])})
        start, end = _node_interval(H, node)
        if start:
            element.set("start", start)
            element.set("end", end)
        _attvalues(element, data)
        _viz_color(element, node_style(str(data.get("type", ""))).color)
        ET.SubElement(element, f"{{{VIZ_NS}}}size", {"value": str(5 + 2 * degree[node])})
    edges = ET.SubElement(graph, "edges")
    for u, v, key, data in H.edges(keys=True, data=True):
        relation = str(data.get("relation", ""))
        attrs = {"id": key, "source": u, "target": v, "label": str(data["label"])}
        if relation:
            attrs["kind"] = relation
        if isinstance(data.get("weight"), (int, float)) and data["weight"] > 0:
            attrs["weight"] = str(data["weight"])
        element = ET.SubElement(edges, "edge", attrs)
        _attvalues(element, data)
        spell = _edge_spell(data)
        if spell:
            spells = ET.SubElement(element, "spells")
            ET.SubElement(spells, "spell", {"start": spell[0], "end": spell[1]})
        _viz_color(element, relation_color(relation))
    _qualify(root)
    return ET.ElementTree(root)


def _qualify(root: ET.Element) -> None:
    """Put un-namespaced elements in the GEXF namespace (the default one)."""
    for element in root.iter():
        if not element.tag.startswith("{"):
            element.tag = f"{{{GEXF_NS}}}{element.tag}"


@writes_file
def write_gexf(G: nx.Graph, path: PathOrHandle) -> None:
    """Write ``G`` (a :mod:`graph.contract` graph) as dynamic GEXF 1.3 (UTF-8).

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
    tree = gexf_tree(G)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
