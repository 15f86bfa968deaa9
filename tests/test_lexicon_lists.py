"""Vocabulary in one place: every word list is a lexicon file, listed nowhere else.

The lexicon groups are the terms of each role or class (or the whole term column) of
``pipelines/lexicons/*.tsv`` and the sections of ``titles.txt``. A literal
collection of strings in the project's code that repeats two or more terms of
one group, making up at least half of the collection, is a second copy of
that list and fails the test; so does one group written in two lexicon files.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pipelines.lexicons.tables import LEXICON_DIR, Lexicon, load_lexicon, read_lexicon
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


def _string_collections(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            values = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(values) >= 2:
                yield node.lineno, values


def _copies(groups: dict[str, frozenset[str]]) -> set[tuple[str, str, int]]:
    found = set()
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for line, values in _string_collections(path):
                for name, terms in groups.items():
                    hits = [v for v in values if v in terms]
                    if len(hits) >= 2 and 2 * len(hits) >= len(values):
                        found.add((path.relative_to(ROOT).as_posix(), name, line))
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


def test_no_group_is_written_in_two_lexicon_files():
    groups = _groups()
    names = sorted(groups)
    same = [(a, b) for i, a in enumerate(names) for b in names[i + 1:]
            if a.split(":")[0] != b.split(":")[0] and groups[a] == groups[b]]
    assert not same


@pytest.mark.parametrize("name", ["org_words", "site_words", "relation_words", "place_words", "initiative_words",
                                  "name_words"])
def test_every_lexicon_reads(name):
    lexicon = load_lexicon(name)
    assert lexicon.rows and all(row[0] for row in lexicon.rows)


def test_a_malformed_row_names_its_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("# comment\nterm\trole\n党组\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:3"):
        read_lexicon(path)
