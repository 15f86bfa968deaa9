"""Career records: who held which post at which organisation, and when the news says so.

A career record is one ``(person, organisation, normalised title)``. It is read
from the ``terms`` of a HOLDS_POST edge (:mod:`graph.evidence`): the builder
already files every stated title under its normalised form
(:func:`graph.names.post_title`), with the dates it is stated on, so a post
stated in March and again in November is one record from March to November, and
the 党组书记 and 厅长 a person holds at once are two records.

People are the graph's nodes, so a career follows the resolution rule of
:mod:`graph.resolve`: one name is one person unless posts in two provinces
overlap in time.

Dates are those of the articles (or the sentence's own date): ``first_seen`` is
when the news first states the post, not when the appointment took effect.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

import networkx as nx

from graph.query.results import CareerPost, Evidence
from zhkg.records import HOLDS_POST

OVERLAP_SEPARATOR = "、"


def career_posts(graph: nx.MultiDiGraph, edges: Iterable[tuple[str, str, Mapping[str, Any]]] | None = None,
                 ) -> list[CareerPost]:
    """The career records of HOLDS_POST ``edges`` (default: all of ``graph``), in time order.

    Undated records come last. ``overlaps`` is left empty; see
    :func:`with_overlaps`.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", label="张三", type="PERSON")
    >>> g.add_node("o", label="某某局", type="ORG")
    >>> _ = g.add_edge("p", "o", relation="HOLDS_POST", terms=[
    ...     {"title": "局长", "titles": ["局长"], "first_date": "2014-03-01", "last_date": "2014-11-02",
    ...      "sentences": 2, "evidence": None}])
    >>> [(c.person, c.org, c.title, c.first_seen, c.last_seen) for c in career_posts(g)]
    [('张三', '某某局', '局长', '2014-03-01', '2014-11-02')]
    """
    if edges is None:
        edges = graph.edges(data=True)
    posts = [
        post
        for u, v, data in edges
        if data.get("relation") == HOLDS_POST
        for post in _edge_posts(graph, u, v, data)
    ]
    return sorted(posts, key=time_order)


def with_overlaps(posts: list[CareerPost], other: str) -> list[CareerPost]:
    """Fill ``overlaps`` of each record with the ``other`` side of the records its time span meets.

    ``other`` is ``"post"`` (a career: the person's other posts at the time) or
    ``"person"`` (holders: who else held the post at the time).
    """
    for post in posts:
        names = [_describe(o, other) for o in posts
                 if o is not post and _same_group(post, o, other) and _meets(post, o)
                 and _describe(o, other) != _describe(post, other)]
        post.overlaps = OVERLAP_SEPARATOR.join(dict.fromkeys(names))
    return posts


def time_order(post: CareerPost) -> tuple[str, str, str, str, str]:
    """Sort key: first seen (undated last), last seen, then names."""
    return (post.first_seen or "\uffff", post.last_seen or "\uffff", post.person, post.org, post.title)


def _edge_posts(graph: nx.MultiDiGraph, u: str, v: str, data: Mapping[str, Any]) -> list[CareerPost]:
    person, org = _label(graph, u), _label(graph, v)
    terms = data.get("terms") or _terms_of_old_edge(data)
    return [
        CareerPost(
            person=person,
            org=org,
            title=str(term.get("title") or ""),
            first_seen=term.get("first_date"),
            last_seen=term.get("last_date"),
            count=int(term.get("sentences") or 0),
            titles_written="|".join(term.get("titles") or ()),
            person_id=u,
            org_id=v,
            evidence=[Evidence.from_dict(term["evidence"])] if isinstance(term.get("evidence"), Mapping) else [],
        )
        for term in terms
        if isinstance(term, Mapping)
    ]


def _terms_of_old_edge(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Terms for a graph written before edges carried them: one per title, the edge's dates."""
    dates = sorted(str(e["date"]) for e in data.get("evidence") or () if isinstance(e, Mapping) and e.get("date"))
    first = data.get("first_date") or data.get("date") or (dates[0] if dates else None)
    last = data.get("last_date") or data.get("date_end") or (dates[-1] if dates else None) or first
    evidence = next(iter(data.get("evidence") or ()), None)
    return [{"title": title, "titles": [title], "first_date": first, "last_date": last,
             "sentences": int(data.get("sentences") or data.get("weight") or 1), "evidence": evidence}
            for title in str(data.get("title") or "").split("|")]


def _meets(a: CareerPost, b: CareerPost) -> bool:
    """Whether two dated records' spans share a day."""
    if not (a.first_seen and b.first_seen):
        return False
    return max(a.first_seen, b.first_seen) <= min(a.last_seen or a.first_seen, b.last_seen or b.first_seen)


def _same_group(a: CareerPost, b: CareerPost, side: str) -> bool:
    """Records compared for overlap: one person's posts, or one post's holders."""
    if side == "person":
        return (a.org_id, a.title) == (b.org_id, b.title)
    return a.person_id == b.person_id


def _describe(post: CareerPost, side: str) -> str:
    return post.person if side == "person" else f"{post.org}{post.title}"


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    return str(graph.nodes[node].get("label") or node)
