"""The configured pipeline: loading, labels, sentences, chrome, disk round trip."""

from __future__ import annotations

import pytest

from zhkg.records import ENTITY_TYPES


@pytest.fixture(scope="module")
def nlp(full_pipeline):
    return full_pipeline


def test_pipeline_is_built_once(nlp):
    import pipelines

    assert pipelines.load_pipeline() is nlp


def test_import_does_not_load_spacy():
    import subprocess
    import sys

    code = "import sys, pipelines; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_components_in_order(nlp):
    names = nlp.pipe_names
    assert names[:6] == ["sentences", "lac_ner", "places", "orgs", "sites", "entity_cleanup"][: len(names[:6])]


def test_labels_are_zhkg_types(nlp):
    docs = list(nlp.pipe(["工信部部长到安徽宿州调研。", "祁立衡会上表示。"]))
    assert {e.label_ for d in docs for e in d.ents} <= set(ENTITY_TYPES)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
        ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),
        ("标题\n\n正文第一句。", ["标题\n\n", "正文第一句。"]),
    ],
)
def test_sentences(nlp, text, sentences):
    assert [s.text for s in nlp(text).sents] == sentences


@pytest.mark.parametrize(
    "chrome",
    ["数字版首页 往期回顾", "版面下载", "上一篇 下一篇 返回顶部", "分享到： 微信 微博"],
)
def test_page_chrome_yields_no_entities(nlp, chrome):
    assert list(nlp(chrome).ents) == []


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [("东莞是个好地方。", "东莞", "PLACE"), ("祁立衡会上表示。", "祁立衡", "PERSON"),
     ("李老师看了后笑了。", "李", "PERSON")],
)
def test_entities(nlp, text, name, label):
    assert (name, label) in [(e.text, e.label_) for e in nlp(text).ents]


def test_disk_round_trip_gives_same_entities(nlp, tmp_path):
    import spacy

    from pipelines.nlp import import_components

    texts = ["广东佛山贸促会在安徽宿州调研皖北工业。", "水利部党组召开会议，祁立衡会上表示。"]
    nlp.to_disk(tmp_path / "nlp")
    import_components()
    restored = spacy.load(tmp_path / "nlp")
    for before, after in zip(nlp.pipe(texts), restored.pipe(texts)):
        assert [(e.text, e.label_, e.kb_id_) for e in after.ents] == \
            [(e.text, e.label_, e.kb_id_) for e in before.ents]


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [("新华社北京5月10日电外交部发言人今天表示。", "外交部", "ORG"),
     ("本报北京6月17日讯新华社记者报道。", "新华社", "ORG")],
)
def test_dateline_is_not_part_of_an_entity(nlp, text, name, label):
    assert (name, label) in [(e.text, e.label_) for e in nlp(text).ents]
