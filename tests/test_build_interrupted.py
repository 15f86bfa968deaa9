"""Real builds: kill -9 leaves one complete build; a concurrent build stops at once."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_support import visible_outputs

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
KILL_AT = (0.2, 0.6, 0.9, 0.97, 1.05)
"""When to kill, as a share of one build's duration: loading, processing and writing."""


def _command(inputs, out):
    return [sys.executable, "-m", "zhkg.cli", "build", *map(str, inputs), "-o", str(out), "-q"]


def _build(inputs, out):
    done = subprocess.run(_command(inputs, out), capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return visible_outputs(out)


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
        visible = visible_outputs(out)
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
