"""Evidence entries quote a bounded excerpt around the edge's names, with offsets into the input."""

from __future__ import annotations

import pytest
from graph_records_support import make_doc

from graph.build import build_graph
from graph.evidence import EXCERPT_CHARS, excerpt_bounds
from zhkg.records import PERSON, PLACE, Relation

FILLER = "各地区各部门要认真贯彻落实会议精神"


def _edge(graph, relation, u, v):
    return graph.edges[u, v, f"{relation}:{u}->{v}"]


@pytest.mark.issue(15)
def test_a_long_sentence_is_quoted_around_the_two_names():
    sentence = FILLER * 10 + "张某在武汉调研" + FILLER * 10
    doc = make_doc("d1", sentence, mentions=[("张某", PERSON, 0), ("武汉", PLACE, 0)])
    (entry,) = _edge(build_graph([doc]), "CO_OCCURS", "PERSON:张某", "PLACE:武汉")["evidence"]
    assert len(entry["sentence"]) == EXCERPT_CHARS
    assert "张某在武汉" in entry["sentence"]
    assert doc.text[entry["start"]:entry["end"]] == entry["sentence"]


@pytest.mark.issue(15)
def test_a_short_sentence_is_quoted_whole():
    doc = make_doc("d1", "张某赴武汉调研。", mentions=[("张某", PERSON, 0), ("武汉", PLACE, 0)],
                   relations=[Relation("VISITED", "张某", PERSON, "武汉", PLACE, sent=0)])
    (entry,) = _edge(build_graph([doc]), "VISITED", "PERSON:张某", "PLACE:武汉")["evidence"]
    assert (entry["sentence"], entry["start"], entry["end"]) == ("张某赴武汉调研。", 0, 8)


@pytest.mark.issue(15)
def test_evidence_gives_the_span_in_the_input_text():
    doc = make_doc("d1", "张某赴武汉调研。", mentions=[("张某", PERSON, 0), ("武汉", PLACE, 0)],
                   relations=[Relation("VISITED", "张某", PERSON, "武汉", PLACE, sent=0)])
    doc.offsets = [[0, 3], [1, 5]]  # the input was "\u200f\u200f\u200f张\u200b某赴武汉调研。"
    (entry,) = _edge(build_graph([doc]), "VISITED", "PERSON:张某", "PLACE:武汉")["evidence"]
    assert (entry["source_start"], entry["source_end"]) == (3, 12)


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "text,focus,expected",
    [
        ("甲" * 30, (["张某"], ["武汉"]), (0, 10)),
        ("张某" + "甲" * 30 + "武汉", (["张某"], ["武汉"]), (0, 10)),
        ("甲" * 30 + "张某", (["张某"], ["某局", "张某"]), (22, 32)),
        ("甲" * 5, (["张某"], ["武汉"]), (0, 5)),
    ],
)
def test_excerpt_bounds(text, focus, expected):
    assert excerpt_bounds(text, focus, width=10) == expected


@pytest.mark.issue(15)
def test_evidence_size_per_edge_is_bounded_whatever_the_sentence_length():
    sentence = "张某" + FILLER * 30 + "武汉"
    doc = make_doc("d1", sentence, mentions=[("张某", PERSON, 0), ("武汉", PLACE, 0)])
    (entry,) = _edge(build_graph([doc]), "CO_OCCURS", "PERSON:张某", "PLACE:武汉")["evidence"]
    assert entry["sentence"].startswith("张某") and len(entry["sentence"]) == EXCERPT_CHARS
