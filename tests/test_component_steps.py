"""The rules of places, officials and entity_cleanup are named steps that config.cfg lists in run order."""

from __future__ import annotations

import pytest
import spacy
from spacy.util import load_config, registry

from pipelines.components import entity_cleanup, officials, places
from pipelines.nlp import CONFIG_PATH
from pipelines.spans import CharSpan, set_entities
from zhkg.errors import InvalidOptionError

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


@pytest.mark.parametrize(("left_out", "expected"), [(None, {"阜阳": ["阜阳市"]}),
                                                    ("zhkg.places.aliases.v1", {})])
def test_only_the_configured_place_steps_run(left_out, expected):
    doc = _pipeline(places, left_out)("他去了阜阳调研。")
    assert {k: v for k, v in (doc._.aliases or {}).items() if k == "阜阳"} == expected


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
