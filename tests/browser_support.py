"""Test data for the export tests: a small graph built from hostile articles.

The articles put ``<script>``, ``<img onerror>`` and quotes next to entity
names, in sentences (evidence), aliases and labels, so every export test also
checks that untrusted text stays text. The graph is built by the real
``graph.build.build_graph`` from :class:`zhkg.records.DocResult` records.
"""

from __future__ import annotations

import networkx as nx

from zhkg.records import (
    HOLDS_POST, INITIATIVE, LOCATED_IN, ORG, PERSON, PLACE, PROMOTES, VISITED,
    DocResult, Mention, Relation, Sentence,
)

SCRIPT_PAYLOAD = "<script>window.__pwned=1</script>"
IMG_PAYLOAD = '<img src=x onerror="window.__pwned=2">'
ALIAS_PAYLOAD = "科技厅'\"<img/src=x/onerror=\"window.__pwned=3\">"
LABEL_PAYLOAD = '数字化"转型"<b>'

ARTICLE_1 = [
    f"5月10日，安徽省科技厅党组书记、厅长祁立衡到淮南市调研“免审即办”工作{SCRIPT_PAYLOAD}。",
    f"祁立衡'指出\"，要落实{IMG_PAYLOAD}助企政策。",
    "淮南市位于安徽省。",
]
ARTICLE_2 = [
    f"6月2日，祁立衡率队赴芜湖市考察{LABEL_PAYLOAD}工作。",
    "芜湖市是安徽省的重要城市。",
]


def _sentences(parts: list[str]) -> tuple[str, list[Sentence]]:
    text, sentences = "", []
    for index, part in enumerate(parts):
        sentences.append(Sentence(index, len(text), len(text) + len(part), part))
        text += part
    return text, sentences


def _mentions(text: str, sentences: list[Sentence], names: list[tuple[str, str, list[str]]]):
    """A mention for every occurrence of each (name, label, aliases)."""
    mentions = []
    for sentence in sentences:
        for name, label, aliases in names:
            start = sentence.text.find(name)
            while start >= 0:
                begin = sentence.start + start
                assert text[begin:begin + len(name)] == name
                mentions.append(Mention(name, label, begin, begin + len(name), sentence.index,
                                        aliases=list(aliases)))
                start = sentence.text.find(name, start + len(name))
    return mentions


def hostile_documents() -> list[DocResult]:
    """Two articles about one official, with attack strings near the names."""
    text1, sents1 = _sentences(ARTICLE_1)
    names1 = [
        ("安徽省科技厅", ORG, [ALIAS_PAYLOAD]), ("祁立衡", PERSON, []), ("淮南市", PLACE, []),
        ("免审即办", INITIATIVE, []), ("安徽省", PLACE, []),
    ]
    doc1 = DocResult(
        "d1", text1, title="祁立衡到淮南市调研", date="2024-05-10", sentences=sents1,
        mentions=[m for m in _mentions(text1, sents1, names1)
                  if not (m.name == "安徽省" and m.sent == 0)],
        relations=[
            Relation(HOLDS_POST, "祁立衡", PERSON, "安徽省科技厅", ORG, 0,
                     attrs={"title": "党组书记|厅长"}),
            Relation(VISITED, "祁立衡", PERSON, "淮南市", PLACE, 0, date="2024-05-10",
                     attrs={"purpose": "调研"}),
            Relation(VISITED, "祁立衡", PERSON, "淮南市", PLACE, 1, date="2024-05-10"),
            Relation(PROMOTES, "安徽省科技厅", ORG, "免审即办", INITIATIVE, 0),
            Relation(LOCATED_IN, "淮南市", PLACE, "安徽省", PLACE, 2),
        ],
    )
    text2, sents2 = _sentences(ARTICLE_2)
    names2 = [("祁立衡", PERSON, []), ("芜湖市", PLACE, []), (LABEL_PAYLOAD, INITIATIVE, []),
              ("安徽省", PLACE, [])]
    doc2 = DocResult(
        "d2", text2, title="祁立衡赴芜湖市考察", date="2024-06-02", sentences=sents2,
        mentions=_mentions(text2, sents2, names2),
        relations=[
            Relation(VISITED, "祁立衡", PERSON, "芜湖市", PLACE, 0, date="2024-06-02",
                     attrs={"purpose": "考察", "led": True}),
            Relation(LOCATED_IN, "芜湖市", PLACE, "安徽省", PLACE, 1),
        ],
    )
    return [doc1, doc2]


def hostile_graph() -> nx.MultiDiGraph:
    """The contract graph of :func:`hostile_documents`."""
    from graph.build import build_graph

    return build_graph(hostile_documents())


def node_by_label(G: nx.MultiDiGraph, label: str) -> str:
    """The id of the node whose label is ``label``."""
    return next(n for n, d in G.nodes(data=True) if d["label"] == label)


SAFE_URL = "https://www.example.gov.cn/2024/0510.html"
SCRIPT_URL = "javascript:window.__pwned=4"


def hostile_document_info() -> dict[str, dict[str, str | None]]:
    """Title, date and URL per document, as the build job passes them to the page;
    the second URL is a ``javascript:`` link that must never become a link."""
    urls = {"d1": SAFE_URL, "d2": SCRIPT_URL}
    return {d.doc_id: {"title": d.title, "date": d.date, "url": urls[d.doc_id]}
            for d in hostile_documents()}


def star_graph(edges: int, evidence: int) -> nx.MultiDiGraph:
    """One person who visited ``edges`` places, ``evidence`` dated sentences per visit."""
    G = nx.MultiDiGraph(name="zhkg", documents=edges)
    G.add_node("PERSON:甲", label="甲", type=PERSON)
    for k in range(edges):
        place = f"PLACE:地{k}"
        G.add_node(place, label=f"地{k}", type=PLACE)
        items = [{"doc": f"d{k}", "sentence": f"甲到地{k}调研第{n}次。", "start": 10 * n, "end": 10 * n + 9,
                  "date": f"2024-0{1 + k % 9}-10"} for n in range(evidence)]
        G.add_edge("PERSON:甲", place, key=f"VISITED:PERSON:甲->{place}", relation=VISITED,
                   weight=evidence, evidence=items)
    return G
