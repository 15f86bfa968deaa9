"""PLACE rules: lexicon places on LAC word boundaries, splits, trims, aliases."""

from __future__ import annotations

import pytest

from pipelines.components.places import PlaceRecognizer


@pytest.fixture(scope="module")
def nlp():
    from pipelines.errors import ModelMissingError
    from pipelines.nlp import load_pipeline

    try:
        pipeline = load_pipeline()
    except ModelMissingError as error:
        pytest.skip(str(error))
    with pipeline.select_pipes(enable=["sentences", "lac_ner", "places"]):
        yield pipeline


def places(doc) -> list[str]:
    return [e.text for e in doc.ents if e.label_ == "PLACE"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("东莞是个好地方。", ["东莞"]),
        ("他在安徽阜阳调研。", ["安徽", "阜阳"]),
        ("推动皖北新型工业化。", ["皖北"]),
        ("长三角一体化发展。", ["长三角"]),
        ("华北北部有雨。", ["华北"]),
        ("中美双方举行会谈。", ["中", "美"]),
    ],
)
def test_places_found(nlp, text, expected):
    assert places(nlp(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "国家长治久安。",      # 长治 (a city) inside one word
        "世界和平需要维护。",  # 和平 (a district) is an everyday word
        "中国贸促会召开会议。",  # 中国 inside an organisation name
    ],
)
def test_no_place_inside_words(nlp, text):
    doc = nlp(text)
    assert not any(e.text in ("长治", "和平", "中国") and e.label_ == "PLACE" for e in doc.ents)


def test_short_and_full_names_are_aliases(nlp):
    doc = nlp("他去了阜阳。")
    assert doc._.aliases["阜阳"] == ["阜阳市"]
    assert doc._.aliases["阜阳市"] == ["阜阳"]


def test_bytes_round_trip(nlp):
    original = nlp.get_pipe("places")
    restored = PlaceRecognizer("places").from_bytes(original.to_bytes())
    assert restored.pattern.pattern == original.pattern.pattern


def test_uninitialised_component_says_what_to_do():
    with pytest.raises(RuntimeError, match="initialize"):
        PlaceRecognizer("places").pattern
