"""Ten thousand bad inputs, one build: nothing lost, nothing mixed, nothing hangs.

    python benchmarks/garbage_benchmark.py [--files 10000] [--work DIR] [--seed 0]
        [--article-chars 5000000] [--line-chars 2000000] [--news-docs 300] [--skip-long]

Part 1 generates a folder of mixed bad inputs (:func:`make_corpus`): broken
encodings, binary and NUL bytes, HTML and JSON-line garbage (20,000-deep
tags, 100,000-deep JSON nesting, 5,000-digit numbers, lone surrogates, characters XML forbids),
invisible characters inside names, spreadsheet formulas as names, non-UTF-8
file names, hidden files and folders, unsupported types, symlink loops,
broken links, a link to /dev/zero, a FIFO, a second link to one file, an
oversized file and long unpunctuated lines. It runs one ``zhkg build`` over the
folder and checks: exit 0, no traceback in the log, every entry on disk (hidden
ones included) named in ``report.json``; it prints the build's peak RSS and the
output size against the input size (the bar: at most 10x). A second build of
the unpunctuated line alone shows its output against its size (the same bar,
graph.html's fixed script apart).

Part 2 (unless ``--skip-long``) times the pipeline in this process on normal
news (``../shared/data/news_scale`` when present, else generated articles), on
one article of ``--article-chars`` characters and on one line of
``--line-chars`` characters without punctuation. The bar: each long document
within 2x of the normal throughput. Timings on a shared machine are noisy.

Exit status 0 when every check passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS_SCALE = ROOT.parent / "shared" / "data" / "news_scale"
MAX_OUTPUT_RATIO = 10.0
MAX_SLOWDOWN = 2.0

# Made-up names from common characters: no real person or organisation is named.
_NAME_CHARS = "安宁平和新兴华中东西南北江河山林泉丰盛永长春秋明远"
_SURNAMES = "王李张刘陈杨赵黄周吴"
_UNITS = ["人民政府", "发展和改革委员会", "教育厅", "工业和信息化厅", "生态环境局", "交通运输局"]
_TOPICS = ["乡村振兴", "安全生产", "科技创新", "生态保护", "就业服务"]
_INVISIBLE = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202e", "\u2066", "\u2069", "\u061c",
              "\u180e", "\u200b", "\u200d", "\u2060", "\ufeff"]
_FORMULAS = ["=HYPERLINK", "@SUM", "+CMD", "-1+"]
_PUNCTUATION = str.maketrans("", "", "。，、；：！？“”‘’（）《》【】,.;:!?()\n")


def _name(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(_NAME_CHARS) for _ in range(length))


def article(rng: random.Random, paragraphs: int = 3) -> str:
    """A short made-up government news article, one paragraph per line."""
    place = _name(rng, 2) + rng.choice(["省", "市", "县"])
    org = place + rng.choice(_UNITS)
    person = rng.choice(_SURNAMES) + _name(rng, rng.choice([1, 2]))
    lines = [f"{person}到{place}调研{rng.choice(_TOPICS)}工作"]
    for _ in range(paragraphs):
        lines.append(
            f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日，{org}党组书记{person}在{place}"
            f"主持召开会议，研究部署{rng.choice(_TOPICS)}工作。会议强调，要{rng.choice(_TOPICS)}。"
        )
    return "\n".join(lines)


def _with_invisible(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(6):
        chars.insert(rng.randrange(len(chars)), rng.choice(_INVISIBLE))
    return "".join(chars)


def _bad_json_lines(rng: random.Random) -> str:
    good = json.dumps({"title": "通知", "text": article(rng, 1)}, ensure_ascii=False)
    lines = [
        good,
        "[" * 100_000 + "]" * 100_000,
        '{"text": "会议", "n": ' + "9" * 5000 + "}",
        '{"url": "http://a.cn/\\ud800", "title": "\\udfff", "text": "' + article(rng, 1).replace("\n", "\\n") + '"}',
        json.dumps({"title": "标题\x01\uffff", "text": article(rng, 1) + "\x01\uffff"}),
        "{broken",
        "[1, 2, 3]",
        '{"title": "没有正文"}',
    ]
    rng.shuffle(lines)
    return "\n".join(lines)


def _content(kind: int, rng: random.Random, earlier: list[str]) -> tuple[str, bytes]:
    """Suffix and bytes of one generated input of the given kind."""
    text = article(rng)
    generators = [
        lambda: (".txt", text.encode()),
        lambda: (".txt", _with_invisible(rng, text).encode()),
        lambda: (".html", "".join(f"<div><span>{p}</span></div>" for p in text.split("\n")).encode()),
        lambda: (".html", f"<!DOCTYPE html><html><head><title>{text[:10]}</title></head><body><p>"
                          f"{text.replace(chr(10), '</p><p>')}</p><script>x()</script></body>".encode()),
        lambda: (".html", ("<!DOCTYPE html><body>" + "<div>" * 20_000 + text).encode()),
        lambda: (".md", f"# {text}".encode()),
        lambda: (".jsonl", _bad_json_lines(rng).encode("utf-8", "surrogatepass")),
        lambda: (".txt", text.encode("gbk")),
        lambda: (".txt", text.encode("big5", errors="replace")),
        lambda: (".txt", text.encode(rng.choice(["utf-16-le", "utf-16-be"]))),
        lambda: (".txt", text.encode("utf-16")),
        lambda: (".txt", b""),
        lambda: (".txt", rng.randbytes(rng.randint(1, 3000))),
        lambda: (".txt", ("会议召开。" * 1000).encode() + b"\x00" + rng.randbytes(100)),
        lambda: (".txt", text.encode()[:-1]),
        lambda: (".txt", (rng.choice(earlier[-50:]) if earlier else text).encode()),
        lambda: (".txt", text.replace("党组", rng.choice(_FORMULAS) + "工程党组").encode()),
        lambda: (".txt", (text + "\uffff\x01\x7f").encode()),
        lambda: (rng.choice([".pdf", ".doc", "", ".TXT", ".json"]), text.encode()),
    ]
    earlier.append(text)
    return generators[kind % len(generators)]()


def unpunctuated_line(rng: random.Random) -> str:
    """Eight generated articles on one line without any punctuation (about 45 KB)."""
    return "".join(article(rng, 40) for _ in range(8)).translate(_PUNCTUATION)


def _special_entries(folder: Path, rng: random.Random) -> None:
    """Entries that are not plain files, and names no UTF-8 writer accepts."""
    (folder / "links").mkdir()
    os.symlink("loop-b.txt", folder / "links" / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "links" / "loop-b.txt")
    os.symlink("missing.txt", folder / "links" / "broken.txt")
    os.symlink("/dev/zero", folder / "links" / "zero.txt")
    os.mkfifo(folder / "links" / "pipe.txt")
    (folder / "links" / "target.txt").write_text(article(rng), encoding="utf-8")
    os.symlink("target.txt", folder / "links" / "second-name.txt")
    os.symlink("..", folder / "links" / "parent-folder")
    with open(folder / "links" / "huge.txt", "wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    (folder / ".hidden-folder").mkdir()
    (folder / ".hidden-folder" / "a.txt").write_text(article(rng), encoding="utf-8")
    (folder / "long-line.txt").write_text(unpunctuated_line(rng), encoding="utf-8")


def make_corpus(folder: Path, files: int, seed: int = 0) -> None:
    """Write ``files`` generated inputs (plus the special entries) under ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    _special_entries(folder, rng)
    earlier: list[str] = []
    for index in range(files):
        suffix, data = _content(index, rng, earlier)
        sub = folder / f"d{index // 500:02d}"
        sub.mkdir(exist_ok=True)
        name = f"{index:05d}{suffix}".encode()
        if index % 97 == 0:
            name = b"\xff\xfe" + name
        if index % 89 == 0:
            name = b"." + name
        with open(os.path.join(os.fsencode(sub), name), "wb") as handle:
            handle.write(data)


def entries_on_disk(folder: Path) -> dict[str, Path]:
    """Every non-folder entry under ``folder`` and every symlinked folder, by report path."""
    from ingest.paths import display_path

    found: dict[str, Path] = {}
    for root, dirs, names in os.walk(folder):
        entries = [Path(root, n) for n in names]
        entries += [Path(root, d) for d in dirs if Path(root, d).is_symlink()]
        found.update((display_path(entry), entry) for entry in entries)
    return found


def run_build(corpus: Path, out: Path) -> dict:
    """One ``zhkg build`` in a child process; its exit code, log, peak RSS and report."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "zhkg.cli", "build", str(corpus), "-o", str(out), "-q"],
        capture_output=True, text=True, cwd=ROOT,
    )
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report_path = out / "report.json"
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    return {"code": done.returncode, "log": done.stderr, "seconds": seconds,
            "peak_mb": peak_mb, "report": report}


def check_build(corpus: Path, out: Path, build: dict) -> list[str]:
    """The failed checks of part 1, printing the figures."""
    problems: list[str] = []
    report = build["report"]
    reported = {e["file"] for e in report.get("entries", [])} | set(report.get("files", {}))
    on_disk = entries_on_disk(corpus)
    missing = sorted(set(on_disk) - reported)
    opened = [p for p, counts in report.get("files", {}).items() if not counts.get("skipped")]
    read_bytes = sum(on_disk[p].stat().st_size for p in opened if p in on_disk)
    out_bytes, store_bytes = output_sizes(out)
    ratio = out_bytes / read_bytes if read_bytes else float("inf")
    print(f"build: exit {build['code']} in {build['seconds']:.0f} s, peak RSS {build['peak_mb']:.0f} MB")
    print(f"report: {report.get('counts')}")
    print(f"entries on disk {len(on_disk)}, named in report.json {len(on_disk) - len(missing)}")
    print(f"input read {read_bytes / 1e6:.1f} MB, output files {out_bytes / 1e6:.1f} MB, ratio {ratio:.2f} "
          f"(store {store_bytes / 1e6:.1f} MB)")
    if build["code"] != 0:
        problems.append(f"exit code {build['code']}: {build['log'][-500:]}")
    for needle in ("Traceback", "internal error"):
        if needle in build["log"]:
            problems.append(f"'{needle}' in the build log")
    if missing:
        problems.append(f"{len(missing)} entries missing from report.json, e.g. {missing[:5]}")
    if ratio > MAX_OUTPUT_RATIO:
        problems.append(f"output is {ratio:.1f}x the input (bar {MAX_OUTPUT_RATIO}x)")
    return problems


def output_sizes(out: Path) -> tuple[int, int]:
    """Bytes of the published output files, and of the store beside them."""
    current = out / ".zhkg" / "current"
    files = sum(p.stat().st_size for p in current.iterdir()) if current.exists() else 0
    store = out / "zhkg.duckdb"
    return files, store.stat().st_size if store.exists() else 0


def check_line_output(work: Path, seed: int) -> list[str]:
    """The output of one build of an unpunctuated line like the corpus's, against its size.

    Every pair of names in a 150-character piece co-occurs, so this is where
    evidence would multiply; graph.html is shown apart, as its script is a
    fixed ~0.7 MB whatever the input.
    """
    folder, out = work / "line", work / "line-out"
    folder.mkdir(parents=True)
    line = unpunctuated_line(random.Random(seed))
    (folder / "long-line.txt").write_text(line, encoding="utf-8")
    build = run_build(folder, out)
    current = out / ".zhkg" / "current"
    sizes = {p.name: p.stat().st_size for p in current.iterdir()} if current.exists() else {}
    read = len(line.encode("utf-8"))
    ratio = sum(size for name, size in sizes.items() if name != "graph.html") / read
    print(f"unpunctuated line: {read / 1e3:.0f} KB in, files but graph.html {ratio:.2f}x, "
          f"graph.html {sizes.get('graph.html', 0) / 1e3:.0f} KB, store {output_sizes(out)[1] / 1e6:.1f} MB")
    problems = [f"unpunctuated line build exit {build['code']}"] if build["code"] else []
    if ratio > MAX_OUTPUT_RATIO:
        problems.append(f"unpunctuated line output is {ratio:.1f}x its size (bar {MAX_OUTPUT_RATIO}x)")
    return problems


def _news_texts(limit: int) -> list[str]:
    """Normal news: news_scale when present, else generated articles."""
    texts: list[str] = []
    for path in sorted(NEWS_SCALE.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line, _ in zip(handle, range(limit)))
        if len(texts) >= limit:
            return texts[:limit]
    rng = random.Random(1)
    return texts or [article(rng, 8) for _ in range(limit)]


def _throughput(nlp, texts: list[str]) -> tuple[float, float]:
    """Characters per second through the corpus run, and seconds taken."""
    from ingest import read_text
    from pipelines.corpus import process_documents

    documents = [read_text(t, source=f"doc{i}") for i, t in enumerate(texts)]
    chars = sum(len(d.text) for d in documents)
    start = time.perf_counter()
    outcome = process_documents(nlp, documents)
    seconds = time.perf_counter() - start
    if outcome.failures:
        raise RuntimeError(f"processing failed: {outcome.failures[0].reason}")
    return chars / seconds, seconds


def check_long_documents(args: argparse.Namespace) -> list[str]:
    """The failed checks of part 2, printing the figures."""
    from pipelines.nlp import load_pipeline

    nlp = load_pipeline()
    news = _news_texts(args.news_docs)
    _throughput(nlp, news[:10])
    normal, _ = _throughput(nlp, news)
    pool = "\n".join(news)
    long_article = "\n".join([pool] * (args.article_chars // len(pool) + 1))[: args.article_chars]
    long_line = long_article.translate(_PUNCTUATION)[: args.line_chars]
    problems = []
    print(f"normal news: {len(news)} documents, {normal:,.0f} chars/s")
    for label, text in (("article", long_article), ("unpunctuated line", long_line)):
        speed, seconds = _throughput(nlp, [text])
        print(f"{label}: {len(text):,} chars in {seconds:.0f} s, {speed:,.0f} chars/s, "
              f"{normal / speed:.2f}x slower than normal news")
        if normal / speed > MAX_SLOWDOWN:
            problems.append(f"{label} is {normal / speed:.1f}x slower than normal news")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path, help="Working folder (default: a temporary one).")
    parser.add_argument("--article-chars", type=int, default=5_000_000)
    parser.add_argument("--line-chars", type=int, default=2_000_000)
    parser.add_argument("--news-docs", type=int, default=300)
    parser.add_argument("--skip-long", action="store_true", help="Only part 1.")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="zhkg-garbage-"))
    corpus, out = work / "corpus", work / "out"
    make_corpus(corpus, args.files, args.seed)
    problems = check_build(corpus, out, run_build(corpus, out))
    problems += check_line_output(work, args.seed)
    if not args.skip_long:
        problems += check_long_documents(args)
    for problem in problems:
        print(f"FAILED: {problem}")
    print("all checks passed" if not problems else f"{len(problems)} check(s) failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
