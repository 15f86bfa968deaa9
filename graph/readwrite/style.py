"""Colours and shapes shared by the HTML and GEXF exports.

One table per kind so the legend, the browser page and Gephi all show an
entity type or a relation in the same colour. Types and relations that are not
in the tables (a future type, a typo upstream) fall back to grey rather than
failing the export.
"""

from __future__ import annotations

from typing import NamedTuple

from zhkg.records import (
    CO_OCCURS,
    HOLDS_POST,
    INITIATIVE,
    LOCATED_IN,
    ORG,
    PART_OF,
    PERSON,
    PLACE,
    PROMOTES,
    VISITED,
)

FONT_STACK = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
"""CSS font stack: Chinese glyphs on Debian (fonts-noto-cjk), Windows and macOS."""


class NodeStyle(NamedTuple):
    """How one entity type is drawn."""

    color: str
    shape: str


NODE_STYLES: dict[str, NodeStyle] = {
    ORG: NodeStyle("#4e79a7", "box"),
    PERSON: NodeStyle("#e15759", "dot"),
    PLACE: NodeStyle("#59a14f", "triangle"),
    INITIATIVE: NodeStyle("#f28e2b", "diamond"),
}
DEFAULT_NODE_STYLE = NodeStyle("#9d9d9d", "ellipse")

RELATION_COLORS: dict[str, str] = {
    VISITED: "#e15759",
    HOLDS_POST: "#b07aa1",
    PART_OF: "#4e79a7",
    PROMOTES: "#f28e2b",
    LOCATED_IN: "#59a14f",
    CO_OCCURS: "#bab0ac",
}
DEFAULT_RELATION_COLOR = "#9d9d9d"


def node_style(entity_type: str) -> NodeStyle:
    """The style of an entity type, grey ellipse when the type is unknown."""
    return NODE_STYLES.get(entity_type, DEFAULT_NODE_STYLE)


def relation_color(relation: str) -> str:
    """The colour of a relation, grey when the relation is unknown."""
    return RELATION_COLORS.get(relation, DEFAULT_RELATION_COLOR)


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """``"#4e79a7"`` -> ``(78, 121, 167)``, for GEXF's viz:color."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
