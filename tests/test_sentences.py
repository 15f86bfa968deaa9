"""The sentencizer: boundaries, bounded sentence length, linear time."""

import gc
import time

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.components.sentences import ChineseSentencizer


BLANK = spacy.blank("zh")


def _sentences(text, **limits):
    doc = ChineseSentencizer("sentences", **limits)(BLANK.make_doc(text))
    return [s.text for s in doc.sents]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("会议召开。代表出席。", ["会议召开。", "代表出席。"]),
        ("他说：“好。”我们走。", ["他说：“好。”", "我们走。"]),
        ("第一段\n第二段", ["第一段\n", "第二段"]),
        ("为什么？因为！", ["为什么？", "因为！"]),
    ],
)
def test_sentence_ends_and_paragraphs(text, expected):
    assert _sentences(text) == expected


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "text,expected",
    [
        ("一二三四五六，七八九十一二三四。", ["一二三四五六，", "七八九十一二三四。"]),
        ("一二三四五六七八九十一二三四五", ["一二三四五六七八九十", "一二三四五"]),
        ("一二，三四。", ["一二，三四。"]),
    ],
)
def test_long_sentences_end_after_a_comma_or_at_the_cap(text, expected):
    assert _sentences(text, soft_max_chars=5, max_chars=10) == expected


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "text,expected",
    [
        ("一二三四五六七八", ["一二三四", "五六七八"]),
        ("一二三，四五六七，八", ["一二三，四五六七，八"]),
        ("一二三 四五六七 八", ["一二三 四五六七 八"]),
    ],
)
def test_a_stretch_without_punctuation_ends_a_sentence(text, expected):
    assert _sentences(text, max_unpunctuated_chars=4) == expected


@pytest.mark.issue(15)
@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet="会议，。！\n ”好", min_size=1, max_size=200))
def test_no_sentence_is_longer_than_the_cap(text):
    doc = ChineseSentencizer("s", soft_max_chars=10, max_chars=20)(BLANK.make_doc(text))
    sentences = [s.text_with_ws for s in doc.sents]
    assert "".join(sentences) == text
    # Closing quotes and spaces attach to the sentence before them, past the cap.
    assert all(len(s.rstrip("” \n")) <= 20 for s in sentences)


@pytest.mark.issue(15)
def test_time_grows_linearly_with_length():
    sentencizer = ChineseSentencizer("sentences")
    base = "国务院召开常务会议，研究部署有关工作。"

    def seconds(n):
        """Wall time with the cyclic GC off: its passes over the whole test process's heap,
        triggered by the token arrays, grow with that heap, not with the document."""
        doc = BLANK.make_doc(base * n)
        gc.disable()
        try:
            start = time.perf_counter()
            sentencizer(doc)
            return time.perf_counter() - start
        finally:
            gc.enable()

    seconds(100)
    small, large = seconds(2_000), seconds(16_000)
    # Quadratic would be 64x; 8x is linear; allow noise from a busy machine.
    assert large < 24 * small + 0.05
