"""The build's progress display: one line per stage, documents with rate and time left."""

from __future__ import annotations

import pytest
from rich.progress import Progress

from zhkg.progress import CountColumn, RateColumn, RichProgress


def _task(total: int | None, completed: int, counts: bool):
    progress = Progress()
    task_id = progress.add_task("extracting", total=total, counts=counts)
    progress.update(task_id, completed=completed)
    return progress.tasks[task_id]


@pytest.mark.parametrize(
    "total, completed, counts, shown",
    [
        (200, 50, True, "50/200"),
        (None, 0, False, ""),
    ],
)
def test_count_column_shows_documents_only_on_counting_stages(total, completed, counts, shown):
    assert CountColumn().render(_task(total, completed, counts)).plain == shown


def test_rate_column_shows_rate_and_time_left_while_extracting():
    task = _task(200, 50, True)
    task.start_time = task.get_time() - 10.0
    assert RateColumn().render(task).plain == "5.0 docs/s, 0:30 left"


def test_each_stage_keeps_its_own_finished_line():
    display = RichProgress(enabled=False)
    with display:
        for stage in ("reading", "extracting", "building graph"):
            display.stage(stage)
        display.stage("done")
    tasks = display._progress.tasks
    assert [t.description for t in tasks] == ["reading", "extracting", "building graph"]
    assert all(t.finished for t in tasks)
