"""pkuseg's user dictionary: lexicon words come out whole, from the config, and survive to_disk."""

from __future__ import annotations

import pytest

from pipelines.user_dict import SOURCES, lexicon_words
from zhkg.errors import InvalidOptionError


@pytest.fixture(scope="module")
def nlp(full_pipeline):
    return full_pipeline


@pytest.mark.parametrize(
    ("source", "word"),
    [("titles", "副总理"), ("titles", "党组副书记"), ("central_organs", "全国工商联"),
     ("places", "广西壮族自治区"), ("places", "和政县"), ("organ_suffixes", "委员会"), ("site_words", "旧址")],
)
def test_source_gives_its_lexicon_words(source, word):
    assert word in lexicon_words([source])


def test_words_have_two_characters_or_more():
    assert min(len(word) for word in lexicon_words(SOURCES)) == 2


@pytest.mark.parametrize("short_form", ["和政", "新和"])
def test_county_short_forms_stay_out(short_form):
    assert short_form not in lexicon_words(["places"])


def test_unknown_source_is_a_coded_error():
    with pytest.raises(InvalidOptionError, match="sources"):
        lexicon_words(["titles", "no_such_lexicon"])


def test_config_names_the_callback(nlp):
    after_init = nlp.config["initialize"]["after_init"]
    assert after_init["@callbacks"] == "zhkg.pkuseg_user_dict.v1"
    assert set(after_init["sources"]) <= set(SOURCES)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("我们去拜访了全国工商联的老领导。", "全国工商联"),
        ("他当时担任副总理一职。", "副总理"),
        ("会议由党组副书记主持。", "党组副书记"),
        ("大家一起来到广西壮族自治区参观学习。", "广西壮族自治区"),
    ],
)
def test_lexicon_word_is_one_pkuseg_token(nlp, text, word):
    assert word in [token.text for token in nlp.make_doc(text)]


def test_disk_round_trip_keeps_the_user_dictionary(nlp, tmp_path):
    import spacy

    from pipelines.nlp import import_components

    text = "会议由党组副书记主持，全国工商联委员出席。"
    nlp.tokenizer.to_disk(tmp_path / "tokenizer")
    import_components()
    blank = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    blank.tokenizer.from_disk(tmp_path / "tokenizer")
    assert [t.text for t in blank.make_doc(text)] == [t.text for t in nlp.make_doc(text)]
    assert "党组副书记" in [t.text for t in blank.make_doc(text)]
