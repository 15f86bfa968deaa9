"""Coded errors of zhkg's pipeline side, so users can search for the code.

Each error says what went wrong and what to do. The CLI prints ``str(error)``
as one line and exits non-zero.
"""

from __future__ import annotations

from pathlib import Path


class ZhkgError(Exception):
    """Base class: an error the user can act on."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class ModelMissingError(ZhkgError):
    """The pkuseg model has not been fetched."""

    code = "E001"

    def __init__(self, path: Path, command: str) -> None:
        super().__init__(
            f"pkuseg model not found in {path}. Run `{command}` once to fetch it "
            f"(set ZHKG_CACHE_DIR or --cache-dir to use another directory)."
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


class NotInitializedError(ZhkgError, RuntimeError):
    """A component ran before ``initialize()`` loaded its model or lexicons."""

    code = "E006"

    def __init__(self, factory: str) -> None:
        super().__init__(
            f"{factory} is not initialised: call nlp.initialize() after adding the component, "
            "or load the pipeline with pipelines.load_pipeline() or spacy.load()."
        )
