"""The example scripts run as a user would run them, on a small graph file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_query_graph import synthetic_graph

graphml = pytest.importorskip("graph.readwrite.graphml")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "graph.graphml"
    graphml.write_graphml(synthetic_graph(), path)
    return path


def run_example(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120,
    )


def test_visits_by_month_groups_by_actor_then_month(graph_file: Path) -> None:
    result = run_example("visits_by_month.py", str(graph_file))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "国务院国资委",
        "  2023-06  中国航材、浙江、湖南",
        "祁立衡",
        "  2023-09  宿州市",
    ]


def test_visits_by_month_lists_undated_visits_last(graph_file: Path) -> None:
    result = run_example("visits_by_month.py", str(graph_file), "--purpose", "")
    lines = result.stdout.splitlines()
    actor = lines.index("周启航")
    assert lines[actor:actor + 2] == ["周启航", "  undated  浙江"]


def test_visits_by_month_filters_by_date(graph_file: Path) -> None:
    result = run_example("visits_by_month.py", str(graph_file), "--since", "2023-07")
    assert result.stdout.splitlines() == ["祁立衡", "  2023-09  宿州市"]


def test_org_profile_shows_posts_and_initiatives(graph_file: Path) -> None:
    result = run_example("org_profile.py", str(graph_file), "省科技厅")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "安徽省科技厅 (ORG)"
    assert "  祁立衡  党组书记、厅长" in lines
    assert any(line.startswith("  免审即办  — ") for line in lines)


def test_org_profile_names_the_unit_behind_an_initiative(graph_file: Path) -> None:
    result = run_example("org_profile.py", str(graph_file), "国资委", "--include-parts")
    assert "Units: 规划局" in result.stdout
    assert any(line.startswith("  央企重组  (by 规划局)") for line in result.stdout.splitlines())


def test_org_profile_suggests_near_matches_for_unknown_name(graph_file: Path) -> None:
    result = run_example("org_profile.py", str(graph_file), "科技")
    assert result.returncode == 1
    assert "安徽省科技厅" in result.stderr and result.stdout == ""
