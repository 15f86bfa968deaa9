"""The HTML explorer page: self-contained, UTF-8, escaped, compact column-wise data."""

from __future__ import annotations

import io
import json
import re

import networkx as nx
import pytest
from browser_support import IMG_PAYLOAD, SCRIPT_PAYLOAD, hostile_documents, hostile_graph, star_graph

from graph.ranking import importance
from graph.readwrite.html import (
    MAX_EVIDENCE, OVERVIEW_SIZE, edge_dates, evidence_total, month_counts, month_index,
    month_name, page_data, render_html, safe_url, script_json, write_html,
)
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


def test_content_security_policy_allows_no_requests(page):
    assert "default-src 'none'; script-src 'unsafe-inline'" in page


def test_vis_network_and_the_explorer_are_inlined(page):
    assert "vis-network" in page and "new vis.Network(" in page and "function egoSelection" in page


def test_written_as_utf8_with_chinese_labels(graph, tmp_path):
    path = tmp_path / "graph.html"
    write_html(graph, path)
    text = path.read_bytes().decode("utf-8")
    assert '<meta charset="utf-8">' in text and "祁立衡" in text


@pytest.mark.parametrize("payload", [SCRIPT_PAYLOAD, IMG_PAYLOAD, "<img src=x", "</script><script>"])
def test_article_markup_never_appears_raw(page, payload):
    assert payload not in page


def test_data_block_keeps_the_text_verbatim(page):
    sentences = _data(page)["sentences"]["text"]
    assert any(SCRIPT_PAYLOAD in s for s in sentences) and any(IMG_PAYLOAD in s for s in sentences)


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


@pytest.mark.parametrize(("label", "shape"), [("祁立衡", "dot"), ("安徽省科技厅", "box"),
                                              ("淮南市", "triangle"), ("免审即办", "diamond")])
def test_shape_follows_entity_type(page, label, shape):
    data = _data(page)
    entity = data["entities"]["label"].index(label)
    assert data["types"][data["entities"]["type"][entity]]["shape"] == shape


def test_types_have_distinct_colours(page):
    colours = {t["color"] for t in _data(page)["types"]}
    assert len(colours) == len(_data(page)["types"])


def test_entities_are_sorted_by_importance(graph, page):
    scores = importance(graph)
    ids = _data(page)["entities"]["id"]
    assert [scores[i] for i in ids] == sorted(scores.values(), reverse=True)


def test_every_entity_and_edge_is_in_the_page(graph, page):
    data = _data(page)
    assert len(data["entities"]["id"]) == graph.number_of_nodes()
    assert len(data["edges"]["src"]) == graph.number_of_edges()


def test_aliases_are_searchable(page):
    entities = _data(page)["entities"]
    aliases = entities["aliases"][entities["label"].index("安徽省科技厅")]
    assert aliases and "科技厅" in aliases[0]


def test_font_stack_is_set(page):
    assert FONT_STACK in page and _data(page)["meta"]["font"] == FONT_STACK


@pytest.mark.parametrize(("edges", "evidence"), [(1, 2), (1, MAX_EVIDENCE + 4), (3, MAX_EVIDENCE)])
def test_evidence_is_cut_per_edge_and_the_count_kept(edges, evidence):
    data = page_data(star_graph(edges, evidence))
    assert all(len(refs) == min(evidence, MAX_EVIDENCE) for refs in data["edges"]["evidence"])
    assert data["edges"]["count"] == [evidence] * edges


def test_a_sentence_cited_by_two_edges_is_stored_once(graph):
    data = page_data(graph)
    refs = [s for refs in data["edges"]["evidence"] for s in refs]
    assert len(data["sentences"]["text"]) == len(set(refs)) < len(refs)


def test_documents_give_evidence_its_title_and_url(graph):
    documents = {d.doc_id: {"title": d.title, "date": d.date, "url": f"https://example.gov.cn/{d.doc_id}"}
                 for d in hostile_documents()}
    docs = page_data(graph, documents=documents)["docs"]
    assert set(docs["title"]) == {"祁立衡到淮南市调研", "祁立衡赴芜湖市考察"}
    assert all(url.startswith("https://example.gov.cn/") for url in docs["url"])


@pytest.mark.parametrize(("url", "kept"), [
    ("https://www.gov.cn/a.html", True), ("HTTP://news.cn/b", True), ("javascript:alert(1)", False),
    (" data:text/html,<b>", False), ("//evil.example/x", False), (None, False),
])
def test_only_http_urls_become_links(url, kept):
    assert (safe_url(url) != "") is kept


@pytest.mark.parametrize(("data", "dates"), [
    ({"dates": ["2024-05-10", "2024-06-02"], "evidence": [{"date": "2020-01-01"}]}, ["2024-05-10", "2024-06-02"]),
    ({"evidence": [{"date": "2024-05-10"}, {"date": None}, {"date": "2024-05-11"}]}, ["2024-05-10", "2024-05-11"]),
    ({"date": "2024-05-10", "date_end": "2024-05-12"}, ["2024-05-10", "2024-05-12"]),
    ({"date": "2024-05-10", "date_end": "2024-05-10"}, ["2024-05-10"]),
    ({}, []),
])
def test_edge_dates_come_from_whichever_attributes_the_graph_has(data, dates):
    assert edge_dates(data) == dates


@pytest.mark.parametrize(("data", "total"), [
    ({"evidence_count": 40, "sentences": 40, "evidence": [{}] * 5, "weight": 0.5}, 40),
    ({"sentences": 12, "weight": 0.25}, 12),
    ({"weight": 7, "evidence": [{}] * 5}, 7),
    ({"evidence": [{}] * 2}, 2),
])
def test_evidence_total_reads_the_full_count(data, total):
    assert evidence_total(data) == total


@pytest.mark.parametrize(("date", "month"), [
    ("2013-05-10", 520), ("2013-05", 520), ("1970-01-01", 0), ("1937-08-01", -389),
    ("2013-13-01", None), ("五月", None), (None, None),
])
def test_month_index(date, month):
    assert month_index(date) == month
    assert month is None or month_name(month) == date[:7]


def test_month_counts_are_sorted_pairs():
    assert month_counts(["2024-06-02", "2024-05-10", "2024-05-11", None]) == [652, 2, 653, 1]


def test_overview_size_defaults_and_follows_max_nodes(graph):
    assert page_data(graph)["meta"]["overview"] == OVERVIEW_SIZE
    assert page_data(graph, max_nodes=3)["meta"]["overview"] == 3


def test_max_entities_keeps_the_most_important_and_says_so(graph):
    page = render_html(graph, max_entities=3)
    data = _data(page)
    scores = importance(graph)
    assert data["entities"]["id"] == sorted(graph, key=lambda n: (-scores[n], n))[:3]
    assert all(max(s, d) < 3 for s, d in zip(data["edges"]["src"], data["edges"]["dst"]))
    left_out = graph.number_of_nodes() - 3
    assert f"{left_out} left out (--html-max-entities 3)" in page


def test_no_cut_notice_without_max_entities(page):
    assert 'id="index-cut"' not in page


@pytest.mark.parametrize("option", ["max_nodes", "max_entities"])
def test_limits_below_one_are_refused(graph, option):
    with pytest.raises(ValueError, match=option):
        page_data(graph, **{option: 0})


def test_alias_markup_is_kept_as_escaped_text(page):
    aliases = [a for names in _data(page)["entities"]["aliases"] for a in names]
    assert any("onerror=" in a and "<img" in a for a in aliases)
    assert "\\u003cimg" in page
