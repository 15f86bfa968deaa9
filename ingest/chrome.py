"""Page chrome: navigation, contact and dateline lines that are not article text.

Scraped page text starts with a site slogan, a contribution address and a
navigation bar, and ends with links such as 版面下载. Left in, they become
bogus entities. The rules are generic (navigation vocabulary, e-mail addresses,
lines that are only a date); no site is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.dates import full_dates
from pipelines.lexicons.tables import char_class, load_lexicon

# Words of navigation bars and page furniture, never article content on their own.
NAV_WORDS = frozenset(
    """首页 主页 返回 返回首页 返回顶部 顶部 上一篇 下一篇 上一页 下一页 上一版 下一版 上一期 下一期
    往期 往期回顾 版面导航 版面下载 投稿 我要投稿 订阅 登录 注册 退出 打印 打印本页 关闭 关闭窗口
    收藏 收藏本页 加入收藏 设为首页 分享 分享到 网站地图 联系我们 关于我们 更多 字号 大 中 小 默认
    纠错 我要纠错 微博 微信 客户端 RSS 搜索 高级搜索 站内搜索 导航 扫一扫 当前位置 您的位置
    English""".split()
)
# Link labels built on a site or edition name: 某某网首页, 数字版首页, 版面下载.
NAV_SUFFIXES = ("首页", "主页", "回顾", "下载", "数字版", "电子版", "手机版", "英文版", "繁体版")
# Label lines that carry editorial bookkeeping, not facts.
_LABEL = re.compile(
    r"^(?:(?:责任编辑|投稿地址|投稿邮箱|版权所有|Copyright|©|当前位置|您的位置|您现在的位置)"
    r"|(?:编辑|校对|审核|审校|责编|投稿|联系电话)\s*[:：])",
    re.IGNORECASE,
)
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|www\.\S+", re.IGNORECASE)
_ICP = re.compile(r"ICP[备证]", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s|｜/>»›·•【】\[\]()（）<>:：]+")
_BREADCRUMB = re.compile(r"[>»›]")
# Monday to Saturday are numbered one to six (星期一, 周六: numerals.tsv); Sunday is 日 (星期 also 天).
_NUMERALS = load_lexicon("numerals")
_WEEKDAY_NUMBERS = char_class([numeral for numeral in _NUMERALS.where("role", "numeral")
                               if int(_NUMERALS.mapping("value")[numeral]) <= 6])
_DATELINE_RESIDUE = re.compile(
    r"(?:来源|作者|责任编辑|编辑|字号|浏览次数|点击数|阅读数)\s*[:：]\s*[^\s|｜]*|"
    rf"发布时间|发布日期|更新时间|日期|时间|星期[{_WEEKDAY_NUMBERS}日天]|周[{_WEEKDAY_NUMBERS}日]|"
    r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?|[\s\-—–_|｜:：,，·•()（）\[\]【】]"
)
_SENTENCE_PUNCT = re.compile(r"[。，；！？,;!?：:、]")

SHORT_LINE = 20
CONTACT_LINE = 60
NAV_LINE = 60
HEADER_LINES = 8


def _is_nav_token(token: str) -> bool:
    return token in NAV_WORDS or (len(token) <= 12 and token.endswith(NAV_SUFFIXES))


def is_nav_line(line: str) -> bool:
    """A navigation bar: only nav tokens, or a breadcrumb/menu with a nav word in it."""
    if len(line) > NAV_LINE:
        return False
    tokens = [t for t in _SEPARATORS.split(line) if t]
    if not tokens:
        return False
    nav = [_is_nav_token(t) for t in tokens]
    if all(nav):
        return True
    menu = len(tokens) >= 3 and all(len(t) <= 8 for t in tokens) and any(nav)
    return menu and (_BREADCRUMB.search(line) is not None or "|" in line or "｜" in line)


def is_contact_line(line: str) -> bool:
    """Contribution addresses, e-mail/URL-only lines, editor credits and licence numbers."""
    bare = line.strip("（）() ")
    if len(bare) > CONTACT_LINE:  # longer than any contact line, so no regex need run (most prose)
        return False
    if _LABEL.match(bare):
        return True
    if _ICP.search(line) and len(line) <= CONTACT_LINE:
        return True
    return _CONTACT.search(line) is not None and len(line) <= CONTACT_LINE


def dateline(line: str) -> str | None:
    """The ISO date when the line holds nothing but a date (and time, weekday, labels)."""
    if len(line) > CONTACT_LINE:
        return None
    dates = full_dates(line)
    if not dates:
        return None
    rest = line
    for start, end, _ in reversed(dates):
        rest = rest[:start] + rest[end:]
    return dates[0][2] if not _DATELINE_RESIDUE.sub("", rest) else None


def _is_slogan(line: str) -> bool:
    """Short unpunctuated line above a navigation bar: a site name or slogan."""
    return len(line) <= SHORT_LINE and _SENTENCE_PUNCT.search(line) is None


def _header_end(paragraphs: list[str]) -> tuple[int, list[bool]]:
    """Index of the last chrome line in the header block, and chrome flags of that block.

    The header block is the leading run of chrome, datelines and slogan-like
    lines; it ends at the first line of real prose.
    """
    last = -1
    chrome: list[bool] = []
    for index, para in enumerate(paragraphs[:HEADER_LINES]):
        flag = is_nav_line(para) or is_contact_line(para)
        if not (flag or dateline(para) or _is_slogan(para)):
            break
        chrome.append(flag)
        last = index if flag else last
    return last, chrome


@dataclass(frozen=True)
class Dechromed:
    """Article paragraphs and the date taken from a dateline in the header, if any.

    ``kept`` holds the index of each kept paragraph in the input list.
    """

    paragraphs: list[str]
    date: str | None
    kept: tuple[int, ...] = ()


def strip_chrome(paragraphs: list[str]) -> Dechromed:
    """Drop chrome lines; datelines near the top are removed and give the date."""
    last, chrome = _header_end(paragraphs)
    kept: list[int] = []
    date: str | None = None
    for index, para in enumerate(paragraphs):
        if index <= last and (chrome[index] or _is_slogan(para)):
            continue
        if index < HEADER_LINES and (found := dateline(para)) is not None:
            date = date or found
            continue
        if index > last and (is_nav_line(para) or is_contact_line(para)):
            continue
        kept.append(index)
    return Dechromed([paragraphs[i] for i in kept], date, tuple(kept))
