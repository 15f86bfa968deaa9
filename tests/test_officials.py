"""zhkg_officials_v1: names by title apposition, and the doc._.posts records."""

from __future__ import annotations

import pytest
import spacy
from rule_support import component_pipeline, run_component
from spacy.language import Language
from spacy.tokens import Doc

from pipelines.components.officials import FACTORY
from zhkg.errors import NotInitializedError
from pipelines.lexicons.titles import compose_titles, load_titles, read_sections

POST_KEYS = {"person", "person_start", "person_end", "titles", "orgs", "org", "org_start", "org_end"}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return component_pipeline(FACTORY)


def run(nlp: Language, text: str, ents: tuple[tuple[str, str], ...] = ()) -> Doc:
    """Run the component on ``text`` with ``ents`` (surface, label) preset as earlier components would."""
    return run_component(nlp, FACTORY, text, ents)


def persons(doc: Doc) -> list[str]:
    return [e.text for e in doc.ents if e.label_ == "PERSON"]


@pytest.mark.parametrize(
    "text,person,titles,orgs",
    [
        ("省科技厅党组书记、厅长祁立衡会上表示", "祁立衡", ["党组书记", "厅长"], ["省科技厅", "省科技厅"]),
        (
            "省科技厅党组副书记、副厅长、一级巡视员周启航深入企业调研",
            "周启航",
            ["党组副书记", "副厅长", "一级巡视员"],
            ["省科技厅"] * 3,
        ),
        ("省委第二督导组组长严立川一行到会指导", "严立川", ["组长"], ["省委第二督导组"]),
        (
            "中共中央政治局常委、国务院副总理葛峰分别到生态环境部调研",
            "葛峰",
            ["常委", "副总理"],
            ["中共中央政治局", "国务院"],
        ),
        ("会见了市委副书记兼市长王小明。", "王小明", ["副书记", "市长"], ["市委", "市委"]),
    ],
)
def test_apposition_gives_name_titles_and_orgs(nlp, text, person, titles, orgs):
    doc = run(nlp, text)
    assert persons(doc) == [person]
    (post,) = doc._.posts
    assert (post["person"], post["titles"], post["orgs"]) == (person, titles, orgs)
    assert post["org"] == orgs[0]


def test_post_record_has_exactly_the_agreed_keys(nlp):
    (post,) = run(nlp, "省委第二督导组组长严立川一行到会指导")._.posts
    assert set(post) == POST_KEYS
    assert (post["person_start"], post["person_end"], post["org_start"], post["org_end"]) == (9, 12, 0, 7)


def test_title_after_name(nlp):
    doc = run(nlp, "贯彻落实钟立民总书记重要指示")
    assert persons(doc) == ["钟立民"]
    assert doc._.posts[0]["titles"] == ["总书记"] and doc._.posts[0]["org"] is None


def test_byline_lists_every_reporter(nlp):
    doc = run(nlp, "（记者唐雨桐、邵海峰、何静、彭书远、苏婉清）")
    assert persons(doc) == ["唐雨桐", "邵海峰", "何静", "彭书远", "苏婉清"]
    assert all(p["titles"] == ["记者"] for p in doc._.posts)


def test_name_list_after_a_title(nlp):
    doc = run(nlp, "中共中央政治局常委吕航、孟志远出席。", (("中共中央政治局", "ORG"),))
    assert persons(doc) == ["吕航", "孟志远"]
    assert [p["org"] for p in doc._.posts] == ["中共中央政治局", "中共中央政治局"]


@pytest.mark.parametrize("preset,expected", [((), []), ((("许文博", "PERSON"),), ["老党员"])])
def test_role_needs_an_earlier_person_span(nlp, preset, expected):
    doc = run(nlp, "87岁老党员许文博提出学习方法", preset)
    assert [t for p in doc._.posts for t in p["titles"]] == expected


@pytest.mark.parametrize("wrong", ["祁立衡会", "厅长祁立衡"])
def test_name_overrides_a_wrong_earlier_person_span(nlp, wrong):
    doc = run(nlp, "省科技厅厅长祁立衡会上表示", ((wrong, "PERSON"),))
    assert persons(doc) == ["祁立衡"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("该国外交部长贝尔纳多维奇今天抵达北京。", "贝尔纳多维奇"),
        ("该国农业部长柯斯蒂卡最近披露了数字。", "柯斯蒂卡"),
        ("该市市长罗兰·维斯及各界人士出席。", "罗兰·维斯"),
        ("该国总统埃米尔-塔巴尼今天发表讲话。", "埃米尔-塔巴尼"),
    ],
)
def test_a_foreign_name_read_whole_is_kept_whole(nlp, text, name):
    doc = run(nlp, text, ((name, "PERSON"),))
    assert persons(doc) == [name]


@pytest.mark.parametrize(
    ("text", "wrong", "name"),
    [
        ("市委书记祁立衡会上表示", "祁立衡会", "祁立衡"),
        ("该委员会副委员长祁立衡等出席。", "长祁立衡", "祁立衡"),
        ("乌干达总统柯斯蒂卡\n埃及总统出席。", "柯斯蒂卡\n", "柯斯蒂卡"),
    ],
)
def test_a_character_glued_to_a_chinese_name_is_still_cut(nlp, text, wrong, name):
    doc = run(nlp, text, ((wrong, "PERSON"),))
    assert persons(doc) == [name]


def test_particle_taken_into_an_earlier_span_is_dropped(nlp):
    doc = run(nlp, "国务院副总理葛峰在京调研", (("葛峰在", "PERSON"),))
    assert persons(doc) == ["葛峰"]


def test_org_named_only_here_becomes_an_org_entity(nlp):
    doc = run(nlp, "省委第二督导组组长严立川一行到会指导")
    assert ("省委第二督导组", "ORG") in [(e.text, e.label_) for e in doc.ents]


def test_org_uses_the_offsets_of_a_known_entity(nlp):
    doc = run(nlp, "会上，安徽省科技厅厅长祁立衡表示", (("安徽省科技厅", "ORG"),))
    post = doc._.posts[0]
    assert (post["org"], post["org_start"], post["org_end"]) == ("安徽省科技厅", 3, 9)


def test_org_that_swallowed_the_title_is_cut_at_the_title(nlp):
    doc = run(nlp, "中共中央政治局常委、国务院副总理葛峰出席", (("中共中央政治局常委", "ORG"), ("国务院", "ORG")))
    assert [e.text for e in doc.ents if e.label_ == "ORG"] == ["中共中央政治局", "国务院"]
    assert doc._.posts[0]["orgs"] == ["中共中央政治局", "国务院"]


def test_org_that_runs_into_the_title_is_kept_whole(nlp):
    doc = run(nlp, "省科技厅党组书记、厅长祁立衡会上表示", (("省科技厅党组", "ORG"),))
    post = doc._.posts[0]
    assert (post["titles"], post["org"], post["org_end"]) == (["党组书记", "厅长"], "省科技厅党组", 6)


def test_entity_inside_a_title_is_dropped(nlp):
    doc = run(nlp, "省科技厅副厅长周启航深入企业", (("副厅", "ORG"),))
    assert [(e.text, e.label_) for e in doc.ents] == [("省科技厅", "ORG"), ("周启航", "PERSON")]


def test_place_in_a_title_stays_a_place(nlp):
    doc = run(nlp, "浙江省省长吕航调研", (("浙江省", "PLACE"),))
    assert [(e.text, e.label_) for e in doc.ents] == [("浙江省", "PLACE"), ("吕航", "PERSON")]


def test_truncated_organisation_is_left_out(nlp):
    text = "深入推进城乡融合发展县域经济建设工作领导小组组长谢晨出席"
    post = run(nlp, text)._.posts[0]
    assert post["person"] == "谢晨" and post["org"] is None


@pytest.mark.parametrize(
    "text",
    ["厅长表示要抓好落实", "组长会议召开", "中央书记处", "厅长高度重视", "市长和副市长出席", "副厅长。"],
)
def test_no_person_without_a_name(nlp, text):
    doc = run(nlp, text)
    assert persons(doc) == [] and doc._.posts == []


@pytest.mark.parametrize("title", ["副厅长", "党组副书记", "常务副省长", "一级巡视员", "秘书长", "组长"])
def test_titles_are_composed_from_the_standard_blocks(title):
    assert title in load_titles().titles


def test_unknown_title_section_is_an_error(tmp_path):
    path = tmp_path / "titles.txt"
    path.write_text("[ranks]\n一级巡视员\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown section"):
        read_sections(path)


def test_composition_keeps_roles_apart():
    lexicon = compose_titles({**read_sections(), "role": ["老党员"]})
    assert "老党员" in lexicon.roles and "老党员" in lexicon.titles and "厅长" not in lexicon.roles


def test_component_refuses_to_run_uninitialized():
    pipeline = spacy.blank("zh")
    component = pipeline.add_pipe(FACTORY)
    with pytest.raises(NotInitializedError, match="E006"):
        component(pipeline.make_doc("厅长祁立衡表示"))


def test_config_is_validated():
    with pytest.raises(ValueError, match="max_org_chars"):
        spacy.blank("zh").add_pipe(FACTORY, config={"max_org_chars": 1})


def test_bytes_round_trip(nlp):
    fresh = spacy.blank("zh")
    component = fresh.add_pipe(FACTORY)
    component.from_bytes(nlp.get_pipe(FACTORY).to_bytes())
    doc = fresh("省科技厅党组书记、厅长祁立衡会上表示")
    assert persons(doc) == ["祁立衡"] and doc._.posts[0]["titles"] == ["党组书记", "厅长"]


def test_disk_round_trip(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    doc = loaded("中共中央政治局常委、国务院副总理葛峰分别到生态环境部调研")
    assert persons(doc) == ["葛峰"] and doc._.posts[0]["orgs"] == ["中共中央政治局", "国务院"]
