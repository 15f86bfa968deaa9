"""Odd entries under an input folder are skipped with a reason, never fatal or silent."""

import os

import pytest

from ingest import read_paths, scan_paths
from ingest.paths import OUTPUT_FOLDER_REASON, display_path
from zhkg.errors import ZhkgInputError

ARTICLE = "省政府召开常务会议\n8月3日，省政府召开常务会议，研究部署经济工作。"


def _article(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _reasons(folder, **options):
    scan = scan_paths([folder], **options)
    return {os.path.relpath(s.source, display_path(folder)): s.reason for s in scan.skipped}


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "make,name,reason",
    [
        (lambda d: os.symlink("b.txt", d / "a.txt") or os.symlink("a.txt", d / "b.txt"),
         "a.txt", "symlink loop"),
        (lambda d: os.symlink("gone.txt", d / "a.txt"), "a.txt", "broken symlink"),
        (lambda d: os.mkfifo(d / "a.txt"), "a.txt", "not a regular file"),
        (lambda d: os.symlink("/dev/zero", d / "a.txt"), "a.txt", "not a regular file"),
        (lambda d: _article(d / ".a.txt"), ".a.txt", "hidden"),
        (lambda d: _article(d / ".git" / "a.txt"), ".git/a.txt", "hidden"),
        (lambda d: (d / "a.pdf").write_bytes(b"%PDF"), "a.pdf", "unsupported file type '.pdf'"),
        (lambda d: os.symlink(_article(d / "z.txt"), d / "a.txt"), "z.txt", "same file as"),
        (lambda d: os.symlink(d / "sub", d / "link") or _article(d / "sub" / "b.txt"),
         "link", "symlink to a folder"),
    ],
)
def test_odd_entries_are_skipped_with_a_reason(tmp_path, make, name, reason):
    _article(tmp_path / "good.txt")
    make(tmp_path)
    assert reason in _reasons(tmp_path)[name]


@pytest.mark.issue(15)
def test_a_fifo_does_not_block_the_run(tmp_path):
    _article(tmp_path / "good.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    result = read_paths([tmp_path, tmp_path / "pipe.txt"])
    assert [d.source for d in result.documents] == [str(tmp_path / "good.txt")]
    assert [s.source for s in result.skipped] == [str(tmp_path / "pipe.txt")]


@pytest.mark.issue(15)
@pytest.mark.parametrize("size,skipped", [(10, True), (10_000, False)])
def test_files_over_the_size_limit_are_skipped(tmp_path, size, skipped):
    _article(tmp_path / "good.txt")
    (tmp_path / "big.txt").write_text("会议" * 100, encoding="utf-8")
    reasons = _reasons(tmp_path, max_file_size=size)
    assert ("big.txt" in reasons) is skipped


@pytest.mark.issue(15)
def test_a_file_name_that_is_not_utf8_is_read_under_a_printable_name(tmp_path):
    with open(os.path.join(os.fsencode(tmp_path), b"\xff.txt"), "wb") as handle:
        handle.write(ARTICLE.encode())
    (document,) = read_paths([tmp_path]).documents
    assert document.source == f"{tmp_path}/\\xff.txt"
    document.source.encode("utf-8")


@pytest.mark.issue(15)
def test_every_entry_on_disk_is_read_or_skipped(tmp_path):
    _article(tmp_path / "a.txt")
    _article(tmp_path / ".hidden" / "b.txt")
    (tmp_path / "c.doc").write_bytes(b"x")
    os.symlink(tmp_path / "a.txt", tmp_path / "d.txt")
    on_disk = {str(p) for p in tmp_path.rglob("*") if not p.is_dir() or p.is_symlink()}
    result = read_paths([tmp_path])
    listed = set(result.files) | {s.source for s in result.skipped}
    assert listed == on_disk


def _output_folder(folder):
    """A folder laid out like a build's output: a readable export and its state folder."""
    _article(folder / "notes.txt")
    (folder / "graph.html").write_text("<p>省政府召开常务会议。</p>", encoding="utf-8")
    _article(folder / ".zhkg" / "builds" / "b1" / "graph.md")
    return folder


@pytest.mark.issue(15)
def test_the_output_folder_inside_an_input_folder_is_skipped_and_reported(tmp_path):
    _article(tmp_path / "good.txt")
    out = _output_folder(tmp_path / "out")
    result = read_paths([tmp_path], exclude=[out])
    assert [d.source for d in result.documents] == [str(tmp_path / "good.txt")]
    assert {s.source: s.reason for s in result.skipped} == {str(out): OUTPUT_FOLDER_REASON}


@pytest.mark.issue(15)
def test_a_link_into_the_output_folder_is_skipped(tmp_path):
    _article(tmp_path / "in" / "good.txt")
    out = _output_folder(tmp_path / "out")
    os.symlink(out / "notes.txt", tmp_path / "in" / "link.txt")
    result = read_paths([tmp_path / "in", out / "graph.html"], exclude=[out])
    assert [d.source for d in result.documents] == [str(tmp_path / "in" / "good.txt")]
    assert {s.source: s.reason for s in result.skipped} == {
        str(tmp_path / "in" / "link.txt"): OUTPUT_FOLDER_REASON,
        str(out / "graph.html"): OUTPUT_FOLDER_REASON,
    }


@pytest.mark.issue(15)
def test_reading_the_output_folder_itself_is_an_input_error(tmp_path):
    out = _output_folder(tmp_path / "out")
    with pytest.raises(ZhkgInputError, match="is the output folder"):
        read_paths([out], exclude=[out])
