"""The ``zhkg`` command: help, and one-line errors for bad invocations."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_zhkg(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the CLI as a user would, in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "zhkg.cli", *args], cwd=cwd, capture_output=True, text=True,
        timeout=120,
    )


def test_help_lists_the_commands():
    result = run_zhkg("--help")
    assert result.returncode == 0
    for command in ("setup", "build", "query"):
        assert command in result.stdout


def test_help_does_not_import_spacy():
    code = "import sys, zhkg.cli; assert 'spacy' not in sys.modules, 'spacy imported'"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def _assert_one_line_error(result: subprocess.CompletedProcess, needle: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert needle in lines[0]


def test_missing_path_is_a_one_line_error(tmp_path):
    result = run_zhkg("build", str(tmp_path / "no-such-dir"), "-o", str(tmp_path / "out"), "-q")
    _assert_one_line_error(result, "no-such-dir")


def test_empty_folder_is_a_one_line_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_zhkg("build", str(empty), "-o", str(tmp_path / "out"), "-q")
    _assert_one_line_error(result, "empty")


def test_unwritable_output_is_a_one_line_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    result = run_zhkg("build", str(ROOT / "seeds"), "-o", str(blocker / "out"), "-q")
    _assert_one_line_error(result, "cannot write to output directory")


def test_unknown_format_is_rejected(tmp_path):
    result = run_zhkg("build", str(ROOT / "seeds"), "-o", str(tmp_path), "--format", "pdf", "-q")
    assert result.returncode != 0
    assert "pdf" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_build_on_seeds_writes_the_graph(seed_build):
    summary, out = seed_build
    assert (out / "graph.html").is_file()
    assert (out / "graph.graphml").is_file()
    assert summary.documents_read == 2
    assert summary.documents_failed == 0
    assert "PERSON" in summary.entities


def test_summary_line_names_counts_and_paths(seed_build):
    summary, out = seed_build
    line = summary.line()
    assert "2 read, 0 failed" in line
    assert str(out / "graph.graphml") in line
    assert "\n" not in line


def test_a_bad_file_is_reported_and_the_run_goes_on(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("工信部部长赴湖南调研。", encoding="utf-8")
    (inputs / "broken.txt").write_bytes(b"\x00\x01\x02\xff")
    out = tmp_path / "out"
    result = run_zhkg("build", str(inputs), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr
    assert "broken.txt" in result.stderr and "binary" in result.stderr
    assert "1 read, 1 failed" in result.stdout
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    failed = [e for e in report["entries"] if e["status"] == "failed"]
    assert [Path(e["source"]).name for e in failed] == ["broken.txt"]


def test_strict_mode_fails_when_any_input_fails(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("工信部部长赴湖南调研。", encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    result = run_zhkg("build", str(inputs), "-o", str(tmp_path / "out"), "-q", "--strict")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "empty.txt: empty file" in result.stderr
    assert "--strict" in result.stderr.splitlines()[-1]
