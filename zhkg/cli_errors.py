"""The command line's one handler for zhkg's errors.

Every command of ``zhkg`` and ``zhkg query`` runs inside
:class:`ErrorHandlingGroup`, which turns a :class:`~zhkg.errors.ZhkgError` into
one line on stderr (``zhkg: error: [CODE] ...``) and exit code 1, with no
traceback. Commands themselves never catch zhkg's errors.
"""

from __future__ import annotations

from typing import Any

import click
import typer
from typer.core import TyperGroup


class ErrorHandlingGroup(TyperGroup):
    """A Typer command group that reports zhkg's errors as one line."""

    def invoke(self, ctx: click.Context) -> Any:
        from zhkg.errors import ZhkgError

        try:
            return super().invoke(ctx)
        except ZhkgError as error:
            typer.echo(f"zhkg: error: {error}", err=True)
            raise typer.Exit(1) from None
