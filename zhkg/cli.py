"""The ``zhkg`` command line: a thin Typer wrapper over plain functions.

Every command imports its work inside the function so that ``zhkg --help``
stays fast, calls a function a script could call too, and turns zhkg's coded
errors into a one-line message and a non-zero exit code.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import List, Optional

import typer

from zhkg.cli_errors import ErrorHandlingGroup
from zhkg.query_cli import app as query_app

app = typer.Typer(
    cls=ErrorHandlingGroup,
    help="Turn Chinese government and party news into a knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(query_app, name="query", help="Query a graph written by `zhkg build`.")
export_app = typer.Typer(help="Write products of the store for other tools.", no_args_is_help=True)
app.add_typer(export_app, name="export", help="Write products of the store (records, graph files) for other tools.")

DEFAULT_COOCCURS_MIN = 2
"""Mirrors ``zhkg.job.DEFAULT_COOCCURS_MIN`` without importing the job (``--help`` stays fast)."""

CacheOption = typer.Option(
    None, "--cache-dir", envvar="ZHKG_CACHE_DIR",
    help="Where the pkuseg model is kept (default: ~/.cache/zhkg).",
)


@app.command()
def setup(
    cache_dir: Optional[Path] = CacheOption,
    force: bool = typer.Option(
        False, "--force", help="Fetch the model again even if one is installed (repairs a damaged cache).",
    ),
) -> None:
    """Fetch the pkuseg segmentation model once and verify it; later runs are offline."""
    from pipelines.model import fetch_pkuseg_model

    path = fetch_pkuseg_model(cache_dir, force=force)
    typer.echo(f"pkuseg model ready (size and SHA-256 verified) in {path}")


@app.command()
def build(
    paths: List[Path] = typer.Argument(..., help="Files, folders (recursive) or globs to read."),
    outdir: Path = typer.Option(Path("out"), "--out", "-o", help="Output directory."),
    formats: Optional[List[str]] = typer.Option(
        None, "--format", "-f",
        help="Output format, repeatable: html, graphml, gexf, json, csv (default: all).",
    ),
    max_nodes: Optional[int] = typer.Option(
        None, "--max-nodes", min=1,
        help="Entities in the HTML page's overview, top by importance (default 200, at most 500).",
    ),
    html_max_entities: Optional[int] = typer.Option(
        None, "--html-max-entities", min=1,
        help="Keep only this many entities (top by importance) in the HTML page (default: all).",
    ),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any input fails."),
    workers: Optional[int] = typer.Option(
        None, "--workers", "-w", min=1,
        help="Extraction worker processes, one ONNX thread each (default: one per core).",
    ),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", envvar="ZHKG_SCHEDULER",
        help="Extract on a Dask cluster: the scheduler's address, e.g. tcp://HOST:8786.",
    ),
    store: Optional[Path] = typer.Option(
        None, "--store", help="The DuckDB store of records and graph tables (default: OUTDIR/zhkg.duckdb).",
    ),
    cooccurs_min: int = typer.Option(
        DEFAULT_COOCCURS_MIN, "--cooccurs-min", min=1,
        help="Export CO_OCCURS edges from this many sentences up; all stay in the store.",
    ),
    cache_dir: Optional[Path] = CacheOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also report per-document notes (encodings)."),
    max_file_size: float = typer.Option(
        50, "--max-file-size", min=0.001, help="Skip (and report) input files over this many MB.",
    ),
) -> None:
    """Read news articles and write the knowledge graph into OUTDIR.

    Documents already in the store for the same pipeline are not extracted again.
    """
    from zhkg.job import build as run_build
    from zhkg.progress import RichProgress

    _use_cache_dir(cache_dir)
    if verbose:
        logging.getLogger().setLevel(logging.INFO)
    with RichProgress(enabled=not quiet) as progress:
        summary = run_build(
            [str(p) for p in paths], outdir,
            formats=_check_formats(formats), max_nodes=max_nodes, html_max_entities=html_max_entities,
            strict=strict, workers=workers, scheduler=scheduler, store=store, cooccurs_min=cooccurs_min,
            max_file_size=int(max_file_size * 2**20), progress=progress,
        )
    typer.echo(summary.line())


@export_app.command("records")
def export_records(
    store: Path = typer.Option(Path("out/zhkg.duckdb"), "--store", help="The store written by `zhkg build`."),
    output: Path = typer.Option(Path("out/records.jsonl"), "--output", "-o", help="The JSON lines file to write."),
) -> None:
    """Write the last build's extracted records, one JSON object a line."""
    from zhkg.store.export import export_records as run_export

    count = run_export(store, output)
    typer.echo(f"wrote {count} records to {output}")


@export_app.command("graph")
def export_graph(
    store: Path = typer.Option(Path("out/zhkg.duckdb"), "--store", help="The store written by `zhkg build`."),
    outdir: Path = typer.Option(Path("out"), "--out", "-o", help="Output directory."),
    formats: Optional[List[str]] = typer.Option(
        None, "--format", "-f",
        help="Output format, repeatable: html, graphml, gexf, json, csv (default: all).",
    ),
    cooccurs_min: int = typer.Option(
        DEFAULT_COOCCURS_MIN, "--cooccurs-min", min=1,
        help="Export CO_OCCURS edges from this many sentences up.",
    ),
) -> None:
    """Write the graph files again from the store, without extracting or resolving anything."""
    from zhkg.store.export import export_graph as run_export

    written = run_export(store, outdir, formats=_check_formats(formats), cooccurs_min=cooccurs_min)
    for paths in written.values():
        for path in paths:
            typer.echo(str(path))


def _check_formats(formats: Optional[List[str]]) -> Optional[List[str]]:
    """Validate ``--format`` values against the exporters' formats."""
    if not formats:
        return None
    from graph.readwrite import Format

    known = [f.value for f in Format]
    unknown = [f for f in formats if f not in known]
    if unknown:
        raise typer.BadParameter(
            f"unknown format {', '.join(unknown)}; choose from {', '.join(known)}",
            param_hint="--format",
        )
    return list(formats)


def _use_cache_dir(cache_dir: Optional[Path]) -> None:
    """Make ``--cache-dir`` visible to the pipeline, which reads ``ZHKG_CACHE_DIR``."""
    import os

    from pipelines.model import CACHE_ENV

    if cache_dir is not None:
        os.environ[CACHE_ENV] = str(cache_dir)


def main() -> None:
    """Console-script entry point."""
    logging.basicConfig(level=logging.WARNING, format="zhkg: %(levelname)s: %(message)s")
    # trafilatura logs its own parsing trouble; ingest reports what matters per file.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    app(prog_name="zhkg")


if __name__ == "__main__":
    sys.exit(main())
