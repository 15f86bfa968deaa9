"""List research visits (调研) by actor and month.

Usage::

    python examples/visits_by_month.py out/graph.graphml
    python examples/visits_by_month.py out/graph.graphml --since 2023-01 --purpose 考察
    python examples/visits_by_month.py out/graph.graphml --purpose ""   # every visit

Output: one block per actor, one line per month with the places and units
visited that month.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from graph.query import QueryError, Visit, load

UNDATED = "undated"


def by_actor_and_month(visits: list[Visit]) -> dict[str, dict[str, list[str]]]:
    """``{actor: {"YYYY-MM": [targets]}}``, months in order, undated last."""
    grouped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for visit in visits:
        month = visit.date[:7] if visit.date else UNDATED
        if visit.target not in grouped[visit.actor][month]:
            grouped[visit.actor][month].append(visit.target)
    return {
        actor: dict(sorted(months.items(), key=lambda item: (item[0] == UNDATED, item[0])))
        for actor, months in sorted(grouped.items())
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="Research visits by actor and month.")
    parser.add_argument("graph", help="graph file written by `zhkg build` (.graphml or .json)")
    parser.add_argument(
        "--purpose", default="调研", help='purpose word to keep (default 调研; "" for every visit)'
    )
    parser.add_argument("--since", help="earliest date, YYYY[-MM[-DD]]")
    parser.add_argument("--until", help="latest date, YYYY[-MM[-DD]]")
    args = parser.parse_args()
    try:
        kg = load(args.graph)
        visits = kg.visits(since=args.since, until=args.until, purpose=args.purpose or None)
    except (QueryError, OSError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    for actor, months in by_actor_and_month(visits).items():
        print(actor)
        for month, targets in months.items():
            print(f"  {month}  {'、'.join(targets)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
