"""write_all: every format by default, or the ones asked for."""

from __future__ import annotations

import pytest
from browser_support import hostile_graph

from graph.readwrite import DEFAULT_FORMATS, Format, write_all

ALL_FILES = {"graph.html", "graph.graphml", "graph.gexf", "graph.json", "nodes.csv", "edges.csv",
             "careers.csv"}


def test_default_writes_every_format(tmp_path):
    written = write_all(hostile_graph(), tmp_path / "out")
    assert {p.name for paths in written.values() for p in paths} == ALL_FILES
    assert all(p.is_file() and p.stat().st_size for paths in written.values() for p in paths)


def test_defaults_are_all_formats():
    assert set(DEFAULT_FORMATS) == set(Format)


@pytest.mark.parametrize(
    ("formats", "files"),
    [
        (["graphml"], {"graph.graphml"}),
        ([Format.csv, Format.json], {"nodes.csv", "edges.csv", "careers.csv", "graph.json"}),
        (["gexf", "gexf"], {"graph.gexf"}),
    ],
)
def test_writes_only_the_formats_asked_for(tmp_path, formats, files):
    write_all(hostile_graph(), tmp_path, formats)
    assert {p.name for p in tmp_path.iterdir()} == files


def test_returns_paths_per_format_name(tmp_path):
    written = write_all(hostile_graph(), tmp_path, ["html", "csv"])
    assert {k: [p.name for p in v] for k, v in written.items()} == {
        "html": ["graph.html"], "csv": ["nodes.csv", "edges.csv", "careers.csv"]}


def test_unknown_format_is_refused_with_the_choices(tmp_path):
    with pytest.raises(ValueError, match="graphml"):
        write_all(hostile_graph(), tmp_path, ["svg"])


def test_max_nodes_below_one_is_refused(tmp_path):
    with pytest.raises(ValueError, match="max_nodes"):
        write_all(hostile_graph(), tmp_path, ["html"], max_nodes=0)
