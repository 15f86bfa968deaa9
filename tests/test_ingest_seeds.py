"""The two seed files: HTML fragments in a .txt (000) and page text with chrome (002)."""

from pathlib import Path

import pytest

from ingest import read_paths

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _seed(prefix):
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} not available")
    result = read_paths(found)
    assert result.failures == []
    return result.documents[0]


def test_seed_000_title_is_the_plain_headline():
    doc = _seed("000")
    assert (
        doc.title
        == "国务院国资委、工信部、海关总署、中国贸促会扎实开展主题教育——边学边查边改 推动问题解决"
    )
    assert doc.text.split("\n")[0] == doc.title


@pytest.mark.parametrize("leftover", ["<", ">", "&nbsp;", "\u3000", "\u00a0", "font-size", "span"])
def test_seed_000_has_no_markup_left(leftover):
    assert leftover not in _seed("000").text


def test_seed_000_keeps_one_paragraph_per_div():
    paragraphs = _seed("000").text.split("\n")
    assert len(paragraphs) == 20
    assert paragraphs[1].startswith("国务院国资委、工信部、海关总署、中国贸促会在主题教育中")
    assert paragraphs[-1] == "（记者江琳、杜海涛、王政、刘志强、林丽鹂）"


@pytest.mark.parametrize(
    "chrome",
    [
        "安徽主流经济门户",
        "投稿地址",
        "ahjjb2006@163.com",
        "经济网首页",
        "数字版首页",
        "往期回顾",
        "版面下载",
        "- 2023年8月3日",
    ],
)
def test_seed_002_chrome_is_removed(chrome):
    assert chrome not in _seed("002").text


def test_seed_002_date_and_title():
    doc = _seed("002")
    assert (doc.date, doc.title) == (
        "2023-08-03",
        "【学思想 强党性 重实践 建新功】汲取思想伟力 建功制造强省",
    )


def test_seed_002_keeps_subtitle_and_subheadings():
    paragraphs = _seed("002").text.split("\n")
    assert paragraphs[:2] == [
        "【学思想 强党性 重实践 建新功】汲取思想伟力 建功制造强省",
        "——安徽省经信厅高质量开展主题教育综述",
    ]
    assert "学深悟透" in paragraphs


def test_seed_002_has_no_indentation_or_empty_paragraphs():
    paragraphs = _seed("002").text.split("\n")
    assert all(p and p == p.strip() and "  " not in p for p in paragraphs)


def test_news_dev_dateline_and_headline():
    files = sorted((SHARED / "data" / "news_dev").glob("*.txt"))
    if not files:
        pytest.skip("../shared/data/news_dev is not available")
    result = read_paths(files)
    assert result.failures == []
    assert all(doc.date and doc.title for doc in result.documents)
    assert all(
        doc.source.rsplit("_", 2)[1] == doc.date.replace("-", "") for doc in result.documents
    )
