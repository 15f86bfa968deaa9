"""The relation vocabulary table and its loader."""

from __future__ import annotations

import pytest

from pipelines.lexicons.relation_words import load_relation_words, read_relation_words


def test_every_class_the_rules_read_is_in_the_table():
    words = load_relation_words()
    for name in ("visit_verb", "purpose", "arrival_verb", "site_activity", "accompany", "group_noun",
                 "promote_verb", "arrange_verb", "manner_adverb", "deadline_marker", "tribute_verb"):
        assert words.words(name)


def test_alternation_prefers_the_longest_word():
    words = load_relation_words()
    assert words.regex(r"{arrival_verb}").match("先后来到合肥").group() == "先后来到"


def test_unknown_class_names_the_table():
    with pytest.raises(KeyError, match="relation_words.tsv"):
        load_relation_words().words("no_such_class")


def test_malformed_line_is_reported_with_its_number(tmp_path):
    path = tmp_path / "words.tsv"
    path.write_text("# comment\npurpose\t调研\npurpose 考察\n", encoding="utf-8")
    with pytest.raises(ValueError, match=":3:"):
        read_relation_words(path)
