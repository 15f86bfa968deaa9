"""Place lexicon, central organs table and trie matching."""

from __future__ import annotations

import pytest

from pipelines.lexicons.matching import find_all, trie_pattern
from pipelines.lexicons.organs import ORGANS_FILE, load_central_organs, read_organs
from pipelines.lexicons.divisions import load_place_lexicon, province_abbreviations


@pytest.mark.parametrize(
    ("name", "full_name", "level", "parent", "province"),
    [
        ("宿州", "宿州市", "city", "安徽省", "安徽省"),
        ("宿州市", "宿州市", "city", "安徽省", "安徽省"),
        ("浙江", "浙江省", "province", None, "浙江省"),
        ("浙江省", "浙江省", "province", None, "浙江省"),
        ("灵璧县", "灵璧县", "county", "宿州市", "安徽省"),
        ("皖北", "皖北", "region", "安徽省", "安徽省"),
        ("珠三角", "珠江三角洲地区", "region", None, None),
        ("西北地区", "西北地区", "region", None, None),
    ],
)
def test_place_lookup(name, full_name, level, parent, province):
    info = load_place_lexicon().lookup(name)
    assert (info.full_name, info.level, info.parent, info.province) == (full_name, level, parent, province)


@pytest.mark.parametrize("name", ["工作", "某地", ""])
def test_place_lookup_unknown(name):
    assert load_place_lexicon().lookup(name) is None


@pytest.mark.parametrize(("form", "matchable"), [("佛山", True), ("和平区", True), ("和平", False)])
def test_everyday_county_short_forms_are_not_matched(form, matchable):
    assert (form in load_place_lexicon().match_forms()) is matchable


def test_province_abbreviations_cover_all_provinces():
    abbreviations = province_abbreviations()
    assert abbreviations["皖"] == "安徽省" and abbreviations["苏"] == "江苏省"
    assert len(abbreviations) == 34


@pytest.mark.parametrize(
    ("name", "aliases"),
    [
        ("工信部", ["工业和信息化部"]),
        ("工业和信息化部", ["工信部"]),
        ("证监会", ["中国证券监督管理委员会", "中国证监会"]),
        ("社科院", ["中国社会科学院", "中国社科院"]),
    ],
)
def test_organ_aliases(name, aliases):
    assert load_central_organs().aliases(name) == aliases


def test_organ_table_has_unique_full_names():
    names = [organ.full_name for organ in read_organs(ORGANS_FILE)]
    assert len(names) == len(set(names)) > 100


def test_organ_file_rejects_malformed_rows(tmp_path):
    bad = tmp_path / "organs.tsv"
    bad.write_text("工业和信息化部\t工信部\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected 3"):
        read_organs(bad)


@pytest.mark.parametrize(
    ("text", "spans"),
    [("广东佛山市和宿州", [(0, 2), (2, 5), (6, 8)]), ("没有地名", [])],
)
def test_trie_pattern_prefers_longest(text, spans):
    pattern = trie_pattern(["佛山", "佛山市", "广东", "宿州"])
    assert list(find_all(pattern, text)) == spans


@pytest.mark.parametrize(
    ("name", "full_name"),
    [("亚洲", "亚洲"), ("南美洲", "南美洲"), ("东亚", "东亚"), ("拉美", "拉丁美洲"), ("西北", "西北地区")],
)
def test_continents_and_world_regions(name, full_name):
    info = load_place_lexicon().lookup(name)
    assert info is not None and info.full_name == full_name and info.level == "region"


@pytest.mark.parametrize(("pair", "whole"), [("印尼", True), ("中东", True), ("中美", False), ("欧美", False)])
def test_whole_place_pairs(pair, whole):
    from pipelines.lexicons.divisions import whole_place_pairs

    assert (pair in whole_place_pairs()) is whole
