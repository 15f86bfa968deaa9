"""doc_to_record: the JSON-safe DocResult at the end of pipelines/."""

from __future__ import annotations

import json

from zhkg.records import VISITED, DocResult
from pipelines.spans import sentence_bounds
from pipelines.to_records import doc_to_record
from relation_docs import make_doc, resolve_and_extract

TEXT = "标题：工信部调研\n\n省科技厅党组书记、厅长祁立衡带队到宿州调研。会议召开。\n  \n工信部开展主题教育。"
ENTS = [("工信部", "ORG"), ("省科技厅", "ORG"), ("祁立衡", "PERSON"), ("宿州", "PLACE"), ("工信部", "ORG"), ("主题教育", "INITIATIVE")]
POSTS = [("祁立衡", ["党组书记", "厅长"], "省科技厅")]
META = {"doc_id": "d1", "title": "标题", "date": "2023-08-03", "url": "http://x", "source": "a.txt"}


def _record(meta=META):
    doc = make_doc(TEXT, ENTS, POSTS, meta)
    doc._.aliases = {"工信部": ["工业和信息化部"]}
    return doc_to_record(resolve_and_extract(doc))


def test_meta_is_copied():
    rec = _record()
    assert (rec.doc_id, rec.title, rec.date, rec.url, rec.source) == ("d1", "标题", "2023-08-03", "http://x", "a.txt")


def test_missing_meta_falls_back_to_hash_and_text_date():
    doc = make_doc("2023年8月3日\n工信部开展工作。", [("工信部", "ORG")], meta={})
    rec = doc_to_record(doc)
    assert len(rec.doc_id) == 16 and rec.date == "2023-08-03"


def test_blank_sentences_are_skipped_and_paragraphs_numbered():
    rec = _record()
    assert [(s.text, s.paragraph) for s in rec.sentences] == [
        ("标题：工信部调研", 0),
        ("省科技厅党组书记、厅长祁立衡带队到宿州调研。", 1),
        ("会议召开。", 1),
        ("工信部开展主题教育。", 2),
    ]
    assert all(rec.text[s.start:s.end] == s.text for s in rec.sentences)


def test_mentions_carry_names_aliases_titles_and_sentences():
    rec = _record()
    by_text = {m.text: m for m in rec.mentions}
    assert by_text["祁立衡"].titles == ["党组书记", "厅长"]
    assert by_text["祁立衡"].sent == 1
    assert by_text["工信部"].aliases == ["工业和信息化部"]
    assert all(rec.sentences[m.sent].start <= m.start < rec.sentences[m.sent].end for m in rec.mentions)


def test_relation_sentences_index_the_record_sentences():
    rec = _record()
    visit = next(r for r in rec.relations if r.relation == VISITED)
    assert (visit.head, visit.tail) == ("祁立衡", "宿州")
    assert "带队到宿州调研" in rec.sentence(visit.sent).text


def test_record_round_trips_through_json():
    rec = _record()
    assert DocResult.from_dict(json.loads(json.dumps(rec.to_dict(), ensure_ascii=False))) == rec


def test_sentence_bounds_trim_whitespace():
    doc = make_doc("  甲。\n\n乙。", [])
    assert [(b.start, b.end, b.paragraph) for b in sentence_bounds(doc)] == [(2, 4, 0), (6, 8, 1)]
