"""zhkg_initiatives_v1: programmes, campaigns and named practices, with canonical names."""

from __future__ import annotations

import pytest
import spacy
from rule_support import component_pipeline, run_component
from spacy import registry
from spacy.language import Language
from spacy.tokens import Doc

from pipelines.components.initiatives import FACTORY, STEPS
from zhkg.errors import NotInitializedError


@pytest.fixture(scope="module")
def nlp() -> Language:
    return component_pipeline(FACTORY)


def run(nlp: Language, text: str, ents: tuple[tuple[str, str], ...] = ()) -> Doc:
    """Run the component on ``text`` with ``ents`` (surface, label) preset as earlier components would."""
    return run_component(nlp, FACTORY, text, ents)


def initiatives(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.kb_id_) for e in doc.ents if e.label_ == "INITIATIVE"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("省科技厅党组落实“首课学习”制度，在深入调研中", [("“首课学习”制度", "首课学习制度")]),
        ("青岛海关深化“多审合一”改革，提升后续监管效能。", [("“多审合一”改革", "多审合一改革")]),
        ("着力做好“六稳”工作等重点任务。", [("“六稳”工作", "六稳")]),
        ("该厅创新开展“科长讲堂”活动，每期活动由", [("“科长讲堂”活动", "科长讲堂")]),
        ("浙江实施“千村示范、万村整治”工程，", [("“千村示范、万村整治”工程", "千村示范、万村整治工程")]),
    ],
)
def test_quoted_slogan_with_programme_word(nlp, text, expected):
    assert initiatives(run(nlp, text)) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("积极推行助企政策“免审即办”，让市场主体受益。", ["免审即办"]),
        ("落实“免报即办”“即报即办”，谋划储备一批政策。", ["免报即办", "即报即办"]),
        ("要推动共建“一带一路”为契机。", ["一带一路"]),
    ],
)
def test_quoted_slogan_after_a_promote_verb(nlp, text, expected):
    assert [name for _, name in initiatives(run(nlp, text))] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("构建“查审合一”的海关货物查检作业新模式", ["查审合一"]),
        ("“一园一策”、“一园区一方案”推动重点产业发展", ["一园一策", "一园区一方案"]),
        ("班子成员采取“三查两访”方式，分别前往", ["三查两访"]),
        ("助力“稳外资五大行动”取得实效", ["稳外资五大行动"]),
    ],
)
def test_quoted_slogan_by_its_form(nlp, text, expected):
    assert [name for _, name in initiatives(run(nlp, text))] == expected


def test_quoted_items_of_an_enumeration_of_tasks(nlp):
    doc = run(nlp, "到企业调研“减亏扭困”、控负债、压“两金”等重点专项工作情况。")
    assert [name for _, name in initiatives(doc)] == ["减亏扭困", "两金"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("工信部大力实施国家智能装备创新中心建设工程，把分散的创新资源凝聚起来。", ["国家智能装备创新中心建设工程"]),
        ("针对问题，扎实开展机关服务效能专项提升行动，动真碰硬。", ["机关服务效能专项提升行动"]),
        ("省科技厅坚持以构建特色产业集群培育体系为抓手，谋深谋实路径。", ["特色产业集群培育体系"]),
        ("继续完善职能部门科级干部下基层驻点调研制度。", ["职能部门科级干部下基层驻点调研制度"]),
        ("在全省启动中小微商贸企业数字化营销服务包推广应用工作，企业获得感较强。", ["中小微商贸企业数字化营销服务包推广应用"]),
        ("坚决打好水污染治理攻坚战。", ["水污染治理攻坚战"]),
    ],
)
def test_object_of_a_programme_verb(nlp, text, expected):
    assert [name for _, name in initiatives(run(nlp, text))] == expected


def test_counted_plans_split_at_the_conjunction(nlp):
    text = "及时制定了今年优化口岸环境促进跨境电商发展36项重点任务和促进特色产业提质增效10项行动计划，落实部署。"
    assert [name for _, name in initiatives(run(nlp, text))] == [
        "优化口岸环境促进跨境电商发展36项重点任务",
        "促进特色产业提质增效10项行动计划",
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("引导党员干部把理论学习成果转化为推进质量强国和海洋强国建设的实际行动。", ["质量强国", "海洋强国"]),
        ("成为加快建设质量强省、真情真意为企服务的生动实践。", ["质量强省"]),
    ],
)
def test_goals_of_the_strong_nation_form(nlp, text, expected):
    assert [name for _, name in initiatives(run(nlp, text))] == expected


def test_named_event_drops_the_year(nlp):
    doc = run(nlp, "在筹备2023世界智造产业大会工作中，")
    assert initiatives(doc) == [("2023世界智造产业大会", "世界智造产业大会")]


def test_event_glued_to_a_quote_is_not_cut(nlp):
    doc = run(nlp, "召开第三届“一带一路”国际合作高峰论坛。")
    assert [name for _, name in initiatives(doc)] == ["一带一路"]


@pytest.mark.parametrize("mentions,expected", [(3, 3), (1, 0)])
def test_campaign_needs_repeated_mentions(nlp, mentions, expected):
    text = "各单位扎实开展主题教育。" + "主题教育取得成效。" * (mentions - 1)
    assert len(initiatives(run(nlp, text))) == expected


def test_quote_next_to_a_place_keeps_the_place(nlp):
    doc = run(nlp, "黄埔海关扎实推动珠三角“大联检”建设。", (("珠三角", "PLACE"),))
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents][-2:] == [
        ("珠三角", "PLACE", ""),
        ("“大联检”建设", "INITIATIVE", "大联检建设"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "联系群众是党的“传家宝”，也是做好各项工作的“基本功”。",
        "由领导班子成员带头深入基层“摸实情”，把脉问诊“开良方”。",
        "他们敢于“钻矛盾窝”了解实情。",
        "会上表示：“要把开展主题教育作为一项重大政治任务，坚持学思用贯通。”",
        "规划局深入部分央企开展调研，推进工作落实。",
        "中博公司组织观看纪录片《“五通”共筑丝路梦》。",
        "大力弘扬“两弹一星”精神。",
        "聚焦“降成本、简单证、提速度、优服务”，及时制定了今年重点任务。",
        "加强机关党的建设，进一步增强市场主体活力。",
        "推进基层治理体系和治理能力现代化。",
    ],
)
def test_no_initiative_without_a_positive_cue(nlp, text):
    assert initiatives(run(nlp, text)) == []


def test_person_spans_are_not_overwritten(nlp):
    doc = run(nlp, "落实“王小明”", (("王小明", "PERSON"),))
    assert [(e.text, e.label_) for e in doc.ents] == [("王小明", "PERSON")]


def test_quote_length_is_configurable():
    pipeline = component_pipeline(FACTORY, {"max_quote_chars": 3})
    assert [e.text for e in pipeline("落实“首课学习”制度，").ents] == []


def test_config_is_validated():
    with pytest.raises(ValueError, match="max_quote_chars"):
        spacy.blank("zh").add_pipe(FACTORY, config={"max_quote_chars": 1})


def test_steps_are_registered_functions_found_by_name():
    assert all(callable(registry.misc.get(name)) for name in STEPS)


def test_an_unknown_step_is_a_config_error():
    with pytest.raises(ValueError, match="zhkg.initiatives.nothing.v1"):
        spacy.blank("zh").add_pipe(FACTORY, config={"steps": ["zhkg.initiatives.nothing.v1"]})


@pytest.mark.parametrize(
    ("left_out", "expected"),
    [(None, [("城市公园养护管理办法", "城市公园养护管理办法")]), ("zhkg.initiatives.documents.v1", [])],
)
def test_only_the_configured_steps_run(left_out, expected):
    pipeline = component_pipeline(FACTORY, {"steps": [s for s in STEPS if s != left_out]})
    assert initiatives(pipeline("市政府印发《城市公园养护管理办法》。")) == expected


def test_component_refuses_to_run_uninitialized():
    pipeline = spacy.blank("zh")
    component = pipeline.add_pipe(FACTORY)
    with pytest.raises(NotInitializedError, match="E006"):
        component(pipeline.make_doc("落实“首课学习”制度"))


def test_bytes_round_trip(nlp):
    fresh = spacy.blank("zh")
    component = fresh.add_pipe(FACTORY)
    component.from_bytes(nlp.get_pipe(FACTORY).to_bytes())
    assert initiatives(fresh("深化“多审合一”改革，")) == [("“多审合一”改革", "多审合一改革")]


def test_disk_round_trip(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert initiatives(loaded("积极推行助企政策“免审即办”，")) == [("免审即办", "免审即办")]


def full_initiatives(full_pipeline, text: str) -> list[str]:
    return [e.kb_id_ or e.text for e in full_pipeline(text).ents if e.label_ == "INITIATIVE"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("省政府印发《山东省农村公路养护管理办法》，要求各地执行。", ["山东省农村公路养护管理办法"]),
        ("会议审议了《关于深化科技成果转化改革的若干意见》。", ["关于深化科技成果转化改革的若干意见"]),
        ("各地认真学习《基层党组织选举工作条例（试行）》。", ["基层党组织选举工作条例（试行）"]),
        ("他在《光明日报》发表文章。", []),
    ],
)
def test_documents_in_book_titles(full_pipeline, text, expected):
    assert full_initiatives(full_pipeline, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("全县推广“订单式”培训，帮助农民就业。", ["订单式培训"]),
        ("“平安校园”主题教育推进会议在县里召开。", ["平安校园主题教育推进会议"]),
        ("坚决打好污染攻坚战。", ["污染攻坚战"]),
    ],
)
def test_styles_meetings_and_battles(full_pipeline, text, expected):
    assert full_initiatives(full_pipeline, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("会议部署推进减员增效等重点工作。", ["减员增效"]),
        ("他调研了农村土地制度改革等工作开展情况。", ["农村土地制度改革"]),
        ("学校抓好人才培养等工作。", []),
        ("学校推进改革发展等工作。", []),
    ],
)
def test_named_items_of_a_list_of_work(full_pipeline, text, expected):
    assert full_initiatives(full_pipeline, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("浙江舟山绿色石化项目、福建宁德锂电池工厂等一批重点项目加快建设。", ["浙江舟山绿色石化项目", "福建宁德锂电池工厂"]),
        ("工作人员演示了金盾二期工程的运行情况。", ["金盾二期工程"]),
        ("北京项目进展顺利。", []),
    ],
)
def test_named_projects(full_pipeline, text, expected):
    assert full_initiatives(full_pipeline, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("市里推出企业复产八条，帮助企业渡过难关。", ["企业复产八条"]),
        ("省政府出台稳外贸15条。", ["稳外贸15条"]),
        ("他推出三条建议。", []),
    ],
)
def test_counted_measures_issued_by_a_plan_verb(full_pipeline, text, expected):
    assert full_initiatives(full_pipeline, text) == expected


def test_the_named_work_of_do_well(full_pipeline):
    assert full_initiatives(full_pipeline, "要做好跨省异地养老保险转移接续工作。") == ["跨省异地养老保险转移接续"]


def test_a_name_continued_by_a_document_word_elsewhere_is_that_document(full_pipeline):
    doc = full_pipeline("省政府印发《乡镇干部培训管理办法》。这是做好乡镇干部培训管理工作的依据。")
    assert {e.kb_id_ for e in doc.ents if e.label_ == "INITIATIVE"} == {"乡镇干部培训管理办法"}
