"""nodes.csv and edges.csv for ``neo4j-admin database import``.

Headers follow the import tool's conventions: ``id:ID`` and ``:LABEL`` (the
entity type) for nodes, ``:START_ID``, ``:END_ID`` and ``:TYPE`` (the relation)
for relationships, and typed properties (``mentions:int``, ``led:boolean``,
``aliases:string[]``). Arrays use ``;``, the import tool's default array
delimiter (a ``;`` inside an item becomes ``,``); evidence is one JSON string
property; a missing value is an empty cell, which the import tool skips. Text
cells that a spreadsheet would run as a formula get a leading ``'``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from graph.readwrite.files import atomic_write

ARRAY_DELIMITER = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""

NODE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("aliases", "aliases:string[]"),
    ("titles", "titles:string[]"),
    ("mentions", "mentions:int"),
    ("doc_count", "doc_count:int"),
    ("documents", "documents:string[]"),
    ("first_seen", "first_seen:date"),
    ("last_seen", "last_seen:date"),
)
EDGE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("label", "label"),
    ("weight", "weight:float"),
    ("sentences", "sentences:int"),
    ("title", "title"),
    ("purpose", "purpose"),
    ("led", "led:boolean"),
    ("date", "date:date"),
    ("date_end", "date_end:date"),
    ("first_date", "first_date:date"),
    ("last_date", "last_date:date"),
    ("documents", "documents:string[]"),
    ("evidence", "evidence"),
)
NODE_HEADER: tuple[str, ...] = ("id:ID", "name", ":LABEL", *(h for _, h in NODE_COLUMNS))
EDGE_HEADER: tuple[str, ...] = (
    ":START_ID", ":END_ID", ":TYPE", "id", *(h for _, h in EDGE_COLUMNS)
)


def neutralize(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula (OWASP "CSV Injection").

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    is a formula to Excel and LibreOffice (``=HYPERLINK(...)``); a leading
    ``'`` makes it text. Names come from scraped news, so any of them may start so.
    """
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _cell(value: Any) -> str:
    """A CSV cell: arrays joined with ``;``, dict lists as JSON, ``None`` empty, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        if any(isinstance(v, dict) for v in value):
            return json.dumps(value, ensure_ascii=False)
        return ARRAY_DELIMITER.join(
            neutralize(str(v).replace(ARRAY_DELIMITER, ",")) for v in value
        )
    return neutralize(str(value))


def node_rows(G: nx.Graph) -> Iterable[list[str]]:
    """One row per node, in NODE_HEADER order."""
    for node, data in G.nodes(data=True):
        yield [
            str(node),
            _cell(data.get("label") or node),
            _cell(data.get("type") or "Entity"),
            *(_cell(data.get(name)) for name, _ in NODE_COLUMNS),
        ]


def edge_rows(G: nx.MultiDiGraph) -> Iterable[list[str]]:
    """One row per edge, in EDGE_HEADER order."""
    for u, v, key, data in G.edges(keys=True, data=True):
        yield [
            str(u),
            str(v),
            _cell(data.get("relation") or "RELATED_TO"),
            _cell(key),
            *(_cell(data.get(name)) for name, _ in EDGE_COLUMNS),
        ]


def write_csv(G: nx.Graph, outdir: str | Path) -> list[Path]:
    """Write ``nodes.csv`` and ``edges.csv`` into ``outdir`` (created if needed).

    Parameters
    ----------
    G : graph following :mod:`graph.contract`
    outdir : directory to write into

    Returns
    -------
    list[Path]
        The two files, nodes first.
    """
    multi = G if isinstance(G, nx.MultiDiGraph) else nx.MultiDiGraph(G)
    directory = Path(outdir)
    directory.mkdir(parents=True, exist_ok=True)
    nodes_path, edges_path = directory / "nodes.csv", directory / "edges.csv"
    _write_rows(nodes_path, NODE_HEADER, node_rows(multi))
    _write_rows(edges_path, EDGE_HEADER, edge_rows(multi))
    return [nodes_path, edges_path]


def _write_rows(path: Path, header: Iterable[str], rows: Iterable[list[str]]) -> None:
    with atomic_write(path, text=True) as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
