"""PLACE rules: lexicon places on LAC word boundaries, splits, trims, aliases."""

from __future__ import annotations

import pytest

from pipelines.components.places import PlaceRecognizer
from pipelines.spans import CharSpan, set_entities


@pytest.fixture(scope="module")
def nlp(full_pipeline):
    with full_pipeline.select_pipes(enable=["sentences", "lac_ner", "places"]):
        yield full_pipeline


def places(doc) -> list[str]:
    return [e.text for e in doc.ents if e.label_ == "PLACE"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("东莞是个好地方。", ["东莞"]),
        ("他在安徽宿州调研。", ["安徽", "宿州"]),
        ("推动皖北产业升级。", ["皖北"]),
        ("珠三角一体化发展。", ["珠三角"]),
        ("华北北部有雨。", ["华北"]),
        ("中美双方举行会谈。", ["中", "美"]),
    ],
)
def test_places_found(nlp, text, expected):
    assert places(nlp(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "国家长治久安。",      # 长治 (a city) inside one word
        "世界和平需要维护。",  # 和平 (a district) is an everyday word
        "中国科协召开会议。",  # 中国 inside an organisation name
    ],
)
def test_no_place_inside_words(nlp, text):
    doc = nlp(text)
    assert not any(e.text in ("长治", "和平", "中国") and e.label_ == "PLACE" for e in doc.ents)


def test_short_and_full_names_are_aliases(nlp):
    doc = nlp("他去了宿州。")
    assert doc._.aliases["宿州"] == ["宿州市"]
    assert doc._.aliases["宿州市"] == ["宿州"]


def test_bytes_round_trip(nlp):
    original = nlp.get_pipe("places")
    restored = PlaceRecognizer("places").from_bytes(original.to_bytes())
    text = "他从广西柳州出发，途经苏北，来到珠三角。"
    assert restored.lookup.find_all(text) == original.lookup.find_all(text) != []


def test_uninitialised_component_says_what_to_do():
    with pytest.raises(RuntimeError, match="initialize"):
        PlaceRecognizer("places").lookup


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("东亚金融危机发生以后。", ["东亚"]),  # a world subregion, not 东 + 亚
        ("拉美国家每年增长。", ["拉美"]),
        ("南亚地区的和平与稳定。", ["南亚"]),
        ("亚洲各国加强合作。", ["亚洲"]),
    ],
)
def test_world_regions_are_one_place(nlp, text, expected):
    assert places(nlp(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("西北地区北部有雨。", ["西北"]),
        ("亚太地区形势稳定。", ["亚太"]),
        ("卡拉奇晴30℃。", ["卡拉奇"]),  # LAC reads 卡拉奇晴 as a person
        ("成渝地区双城经济圈。", ["成渝地区双城经济圈"]),  # 成渝 alone is no known place
    ],
)
def test_trailers_and_area_word_are_cut_off_known_places(nlp, text, expected):
    assert places(nlp(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("美国总统访华。", ["美国", "华"]),
        ("泰国驻华使馆举行招待会。", ["泰国", "华"]),
        ("代表团进京参加会议。", ["京"]),
        ("华侨踊跃捐款。", []),  # 华 opens a word
        ("他爱听京剧。", []),
    ],
)
def test_china_and_beijing_after_verbs_of_going(nlp, text, expected):
    assert places(nlp(text)) == expected


def test_abbreviated_china_is_an_alias_of_china(nlp):
    assert nlp("总统访华。")._.aliases["华"] == ["中华人民共和国"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("墨美两国在反毒斗争上合作。", ["墨", "美"]),  # LAC reads 墨美 as a person
        ("推进巴以谈判。", ["巴", "以"]),
        ("发展美中关系。", ["美", "中"]),
        ("要加以合作。", []),  # 加以 is a verb, and 合作 closes no pair
        ("改善社会关系。", []),
    ],
)
def test_abbreviated_country_pairs(nlp, text, expected):
    assert places(nlp(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("印尼经济正经历困难。", ["印尼"]),  # one country, though 印 and 尼 are both abbreviations
        ("中美双方举行会谈。", ["中", "美"]),
    ],
)
def test_joined_abbreviations_split_unless_one_place(nlp, text, expected):
    assert places(nlp(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("该村位于县城东北。", []),  # LAC tags 东北 as a direction word here
        ("西南方向五公里。", []),
        ("东北口音很重。", ["东北"]),
    ],
)
def test_compass_regions_only_when_not_a_direction(nlp, text, expected):
    assert places(nlp(text)) == expected


def _heads(nlp, text: str, parts: tuple[str, str]) -> list[str]:
    doc = nlp.make_doc(text)
    start = text.index(parts[0] + parts[1])
    middle = start + len(parts[0])
    set_entities(doc, [CharSpan(start, middle, "PLACE"), CharSpan(middle, middle + len(parts[1]), "PLACE")])
    return [text[c.start:c.end] for c in nlp.get_pipe("places").name_heads(doc)]


@pytest.mark.parametrize(
    ("text", "parts", "name"),
    [
        ("美国西南部塔隆维尔市开始调查。", ("塔", "隆维尔市"), "塔隆维尔市"),
        ("前孟沟村的村民来了。", ("前", "孟沟村"), "前孟沟村"),
        ("保护区附近的小柳河镇境内。", ("小", "柳河镇"), "小柳河镇"),
    ],
)
def test_a_head_character_cut_off_a_name_is_joined_to_it(nlp, text, parts, name):
    assert _heads(nlp, text, parts) == [name]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("中美双方举行会谈。", ("中", "美")),
        ("当前中印尼关系良好。", ("中", "印尼")),
        ("尼巴村和柳沟村的村民。", ("和", "柳沟村")),
        ("科研人员在环青海湖巡查。", ("环", "青海湖")),
    ],
)
def test_two_places_or_a_word_before_a_place_stay_apart(nlp, text, parts):
    assert _heads(nlp, text, parts) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("货轮驶进港口后开始卸货。", "港口"),
        ("孩子们对光明的向往从未停止。", "光明"),
        ("这座古城的街道仍然保留着旧貌。", "古城"),
    ],
)
def test_a_short_division_name_read_as_a_common_noun_is_no_place(nlp, text, word):
    assert word not in places(nlp(text))


def test_a_short_division_name_read_as_a_place_stays(nlp):
    assert places(nlp("他从港口区出发，前往光明区。")) == ["港口区", "光明区"]


def test_a_run_of_province_abbreviations_stays_apart(nlp):
    assert _heads(nlp, "当年的湘赣边区留下了许多旧址。", ("湘", "赣边区")) == []


def people(doc) -> list[str]:
    return [e.text for e in doc.ents if e.label_ == "PERSON"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("会议期间，代表团前往卡拉奇参观港口。", "卡拉奇"),
        ("贝宁、多哥和布隆迪的代表出席了论坛。", "贝宁"),
        ("贝宁、多哥和布隆迪的代表出席了论坛。", "布隆迪"),
        ("两国元首在吉布提举行了会谈。", "吉布提"),
    ],
)
def test_a_person_named_as_a_country_or_foreign_city_is_that_place(nlp, text, place):
    doc = nlp(text)
    assert place in places(doc) and place not in people(doc)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("市长安宁在会上讲话。", "安宁"),
        ("副主任高明介绍了情况。", "高明"),
    ],
)
def test_a_person_named_as_a_chinese_division_stays_a_person(nlp, text, person):
    assert person in people(nlp(text))
