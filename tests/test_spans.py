"""The cached document text of ``spans.doc_text`` stays equal to ``doc.text``."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipelines.spans import TEXT_KEY, CharSpan, doc_text, set_entities, text_length


@pytest.fixture()
def nlp():
    return spacy.blank("zh")


def _doc(nlp, words: list[str], spaces: list[bool] | None = None) -> Doc:
    return Doc(nlp.vocab, words=words, spaces=spaces or [False] * len(words))


@pytest.mark.parametrize(
    ("words", "spaces"),
    [
        (["祁立衡", "会上", "表示"], None),
        (["海关", "总署", "发布"], [True, False, False]),
        ([], None),
    ],
)
def test_text_length_equals_length_of_text(nlp, words, spaces):
    doc = _doc(nlp, words, spaces)
    assert text_length(doc) == len(doc.text)


def test_text_is_cached_once(nlp):
    doc = _doc(nlp, ["祁立衡会", "上表示"])
    assert doc_text(doc) == "祁立衡会上表示"
    assert doc.user_data[TEXT_KEY] == "祁立衡会上表示"


def test_cached_text_survives_token_splits(nlp):
    doc = _doc(nlp, ["祁立衡会", "上表示"])
    doc_text(doc)
    set_entities(doc, [CharSpan(0, 3, "PERSON")])
    assert [t.text for t in doc][:2] == ["祁立衡", "会"]
    assert doc_text(doc) == doc.text


def test_stale_cached_text_is_rebuilt(nlp):
    doc = _doc(nlp, ["张三", "在", "北京"])
    doc.user_data[TEXT_KEY] = "别的文本很长很长"
    assert doc_text(doc) == "张三在北京"
