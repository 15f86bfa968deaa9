"""Read jionlp's data files without importing jionlp.

Importing jionlp takes seconds and prints a banner, so the lexicons read its
files directly. jionlp ships its larger dictionaries as ``NAME.zip`` and
unzips them into its package directory on first use; a fresh install has
only the zips, so a file is read from its zip when it was never unzipped.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

JIONLP_HINT = "jionlp is required for zhkg's lexicons: pip install 'jionlp>=1.5'"


def jionlp_dir() -> Path:
    """The installed jionlp package directory, found without importing jionlp."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(JIONLP_HINT) from None
    return Path(next(iter(spec.submodule_search_locations)))


@contextmanager
def open_dictionary(name: str) -> Iterator[TextIO]:
    """Open ``jionlp/dictionary/NAME`` as UTF-8 text, from its zip if not unzipped."""
    folder = jionlp_dir() / "dictionary"
    plain = folder / name
    if plain.is_file():
        with plain.open(encoding="utf-8") as handle:
            yield handle
        return
    archive_path = plain.with_suffix(".zip")
    if not archive_path.is_file():
        raise ImportError(f"jionlp's {name} is missing from {folder}; {JIONLP_HINT}") from None
    with zipfile.ZipFile(archive_path) as archive, archive.open(name) as raw:
        yield io.TextIOWrapper(raw, encoding="utf-8")
