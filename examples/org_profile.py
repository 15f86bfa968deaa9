"""Show one organisation: who holds posts there, its units, what it promotes.

Usage::

    python examples/org_profile.py out/graph.graphml 安徽省科技厅
    python examples/org_profile.py out/graph.graphml 国资委 --include-parts

Any alias works as the name (省科技厅, 国资委); a name not in the graph ends
with near matches.
"""

from __future__ import annotations

import argparse
import sys

from graph.query import KnowledgeGraph, QueryError, load


def profile(kg: KnowledgeGraph, org: str, include_parts: bool = False) -> list[str]:
    """The lines of the profile of ``org``."""
    match = kg.find(org, type="ORG")[0]
    lines = [f"{match.label} ({match.type})", "Posts:"]
    for post in kg.posts(org=match.id):
        lines.append(f"  {post.person}  {'、'.join(post.titles) or '-'}")
    units = [m.member for m in kg.members(match.id) if m.relation == "PART_OF"]
    if units:
        lines.append("Units: " + "、".join(units))
    lines.append("Initiatives:")
    for item in kg.initiatives(match.id, include_parts=include_parts):
        by = "" if item.actor_id == match.id else f"  (by {item.actor})"
        source = f"  — {item.evidence[0].sentence}" if item.evidence else ""
        lines.append(f"  {item.initiative}{by}{source}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description="Posts, units and initiatives of one organisation.")
    parser.add_argument("graph", help="graph file written by `zhkg build` (.graphml or .json)")
    parser.add_argument("org", help="the organisation (label or alias)")
    parser.add_argument("--include-parts", action="store_true", help="also list what its units promote")
    args = parser.parse_args()
    try:
        lines = profile(load(args.graph), args.org, args.include_parts)
    except (QueryError, OSError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
