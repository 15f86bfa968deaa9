"""jionlp's public data loaders, imported once and quietly.

jionlp prints a banner to standard output when imported, which would mix
with the CLI's own output, so the import is wrapped; it happens on first
use (a lexicon being built), never when a zhkg module is imported.
"""

from __future__ import annotations

import contextlib
import io
from functools import lru_cache
from types import ModuleType
from typing import Any

JIONLP_HINT = "jionlp is required for zhkg's lexicons: pip install 'jionlp>=1.5'"


@lru_cache(maxsize=1)
def jionlp() -> ModuleType:
    """The ``jionlp`` module, imported without its banner."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import jionlp as module
    except ImportError:
        raise ImportError(JIONLP_HINT) from None
    return module


@lru_cache(maxsize=None)
def jionlp_table(loader: str) -> Any:
    """What jionlp's ``loader`` (``idf_loader``, ``china_location_loader``, ...) returns, read once per process.

    jionlp re-reads and re-parses its file on every call (0.3 to 0.7 s
    each), and several lexicons draw on the same table; callers only read it.
    ``pipelines.nlp.build_pipeline`` clears the cache once the lexicons are built.
    """
    return getattr(jionlp(), loader)()


def rule_constants() -> ModuleType:
    """``jionlp.rule.rule_pattern``: jionlp's public regular-expression constants."""
    jionlp()
    from jionlp.rule import rule_pattern

    return rule_pattern
