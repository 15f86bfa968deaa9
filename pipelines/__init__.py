"""Text in, spaCy Docs out: ingest, the nlp object and its components, corpus runs.

``load_pipeline`` is imported lazily so that ``import pipelines`` stays cheap
and does not import spaCy.
"""

from typing import Any

__all__ = ["load_pipeline"]


def __getattr__(name: str) -> Any:
    if name == "load_pipeline":
        from pipelines.nlp import load_pipeline

        return load_pipeline
    raise AttributeError(f"module 'pipelines' has no attribute {name!r}")
