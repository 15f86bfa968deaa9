"""The build through the store: incremental, the same on any number of workers or a cluster."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from zhkg.errors import ModelMissingError, WorkerMismatchError
from zhkg.store import STORE_NAME

ROOT = Path(__file__).resolve().parents[1]

ARTICLES = {
    "a.txt": "某某市委书记张建华赴东湖新区调研。\n张建华强调，要扎实推进乡村振兴。",
    "b.txt": "省发展改革委主任李明到访长沙市。\n李明出席了省发展改革委召开的座谈会。",
    "c.txt": "国家统计局局长王立新在北京主持召开会议。\n会议部署了第三次全国农业普查工作。",
}
EXTRA = {"d.txt": "县农业农村局局长赵刚深入乡镇调研春耕生产。\n赵刚要求抓好粮食生产。"}
EXPORTS = ("graph.json", "graph.graphml", "edges.csv", "nodes.csv")


def _write(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _build(inputs: Path, out: Path, **options):
    from zhkg.job import build

    try:
        return build([inputs], out, formats=["json", "graphml", "csv"], **options)
    except ModelMissingError as error:
        pytest.skip(str(error))


def _exports(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in EXPORTS}


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    """A build of ARTICLES by one worker process (``--workers 1``)."""
    root = tmp_path_factory.mktemp("single")
    inputs = _write(root / "in", ARTICLES)
    return inputs, root / "out", _build(inputs, root / "out", workers=1)


def test_a_build_keeps_its_records_in_the_store_and_writes_no_records_file(single):
    _, out, summary = single
    assert (out / STORE_NAME).is_file()
    assert not (out / "records.jsonl").exists()
    assert (summary.extracted, summary.reused) == (len(ARTICLES), 0)


def _copy_store(out: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / STORE_NAME).write_bytes((out / STORE_NAME).read_bytes())
    return folder


@pytest.mark.slow
def test_a_rebuild_extracts_only_new_documents_and_equals_a_full_build(single, tmp_path):
    _, out, _ = single
    union = _write(tmp_path / "in", {**ARTICLES, **EXTRA})
    again = _build(union, _copy_store(out, tmp_path / "again"), workers=1)
    _build(union, tmp_path / "full", workers=1)
    assert (again.extracted, again.reused) == (len(EXTRA), len(ARTICLES))
    assert _exports(tmp_path / "again") == _exports(tmp_path / "full")


@pytest.mark.slow
def test_two_worker_processes_give_byte_identical_files(single, tmp_path):
    inputs, out, _ = single
    summary = _build(inputs, tmp_path / "two", workers=2, batch_size=1)
    assert summary.extracted == len(ARTICLES)
    assert _exports(tmp_path / "two") == _exports(out)


@pytest.mark.slow
def test_a_dask_cluster_gives_the_single_process_build(single, tmp_path):
    distributed = pytest.importorskip("distributed")
    inputs, out, _ = single
    # ":0" rather than None: with None the scheduler still binds its HTTP routes to port 8787,
    # so the test failed whenever another cluster on the machine held that port.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:
        summary = _build(inputs, tmp_path / "dask", scheduler=cluster.scheduler_address, batch_size=1)
    assert summary.extracted == len(ARTICLES)
    assert _exports(tmp_path / "dask") == _exports(out)


def test_records_of_another_pipeline_are_extracted_again(single, tmp_path):
    import duckdb

    inputs, out, _ = single
    again = _copy_store(out, tmp_path / "again")
    with duckdb.connect(str(again / STORE_NAME)) as con:
        con.execute("UPDATE records SET fingerprint = ?", ["an-earlier-pipeline"])
    summary = _build(inputs, again, workers=1)
    assert (summary.extracted, summary.reused) == (len(ARTICLES), 0)


def test_a_worker_with_another_pipeline_stops_the_build(single, tmp_path, monkeypatch):
    import zhkg.store

    inputs, _, _ = single
    monkeypatch.setattr(zhkg.store, "pipeline_fingerprint", lambda: "the-driver's-pipeline")
    with pytest.raises(WorkerMismatchError, match="E010"):
        _build(inputs, tmp_path / "out", workers=1)


def test_export_records_writes_one_record_per_document(single, tmp_path):
    _, out, _ = single
    target = tmp_path / "records.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "zhkg.cli", "export", "records", "--store", str(out / STORE_NAME), "-o", str(target)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(ARTICLES)
    assert {Path(r["source"]).name for r in records} == set(ARTICLES)
    assert [r["doc_id"] for r in records] == sorted(r["doc_id"] for r in records)


def test_query_uses_the_store_of_the_default_output(single):
    _, out, _ = single
    result = subprocess.run(
        [sys.executable, "-m", "zhkg.cli", "query", "find", "李明", "--json"],
        capture_output=True, text=True, cwd=out.parent,
    )
    assert result.returncode == 0, result.stderr
    assert [m["label"] for m in json.loads(result.stdout)] == ["李明"]


def test_an_unreachable_scheduler_is_a_one_line_error(monkeypatch):
    pytest.importorskip("distributed")
    import pipelines.cluster
    from zhkg.errors import SchedulerError

    monkeypatch.setattr(pipelines.cluster, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(SchedulerError, match="E009.*dask scheduler"):
        pipelines.cluster.DaskCluster("tcp://127.0.0.1:9")


def test_export_graph_from_the_store_rewrites_the_build_files(single, tmp_path):
    from zhkg.store.builds import current_build, use_build
    from zhkg.store.export import export_graph

    _, out, _ = single
    export_graph(out / STORE_NAME, tmp_path / "again", formats=["json", "graphml", "csv"])
    assert _exports(tmp_path / "again") == _exports(out)


def test_export_graph_with_cooccurs_min_1_writes_every_stored_edge(single, tmp_path):
    import duckdb

    from zhkg.store.builds import current_build, use_build
    from zhkg.store.export import export_graph

    _, out, _ = single
    export_graph(out / STORE_NAME, tmp_path / "all", formats=["json"], cooccurs_min=1)
    edges = json.loads((tmp_path / "all" / "graph.json").read_text(encoding="utf-8"))["edges"]
    with duckdb.connect(str(out / STORE_NAME), read_only=True) as con:
        use_build(con, current_build(con, out / STORE_NAME))
        (stored,) = con.execute("SELECT count(*) FROM edges").fetchone()
    assert len(edges) == stored
