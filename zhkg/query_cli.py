"""``zhkg query``: the query API on the command line.

Each command is a thin wrapper over :class:`graph.query.KnowledgeGraph`: it
loads ``--graph``, runs one query and prints the records as a table, JSON or
CSV. The API is imported inside the commands so ``--help`` stays fast.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Callable, Sequence

import typer

from zhkg.cli_errors import ErrorHandlingGroup
from zhkg.json_text import json_list

if TYPE_CHECKING:
    from graph.query import KnowledgeGraph

DEFAULT_GRAPH = None
"""``--graph`` left out: :func:`default_graph` picks the store, else the GraphML file."""
DEFAULT_STORE = Path("out/zhkg.duckdb")
DEFAULT_GRAPHML = Path("out/graph.graphml")
_TABLE_SNIPPET = 40

app = typer.Typer(
    cls=ErrorHandlingGroup,
    help="Query a graph built by `zhkg build`: visits, posts, careers, holders, members, initiatives, "
    "paths, rankings.",
    no_args_is_help=True,
)


class RankBy(str, Enum):
    """Choices of ``top --by`` (mirrors ``graph.query.Ranking`` without importing it)."""

    importance = "importance"
    degree = "degree"
    pagerank = "pagerank"
    betweenness = "betweenness"


GraphOption = Annotated[
    Path | None,
    typer.Option(
        "--graph", "-g",
        help="Store (.duckdb) or graph file (.graphml, .json) written by `zhkg build` "
        "(default: out/zhkg.duckdb if present, else out/graph.graphml).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print a JSON list of records, one record a line.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Print CSV with a header row.")]
TypeOption = Annotated[
    str | None, typer.Option("--type", "-t", help="Entity type: ORG, PERSON, PLACE or INITIATIVE.")
]


@app.command()
def find(
    name: Annotated[str, typer.Argument(help="A name, alias or node id.")],
    type: TypeOption = None,
    graph: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Which nodes a name refers to (several people can share a name)."""
    _emit(graph, lambda kg: kg.find(name, type=type), as_json, as_csv)


@app.command()
def visits(
    actor: Annotated[str | None, typer.Option(help="Who visited (person or organisation).")] = None,
    target: Annotated[str | None, typer.Option(help="Where or whom they visited.")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Latest date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    purpose: Annotated[str | None, typer.Option(help="Purpose word, e.g. 调研 or 考察.")] = None,
    graph: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Who visited where and when, oldest first."""
    _emit(
        graph,
        lambda kg: kg.visits(actor=actor, target=target, since=since, until=until, purpose=purpose),
        as_json,
        as_csv,
    )


@app.command()
def posts(
    person: Annotated[str | None, typer.Option(help="Person whose posts to list.")] = None,
    org: Annotated[str | None, typer.Option(help="Organisation whose post holders to list.")] = None,
    graph: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Who holds which post at which organisation."""
    _emit(graph, lambda kg: kg.posts(person=person, org=org), as_json, as_csv)


@app.command()
def career(
    name: Annotated[str, typer.Argument(help="The person.")],
    graph: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """A person's posts in time order, with first and last dates the news states them."""
    _emit(graph, lambda kg: kg.career(name), as_json, as_csv)


@app.command()
def holders(
    org: Annotated[str, typer.Argument(help="The organisation.")],
    title: Annotated[str | None, typer.Option("--title", help="One post, e.g. 厅长 or 党组书记.")] = None,
    graph: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Who held the posts of an organisation, in time order, with overlapping holders."""
    _emit(graph, lambda kg: kg.holders(org, title=title), as_json, as_csv)


@app.command()
def members(
    org: Annotated[str, typer.Argument(help="The organisation.")],
    graph: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """People holding posts at an organisation, and its units."""
    _emit(graph, lambda kg: kg.members(org), as_json, as_csv)


@app.command()
def initiatives(
    actor: Annotated[str, typer.Argument(help="The person or organisation.")],
    include_parts: Annotated[bool, typer.Option(help="Also list what its units promote.")] = False,
    graph: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Initiatives (policies, campaigns, projects) an actor promotes."""
    _emit(graph, lambda kg: kg.initiatives(actor, include_parts=include_parts), as_json, as_csv)


@app.command()
def neighbors(
    name: Annotated[str, typer.Argument(help="The entity.")],
    relation: Annotated[
        list[str] | None,
        typer.Option("--relation", "-r", help="Keep this relation (repeatable), e.g. VISITED."),
    ] = None,
    type: TypeOption = None,
    graph: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Every edge touching an entity, in both directions."""
    _emit(graph, lambda kg: kg.neighbors(name, relation=relation or None, type=type), as_json, as_csv)


@app.command()
def path(
    a: Annotated[str, typer.Argument(help="Where the path starts.")],
    b: Annotated[str, typer.Argument(help="Where the path ends.")],
    typed_only: Annotated[bool, typer.Option(help="Ignore CO_OCCURS edges.")] = False,
    graph: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """A shortest chain of relations linking two entities."""
    _emit(graph, lambda kg: kg.path(a, b, typed_only=typed_only), as_json, as_csv)


@app.command()
def top(
    type: TypeOption = None,
    by: Annotated[RankBy, typer.Option(
        help="Ranking: importance (typed relations + weighted co-occurrence), degree, pagerank, betweenness.",
    )] = RankBy.importance,
    k: Annotated[int, typer.Option("-k", "--k", min=1, help="How many to list.")] = 10,
    graph: GraphOption = DEFAULT_GRAPH,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """The most important entities, optionally of one type (typed relations + weighted co-occurrence)."""
    _emit(graph, lambda kg: kg.top(type=type, by=by.value, k=k), as_json, as_csv)


@app.command()
def subgraph(
    names: Annotated[list[str], typer.Argument(help="Entities at the centre.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory for the exported files.")],
    depth: Annotated[int, typer.Option(min=0, help="How many hops around the entities to keep.")] = 1,
    formats: Annotated[
        list[str] | None,
        typer.Option("--format", "-f", help="Repeatable: html, graphml, gexf, json, csv (default: all)."),
    ] = None,
    graph: GraphOption = DEFAULT_GRAPH,
) -> None:
    """Export the neighbourhood of some entities, like `zhkg build` exports the whole graph."""

    def export(kg: KnowledgeGraph) -> list[Path]:
        from graph.readwrite import DEFAULT_FORMATS, write_all

        written = write_all(kg.subgraph(names, depth=depth).graph, output, formats or DEFAULT_FORMATS)
        return [path for paths in written.values() for path in paths]

    for written in _run(graph, export):
        typer.echo(str(written))


# -- running and rendering -----------------------------------------------------


def _emit(
    graph: Path | None, query: Callable[[KnowledgeGraph], Sequence[Any]], as_json: bool, as_csv: bool
) -> None:
    """Run a query and print its records as a table (default), JSON or CSV."""
    if as_json and as_csv:
        from zhkg.errors import InvalidOptionError

        raise InvalidOptionError("choose one of --json and --csv.")
    records = _run(graph, query)
    from graph.query.results import to_dict

    rows = [to_dict(r) for r in records]
    if as_json:
        typer.echo(json_list(rows))
    elif as_csv:
        typer.echo(_csv(records, rows), nl=False)
    else:
        _table(records, rows)


def _run(graph: Path | None, query: Callable[[KnowledgeGraph], Any]) -> Any:
    """Load the graph and run the query (zhkg's errors reach the CLI's one handler)."""
    from graph.query import load

    return query(load(graph if graph is not None else default_graph()))


def default_graph() -> Path:
    """The store of ``zhkg build``'s default output if there is one, else its GraphML file."""
    return DEFAULT_STORE if DEFAULT_STORE.is_file() else DEFAULT_GRAPHML


def _columns(records: Sequence[Any], table: bool) -> list[str]:
    """Field names to show; the table leaves out node ids, which only scripts need."""
    names = [f.name for f in dataclasses.fields(records[0])]
    return [n for n in names if not (table and n.endswith("_id") and n != "id")]


def _cell(value: Any, table: bool) -> str:
    """One value as text; evidence lists become their sentences."""
    if isinstance(value, list):
        sentences = [str(e.get("sentence", "")) if isinstance(e, dict) else str(e) for e in value]
        if table:
            first = sentences[0] if sentences else ""
            more = f" (+{len(sentences) - 1})" if len(sentences) > 1 else ""
            return (first[:_TABLE_SNIPPET] + "…" if len(first) > _TABLE_SNIPPET else first) + more
        return " / ".join(sentences)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _csv(records: Sequence[Any], rows: list[dict[str, Any]]) -> str:
    if not records:
        return ""
    columns = _columns(records, table=False)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[c], table=False) for c in columns])
    return buffer.getvalue()


def _table(records: Sequence[Any], rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    if not records:
        typer.echo("(no results)")
        return
    columns = _columns(records, table=True)
    table = Table(*columns, show_lines=False)
    for row in rows:
        table.add_row(*(_cell(row[c], table=True) for c in columns))
    Console(width=max(Console().width, 120)).print(table)
