"""The rules of places, officials, entity_cleanup and relations are named steps that config.cfg lists in run order."""

from __future__ import annotations

import pytest
import spacy
from spacy.util import load_config, registry

from pipelines.components import entity_cleanup, officials, places
from pipelines.components.relations import configured_steps
from pipelines.rules.catalogue import rule_steps
from pipelines.nlp import CONFIG_PATH
from pipelines.spans import CharSpan, set_entities
from zhkg.errors import InvalidOptionError
from zhkg.records import HOLDS_POST, VISITED

COMPONENTS = [("places", places), ("officials", officials), ("entity_cleanup", entity_cleanup)]


@pytest.mark.parametrize(("name", "module"), COMPONENTS)
def test_the_config_lists_the_steps_in_run_order(name, module):
    assert load_config(CONFIG_PATH)["components"][name]["steps"] == list(module.STEPS)


@pytest.mark.parametrize(("name", "module"), COMPONENTS)
def test_every_step_is_a_registered_function(name, module):
    assert all(callable(registry.misc.get(step)) for step in module.STEPS)


@pytest.mark.parametrize(("name", "module"), COMPONENTS)
def test_an_unknown_step_is_a_config_error_naming_it(name, module):
    with pytest.raises(InvalidOptionError, match=f"zhkg.{name}.nothing.v1"):
        spacy.blank("zh").add_pipe(module.FACTORY, config={"steps": [f"zhkg.{name}.nothing.v1"]})


def _pipeline(module, left_out: str | None) -> spacy.Language:
    nlp = spacy.blank("zh")
    nlp.add_pipe(module.FACTORY, config={"steps": [s for s in module.STEPS if s != left_out]})
    nlp.initialize()
    return nlp


@pytest.mark.parametrize(("left_out", "expected"), [(None, {"蚌埠": ["蚌埠市"]}),
                                                    ("zhkg.places.aliases.v1", {})])
def test_only_the_configured_place_steps_run(left_out, expected):
    doc = _pipeline(places, left_out)("他去了蚌埠调研。")
    assert {k: v for k, v in (doc._.aliases or {}).items() if k == "蚌埠"} == expected


@pytest.mark.parametrize(("left_out", "expected"), [(None, ["赵文远"]),
                                                    ("zhkg.officials.name_then_title.v1", [])])
def test_only_the_configured_official_steps_run(left_out, expected):
    doc = _pipeline(officials, left_out)("赵文远主席出席会议。")
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == expected


@pytest.mark.parametrize(("steps", "expected"), [
    (entity_cleanup.STEPS, "王立"),
    (("zhkg.entity_cleanup.datelines.v1",), "王立老师"),
])
def test_only_the_configured_cleanup_steps_run(steps, expected):
    nlp = spacy.blank("zh")
    nlp.add_pipe(entity_cleanup.FACTORY, config={"steps": list(steps)})
    nlp.initialize()
    doc = nlp.make_doc("王立老师讲课。")
    set_entities(doc, [CharSpan(0, 4, "PERSON")])
    assert [e.text for e in nlp.get_pipe(entity_cleanup.FACTORY)(doc).ents] == [expected]


def _names(steps) -> list[str]:
    return [step.__name__ for step in steps]


def test_no_relation_steps_listed_runs_every_registered_step():
    assert _names(configured_steps([])) == _names(step for _, step in rule_steps())


def test_a_relation_type_the_config_leaves_out_runs_all_its_steps():
    """A new rule module needs no config line: its type's steps follow the listed ones."""
    steps = configured_steps(["zhkg.visited.arrival.v1"])
    visited = [s for s in steps if s.relation == VISITED]
    assert _names(visited) == _names([registry.misc.get("zhkg.visited.arrival.v1")])
    assert _names(s for s in steps if s.relation == HOLDS_POST) == _names(
        step for _, step in rule_steps() if step.relation == HOLDS_POST)
