"""Final entity fixes that need every recogniser's output.

- A PERSON span that ends in an honorific or title (李老师, 王某, 费舍尔议长)
  names the person by the part before it: the title is not part of the name,
  and the officials component records titles separately in ``doc._.posts``.
- A dateline (新华社北京5月10日电外交部……) ends in 电 or 讯; an entity that
  starts with it after a date (电外交部) starts one character later.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from zhkg.records import PERSON
from pipelines.spans import CharSpan, doc_text, set_entities

FACTORY = "zhkg_entity_cleanup_v1"  # spaCy forbids "." in factory names
HONORIFICS: tuple[str, ...] = (
    "老师", "先生", "女士", "小姐", "同志", "大娘", "大爷", "大妈", "大伯", "阿姨", "师傅", "夫人",
    "主席", "总理", "总统", "首相", "外长", "议长", "部长", "局长", "厅长", "书记", "市长", "省长",
    "县长", "校长", "厂长", "院长", "经理", "教授", "博士", "院士", "医生", "大夫", "将军", "老", "某",
)


@Language.factory(FACTORY, default_config={}, assigns=["doc.ents"], requires=["doc.ents"])
def make_entity_cleanup(nlp: Language, name: str) -> "EntityCleanup":
    """Build the clean-up step; it holds no data."""
    return EntityCleanup(name)


class EntityCleanup:
    """Trim honorifics off PERSON spans and datelines off any entity."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        replaced: set[tuple[int, int]] = set()
        trimmed: list[CharSpan] = []
        for ent in doc.ents:
            span = _trimmed(text, ent)
            if span is not None:
                replaced.add((ent.start_char, ent.end_char))
                trimmed.append(span)
        if trimmed:
            doc.ents = [e for e in doc.ents if (e.start_char, e.end_char) not in replaced]
            set_entities(doc, trimmed)
        return doc


def _trimmed(text: str, ent: Span) -> CharSpan | None:
    """The entity without its honorific or dateline character, or ``None`` to keep it."""
    honorific = _honorific(ent.text) if ent.label_ == PERSON else None
    if honorific:
        return CharSpan(ent.start_char, ent.end_char - len(honorific), PERSON, ent.kb_id_)
    if _after_dateline(text, ent.start_char, ent.end_char):
        return CharSpan(ent.start_char + 1, ent.end_char, ent.label_, ent.kb_id_)
    return None


def _after_dateline(text: str, start: int, end: int) -> bool:
    """电外交部 after 5月10日: the entity starts with the dateline's last character."""
    return end - start > 2 and text[start] in "电讯" and start > 0 and text[start - 1] == "日"


def _honorific(name: str) -> str | None:
    """The honorific ending ``name``, if a name of at least one character precedes it."""
    return next((h for h in HONORIFICS if name.endswith(h) and len(name) > len(h)), None)
