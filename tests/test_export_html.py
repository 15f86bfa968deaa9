"""The HTML page: self-contained, UTF-8, escaped data, styled by type and relation."""

from __future__ import annotations

import io
import json
import re

import networkx as nx
import pytest
from browser_support import IMG_PAYLOAD, SCRIPT_PAYLOAD, hostile_graph

from graph.readwrite.html import edge_tooltip, node_tooltip, page_data, render_html, script_json, write_html
from graph.readwrite.style import FONT_STACK

DATA_BLOCK = re.compile(r'<script type="application/json" id="zhkg-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return hostile_graph()


@pytest.fixture(scope="module")
def page(graph) -> str:
    buffer = io.BytesIO()
    write_html(graph, buffer)
    return buffer.getvalue().decode("utf-8")


def _data(page: str) -> dict:
    return json.loads(DATA_BLOCK.search(page).group(1))


def test_no_external_scripts_styles_or_links(page):
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", page)
    assert not re.search(r"<link\b", page)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)


def test_vis_network_is_inlined(page):
    assert "vis-network" in page and "new vis.Network(" in page


def test_written_as_utf8_with_chinese_labels(graph, tmp_path):
    path = tmp_path / "graph.html"
    write_html(graph, path)
    text = path.read_bytes().decode("utf-8")
    assert '<meta charset="utf-8">' in text and "冯克金" in text


@pytest.mark.parametrize("payload", [SCRIPT_PAYLOAD, IMG_PAYLOAD, "<img src=x", "</script><script>"])
def test_article_markup_never_appears_raw(page, payload):
    assert payload not in page


def test_data_block_keeps_the_text_verbatim(page):
    titles = [e["title"] for e in _data(page)["edges"]]
    assert any(SCRIPT_PAYLOAD in t for t in titles) and any(IMG_PAYLOAD in t for t in titles)


@pytest.mark.parametrize("text", ["</script>", "<!--", "a & b", "\u2028"])
def test_script_json_escapes_what_could_end_the_block(text):
    encoded = script_json({"s": text})
    assert not set(encoded) & {"<", ">", "&", "\u2028"} and json.loads(encoded) == {"s": text}


def test_co_occurs_is_unticked_and_typed_relations_ticked(page):
    relations = {r["name"]: r["checked"] for r in _data(page)["relations"]}
    assert relations.pop("CO_OCCURS") is False and all(relations.values())


def test_every_entity_type_in_the_graph_has_a_legend_entry(graph, page):
    types = {t["name"] for t in _data(page)["types"]}
    assert types == {d["type"] for _, d in graph.nodes(data=True)}


@pytest.mark.parametrize(("label", "shape"), [("冯克金", "dot"), ("安徽省经信厅", "box"),
                                              ("合肥市", "triangle"), ("免申即享", "diamond")])
def test_shape_follows_entity_type(page, label, shape):
    assert next(n["shape"] for n in _data(page)["nodes"] if n["label"] == label) == shape


def test_types_have_distinct_colours(page):
    colours = {t["color"] for t in _data(page)["types"]}
    assert len(colours) == len(_data(page)["types"])


def test_node_size_follows_degree(graph, page):
    values = {n["id"]: n["value"] for n in _data(page)["nodes"]}
    hub = max(graph.degree(), key=lambda item: item[1])[0]
    assert values[hub] == max(values.values())


def test_edge_colour_follows_relation(page):
    colours = {}
    for edge in _data(page)["edges"]:
        colours.setdefault(edge["relation"], set()).add(edge["color"])
    assert all(len(c) == 1 for c in colours.values()) and len(colours) > 1


def test_aliases_are_searchable(page):
    org = next(n for n in _data(page)["nodes"] if n["label"] == "安徽省经信厅")
    assert org["aliases"] and "经信厅" in org["aliases"][0]


def test_font_stack_is_set(page):
    assert FONT_STACK in page and _data(page)["options"]["nodes"]["font"]["face"] == FONT_STACK


def test_physics_is_switched_off_after_stabilisation(page):
    assert 'once("stabilizationIterationsDone"' in page and "physics-toggle" in page


def test_max_nodes_keeps_top_nodes_and_says_how_many_left_out(graph):
    page = render_html(graph, max_nodes=3)
    assert len(_data(page)["nodes"]) == 3 and _data(page)["left_out"] == graph.number_of_nodes() - 3
    assert f"{graph.number_of_nodes() - 3} nodes left out" in page


def test_no_left_out_notice_without_max_nodes(page):
    assert 'id="left-out"' not in page


def test_node_tooltip_shows_type_titles_aliases_and_counts():
    text = node_tooltip({"label": "冯克金", "type": "PERSON", "titles": ["党组书记", "厅长"],
                         "aliases": ["冯厅长"], "mentions": 3, "doc_count": 2})
    assert all(part in text for part in ("PERSON", "党组书记、厅长", "冯厅长", "3", "2"))


@pytest.mark.parametrize(("count", "shown", "more"), [(1, 1, False), (5, 5, False), (7, 5, True)])
def test_edge_tooltip_shows_at_most_five_sentences_with_document_and_date(count, shown, more):
    evidence = [{"doc": f"doc{i}", "sentence": f"第{i}句。", "date": "2024-05-10"} for i in range(count)]
    text = edge_tooltip({"relation": "VISITED", "evidence": evidence}, "冯克金", "合肥市")
    lines = [line for line in text.splitlines() if line.startswith("· [doc")]
    assert len(lines) == shown and all("2024-05-10" in line for line in lines)
    assert ("另有 2 条" in text) is more


def test_edge_tooltip_names_the_relation_and_title():
    text = edge_tooltip({"relation": "HOLDS_POST", "title": "厅长"}, "冯克金", "安徽省经信厅")
    assert "HOLDS_POST" in text and "厅长" in text and "冯克金 → 安徽省经信厅" in text


def test_alias_markup_is_kept_as_escaped_text(graph, page):
    aliases = [a for n in page_data(graph)["nodes"] for a in n["aliases"]]
    assert any("<img src=x onerror=" in a for a in aliases)
    assert "\\u003cimg src=x onerror=" in page
