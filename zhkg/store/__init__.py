"""zhkg's embedded store: records keyed by content and pipeline, and the graph as tables.

>>> from zhkg.store import Store          # doctest: +SKIP
>>> with Store("out/zhkg.duckdb") as store:  # doctest: +SKIP
...     store.missing(pipeline_fingerprint())
"""

from zhkg.store.fingerprint import content_hash, pipeline_fingerprint
from zhkg.store.graph_rows import read_graph
from zhkg.store.schema import SCHEMA_VERSION
from zhkg.store.store import STORE_NAME, InputDocument, Store, StoredRecord

__all__ = [
    "SCHEMA_VERSION",
    "STORE_NAME",
    "InputDocument",
    "Store",
    "StoredRecord",
    "content_hash",
    "pipeline_fingerprint",
    "read_graph",
]
