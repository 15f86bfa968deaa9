"""One self-contained, offline HTML page for the graph (vis-network).

pyvis assembles the vis-network node and edge objects; the page comes from our
own template (``templates/graph.html``) because pyvis's template links
Bootstrap and other assets from CDNs even with ``cdn_resources="in_line"``.
The vis-network JavaScript and CSS that pyvis ships are inlined, so the file
opens from disk with no network at all.

Article text is untrusted. The graph data goes into a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped
as ``\\u003c`` etc., so no sentence can close the block; tooltips are plain
strings, which vis-network 9 shows with ``innerText``; the template builds
every other element with ``textContent``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from importlib import resources
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup

from graph.readwrite.files import PathOrHandle, writes_file
from graph.readwrite.style import FONT_STACK, node_style, relation_color
from graph.readwrite.subgraph import subgraph_top
from zhkg.records import CO_OCCURS, ENTITY_TYPES, RELATION_TYPES

VIS_DIR = "templates/lib/vis-9.1.2"
"""Where pyvis keeps the vis-network build it ships."""
TEMPLATE = "graph.html"
MAX_EVIDENCE = 5
MAX_SENTENCE_CHARS = 240
MAX_ITERATIONS, MIN_ITERATIONS = 400, 50
STABILIZATION_BUDGET = 120_000
"""Node-steps of physics before the layout is frozen: iterations shrink with size."""
IMPROVED_LAYOUT_MAX_NODES = 100
SMOOTH_EDGES_MAX = 1000
RELATIONS_OFF: frozenset[str] = frozenset({CO_OCCURS})
"""Relations whose checkbox starts unticked: too many edges to read at first.
Their edges are hidden, not removed, so they still pull related nodes together."""

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element whatever its strings hold.

    Examples
    --------
    >>> script_json({"s": "</script><b>&"})
    '{"s": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    for char, escape in _JSON_ESCAPES.items():
        text = text.replace(char, escape)
    return text


def _vis_assets() -> tuple[str, str]:
    """The vis-network JS and CSS shipped with pyvis, ready to inline."""
    try:
        base = resources.files("pyvis") / VIS_DIR
        js = (base / "vis-network.min.js").read_text(encoding="utf-8")
        css = (base / "vis-network.css").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        raise ImportError(
            "the HTML export needs vis-network from pyvis 0.3 "
            f"(pyvis/{VIS_DIR}); install it with: pip install 'pyvis>=0.3,<0.4'"
        ) from None
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def _clip(text: str, limit: int = MAX_SENTENCE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _join(values: Any) -> str:
    if isinstance(values, (list, tuple)):
        return "、".join(str(v) for v in values)
    return "" if values is None else str(values)


def node_tooltip(data: dict[str, Any]) -> str:
    """Plain-text tooltip: type, titles, aliases and counts."""
    lines = [str(data.get("label", "")), f"类型 type: {data.get('type', '')}"]
    if data.get("titles"):
        lines.append(f"职务 titles: {_join(data['titles'])}")
    if data.get("aliases"):
        lines.append(f"别名 aliases: {_join(data['aliases'])}")
    mentions, docs = data.get("mentions", 0), data.get("doc_count", 0)
    lines.append(f"提及 mentions: {mentions} · 文档 documents: {docs}")
    if data.get("first_seen"):
        last = data.get("last_seen") or ""
        lines.append(f"首见 first seen: {data['first_seen']} · 末见 last seen: {last}")
    return "\n".join(lines)


def edge_tooltip(data: dict[str, Any], head: str, tail: str) -> str:
    """Plain-text tooltip: relation, title and up to five evidence sentences."""
    lines = [f"{head} → {tail}", f"关系 relation: {data.get('relation', '')}"]
    if data.get("title"):
        lines.append(f"职务 title: {data['title']}")
    if data.get("purpose"):
        lines.append(f"目的 purpose: {data['purpose']}")
    if data.get("date"):
        end = data.get("date_end")
        span = f" – {end}" if end and end != data["date"] else ""
        lines.append(f"日期 date: {data['date']}{span}")
    evidence = data.get("evidence") or []
    if evidence:
        lines.append(f"证据 evidence ({len(evidence)}):")
    for item in evidence[:MAX_EVIDENCE]:
        source = " ".join(str(item.get(k)) for k in ("doc", "date") if item.get(k))
        lines.append(f"· [{source}] {_clip(str(item.get('sentence', '')))}")
    if len(evidence) > MAX_EVIDENCE:
        lines.append(f"… 另有 {len(evidence) - MAX_EVIDENCE} 条 more")
    return "\n".join(lines)


def vis_nodes(G: nx.MultiDiGraph, degree: dict[Any, int]) -> list[dict[str, Any]]:
    """vis-network node objects, built with pyvis's Node."""
    from pyvis.node import Node

    nodes = []
    for node, data in G.nodes(data=True):
        entity_type = str(data.get("type", ""))
        style = node_style(entity_type)
        options = Node(
            str(node),
            style.shape,
            label=str(data.get("label") or node),
            color=style.color,
            title=node_tooltip(data),
            value=max(degree.get(node, 0), 1),
            type=entity_type,
            aliases=[str(a) for a in data.get("aliases") or []],
        ).options
        if style.shape == "box":
            options["font"] = {"color": "#ffffff"}
        nodes.append(options)
    return nodes


def vis_edges(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """vis-network edge objects, built with pyvis's Edge; parallel edges
    between the same two nodes get curves of different roundness."""
    from pyvis.edge import Edge

    parallel: defaultdict[tuple[Any, Any], int] = defaultdict(int)
    edges = []
    for index, (u, v, key, data) in enumerate(G.edges(keys=True, data=True)):
        relation = str(data.get("relation", ""))
        rank = parallel[(u, v)]
        parallel[(u, v)] += 1
        head, tail = G.nodes[u].get("label") or u, G.nodes[v].get("label") or v
        options = Edge(
            str(u),
            str(v),
            directed=True,
            id=str(key) if isinstance(key, str) else f"e{index}",
            label=str(data.get("label") or relation),
            relation=relation,
            color=relation_color(relation),
            title=edge_tooltip(data, str(head), str(tail)),
            value=max(int(data.get("weight") or 1), 1),
            hidden=relation in RELATIONS_OFF,
        ).options
        if rank:
            options["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.15 * rank}
        edges.append(options)
    return edges


def vis_options(n_nodes: int = 0, n_edges: int = 0) -> dict[str, Any]:
    """Network options: physics stabilises, then the page switches it off.

    A fixed random seed draws the same graph the same way every time. Big
    graphs get fewer stabilisation steps, straight edges and no
    "improved layout" (quadratic, and vis gives up on it past ~100 nodes), so
    the page settles in seconds rather than minutes.
    """
    font = {"face": FONT_STACK}
    iterations = max(MIN_ITERATIONS, min(MAX_ITERATIONS, STABILIZATION_BUDGET // max(n_nodes, 1)))
    return {
        "nodes": {
            "font": {**font, "size": 14},
            "borderWidth": 1,
            "scaling": {"min": 8, "max": 40, "label": {"enabled": True, "min": 12, "max": 26}},
        },
        "edges": {
            "font": {**font, "size": 10, "align": "middle", "strokeWidth": 3},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "scaling": {"min": 1, "max": 6, "label": {"enabled": False}},
            "smooth": {"enabled": n_edges <= SMOOTH_EDGES_MAX, "type": "continuous"},
        },
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 120},
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25},
        },
        "interaction": {"hover": True, "tooltipDelay": 150},
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= IMPROVED_LAYOUT_MAX_NODES},
    }


def _legend(
    counts: Counter, names: tuple[str, ...], off: frozenset[str],
    style: Callable[[str], dict[str, str]],
) -> list[dict[str, Any]]:
    """Legend and filter entries: known names in their order, then any others."""
    known = [n for n in names if counts.get(n)] + sorted(n for n in counts if n not in names)
    return [{"name": n, "count": counts[n], "checked": n not in off, **style(n)} for n in known]


def page_data(G: nx.MultiDiGraph, *, max_nodes: int | None = None) -> dict[str, Any]:
    """Everything the template's script needs, as JSON-safe data."""
    degree = dict(G.degree())
    shown, left_out = subgraph_top(G, max_nodes)
    types = Counter(str(d.get("type", "")) for _, d in shown.nodes(data=True))
    relations = Counter(str(d.get("relation", "")) for _, _, d in shown.edges(data=True))
    nodes, edges = vis_nodes(shown, degree), vis_edges(shown)
    visible_edges = sum(1 for e in edges if e["relation"] not in RELATIONS_OFF)
    return {
        "nodes": nodes,
        "edges": edges,
        "types": _legend(types, ENTITY_TYPES, frozenset(), lambda n: node_style(n)._asdict()),
        "relations": _legend(relations, RELATION_TYPES, RELATIONS_OFF,
                             lambda n: {"color": relation_color(n)}),
        "options": vis_options(len(nodes), visible_edges),
        "left_out": left_out,
    }


def render_html(G: nx.Graph, *, max_nodes: int | None = None, title: str = "zhkg") -> str:
    """The page as a string; see :func:`write_html`."""
    multi = G if isinstance(G, nx.MultiDiGraph) else nx.MultiDiGraph(G)
    data = page_data(multi, max_nodes=max_nodes)
    js, css = _vis_assets()
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("graph.readwrite", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template(TEMPLATE).render(
        title=title,
        font_stack=FONT_STACK,
        vis_js=Markup(js),
        vis_css=Markup(css),
        data_json=Markup(script_json(data)),
        shown=len(data["nodes"]),
        edges=len(data["edges"]),
        left_out=data["left_out"],
        max_nodes=max_nodes,
        documents=multi.graph.get("documents"),
    )


@writes_file
def write_html(
    G: nx.Graph, path: PathOrHandle, *, max_nodes: int | None = None, title: str = "zhkg"
) -> None:
    """Write the graph as one offline HTML page, encoded as UTF-8.

    Parameters
    ----------
    G : graph following :mod:`graph.contract`
    path : a path or a binary handle (:mod:`graph.readwrite.files`)
    max_nodes : keep only this many nodes of highest degree; the page says
        how many it left out
    title : page title

    Examples
    --------
    >>> import io, networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("PLACE:武汉", label="武汉", type="PLACE")
    >>> buf = io.BytesIO(); write_html(G, buf)
    >>> "武汉" in buf.getvalue().decode("utf-8")
    True
    """
    path.write(render_html(G, max_nodes=max_nodes, title=title).encode("utf-8"))
