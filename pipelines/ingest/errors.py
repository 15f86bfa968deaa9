"""Errors raised by the ingest layer, each with a code a user can search for.

Bad *content* never raises: it becomes a :class:`~pipelines.ingest.document.Failure`
in the run report. Only usage errors (a path that does not exist, a glob that
matches nothing) raise :class:`ZhkgInputError`, because the run cannot start.
"""

from __future__ import annotations

from pipelines.errors import ZhkgError

E101_MISSING_PATH = "E101"
E102_NO_GLOB_MATCH = "E102"
E103_NO_SUPPORTED_FILE = "E103"
E104_NO_PATHS = "E104"
E105_NO_TEXT = "E105"


class ZhkgInputError(ZhkgError, ValueError):
    """A path argument or a text that cannot be used as input at all.

    A :class:`~pipelines.errors.ZhkgError`, so the CLI prints it as one line;
    the code tells which check failed.
    """

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


class UnreadableInput(Exception):
    """Internal signal: this file or record cannot become a document.

    The message is the one-line reason shown in the report.
    """
