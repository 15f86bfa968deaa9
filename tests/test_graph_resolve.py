"""Cross-document resolution (graph.resolve, graph.merge_rules, graph.names), without spaCy."""

from __future__ import annotations

import doctest
import importlib
import random
from collections import Counter

import pytest
from graph_records_support import make_doc

from graph.names import name_key, pretty_name
from zhkg.records import DocResult, Relation
from graph.resolve import CollectedNames, choose_label, resolve_entities


def one_mention_docs(label: str, *names: str) -> list[DocResult]:
    """One document per name, each mentioning it once in its own sentence."""
    return [make_doc(f"d{i}", f"{name}召开会议。", mentions=[(name, label, 0)])
            for i, name in enumerate(names)]


def node_ids(docs: list[DocResult], label: str, *names: str) -> set[str]:
    """The node ids the names resolve to, in whichever document uses them."""
    resolution = resolve_entities(docs)
    ids = set()
    for name in names:
        hits = {resolution.node_for(d.doc_id, label, name) for d in docs} - {None}
        assert hits, f"{name} did not resolve"
        ids |= hits
    return ids


@pytest.mark.parametrize("raw, key, pretty", [
    ("“首课学习”制度", "首课学习制度", "首课学习制度"),
    ("《中国制造2025》", "中国制造2025", "中国制造2025"),
    ("２０２３世界智造产业大会", "2023世界智造产业大会", "2023世界智造产业大会"),
    ("中国（福建）自由贸易试验区", "中国(福建)自由贸易试验区", "中国(福建)自由贸易试验区"),
    ("好书大家读  理论人人讲", "好书大家读理论人人讲", "好书大家读 理论人人讲"),
    ("文不过夜、事不隔天", "文不过夜、事不隔天", "文不过夜、事不隔天"),
])
def test_name_forms(raw, key, pretty):
    assert (name_key(raw), pretty_name(raw)) == (key, pretty)


@pytest.mark.parametrize("surfaces, label", [
    ({"浙江": 3, "浙江省": 1}, "浙江"),
    ({"浙江": 1, "浙江省": 1}, "浙江省"),
    ({"工信部": 2, "工业和信息化部": 2}, "工业和信息化部"),
    ({"甲乙": 0, "丙丁": 0}, "丙丁"),
])
def test_label_is_most_frequent_then_longest(surfaces, label):
    assert choose_label(Counter(surfaces)) == label


@pytest.mark.parametrize("short, aliases, full", [
    ("工信部", ["工业和信息化部"], "工业和信息化部"),
    ("国资委", ["国务院国资委", "国务院国有资产监督管理委员会"], "国务院国有资产监督管理委员会"),
])
def test_lexicon_aliases_merge_across_documents(short, aliases, full):
    docs = [make_doc("d1", f"{short}召开会议。", mentions=[(short, "ORG", 0, {"aliases": aliases})]),
            make_doc("d2", f"{full}召开会议。", mentions=[(full, "ORG", 0)])]
    resolution = resolve_entities(docs)
    (node,) = node_ids(docs, "ORG", short, full)
    entity = resolution.entities[node]
    assert {entity.label, *entity.aliases} == {short, *aliases, full}
    assert entity.label not in entity.aliases


@pytest.mark.parametrize("label, names", [
    ("INITIATIVE", ["“首课学习”制度", "首课学习制度"]),
    ("ORG", ["安徽省科技厅", "安徽省科技厅党组"]),
    ("ORG", ["国务院国资委", "国务院国资委党委", "国务院国资委机关"]),
    ("PLACE", ["浙江", "浙江省"]),
    ("PLACE", ["宿州", "宿州市"]),
    ("PLACE", ["西北", "西北地区"]),
    ("ORG", ["佛山市贸促会", "佛山贸促会"]),
    ("INITIATIVE", ["六稳", "“六稳”工作"]),
    ("INITIATIVE", ["质量强国", "加快建设质量强国", "质量强国建设"]),
    ("INITIATIVE", ["多审合一", "多审合一改革"]),
])
def test_name_variants_are_one_node(label, names):
    docs = one_mention_docs(label, *names)
    assert len(node_ids(docs, label, *names)) == 1


@pytest.mark.parametrize("label, names", [
    ("PLACE", ["吉林", "吉林省", "吉林市"]),
    ("ORG", ["安徽省科技厅", "浙江省科技厅"]),
    ("INITIATIVE", ["主题教育", "主题教育研讨班"]),
])
def test_ambiguous_or_distinct_names_stay_apart(label, names):
    docs = one_mention_docs(label, *names)
    assert len(node_ids(docs, label, *names)) == len(names)


@pytest.mark.parametrize("fulls, merged", [
    (["福州海关"], True),
    (["福州海关", "厦门海关"], False),
])
def test_short_org_joins_only_an_unambiguous_full_form(fulls, merged):
    docs = [make_doc("ctx", "福州、厦门两地的海关开展联合检查。",
                     mentions=[("福州", "PLACE", 0), ("厦门", "PLACE", 0), ("海关", "ORG", 0)]),
            *one_mention_docs("ORG", *fulls)]
    assert (len(node_ids(docs, "ORG", "海关", fulls[0])) == 1) is merged


@pytest.mark.parametrize("context, merged", [
    ("安徽省召开制造业大会，省科技厅作报告。", True),
    ("浙江省召开制造业大会，省科技厅作报告。", False),
])
def test_short_org_joins_full_form_only_when_its_document_names_the_place(context, merged):
    docs = [make_doc("d1", context, mentions=[("省科技厅", "ORG", 0)]),
            make_doc("d2", "安徽省科技厅召开会议。", mentions=[("安徽省科技厅", "ORG", 0)])]
    assert (len(node_ids(docs, "ORG", "省科技厅", "安徽省科技厅")) == 1) is merged


def test_short_org_joins_org_qualified_full_form():
    docs = [make_doc("d1", "国资委召开会议，规划局作报告。", mentions=[("规划局", "ORG", 0)]),
            make_doc("d2", "国资委规划局召开会议。", mentions=[("国资委规划局", "ORG", 0)]),
            make_doc("d3", "国资委召开会议。", mentions=[("国资委", "ORG", 0)])]
    assert len(node_ids(docs, "ORG", "规划局", "国资委规划局")) == 1
    assert len(node_ids(docs, "ORG", "规划局", "国资委")) == 2


def test_same_name_with_different_types_is_one_node_of_the_majority_type():
    docs = [make_doc("d1", "世界智造产业大会开幕。", mentions=[("世界智造产业大会", "ORG", 0)]),
            make_doc("d2", "世界智造产业大会闭幕。", mentions=[("世界智造产业大会", "ORG", 0)]),
            make_doc("d3", "世界智造产业大会举办。", mentions=[("世界智造产业大会", "INITIATIVE", 0)])]
    resolution = resolve_entities(docs)
    assert node_ids(docs, "ORG", "世界智造产业大会") == {"ORG:世界智造产业大会"}
    assert resolution.node_for("d3", "INITIATIVE", "世界智造产业大会") == "ORG:世界智造产业大会"


def post(person: str, org: str, title: str) -> Relation:
    return Relation("HOLDS_POST", person, "PERSON", org, "ORG", sent=0, attrs={"title": title})


def person_doc(doc_id: str, person: str, org: str | None, date: str | None = None) -> DocResult:
    """A document naming a person, with a HOLDS_POST when ``org`` is given."""
    if org is None:
        return make_doc(doc_id, f"{person}出席会议。", mentions=[(person, "PERSON", 0)], date=date)
    return make_doc(doc_id, f"{org}厅长{person}出席会议。",
                    mentions=[(org, "ORG", 0), (person, "PERSON", 0)],
                    relations=[post(person, org, "厅长")], date=date)


def posts_in(*spec: tuple[str | None, str]) -> list[DocResult]:
    """Documents naming 许文博, one per ``(organisation or None, date)``."""
    return [person_doc(f"d{i}", "许文博", org, date) for i, (org, date) in enumerate(spec)]


@pytest.mark.parametrize("spec, expected", [
    # two provinces at the same time: two people
    ((("湖北省财政厅", "2014-01-05"), ("湖北省财政厅", "2014-02-05"), ("湖北省财政厅", "2014-09-01"),
      ("广东省商务厅", "2014-03-01"), ("广东省商务厅", "2014-06-01")),
     {"PERSON:许文博", "PERSON:许文博@广东省"}),
    # one province after the other: one official's career
    ((("湖北省财政厅", "2012-01-05"), ("湖北省财政厅", "2012-09-01"),
      ("广东省商务厅", "2014-03-01"), ("广东省商务厅", "2014-06-01")),
     {"PERSON:许文博"}),
    # a single stray document does not make a namesake
    ((("湖北省财政厅", "2014-01-05"), ("湖北省财政厅", "2014-09-01"), ("广东省商务厅", "2014-03-01")),
     {"PERSON:许文博"}),
    # different organisations of one province, or none: one person
    ((("湖北省财政厅", "2014-01-05"), ("宜昌市商务局", "2014-03-01"), (None, "2014-03-02")),
     {"PERSON:许文博"}),
    (((None, None), (None, None)), {"PERSON:许文博"}),
])
def test_same_name_is_one_person_unless_posts_conflict_in_time(spec, expected):
    assert node_ids(posts_in(*spec), "PERSON", "许文博") == expected


def test_person_without_province_joins_the_most_documented_namesake():
    docs = posts_in(("广东省商务厅", "2014-03-01"), ("广东省商务厅", "2014-06-01"),
                    ("湖北省财政厅", "2014-01-05"), ("湖北省财政厅", "2014-02-05"),
                    ("湖北省财政厅", "2014-09-01"), (None, "2014-05-01"))
    resolution = resolve_entities(docs)
    assert resolution.node_for("d5", "PERSON", "许文博") == "PERSON:许文博"
    assert resolution.node_for("d2", "PERSON", "许文博") == "PERSON:许文博"
    assert resolution.node_for("d0", "PERSON", "许文博") == "PERSON:许文博@广东省"


def test_a_document_naming_two_provinces_ties_them_to_one_person():
    both = make_doc("d9", "湖北省财政厅厅长许文博会见广东省商务厅厅长许文博。",
                    mentions=[("湖北省财政厅", "ORG", 0), ("许文博", "PERSON", 0), ("广东省商务厅", "ORG", 0)],
                    relations=[post("许文博", "湖北省财政厅", "厅长"), post("许文博", "广东省商务厅", "厅长")],
                    date="2014-05-01")
    docs = posts_in(("湖北省财政厅", "2014-01-05"), ("湖北省财政厅", "2014-09-01"),
                    ("广东省商务厅", "2014-03-01"), ("广东省商务厅", "2014-06-01")) + [both]
    assert node_ids(docs, "PERSON", "许文博") == {"PERSON:许文博"}


def test_people_with_merged_organisations_are_one_person():
    docs = [person_doc("d1", "祁立衡", "安徽省科技厅"), person_doc("d2", "祁立衡", "安徽省科技厅党组")]
    assert node_ids(docs, "PERSON", "祁立衡") == {"PERSON:祁立衡"}


def test_unknown_name_resolves_to_none():
    docs = one_mention_docs("ORG", "工信部")
    assert resolve_entities(docs).node_for("d0", "ORG", "商务部") is None


def test_resolution_does_not_depend_on_document_order():
    docs = [
        make_doc("a", "工信部召开会议。", mentions=[("工信部", "ORG", 0, {"aliases": ["工业和信息化部"]})]),
        make_doc("b", "工业和信息化部发布数据。", mentions=[("工业和信息化部", "ORG", 0)]),
        *one_mention_docs("PLACE", "浙江", "浙江省", "浙江省"),
        person_doc("p1", "许文博", "甲省财政厅"), person_doc("p2", "许文博", "乙省商务厅"), person_doc("p3", "许文博", None),
    ]
    outcomes = []
    for seed in range(8):
        random.Random(seed).shuffle(docs)
        resolution = resolve_entities(docs)
        outcomes.append((resolution.entities, {d.doc_id: [resolution.node_for(d.doc_id, m.label, m.name)
                                                            for m in d.mentions] for d in docs}))
    assert all(o == outcomes[0] for o in outcomes[1:])
    assert "ORG:工业和信息化部" in outcomes[0][0]


def _outcome(docs: list[DocResult], names: CollectedNames | None = None):
    resolution = resolve_entities(docs, names)
    return resolution.entities, {d.doc_id: [resolution.node_for(d.doc_id, m.label, m.name) for m in d.mentions]
                                 for d in docs}


HEADLINE_DOCS = [
    make_doc("a", "专题报道 联合发展署召开会议。", mentions=[("专题报道 联合发展署", "ORG", 0)]),
    make_doc("b", "专题报道联合 发展署印发通知。", mentions=[("专题报道联合 发展署", "ORG", 0)]),
    make_doc("c", "联合发展署发布数据。", mentions=[("联合发展署", "ORG", 0)]),
    make_doc("d", "发展署部署工作。", mentions=[("发展署", "ORG", 0)]),
]


@pytest.mark.parametrize("split", [0, 1, 2, 3])
def test_names_gathered_in_any_order_resolve_as_the_documents_do(split):
    """A build gathers the stored records' names first and the new ones' after; the names of
    a headline glued on come from the last document in id order either way."""
    names = CollectedNames()
    names.add(reversed(HEADLINE_DOCS[split:]))
    names.add(reversed(HEADLINE_DOCS[:split]))
    assert _outcome(HEADLINE_DOCS, names) == _outcome(HEADLINE_DOCS)


def test_names_of_other_documents_are_gathered_again():
    names = CollectedNames()
    names.add(HEADLINE_DOCS[:2])
    assert not names.holds(HEADLINE_DOCS)
    assert _outcome(HEADLINE_DOCS, names) == _outcome(HEADLINE_DOCS)


@pytest.mark.parametrize("same_document, merged", [(True, True), (False, False)])
def test_short_form_written_next_to_its_full_form_joins_it(same_document, merged):
    full = make_doc("d1", "联合发展署召开会议。", mentions=[("联合发展署", "ORG", 0)])
    if same_document:
        full = make_doc("d1", "联合发展署召开会议。", "发展署强调，要抓好落实。",
                        mentions=[("联合发展署", "ORG", 0), ("发展署", "ORG", 1)])
    docs = [full, make_doc("d2", "发展署印发通知。", mentions=[("发展署", "ORG", 0)])]
    assert (len(node_ids(docs, "ORG", "发展署", "联合发展署")) == 1) is merged


def test_one_character_prefix_in_the_same_document_is_not_a_short_form():
    docs = [make_doc("d1", "内蒙古与蒙古国交流。", mentions=[("内蒙古", "PLACE", 0), ("蒙古", "PLACE", 0)])]
    assert len(node_ids(docs, "PLACE", "内蒙古", "蒙古")) == 2


@pytest.mark.parametrize("module", ["graph.names", "graph.resolve"])
def test_docstring_examples_run(module):
    result = doctest.testmod(importlib.import_module(module))
    assert (result.failed, result.attempted > 0) == (0, True)


@pytest.mark.parametrize("sentences, merged", [
    (("联合发展署召开会议。", "发展署强调，要抓好落实。"), True),
    (("发展署召开会议。", "会议研究新一届联合发展署工作。"), False),
])
def test_short_form_joins_a_full_form_only_when_written_after_it(sentences, merged):
    first, second = ("联合发展署", "发展署") if merged else ("发展署", "联合发展署")
    doc = make_doc("d1", *sentences, mentions=[(first, "ORG", 0), (second, "ORG", 1)])
    assert (len(node_ids([doc], "ORG", "发展署", "联合发展署")) == 1) is merged


@pytest.mark.parametrize("names", [
    ["华信电力集团", "华信电力"],
    ["远洋船舶有限公司", "远洋船舶"],
    ["中国华信建工集团", "中信建集团"],
    ["华东电力投资集团", "华东电投集团", "华东电投"],
])
def test_company_forms_and_abbreviations_are_one_node(names):
    docs = one_mention_docs("ORG", *names)
    assert len(node_ids(docs, "ORG", *names)) == 1


@pytest.mark.parametrize("names", [
    ["中国华信建工集团", "中国华兴建设集团", "中华建集团"],
    ["华信建工集团", "华信建工三局集团"],
    ["北京公司", "北京"],
])
def test_ambiguous_company_short_forms_stay_apart(names):
    docs = one_mention_docs("ORG", *names)
    assert len(node_ids(docs, "ORG", *names)) == len(names)


@pytest.mark.parametrize("names, meeting_nodes", [
    (["专项教育", "专项教育推进会议", "“守正笃行”专项教育推进会议"], 1),
    (["专项教育", "专项教育总结大会", "守正笃行专项教育总结大会"], 1),
    (["专项教育推进会议", "守正笃行专项教育推进会议"], 2),
    (["专项教育", "专项教育推进会议", "“守正笃行”专项教育推进会议", "“勤学善思”专项教育推进会议"], 3),
    (["专项教育", "专项教育推进会议", "青海省专项教育推进会议"], 2),
])
def test_a_campaign_meeting_joins_its_one_form_with_the_campaigns_full_name(names, meeting_nodes):
    """The short name must open with a known campaign, and the longer forms be one and add no place."""
    docs = one_mention_docs("INITIATIVE", *names)
    meetings = [n for n in names if n.endswith(("会议", "大会"))]
    assert len(node_ids(docs, "INITIATIVE", *meetings)) == meeting_nodes
