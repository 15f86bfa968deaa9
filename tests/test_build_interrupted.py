"""Real builds: kill -9 leaves one complete build; a concurrent build stops at once."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_support import visible_outputs

from graph.query import load

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
KILL_AT = (0.2, 0.6, 0.9, 0.97, 1.05)
"""When to kill, as a share of one build's duration: loading, processing and writing."""


_KILLED_AT_COMMIT = """
import json, os, signal, sys
from zhkg.job import build
from zhkg.outdir import OutputSet

publish = OutputSet.commit

def commit(self):
    if sys.argv[3] == "after":
        publish(self)
    os.kill(os.getpid(), signal.SIGKILL)

OutputSet.commit = commit
build(json.loads(sys.argv[1]), sys.argv[2], formats=["json", "csv"])
"""
"""A build that kills itself with SIGKILL just before or just after publishing its files."""


def _command(inputs, out):
    return [sys.executable, "-m", "zhkg.cli", "build", *map(str, inputs), "-o", str(out), "-q"]


def _seen(out):
    """The files of ``out`` and the graph ``zhkg query`` shows: both must be of one build."""
    graph = load(out)
    try:
        return visible_outputs(out), sorted(graph.graph.edges(keys=True))
    finally:
        graph.close()


def _build(inputs, out):
    done = subprocess.run(_command(inputs, out), capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return _seen(out)


@pytest.mark.slow
@pytest.mark.issue(15)
def test_kill_9_during_a_build_leaves_the_old_or_the_new_outputs(tmp_path):
    inputs = {"all": SEEDS, "first": SEEDS[:1]}
    outputs = {"all": _build(SEEDS, tmp_path / "all")}
    started = time.perf_counter()
    outputs["first"] = _build(SEEDS[:1], tmp_path / "first")
    seconds = time.perf_counter() - started
    assert outputs["all"] != outputs["first"]
    out, shown = tmp_path / "killed", "all"
    _build(SEEDS, out)
    for share in KILL_AT:
        target = "first" if shown == "all" else "all"
        build = subprocess.Popen(_command(inputs[target], out), cwd=ROOT, stderr=subprocess.DEVNULL)
        time.sleep(share * seconds)
        build.send_signal(signal.SIGKILL)
        build.wait()
        visible = _seen(out)
        assert visible in (outputs[shown], outputs[target]), f"mixed outputs after kill at {share:.0%}"
        shown = shown if visible == outputs[shown] else target


@pytest.mark.slow
@pytest.mark.issue(15)
def test_a_second_build_into_a_busy_directory_fails_at_once(tmp_path):
    out = tmp_path / "out"
    first = subprocess.Popen(_command(SEEDS, out), cwd=ROOT, stderr=subprocess.DEVNULL)
    lock = out / ".zhkg" / "lock"
    while not (lock.exists() and lock.read_text().strip() == str(first.pid)):
        assert first.poll() is None, "the first build ended before it was seen holding the lock"
        time.sleep(0.05)
    started = time.perf_counter()
    second = subprocess.run(_command(SEEDS, out), capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert time.perf_counter() - started < 30
    assert second.returncode == 1
    (line,) = second.stderr.strip().splitlines()
    assert "[E008]" in line and str(first.pid) in line
    assert first.wait(timeout=900) == 0
    assert (out / "report.json").is_file()


@pytest.mark.slow
@pytest.mark.issue(15)
@pytest.mark.parametrize("moment,shown", [("before", "old"), ("after", "new")])
def test_kill_9_between_the_store_and_the_files_shows_one_build(tmp_path, moment, shown):
    out = tmp_path / "out"
    builds = {"old": _build(SEEDS[:1], out), "new": _build(SEEDS, tmp_path / "new")}
    arguments = [json.dumps([str(p) for p in SEEDS]), str(out), moment]
    killed = subprocess.run([sys.executable, "-c", _KILLED_AT_COMMIT, *arguments],
                            capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    files, graph = _seen(out)
    assert graph == builds[shown][1]
    assert {name: files[name] for name in ("graph.json", "edges.csv")} == {
        name: builds[shown][0][name] for name in ("graph.json", "edges.csv")}
