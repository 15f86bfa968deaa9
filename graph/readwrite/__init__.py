"""Exports of the in-memory graph (:mod:`graph.contract`) to files.

One module per format, each with a ``write_*`` (and, where the format can
hold the whole graph, a ``read_*``):

=============  ====================================  ============================
format         files                                 for
=============  ====================================  ============================
``html``       ``graph.html``                        a browser, offline
``graphml``    ``graph.graphml``                     Gephi, yEd, networkx
``gexf``       ``graph.gexf`` (1.3, dynamic)         Gephi's timeline
``json``       ``graph.json`` (node-link)            networkx, scripts
``csv``        ``nodes.csv``, ``edges.csv``          ``neo4j-admin database import``
               ``careers.csv`` (UTF-8 with BOM)      a spreadsheet: who held which
                                                     post, when
=============  ====================================  ============================
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from enum import Enum
from pathlib import Path
from typing import Any

import networkx as nx

from graph.readwrite.flatten import flatten_graph, xml_safe_ids
from graph.readwrite.gexf import write_gexf
from graph.readwrite.graphml import read_graphml, write_graphml
from graph.readwrite.html import write_html
from graph.readwrite.nodelink import read_json, write_json
from graph.readwrite.subgraph import subgraph_top
from graph.readwrite.tables import write_csv
from zhkg.errors import InvalidOptionError, OutputError

logger = logging.getLogger(__name__)


class Format(str, Enum):
    """An export format, as named on the command line (``--format``)."""

    html = "html"
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"


DEFAULT_FORMATS: tuple[Format, ...] = tuple(Format)

FILE_NAMES: dict[Format, str] = {
    Format.html: "graph.html",
    Format.graphml: "graph.graphml",
    Format.gexf: "graph.gexf",
    Format.json: "graph.json",
}
_FLAT_WRITERS = {Format.graphml: write_graphml, Format.gexf: write_gexf}
"""Writers that can take the graph already flattened."""


def write_all(
    G: nx.Graph,
    outdir: str | Path,
    formats: Iterable[Format | str] = DEFAULT_FORMATS,
    *,
    max_nodes: int | None = None,
    html_max_entities: int | None = None,
    html_documents: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, list[Path]]:
    """Write ``G`` into ``outdir`` in each of ``formats``.

    Parameters
    ----------
    G : graph following :mod:`graph.contract`
    outdir : directory, created if needed
    formats : formats to write (``Format`` members or their names)
    max_nodes : for the HTML page only: entities in the overview it opens on
        (default 200; the files for Gephi, neo4j and scripts always hold everything)
    html_max_entities : for the HTML page only: keep this many entities, the
        most important (default all), so a very large corpus still gives a page
        a browser can open
    html_documents : for the HTML page only: ``{"title", "date", "url"}`` by
        document id, shown with the evidence

    Returns
    -------
    dict[str, list[Path]]
        The written files per format name.

    Raises
    ------
    InvalidOptionError
        For an unknown format name, or ``max_nodes`` below 1.
    OutputError
        When a file cannot be written (no space, no permission).
    """
    chosen = parse_formats(formats)
    if max_nodes is not None and max_nodes < 1:
        raise InvalidOptionError(f"max_nodes must be at least 1 (got {max_nodes}); use None to keep all")
    directory = Path(outdir)
    written: dict[str, list[Path]] = {}
    html_options = {"max_nodes": max_nodes, "max_entities": html_max_entities, "documents": html_documents}
    flat = _shared_flat_graph(G, chosen)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for fmt in chosen:
            written[fmt.value] = _write_one(G, directory, fmt, html_options, flat)
            logger.info("wrote %s: %s", fmt.value, ", ".join(str(p) for p in written[fmt.value]))
    except OSError as error:
        raise OutputError(directory, error.strerror or str(error)) from None
    return written


def _shared_flat_graph(G: nx.Graph, chosen: list[Format]) -> nx.MultiDiGraph | None:
    """``G`` flattened once for both XML formats, when both are chosen (seconds on a large graph)."""
    if Format.graphml in chosen and Format.gexf in chosen and xml_safe_ids(G) is G:
        return flatten_graph(G)
    return None


def _write_one(G: nx.Graph, directory: Path, fmt: Format, html_options: dict[str, Any],
               flat: nx.MultiDiGraph | None) -> list[Path]:
    if fmt is Format.csv:
        from graph.readwrite.careers import CAREERS_NAME, write_careers_csv

        return [*write_csv(G, directory), write_careers_csv(G, directory / CAREERS_NAME)]
    path = directory / FILE_NAMES[fmt]
    if fmt is Format.html:
        write_html(G, path, **html_options)
    elif fmt in _FLAT_WRITERS:
        _FLAT_WRITERS[fmt](G, path, flat=flat)
    else:
        write_json(G, path)
    return [path]


def parse_formats(formats: Iterable[Format | str]) -> list[Format]:
    """``formats`` as :class:`Format` members, each once, in the order given.

    Raises
    ------
    InvalidOptionError
        For an unknown format name.
    """
    return list(dict.fromkeys(_format(f) for f in formats))


def _format(value: Format | str) -> Format:
    try:
        return Format(value)
    except ValueError:
        names = ", ".join(f.value for f in Format)
        raise InvalidOptionError(f"unknown export format {value!r}; choose from: {names}") from None


__all__ = [
    "DEFAULT_FORMATS",
    "Format",
    "read_graphml",
    "read_json",
    "subgraph_top",
    "parse_formats",
    "write_all",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_html",
    "write_json",
]
