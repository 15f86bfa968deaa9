"""The build's extractor opening: workers released in the background, errors not lost."""

from __future__ import annotations

import threading

import pytest

import pipelines.workers
from zhkg import job


class FakeExtractor:
    """Records the thread that closes it; ``fails`` makes closing raise."""

    def __init__(self, fails: bool) -> None:
        self.fails = fails
        self.closed_by: list[str] = []

    def close(self) -> None:
        self.closed_by.append(threading.current_thread().name)
        if self.fails:
            raise RuntimeError("a worker did not exit")


@pytest.fixture
def opening(monkeypatch):
    def open_with(fails: bool):
        extractor = FakeExtractor(fails)
        monkeypatch.setattr(pipelines.workers, "open_extractor", lambda workers, scheduler: extractor)
        return job._Opening(1, None), extractor
    return open_with


def test_released_workers_are_closed_once_in_another_thread(opening):
    started, extractor = opening(fails=False)
    started.release()
    started.close()
    started.close()
    assert len(extractor.closed_by) == 1
    assert extractor.closed_by[0] != threading.current_thread().name


@pytest.mark.parametrize("released", [True, False])
def test_an_error_of_closing_is_raised_by_close(opening, released):
    started, _ = opening(fails=True)
    if released:
        started.release()
    with pytest.raises(RuntimeError, match="did not exit"):
        started.close()
