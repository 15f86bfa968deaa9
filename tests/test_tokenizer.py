"""pkuseg splits some names; entity boundaries must still be exact and be token boundaries."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def nlp(full_pipeline):
    return full_pipeline


@pytest.mark.parametrize(
    ("text", "entity", "label"),
    [
        ("祁立衡会上表示，要加快发展。", "祁立衡", "PERSON"),
        ("严立川表示，要加快发展。", "严立川", "PERSON"),
        ("唐雨桐主持会议并讲话。", "唐雨桐", "PERSON"),
        ("海关总署发布公告。", "海关总署", "ORG"),
        ("中国中化参加了会议。", "中国中化", "ORG"),
    ],
)
def test_entity_on_exact_token_boundaries(nlp, text, entity, label):
    doc = nlp(text)
    span = next(e for e in doc.ents if e.text == entity)
    assert span.label_ == label
    assert doc[span.start].idx == text.index(entity)
    assert doc[span.end - 1].idx + len(doc[span.end - 1].text) == text.index(entity) + len(entity)


def test_token_boundary_after_split_name(nlp):
    doc = nlp("祁立衡会上表示，要加快发展。")
    end = len("祁立衡")
    assert any(t.idx == end for t in doc), [t.text for t in doc]


@pytest.mark.parametrize("text", ["祁立衡会上表示。", "他说：“好。”\n\n海关总署发布公告。"])
def test_tokens_cover_the_text(nlp, text):
    assert "".join(t.text_with_ws for t in nlp(text)) == text
