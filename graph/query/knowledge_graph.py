"""The query API: :class:`KnowledgeGraph` wraps the graph that ``graph.build`` makes.

Queries take names as users write them (labels, aliases, or node ids), and
return plain records from :mod:`graph.query.results` carrying the supporting
sentences and dates. A name that matches several nodes (two people called
张伟) selects all of them; a name that matches none raises
:class:`~zhkg.errors.UnknownEntityError` with near matches.
"""

from __future__ import annotations

from itertools import product
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from graph.query.periods import DateLike, as_iso, overlaps
from zhkg.errors import InvalidQueryError, UnknownEntityError
from graph.query.names import NameIndex
from graph.ranking import SCORERS, Ranking
from graph.query.results import (
    CareerPost,
    Evidence,
    Initiative,
    Match,
    Member,
    Neighbor,
    PathStep,
    Post,
    Ranked,
    Visit,
    top_ranked,
)
from zhkg.records import (
    CO_OCCURS,
    ENTITY_TYPES,
    HOLDS_POST,
    PART_OF,
    PERSON,
    PROMOTES,
    RELATION_TYPES,
    VISITED,
)

if TYPE_CHECKING:  # networkx is imported where a graph is walked: a store query never needs it
    import networkx as nx

Edge = tuple[str, str, str, Mapping[str, Any]]
QUERY_RELATIONS: tuple[str, ...] = RELATION_TYPES
"""Relations an edge can carry: the extracted ones, CO_OCCURS and the reform lexicon's RENAMED_TO."""


class KnowledgeGraph:
    """Queries over a zhkg graph (a ``networkx.MultiDiGraph`` per ``graph.contract``).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The graph, as built by ``graph.build`` or read by ``graph.readwrite.read.read_graph``.
        It is available unchanged as :attr:`graph`, e.g. for the exporters.
        Names are indexed on the first lookup: wrap the graph again after
        changing it.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("PERSON:张三", label="张三", type="PERSON", aliases=[])
    >>> g.add_node("ORG:某某局", label="某某局", type="ORG", aliases=["某局"])
    >>> _ = g.add_edge("PERSON:张三", "ORG:某某局", key="HOLDS_POST:PERSON:张三->ORG:某某局",
    ...                relation="HOLDS_POST", title="局长", evidence=[])
    >>> kg = KnowledgeGraph(g)
    >>> [(p.person, p.org, p.title) for p in kg.posts(org="某局")]
    [('张三', '某某局', '局长')]
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self._index: NameIndex | None = None

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def __repr__(self) -> str:
        return f"KnowledgeGraph(nodes={self.graph.number_of_nodes()}, edges={self.graph.number_of_edges()})"

    # -- lookup --------------------------------------------------------------

    def find(self, name: str, type: str | None = None) -> list[Match]:
        """The nodes called ``name`` (label, alias or node id), best first.

        Parameters
        ----------
        name : str
            A name as printed in the news; quotes, spaces and full-width
            letters are ignored.
        type : str, optional
            Keep only nodes of this type (ORG, PERSON, PLACE, INITIATIVE).

        Raises
        ------
        UnknownEntityError
            Nothing has this name; ``suggestions`` lists near matches.

        Examples
        --------
        >>> import networkx as nx
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("ORG:某某局", label="某某局", type="ORG", aliases=["某局"])
        >>> [m.id for m in KnowledgeGraph(g).find("“某局”")]
        ['ORG:某某局']
        >>> KnowledgeGraph(g).find("某某")
        Traceback (most recent call last):
        ...
        zhkg.errors.UnknownEntityError: [Q001] 未找到 '某某'. Did you mean: 某某局?
        """
        entity_type = _entity_type(type)
        matches = self._names.lookup(name, entity_type)
        if not matches:
            raise UnknownEntityError(name, self._names.suggest(name))
        return matches

    @property
    def _names(self) -> NameIndex:
        if self._index is None:
            self._index = NameIndex(self.graph)
        return self._index

    def _ids(self, name: str | None) -> set[str] | None:
        """Node ids for a name, or ``None`` (no constraint) when no name is given."""
        if name is None or name == "":
            return None
        return {match.id for match in self.find(name)}

    def _required_ids(self, name: str, role: str) -> set[str]:
        """Node ids for a name the query cannot do without: a blank one is an error,
        never "no constraint" (``members ""`` must not list every organisation's members)."""
        if not name or not name.strip():
            raise InvalidQueryError(f"the {role} name is empty; give the name of an entity.")
        return {match.id for match in self.find(name)}

    # -- queries -------------------------------------------------------------

    def neighbors(
        self,
        name: str,
        relation: str | Iterable[str] | None = None,
        type: str | None = None,
    ) -> list[Neighbor]:
        """Edges touching ``name``, in both directions.

        Parameters
        ----------
        relation : str or iterable of str, optional
            Keep only these relations (VISITED, HOLDS_POST, PART_OF, PROMOTES,
            LOCATED_IN, CO_OCCURS).
        type : str, optional
            Keep only neighbours of this entity type.
        """
        relations = _relations(relation)
        other_type = _entity_type(type)
        found: list[Neighbor] = []
        for node in sorted(self._ids(name) or ()):
            for u, v, data in self.graph.out_edges(node, data=True):
                found.append(self._neighbor(node, v, "out", data))
            for u, v, data in self.graph.in_edges(node, data=True):
                found.append(self._neighbor(node, u, "in", data))
        return [
            n
            for n in found
            if (relations is None or n.relation in relations)
            and (other_type is None or n.other_type == other_type)
        ]

    def visits(
        self,
        actor: str | None = None,
        target: str | None = None,
        since: DateLike = None,
        until: DateLike = None,
        purpose: str | None = None,
    ) -> list[Visit]:
        """Who went where (VISITED edges), oldest first.

        Parameters
        ----------
        actor, target : str, optional
            Who visited / what place or unit was visited.
        since, until : str or datetime.date, optional
            Keep visits whose dates overlap this window (``YYYY``, ``YYYY-MM``
            or ``YYYY-MM-DD``; both ends inclusive). Undated visits are left
            out once a window is given.
        purpose : str, optional
            Keep visits whose purpose contains this word (调研, 考察, ...).
        """
        start, end = as_iso(since), as_iso(until)
        found = []
        for u, v, _, data in self._edges(VISITED, self._ids(actor), self._ids(target)):
            first, _ = _span(data)
            if not _occurs_within(data, start, end):
                continue
            if purpose and purpose not in str(data.get("purpose", "")):
                continue
            found.append(
                Visit(
                    actor=self._label(u),
                    target=self._label(v),
                    target_type=self._type(v),
                    purpose=str(data.get("purpose", "")),
                    led=bool(data.get("led", False)),
                    date=first,
                    date_end=data.get("date_end"),
                    actor_id=u,
                    target_id=v,
                    evidence=_evidence(data),
                )
            )
        return sorted(found, key=lambda x: (x.date or "\uffff", x.actor, x.target))

    def posts(self, person: str | None = None, org: str | None = None) -> list[Post]:
        """Posts held (HOLDS_POST edges), by organisation then person.

        Examples
        --------
        >>> import networkx as nx
        >>> kg = KnowledgeGraph(nx.MultiDiGraph())
        >>> kg.posts()
        []
        """
        found = [
            Post(
                person=self._label(u),
                org=self._label(v),
                title=str(data.get("title") or ""),
                date=_span(data)[0],
                person_id=u,
                org_id=v,
                evidence=_evidence(data),
            )
            for u, v, _, data in self._edges(HOLDS_POST, self._ids(person), self._ids(org))
        ]
        return sorted(found, key=lambda p: (p.org, p.person))

    def career(self, person: str) -> list[CareerPost]:
        """The posts ``person`` held, in time order: one record per (organisation, normalised title).

        Posts held at the same time are all listed (党组书记 and 厅长), each
        naming the others in ``overlaps``. A name shared by namesakes lists both
        people's posts, told apart by ``person_id``.

        Examples
        --------
        >>> import networkx as nx
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("PERSON:张三", label="张三", type="PERSON", aliases=[])
        >>> g.add_node("ORG:某某局", label="某某局", type="ORG", aliases=[])
        >>> terms = [{"title": t, "titles": [t], "first_date": "2014-03-01", "last_date": "2014-03-01",
        ...           "sentences": 1, "evidence": None} for t in ("党组书记", "局长")]
        >>> _ = g.add_edge("PERSON:张三", "ORG:某某局", relation="HOLDS_POST", terms=terms)
        >>> [(c.title, c.overlaps) for c in KnowledgeGraph(g).career("张三")]
        [('党组书记', '某某局局长'), ('局长', '某某局党组书记')]
        """
        from graph.careers import career_posts, with_overlaps

        people = {m.id for m in self.find(person) if m.type == PERSON}
        edges = [(u, v, data) for u, v, _, data in self._edges(HOLDS_POST, people, None)]
        return with_overlaps(career_posts(self.graph, edges), "post")

    def holders(self, org: str, title: str | None = None) -> list[CareerPost]:
        """Who held the posts of ``org``, in time order, each naming who else held the post meanwhile.

        Parameters
        ----------
        title : str, optional
            Keep one post: 厅长 matches 厅长 and 省教育厅厅长 (both normalise to
            厅长); 书记 also matches 党组书记, but a deputy post is another post
            (副厅长 is not 厅长).
        """
        from graph.careers import career_posts, with_overlaps
        from graph.names import post_title

        edges = [(u, v, data) for u, v, _, data in self._edges(HOLDS_POST, None, self._ids(org))]
        posts = career_posts(self.graph, edges)
        if title:
            wanted = post_title(title)
            posts = [p for p in posts if p.title.endswith(wanted)
                     and not p.title[: len(p.title) - len(wanted)].endswith("副")]
        return with_overlaps(posts, "person")

    def members(self, org: str) -> list[Member]:
        """People holding posts at ``org`` and units that are PART_OF it."""
        found: list[Member] = []
        for relation in (HOLDS_POST, PART_OF):
            for u, v, _, data in self._edges(relation, None, self._required_ids(org, "organisation")):
                found.append(
                    Member(
                        org=self._label(v),
                        member=self._label(u),
                        member_type=self._type(u),
                        relation=relation,
                        title=str(data.get("title") or ""),
                        org_id=v,
                        member_id=u,
                        evidence=_evidence(data),
                    )
                )
        return found

    def initiatives(self, actor: str, include_parts: bool = False) -> list[Initiative]:
        """What ``actor`` promotes (PROMOTES edges).

        Parameters
        ----------
        include_parts : bool
            Also list what the actor's units (PART_OF it, at any depth) promote;
            each record still names the unit that promotes it.
        """
        actors = self._ids(actor) or set()
        if include_parts:
            actors = self._with_parts(actors)
        found = [
            Initiative(
                actor=self._label(u),
                initiative=self._label(v),
                date=_span(data)[0],
                actor_id=u,
                initiative_id=v,
                evidence=_evidence(data),
            )
            for u, v, _, data in self._edges(PROMOTES, actors, None)
        ]
        return sorted(found, key=lambda i: (i.actor, i.initiative))

    def path(self, a: str, b: str, typed_only: bool = False) -> list[PathStep]:
        """A shortest chain of edges linking ``a`` and ``b``, ignoring edge direction.

        Parameters
        ----------
        typed_only : bool
            Ignore CO_OCCURS edges, so every step is a stated relation.

        Returns
        -------
        list of PathStep
            Empty when the two are not connected (or are the same node).
        """
        import networkx as nx

        sources, targets = self._required_ids(a, "first"), self._required_ids(b, "second")
        view = self.graph
        if typed_only:
            view = nx.subgraph_view(
                self.graph, filter_edge=lambda u, v, k: self.graph.edges[u, v, k].get("relation") != CO_OCCURS
            )
        undirected = view.to_undirected(as_view=True)
        best: list[str] | None = None
        for source, target in product(sorted(sources), sorted(targets)):
            try:
                nodes = nx.shortest_path(undirected, source, target)
            except nx.NetworkXNoPath:
                continue
            if best is None or len(nodes) < len(best):
                best = nodes
        if not best:
            return []
        return [self._step(view, x, y) for x, y in zip(best, best[1:])]

    def top(self, type: str | None = None, by: str | Ranking = Ranking.importance,
            k: int = 10) -> list[Ranked]:
        """The ``k`` most central nodes, optionally of one type.

        Parameters
        ----------
        by : {"importance", "degree", "pagerank", "betweenness"}
            ``importance`` (the default, and what the HTML page ranks by) weighs
            typed relations, then co-occurrence discounted for sentences that
            list many names (:func:`graph.ranking.importance`); ``degree`` counts distinct linked entities; ``pagerank`` favours
            nodes that important nodes point to; ``betweenness`` favours
            brokers between clusters. Scores are computed on the whole graph.
        """
        try:
            ranking = Ranking(by)
        except ValueError:
            choices = ", ".join(r.value for r in Ranking)
            raise InvalidQueryError(f"unknown ranking {by!r}; use one of: {choices}.") from None
        entity_type = _entity_type(type)
        scores = SCORERS[ranking](self.graph)
        return top_ranked(scores, self._label, self._type, entity_type, k)

    def subgraph(self, names: Iterable[str], depth: int = 1) -> "KnowledgeGraph":
        """The neighbourhood of ``names`` (up to ``depth`` hops, any direction).

        The result is a new :class:`KnowledgeGraph` with copied node and edge
        attributes, so ``result.graph`` can go to the exporters like the whole
        graph.
        """
        import networkx as nx

        if depth < 0:
            raise InvalidQueryError(f"depth must be 0 or more, got {depth}.")
        undirected = self.graph.to_undirected(as_view=True)
        keep: set[str] = set()
        for name in names:
            for node in self._ids(name) or ():
                keep.update(nx.single_source_shortest_path_length(undirected, node, cutoff=depth))
        return KnowledgeGraph(self.graph.subgraph(keep).copy())

    # -- helpers -------------------------------------------------------------

    def _edges(self, relation: str, heads: set[str] | None, tails: set[str] | None) -> Iterator[Edge]:
        """Edges of one relation, optionally restricted to given head/tail nodes."""
        if heads is not None:
            edges = self.graph.out_edges(sorted(heads), keys=True, data=True)
        elif tails is not None:
            edges = self.graph.in_edges(sorted(tails), keys=True, data=True)
        else:
            edges = self.graph.edges(keys=True, data=True)
        for u, v, key, data in edges:
            if data.get("relation") == relation and (tails is None or v in tails):
                yield u, v, key, data

    def _with_parts(self, orgs: set[str]) -> set[str]:
        """``orgs`` and every unit PART_OF them, transitively."""
        seen = set(orgs)
        frontier = list(orgs)
        while frontier:
            org = frontier.pop()
            for u, _, data in self.graph.in_edges(org, data=True):
                if data.get("relation") == PART_OF and u not in seen:
                    seen.add(u)
                    frontier.append(u)
        return seen

    def _neighbor(self, node: str, other: str, direction: str, data: Mapping[str, Any]) -> Neighbor:
        return Neighbor(
            node=self._label(node),
            relation=str(data.get("relation", "")),
            direction=direction,
            other=self._label(other),
            other_type=self._type(other),
            label=str(data.get("label") or ""),
            weight=float(data.get("weight") or 1),
            date=_span(data)[0],
            node_id=node,
            other_id=other,
            evidence=_evidence(data),
        )

    def _step(self, view: nx.MultiDiGraph, x: str, y: str) -> PathStep:
        """The most informative edge between consecutive path nodes ``x`` and ``y``."""
        candidates = [(x, y, True, d) for d in (view.get_edge_data(x, y) or {}).values()]
        candidates += [(y, x, False, d) for d in (view.get_edge_data(y, x) or {}).values()]
        u, v, forward, data = max(
            candidates, key=lambda c: (c[3].get("relation") != CO_OCCURS, float(c[3].get("weight") or 1))
        )
        return PathStep(
            source=self._label(u),
            relation=str(data.get("relation", "")),
            target=self._label(v),
            forward=forward,
            label=str(data.get("label") or ""),
            source_id=u,
            target_id=v,
            evidence=_evidence(data),
        )

    def _label(self, node: str) -> str:
        return str(self.graph.nodes[node].get("label") or node)

    def _type(self, node: str) -> str:
        return str(self.graph.nodes[node].get("type", ""))


def _entity_type(value: str | None) -> str | None:
    """An entity type argument, upper-cased and checked."""
    if value is None or value == "":
        return None
    upper = value.upper()
    if upper not in ENTITY_TYPES:
        raise InvalidQueryError(
            f"unknown entity type {value!r}; use one of: {', '.join(ENTITY_TYPES)}."
        )
    return upper


def _relations(value: str | Iterable[str] | None) -> set[str] | None:
    """A relation argument (one or several), upper-cased and checked."""
    if value is None or value == "":
        return None
    names = {value.upper()} if isinstance(value, str) else {v.upper() for v in value}
    unknown = sorted(names - set(QUERY_RELATIONS))
    if unknown:
        raise InvalidQueryError(
            f"unknown relation {', '.join(unknown)}; use one of: {', '.join(QUERY_RELATIONS)}."
        )
    return names


def _evidence(data: Mapping[str, Any]) -> list[Evidence]:
    return [Evidence.from_dict(item) for item in data.get("evidence") or () if isinstance(item, Mapping)]


def _occurs_within(data: Mapping[str, Any], since: str | None, until: str | None) -> bool:
    """Whether an edge occurs in the window: any of its dated occurrences (``dates``) falls in it.

    An edge stated in 2012 and again in 2015 matches ``since="2015"``; one without
    ``dates`` (a graph written before they existed) falls back to its date span.
    """
    dates = data.get("dates") or ()
    if not dates:
        return overlaps(*_span(data), since, until)
    return any(overlaps(str(d), str(d), since, until) for d in dates)


def _span(data: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """First and last date of an edge: the stated dates, else its evidence dates."""
    evidence = data.get("evidence") or ()
    dates = sorted(str(e["date"]) for e in evidence if isinstance(e, Mapping) and e.get("date"))
    first = data.get("date") or (dates[0] if dates else None)
    last = data.get("date_end") or (dates[-1] if dates else None) or first
    return (str(first) if first else None, str(last) if last else None)
