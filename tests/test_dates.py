"""Document dates and sentence dates resolved against the document date."""

from __future__ import annotations

import pytest

from ingest.dates import DateMention, document_date, find_dates

REF = "2023-08-03"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("皖江商讯网首页\n- 2023年8月3日\n标题", "2023-08-03"),
        ("发布时间：2023-08-03 10:00", "2023-08-03"),
        ("来源 2023/8/3", "2023-08-03"),
        ("2023.08.03 新闻", "2023-08-03"),
        ("2023-02-30 无效，2023-03-01 有效", "2023-03-01"),
        ("没有日期的正文", None),
    ],
)
def test_document_date_finds_first_full_date(text, expected):
    assert document_date(text) == expected


def test_document_date_only_searches_the_head():
    assert document_date("正文" * 200 + "2023年8月3日", head_chars=300) is None


@pytest.mark.parametrize(
    ("text", "date", "date_end"),
    [
        ("5月17日至19日，祁立衡带队调研", "2023-05-17", "2023-05-19"),
        ("5月10日至5月16日，研讨班举办", "2023-05-10", "2023-05-16"),
        ("6月30日，该厅召开交流会", "2023-06-30", None),
        ("4月19日下午，召开动员大会", "2023-04-19", None),
        ("2023年8月3日", "2023-08-03", None),
        ("2018年12月28日至2019年1月3日", "2018-12-28", "2019-01-03"),
        ("12月28日至1月3日", "2022-12-28", "2023-01-03"),
        ("自2019年6月初起", "2019-06-01", "2019-06-10"),
        ("今年5月", "2023-05-01", "2023-05-31"),
        ("去年12月", "2022-12-01", "2022-12-31"),
        ("6月下旬", "2023-06-21", "2023-06-30"),
        ("19日至23日到江苏调研", "2023-07-19", "2023-07-23"),
        ("2日到湖北调研", "2023-08-02", None),
    ],
)
def test_find_dates_resolves_against_reference(text, date, date_end):
    found = find_dates(text, REF)
    assert (found[0].date, found[0].date_end) == (date, date_end)


def test_yearless_month_after_reference_month_is_last_year():
    assert find_dates("9月1日", REF)[0].date == "2022-09-01"


def test_find_dates_gives_offsets():
    assert find_dates("会上，5月17日至19日调研", REF) == [DateMention(3, 12, "2023-05-17", "2023-05-19")]


@pytest.mark.parametrize("text", ["2023世界智造产业大会", "2023年的工作", "三个月", "第3日", "2月30日"])
def test_non_dates_are_ignored(text):
    assert find_dates(text, REF) == []


def test_yearless_dates_need_a_reference():
    assert find_dates("6月30日召开", None) == []
    assert find_dates("2023年6月30日召开", None)[0].date == "2023-06-30"
