"""zhkg: Chinese government and party news into a knowledge graph.

The command line lives in :mod:`zhkg.cli`; the main job in :mod:`zhkg.job`.
The work itself is in the ``pipelines`` (text to spaCy docs to records) and
``graph`` (records to networkx graph, exports, queries) packages.
"""

__version__ = "0.1.0"
