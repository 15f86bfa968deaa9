"""careers.csv: one row per career record, for a spreadsheet user.

Written beside nodes.csv and edges.csv. The file is UTF-8 with a byte order
mark, so Excel opens the Chinese intact; the headers say what a column holds in
Chinese and English; every text cell is neutralised against formulas
(:func:`graph.readwrite.tables.neutralize`). Rows follow
:func:`graph.careers.career_posts`: by person, then in time order.
"""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from graph.careers import career_posts
from graph.query.results import CareerPost
from graph.readwrite.files import atomic_write
from graph.readwrite.tables import neutralize

CAREERS_NAME = "careers.csv"
BOM = "\ufeff"
HEADER: tuple[str, ...] = (
    "人物 Person", "机构 Organisation", "职务 Post", "首次见报 First seen", "最后见报 Last seen",
    "句数 Sentences", "原文职务 Titles as written", "证据句 First evidence sentence",
    "文档 Document", "人物ID Person id", "机构ID Organisation id",
)


def career_row(post: CareerPost) -> list[str]:
    """The cells of one record, in :data:`HEADER` order, neutralised."""
    evidence = post.evidence[0] if post.evidence else None
    cells = [
        post.person, post.org, post.title, post.first_seen or "", post.last_seen or "",
        str(post.count), post.titles_written, evidence.sentence if evidence else "",
        evidence.doc if evidence else "", post.person_id, post.org_id,
    ]
    return [neutralize(cell) for cell in cells]


def write_careers_csv(G: nx.Graph, path: str | Path) -> Path:
    """Write the career records of ``G`` to ``path`` (atomically) and return the path.

    Examples
    --------
    >>> import tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", label="=张三", type="PERSON")
    >>> g.add_node("o", label="某某局", type="ORG")
    >>> _ = g.add_edge("p", "o", relation="HOLDS_POST", terms=[{"title": "局长", "sentences": 1}])
    >>> out = write_careers_csv(g, Path(tempfile.mkdtemp()) / CAREERS_NAME)
    >>> out.read_text(encoding="utf-8-sig").splitlines()[1].split(",")[:3]
    ["'=张三", '某某局', '局长']
    """
    multi = G if isinstance(G, nx.MultiDiGraph) else nx.MultiDiGraph(G)
    posts = sorted(career_posts(multi), key=lambda p: (p.person, p.person_id))
    target = Path(path)
    with atomic_write(target, text=True) as handle:
        handle.write(BOM)
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(career_row(post) for post in posts)
    return target
