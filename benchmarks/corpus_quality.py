"""How true the corpus graph stays at scale: junk, duplicates, list sentences, rankings.

    python benchmarks/corpus_quality.py [--data DIR] [--out DIR] [--records FILE] [--top N] [--json FILE]

Without ``--records`` it runs ``zhkg build`` on ``--data`` (default: the
news_scale set in ../shared, about 8 minutes on one core; run it under
``flock /tmp/zhkg-heavy.lock``) into ``--out``, then reads back the records the
build stored (``OUT/zhkg.duckdb``). With ``--records`` (a build's store, or a
``records.jsonl`` of one record per line) it skips the NLP and rebuilds the graph
from the stored records, which takes a minute or two: the way to iterate on
graph-side rules. Printed:

- node and edge counts by type;
- the share of CO_OCCURS edges, the most edges one sentence adds, and the
  largest share of the CO_OCCURS weight that one sentence adds;
- names (after normalisation) with more than one node of the same type;
- one-character nodes, and labels holding a space, 会同 or a comma;
- the top PERSON and ORG nodes by :func:`graph.ranking.importance` (the ranking
  ``top``, ``--max-nodes`` and the HTML page use): label, degree by relation
  type, aliases.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NEWS_SCALE = ROOT.parent / "shared" / "data" / "news_scale"
JOINED_MARKS = (" ", "会同", "，", ",")
ALIASES_SHOWN = 8

from graph.build import build_graph, cooccurrence_cliques, graph_summary  # noqa: E402
from graph.names import name_key  # noqa: E402
from graph.ranking import importance  # noqa: E402
from zhkg.records import CO_OCCURS, ORG, PERSON, DocResult  # noqa: E402


def read_records(path: Path) -> Iterator[DocResult]:
    """The per-document records of a build: its DuckDB store, or a JSON-lines file."""
    if path.suffix == ".duckdb":
        from zhkg.store.export import open_read_only
        from zhkg.store.store import input_records

        con = open_read_only(path)
        try:
            yield from (DocResult.from_dict(record) for record in input_records(con))
        finally:
            con.close()
        return
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield DocResult.from_dict(json.loads(line))


def sentence_load(docs: list[DocResult]) -> dict[str, Any]:
    """The most CO_OCCURS edges one sentence adds, and its share of the whole CO_OCCURS weight."""
    total_weight, most_edges, most_weight, where = 0.0, 0, 0.0, None
    for doc_id, sent, nodes in cooccurrence_cliques(docs):
        n = len(nodes)
        if n < 2:
            continue
        weight = n / 2
        total_weight += weight
        if n * (n - 1) // 2 > most_edges:
            most_edges, most_weight, where = n * (n - 1) // 2, weight, (doc_id, sent, n)
    return {
        "most_edges_one_sentence": most_edges,
        "that_sentence": where,
        "largest_sentence_weight_share": most_weight / total_weight if total_weight else 0.0,
    }


def duplicate_names(graph) -> dict[str, list[str]]:
    """``type:name`` -> node ids, for names (normalised labels) held by several nodes of one type."""
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        by_name[(data["type"], name_key(data["label"]))].append(node)
    return {f"{t}:{n}": sorted(ids) for (t, n), ids in sorted(by_name.items()) if len(ids) > 1}


def degree_by_relation(graph, node: str) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for _, _, relation in graph.edges(node, data="relation"):
        counts[relation] += 1
    for _, _, relation in graph.in_edges(node, data="relation"):
        counts[relation] += 1
    return dict(sorted(counts.items()))


def top_nodes(graph, scores: dict[str, float], entity_type: str, k: int) -> list[dict[str, Any]]:
    ranked = sorted((n for n, t in graph.nodes(data="type") if t == entity_type),
                    key=lambda n: (-scores[n], n))[:k]
    return [{
        "label": graph.nodes[n]["label"],
        "id": n,
        "importance": round(scores[n], 1),
        "degree": degree_by_relation(graph, n),
        "aliases": graph.nodes[n].get("aliases", [])[:ALIASES_SHOWN],
    } for n in ranked]


def measure(docs: list[DocResult], k: int) -> dict[str, Any]:
    """Every figure the script prints, as one JSON-safe dict."""
    started = time.perf_counter()
    graph = build_graph(docs)
    built = time.perf_counter() - started
    summary = graph_summary(graph)
    edges = sum(summary["edges"].values())
    one_char = [(d["type"], d["label"], graph.degree(n)) for n, d in graph.nodes(data=True)
                if len(name_key(d["label"])) < 2]
    joined = sorted(d["label"] for _, d in graph.nodes(data=True)
                    if d["type"] != "INITIATIVE" and any(m in d["label"] for m in JOINED_MARKS))
    duplicates = duplicate_names(graph)
    scores = importance(graph)
    return {
        "documents": len(docs),
        "graph_build_seconds": round(built, 1),
        "nodes": summary["nodes"],
        "edges": summary["edges"],
        "co_occurs_share": summary["edges"].get(CO_OCCURS, 0) / edges if edges else 0.0,
        **sentence_load(docs),
        "duplicate_names": {t: sum(1 for key in duplicates if key.startswith(t + ":"))
                            for t in summary["nodes"]},
        "duplicate_person_names": {key: ids for key, ids in duplicates.items() if key.startswith(PERSON)},
        "one_character_nodes": Counter(t for t, _, _ in one_char),
        "one_character_examples": sorted(one_char, key=lambda x: -x[2])[:10],
        "joined_labels": len(joined),
        "joined_examples": joined[:20],
        "renamed_to": sorted(f"{graph.nodes[u]['label']} -> {graph.nodes[v]['label']} ({year})"
                             for u, v, d in graph.edges(data=True) if d["relation"] == "RENAMED_TO"
                             for year in [d.get("year")]),
        "top_person": top_nodes(graph, scores, PERSON, k),
        "top_org": top_nodes(graph, scores, ORG, k),
    }


def print_report(result: dict[str, Any]) -> None:
    print(f"documents: {result['documents']}  (graph built in {result['graph_build_seconds']} s)")
    print("nodes by type:", result["nodes"], " total", sum(result["nodes"].values()))
    print("edges by type:", result["edges"], " total", sum(result["edges"].values()))
    print(f"CO_OCCURS share of edges: {result['co_occurs_share']:.1%}")
    print(f"most CO_OCCURS edges from one sentence: {result['most_edges_one_sentence']} "
          f"(doc, sentence, entities = {result['that_sentence']}); its share of the CO_OCCURS "
          f"weight: {result['largest_sentence_weight_share']:.3%}")
    print("names with more than one node of one type:", result["duplicate_names"])
    for key, ids in result["duplicate_person_names"].items():
        print("   ", key, ids)
    print("one-character nodes:", dict(result["one_character_nodes"]), result["one_character_examples"])
    print("labels with a space, 会同 or a comma:", result["joined_labels"], result["joined_examples"])
    print(f"RENAMED_TO edges: {len(result['renamed_to'])}:", "; ".join(result["renamed_to"]))
    for title, rows in (("PERSON", result["top_person"]), ("ORG", result["top_org"])):
        print(f"\ntop {len(rows)} {title} by importance (typed relations + weighted co-occurrence):")
        for i, row in enumerate(rows, 1):
            print(f"{i:3d}. {row['label']}  [{row['importance']}]  {row['degree']}  aliases: "
                  f"{'、'.join(row['aliases'])}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=NEWS_SCALE)
    parser.add_argument("--out", type=Path, default=Path("corpus-quality-out"))
    parser.add_argument("--records", type=Path, help="rebuild from this records.jsonl, no NLP")
    parser.add_argument("--top", type=int, default=50)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    records = args.records
    if records is None:
        from zhkg.job import build
        from zhkg.store import STORE_NAME

        build([args.data], args.out, formats=["graphml"], workers=1)
        records = args.out / STORE_NAME
    result = measure(list(read_records(records)), args.top)
    print_report(result)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
