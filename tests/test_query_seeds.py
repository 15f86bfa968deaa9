"""Queries on the graph the real pipeline builds from ``seeds/``.

``seed_graph_path`` (a session fixture in ``tests/conftest.py``) runs the main
job on the seeds and yields the ``graph.graphml`` it wrote; it skips when the
pkuseg model is missing. The expectations come from the graph's structure, not
from the names in the seed articles.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from graph.query import KnowledgeGraph, load
from zhkg.records import ORG, PLACE

SEED_DOCS = {path.stem for path in (Path(__file__).resolve().parents[1] / "seeds").glob("*.txt")}


@pytest.fixture(scope="module")
def seed_kg(request: pytest.FixtureRequest) -> KnowledgeGraph:
    try:
        path: Path = request.getfixturevalue("seed_graph_path")
    except pytest.FixtureLookupError:
        pytest.skip("tests/conftest.py does not provide the seed_graph_path fixture")
    return load(path)


def _ids(kg: KnowledgeGraph, name: str) -> set[str]:
    return {match.id for match in kg.find(name)}


def test_a_department_head_is_found_by_person_and_by_department(seed_kg: KnowledgeGraph) -> None:
    heads = [p for p in seed_kg.posts() if "厅长" in p.titles and p.org.endswith("厅")]
    assert heads, seed_kg.posts()
    head = heads[0]
    assert any(p.org_id in _ids(seed_kg, head.org) and "厅长" in p.titles
               for p in seed_kg.posts(person=head.person))


def test_an_organisation_visits_both_places_and_units(seed_kg: KnowledgeGraph) -> None:
    target_types: dict[str, set[str]] = defaultdict(set)
    for visit in seed_kg.visits():
        if visit.actor_id.startswith(f"{ORG}:"):
            target_types[visit.actor].add(visit.target_type)
    actors = [actor for actor, types in target_types.items() if {PLACE, ORG} <= types]
    assert actors, dict(target_types)
    visits = seed_kg.visits(actor=actors[0])
    assert {v.target_type for v in visits} >= {PLACE, ORG}
    assert all(v.actor_id in _ids(seed_kg, actors[0]) for v in visits)


def test_seed_visits_carry_evidence_naming_the_target(seed_kg: KnowledgeGraph) -> None:
    visits = seed_kg.visits()
    assert visits
    assert all(v.evidence and all(v.target in e.sentence for e in v.evidence) for v in visits), visits
    assert len({e.doc for v in visits for e in v.evidence}) <= len(SEED_DOCS)
