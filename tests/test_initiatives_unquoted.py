"""zhkg_initiatives_v1 on news it was not tuned on: named models, counted sets of campaigns,
censuses, campaign meetings, and the generic phrases that only look like programmes."""

from __future__ import annotations

import pytest


def full_initiatives(full_pipeline, text: str) -> list[str]:
    return [e.kb_id_ or e.text for e in full_pipeline(text).ents if e.label_ == "INITIATIVE"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("市里推动建设“互联网+政务”“一站通”等服务平台。", ["互联网+政务", "一站通"]),
        ("该县落实“+旅游”方案。", []),
    ],
)
def test_a_plus_joins_the_parts_of_a_quoted_model(full_pipeline, text, expected):
    assert full_initiatives(full_pipeline, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("县里探索“以购带销”的扶贫模式。", ["以购带销"]),
        ("有了这种“课堂+工坊”的新模式，学员进步很快。", ["课堂+工坊"]),
        ("有人仍走“先建后批”的老路子。", []),
    ],
)
def test_a_quoted_model_needs_a_verb_or_the_mark_of_a_new_one(full_pipeline, text, expected):
    assert full_initiatives(full_pipeline, text) == expected


def test_a_quoted_set_of_campaigns_counted_by_its_programme_word(full_pipeline):
    text = "市供电公司开展“查隐患、保安全；优服务、暖民心”两个专项行动。"
    assert full_initiatives(full_pipeline, text) == ["查隐患、保安全；优服务、暖民心"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("副市长出席第七次全国人口普查动员会。", ["第七次全国人口普查"]),
        ("全国第四次农业普查正式启动。", ["全国第四次农业普查"]),
        ("这次普查意义重大。", []),
    ],
)
def test_a_census_by_its_round(full_pipeline, text, expected):
    assert full_initiatives(full_pipeline, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("教育实践活动总结大会在京召开。", ["教育实践活动总结大会"]),
        ("教育实践活动第二批总结暨第三批部署会议今天召开。", ["教育实践活动第二批总结暨第三批部署会议"]),
        ("各单位召开教育实践活动动员大会。", []),
    ],
)
def test_the_national_meetings_of_a_campaign_that_names_itself(full_pipeline, text, expected):
    assert full_initiatives(full_pipeline, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("实现“两步走”战略目标。", ["两步走"]),
        ("区里列出了“提升营商环境”整治工作任务清单。", ["提升营商环境"]),
        ("市粮食局推进科学储粮进万家，帮助农户。", ["科学储粮进万家"]),
    ],
)
def test_programme_words_after_a_quote_or_an_object(full_pipeline, text, expected):
    assert full_initiatives(full_pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "研究所要深化体制机制改革，发挥引领作用。",
        "全市推进重点领域改革。",
        "该局制定整改措施15条。",
    ],
)
def test_generic_reforms_and_counted_measures_are_no_initiatives(full_pipeline, text):
    assert full_initiatives(full_pipeline, text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("积极创建“花园式”单位食堂。", ["花园式单位食堂"]),
        ("全县推广“订单式”培训，帮助农民就业。", ["订单式培训"]),
    ],
)
def test_a_quoted_style_takes_the_whole_noun_compound_after_it(full_pipeline, text, expected):
    assert full_initiatives(full_pipeline, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("两国领导人同意推动中葡全面战略合作不断深化。", []),
        ("大力实施科教兴国战略，培养人才。", ["科教兴国战略"]),
        ("协调推进“四个全面”战略布局。", ["四个全面"]),
        ("这为推进乡村建设提供了科学指导和行动指南。", []),
    ],
)
def test_a_programme_word_before_a_noun_is_an_adjective(full_pipeline, text, expected):
    assert full_initiatives(full_pipeline, text) == expected


@pytest.mark.parametrize("text", ["对岛屿实施所谓“国有化”。", "严禁搞“面子工程”。", "坚决打赢这场攻坚战。"])
def test_disowned_quotes_and_determined_battles_are_no_names(full_pipeline, text):
    assert full_initiatives(full_pipeline, text) == []
