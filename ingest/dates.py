"""Dates in Chinese news text, resolved to ISO ``YYYY-MM-DD``.

Two uses: the date of a document (the first full date near the top, where
news pages print their publication date) and the dates stated in a sentence
(``5月17日至19日``), which resolve against the document date because news
reports drop the year and often the month.

Precision rules, chosen so that every mention becomes a ``date``/``date_end``
pair an edge can carry:

- a day gives ``date`` and no ``date_end`` (``6月30日`` -> ``2023-06-30``);
- a range gives both ends (``5月17日至19日`` -> ``2023-05-17`` .. ``2023-05-19``);
- a month keeps month precision as a range over the period it names:
  ``2019年6月`` -> ``2019-06-01`` .. ``2019-06-30``, ``6月初``/``上旬`` -> days 1-10,
  ``中旬`` -> 11-20, ``下旬``/``底``/``末`` -> 21 to the month's end.

A year-less date takes the reference year, or the year before when its month
lies after the reference month (news reports past events); a month-less day
(``19日``) takes the reference month, or the month before when the day lies
after the reference day. Without a reference, year-less dates are skipped.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")
_FULL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日"
    r"|(?P<sep>[-/.])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2})(?!\d))"
)

_YEAR = r"(?:(?P<{p}y>(?:19|20)\d{{2}})年|(?P<{p}rel>今年|去年|前年|明年))"
_MONTH = r"(?P<{p}m>\d{{1,2}})月"
_DAY = r"(?P<{p}d>\d{{1,2}})[日号]"
_PART = r"(?P<{p}part>初|上旬|中旬|下旬|底|末)"
_RANGE_SEP = r"(?:至|到|—|–|-|~|～)"
# After a year written alone: a period from it, a plan's horizon or a count, not an event.
_YEAR_NOT_EVENT = re.compile(r"以来|来|度|前|底|远景|目标|规划|计划|的|起|后")


def _point(prefix: str) -> str:
    """A date point: optional year, month, then day or part of month (checked in ``_resolve_point``)."""
    year, month, day, part = (s.format(p=prefix) for s in (_YEAR, _MONTH, _DAY, _PART))
    return rf"(?=\d|今年|去年|前年|明年)(?:{year}?(?:{month})?(?:{day}|{part})?)"


_DATE_MENTION = re.compile(
    rf"(?<![\d年月第每])(?P<a>{_point('a')})(?:{_RANGE_SEP}(?P<b>{_point('b')}))?"
)

_PART_DAYS: dict[str, tuple[int, int | None]] = {
    "": (1, None),
    "初": (1, 10),
    "上旬": (1, 10),
    "中旬": (11, 20),
    "下旬": (21, None),
    "底": (21, None),
    "末": (21, None),
}
_RELATIVE_YEARS = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}


@dataclass(frozen=True)
class DateMention:
    """A date stated in the text: character offsets and ISO ``date`` .. ``date_end``."""

    start: int
    end: int
    date: str
    date_end: str | None = None


def document_date(text: str, head_chars: int = 300) -> str | None:
    """The first full date (``2023年8月3日``, ``2023-08-03``, ``2023/8/3``, ``2023.08.03``) near the top.

    Parameters
    ----------
    text : str
        The document text.
    head_chars : int
        How many leading characters to search; publication dates sit at the top.

    Returns
    -------
    str or None
        The ISO date, or ``None`` when the head holds no valid full date.

    Examples
    --------
    >>> document_date("湖北日报\\n- 2024年5月6日\\n标题")
    '2024-05-06'
    >>> document_date("无日期") is None
    True
    """
    found = full_dates(text[:head_chars])
    return found[0][2] if found else None


def full_dates(text: str) -> list[tuple[int, int, str]]:
    """Every valid full date (year, month and day) in ``text`` as ``(start, end, iso)``.

    Full-width digits count, and spaces may sit between the parts
    (``2023 年 8 月 3 日``), as they do on scraped pages.
    """
    found = []
    for match in _FULL_DATE.finditer(text.translate(_FULLWIDTH_DIGITS)):
        month = match.group("m1") or match.group("m2")
        day = match.group("d1") or match.group("d2")
        day_date = _make_date(int(match.group("y")), int(month), int(day))
        if day_date is not None:
            found.append((match.start(), match.end(), day_date.isoformat()))
    return found


def parse_date(value: object) -> str | None:
    """A metadata date (``2023-08-03T10:00``, ``2023年8月3日``, ``2023/8/3``) as ISO, else ``None``."""
    if not isinstance(value, str):
        return None
    found = full_dates(value.strip())
    return found[0][2] if found and found[0][0] == 0 else None


def find_dates(text: str, reference: str | None) -> list[DateMention]:
    """Every date stated in ``text``, resolved against the ``reference`` ISO date.

    Examples
    --------
    >>> find_dates("5月17日至19日，带队调研", "2023-08-03")
    [DateMention(start=0, end=9, date='2023-05-17', date_end='2023-05-19')]
    >>> [m.date for m in find_dates("2023年6月30日", None)]
    ['2023-06-30']
    """
    ref = _parse_iso(reference)
    found: list[DateMention] = []
    for match in _DATE_MENTION.finditer(text):
        mention = _resolve_match(match, ref)
        if mention is not None:
            found.append(mention)
    return found


def _resolve_match(match: re.Match[str], ref: date | None) -> DateMention | None:
    """Turn one regex match into a mention, or ``None`` when it cannot be dated."""
    first = _resolve_point(match, "a", ref, None)
    if first is None:
        return None
    if match.group("b") is None:
        return DateMention(match.start(), match.end(), first[0].isoformat(), _iso(first[1]))
    second = _resolve_point(match, "b", ref, first[0])
    if second is None or (second[1] or second[0]) < first[0]:
        end = match.start("b") - len(_range_sep_before(match))
        return DateMention(match.start(), end, first[0].isoformat(), _iso(first[1]))
    return DateMention(match.start(), match.end(), first[0].isoformat(), (second[1] or second[0]).isoformat())


def _range_sep_before(match: re.Match[str]) -> str:
    """The range separator between the two points of a match."""
    return match.string[match.end("a"):match.start("b")]


def _resolve_point(
    match: re.Match[str], p: str, ref: date | None, anchor: date | None
) -> tuple[date, date | None] | None:
    """Resolve point ``p`` of a match to (start, end-or-None).

    ``anchor`` is the first point of a range: a second point without year or
    month takes them from it (``5月17日至19日``).
    """
    year_text, rel, month_text, day_text = (match.group(p + k) for k in ("y", "rel", "m", "d"))
    part = match.group(p + "part") or ""
    month = int(month_text) if month_text else None
    day = int(day_text) if day_text else None
    if month is None and day is None:
        return _whole_year(match, p, year_text)
    year = _year(year_text, rel, ref)
    if anchor is not None:
        if year is None:
            year = anchor.year + 1 if month is not None and month < anchor.month else anchor.year
        month = month if month is not None else anchor.month
    if month is None:
        if ref is None or day is None:
            return None
        year, month = _month_before_or_at(ref, day)
    elif year is None:
        if ref is None:
            return None
        year = ref.year - 1 if month > ref.month else ref.year
    if day is not None:
        single = _make_date(year, month, day)
        return (single, None) if single is not None else None
    return _month_period(year, month, part)


def _whole_year(match: re.Match[str], p: str, year_text: str | None) -> tuple[date, date] | None:
    """A year written alone (``2013年，他在武汉考察``) spans that year.

    Only a four-digit year counts, and not one that opens a period
    (``2013年以来``) or names a plan's horizon (``2035年远景目标``): those date no event.
    """
    if not year_text or _YEAR_NOT_EVENT.match(match.string, match.end(p)):
        return None
    year = int(year_text)
    return date(year, 1, 1), date(year, 12, 31)


def _year(year_text: str | None, rel: str | None, ref: date | None) -> int | None:
    """The year written (``2019年``), relative to the reference (``去年``), or ``None``."""
    if year_text:
        return int(year_text)
    if rel and ref is not None:
        return ref.year + _RELATIVE_YEARS[rel]
    return None


def _month_before_or_at(ref: date, day: int) -> tuple[int, int]:
    """Year and month of a bare day: the reference month, or the one before if the day is later."""
    if day <= ref.day:
        return ref.year, ref.month
    return (ref.year - 1, 12) if ref.month == 1 else (ref.year, ref.month - 1)


def _month_period(year: int, month: int, part: str) -> tuple[date, date | None] | None:
    """The days a month expression covers (``6月初`` -> 1-10)."""
    if not 1 <= month <= 12:
        return None
    first, last = _PART_DAYS[part]
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, first), date(year, month, last if last is not None else last_day)


def _make_date(year: int, month: int, day: int) -> date | None:
    """A valid date or ``None`` (``2月30日`` is not a date)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _parse_iso(value: str | None) -> date | None:
    """Parse an ISO date, tolerating ``None`` and malformed values."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
