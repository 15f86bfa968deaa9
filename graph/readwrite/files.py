"""The file argument of the exporters: a path, or a binary handle the caller owns.

Every ``write_*`` and ``read_*`` that holds a whole graph in one file accepts
either: a path is opened in binary mode and closed again (``.gz`` and ``.bz2``
compress, as in networkx), a handle such as ``io.BytesIO`` is used and left
open. networkx's ``open_file`` does the work; the two decorators here name
the convention once, so every format treats its file argument alike.
"""

from __future__ import annotations

import os
from typing import BinaryIO

from networkx.utils import open_file

PathOrHandle = str | os.PathLike[str] | BinaryIO
"""What a writer or reader accepts as its file."""

writes_file = open_file(1, mode="wb")
"""Decorator for ``write_*(G, path, ...)``: ``path`` arrives as an open binary handle."""

reads_file = open_file(0, mode="rb")
"""Decorator for ``read_*(path)``: ``path`` arrives as an open binary handle."""
