"""Errors raised by the query API, each with a code a user can search for.

As in ``pipelines.errors``, the message starts with the code and says what to
do; the CLI prints ``str(error)`` as one line and exits non-zero.
"""

from __future__ import annotations

from typing import Sequence


class QueryError(Exception):
    """Base class of query errors; ``code`` identifies the kind of failure."""

    code = "Q000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class UnknownEntityError(QueryError, LookupError):
    """No node has this name as label or alias; ``suggestions`` holds near matches."""

    code = "Q001"

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        if self.suggestions:
            hint = f"Did you mean: {', '.join(self.suggestions)}?"
        else:
            hint = "No similar names in the graph; try `zhkg query find` with part of the name."
        super().__init__(f"未找到 '{name}'. {hint}")


class InvalidQueryError(QueryError, ValueError):
    """A query argument is out of range (unknown ranking, type or relation, malformed date)."""

    code = "Q002"
