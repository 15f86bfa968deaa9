"""Queries on the graph the real pipeline builds from ``seeds/``.

``seed_graph_path`` (a session fixture in ``tests/conftest.py``) runs the main
job on the seeds and yields the ``graph.graphml`` it wrote; it skips when the
pkuseg model is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.query import KnowledgeGraph, load


@pytest.fixture(scope="module")
def seed_kg(request: pytest.FixtureRequest) -> KnowledgeGraph:
    try:
        path: Path = request.getfixturevalue("seed_graph_path")
    except pytest.FixtureLookupError:
        pytest.skip("tests/conftest.py does not provide the seed_graph_path fixture")
    return load(path)


def _ids(kg: KnowledgeGraph, name: str) -> set[str]:
    return {match.id for match in kg.find(name)}


def test_posts_of_feng_kejin_include_director_at_the_department(seed_kg: KnowledgeGraph) -> None:
    department = _ids(seed_kg, "安徽省经信厅")
    posts = seed_kg.posts(person="冯克金")
    assert any(p.org_id in department and "厅长" in p.titles for p in posts), posts


@pytest.mark.parametrize("target", ["浙江", "中国电科"])
def test_visits_of_sasac_include_target(seed_kg: KnowledgeGraph, target: str) -> None:
    targets = _ids(seed_kg, target)
    visits = seed_kg.visits(actor="国务院国资委")
    assert any(v.target_id in targets for v in visits), [v.target for v in visits]


def test_seed_visits_carry_evidence(seed_kg: KnowledgeGraph) -> None:
    assert all(v.evidence for v in seed_kg.visits(actor="国务院国资委"))
