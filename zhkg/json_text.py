"""JSON text with a record a line, for the query CLI and the graph's JSON file.

One JSON document still, but a line per record reads and greps well, and it is
written by ``json``'s C encoder: ``indent`` switches ``json`` to its pure-Python
one, which took a third of a large query's time and half of writing a corpus
graph's JSON file.
"""

from __future__ import annotations

import json
from typing import Any, Sequence

json_text = json.JSONEncoder(ensure_ascii=False).encode
"""One value as JSON on one line, Chinese kept literal."""


def json_list(items: Sequence[Any]) -> str:
    """``items`` as a JSON list, one item a line (``[]`` when there are none).

    Examples
    --------
    >>> print(json_list([{"名": "甲"}, {"名": "乙"}]))
    [
    {"名": "甲"},
    {"名": "乙"}
    ]
    >>> json_list([])
    '[]'
    """
    if not items:
        return "[]"
    return "[\n" + ",\n".join(map(json_text, items)) + "\n]"
