"""ORG rules: whole names, central organs and their aliases, party bodies."""

from __future__ import annotations

import pytest
import spacy
from spacy import registry

from pipelines.components.orgs import FACTORY, STEPS, OrgRecognizer


@pytest.fixture(scope="module")
def nlp(full_pipeline):
    with full_pipeline.select_pipes(enable=["sentences", "lac_ner", "places", "orgs"]):
        yield full_pipeline


def ents(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("广东佛山贸促会等单位参加。", "广东佛山贸促会"),
        ("海关总署发布公告。", "海关总署"),
        ("中国中车参加了会议。", "中国中车"),
        ("参加会议的古巴代表团团长发言。", "古巴代表团"),
        ("安徽省科技厅召开会议。", "安徽省科技厅"),
        ("芬兰农林部长到访。", "芬兰农林部"),
    ],
)
def test_whole_organisation_names(nlp, text, org):
    assert (org, "ORG") in ents(nlp(text))


@pytest.mark.parametrize(
    ("text", "not_org"),
    [
        ("领导干部要带头学习。", "领导干部"),
        ("司法部门已建立制度。", "司法部"),
        ("他在人行道上走。", "人行"),
        ("市政府决定开工。", "市政府"),
        ("地方政府要负起责任。", "地方政府"),
    ],
)
def test_not_organisations(nlp, text, not_org):
    assert not_org not in [e.text for e in nlp(text).ents if e.label_ == "ORG"]


def test_place_inside_organisation_is_not_a_place(nlp):
    assert ("中国", "PLACE") not in ents(nlp("中国侨联召开会议。"))


def test_government_of_a_country_is_the_country(nlp):
    assert ents(nlp("美国政府认为如此。")) == [("美国", "PLACE")]


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("商务部党组召开会议。", "商务部党组", "商务部"),
        ("国家发改委党组召开会议。", "国家发改委党组", "国家发改委"),
    ],
)
def test_party_body_is_its_organisation(nlp, text, span, name):
    doc = nlp(text)
    assert [(e.text, e.kb_id_) for e in doc.ents if e.label_ == "ORG"] == [(span, name)]


@pytest.mark.parametrize(
    ("text", "name", "aliases"),
    [
        ("工信部发布通知。", "工信部", ["工业和信息化部"]),
        ("工业和信息化部发布通知。", "工业和信息化部", ["工信部"]),
    ],
)
def test_central_organ_aliases(nlp, text, name, aliases):
    assert nlp(text)._.aliases[name] == aliases


def test_bytes_round_trip(nlp):
    original = nlp.get_pipe("orgs")
    restored = OrgRecognizer("orgs").from_bytes(original.to_bytes())
    assert restored.to_bytes() == original.to_bytes()


def test_invalid_config_is_rejected():
    with pytest.raises(ValueError, match="max_name"):
        OrgRecognizer("orgs", max_name=1)


def test_title_after_organ_does_not_extend_it(nlp):
    doc = nlp("安徽省科技厅召开会议，省科技厅厅长出席。")
    assert [e.text for e in doc.ents if e.label_ == "ORG"] == ["安徽省科技厅", "省科技厅"]


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        ("他深入宣城工业阀、宣城茗香茶等当地企业调研。", ["宣城工业阀", "宣城茗香茶"]),
        ("到中国航材、中国中车等8家央企开展调研。", ["中国航材", "中国中车"]),
    ],
)
def test_named_items_of_a_list_of_bodies(nlp, text, orgs):
    found = [e.text for e in nlp(text).ents if e.label_ == "ORG"]
    assert all(org in found for org in orgs), found


@pytest.mark.parametrize(
    "text", ["钢铁、煤炭等企业加快转型。", "美国公司纷纷进入这个市场。"]
)
def test_kinds_of_bodies_are_not_organisations(nlp, text):
    assert [e.text for e in nlp(text).ents if e.label_ == "ORG"] == []


@pytest.mark.parametrize(
    ("text", "not_org"),
    [
        ("贯彻党中央重大决策部署。", "决策部署"),  # 部署 is a verb, not an organ in 署
        ("做好动员部署和战略部署。", "战略部署"),
        ("海关总署要求全国海关行动起来。", "全国海关"),  # 全国 + a bare organ word
        ("要把新海关的使命落到实处。", "新海关"),
        ("组织青年党团员参观。", "青年党"),  # 党 opens 党团员
        ("制作部风部史电子书。", "部风部"),  # 部 opens 部史
        ("每期由1名业务处室局负责同志主讲。", "业务处室局"),  # a list of kinds of units
        ("转化为建功新时代的实际行动。", "新时代"),  # 新 + an everyday word
        ("这从一个侧面反映了变化。", "从一"),  # preposition + numeral
        ("日美两国中央银行当天干预。", "两国"),
        ("执政党曾想修改宪法。", "执政党"),  # LAC tags an everyday word ORG
    ],
)
def test_rejected_organisation_candidates(nlp, text, not_org):
    assert not_org not in [e.text for e in nlp(text).ents if e.label_ == "ORG"]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("由对外贸易经济合作部颁发许可证。", "对外贸易经济合作部"),  # LAC tags 合作部 vn
        ("全国政协召开会议。", "全国政协"),
        ("南坪支公司员工赶赴现场。", "南坪支公司"),  # 员 after 公司, a two-character suffix
        ("新华社发布消息。", "新华社"),
        ("墨西哥外长将访华新华社北京电。", "新华社"),  # 华 of 访华 does not join the agency
    ],
)
def test_organisations_kept_by_the_rejection_rules(nlp, text, org):
    assert org in [e.text for e in nlp(text).ents if e.label_ == "ORG"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他在《费加罗报》发表文章。", ["费加罗报"]),
        ("据《纽约时报》和《经济周刊》报道。", ["纽约时报", "经济周刊"]),
        ("他宣读了《会议公报》。", []),
        ("印发《关于加强管理的通报》。", []),
    ],
)
def test_newspapers_in_title_marks_are_organisations(nlp, text, expected):
    titles = [e.text for e in nlp(text).ents if e.label_ == "ORG" and e.text in text.replace("》", "《").split("《")]
    assert titles == expected


@pytest.mark.parametrize(
    ("text", "span", "label"),
    [
        ("画展在中国美术馆开幕。", "中国美术馆", "PLACE"),
        ("飞船从肯尼迪航天中心发射。", "肯尼迪航天中心", "PLACE"),
        ("证监会信息中心发布报告。", "证监会信息中心", "ORG"),
    ],
)
def test_halls_and_centres_people_visit_are_places(nlp, text, span, label):
    assert (span, label) in ents(nlp(text))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("俄政府27日决定提高利率。", "俄"),
        ("香港特区政府对此表示失望。", "香港特区"),
    ],
)
def test_government_of_an_abbreviated_or_special_region_is_the_place(nlp, text, place):
    assert ents(nlp(text))[0] == (place, "PLACE")


@pytest.mark.parametrize(
    ("text", "place"),
    [("本报巴黎5月25日电。", "巴黎"), ("据温州市失业保险机构统计。", "温州市")],
)
def test_organisation_spans_that_are_a_place_name_are_places(nlp, text, place):
    assert (place, "PLACE") in ents(nlp(text))


@pytest.mark.parametrize(
    ("text", "not_org"),
    [
        ("坚决落实党要管党、强化监督执纪。", "党要"),  # a modal ends no name
        ("要切实发挥好党组成员的作用。", "好党组"),  # a lone adjective opens no name
        ("为开好局、起好步提供有力保障。", "好局"),
        ("进一步密切同人大代表的联系。", "密切同人大"),
        ("要立足大局全局，认真贯彻落实。", "大局全局"),  # 全局 is the whole picture
        ("站在党和国家事业全局的高度。", "国家事业全局"),
        ("推进新时代人大工作。", "新时代人大"),  # an era before a bare 人大 or 党
        ("认真贯彻执行新时代党的宣传方针。", "新时代党"),
        ("紧紧围绕新时代新征程党的中心任务。", "新时代新征程党"),
        ("提升全国人大党的建设质量。", "全国人大党"),  # an organ before a bare 党
        ("红旗村有汉族、蒙古族、满族等多民族群众聚居。", "汉族"),  # peoples are no bodies
        ("贯彻十八届二中、三中、四中全会精神。", "四中"),  # a plenary session
        ("中华文明植根于和而不同的文化。", "中华"),  # a word that opens names
        ("推动新能源汽车持续健康发展。", "新能源汽车"),  # 新 + everyday words
        ("赓续共产党人精神血脉。", "共产党人"),  # members, not the body
        ("力争每个县局都建成1个服务站。", "县局"),  # each county's bureau, not one
    ],
)
def test_phrases_about_bodies_are_not_organisations(nlp, text, not_org):
    assert not_org not in [e.text for e in nlp(text).ents if e.label_ == "ORG"]


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("保证党中央和同级党委的决策部署落实到位。", "同级"),
        ("行业系统主管部门党组派出巡回督导组。", "部门"),
    ],
)
def test_party_body_of_no_named_organisation_is_dropped(nlp, text, owner):
    assert not [e.text for e in nlp(text).ents if e.label_ == "ORG" and e.text.startswith(owner)]


@pytest.mark.parametrize(
    "text",
    ["确保党中央政令畅通、令行禁止。", "监督保障党中央惠民富民政策措施落实。", "座谈会是疫情发生后党中央召开的会议。"],
)
def test_central_organ_is_cut_out_of_ordinary_words(nlp, text):
    assert [e.text for e in nlp(text).ents if e.label_ == "ORG"] == ["党中央"]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("与湖南省委、贵州省从江县委领导同志进行了视频连线。", "从江县委"),  # LAC cut 从 off
        ("中国共产党的领导是根本保证。", "中国共产党"),
        ("英国工党领袖发表讲话。", "英国工党"),
        ("墨西哥军队和总检察院25日发现营地。", "总检察院"),  # 总 opens names
        ("俄央行宣布降息。", "俄央行"),
    ],
)
def test_whole_names_kept_or_restored(nlp, text, org):
    assert org in [e.text for e in nlp(text).ents if e.label_ == "ORG"]


def test_cut_name_is_completed_by_the_same_name_elsewhere_in_the_document(nlp):
    doc = nlp("乌兰牧骑队员为群众演出。他来到乌兰牧骑排演大厅。")
    assert [e.text for e in doc.ents if e.label_ == "ORG" and e.text.startswith("乌兰")] == ["乌兰牧骑", "乌兰牧骑"]



def test_steps_are_registered_functions_found_by_name():
    assert all(callable(registry.misc.get(name)) for name in STEPS)


def test_an_unknown_step_is_a_config_error():
    with pytest.raises(ValueError, match="zhkg.orgs.nothing.v1"):
        spacy.blank("zh").add_pipe(FACTORY, config={"steps": ["zhkg.orgs.nothing.v1"]})


@pytest.mark.parametrize(("left_out", "expected"), [(None, ["湖滨晚报"]), ("zhkg.orgs.press_titles.v1", [])])
def test_only_the_configured_steps_run(left_out, expected):
    pipeline = spacy.blank("zh")
    pipeline.add_pipe(FACTORY, config={"steps": [s for s in STEPS if s != left_out]})
    pipeline.initialize()
    assert [e.text for e in pipeline("他在《湖滨晚报》发表文章。").ents] == expected


@pytest.mark.parametrize(
    ("text", "first", "name"),
    [
        ("他到浙江省和杭州市教育厅调研。", "浙江省", "浙江省教育厅"),
        ("会议听取湖南省、长沙市纪委监委汇报。", "湖南省", "湖南省纪委监委"),
    ],
)
def test_divisions_share_the_organ_after_the_last(nlp, text, first, name):
    doc = nlp(text)
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents if e.text == first] == [(first, "ORG", name)]


@pytest.mark.parametrize("text", ["他来到办税服务厅察看。", "大家在多功能厅观看演示。"])
def test_rooms_are_no_organisations(nlp, text):
    assert [e for e in nlp(text).ents if e.label_ == "ORG"] == []


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("座谈会上，几位县委书记先后发言。", "县委"),
        ("要把村党支部建设成坚强战斗堡垒。", "党支部"),
        ("压实党委主体责任和纪委监委监督责任。", "纪委监委"),
        ("他走访了村委会和卫生室。", "村委"),
    ],
)
def test_organs_every_division_has_name_no_body_alone(nlp, text, bare):
    assert bare not in [e.text for e in nlp(text).ents if e.label_ == "ORG"]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("县人大常委会召开会议。", "县人大常委会"),
        ("河北省纪委监委召开会议。", "河北省纪委监委"),
    ],
)
def test_organs_of_a_named_or_congress_body_stay(nlp, text, org):
    assert org in [e.text for e in nlp(text).ents if e.label_ == "ORG"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("园区里共有30多个研发中心。", "研发中心"),
        ("这些研发中心各有所长。", "研发中心"),
        ("全省县级以上税务局开展培训。", "税务局"),
    ],
)
def test_counted_bodies_are_kinds(nlp, text, kind):
    assert kind not in [e.text for e in nlp(text).ents if e.label_ == "ORG"]


@pytest.mark.parametrize(
    ("text", "org", "title"),
    [
        ("中国科协常委出席会议。", "中国科协", "中国科协常委"),
        ("出席会议的有国务委员，国家林业和草原局局长。", "国家林业和草原局", "国务委员"),
    ],
)
def test_titles_are_no_organisations(nlp, text, org, title):
    orgs = [e.text for e in nlp(text).ents if e.label_ == "ORG"]
    assert org in orgs and title not in orgs


def test_a_village_does_not_share_the_organ_of_a_province_after_it(nlp):
    doc = nlp("他先后到东风村、河北省博物馆参观。")
    assert [(e.text, e.kb_id_) for e in doc.ents if e.text == "东风村"] in ([("东风村", "")], [])


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("副省长、第三次全国土壤普查领导小组组长出席会议。", "第三次全国土壤普查领导小组"),
        ("会上，中央深化改革推进落实领导小组成员作了发言。", "中央深化改革推进落实领导小组"),
    ],
)
def test_a_task_group_before_a_title_is_named_by_its_whole_task(nlp, text, group):
    assert group in [e.text for e in nlp(text).ents if e.label_ == "ORG"]


def test_a_task_group_of_a_plain_clause_is_not_stretched(nlp):
    orgs = [e.text for e in nlp("他强调要尽快成立防汛抗旱领导小组。").ents if e.label_ == "ORG"]
    assert not any(o.startswith("他") for o in orgs)


def test_the_short_form_of_a_task_group_is_named_by_its_full_form(nlp):
    doc = nlp("会上，全国深化农村集体产权制度改革领导小组组长讲话。全国农村改革领导小组成员参加。")
    assert [e.kb_id_ for e in doc.ents if e.text == "全国农村改革领导小组"] == ["全国深化农村集体产权制度改革领导小组"]


def org_names(doc) -> list[tuple[str, str]]:
    """``(span, name)`` of the ORG entities; the name is the span unless a rule named it."""
    return [(e.text, e.kb_id_ or e.text) for e in doc.ents if e.label_ == "ORG"]


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("认真学习党的十七大精神。", "十七大", "党的十七大"),
        ("中共十六大提出了目标。", "中共十六大", "党的十六大"),
        ("十七大以来取得新进展。", "十七大", "党的十七大"),
        ("中共三大在广州召开。", "中共三大", "党的三大"),
    ],
)
def test_party_congresses_are_named_by_their_ordinal(nlp, text, span, name):
    assert (span, name) in org_names(nlp(text))


@pytest.mark.parametrize(
    ("text", "not_org"),
    [
        ("坚持五大发展理念。", "五大"),
        ("他参观了中共三大会址纪念馆。", "中共三大"),
    ],
)
def test_counts_and_longer_names_are_no_congress(nlp, text, not_org):
    assert not_org not in [span for span, _ in org_names(nlp(text))]


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("经七届人大常委会审议通过。", "七届人大常委会", "人大常委会"),
        ("民建第八届中央常委会召开会议。", "民建第八届中央常委会", "民建中央常委会"),
    ],
)
def test_the_term_of_a_body_joins_its_span(nlp, text, span, name):
    assert (span, name) in org_names(nlp(text))


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("他被县委、团县委评为优秀青年。", "团县委"),
        ("大家响应团市委的号召。", "团市委"),
    ],
)
def test_youth_league_committees(nlp, text, org):
    assert org in [span for span, _ in org_names(nlp(text))]


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("据英国《泰晤士报》报道。", "英国《泰晤士报》", "泰晤士报"),
        ("他在《读书》杂志发表文章。", "《读书》杂志", "读书"),
    ],
)
def test_a_papers_place_or_kind_joins_its_title(nlp, text, span, name):
    assert (span, name) in org_names(nlp(text))


@pytest.mark.parametrize(
    "text",
    ["省市纪委派出人员检查。", "省区市党委和有关部门派出督导组。"],
)
def test_organs_of_several_kinds_of_division_are_no_body(nlp, text):
    assert [span for span, _ in org_names(nlp(text)) if span.endswith(("纪委", "党委"))] == []
