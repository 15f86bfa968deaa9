"""HTML to paragraphs: fragments with a small tag stripper, whole pages with trafilatura.

Fragments (``<div><span>...</span></div>`` pasted into a .txt) are stripped with
the standard-library parser: fast, and every block boundary becomes a paragraph.
Whole pages go through trafilatura, which finds the main text and the metadata;
when it finds nothing, the stripper is the fallback so no readable page is lost.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .document import Content

logger = logging.getLogger(__name__)

_TAG = re.compile(
    r"</?(?:div|p|br|span|font|table|tr|td|th|li|ul|ol|h[1-6]|a|img|strong|b|i|em|u|"
    r"section|article|header|footer|nav|html|body|head|meta|title|script|style|center|"
    r"blockquote|pre|hr)(?:\s+[a-zA-Z_:][^<>]*)?\s*/?>",
    re.IGNORECASE,
)
_PAGE = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table tbody td th thead title tr ul".split()
)
_SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "object"})
# Paragraph boundary from markup, distinct from newlines in the HTML source.
PARA = "\u2029"
_INVISIBLE_BLOCK = re.compile(
    r"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_TABLE_TAG = re.compile(r"<(/?)(?:table|tbody|thead|tfoot|tr|td|th)\b[^<>]*>", re.IGNORECASE)
# "标题_网站名", "标题 - 网站名", "标题|频道|网站名": the site name is not the title.
_TITLE_PARTS = re.compile(r"\s*[_|｜]\s*|\s+[-—–]{1,2}\s+")
_CJK = r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
_SOURCE_BREAK_CJK = re.compile(rf"(?<={_CJK})[ \t\r]*\n[ \t\r\n]*(?={_CJK})")
_SOURCE_BREAK = re.compile(r"[ \t\r]*\n[ \t\r\n]*")


def looks_like_html(text: str) -> bool:
    """True when ``text`` holds HTML tags, whatever its file suffix."""
    return _TAG.search(text) is not None


def is_whole_page(text: str) -> bool:
    """True for a full web page (doctype, ``<html>``, ``<head>`` or ``<body>``)."""
    return _PAGE.search(text[:4096]) is not None


class _Stripper(HTMLParser):
    """Collects text, marks block boundaries, skips scripts, styles and the head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._skip_depth = 0
        self._in_title = False
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip_depth += 1
        # An unclosed <head> must not hide the body.
        self._in_head = tag == "head" or (self._in_head and tag != "body")
        self._in_title = self._in_title or tag == "title"
        if tag in _BLOCK:
            self.parts.append(PARA)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append(PARA)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self._skip_depth:
            self._skip_depth -= 1
        self._in_title = self._in_title and tag != "title"
        self._in_head = self._in_head and tag != "head"
        if tag in _BLOCK:
            self.parts.append(PARA)

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._in_title:
            self.title_parts.append(data)
        elif not self._in_head:
            self.parts.append(data)


@dataclass(frozen=True)
class Stripped:
    """Text with ``PARA`` at block boundaries, and the ``<title>`` if any."""

    text: str
    title: str


def strip_tags(markup: str, *, source_newlines_break: bool) -> Stripped:
    """Remove tags, scripts and styles; block tags become paragraph boundaries.

    ``source_newlines_break`` keeps newlines of the source as boundaries (a .txt
    with some tags in it); otherwise a newline is layout and is joined away,
    without a space between Chinese characters. Script and style blocks are cut
    out before parsing, so broken markup around them (``</<script>``) cannot
    turn their code into article text.
    """
    parser = _Stripper()
    parser.feed(_INVISIBLE_BLOCK.sub("", markup).replace(PARA, "\n"))
    parser.close()
    text = "".join(parser.parts)
    if not source_newlines_break:
        text = _SOURCE_BREAK.sub(" ", _SOURCE_BREAK_CJK.sub("", text))
    title = " ".join("".join(parser.title_parts).split())
    return Stripped(text.replace(PARA, "\n"), title)


def _prepare_page(markup: str) -> str:
    """Drop scripts and styles, and turn tables into blocks before trafilatura.

    Chinese government sites lay whole articles out in tables; trafilatura would
    flatten each cell into one ``| ... |`` line and lose the paragraphs.
    """
    return _TABLE_TAG.sub(r"<\1div>", _INVISIBLE_BLOCK.sub("", markup))


def page_title(title: str) -> str:
    """The article part of a page ``<title>``: its longest separator-delimited part."""
    parts = [part for part in _TITLE_PARTS.split(title.strip()) if part]
    return max(parts, key=len) if parts else ""


def extract_page(markup: str) -> Content:
    """Main text, title, date and URL of a page; the stripper when trafilatura finds nothing."""
    stripped = strip_tags(markup, source_newlines_break=False)
    if not stripped.text.strip():
        return Content("", page_title(stripped.title))
    import trafilatura

    found = trafilatura.bare_extraction(
        _prepare_page(markup),
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
    )
    if found is not None and (found.text or "").strip():
        return Content(found.text, page_title(found.title or ""), found.date, found.url or "")
    logger.debug("trafilatura found no main text; falling back to the tag stripper")
    return Content(stripped.text, page_title(stripped.title))
