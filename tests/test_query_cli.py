"""``zhkg query`` commands, run with Typer's CliRunner on a small graph file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from test_query_graph import synthetic_graph
from typer.testing import CliRunner

from graph.query import Ranking, load
from zhkg.query_cli import RankBy, app

graphml = pytest.importorskip("graph.readwrite.graphml")

runner = CliRunner()


@pytest.fixture
def graph_file(tmp_path: Path) -> Path:
    path = tmp_path / "graph.graphml"
    graphml.write_graphml(synthetic_graph(), path)
    return path


def _json(graph_file: Path, *args: str) -> list[dict]:
    result = runner.invoke(app, [*args, "--graph", str(graph_file), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_visits_by_actor(graph_file: Path) -> None:
    rows = _json(graph_file, "visits", "--actor", "国务院国资委")
    assert {r["target"] for r in rows} == {"浙江", "湖南", "中国航材"}


def test_visits_since(graph_file: Path) -> None:
    rows = _json(graph_file, "visits", "--since", "2023-09")
    assert [(r["actor"], r["target"]) for r in rows] == [("祁立衡", "宿州市")]


def test_posts_by_org(graph_file: Path) -> None:
    rows = _json(graph_file, "posts", "--org", "安徽省科技厅")
    assert [(r["person"], r["title"]) for r in rows] == [("周启航", "党组副书记|副厅长"), ("祁立衡", "党组书记|厅长")]


def test_json_keeps_evidence(graph_file: Path) -> None:
    rows = _json(graph_file, "posts", "--person", "祁立衡")
    assert "祁立衡" in rows[0]["evidence"][0]["sentence"]


def test_json_puts_one_record_a_line(graph_file: Path) -> None:
    result = runner.invoke(app, ["visits", "--graph", str(graph_file), "--json"])
    lines = result.stdout.splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == json.loads(result.stdout)


def test_json_of_no_records_is_an_empty_list(graph_file: Path) -> None:
    assert _json(graph_file, "visits", "--since", "2999-01-01") == []


@pytest.mark.parametrize(
    "args, field, expected",
    [
        (["members", "国务院国资委"], "member", ["规划局"]),
        (["initiatives", "安徽省科技厅"], "initiative", ["主题教育", "免审即办"]),
        (["initiatives", "国务院国资委", "--include-parts"], "initiative", ["主题教育", "央企重组"]),
        (["neighbors", "宿州市", "--relation", "VISITED"], "other", ["祁立衡"]),
        (["find", "许文博"], "id", ["PERSON:许文博@安徽省科技厅", "PERSON:许文博@海关总署"]),
        (["top", "--type", "ORG", "-k", "1"], "label", ["国务院国资委"]),
        (["top", "--type", "INITIATIVE", "--by", "pagerank", "-k", "1"], "label", ["主题教育"]),
        (["path", "祁立衡", "安徽省"], "target", ["宿州市", "安徽省"]),
    ],
)
def test_commands_return_records(graph_file: Path, args: list[str], field: str, expected: list[str]) -> None:
    assert [r[field] for r in _json(graph_file, *args)] == expected


def test_table_is_the_default_output(graph_file: Path) -> None:
    result = runner.invoke(app, ["posts", "--org", "省科技厅", "--graph", str(graph_file)])
    assert result.exit_code == 0
    assert "祁立衡" in result.stdout and "党组书记|厅长" in result.stdout and "person" in result.stdout


def test_table_says_when_nothing_matches(graph_file: Path) -> None:
    result = runner.invoke(app, ["visits", "--since", "2030", "--graph", str(graph_file)])
    assert (result.exit_code, result.stdout.strip()) == (0, "(no results)")


def test_csv_has_header_and_flattened_evidence(graph_file: Path) -> None:
    result = runner.invoke(app, ["visits", "--actor", "祁立衡", "--graph", str(graph_file), "--csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["actor"], r["target"], r["actor_id"]) for r in rows] == [("祁立衡", "宿州市", "PERSON:祁立衡")]
    assert rows[0]["evidence"].startswith("省科技厅党组书记")


def test_unknown_name_fails_with_suggestions(graph_file: Path) -> None:
    result = runner.invoke(app, ["visits", "--actor", "祁立", "--graph", str(graph_file)])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("zhkg: error: [Q001] 未找到 '祁立'. Did you mean: 祁立衡")
    assert result.stdout == "" and "Traceback" not in result.output


def test_missing_graph_says_to_build_first(tmp_path: Path) -> None:
    result = runner.invoke(app, ["top", "--graph", str(tmp_path / "none.graphml")])
    assert result.exit_code == 1
    assert "zhkg build" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_bad_date_fails_cleanly(graph_file: Path) -> None:
    result = runner.invoke(app, ["visits", "--since", "昨天", "--graph", str(graph_file)])
    assert result.exit_code == 1 and "YYYY-MM-DD" in result.stderr


def test_json_and_csv_together_are_refused(graph_file: Path) -> None:
    result = runner.invoke(app, ["top", "--graph", str(graph_file), "--json", "--csv"])
    assert result.exit_code == 1 and "--json" in result.stderr


def test_rank_choices_match_the_api() -> None:
    assert [r.value for r in RankBy] == [r.value for r in Ranking]


def test_subgraph_writes_the_chosen_exports(graph_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "sub"
    args = ["subgraph", "宿州市", "--graph", str(graph_file), "-o", str(out), "-f", "graphml", "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert sorted(Path(line).name for line in result.stdout.splitlines()) == ["graph.graphml", "graph.json"]
    assert {v.target for v in load(out / "graph.json").visits()} == {"宿州市"}


def test_subgraph_of_unknown_name_fails_cleanly(graph_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["subgraph", "祁立", "--graph", str(graph_file), "-o", str(tmp_path / "sub")])
    assert result.exit_code == 1 and "祁立衡" in result.stderr
    assert not (tmp_path / "sub").exists()
