"""Progress display for the CLI (rich), kept out of library code."""

from __future__ import annotations

import logging

from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from zhkg.job import BuildProgress


class RichProgress(BuildProgress):
    """Shows the build's stages and a bar over documents on stderr.

    While active on a terminal, log records go through the same console so
    warnings about skipped files print above the bar instead of breaking it.
    Elsewhere (pipes, CI logs) the plain one-line log format stays.
    """

    def __init__(self, enabled: bool = True) -> None:
        self.console = Console(stderr=True)
        self.enabled = enabled
        self._progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=self.console, disable=not enabled, transient=False,
        )
        self._task = None
        self._saved_handlers: list[logging.Handler] = []
        self._handler = RichHandler(console=self.console, show_time=False, show_path=False)

    def __enter__(self) -> "RichProgress":
        root = logging.getLogger()
        self._saved_handlers = root.handlers[:]
        if self.enabled and self.console.is_terminal:
            root.handlers = [self._handler]
        self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self._progress.stop()
        logging.getLogger().handlers = self._saved_handlers

    def stage(self, name: str) -> None:
        if self._task is None:
            self._task = self._progress.add_task(name, total=None)
        else:
            self._progress.update(self._task, description=name)

    def total(self, count: int) -> None:
        self._progress.update(self._task, total=count, completed=0)

    def advance(self, source: str) -> None:
        self._progress.advance(self._task)
