"""Corpus-level graph rules on hand-written records (no spaCy).

List sentences weigh little, every dated occurrence is kept, country and Party
prefixes and the lexicons' abbreviations merge organisations, renamed bodies are
linked rather than merged, and names that are no entity leave no node.
"""

from __future__ import annotations

import pytest
from graph_records_support import make_doc

from graph.build import build_graph, cooccurrence_share
from graph.evidence import EVIDENCE_CAP
from graph.query import KnowledgeGraph
from graph.resolve import CollectedNames
from zhkg.records import CO_OCCURS, PART_OF, RELATION_TYPES, RENAMED_TO, TAIL_IN_NAME, VISITED, Relation


def org_doc(doc_id: str, *names: str, date: str | None = None):
    """One sentence naming each organisation in ``names``."""
    text = "、".join(names) + "召开会议。"
    return make_doc(doc_id, text, mentions=[(n, "ORG", 0) for n in names], date=date)


def node_of(G, name: str) -> set[str]:
    """Nodes whose label or alias is ``name``."""
    return {n for n, d in G.nodes(data=True) if name == d["label"] or name in d["aliases"]}


def co_occurs(G, a: str, b: str) -> dict:
    u, v = sorted((f"PERSON:{a}", f"PERSON:{b}"))
    return G.edges[u, v, f"{CO_OCCURS}:{u}->{v}"]


# -- co-occurrence weights -------------------------------------------------------


def test_a_list_sentence_weighs_each_pair_by_its_length():
    names = ["赵甲", "钱乙", "孙丙", "李丁", "周戊"]
    docs = [
        make_doc("d1", "、".join(names) + "出席。", mentions=[(n, "PERSON", 0) for n in names]),
        make_doc("d2", "赵甲会见钱乙。", mentions=[("赵甲", "PERSON", 0), ("钱乙", "PERSON", 0)]),
    ]
    G = build_graph(docs)
    assert (co_occurs(G, "赵甲", "钱乙")["weight"], co_occurs(G, "赵甲", "钱乙")["sentences"]) == (1.25, 2)
    assert (co_occurs(G, "孙丙", "周戊")["weight"], co_occurs(G, "孙丙", "周戊")["sentences"]) == (0.25, 1)


@pytest.mark.parametrize("entities, share", [(2, 1.0), (3, 0.5), (101, 0.01), (1, 0.0)])
def test_cooccurrence_share_is_one_over_n_minus_one(entities, share):
    assert cooccurrence_share(entities) == pytest.approx(share)


def test_a_list_sentence_adds_half_its_length_to_the_whole_weight():
    names = [f"{s}某" for s in "赵钱孙李周吴郑王冯陈"]
    G = build_graph([make_doc("d1", "、".join(names) + "出席。", mentions=[(n, "PERSON", 0) for n in names])])
    total = sum(d["weight"] for _, _, d in G.edges(data=True) if d["relation"] == CO_OCCURS)
    assert total == pytest.approx(len(names) / 2)


# -- dates and evidence ------------------------------------------------------------


def visit(doc_id: str, date: str):
    return make_doc(doc_id, "张某赴武汉调研。", mentions=[("张某", "PERSON", 0), ("武汉", "PLACE", 0)],
                    relations=[Relation(VISITED, "张某", "PERSON", "武汉", "PLACE", sent=0)], date=date)


def test_every_dated_occurrence_is_kept_with_first_and_last():
    G = build_graph([visit("a", "2015-03-01"), visit("b", "2012-05-01"), visit("c", "2015-03-01")])
    edge = G.edges["PERSON:张某", "PLACE:武汉", f"{VISITED}:PERSON:张某->PLACE:武汉"]
    assert (edge["dates"], edge["first_date"], edge["last_date"]) == (
        ["2012-05-01", "2015-03-01"], "2012-05-01", "2015-03-01")


@pytest.mark.parametrize("since, until, found", [
    ("2015", None, True), (None, "2012", True), ("2013", "2014", False),
])
def test_query_windows_filter_on_occurrences_not_the_earliest_date(since, until, found):
    kg = KnowledgeGraph(build_graph([visit("a", "2012-05-01"), visit("b", "2015-03-01")]))
    assert bool(kg.visits(actor="张某", since=since, until=until)) is found


def test_evidence_is_capped_but_counted():
    docs = [visit(f"d{i}", f"2014-01-0{i + 1}") for i in range(EVIDENCE_CAP + 2)]
    edge = build_graph(docs).edges["PERSON:张某", "PLACE:武汉", f"{VISITED}:PERSON:张某->PLACE:武汉"]
    assert (len(edge["evidence"]), edge["evidence_count"], edge["weight"]) == (
        EVIDENCE_CAP, EVIDENCE_CAP + 2, EVIDENCE_CAP + 2)
    assert [e["doc"] for e in edge["evidence"]] == [f"d{i}" for i in range(EVIDENCE_CAP)]


# -- organisations -----------------------------------------------------------------


@pytest.mark.parametrize("names", [
    ("外交部", "中国外交部", "中华人民共和国外交部"),
    ("中央政治局", "中共中央政治局"),
    ("湖北省委", "中共湖北省委"),
    ("国家统计局", "中国国家统计局"),
])
def test_country_and_party_prefixes_are_one_organisation(names):
    G = build_graph([org_doc(f"d{i}", name) for i, name in enumerate(names)])
    assert len({n for name in names for n in node_of(G, name)}) == 1


@pytest.mark.parametrize("prefixed, bare", [("中国美术馆", "美术馆"), ("中国共产党", "共产党")])
def test_a_prefix_stays_when_the_bare_name_is_no_state_body(prefixed, bare):
    G = build_graph([org_doc("d1", prefixed), org_doc("d2", bare)])
    assert node_of(G, prefixed) != node_of(G, bare)


@pytest.mark.parametrize("names", [
    ("环保部", "环境保护部"),
    ("国家卫计委", "卫计委", "国家卫生计生委", "国家卫生和计划生育委员会"),
])
def test_names_used_before_a_reform_are_one_organisation(names):
    G = build_graph([org_doc(f"d{i}", name, date="2015-01-01") for i, name in enumerate(names)])
    assert len({n for name in names for n in node_of(G, name)}) == 1


def test_a_renamed_body_is_linked_to_its_successor_not_merged():
    G = build_graph([org_doc("d1", "环境保护部", date="2015-06-01"), org_doc("d2", "生态环境部", date="2019-06-01"),
                     org_doc("d3", "环保部", date="2016-06-01")])
    (old,), (new,) = node_of(G, "环境保护部"), node_of(G, "生态环境部")
    assert old != new
    assert G.edges[old, new, f"{RENAMED_TO}:{old}->{new}"]["year"] == 2018
    assert G.nodes[old]["successors"] == ["生态环境部"]
    assert [n.other for n in KnowledgeGraph(G).neighbors("环保部", relation=RENAMED_TO)] == ["生态环境部"]


@pytest.mark.issue(10)
def test_every_relation_the_graph_makes_is_in_the_schema():
    """Regression: RENAMED_TO edges were made but missing from zhkg.records.RELATION_TYPES."""
    G = build_graph([org_doc("d1", "文化部", date="2015-06-01"), org_doc("d2", "文化和旅游部", date="2019-06-01")])
    relations = {d["relation"] for _, _, d in G.edges(data=True)}
    assert RENAMED_TO in relations
    assert relations <= set(RELATION_TYPES)


def test_a_shared_abbreviation_joins_the_body_the_corpus_names():
    G = build_graph([org_doc("d1", "中央电视台"), org_doc("d2", "央视", date="2014-01-01")])
    assert node_of(G, "央视") == node_of(G, "中央电视台")


# -- names that are no entity ------------------------------------------------------


@pytest.mark.parametrize("junk, label", [
    ("外交部会同商务部", "ORG"),
    ("外交部和商务部", "ORG"),
    ("中美", "PLACE"),
    ("习", "PERSON"),
    ("北京、上海", "PLACE"),
])
def test_junk_names_leave_no_node(junk, label):
    doc = make_doc("d1", f"外交部、商务部在北京开会，{junk}。", mentions=[
        ("外交部", "ORG", 0), ("商务部", "ORG", 0), ("北京", "PLACE", 0), (junk, label, 0)])
    assert not node_of(build_graph([doc]), junk)


@pytest.mark.parametrize("name", ["住房和城乡建设部", "中央纪委国家监委"])
def test_a_name_that_only_looks_joined_stays(name):
    doc = make_doc("d1", f"{name}召开会议。", mentions=[(name, "ORG", 0)])
    assert node_of(build_graph([doc]), name) == {f"ORG:{name}"}


@pytest.mark.parametrize("short", ["中", "中方"])
def test_country_short_forms_are_aliases_of_the_country(short):
    doc = make_doc("d1", f"中国代表说，{short}愿意合作。", mentions=[("中国", "PLACE", 0), (short, "PLACE", 0)])
    G = build_graph([doc])
    assert node_of(G, short) == {"PLACE:中国"}
    assert all(len(d["label"]) > 1 for _, d in G.nodes(data=True))


def test_a_headline_glued_to_a_name_resolves_to_the_name():
    docs = [org_doc("d1", "中国人民银行"),
            make_doc("d2", "明起试运行 中国人民银行发布通知。",
                     mentions=[("明起试运行 中国人民银行", "ORG", 0)])]
    G = build_graph(docs)
    assert [d["label"] for _, d in G.nodes(data=True)] == ["中国人民银行"]
    assert G.nodes["ORG:中国人民银行"]["doc_count"] == 2
    assert not any(" " in a for a in G.nodes["ORG:中国人民银行"]["aliases"])


def test_an_organisation_tagged_person_a_few_times_is_one_organisation():
    docs = [org_doc(f"d{i}", "全国政协") for i in range(3)]
    docs.append(make_doc("d9", "全国政协出席。", mentions=[("全国政协", "PERSON", 0)]))
    G = build_graph(docs)
    assert node_of(G, "全国政协") == {"ORG:全国政协"}


# -- a parent named only inside its unit's name ------------------------------------------


@pytest.mark.parametrize("gathered_first", [False, True])
@pytest.mark.parametrize("other_doc, kept", [
    (("最高法发布司法解释。", [("最高法", "ORG", 0)]), True),
    (("最高检发布指导性案例。", [("最高检", "ORG", 0)]), False),
])
def test_a_parent_named_only_in_its_units_name_needs_the_corpus_to_name_it(other_doc, kept, gathered_first):
    """The same whether the build gathered the names while extracting (CollectedNames) or not."""
    implied = Relation(PART_OF, "最高法执行局", "ORG", "最高法", "ORG", sent=0,
                       attrs={"trigger": "name", TAIL_IN_NAME: True})
    docs = [make_doc("d1", "最高法执行局通报情况。", mentions=[("最高法执行局", "ORG", 0)], relations=[implied]),
            make_doc("d2", other_doc[0], mentions=other_doc[1])]
    names = None
    if gathered_first:
        names = CollectedNames()
        names.add(docs)
    G = build_graph(docs, names=names)
    assert G.has_edge("ORG:最高法执行局", "ORG:最高法") is kept
    assert ("ORG:最高法" in G) is kept
