"""A run over a folder of 1,000 small generated files completes and accounts for every file."""

import json
import time

from ingest import read_paths
from ingest.report import build_report

N_FILES = 1000
# Generous bound: the run takes about a second; the bound only catches a pathological slowdown.
MAX_SECONDS = 60


def _article(i: int) -> str:
    return f"第{i}号稿件\n第{i}次会议在合肥召开，研究部署工作。\n　　会议强调，要坚持高质量发展。"


def _content(i: int) -> tuple[str, bytes]:
    """Ten kinds: empty, binary, a copy of the next file, GBK, HTML, Markdown, JSON lines..."""
    article = _article(i)
    kind = i % 10
    if kind == 0:
        return "txt", b""
    if kind == 1:
        return "txt", bytes(range(256))
    if kind == 2:
        return "txt", _article(i + 1).replace("　", " ").encode()
    if kind == 3:
        return "txt", article.encode("gbk")
    if kind == 4:
        return "html", "".join(
            f"<div><span>{p}</span></div><div>&nbsp;</div>" for p in article.split("\n")
        ).encode()
    if kind == 5:
        return "md", f"# {article}".encode()
    if kind == 6:
        record = json.dumps({"title": f"第{i}号稿件", "text": article}, ensure_ascii=False)
        return "jsonl", f"{record}\n{{broken\n".encode()
    return "txt", article.encode("utf-8-sig" if kind == 7 else "utf-8")


def test_thousand_files_are_all_accounted_for(tmp_path):
    for i in range(N_FILES):
        suffix, data = _content(i)
        folder = tmp_path / f"d{i // 100}"
        folder.mkdir(exist_ok=True)
        (folder / f"{i:04d}.{suffix}").write_bytes(data)
    start = time.perf_counter()
    result = read_paths([tmp_path])
    elapsed = time.perf_counter() - start
    report = build_report(result)
    assert elapsed < MAX_SECONDS
    assert len(report["files"]) == N_FILES
    assert all(sum(counts.values()) >= 1 for counts in report["files"].values())
    assert report["counts"] == {
        "files": N_FILES,
        "documents": 700,
        "failures": 300,
        "duplicates": 100,
        "skipped": 0,
    }
