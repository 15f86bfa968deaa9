"""Every error zhkg raises for a user to act on, in one tree with searchable codes.

``ZhkgError`` is the base; the CLI catches it once, prints ``str(error)`` as one
line (``[CODE] what went wrong and what to do``) and exits non-zero. Codes are
grouped by where the problem lies:

====  ==========================================================
E0xx  set-up, models, output directory, the run as a whole
E1xx  input paths and texts (ingest)
Q0xx  queries and graph files
====  ==========================================================

This module imports nothing from the project, so every layer can raise its
errors without pulling in another layer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence


class ZhkgError(Exception):
    """Base class: an error the user can act on; ``code`` identifies its kind."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


# --- set-up, models and the run (E0xx) --------------------------------------------------


class ModelMissingError(ZhkgError):
    """The pkuseg model has not been fetched."""

    code = "E001"

    def __init__(self, path: Path, command: str) -> None:
        super().__init__(
            f"pkuseg model not found in {path}. Run `{command}` once to fetch it "
            f"(set ZHKG_CACHE_DIR or --cache-dir to use another directory)."
        )


class ModelCorruptError(ZhkgError):
    """The cached pkuseg model is damaged (truncated, overwritten, partly written)."""

    code = "E009"

    def __init__(self, path: Path, problem: str, command: str) -> None:
        super().__init__(
            f"the pkuseg model in {path} is damaged ({problem}). Run `{command}` to fetch it again."
        )


class ModelFetchError(ZhkgError):
    """Set-up could not download the pkuseg wheel."""

    code = "E002"

    def __init__(self, requirement: str, detail: str) -> None:
        super().__init__(
            f"could not download {requirement} from the package index ({detail}). "
            "Check that pip can reach the index, then run set-up again."
        )


class OutputError(ZhkgError):
    """The output directory cannot be written."""

    code = "E003"

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot write to output directory {path}: {reason}")


class OutputLockedError(ZhkgError):
    """Another build is writing into the same output directory."""

    code = "E008"

    def __init__(self, path: Path, holder: str) -> None:
        by = f" (process {holder})" if holder else ""
        super().__init__(
            f"another zhkg build is writing to {path}{by}; wait for it to finish "
            "or choose another directory with --out."
        )


class NothingReadError(ZhkgError):
    """No input document could be read."""

    code = "E004"

    def __init__(self, failed: int) -> None:
        super().__init__(
            f"no document could be read ({failed} input(s) failed; see report.json for the reasons)."
        )


class StrictModeError(ZhkgError):
    """``--strict`` was given and some inputs failed."""

    code = "E005"

    def __init__(self, failed: int) -> None:
        super().__init__(
            f"{failed} input(s) failed and --strict was given; see report.json for the reasons."
        )


class InvalidOptionError(ZhkgError, ValueError):
    """An option out of range (an unknown export format, a limit below 1)."""

    code = "E007"


class SchedulerError(ZhkgError):
    """The Dask scheduler given with ``--scheduler`` cannot be reached."""

    code = "E009"

    def __init__(self, address: str, reason: str) -> None:
        super().__init__(
            f"cannot reach the Dask scheduler at {address} ({reason}). Start one with "
            "`dask scheduler` and workers with `dask worker ADDRESS --nthreads 1`, "
            "or build without --scheduler (and unset ZHKG_SCHEDULER)."
        )


class WorkerMismatchError(ZhkgError):
    """A worker runs another pipeline (other zhkg version, lexicons or models)."""

    code = "E010"

    def __init__(self, expected: str, found: str) -> None:
        super().__init__(
            f"a worker's pipeline fingerprint is {found}, not {expected}: install the same "
            "zhkg version (and run `zhkg setup`) on every worker, then build again."
        )


class StoreError(ZhkgError):
    """The store file cannot be opened (in use by another run, or not a store)."""

    code = "E011"

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"cannot open the store {path}: {reason}. Wait for the other zhkg run to finish, "
            "or pass --store PATH to use another file."
        )


class NotInitializedError(ZhkgError, RuntimeError):
    """A component ran before ``initialize()`` loaded its model or lexicons."""

    code = "E006"

    def __init__(self, factory: str) -> None:
        super().__init__(
            f"{factory} is not initialised: call nlp.initialize() after adding the component, "
            "or load the pipeline with pipelines.load_pipeline() or spacy.load()."
        )


# --- input (E1xx) -----------------------------------------------------------------------

E101_MISSING_PATH = "E101"
E102_NO_GLOB_MATCH = "E102"
E103_NO_SUPPORTED_FILE = "E103"
E104_NO_PATHS = "E104"
E105_NO_TEXT = "E105"


class ZhkgInputError(ZhkgError, ValueError):
    """A path argument or a text that cannot be used as input at all.

    Bad *content* never raises: it becomes a failure line in the run report.
    Only usage errors (a path that does not exist, a glob that matches
    nothing) raise, because the run cannot start; the code tells which check
    failed.
    """

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


class UnreadableInput(Exception):
    """Internal signal of the readers: this file or record cannot become a document.

    It never reaches the user as an exception: the message is the one-line
    reason shown in the report.
    """


# --- queries and graph files (Q0xx) -----------------------------------------------------


class QueryError(ZhkgError):
    """Base class of query errors."""

    code = "Q000"


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


class GraphFileError(QueryError, ValueError):
    """A graph file that zhkg cannot read: unknown suffix or malformed content."""

    code = "Q003"


class GraphNotFoundError(QueryError, FileNotFoundError):
    """The graph file to query does not exist."""

    code = "Q004"
