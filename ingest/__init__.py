"""Ingest: files of scraped news in, clean :class:`Document` records out.

Formats: .txt, .html/.htm, .md and .jsonl; UTF-8 (with or without BOM), GBK,
GB18030, Big5 and UTF-16 with BOM. Bad inputs are reported, never fatal.
"""

from .document import Document, DocumentInfo, Duplicate, Failure, ReadResult, Skipped
from zhkg.errors import ZhkgInputError
from .paths import DEFAULT_MAX_FILE_SIZE, SUPPORTED_SUFFIXES, expand_paths, scan_paths
from .readers import DocumentStream, read_data, read_file, read_paths, read_text

__all__ = [
    "DEFAULT_MAX_FILE_SIZE",
    "SUPPORTED_SUFFIXES",
    "Document",
    "DocumentInfo",
    "DocumentStream",
    "Duplicate",
    "Failure",
    "ReadResult",
    "Skipped",
    "ZhkgInputError",
    "expand_paths",
    "read_data",
    "read_file",
    "read_paths",
    "read_text",
    "scan_paths",
]
