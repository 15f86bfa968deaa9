"""The DuckDB store: records keyed by content and pipeline, the graph as tables."""

from __future__ import annotations

import duckdb
import networkx as nx
import pytest
from graph_records_support import make_doc
from test_query_graph import synthetic_graph

from graph.build import build_graph
from zhkg.errors import StoreError
from zhkg.store.builds import current_build, schema_name
from zhkg.records import ORG, PERSON, PLACE, Relation
from zhkg.store import SCHEMA_VERSION, InputDocument, Store, StoredRecord, content_hash, graph_rows, read_graph

FP = "fingerprint-a"


def _record(text: str) -> StoredRecord:
    return StoredRecord(content_hash(text), text[:4], len(text), '{"doc_id": "%s"}' % text[:4])


def _store_with_inputs(path, texts: list[str]) -> Store:
    store = Store(path)
    store.set_inputs([InputDocument(content_hash(t), t[:4], f"{i}.txt") for i, t in enumerate(texts)])
    return store


@pytest.mark.parametrize(
    "stored, inputs, missing",
    [
        ([], ["张某赴武汉调研。", "李某到访长沙。"], ["张某赴武汉调研。", "李某到访长沙。"]),
        (["张某赴武汉调研。"], ["张某赴武汉调研。", "李某到访长沙。"], ["李某到访长沙。"]),
        (["张某赴武汉调研。", "李某到访长沙。"], ["李某到访长沙。"], []),
    ],
)
def test_only_documents_without_a_record_are_missing(tmp_path, stored, inputs, missing):
    with _store_with_inputs(tmp_path / "s.duckdb", inputs) as store:
        store.add_records(FP, [_record(t) for t in stored])
        assert store.missing(FP) == {content_hash(t) for t in missing}


def test_a_record_of_another_pipeline_does_not_count(tmp_path):
    with _store_with_inputs(tmp_path / "s.duckdb", ["张某赴武汉调研。"]) as store:
        store.add_records("fingerprint-b", [_record("张某赴武汉调研。")])
        assert store.missing(FP) == {content_hash("张某赴武汉调研。")}


def test_prune_drops_records_of_other_pipelines(tmp_path):
    with _store_with_inputs(tmp_path / "s.duckdb", ["张某赴武汉调研。"]) as store:
        store.add_records("fingerprint-b", [_record("张某赴武汉调研。")])
        store.add_records(FP, [_record("李某到访长沙。")])
        assert store.prune(FP) == 1
        assert store.con.execute("SELECT DISTINCT fingerprint FROM records").fetchall() == [(FP,)]


def test_records_come_back_in_id_order_with_the_current_source(tmp_path):
    texts = ["乙文张某赴武汉调研。", "甲文李某到访长沙。"]
    with _store_with_inputs(tmp_path / "s.duckdb", texts) as store:
        store.add_records(FP, [_record(t) for t in texts])
        records = list(store.input_records(FP))
    assert [r["doc_id"] for r in records] == sorted(t[:4] for t in texts)
    assert {r["source"] for r in records} == {"0.txt", "1.txt"}


def test_content_hash_depends_on_what_the_pipeline_reads():
    base = content_hash("正文。", "标题", "2023-06-01", "http://a")
    assert base == content_hash("正文。", "标题", "2023-06-01", "http://a")
    others = [content_hash("正文！", "标题", "2023-06-01", "http://a"),
              content_hash("正文。", "标题二", "2023-06-01", "http://a"),
              content_hash("正文。", "标题", "2023-06-02", "http://a")]
    assert base not in others


def test_a_store_of_another_schema_version_is_rebuilt(tmp_path):
    path = tmp_path / "s.duckdb"
    with _store_with_inputs(path, ["张某赴武汉调研。"]) as store:
        store.add_records(FP, [_record("张某赴武汉调研。")])
        store.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    with Store(path) as store:
        assert store.con.execute("SELECT count(*) FROM records").fetchone() == (0,)
        version = store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert version == (str(SCHEMA_VERSION),)


def test_a_build_connection_leaves_the_other_cores_to_the_workers(tmp_path):
    with Store(tmp_path / "s.duckdb") as db:
        assert db.con.execute("SELECT current_setting('threads')").fetchone()[0] == 1


def test_a_file_that_is_not_duckdb_is_a_store_error(tmp_path):
    path = tmp_path / "s.duckdb"
    path.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(StoreError, match="E011"):
        Store(path)


def _built_graph() -> nx.MultiDiGraph:
    docs = [
        make_doc("d1", "张某任某某局局长。", "张某赴武汉调研。", date="2023-06-01",
                 mentions=[("张某", PERSON, 0), ("某某局", ORG, 0), ("张某", PERSON, 1), ("武汉", PLACE, 1)],
                 relations=[Relation("HOLDS_POST", "张某", PERSON, "某某局", ORG, sent=0, attrs={"title": "局长"}),
                            Relation("VISITED", "张某", PERSON, "武汉", PLACE, sent=1)]),
        make_doc("d2", "某某局在武汉召开会议。", date="2023-07-02",
                 mentions=[("某某局", ORG, 0), ("武汉", PLACE, 0)]),
    ]
    return build_graph(docs)


@pytest.mark.parametrize("slice_rows", [1, 2, 20_000])
@pytest.mark.parametrize("make_graph", [_built_graph, synthetic_graph])
def test_the_graph_reads_back_equal(tmp_path, make_graph, slice_rows, monkeypatch):
    """Written a slice of nodes and edges at a time, the graph reads back the same."""
    monkeypatch.setattr(graph_rows, "SLICE_ROWS", slice_rows)
    graph = make_graph()
    with Store(tmp_path / "s.duckdb") as store:
        store.write_graph(graph, {"degree": dict.fromkeys(graph, 1.0)})
        back = read_graph(store.con)
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))
    assert back.graph == graph.graph


def test_part_of_the_graph_reads_back_as_the_induced_subgraph(tmp_path):
    graph = _built_graph()
    keep = ["PERSON:张某", "PLACE:武汉"]
    with Store(tmp_path / "s.duckdb") as store:
        store.write_graph(graph, {})
        part = read_graph(store.con, keep)
    expected = graph.subgraph(keep)
    assert sorted(part.nodes) == sorted(keep)
    assert sorted(part.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))


def test_a_second_graph_replaces_the_first(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.write_graph(synthetic_graph(), {})
        store.write_graph(_built_graph(), {})
        back = read_graph(store.con)
    assert sorted(back.nodes) == sorted(_built_graph().nodes)


def test_a_store_is_a_plain_duckdb_file_other_tools_can_read(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.write_graph(_built_graph(), {})
    con = duckdb.connect(str(path), read_only=True)
    schema = schema_name(current_build(con, path))
    relations = con.execute(f"SELECT relation, count(*) FROM {schema}.edges GROUP BY 1 ORDER BY 1").fetchall()
    assert relations == [("CO_OCCURS", 3), ("HOLDS_POST", 1), ("VISITED", 1)]
