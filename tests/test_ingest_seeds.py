"""The two seed files: HTML fragments in a .txt (000) and page text with chrome (002)."""

import re
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


def _raw_lines(prefix):
    """The seed file's own lines, for expectations read from the file rather than written out."""
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8").splitlines()


def _first_div_text(prefix):
    """The text of the first ``<span>`` of the first ``<div>``, without its indentation."""
    match = re.search(r"<div><span[^>]*>(.*?)</span></div>", "\n".join(_raw_lines(prefix)))
    return match.group(1).strip(" \u3000")


def test_seed_000_title_is_the_plain_headline():
    doc = _seed("000")
    headline = _raw_lines("000")[0].strip()
    assert "<" not in headline and "——" in headline
    assert doc.title == headline
    assert doc.text.split("\n")[0] == doc.title


@pytest.mark.parametrize("leftover", ["<", ">", "&nbsp;", "\u3000", "\u00a0", "font-size", "span"])
def test_seed_000_has_no_markup_left(leftover):
    assert leftover not in _seed("000").text


def test_seed_000_keeps_one_paragraph_per_div():
    paragraphs = _seed("000").text.split("\n")
    assert len(paragraphs) == 20
    assert paragraphs[1] == _first_div_text("000")
    byline = paragraphs[-1]
    assert byline.startswith("（记者") and byline.endswith("）")
    assert len(byline.removeprefix("（记者").removesuffix("）").split("、")) == 5


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


def _headline_after_dateline(prefix):
    """The two lines after the ``- 2023年8月3日`` dateline of the page: headline and subtitle."""
    lines = [line.strip() for line in _raw_lines(prefix)]
    at = lines.index("- 2023年8月3日")
    return lines[at + 1], lines[at + 2]


def test_seed_002_date_and_title():
    doc = _seed("002")
    title, _ = _headline_after_dateline("002")
    assert title.startswith("【")
    assert (doc.date, doc.title) == ("2023-08-03", title)


def test_seed_002_keeps_subtitle_and_subheadings():
    paragraphs = _seed("002").text.split("\n")
    title, subtitle = _headline_after_dateline("002")
    assert subtitle.startswith("——")
    assert paragraphs[:2] == [title, subtitle]
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
