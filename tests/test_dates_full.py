import pytest

from ingest.dates import document_date, parse_date


@pytest.mark.parametrize(
    "text,expected",
    [
        ("- 2023年8月3日\n标题", "2023-08-03"),
        ("标题\n华夏网 2023年10月22日\n正文", "2023-10-22"),
        ("发布于2023-08-03", "2023-08-03"),
        ("2023/8/3 10:00", "2023-08-03"),
        ("2023.08.03", "2023-08-03"),
        ("２０２３年８月３日", "2023-08-03"),
        ("4月19日下午，省科技厅召开动员大会", None),
        ("2023年2月30日", None),
        ("编号12023-01-01", None),
    ],
)
def test_document_date(text, expected):
    assert document_date(text) == expected


def test_document_date_only_looks_near_the_top():
    assert document_date("会议召开。" * 100 + "2023年8月3日") is None


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2023-08-03T10:00:00+08:00", "2023-08-03"),
        ("2023年8月3日", "2023-08-03"),
        ("昨天 2023-08-03", None),
        ("yesterday", None),
        (20230803, None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected
