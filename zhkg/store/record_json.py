"""A record as the store keeps it: JSON, with each sentence's text kept once, in the document's.

A record holds the document's text and its sentences, and each sentence's
``text`` is the slice ``text[start:end]`` of it: stored as is, the store held
every character twice. :func:`record_json` leaves such a sentence's text out
and :func:`record_from_json` puts it back, so readers get the record as
:meth:`zhkg.records.DocResult.to_dict` made it, keys in the same order. A
sentence whose text is not its slice keeps its text, so nothing is lost
whatever the pipeline writes.
"""

from __future__ import annotations

import json
from typing import Any

_encode = json.JSONEncoder(ensure_ascii=False).encode
_SENTENCES = "sentences"
_TEXT = "text"


def record_json(record: dict[str, Any]) -> str:
    """``record`` (a ``DocResult.to_dict()``) as stored JSON, sentence texts that are slices left out."""
    text = record.get(_TEXT, "")
    sentences = record.get(_SENTENCES)
    if not sentences:
        return _encode(record)
    compact = [_without_text(sentence, text) for sentence in sentences]
    return _encode({**record, _SENTENCES: compact})


def record_from_json(payload: str) -> dict[str, Any]:
    """The record of stored JSON, each sentence's text put back from the document's."""
    record = json.loads(payload)
    text = record.get(_TEXT, "")
    sentences = record.get(_SENTENCES)
    if sentences:
        record[_SENTENCES] = [
            sentence if _TEXT in sentence else _with_text(sentence, text) for sentence in sentences
        ]
    return record


def _without_text(sentence: dict[str, Any], text: str) -> dict[str, Any]:
    if sentence.get(_TEXT) != text[sentence["start"]:sentence["end"]]:
        return sentence
    return {key: value for key, value in sentence.items() if key != _TEXT}


def _with_text(sentence: dict[str, Any], text: str) -> dict[str, Any]:
    """The sentence with its text after ``end``, where ``Sentence.to_dict`` has it."""
    restored: dict[str, Any] = {}
    for key, value in sentence.items():
        restored[key] = value
        if key == "end":
            restored[_TEXT] = text[sentence["start"]:value]
    return restored
