import pytest

from ingest.html import (
    extract_page,
    is_whole_page,
    looks_like_html,
    page_title,
    strip_tags,
)
from ingest import read_data
from ingest.normalize import paragraphs


@pytest.mark.parametrize(
    "text,expected",
    [
        ("<div>会议召开</div>", True),
        ("会议召开<br/>代表出席", True),
        ("<SPAN style='x'>会议</SPAN>", True),
        ("会议召开，代表出席。", False),
        ("比较 a<b 和 b>c 的大小", False),
    ],
)
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("<!DOCTYPE html><p>x</p>", True),
        ("<html lang='zh'><body>x</body></html>", True),
        ("<div>x</div>", False),
    ],
)
def test_is_whole_page(text, expected):
    assert is_whole_page(text) is expected


@pytest.mark.parametrize(
    "markup,expected",
    [
        ("<div>第一段</div><div>&nbsp;</div><div>第二段</div>", ["第一段", "第二段"]),
        ("<p>甲</p><p>乙<br>丙</p>", ["甲", "乙", "丙"]),
        ("<div><span>会议</span><span>召开</span></div>", ["会议召开"]),
        ("<p>正文</p><script>var a = '<p>脚本</p>';</script><style>p{}</style>", ["正文"]),
        ("<p>A&amp;B &lt;规定&gt;</p>", ["A&B <规定>"]),
    ],
)
def test_strip_tags_keeps_block_paragraphs(markup, expected):
    stripped = strip_tags(markup, source_newlines_break=False)
    assert paragraphs(stripped.text) == expected


@pytest.mark.parametrize(
    "markup,newlines_break,expected",
    [
        ("<p>主题\n教育</p>", False, ["主题教育"]),
        ("<p>Hello\nworld</p>", False, ["Hello world"]),
        ("<p>主题\n</p>\n<p>教育</p>", False, ["主题", "教育"]),
        ("标题\n<div>正文</div>", True, ["标题", "正文"]),
    ],
)
def test_source_newlines(markup, newlines_break, expected):
    stripped = strip_tags(markup, source_newlines_break=newlines_break)
    assert paragraphs(stripped.text) == expected


def test_unclosed_head_does_not_hide_body():
    stripped = strip_tags("<head><title>标题</title><body><p>正文</p>", source_newlines_break=False)
    assert (paragraphs(stripped.text), stripped.title) == (["正文"], "标题")


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>省政府召开常务会议_某某网</title>
<meta property="article:published_time" content="2023-09-01T08:00:00+08:00">
<link rel="canonical" href="https://example.com/a.html"><script>var SECRET=1;</script></head>
<body><div class="nav">首页 | 新闻 | 往期回顾</div><article><h1>省政府召开常务会议</h1>
<p>8月3日，省政府召开常务会议，研究部署经济工作。会议强调，要坚持稳中求进工作总基调。</p>
<p>会议指出，今年以来全省经济运行总体平稳，要持续推动高质量发展，切实做好民生保障工作。</p>
</article></body></html>"""


def test_extract_page_metadata():
    page = extract_page(PAGE)
    assert (page.title, page.date, page.url) == (
        "省政府召开常务会议",
        "2023-09-01",
        "https://example.com/a.html",
    )


def test_extract_page_keeps_paragraphs_and_drops_script():
    page = extract_page(PAGE)
    assert "会议指出，今年以来全省经济运行总体平稳" in page.text.split("\n")[-1]
    assert "SECRET" not in page.text


def test_extract_page_falls_back_when_trafilatura_finds_nothing():
    page = extract_page("<html><head><title>题</title></head><body><p>短</p></body></html>")
    assert (paragraphs(page.text), page.title) == (["短"], "题")


@pytest.mark.parametrize(
    "title,expected",
    [
        ("汲取思想伟力 建功质量强省_某某网", "汲取思想伟力 建功质量强省"),
        ("省政府召开常务会议 - 新闻频道 - 某某网", "省政府召开常务会议"),
        ("要闻｜省政府召开常务会议", "省政府召开常务会议"),
        ("2023-2024年度工作要点", "2023-2024年度工作要点"),
        ("", ""),
    ],
)
def test_page_title_drops_site_name(title, expected):
    assert page_title(title) == expected


@pytest.mark.parametrize(
    "markup",
    [
        "<div>正文</<script>SECRET()</script></div>",
        "<p>正文</p></<style>SECRET{}</style>",
    ],
)
def test_scripts_after_broken_end_tags_stay_out_of_the_text(markup):
    """Regression: ``</<script>`` made the parser read the script as text."""
    text = read_data(markup.encode(), source="x.txt", suffix=".txt").documents[0].text
    assert "SECRET" not in text
    assert "正文" in text
