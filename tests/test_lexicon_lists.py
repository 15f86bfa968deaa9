"""Vocabulary in one place: every word list is a lexicon file, listed nowhere else.

The lexicon groups are the terms of each role or class (or the whole term column) of
``pipelines/lexicons/*.tsv`` and the sections of ``titles.txt``. A literal
collection of strings in the project's code that repeats two or more terms of
one group, making up at least half of the collection, is a second copy of
that list and fails the test; so does one group written in two lexicon files.

A list is also written as one string: characters (``"和、及"``, tested with
``in``), a regular-expression character class (``[省市县]``) or an alternation
(``(?:厅|局|委)``). Such a string repeats a group when two or more of its
items are terms of the group, making up at least half of the items and at
least half of the group: three function characters drawn from a list of
fifty are not that list.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.lexicons.tables import LEXICON_DIR, Lexicon, alternation, char_class, load_lexicon, read_lexicon
from pipelines.lexicons.titles import read_sections

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pipelines", "graph", "ingest", "zhkg")


def _groups() -> dict[str, frozenset[str]]:
    groups: dict[str, frozenset[str]] = {}
    for path in sorted(LEXICON_DIR.glob("*.tsv")):
        if path.name == "central_organs.tsv":
            continue  # a table of names with its own reader (pipelines.lexicons.organs)
        lexicon = read_lexicon(path)
        groups.update(_lexicon_groups(path.name, lexicon))
    for section, terms in read_sections().items():
        groups[f"titles.txt:{section}"] = frozenset(terms)
    return {name: terms for name, terms in groups.items() if len(terms) > 1}


def _lexicon_groups(file_name: str, lexicon: Lexicon) -> dict[str, frozenset[str]]:
    column = next((c for c in ("role", "class") if c in lexicon.columns), None)
    if column is None:
        return {file_name: frozenset(lexicon.terms())}
    roles = {row[lexicon.columns.index(column)] for row in lexicon.rows}
    return {f"{file_name}:{role}": frozenset(lexicon.where(column, role)) for role in roles}


# Han characters and the CJK punctuation of full-width text (、，；《》).
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_CHAR_CLASS = re.compile(r"\[\^?([^\]]*)\]")
_ALTERNATION = re.compile(r"\((?:\?:)?([^()]*\|[^()]*)\)")

def _string_collections(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Tuples, lists and sets of string literals: ``(line, items)``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            values = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(values) >= 2:
                yield node.lineno, values


def _docstrings(tree: ast.AST) -> set[int]:
    """``id`` of every docstring node: prose, whose examples are no list."""
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}


def _lists_in_string(text: str, terms: frozenset[str]) -> Iterator[list[str]]:
    """The lists written inside one string literal: its character classes, its alternations of
    plain words, and the string itself when it is a run of two or more CJK characters that is
    not itself a lexicon term (``"和、及"``, but not ``"委员会"``)."""
    for match in _CHAR_CLASS.finditer(text):
        chars = list(dict.fromkeys(_CJK.findall(match.group(1))))
        if len(chars) >= 2:
            yield chars
    for match in _ALTERNATION.finditer(text):
        items = match.group(1).split("|")
        if all(item and all(_CJK.match(char) for char in item) for item in items):
            yield items
    if len(text) >= 2 and text not in terms and all(_CJK.match(char) for char in text):
        yield list(dict.fromkeys(text))


def _string_lists(path: Path, terms: frozenset[str]) -> Iterator[tuple[int, list[str]]]:
    """Lists written as one string in the module at ``path``: ``(line, items)``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            for items in _lists_in_string(node.value, terms):
                yield node.lineno, items


def _repeats(values: list[str], terms: frozenset[str], whole_group: bool) -> bool:
    """Two or more of ``values`` are ``terms``, making up half of them (and, for a list written
    as one string, half of ``terms`` too)."""
    hits = sum(1 for v in values if v in terms)
    return hits >= 2 and 2 * hits >= len(values) and (not whole_group or 2 * hits >= len(terms))


def _copies(groups: dict[str, frozenset[str]]) -> set[tuple[str, str, int]]:
    found = set()
    every_term = frozenset().union(*groups.values())
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            module = path.relative_to(ROOT).as_posix()
            lists = [(line, values, False) for line, values in _string_collections(path)]
            lists += [(line, values, True) for line, values in _string_lists(path, every_term)]
            for line, values, whole_group in lists:
                for name, terms in groups.items():
                    if _repeats(values, terms, whole_group):
                        found.add((module, name, line))
    return found


def test_no_lexicon_list_is_repeated_in_code():
    copies = _copies(_groups())
    assert not copies, "word lists repeated in code; load them with pipelines.lexicons.tables: " + \
        "; ".join(f"{path}:{line} repeats {group}" for path, group, line in sorted(copies))


def test_the_check_finds_a_repeated_list(tmp_path):
    groups = {"org_words.tsv:party_body": frozenset({"党组", "党委", "党工委"})}
    path = tmp_path / "copy.py"
    path.write_text('BODIES = ("党组", "党委")\n', encoding="utf-8")
    assert [v for _, v in _string_collections(path)] == [["党组", "党委"]]
    assert any(len([v for v in values if v in groups["org_words.tsv:party_body"]]) == 2
               for _, values in _string_collections(path))


LEVELS = frozenset({"省", "市", "县", "区"})


@pytest.mark.parametrize("source", [
    'LEVELS = "省市县"\n',
    'PATTERN = re.compile(r"[省市县]委")\n',
    'PATTERN = re.compile(r"(?:省|市|县)政府")\n',
    'def f(c):\n    return c in "区县市"\n',
])
def test_a_list_written_as_one_string_is_found(tmp_path, source):
    path = tmp_path / "copy.py"
    path.write_text(source, encoding="utf-8")
    assert any(_repeats(items, LEVELS, whole_group=True) for _, items in _string_lists(path, LEVELS))


@pytest.mark.parametrize("source", [
    'WORD = "省委"\n',
    'PATTERN = re.compile(r"[省市的了在是和与]")\n',
    'PAIR = "省市"\n',
    'def f():\n    """省市县: examples in prose."""\n',
])
def test_a_word_or_a_few_of_a_long_list_is_no_copy(tmp_path, source):
    groups = {"levels": LEVELS | {"乡", "镇", "村", "州", "盟"}, "terms": frozenset({"省委"})}
    every_term = frozenset().union(*groups.values())
    path = tmp_path / "word.py"
    path.write_text(source, encoding="utf-8")
    assert not any(_repeats(items, terms, whole_group=True)
                   for _, items in _string_lists(path, every_term) for terms in groups.values())


def test_no_group_is_written_in_two_lexicon_files():
    groups = _groups()
    names = sorted(groups)
    same = [(a, b) for i, a in enumerate(names) for b in names[i + 1:]
            if a.split(":")[0] != b.split(":")[0] and groups[a] == groups[b]]
    assert not same


@pytest.mark.parametrize("name", ["org_words", "site_words", "relation_words", "place_words", "initiative_words",
                                  "name_words", "division_ranks", "numerals"])
def test_every_lexicon_reads(name):
    lexicon = load_lexicon(name)
    assert lexicon.rows and all(row[0] for row in lexicon.rows)


def test_a_malformed_row_names_its_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("# comment\nterm\trole\n党组\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:3"):
        read_lexicon(path)


@pytest.mark.parametrize("terms,text,expected", [
    (("党", "党组"), "党组书记", "党组"),
    (("机关", "党委"), "党委书记", "党委"),
    (("a.b", "c"), "axb", None),
])
def test_an_alternation_matches_the_longest_term_literally(terms, text, expected):
    found = re.match(f"(?:{alternation(terms)})", text)
    assert (found.group() if found else None) == expected


@pytest.mark.parametrize("terms,text,expected", [
    (("和", "及", "和"), "和及", True),
    (("a", "-", "z"), "b", False),
    (("^", "]"), "]^", True),
])
def test_a_character_class_holds_each_term_literally(terms, text, expected):
    assert bool(re.fullmatch(f"[{char_class(terms)}]+", text)) == expected
