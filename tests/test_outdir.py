"""The output directory is locked per build and switches from one complete build to the next."""

import errno
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from zhkg.errors import OutputError, OutputLockedError
from zhkg.outdir import graph_build, open_output, published_build

OLD = {"graph.json": "旧", "report.json": "旧", "nodes.csv": "旧"}
NEW = {"graph.json": "新", "report.json": "新", "edges.csv": "新"}


def _build(outdir, files):
    with open_output(outdir) as output:
        for name, text in files.items():
            (output.staging / name).write_text(text, encoding="utf-8")
        return output.commit()


def _visible(outdir):
    """What a reader of ``outdir`` sees: name -> content, for every readable output."""
    seen = {}
    for entry in sorted(outdir.iterdir()):
        if entry.name.startswith("."):
            continue
        try:
            seen[entry.name] = entry.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
    return seen


@pytest.mark.issue(15)
def test_a_build_publishes_its_files_and_only_them(tmp_path):
    _build(tmp_path, OLD)
    published = _build(tmp_path, NEW)
    assert _visible(tmp_path) == NEW
    assert sorted(p.name for p in published.values()) == sorted(NEW)
    assert sorted(os.listdir(tmp_path / ".zhkg" / "builds")) == [
        os.path.basename(os.readlink(tmp_path / ".zhkg" / "current"))
    ]


@pytest.mark.issue(15)
def test_a_failed_build_leaves_the_previous_outputs(tmp_path):
    _build(tmp_path, OLD)
    with pytest.raises(RuntimeError), open_output(tmp_path) as output:
        (output.staging / "graph.json").write_text("半", encoding="utf-8")
        raise RuntimeError("pipeline failed")
    assert _visible(tmp_path) == OLD
    assert len(os.listdir(tmp_path / ".zhkg" / "builds")) == 1


@pytest.mark.issue(15)
def test_a_second_build_into_the_same_directory_fails_at_once(tmp_path):
    with open_output(tmp_path):
        with pytest.raises(OutputLockedError, match=rf"^\[E008\] .*process {os.getpid()}"):
            with open_output(tmp_path):
                pass
    _build(tmp_path, NEW)
    assert _visible(tmp_path) == NEW


@pytest.mark.issue(15)
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_disk_errors_become_one_output_error(tmp_path, code):
    with pytest.raises(OutputError, match=r"^\[E003\] cannot write to output directory .*: "):
        with open_output(tmp_path):
            raise OSError(code, os.strerror(code))


@pytest.mark.issue(15)
def test_an_output_path_that_is_a_file_is_an_output_error(tmp_path):
    (tmp_path / "out").write_text("x")
    with pytest.raises(OutputError, match="(?i)not a directory"):
        _build(tmp_path / "out", NEW)


# The child counts the file-system steps of a build and kills itself with SIGKILL
# at step KILL_AT: every point of staging and of publishing is hit once.
_CHILD = textwrap.dedent(
    """
    import os, signal, sys
    import zhkg.outdir as outdir
    from pathlib import Path

    steps = [0]
    kill_at = int(sys.argv[2])

    def counted(func):
        def step(*args, **kwargs):
            if steps[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            steps[0] += 1
            return func(*args, **kwargs)
        return step

    for name in ("replace", "symlink", "fsync", "unlink"):
        setattr(outdir.os, name, counted(getattr(os, name)))
    files = {files!r}
    with outdir.open_output(sys.argv[1]) as output:
        for name, text in files.items():
            counted(Path.write_text)(output.staging / name, text, encoding="utf-8")
        output.commit()
    print(steps[0])
    """
)


def _run_child(outdir, kill_at):
    code = _CHILD.format(files=NEW)
    return subprocess.run(
        [sys.executable, "-c", code, str(outdir), str(kill_at)],
        capture_output=True, text=True, check=False,
    )


@pytest.mark.issue(15)
def test_kill_at_any_step_leaves_the_old_or_the_new_build(tmp_path):
    total = int(_run_child(tmp_path / "count", -1).stdout)
    assert total > len(NEW)
    for kill_at in range(total):
        outdir = tmp_path / f"k{kill_at}"
        _build(outdir, OLD)
        done = _run_child(outdir, kill_at)
        assert done.returncode == -signal.SIGKILL
        assert _visible(outdir) in (OLD, NEW), kill_at
        _build(outdir, NEW)
        assert _visible(outdir) == NEW


@pytest.mark.issue(15)
@pytest.mark.parametrize("graph_of", [None, "ab12"])
def test_the_published_build_tells_whose_graph_its_files_show(tmp_path, graph_of):
    with open_output(tmp_path, graph_of=graph_of) as output:
        (output.staging / "graph.json").write_text("新", encoding="utf-8")
        output.commit()
    assert published_build(tmp_path) == output.build
    assert graph_build(published_build(tmp_path)) == (graph_of or output.build)
