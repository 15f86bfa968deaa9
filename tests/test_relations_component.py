"""The relations component: factory, config, JSON-safe doc._.relations, and the full pipeline."""

from __future__ import annotations

import json

import pytest
import spacy

from zhkg.records import PROMOTES, TYPED_RELATIONS, VISITED, Relation
from pipelines.components.relations import FACTORY, RelationExtractor
from relation_docs import PLACES, make_doc, resolve_and_extract

TEXT = "工信部带队到湖南调研。工信部扎实开展主题教育。"
ENTS = [("工信部", "ORG"), ("湖南", "PLACE"), ("工信部", "ORG"), ("主题教育", "INITIATIVE")]


def test_relations_are_json_safe_records():
    doc = resolve_and_extract(make_doc(TEXT, ENTS))
    loaded = [Relation.from_dict(r) for r in json.loads(json.dumps(doc._.relations, ensure_ascii=False))]
    assert {(r.relation, r.head, r.tail) for r in loaded} == {(VISITED, "工信部", "湖南"), (PROMOTES, "工信部", "主题教育")}


def test_config_selects_relation_types():
    doc = resolve_and_extract(make_doc(TEXT, ENTS), (PROMOTES,))
    assert {r["relation"] for r in doc._.relations} == {PROMOTES}


def test_running_twice_does_not_duplicate():
    doc = resolve_and_extract(make_doc(TEXT, ENTS))
    first = list(doc._.relations)
    RelationExtractor("relations", lexicon=PLACES)(doc)
    assert doc._.relations == first


def test_unknown_relation_type_is_rejected():
    with pytest.raises(ValueError, match="CO_OCCURS"):
        RelationExtractor("relations", relations=["CO_OCCURS"])


def test_factory_defaults_to_every_typed_relation():
    nlp = spacy.blank("zh")
    nlp.add_pipe(FACTORY)
    assert nlp.get_pipe(FACTORY).relations == TYPED_RELATIONS


def test_initialize_accepts_a_lexicon():
    nlp = spacy.blank("zh")
    component = nlp.add_pipe(FACTORY)
    component.initialize(lexicon=PLACES)
    assert component.lexicon is PLACES


@pytest.mark.slow
def test_full_pipeline_finds_a_visit(full_pipeline):
    doc = full_pipeline("5月17日至19日，祁立衡带队深入宿州市园区、企业，就推动皖北产业升级加快突破开展专项调研。")
    visits = {(r["head"], r["tail"]) for r in doc._.relations if r["relation"] == VISITED}
    assert ("祁立衡", "宿州市") in visits


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "visit", "expected"),
    [
        ("张建国在安徽调研\n张建国到天鹅湖俯瞰城市全貌。", ("张建国", "天鹅湖"), True),
        ("李明华来到芜湖救助站看望儿童。", ("李明华", "芜湖"), False),
    ],
)
def test_full_pipeline_reads_the_word_after_a_target(full_pipeline, text, visit, expected):
    doc = full_pipeline(text)
    visits = {(r["head"], r["tail"]) for r in doc._.relations if r["relation"] == VISITED}
    assert (visit in visits) is expected
