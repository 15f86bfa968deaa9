"""The in-memory graph that ``graph.build`` makes and every exporter and query reads.

A ``networkx.MultiDiGraph``; graph attribute ``name`` = "zhkg", ``documents`` =
number of documents built from.

Node id: ``"{type}:{label}"`` (``ORG:山东省发改委``), stable across runs. Two
people with the same name and different organisations get
``"PERSON:{label}@{org}"``.

Node attributes (in memory; exporters flatten lists with ``|``):

======================  ===========  ==============================================
``label``               str          canonical display name
``type``                str          ORG | PERSON | PLACE | INITIATIVE
``aliases``             list[str]    other names of the same entity (sorted)
``titles``              list[str]    titles seen with this person (sorted)
``mentions``            int          number of mentions in all documents
``doc_count``           int          number of documents that mention it
``documents``           list[str]    ids of those documents (sorted)
``first_seen``          str | None   earliest document date (ISO)
``last_seen``           str | None   latest document date (ISO)
======================  ===========  ==============================================

Edges: one edge per (head node, relation, tail node); the multigraph key is the
edge id ``"{relation}:{u}->{v}"`` (unique). Edge attributes:

======================  ===========  ==============================================
``relation``            str          VISITED | HOLDS_POST | PART_OF | PROMOTES |
                                     LOCATED_IN | CO_OCCURS
``label``               str          the relation, or the title for HOLDS_POST
``weight``              int          number of supporting sentences
``title``               str          HOLDS_POST: titles joined by ``|``, else ""
``purpose``             str          VISITED: 调研/考察/... joined by ``|``, else ""
``led``                 bool         VISITED: someone 带队
``date``                str | None   earliest ISO date stated for the relation
``date_end``            str | None   latest ISO end date stated
``documents``           list[str]    ids of supporting documents (sorted)
``evidence``            list[dict]   ``{"doc", "sentence", "start", "end", "date"}``
                                     one per supporting sentence (document order)
======================  ===========  ==============================================
"""

NODE_ATTRS: tuple[str, ...] = (
    "label", "type", "aliases", "titles", "mentions", "doc_count", "documents",
    "first_seen", "last_seen",
)
EDGE_ATTRS: tuple[str, ...] = (
    "relation", "label", "weight", "title", "purpose", "led", "date", "date_end",
    "documents", "evidence",
)
LIST_NODE_ATTRS: tuple[str, ...] = ("aliases", "titles", "documents")
LIST_EDGE_ATTRS: tuple[str, ...] = ("documents", "evidence")


def node_id(entity_type: str, label: str, qualifier: str = "") -> str:
    """The stable id of a node: ``ORG:国家发展和改革委员会`` or ``PERSON:张伟@某厅``."""
    base = f"{entity_type}:{label}"
    return f"{base}@{qualifier}" if qualifier else base


def edge_id(relation: str, u: str, v: str) -> str:
    """The unique id (and multigraph key) of the edge ``u -relation-> v``."""
    return f"{relation}:{u}->{v}"
