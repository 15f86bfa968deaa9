"""Typed relation extraction: pure functions from a :class:`~pipelines.rules.view.DocView` to records.

One module per relation (``visited``, ``holds_post``, ``part_of``,
``promotes``, ``located_in``), each returning :class:`zhkg.records.Relation`
records; ``view`` holds the clause and subject logic they share, ``geo``
the place look-ups (prefixes, ancestors) shared with the resolver, and
``distinct`` the one-relation-per-pair filter.
"""
