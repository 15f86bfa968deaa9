"""zhkg.forked: a function run in a forked child, its result, logs and failures brought back."""

from __future__ import annotations

import logging
import os

import pytest

from zhkg.errors import OutputError
from zhkg.forked import ForkedCall


def _pid_and_double(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def test_result_comes_from_a_child_process():
    pid, doubled = ForkedCall(_pid_and_double, 21).result()
    assert (pid != os.getpid(), doubled) == (True, 42)


def _fails_in_child_only(parent: int) -> str:
    if os.getpid() != parent:
        raise RuntimeError("崩溃")
    return "父进程"


def test_a_failing_child_is_replaced_by_a_run_in_the_parent():
    assert ForkedCall(_fails_in_child_only, os.getpid()).result() == "父进程"


def _dies_in_child(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(3)
    return "父进程"


def test_a_child_that_dies_is_replaced_by_a_run_in_the_parent():
    assert ForkedCall(_dies_in_child, os.getpid()).result() == "父进程"


def _always_raises() -> None:
    raise OutputError(".", "磁盘已满")


def test_an_error_is_raised_in_the_parent_with_its_own_class():
    with pytest.raises(OutputError, match="磁盘已满"):
        ForkedCall(_always_raises).result()


def _logs() -> int:
    logging.getLogger("zhkg.test_forked").warning("写入完成")
    return 1


def test_the_childs_log_records_are_logged_by_the_parent(caplog):
    with caplog.at_level(logging.INFO, logger="zhkg.test_forked"):
        ForkedCall(_logs).result()
    assert [(r.name, r.getMessage(), r.process == os.getpid()) for r in caplog.records] == [
        ("zhkg.test_forked", "写入完成", True)
    ]


def test_cancel_stops_the_child():
    call = ForkedCall(_pid_and_double, 1)
    call.cancel()
    assert call.result() == (os.getpid(), 2)
