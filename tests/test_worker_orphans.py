"""A worker whose build was killed with kill -9 exits instead of holding its pipeline."""

from __future__ import annotations

import os
import subprocess
import sys
import time

_WORKER = (
    "import os, time\n"
    "from pipelines.workers import _exit_with_parent\n"
    "_exit_with_parent(os.getppid())\n"
    "print(os.getpid(), flush=True)\n"
    "time.sleep(120)\n"
)
_BUILD = (
    "import os, signal, subprocess, sys\n"
    f"worker = subprocess.Popen([sys.executable, '-c', {_WORKER!r}], stdout=subprocess.PIPE, text=True)\n"
    "print(worker.stdout.readline().strip(), flush=True)\n"
    "os.kill(os.getpid(), signal.SIGKILL)\n"
)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_worker_exits_when_its_build_is_killed():
    build = subprocess.run([sys.executable, "-c", _BUILD], capture_output=True, text=True, timeout=60)
    worker = int(build.stdout.split()[0])
    deadline = time.monotonic() + 30
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(worker), "the worker outlived its killed parent"


def test_a_worker_keeps_running_while_its_build_is_alive():
    with subprocess.Popen([sys.executable, "-c", _WORKER], stdout=subprocess.PIPE, text=True) as worker:
        try:
            int(worker.stdout.readline())
            time.sleep(1.5)
            assert worker.poll() is None
        finally:
            worker.kill()


_LATE_WORKER = (
    "import multiprocessing, sys\n"
    "from pipelines.workers import _start_worker\n"
    "_start_worker(multiprocessing.Value('i', 0), [], int(sys.argv[1]))\n"
)


def test_a_worker_whose_build_died_before_it_started_exits():
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    worker = subprocess.run([sys.executable, "-c", _LATE_WORKER, str(gone.pid)],
                            capture_output=True, text=True, timeout=300)
    assert (worker.returncode, worker.stderr) == (1, "")
