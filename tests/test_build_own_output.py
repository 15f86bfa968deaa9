"""A build whose input folder holds its output folder does not read its own outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.paths import OUTPUT_FOLDER_REASON
from zhkg.errors import ModelMissingError

ARTICLES = {
    "a.txt": "某某县委书记刘海平赴南湖镇调研。\n刘海平强调，要抓好春耕生产。",
    "b.txt": "市交通运输局局长陈志远主持召开安全生产会议。\n会议部署了道路安全检查工作。",
}


def _build(inputs: Path, out: Path):
    from zhkg.job import build

    try:
        return build([inputs], out, formats=["json", "html", "csv"], workers=1)
    except ModelMissingError as error:
        pytest.skip(str(error))


@pytest.mark.issue(15)
def test_a_rebuild_into_a_folder_inside_the_input_reads_only_the_articles(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    first = _build(tmp_path, out)
    second = _build(tmp_path, out)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    skipped = {e["file"]: e["reason"] for e in report["entries"] if e.get("status") == "skipped"}
    assert (first.documents_read, second.documents_read) == (len(ARTICLES), len(ARTICLES))
    assert skipped == {str(out): OUTPUT_FOLDER_REASON}
