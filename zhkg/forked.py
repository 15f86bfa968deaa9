"""Run one function in a forked child process while this process goes on.

A build ends with two kinds of writing: the store's tables and the export
files, each several seconds of pure Python on a large corpus. A forked child
shares the finished graph with its parent for free (copy-on-write, nothing
pickled), so the two halves run on two cores at once.

The child never talks to the terminal: its log records come back with its
result and are logged by the parent, so a progress display drawing in another
thread is never written to from two processes. When the child fails in any
way (an exception, a crash, a kill), the parent runs the function itself, so
an error surfaces exactly as it would without the child, coded and with its
traceback. Where ``fork`` does not exist the function simply runs in the
parent when its result is asked for.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import multiprocessing
import os
import signal
from typing import Any, Callable, Generic, TypeVar

log = logging.getLogger(__name__)

Result = TypeVar("Result")

_PR_SET_PDEATHSIG = 1
"""Linux ``prctl`` option: the signal a process gets when its parent dies."""


class ForkedCall(Generic[Result]):
    """``fn(*args)`` started in a forked child; :meth:`result` waits for it.

    Examples
    --------
    >>> ForkedCall(sum, [1, 2, 3]).result()
    6
    """

    def __init__(self, fn: Callable[..., Result], *args: Any) -> None:
        self._fn, self._args = fn, args
        self._process = None
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(send, os.getpid(), fn, args), daemon=True)
        self._process.start()
        send.close()

    def result(self) -> Result:
        """The child's result; if the child failed, ``fn``'s result (or error) in this process."""
        if self._process is None:
            return self._fn(*self._args)
        try:
            ok, value, records = self._receive.recv()
        except (EOFError, OSError):
            ok, value, records = False, "the child process ended without a result", []
        finally:
            self._receive.close()
            self._process.join()
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        if ok:
            return value
        log.warning("forked %s failed (%s); running it here", getattr(self._fn, "__name__", self._fn), value)
        return self._fn(*self._args)

    def cancel(self) -> None:
        """Stop the child (the caller failed and will not ask for the result)."""
        if self._process is not None and self._process.is_alive():
            self._process.kill()
        if self._process is not None:
            self._process.join()
            self._receive.close()
            self._process = None


class _Collector(logging.Handler):
    """Keeps the child's log records to send them to the parent."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _child(send, parent: int, fn: Callable[..., Any], args: tuple) -> None:
    """The child's body: die with the parent, log into a list, send ``(ok, value, records)``."""
    _die_with_parent(parent)
    gc.disable()  # it allocates much and lives seconds: collections would only cost time
    collector = _Collector()
    root = logging.getLogger()
    root.handlers = [collector]
    try:
        message = (True, fn(*args), collector.records)
    except BaseException as error:  # noqa: BLE001 - the parent re-runs fn to raise it properly
        message = (False, f"{type(error).__name__}: {error}", collector.records)
    try:
        send.send(message)
    except Exception as error:  # noqa: BLE001 - an unpicklable result: the parent re-runs fn
        send.send((False, f"result not sendable: {error}", collector.records))
    send.close()


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this child when its parent dies (kill -9 of a build leaves no writer behind)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the daemon flag covers normal exits
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
