"""The store's graph is the one the output folder publishes, whatever build wrote last."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from graph_records_support import make_doc

from graph.build import build_graph
from graph.query import load
from zhkg.errors import GraphFileError, StoreError
from zhkg.records import ORG, PERSON, PLACE
from zhkg.store import STORE_NAME, Store
from zhkg.store.builds import stored_builds
from zhkg.outdir import published_build
from zhkg.store.export import export_graph, export_records

OLD, NEW = "aa01", "bb02"
GRAPHS = {
    OLD: [make_doc("d1", "张某赴武汉调研。", mentions=[("张某", PERSON, 0), ("武汉", PLACE, 0)])],
    NEW: [make_doc("d2", "李某到某某局座谈。", mentions=[("李某", PERSON, 0), ("某某局", ORG, 0)])],
}


def _publish(out: Path, build: str) -> None:
    """Point ``out/.zhkg/current`` at ``build`` as :mod:`zhkg.outdir` does."""
    state = out / ".zhkg"
    (state / "builds" / build).mkdir(parents=True, exist_ok=True)
    os.symlink(Path("builds", build), state / "current.tmp")
    os.replace(state / "current.tmp", state / "current")


def _write(out: Path, build: str) -> None:
    with Store(out / STORE_NAME) as store:
        store.set_outdir(out, None if build == OLD else OLD)
        store.write_graph(build_graph(GRAPHS[build]), {}, build)


def _labels(out: Path) -> list[str]:
    graph = load(out)
    try:
        return sorted(label for _, label in graph.graph.nodes(data="label"))
    finally:
        graph.close()


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    _write(folder, OLD)
    _publish(folder, OLD)
    return folder


@pytest.mark.issue(15)
def test_a_graph_written_but_not_published_is_not_shown(out):
    _write(out, NEW)
    assert _labels(out) == ["张某", "武汉"]


@pytest.mark.issue(15)
def test_publishing_the_new_build_shows_its_graph(out):
    _write(out, NEW)
    _publish(out, NEW)
    assert _labels(out) == ["李某", "某某局"]


@pytest.mark.issue(15)
def test_the_next_build_drops_the_graphs_no_pointer_names(out):
    _write(out, NEW)
    with Store(out / STORE_NAME) as store:
        store.set_outdir(out, OLD)
        assert stored_builds(store.con) == {OLD}


@pytest.mark.issue(15)
def test_without_a_published_build_queries_and_exports_say_run_build(tmp_path):
    out = tmp_path / "out"
    (out / ".zhkg").mkdir(parents=True)
    _write(out, OLD)
    with pytest.raises(GraphFileError, match="no graph yet"):
        load(out)
    with pytest.raises(StoreError, match="no published build"):
        export_records(out / STORE_NAME, tmp_path / "records.jsonl")


@pytest.mark.issue(15)
def test_files_exported_again_into_the_folder_still_show_the_stored_graph(out):
    export_graph(out / STORE_NAME, out, formats=["json"])
    assert _labels(out) == ["张某", "武汉"]
    with Store(out / STORE_NAME) as store:
        store.set_outdir(out, published_build(out))
        assert stored_builds(store.con) == {OLD}
