"""Date arguments and date-range overlap for time-filtered queries."""

from __future__ import annotations

import datetime as dt

from zhkg.errors import InvalidQueryError

DateLike = str | dt.date | None


def as_iso(value: DateLike) -> str | None:
    """``since``/``until`` as an ISO string; accepts ``date``, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Partial dates stay partial; :func:`overlaps` reads ``until="2023"`` as the
    end of 2023 and ``since="2023-06"`` as the start of June.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        return text
    raise InvalidQueryError(
        f"bad date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2023-06-30)."
    )


def overlaps(start: str | None, end: str | None, since: str | None, until: str | None) -> bool:
    """Whether the range ``[start, end]`` meets ``[since, until]`` (open where ``None``).

    A record without any date never matches a bounded window: nobody can tell
    that it happened in it.
    """
    if since is None and until is None:
        return True
    if start is None and end is None:
        return False
    first = start or end
    last = end or start
    if since is not None and last < since:
        return False
    if until is not None and first > until + "\uffff":
        return False
    return True
