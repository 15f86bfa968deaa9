"""The in-memory graph that ``graph.build`` makes and every exporter and query reads.

A ``networkx.MultiDiGraph``; graph attribute ``name`` = "zhkg", ``documents`` =
number of documents built from.

Node id: ``"{type}:{label}"`` (``ORG:山东省发改委``), stable across runs. When
resolution finds namesakes (two people of one name holding posts in two
provinces at the same time; see :mod:`graph.resolve`), the one named in most
documents keeps ``PERSON:{label}`` and the others get ``"PERSON:{label}@{province}"``.

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
``successors``          list[str]    ORG renamed or merged away by a reform: the
                                     bodies that took over (reform lexicon); only
                                     on such nodes
======================  ===========  ==============================================

Edges: one edge per (head node, relation, tail node); the multigraph key is the
edge id ``"{relation}:{u}->{v}"`` (unique). Edge attributes:

======================  ===========  ==============================================
``relation``            str          VISITED | HOLDS_POST | PART_OF | PROMOTES |
                                     LOCATED_IN | CO_OCCURS | RENAMED_TO
``label``               str          the relation, or the title for HOLDS_POST
``weight``              float        typed relations: number of supporting
                                     sentences; CO_OCCURS: the sum over its
                                     sentences of 1/(n-1), n = entities named in
                                     the sentence (list sentences weigh little)
``sentences``           int          number of supporting sentences
``evidence_count``      int          the same: entries ``evidence`` would hold
                                     without its cap
``title``               str          HOLDS_POST: titles joined by ``|``, else ""
``purpose``             str          VISITED: 调研/考察/... joined by ``|``, else ""
``led``                 bool         VISITED: someone 带队
``date``                str | None   earliest ISO date stated for the relation
``date_end``            str | None   latest ISO end date stated
``dates``               list[str]    every distinct date the edge occurs on (the
                                     relation's date, else its document's), sorted
``first_date``          str | None   first of ``dates``
``last_date``           str | None   last of ``dates``
``documents``           list[str]    ids of supporting documents (sorted)
``evidence``            list[dict]   ``{"doc", "sentence", "start", "end", "date",
                                     "source_start", "source_end"}`` for the first
                                     5 supporting sentences (document id, then
                                     position order); ``sentence`` is an excerpt
                                     of at most 100 characters around the two
                                     names, ``start``/``end`` its offsets in the
                                     document's text, ``source_*`` in the input's
``terms``               list[dict]   HOLDS_POST: one per normalised title:
                                     ``{"title", "titles", "first_date",
                                     "last_date", "dates", "sentences",
                                     "evidence"}`` (careers are read from it)
``year``                int          RENAMED_TO only: the year of the reform
======================  ===========  ==============================================
"""

NODE_ATTRS: tuple[str, ...] = (
    "label", "type", "aliases", "titles", "mentions", "doc_count", "documents",
    "first_seen", "last_seen",
)
EDGE_ATTRS: tuple[str, ...] = (
    "relation", "label", "weight", "sentences", "evidence_count", "title", "purpose", "led",
    "date", "date_end", "dates", "first_date", "last_date", "documents", "evidence", "terms",
)
LIST_NODE_ATTRS: tuple[str, ...] = ("aliases", "titles", "documents", "successors")
LIST_EDGE_ATTRS: tuple[str, ...] = ("documents", "evidence", "dates", "terms")


def node_id(entity_type: str, label: str, qualifier: str = "") -> str:
    """The stable id of a node: ``ORG:国家发展和改革委员会`` or ``PERSON:张伟@某厅``."""
    base = f"{entity_type}:{label}"
    return f"{base}@{qualifier}" if qualifier else base


def edge_id(relation: str, u: str, v: str) -> str:
    """The unique id (and multigraph key) of the edge ``u -relation-> v``."""
    return f"{relation}:{u}->{v}"
