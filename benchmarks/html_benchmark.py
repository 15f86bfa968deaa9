"""How fast the HTML explorer is in a real browser, on a real graph.

    python benchmarks/html_benchmark.py GRAPH [--records FILE] [--html-max-entities N]
                                        [--out DIR] [--repeat R]

``GRAPH`` is a ``graph.json`` (node-link, as ``zhkg build -f json`` writes it)
or an existing ``graph.html``. The page is written once with
:func:`graph.readwrite.html.write_html` (document titles and URLs from the
build's ``records.jsonl`` when ``--records`` names it, as ``zhkg build`` does),
then opened in Debian's chromium
through Playwright, over ``file://`` with every other request aborted.
Reported, as a table and as ``benchmark.json`` in ``--out``:

- page size;
- time to interactive: from navigation start until the first frame after the
  overview is laid out, and the main thread then free (a zero timeout runs);
- search latency: typing a query into the search box until the drop-down is
  painted (median and worst over a few queries);
- focus and expand latency: focusing an entity, and expanding one of its
  neighbours, until the new ego network is laid out and painted;
- filter latency: unticking and ticking an entity type and a relation;
- date-range latency: setting a six-month range and clearing it;
- the longest main-thread blocks (Long Tasks API, from the first byte on):
  start and duration of the five longest.

Screenshots of the overview, a focused person, the timeline and the evidence
panel go to ``--out``. Timings on a shared machine are noisy: run it when the
machine is quiet, and report the machine load with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 860}
IDLE = "body[data-busy='false']"
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    window.__longTasks.push({start: entry.startTime, duration: entry.duration});
  }
}).observe({type: "longtask", buffered: true});
"""
PAINTED = """
/* Resolve with the time when the frame after `action` is painted and the main thread is free. */
window.__painted = (t0) => new Promise(resolve => requestAnimationFrame(
  () => setTimeout(() => resolve(performance.now() - t0), 0)));
"""
WAIT_IDLE_MS = 30_000


def read_documents(records: Path | None) -> dict[str, dict[str, Any]] | None:
    """Title, date and URL per document from a build's ``records.jsonl``."""
    if records is None:
        return None
    documents = {}
    with open(records, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            documents[record["doc_id"]] = {key: record.get(key) for key in ("title", "date", "url")}
    return documents


def write_page(graph_path: Path, out: Path, max_entities: int | None, records: Path | None) -> Path:
    """The page to measure: ``graph_path`` itself if it is HTML, else written from the JSON graph."""
    if graph_path.suffix == ".html":
        return graph_path
    from graph.readwrite.html import write_html
    from graph.readwrite.nodelink import read_json

    started = time.perf_counter()
    G = read_json(graph_path)
    page = out / "graph.html"
    write_html(G, page, max_entities=max_entities, documents=read_documents(records))
    print(f"wrote {page} in {time.perf_counter() - started:.1f} s "
          f"({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")
    return page


def _settled(page, action: str) -> float:
    """Milliseconds from running ``action`` until the page is idle and painted again."""
    page.evaluate("document.body.dataset.busy = 'pending'")
    started = page.evaluate(f"(() => {{ const t0 = performance.now(); {action}; return t0; }})()")
    page.wait_for_selector(IDLE, state="attached", timeout=WAIT_IDLE_MS)
    return page.evaluate("t0 => window.__painted(t0)", started)


def _sync(page, action: str) -> float:
    """Milliseconds from running ``action`` (synchronous) until the next painted frame."""
    return page.evaluate(f"(() => {{ const t0 = performance.now(); {action}; return window.__painted(t0); }})()")


def _pick_entities(page) -> dict[str, Any]:
    """The most important person with a typed relation (its ego network is not empty)."""
    return page.evaluate("""() => {
        const d = window.zhkg.data, E = d.entities, L = d.edges;
        const person = d.types.findIndex(t => t.name === "PERSON");
        const co = d.relations.findIndex(r => r.name === "CO_OCCURS");
        const typed = new Set();
        L.rel.forEach((r, e) => { if (r !== co) { typed.add(L.src[e]); typed.add(L.dst[e]); } });
        let i = E.type.findIndex((t, k) => t === person && typed.has(k));
        if (i < 0) { i = 0; }
        return {id: E.id[i], label: E.label[i]};
    }""")


def measure(page_path: Path, out: Path, repeat: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        sys.exit("chromium is not installed: apt-get install chromium fonts-noto-cjk")
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                   else (errors.append(f"blocked {route.request.url}"), route.abort()))
        page.add_init_script(LONG_TASKS + PAINTED)
        page.goto(page_path.as_uri(), timeout=120_000)
        page.wait_for_selector(IDLE, state="attached", timeout=120_000)
        interactive = page.evaluate("""() => new Promise(resolve => requestAnimationFrame(
            () => setTimeout(() => resolve(performance.now()), 0)))""")
        page.wait_for_timeout(500)
        page.screenshot(path=str(out / "overview.png"))
        chosen = _pick_entities(page)
        label = chosen["label"]

        search = []
        for _ in range(repeat):
            for query in (label[:1], label[:2], label, "省"):
                search.append(_sync(page, f"""const box = document.getElementById("search");
                    box.value = {json.dumps(query)}; box.dispatchEvent(new Event("input"))"""))
        page.evaluate("document.getElementById('search').value = ''; "
                      "document.getElementById('search').dispatchEvent(new Event('input'))")

        focus = [_settled(page, f"window.zhkg.focus({json.dumps(chosen['id'])})") for _ in range(repeat)]
        page.wait_for_timeout(300)
        page.screenshot(path=str(out / "focus.png"))
        page.locator("#timeline").screenshot(path=str(out / "timeline.png"))
        neighbour = page.evaluate("""id => {
            const z = window.zhkg, drawn = z.nodes.getIds().filter(n => n !== id);
            return drawn.length ? drawn[0] : null; }""", chosen["id"])
        expand = []
        if neighbour:
            expand.append(_settled(page, f"window.zhkg.expand({json.dumps(neighbour)})"))
            expand.append(_settled(page, "window.zhkg.back()"))
        two_hops = _settled(page, "document.getElementById('hops-2').click()")
        _settled(page, "document.getElementById('hops-1').click()")

        filters = []
        for _ in range(repeat):
            for box in ("#type-PLACE", "#relation-VISITED"):
                if page.locator(box).count():
                    for _ in range(2):
                        filters.append(_sync(page, f"document.querySelector({json.dumps(box)}).click()"))

        dates = page.evaluate("""() => { const d = window.zhkg.data.meta; return [d.first_month, d.last_month]; }""")
        date_range = []
        if dates[0]:
            date_range.append(_settled(page, f"window.zhkg.setDateRange({json.dumps(dates[0])}, "
                                             f"{json.dumps(dates[0])})"))
            date_range.append(_settled(page, "window.zhkg.setDateRange(null, null)"))

        page.evaluate("""() => { const z = window.zhkg, e = z.edges.get().find(x => x.relation !== "CO_OCCURS")
                                 || z.edges.get()[0]; if (e) { z.showEdge(e.index); } }""")
        page.wait_for_timeout(200)
        page.locator("#details").screenshot(path=str(out / "evidence.png"))
        long_tasks = page.evaluate("window.__longTasks")
        browser.close()
    return {
        "page": str(page_path),
        "page_mb": round(page_path.stat().st_size / 2**20, 2),
        "time_to_interactive_ms": round(interactive),
        "search_ms": _summary(search),
        "focus_ms": _summary(focus),
        "expand_and_back_ms": _summary(expand),
        "two_hops_ms": round(two_hops),
        "filter_ms": _summary(filters),
        "date_range_ms": _summary(date_range),
        "longest_block_ms": round(max((t["duration"] for t in long_tasks), default=0)),
        "longest_blocks_ms": sorted(((round(t["start"]), round(t["duration"])) for t in long_tasks),
                                    key=lambda t: -t[1])[:5],
        "focused": chosen["label"],
        "errors": errors,
        "load_average": os.getloadavg(),
    }


def _summary(values: list[float]) -> dict[str, float] | None:
    if not values:
        return None
    return {"median": round(statistics.median(values), 1), "max": round(max(values), 1), "n": len(values)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", type=Path, help="graph.json from zhkg build -f json, or a graph.html")
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "html-benchmark")
    parser.add_argument("--records", type=Path, default=None,
                        help="records.jsonl of the same build, for document titles and URLs")
    parser.add_argument("--html-max-entities", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    page = write_page(args.graph, args.out, args.html_max_entities, args.records)
    result = measure(page, args.out, args.repeat)
    (args.out / "benchmark.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    for key, value in result.items():
        print(f"{key:24} {value}")


if __name__ == "__main__":
    main()
