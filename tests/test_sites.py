"""zhkg_sites_v1: whole names of visited sites, labelled by their site word."""

from __future__ import annotations

import pytest
import spacy

from pipelines.components.sites import FACTORY, SiteRecognizer
from zhkg.errors import NotInitializedError


def sites(full_pipeline, text: str) -> list[tuple[str, str]]:
    doc = full_pipeline(text)
    return [(e.text, e.label_) for e in doc.ents if e.label_ in ("PLACE", "ORG") and len(e.text) > 3]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("他走进杭州市西湖区翠苑新村社区，了解基层治理情况。", [("翠苑新村社区", "PLACE")]),
        ("代表团来到滨江科技产业园、钱塘湿地。", [("滨江科技产业园", "PLACE"), ("钱塘湿地", "PLACE")]),
        ("他在龙泉大窑遗址了解保护工作。", [("龙泉大窑遗址", "PLACE")]),
        ("随后走进珠海市香洲区青年人才之家。", [("青年人才之家", "ORG")]),
        ("参观了市革命历史陈列馆。", [("市革命历史陈列馆", "PLACE")]),
    ],
)
def test_site_names_after_visit_verbs(full_pipeline, text, expected):
    assert [s for s in sites(full_pipeline, text) if s[0] not in ("杭州市", "西湖区", "珠海市", "香洲区")] \
        == expected


@pytest.mark.parametrize("text", ["大家瞻仰革命旧址。", "他深入农村社区。", "居民搬进小区。", "他带队深入芜湖市园区、企业。",
                                  "专家考察中国农村。"])
def test_a_kind_of_site_is_no_name(full_pipeline, text):
    assert sites(full_pipeline, text) == []


def test_a_village_found_whole_keeps_its_name(full_pipeline):
    doc = full_pipeline("礼物送到了湖南浏阳县大围山镇枫林村。")
    assert "枫林村" in [e.text for e in doc.ents]


def test_component_refuses_to_run_uninitialized():
    component = SiteRecognizer("sites")
    with pytest.raises(NotInitializedError):
        component.to_bytes()


def test_bytes_round_trip():
    nlp = spacy.blank("zh")
    nlp.add_pipe(FACTORY)
    nlp.initialize()
    copy = SiteRecognizer("copy").from_bytes(nlp.get_pipe(FACTORY).to_bytes())
    assert copy.site_labels == nlp.get_pipe(FACTORY).site_labels


def test_disk_round_trip(tmp_path):
    nlp = spacy.blank("zh")
    nlp.add_pipe(FACTORY)
    nlp.initialize()
    nlp.get_pipe(FACTORY).to_disk(tmp_path)
    assert SiteRecognizer("copy").from_disk(tmp_path).site_labels == nlp.get_pipe(FACTORY).site_labels


def test_config_is_validated():
    with pytest.raises(ValueError):
        SiteRecognizer("sites", max_chars=1)


@pytest.mark.parametrize(
    "text,site",
    [
        ("他来到华星电子有限公司、青山湖红色教育陈列馆。", "青山湖红色教育陈列馆"),
        ("代表们参观了省美术馆、南湖荷花湿地。", "南湖荷花湿地"),
    ],
)
def test_a_site_listed_after_another_entity_of_a_visit(full_pipeline, text, site):
    assert site in [e.text for e in full_pipeline(text).ents]


def test_a_site_listed_without_a_visit_verb_is_no_site(full_pipeline):
    assert "南湖荷花湿地" not in [e.text for e in full_pipeline("省美术馆、南湖荷花湿地都很有名。").ents]


@pytest.mark.parametrize(
    "text,site",
    [
        ("他走进长江经济带（湖北）青年创业基地。", "长江经济带（湖北）青年创业基地"),
        ("考察组来到滨海新城地下综合管廊。", "滨海新城地下综合管廊"),
    ],
)
def test_site_names_holding_a_bracketed_place_or_a_locative(full_pipeline, text, site):
    assert site in [e.text for e in full_pipeline(text).ents]


def test_a_residents_group_is_a_site_not_an_organisation(full_pipeline):
    doc = full_pipeline("他来到勐海县曼东居民小组看望群众。")
    assert [(e.text, e.label_) for e in doc.ents if e.text.endswith("居民小组")] == [("曼东居民小组", "PLACE")]


@pytest.mark.parametrize(
    "text,site",
    [
        ("他来到临港（上海）国际商务区，了解招商情况。", "临港（上海）国际商务区"),
        ("他到东湖绿道示范段察看生态治理。", "东湖绿道示范段"),
        ("记者走进智能计算成都中心，了解建设情况。", "智能计算成都中心"),
    ],
)
def test_site_words_of_zones_greenways_and_centres(full_pipeline, text, site):
    assert site in [e.text for e in full_pipeline(text).ents]


@pytest.mark.parametrize(
    "text,site",
    [
        ("他来到湘赣边区秘密交通线吉安交通站旧址，了解革命历史。", "湘赣边区秘密交通线吉安交通站旧址"),
        ("他前往兰州市金牛和苑安居小区，察看住房情况。", "金牛和苑安居小区"),
    ],
)
def test_a_whole_object_of_a_visit_verb_may_hold_verbs_and_conjunction_tags(full_pipeline, text, site):
    assert site in [e.text for e in full_pipeline(text).ents]


def test_a_site_with_a_bracketed_place_needs_no_visit_verb(full_pipeline):
    doc = full_pipeline("近日，中国（海南）自由贸易试验区洋浦片区挂牌运行。")
    assert [e.text for e in doc.ents] == ["中国（海南）自由贸易试验区洋浦片区"]


@pytest.mark.parametrize(
    "text,not_site",
    [
        ("企业在北京、上海、成都设立研发中心。", "成都设立研发中心"),
        ("带您走进中国顶尖实验室，一睹科学家风范。", "中国顶尖实验室"),
        ("他来到湘赣边区秘密交通线吉安交通站旧址参加活动。", "湘赣边区秘密交通线吉安交通站旧址"),
    ],
)
def test_verbs_inside_a_run_make_no_name_without_a_whole_named_object(full_pipeline, text, not_site):
    assert not_site not in [e.text for e in full_pipeline(text).ents]

