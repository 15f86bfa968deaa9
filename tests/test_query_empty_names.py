"""A blank entity name is a coded error, never "every entity"."""

import subprocess
import sys

import networkx as nx
import pytest

from graph.query import KnowledgeGraph
from graph.readwrite import write_json
from zhkg.errors import InvalidQueryError


def _graph():
    G = nx.MultiDiGraph()
    G.add_node("ORG:某某部", label="某某部", type="ORG")
    G.add_node("PERSON:张某", label="张某", type="PERSON")
    G.add_edge("PERSON:张某", "ORG:某某部", key="HOLDS_POST:张某->某某部", relation="HOLDS_POST",
               title="部长", evidence=[], documents=["d1"], weight=1)
    return G


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "query",
    [
        lambda kg: kg.members(""),
        lambda kg: kg.members("  "),
        lambda kg: kg.path("", ""),
        lambda kg: kg.path("张某", ""),
    ],
)
def test_blank_names_are_rejected(query):
    with pytest.raises(InvalidQueryError, match=r"^\[Q002\] .*name is empty"):
        query(KnowledgeGraph(_graph()))


@pytest.mark.issue(15)
def test_members_of_a_named_organisation_still_work():
    assert [m.member for m in KnowledgeGraph(_graph()).members("某某部")] == ["张某"]


@pytest.mark.issue(15)
@pytest.mark.parametrize("args", [["members", ""], ["path", "", ""]])
def test_the_cli_exits_with_a_one_line_error(tmp_path, args):
    write_json(_graph(), tmp_path / "graph.json")
    done = subprocess.run(
        [sys.executable, "-m", "zhkg.cli", "query", *args, "--graph", str(tmp_path / "graph.json")],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "[Q002]" in line
