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
    cache_dir: Optional[Path] = CacheOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also report per-document notes (encodings)."),
    max_file_size: float = typer.Option(
        50, "--max-file-size", min=0.001, help="Skip (and report) input files over this many MB.",
    ),
) -> None:
    """Read news articles and write the knowledge graph into OUTDIR."""
    from zhkg.job import build as run_build
    from zhkg.progress import RichProgress

    _use_cache_dir(cache_dir)
    if verbose:
        logging.getLogger().setLevel(logging.INFO)
    with RichProgress(enabled=not quiet) as progress:
        summary = run_build(
            [str(p) for p in paths], outdir,
            formats=_check_formats(formats), max_nodes=max_nodes, html_max_entities=html_max_entities,
            strict=strict, progress=progress, max_file_size=int(max_file_size * 2**20),
        )
    typer.echo(summary.line())


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
