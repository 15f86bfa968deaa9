"""Property tests: the reader never raises, and every input is a document or a failure."""

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import read_data, read_paths
from ingest.report import build_report

KEYS = ["text", "content", "title", "date", "url", "x"]
SUFFIXES = st.sampled_from([".txt", ".html", ".htm", ".md", ".jsonl"])
PIECES = [
    *"会议召开省政府。，、 　\n<>&;#\"'/=",
    "&nbsp;",
    "&amp;",
    "&#12288;",
    "2023年8月3日",
    "首页",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
TAGS = "div p span br b a table td title head body html h1 li".split()
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner),
    max_leaves=6,
)


ATTRS = ["", " class='x'", " style='text-indent:30px'"]
# An unclosed quote swallows the next tag, as in a browser: script text may then show.
BROKEN_ATTRS = [*ATTRS, ' id="a', " <", "/"]


@st.composite
def html_trees(draw, depth=0, attrs=ATTRS):
    """Random, unbalanced HTML from real tags, entities, scripts and Chinese text."""
    scripts = st.sampled_from(["<script>SECRET()</script>", "<style>SECRET{}</style>"])
    parts = draw(st.lists(st.one_of(TEXT, scripts), max_size=3))
    if depth < 3:
        for _ in range(draw(st.integers(0, 3))):
            tag = draw(st.sampled_from(TAGS))
            attr = draw(st.sampled_from(attrs))
            inner = draw(html_trees(depth + 1, attrs))
            close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag.upper()}>"]))
            parts.append(f"<{tag}{attr}>{inner}{close}")
    prefix = draw(st.sampled_from(["", "<!DOCTYPE html>", "<html><body>"])) if depth == 0 else ""
    return prefix + "".join(draw(st.permutations(parts)))


def _accounted(outcome) -> bool:
    """Each input is a document or a failure with a reason the reader anticipated."""
    expected = all(not f.reason.startswith("internal error") for f in outcome.failures)
    return expected and (bool(outcome.documents) or bool(outcome.failures))


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=600), suffix=SUFFIXES)
def test_random_bytes_never_raise_and_are_accounted(data, suffix):
    assert _accounted(read_data(data, source="x" + suffix, suffix=suffix))


@settings(max_examples=100, deadline=None)
@given(
    markup=html_trees(attrs=BROKEN_ATTRS),
    suffix=SUFFIXES,
    encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]),
)
def test_random_broken_html_never_raises_and_is_accounted(markup, suffix, encoding):
    assert _accounted(read_data(markup.encode(encoding), source="x" + suffix, suffix=suffix))


@settings(max_examples=100, deadline=None)
@given(markup=html_trees(), suffix=st.sampled_from([".txt", ".html"]))
def test_random_html_documents_are_clean(markup, suffix):
    for doc in read_data(markup.encode(), source="x" + suffix, suffix=suffix).documents:
        paragraphs = doc.text.split("\n")
        assert all(p and p == p.strip() for p in paragraphs)
        assert "\u3000" not in doc.text and "&nbsp;" not in doc.text
        assert "SECRET" not in doc.text


@settings(max_examples=100, deadline=None)
@given(lines=st.lists(st.one_of(JSON_VALUES.map(json.dumps), TEXT), min_size=1, max_size=5))
def test_random_json_lines_are_each_a_document_or_a_failure(lines):
    text = "\n".join(lines)
    outcome = read_data(text.encode(), source="x.jsonl", suffix=".jsonl")
    assert _accounted(outcome)
    records = [line for line in text.split("\n") if line.strip()]
    assert len(outcome.documents) + len(outcome.failures) == max(len(records), 1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(st.tuples(st.binary(max_size=200), SUFFIXES), min_size=1, max_size=6))
def test_every_file_on_disk_is_in_the_report(files):
    with tempfile.TemporaryDirectory() as folder:
        for index, (data, suffix) in enumerate(files):
            Path(folder, f"f{index}{suffix}").write_bytes(data)
        report = build_report(read_paths([folder]))
    counts = report["files"]
    assert len(counts) == len(files)
    assert all(sum(c.values()) >= 1 for c in counts.values())
