import codecs
import json

import pytest

from ingest import ZhkgInputError, expand_paths, read_paths, read_text
from ingest.report import build_report

TITLE = "省政府召开常务会议"
BODY = "8月3日，省政府召开常务会议，研究部署经济工作。\n会议强调，要坚持稳中求进工作总基调。"
ARTICLE = f"{TITLE}\n{BODY}"


def _write(path, content, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content if isinstance(content, bytes) else content.encode(encoding)
    path.write_bytes(data)
    return path


def _only_document(path):
    result = read_paths([path])
    assert result.failures == []
    assert len(result.documents) == 1
    return result.documents[0]


@pytest.mark.parametrize(
    "name,content",
    [
        ("a.txt", ARTICLE),
        ("a.txt", "　　" + TITLE + "\n\n　　" + BODY.replace("\n", "\n\n　　")),
        ("a.html", f"<h1>{TITLE}</h1><p>{BODY.splitlines()[0]}</p><p>{BODY.splitlines()[1]}</p>"),
        ("a.htm", f"<div>{TITLE}</div><div>&nbsp;</div><div>{BODY.replace(chr(10), '<br>')}</div>"),
        ("a.md", f"# {TITLE}\n\n{BODY.splitlines()[0]}\n\n**{BODY.splitlines()[1]}**"),
        (
            "a.txt",
            f"{TITLE}\n<div><span>{BODY.splitlines()[0]}</span></div><div>{BODY.splitlines()[1]}</div>",
        ),
    ],
)
def test_each_format_yields_the_same_clean_text(tmp_path, name, content):
    doc = _only_document(_write(tmp_path / name, content))
    assert (doc.text, doc.title) == (ARTICLE, TITLE)


@pytest.mark.parametrize(
    "encoding,data",
    [
        ("utf-8", ARTICLE.encode()),
        ("utf-8", codecs.BOM_UTF8 + ARTICLE.encode()),
        ("gbk", ARTICLE.encode("gbk")),
        ("gb18030", (ARTICLE + "𠮷").encode("gb18030")),
        ("utf-16", ARTICLE.encode("utf-16")),
    ],
)
def test_encodings_are_detected_and_reported(tmp_path, encoding, data):
    path = _write(tmp_path / "a.txt", data)
    result = read_paths([path])
    assert result.documents[0].encoding == encoding
    assert result.documents[0].text.startswith(ARTICLE)
    assert (f"{path}: decoded as {encoding}" in result.notes) is (encoding != "utf-8")


def test_whole_page_gives_text_and_metadata(tmp_path):
    page = (
        '<!DOCTYPE html><html><head><title>x</title><meta name="date" content="2023-09-01">'
        '<link rel="canonical" href="https://example.com/a.html"><style>p{}</style></head>'
        f"<body><article><h1>{TITLE}</h1><p>{BODY.splitlines()[0]}</p>"
        f"<p>{BODY.splitlines()[1]}</p></article><script>SECRET()</script></body></html>"
    )
    doc = _only_document(_write(tmp_path / "page.html", page))
    assert (doc.text, doc.title, doc.date, doc.url) == (
        ARTICLE,
        TITLE,
        "2023-09-01",
        "https://example.com/a.html",
    )


def test_jsonl_records_use_text_or_content_and_metadata(tmp_path):
    lines = [
        json.dumps(
            {"title": TITLE, "text": BODY, "date": "2023-08-03", "url": "u1"}, ensure_ascii=False
        ),
        json.dumps({"content": f"<p>{TITLE}</p><p>另一篇稿件正文。</p>"}, ensure_ascii=False),
    ]
    path = _write(tmp_path / "a.jsonl", "\n".join(lines) + "\n")
    first, second = read_paths([path]).documents
    assert (first.text, first.title, first.date, first.url, first.source) == (
        ARTICLE,
        TITLE,
        "2023-08-03",
        "u1",
        f"{path}:1",
    )
    assert (second.text, second.source) == (f"{TITLE}\n另一篇稿件正文。", f"{path}:2")


@pytest.mark.parametrize(
    "line,reason",
    [
        ('{"text": "正文', "line 2: invalid JSON"),
        ('["正文"]', "line 2: expected a JSON object, got list"),
        ('{"title": "只有标题"}', "line 2: no non-empty 'text' or 'content' field"),
        ('{"text": "   "}', "line 2: no non-empty 'text' or 'content' field"),
    ],
)
def test_bad_jsonl_line_is_a_failure_and_the_rest_is_read(tmp_path, line, reason):
    good = json.dumps({"text": ARTICLE}, ensure_ascii=False)
    path = _write(tmp_path / "a.jsonl", f"{good}\n{line}\n{good.replace('常务', '专题')}\n")
    result = read_paths([path])
    assert len(result.documents) == 2
    assert [(f.source, f.reason.startswith(reason)) for f in result.failures] == [
        (f"{path}:2", True)
    ]


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n ", "empty file"),
        ("bin.txt", bytes(range(256)) * 4, "binary"),
        ("nav.txt", "首页 | 新闻 | 往期回顾\n版面下载".encode(), "no text left"),
        ("markup.html", b"<div>&nbsp;</div><script>x()</script>", "no text left"),
        ("a.doc", ARTICLE.encode(), "unsupported file type '.doc'"),
    ],
)
def test_bad_file_is_a_failure_with_reason(tmp_path, name, data, reason):
    path = _write(tmp_path / name, data)
    result = read_paths([path])
    assert result.documents == []
    assert [f.source for f in result.failures] == [str(path)]
    assert reason in result.failures[0].reason
    assert "\n" not in result.failures[0].reason


def test_one_bad_file_does_not_stop_the_run(tmp_path):
    _write(tmp_path / "a_bad.txt", b"\x00\x01\x02")
    _write(tmp_path / "b_good.txt", ARTICLE)
    result = read_paths([tmp_path])
    assert (len(result.documents), len(result.failures), result.exit_code()) == (1, 1, 0)


@pytest.mark.parametrize("strict,documents,expected", [(False, 0, 1), (True, 1, 1), (False, 1, 0)])
def test_exit_code(tmp_path, strict, documents, expected):
    _write(tmp_path / "bad.txt", b"")
    if documents:
        _write(tmp_path / "good.txt", ARTICLE)
    assert read_paths([tmp_path]).exit_code(strict=strict) == expected


def test_same_article_in_two_files_is_one_document(tmp_path):
    _write(tmp_path / "a.txt", ARTICLE)
    _write(tmp_path / "b.html", f"<p>{TITLE}</p><p>{BODY.replace(chr(10), '</p><p>')}</p>")
    result = read_paths([tmp_path])
    assert len(result.documents) == 1
    assert [(d.source, d.duplicate_of) for d in result.duplicates] == [
        (str(tmp_path / "b.html"), str(tmp_path / "a.txt"))
    ]
    assert result.failures == []


def test_report_accounts_for_every_file(tmp_path):
    _write(tmp_path / "a.txt", ARTICLE)
    _write(tmp_path / "b.txt", ARTICLE)
    _write(tmp_path / "c.txt", b"")
    _write(tmp_path / "d.jsonl", '{"text": "第一条。"}\nnot json\n')
    _write(tmp_path / ".e.txt", ARTICLE)
    report = build_report(read_paths([tmp_path]))
    assert json.loads(json.dumps(report)) == report
    assert report["counts"] == {
        "files": 4, "documents": 2, "failures": 2, "duplicates": 1, "skipped": 1
    }
    assert {name.rsplit("/", 1)[-1]: counts for name, counts in report["files"].items()} == {
        "a.txt": {"read": 1, "failed": 0, "duplicate": 0, "skipped": 0},
        "b.txt": {"read": 0, "failed": 0, "duplicate": 1, "skipped": 0},
        "c.txt": {"read": 0, "failed": 1, "duplicate": 0, "skipped": 0},
        "d.jsonl": {"read": 1, "failed": 1, "duplicate": 0, "skipped": 0},
        ".e.txt": {"read": 0, "failed": 0, "duplicate": 0, "skipped": 1},
    }


def test_folders_are_read_recursively_with_supported_suffixes_only(tmp_path):
    for name in [
        "a.txt",
        "sub/b.HTML",
        "sub/deep/c.md",
        "sub/d.jsonl",
        "skip.pdf",
        ".hidden/e.txt",
    ]:
        _write(tmp_path / name, "x")
    found = sorted(p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path]))
    assert found == ["a.txt", "sub/b.HTML", "sub/d.jsonl", "sub/deep/c.md"]


def test_globs_are_expanded(tmp_path):
    for name in ["a.txt", "b.txt", "c.md", "sub/d.txt"]:
        _write(tmp_path / name, "x")
    found = sorted(p.name for p in expand_paths([str(tmp_path / "**" / "*.txt")]))
    assert found == ["a.txt", "b.txt", "d.txt"]


def test_a_file_given_twice_is_read_once(tmp_path):
    path = _write(tmp_path / "a.txt", ARTICLE)
    assert expand_paths([path, tmp_path, str(tmp_path / "*.txt")]) == [path]


@pytest.mark.parametrize(
    "make,code",
    [
        (lambda d: [d / "missing.txt"], "E101"),
        (lambda d: [str(d / "*.nothing")], "E102"),
        (lambda d: [d], "E103"),
        (lambda d: [], "E104"),
    ],
)
def test_unusable_paths_raise_a_coded_error(tmp_path, make, code):
    with pytest.raises(ZhkgInputError, match=rf"^\[{code}\] "):
        expand_paths(make(tmp_path))


def test_progress_is_called_per_file(tmp_path):
    _write(tmp_path / "a.txt", ARTICLE)
    _write(tmp_path / "b.txt", b"")
    seen = []
    read_paths([tmp_path], progress=seen.append)
    assert [p.name for p in seen] == ["a.txt", "b.txt"]


@pytest.mark.parametrize(
    "text,title,date,expected_text,expected_title",
    [
        (BODY, TITLE, None, ARTICLE, TITLE),
        (ARTICLE, TITLE, None, ARTICLE, TITLE),
        (ARTICLE, "", "2023-08-03", ARTICLE, TITLE),
        (
            "会议强调，要坚持稳中求进工作总基调。",
            "",
            None,
            "会议强调，要坚持稳中求进工作总基调。",
            "",
        ),
    ],
)
def test_read_text(text, title, date, expected_text, expected_title):
    doc = read_text(text, title=title, date=date)
    assert (doc.text, doc.title, doc.date) == (expected_text, expected_title, date)


def test_read_text_without_content_raises():
    with pytest.raises(ZhkgInputError, match=r"^\[E105\]"):
        read_text("<p>&nbsp;</p>")


def test_id_is_stable_across_whitespace():
    assert read_text(ARTICLE).id == read_text("　　" + ARTICLE.replace("\n", "\n\n  ")).id


def test_date_from_metadata_wins_over_text():
    assert read_text("2020年1月1日\n" + ARTICLE, date="2023-08-03").date == "2023-08-03"


@pytest.mark.parametrize(
    "suffix,content,expected",
    [
        (".md", "# 标题\n正文<br>第二行 **加粗**", "标题\n正文\n第二行 加粗"),
        (".txt", "标题\n<span>正文</span>\n第二行", "标题\n正文\n第二行"),
        (".html", "<p>主题\n教育</p>", "主题教育"),
    ],
)
def test_newlines_in_markup_by_file_type(tmp_path, suffix, content, expected):
    assert _only_document(_write(tmp_path / f"a{suffix}", content)).text == expected


def test_report_lists_jsonl_lines_in_numeric_order(tmp_path):
    lines = [json.dumps({"text": f"第{i}条稿件。"}, ensure_ascii=False) for i in range(1, 12)]
    _write(tmp_path / "a.jsonl", "\n".join(lines))
    entries = build_report(read_paths([tmp_path]))["entries"]
    assert [e["source"].rsplit(":", 1)[1] for e in entries] == [str(i) for i in range(1, 12)]
