"""Name lookup: labels and aliases, normalised, with near matches for typos.

Users type names the way the news prints them: with or without quotation
marks (“放管服”), with full-width letters or stray spaces. Lookup compares the
matching key of :func:`graph.names.name_key` so all of these find the same node.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import TYPE_CHECKING, Iterable

from graph.names import name_key
from graph.query.results import Match

if TYPE_CHECKING:
    import networkx as nx

_SUGGESTIONS = 5
_CUTOFF = 0.5


class NameIndex:
    """Maps normalised labels and aliases to node ids.

    Built once per graph; several nodes may share a key (two people named
    张伟 in different organisations).
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self._graph = graph
        self._by_label: dict[str, set[str]] = defaultdict(set)
        self._by_alias: dict[str, set[str]] = defaultdict(set)
        for node, data in graph.nodes(data=True):
            label = str(data.get("label") or node)
            self._by_label[name_key(label)].add(node)
            for alias in _as_list(data.get("aliases")):
                self._by_alias[name_key(alias)].add(node)
        self._by_label.pop("", None)
        self._by_alias.pop("", None)

    def lookup(self, name: str, entity_type: str | None = None) -> list[Match]:
        """Nodes whose id, label or alias equals ``name``; labels before aliases."""
        key = name_key(name)
        found: dict[str, Match] = {}
        if name in self._graph:
            found[name] = self._match(name, name, 1.0)
        for node in sorted(self._by_label.get(key, ())):
            found.setdefault(node, self._match(node, name, 1.0))
        for node in sorted(self._by_alias.get(key, ())):
            found.setdefault(node, self._match(node, name, 0.9))
        matches = [m for m in found.values() if entity_type is None or m.type == entity_type]
        return sorted(matches, key=lambda m: (-m.score, m.id))

    def suggest(self, name: str, limit: int = _SUGGESTIONS) -> list[str]:
        """Labels of nodes whose label or alias is close to ``name``.

        Similar spellings come first (difflib), then names containing the
        query or contained in it; a node reached through an alias is offered
        under its label, once.
        """
        key = name_key(name)
        keys = sorted({*self._by_label, *self._by_alias})
        close = difflib.get_close_matches(key, keys, n=limit, cutoff=_CUTOFF)
        containing = sorted(
            (k for k in keys if key and (key in k or (len(k) > 1 and k in key))),
            key=lambda k: (abs(len(k) - len(key)), k),
        )
        labels: list[str] = []
        for candidate in [*close, *containing]:
            nodes = self._by_label.get(candidate, set()) | self._by_alias.get(candidate, set())
            for node in sorted(nodes):
                label = str(self._graph.nodes[node].get("label") or node)
                if label not in labels:
                    labels.append(label)
        return labels[:limit]

    def _match(self, node: str, matched: str, score: float) -> Match:
        data = self._graph.nodes[node]
        return Match(
            id=node,
            label=str(data.get("label") or node),
            type=str(data.get("type", "")),
            matched=matched,
            score=score,
        )


def _as_list(value: object) -> list[str]:
    """A list attribute, also when a reader left it as a ``|``-joined string."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v for v in value.split("|") if v]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return [str(value)]
