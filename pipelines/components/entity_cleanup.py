"""Final entity fixes that need every recogniser's output.

A PERSON span that ends in an honorific or title (李老师, 王某, 费舍尔议长)
names the person by the part before it: the title is not part of the name,
and the officials component records titles separately in ``doc._.posts``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from graph.records import PERSON
from pipelines.components.spans import CharSpan, set_entities

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
    """Trim honorifics and titles off PERSON spans."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        trimmed = [CharSpan(e.start_char, e.end_char - len(h), PERSON, e.kb_id_)
                   for e in doc.ents if e.label_ == PERSON
                   for h in [_honorific(e.text)] if h]
        if trimmed:
            doc.ents = [e for e in doc.ents
                        if not any(e.start_char == t.start and e.end_char > t.end for t in trimmed)]
            set_entities(doc, trimmed)
        return doc


def _honorific(name: str) -> str | None:
    """The honorific ending ``name``, if a name of at least one character precedes it."""
    return next((h for h in HONORIFICS if name.endswith(h) and len(name) > len(h)), None)
