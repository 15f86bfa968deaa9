import pytest

from zhkg.records import document_id
from ingest.normalize import paragraphs, unescape_entities


@pytest.mark.parametrize(
    "text,expected",
    [
        ("　　会议召开。\n\n　　代表出席。", ["会议召开。", "代表出席。"]),
        ("学深悟透   \n  \n在统一思想中", ["学深悟透", "在统一思想中"]),
        ("【学思想 强党性】汲取思想伟力\u3000\u3000建功", ["【学思想 强党性】汲取思想伟力 建功"]),
        ("甲\r\n乙\r丙\u2029丁", ["甲", "乙", "丙", "丁"]),
        ("会\u200b议\ufeff召开\xa0了", ["会议召开 了"]),
        ("\t\x01\x7f", []),
    ],
)
def test_paragraphs(text, expected):
    assert paragraphs(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("会议&nbsp;召开", "会议\xa0召开"),
        ("A&amp;B", "A&B"),
        ("&#12288;正文", "\u3000正文"),
        ("R&D 部门", "R&D 部门"),
    ],
)
def test_unescape_entities(text, expected):
    assert unescape_entities(text) == expected


def test_document_id_ignores_whitespace():
    assert document_id("会议召开\n代表出席") == document_id("会议 召开\n\n代表出席 ")


def test_document_id_changes_with_content():
    assert document_id("会议召开") != document_id("会议召开了")
