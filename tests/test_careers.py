"""Career records built from small hand-written record sets (no spaCy).

Co-held titles, a title change, one title at two organisations, namesakes kept
apart, undated articles; the query API, the CLI and careers.csv.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from graph_records_support import make_doc
from typer.testing import CliRunner

from graph.build import build_graph
from graph.query import KnowledgeGraph
from graph.readwrite import write_all
from graph.readwrite.careers import BOM, CAREERS_NAME, HEADER, write_careers_csv
from graph.readwrite.graphml import write_graphml
from zhkg.query_cli import app
from zhkg.records import HOLDS_POST, Relation


def post_doc(doc_id: str, person: str, org: str, title: str, date: str | None,
             sentence_date: str | None = None):
    """An article stating that ``person`` holds ``title`` (``a|b`` for several) at ``org``."""
    written = "、".join(title.split("|"))
    return make_doc(doc_id, f"{org}{written}{person}出席会议。",
                    mentions=[(org, "ORG", 0), (person, "PERSON", 0)],
                    relations=[Relation(HOLDS_POST, person, "PERSON", org, "ORG", sent=0, date=sentence_date,
                                        attrs={"title": title})], date=date)


def rows(kg_posts) -> list[tuple]:
    return [(p.person, p.org, p.title, p.first_seen, p.last_seen, p.count) for p in kg_posts]


def kg_of(*docs) -> KnowledgeGraph:
    return KnowledgeGraph(build_graph(docs))


def test_co_held_titles_are_two_records_naming_each_other():
    kg = kg_of(post_doc("d1", "许文博", "湖北省财政厅", "党组书记|厅长", "2014-03-01"))
    career = kg.career("许文博")
    assert rows(career) == [
        ("许文博", "湖北省财政厅", "党组书记", "2014-03-01", "2014-03-01", 1),
        ("许文博", "湖北省财政厅", "厅长", "2014-03-01", "2014-03-01", 1),
    ]
    assert [p.overlaps for p in career] == ["湖北省财政厅厅长", "湖北省财政厅党组书记"]


def test_a_post_stated_on_two_dates_is_one_record_with_both_dates():
    kg = kg_of(post_doc("d1", "许文博", "湖北省财政厅", "厅长", "2014-11-02"),
               post_doc("d2", "许文博", "湖北省财政厅", "省财政厅厅长", "2014-03-01"))
    assert rows(kg.career("许文博")) == [("许文博", "湖北省财政厅", "厅长", "2014-03-01", "2014-11-02", 2)]


def test_a_title_change_on_a_later_date_is_a_new_record_in_time_order():
    kg = kg_of(post_doc("d1", "许文博", "湖北省财政厅", "副厅长", "2012-05-01"),
               post_doc("d2", "许文博", "湖北省财政厅", "厅长", "2014-03-01"))
    career = kg.career("许文博")
    assert [(p.title, p.first_seen) for p in career] == [("副厅长", "2012-05-01"), ("厅长", "2014-03-01")]
    assert [p.overlaps for p in career] == ["", ""]


def test_the_same_title_at_two_organisations_is_two_records():
    kg = kg_of(post_doc("d1", "许文博", "湖北省财政厅", "厅长", "2012-05-01"),
               post_doc("d2", "许文博", "湖北省商务厅", "厅长", "2014-03-01"))
    assert [(p.org, p.title) for p in kg.career("许文博")] == [("湖北省财政厅", "厅长"), ("湖北省商务厅", "厅长")]


def test_namesakes_kept_apart_by_resolution_have_separate_careers():
    docs = [post_doc(f"h{i}", "许文博", "湖北省财政厅", "厅长", d)
            for i, d in enumerate(["2014-01-05", "2014-02-05", "2014-09-01"])]
    docs += [post_doc(f"g{i}", "许文博", "广东省商务厅", "副厅长", d) for i, d in enumerate(["2014-03-01", "2014-06-01"])]
    career = kg_of(*docs).career("许文博")
    assert {(p.person_id, p.org) for p in career} == {
        ("PERSON:许文博", "湖北省财政厅"), ("PERSON:许文博@广东省", "广东省商务厅")}
    assert all(p.overlaps == "" for p in career)


def test_an_undated_article_still_counts_but_gives_no_date():
    kg = kg_of(post_doc("d1", "许文博", "湖北省财政厅", "厅长", None),
               post_doc("d2", "许文博", "湖北省财政厅", "厅长", "2014-03-01"))
    assert rows(kg.career("许文博")) == [("许文博", "湖北省财政厅", "厅长", "2014-03-01", "2014-03-01", 2)]
    only_undated = kg_of(post_doc("d1", "许文博", "湖北省财政厅", "厅长", None)).career("许文博")
    assert rows(only_undated) == [("许文博", "湖北省财政厅", "厅长", None, None, 1)]


@pytest.mark.parametrize("article, sentence, seen", [
    ("2014-03-01", "2012-05-06", "2014-03-01"),
    (None, "2012-05-06", "2012-05-06"),
])
def test_a_post_is_dated_by_its_article_unless_the_article_is_undated(article, sentence, seen):
    kg = kg_of(post_doc("d1", "许文博", "湖北省财政厅", "厅长", article, sentence_date=sentence))
    assert [(p.first_seen, p.last_seen) for p in kg.career("许文博")] == [(seen, seen)]


def test_holders_of_a_post_in_time_order_with_overlaps():
    kg = kg_of(post_doc("d1", "李甲", "湖北省财政厅", "厅长", "2012-01-01"),
               post_doc("d2", "李甲", "湖北省财政厅", "厅长", "2013-06-01"),
               post_doc("d3", "许文博", "湖北省财政厅", "厅长", "2013-03-01"),
               post_doc("d4", "许文博", "湖北省财政厅", "厅长", "2015-01-01"),
               post_doc("d5", "赵乙", "湖北省财政厅", "副厅长", "2013-05-01"))
    holders = kg.holders("湖北省财政厅", title="厅长")
    assert [(p.person, p.first_seen, p.last_seen, p.overlaps) for p in holders] == [
        ("李甲", "2012-01-01", "2013-06-01", "许文博"), ("许文博", "2013-03-01", "2015-01-01", "李甲")]
    assert [p.person for p in kg.holders("湖北省财政厅")] == ["李甲", "许文博", "赵乙"]


def test_first_evidence_sentence_is_kept():
    kg = kg_of(post_doc("d2", "许文博", "湖北省财政厅", "厅长", "2014-05-01"),
               post_doc("d1", "许文博", "湖北省财政厅", "厅长", "2014-03-01"))
    (record,) = kg.career("许文博")
    assert (record.evidence[0].doc, record.evidence[0].sentence) == ("d1", "湖北省财政厅厅长许文博出席会议。")


def test_careers_csv_has_a_bom_plain_headers_and_neutralised_cells(tmp_path: Path):
    graph = build_graph([post_doc("d1", "许文博", "湖北省财政厅", "厅长", "2014-03-01")])
    graph.nodes["PERSON:许文博"]["label"] = "=HYPERLINK(1)"
    path = write_careers_csv(graph, tmp_path / CAREERS_NAME)
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith(BOM)
    header, row = list(csv.reader(raw[len(BOM):].splitlines()))
    assert tuple(header) == HEADER
    assert row[:6] == ["'=HYPERLINK(1)", "湖北省财政厅", "厅长", "2014-03-01", "2014-03-01", "1"]
    assert row[7:9] == ["湖北省财政厅厅长许文博出席会议。", "d1"]


def test_csv_export_writes_careers_beside_the_tables(tmp_path: Path):
    graph = build_graph([post_doc("d1", "许文博", "湖北省财政厅", "厅长", "2014-03-01")])
    written = write_all(graph, tmp_path, ["csv"])
    assert [p.name for p in written["csv"]] == ["nodes.csv", "edges.csv", CAREERS_NAME]


@pytest.mark.parametrize("args, expected", [
    (["career", "许文博"], [("湖北省财政厅", "党组书记"), ("湖北省财政厅", "厅长")]),
    (["holders", "湖北省财政厅", "--title", "厅长"], [("湖北省财政厅", "厅长")]),
])
def test_cli_career_and_holders(tmp_path: Path, args, expected):
    path = tmp_path / "graph.graphml"
    write_graphml(build_graph([post_doc("d1", "许文博", "湖北省财政厅", "党组书记|厅长", "2014-03-01")]), path)
    result = CliRunner().invoke(app, [*args, "--graph", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert [(r["org"], r["title"]) for r in json.loads(result.stdout)] == expected
    table = CliRunner().invoke(app, [*args, "--graph", str(path)])
    assert table.exit_code == 0 and "湖北省财政厅" in table.stdout
