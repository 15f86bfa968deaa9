"""Progress display for the CLI (rich), kept out of library code.

Each stage of the build gets its own line that stays on screen with its
time, so a long graph build or write never hides behind a bar frozen at
100%. The extraction line shows documents done, the rate and the time left.
"""

from __future__ import annotations

import logging

from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from zhkg.job import BuildProgress


class CountColumn(ProgressColumn):
    """``done/total`` documents, on the lines of stages that count documents (``done`` while
    the total is not known yet: documents stream in from the readers)."""

    def render(self, task: Task) -> Text:
        if not task.fields.get("counts"):
            return Text("")
        if task.total is None:
            return Text(f"{int(task.completed)}", style="progress.download")
        return Text(f"{int(task.completed)}/{int(task.total)}", style="progress.download")


class RateColumn(ProgressColumn):
    """Documents per second since the stage began, and the time left at that rate.

    Measured over the whole stage: results arrive a batch at a time, so a
    short window (rich's own estimate) would swing wildly.
    """

    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        if not task.fields.get("counts") or not task.completed or not elapsed:
            return Text("")
        rate = task.completed / elapsed
        if task.finished or task.total is None:
            return Text(f"{rate:.1f} docs/s", style="progress.data.speed")
        left = int(((task.total or 0) - task.completed) / rate)
        return Text(f"{rate:.1f} docs/s, {left // 60}:{left % 60:02d} left", style="progress.data.speed")


class RichProgress(BuildProgress):
    """Shows the build's stages, one line each, and a bar over extracted documents, on stderr.

    While active on a terminal, log records go through the same console so
    warnings about skipped files print above the bars instead of breaking them.
    Elsewhere (pipes, CI logs) the plain one-line log format stays.
    """

    def __init__(self, enabled: bool = True) -> None:
        self.console = Console(stderr=True)
        self.enabled = enabled
        self._progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), CountColumn(), RateColumn(),
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
        self._finish_stage()
        self._progress.stop()
        logging.getLogger().handlers = self._saved_handlers

    def stage(self, name: str) -> None:
        self._finish_stage()
        if name != "done":
            self._task = self._progress.add_task(name, total=None)

    def total(self, count: int) -> None:
        self._progress.update(self._task, total=count, counts=True)

    def advance(self, source: str) -> None:
        self._progress.update(self._task, advance=1, counts=True)

    def _finish_stage(self) -> None:
        """Stop the current line's clock and fill its bar."""
        if self._task is not None:
            task = self._progress.tasks[self._task]
            self._progress.update(self._task, total=task.total or 1, completed=task.total or 1)
            self._task = None
