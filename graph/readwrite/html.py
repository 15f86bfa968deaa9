"""One self-contained, offline HTML explorer for the graph (vis-network).

A corpus graph has tens of thousands of entities and hundreds of thousands of
edges; no browser lays that out usefully. The page therefore carries the whole
graph as compact, column-wise data and draws only a small part of it at a time:
an overview of the most important entities, or the ego network of the entity
the user focuses (``templates/explorer.js`` does the drawing with the
vis-network build that pyvis ships, inlined so the file opens with no network).

Article text is untrusted. All data goes into one
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped
as ``\\u003c`` etc., so no sentence can close the block; the script builds
every element with ``textContent``, tooltips are plain strings (vis-network 9
shows them with ``innerText``) and only ``http(s)`` URLs become links.

Size: evidence is cut to the first :data:`MAX_EVIDENCE` sentences per edge
(the page shows the full count), sentences are stored once however many edges
cite them, and ``max_entities`` keeps only the most important entities, with a
notice in the page.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup

from graph.ranking import importance
from graph.readwrite.files import PathOrHandle, writes_file
from graph.readwrite.style import FONT_STACK, node_style, relation_color
from zhkg.errors import InvalidOptionError
from zhkg.records import CO_OCCURS, ENTITY_TYPES, RELATION_TYPES

VIS_DIR = "templates/lib/vis-9.1.2"
"""Where pyvis keeps the vis-network build it ships."""
TEMPLATE = "graph.html"
SCRIPT = "explorer.js"
MAX_EVIDENCE = 3
"""Evidence sentences kept per edge; the page shows how many there are in all."""
MAX_SENTENCE_CHARS = 240
OVERVIEW_SIZE = 200
"""Entities the page opens on (the user can change it in the page)."""
MAX_DRAWN = 500
"""Most nodes the page ever draws at once, so layout and interaction stay fast."""
RELATIONS_OFF: frozenset[str] = frozenset({CO_OCCURS})
"""Relations left out of the drawn graph until the user ticks them."""
_MONTH = re.compile(r"^(\d{4})-(\d{2})")
_SAFE_URL = re.compile(r"^https?://", re.I)

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """Compact JSON that is safe inside a ``<script>`` element whatever its strings hold.

    Examples
    --------
    >>> script_json({"s": "</script><b>&"})
    '{"s":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
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


def month_index(date: Any) -> int | None:
    """Months since 1970-01 of an ISO date (``"2013-05-10"`` -> 520), ``None`` if undated.

    Examples
    --------
    >>> month_index("2013-05-10"), month_index("2013-05"), month_index(None)
    (520, 520, None)
    """
    match = _MONTH.match(str(date or ""))
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return (int(match.group(1)) - 1970) * 12 + int(match.group(2)) - 1


def month_name(month: int) -> str:
    """The inverse of :func:`month_index`: ``520`` -> ``"2013-05"``."""
    return f"{1970 + month // 12:04d}-{month % 12 + 1:02d}"


def safe_url(url: Any) -> str:
    """``url`` if it is an http(s) address, else ``""``: no ``javascript:`` link ever."""
    text = str(url or "").strip()
    return text if _SAFE_URL.match(text) else ""


def edge_dates(data: Mapping[str, Any]) -> list[Any]:
    """Every dated occurrence of an edge, from whichever attributes it has.

    The corpus graph lists them in ``dates``; older graphs have only the
    evidence dates, or the stated ``date`` and ``date_end``.
    """
    if data.get("dates"):
        return list(data["dates"])
    dated = [item.get("date") for item in data.get("evidence") or [] if item.get("date")]
    if dated:
        return dated
    return list(dict.fromkeys(d for d in (data.get("date"), data.get("date_end")) if d))


def month_counts(dates: Iterable[Any]) -> list[int]:
    """Flat ``[month, count, month, count, ...]`` sorted by month."""
    counts = Counter(m for m in map(month_index, dates) if m is not None)
    return [value for month in sorted(counts) for value in (month, counts[month])]


def evidence_total(data: Mapping[str, Any]) -> int:
    """How many sentences support an edge, though the graph may keep fewer."""
    for key in ("evidence_count", "sentences", "count"):
        if data.get(key):
            return int(data[key])
    return max(len(data.get("evidence") or []), int(data.get("weight") or 0))


@dataclass
class _Tables:
    """Sentences and documents, each stored once and referred to by index."""

    documents: Mapping[str, Mapping[str, Any]]
    doc_index: dict[str, int] = field(default_factory=dict)
    doc_rows: dict[str, list] = field(default_factory=lambda: {"id": [], "title": [], "date": [], "url": []})
    sentence_index: dict[tuple[str, Any, str], int] = field(default_factory=dict)
    sentence_rows: dict[str, list] = field(default_factory=lambda: {"text": [], "doc": [], "date": []})

    def document(self, item: Mapping[str, Any]) -> int:
        doc = str(item.get("doc", ""))
        if doc not in self.doc_index:
            meta = self.documents.get(doc, {})
            self.doc_index[doc] = len(self.doc_rows["id"])
            self.doc_rows["id"].append(doc)
            self.doc_rows["title"].append(str(item.get("title") or meta.get("title") or ""))
            self.doc_rows["date"].append(str(meta.get("date") or ""))
            self.doc_rows["url"].append(safe_url(item.get("url") or meta.get("url")))
        return self.doc_index[doc]

    def sentence(self, item: Mapping[str, Any]) -> int:
        text = _clip(str(item.get("sentence", "")))
        key = (str(item.get("doc", "")), item.get("start"), text)
        if key not in self.sentence_index:
            self.sentence_index[key] = len(self.sentence_rows["text"])
            self.sentence_rows["text"].append(text)
            self.sentence_rows["doc"].append(self.document(item))
            self.sentence_rows["date"].append(str(item.get("date") or ""))
        return self.sentence_index[key]


def _entity_columns(G: nx.MultiDiGraph, kept: list[Any], scores: Mapping[Any, float],
                    type_names: list[str]) -> dict[str, list]:
    top = max((scores.get(n, 0.0) for n in kept), default=0.0) or 1.0
    columns: dict[str, list] = {k: [] for k in (
        "id", "label", "type", "score", "aliases", "titles", "mentions", "docs", "first", "last")}
    for node in kept:
        data = G.nodes[node]
        columns["id"].append(str(node))
        columns["label"].append(str(data.get("label") or node))
        columns["type"].append(type_names.index(str(data.get("type", ""))))
        columns["score"].append(round(scores.get(node, 0.0) / top, 5))
        columns["aliases"].append([str(a) for a in data.get("aliases") or []])
        columns["titles"].append([str(t) for t in data.get("titles") or []])
        columns["mentions"].append(int(data.get("mentions") or 0))
        columns["docs"].append(int(data.get("doc_count") or 0))
        columns["first"].append(str(data.get("first_seen") or ""))
        columns["last"].append(str(data.get("last_seen") or ""))
    return columns


def _edge_note(data: Mapping[str, Any]) -> str:
    """Title of a post, purpose of a visit: the words worth printing on the edge."""
    return " · ".join(str(data[k]).replace("|", "、") for k in ("title", "purpose") if data.get(k))


def _edge_columns(G: nx.MultiDiGraph, index: Mapping[Any, int], relation_names: list[str],
                  tables: _Tables) -> dict[str, list]:
    columns: dict[str, list] = {k: [] for k in (
        "src", "dst", "rel", "weight", "count", "note", "months", "evidence")}
    for u, v, data in G.edges(data=True):
        if u not in index or v not in index:
            continue
        columns["src"].append(index[u])
        columns["dst"].append(index[v])
        columns["rel"].append(relation_names.index(str(data.get("relation", ""))))
        columns["weight"].append(round(float(data.get("weight") or 1), 3))
        columns["count"].append(evidence_total(data))
        columns["note"].append(_edge_note(data))
        columns["months"].append(month_counts(edge_dates(data)))
        items = (data.get("evidence") or [])[:MAX_EVIDENCE]
        columns["evidence"].append([tables.sentence(item) for item in items])
    return columns


def _names(counts: Counter, known: tuple[str, ...]) -> list[str]:
    """Known names in their order, then any others (a future type, a typo upstream)."""
    return [n for n in known if counts.get(n)] + sorted(n for n in counts if n not in known)


def page_data(G: nx.MultiDiGraph, *, max_nodes: int | None = None, max_entities: int | None = None,
              documents: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """Everything the page's script needs, as JSON-safe, column-wise data.

    Entities are sorted by importance (:func:`graph.ranking.importance`), so
    the overview is the first rows and ``max_entities`` keeps the top rows.
    """
    for name, value in (("max_nodes", max_nodes), ("max_entities", max_entities)):
        if value is not None and value < 1:
            raise InvalidOptionError(f"{name} must be at least 1 (got {value}); use None for the default")
    scores = importance(G)
    ranked = sorted(G.nodes, key=lambda n: (-scores.get(n, 0.0), str(n)))
    kept = ranked if max_entities is None else ranked[:max_entities]
    index = {node: i for i, node in enumerate(kept)}
    type_names = _names(Counter(str(G.nodes[n].get("type", "")) for n in kept), ENTITY_TYPES)
    relation_names = _names(Counter(str(d.get("relation", "")) for _, _, d in G.edges(data=True)),
                            RELATION_TYPES)
    tables = _Tables(documents or {})
    edges = _edge_columns(G, index, relation_names, tables)
    entities = _entity_columns(G, kept, scores, type_names)
    type_counts = Counter(type_names[t] for t in entities["type"])
    relation_counts = Counter(relation_names[r] for r in edges["rel"])
    months = [m for pairs in edges["months"] for m in pairs[::2]]
    return {
        "meta": {
            "entities_total": G.number_of_nodes(),
            "edges_total": G.number_of_edges(),
            "entities": len(kept),
            "edges": len(edges["src"]),
            "max_entities": max_entities,
            "documents": G.graph.get("documents"),
            "overview": min(max_nodes or OVERVIEW_SIZE, MAX_DRAWN),
            "max_drawn": MAX_DRAWN,
            "max_evidence": MAX_EVIDENCE,
            "font": FONT_STACK,
            "first_month": month_name(min(months)) if months else None,
            "last_month": month_name(max(months)) if months else None,
        },
        "types": [{"name": n, "count": type_counts[n], **node_style(n)._asdict()} for n in type_names],
        "relations": [{"name": n, "count": relation_counts[n], "color": relation_color(n),
                       "checked": n not in RELATIONS_OFF} for n in relation_names],
        "entities": entities,
        "edges": edges,
        "sentences": tables.sentence_rows,
        "docs": tables.doc_rows,
    }


def render_html(G: nx.Graph, *, max_nodes: int | None = None, max_entities: int | None = None,
                title: str = "zhkg", documents: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    """The page as a string; see :func:`write_html`."""
    multi = G if isinstance(G, nx.MultiDiGraph) else nx.MultiDiGraph(G)
    data = page_data(multi, max_nodes=max_nodes, max_entities=max_entities, documents=documents)
    js, css = _vis_assets()
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("graph.readwrite", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    script = env.loader.get_source(env, SCRIPT)[0]
    return env.get_template(TEMPLATE).render(
        title=title,
        font_stack=FONT_STACK,
        vis_js=Markup(js),
        vis_css=Markup(css),
        app_js=Markup(script.replace("</script", "<\\/script")),
        data_json=Markup(script_json(data)),
        meta=data["meta"],
    )


@writes_file
def write_html(G: nx.Graph, path: PathOrHandle, *, max_nodes: int | None = None,
               max_entities: int | None = None, title: str = "zhkg",
               documents: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """Write the graph as one offline HTML explorer, encoded as UTF-8.

    Parameters
    ----------
    G : graph following :mod:`graph.contract`
    path : a path or a binary handle (:mod:`graph.readwrite.files`)
    max_nodes : entities in the overview the page opens on (default
        :data:`OVERVIEW_SIZE`, at most :data:`MAX_DRAWN`); the user can change it
    max_entities : keep only this many entities in the page, the most
        important, so a very large corpus still gives a page a browser opens;
        the page says how many it left out
    title : page title
    documents : ``{"title", "date", "url"}`` by document id, shown with the
        evidence (the graph itself knows documents by id only)

    Examples
    --------
    >>> import io, networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("PLACE:武汉", label="武汉", type="PLACE")
    >>> buf = io.BytesIO(); write_html(G, buf)
    >>> "武汉" in buf.getvalue().decode("utf-8")
    True
    """
    page = render_html(G, max_nodes=max_nodes, max_entities=max_entities, title=title, documents=documents)
    path.write(page.encode("utf-8"))
