"""Exports stay well-formed and harmless whatever characters the news held."""

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.readwrite import read_graphml, write_csv, write_gexf, write_graphml
from graph.readwrite.flatten import xml_safe
from graph.readwrite.tables import FORMULA_STARTS, neutralize

BAD = ["\x01", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800"]


def _graph(label: str) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(name=f"图{label}")
    G.add_node(f"ORG:{label}", label=label, type="ORG", aliases=[label, "某部"], mentions=2)
    G.add_node("PLACE:北京", label="北京", type="PLACE", mentions=1)
    evidence = [{"doc": "d1", "sentence": f"{label}在北京。", "start": 0, "end": 5, "date": None}]
    G.add_edge(f"ORG:{label}", "PLACE:北京", key=f"LOCATED_IN:{label}->北京",
               relation="LOCATED_IN", weight=1, evidence=evidence)
    return G


@pytest.mark.issue(15)
@pytest.mark.parametrize("char", BAD)
def test_graphml_with_forbidden_characters_reads_back(char):
    buf = io.BytesIO()
    write_graphml(_graph(f"工{char}信部"), buf)
    buf.seek(0)
    assert "ORG:工\ufffd信部" in read_graphml(buf)


@pytest.mark.issue(15)
@pytest.mark.parametrize("char", BAD)
def test_gexf_with_forbidden_characters_is_well_formed(char):
    buf = io.BytesIO()
    write_gexf(_graph(f"工{char}信部"), buf)
    labels = [e.get("label") for e in ET.fromstring(buf.getvalue()).iter("{http://gexf.net/1.3}node")]
    assert "工\ufffd信部" in labels


@pytest.mark.issue(15)
@pytest.mark.parametrize("text,expected", [("a\x01b", "a\ufffdb"), ("工信部", "工信部"), ("\t\n", "\t\n")])
def test_xml_safe(text, expected):
    assert xml_safe(text) == expected


@pytest.mark.issue(15)
def test_gexf_does_not_record_the_day_it_was_written():
    buf = io.BytesIO()
    write_gexf(_graph("工信部"), buf)
    assert dt.date.today().isoformat().encode() not in buf.getvalue()


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "label,cell",
    [
        ("=HYPERLINK工程", "'=HYPERLINK工程"),
        ("@SUM工程", "'@SUM工程"),
        ("+1工程", "'+1工程"),
        ("-1工程", "'-1工程"),
        ("\t工程", "'\t工程"),
        ("工程=1", "工程=1"),
    ],
)
def test_csv_cells_that_start_a_formula_are_neutralised(tmp_path, label, cell):
    nodes, _ = write_csv(_graph(label), tmp_path)
    rows = list(csv.DictReader(io.StringIO(nodes.read_text(encoding="utf-8"))))
    row = next(r for r in rows if r["id:ID"] != "PLACE:北京")
    assert row["name"] == cell
    assert row["aliases:string[]"].split(";")[0] == cell
    assert row["mentions:int"] == "2"


@pytest.mark.issue(15)
@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=20))
def test_no_neutralised_cell_starts_a_formula(text):
    assert not neutralize(text).startswith(FORMULA_STARTS)
    assert neutralize(text).endswith(text)
