"""Event dates of relations: the date stated before the verb, never a deadline or a future date."""

from __future__ import annotations

import pytest

from ingest.dates import find_dates
from relation_docs import make_doc, resolve_and_extract

META = {"doc_id": "t", "date": "2017-05-03"}


def _dates(text, ents, kind):
    doc = resolve_and_extract(make_doc(text, ents, meta=META))
    return [(r["date"], r["date_end"]) for r in doc._.relations if r["relation"] == kind]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2013年，他在武汉考察", [("2013-01-01", "2013-12-31")]),
        ("2013年至2015年", [("2013-01-01", "2015-12-31")]),
        ("2013年以来成效显著", []),
        ("2035年远景目标", []),
    ],
)
def test_a_year_written_alone_spans_the_year(text, expected):
    assert [(d.date, d.date_end) for d in find_dates(text, "2017-05-03")] == expected


def test_retrospective_visit_takes_its_own_year():
    ents = [("张建国", "PERSON"), ("武汉", "PLACE")]
    assert _dates("2013年，张建国到武汉调研。", ents, "VISITED") == [("2013-01-01", "2013-12-31")]


def test_day_before_an_arrival_verb_is_no_deadline():
    ents = [("张建国", "PERSON"), ("合肥", "PLACE")]
    assert _dates("15日，张建国前往合肥调研。", ents, "VISITED") == [("2017-04-15", None)]


@pytest.mark.parametrize(
    "text",
    [
        "省交通厅部署安全生产月活动，要求6月底前完成。",
        "省交通厅部署安全生产月活动，到2030年全面完成。",
        "省交通厅部署安全生产月活动，截至4月底覆盖全省。",
    ],
)
def test_deadlines_date_no_event(text):
    ents = [("省交通厅", "ORG"), ("安全生产月活动", "INITIATIVE")]
    assert _dates(text, ents, "PROMOTES") == [(None, None)]
