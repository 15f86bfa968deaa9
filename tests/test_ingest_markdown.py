import pytest

from ingest.markdown import strip_markdown


@pytest.mark.parametrize(
    "text,expected",
    [
        ("# 省政府召开会议\n\n正文", "省政府召开会议\n\n正文"),
        ("**国务院**召开*常务*会议", "国务院召开常务会议"),
        ("详见[通知原文](https://example.com/a)。", "详见通知原文。"),
        ("- 第一项\n1. 第二项\n> 引文", "第一项\n第二项\n引文"),
        ("正文\n---\n结尾", "正文\n结尾"),
        ("![图片说明](a.png)", "图片说明"),
    ],
)
def test_strip_markdown(text, expected):
    assert strip_markdown(text)[0] == expected


def test_first_heading_is_title():
    assert strip_markdown("前言\n## 省政府召开会议 ##\n# 第二个标题")[1] == "省政府召开会议"
