"""The issue bars, measured with the shared scorers (skipped without ../shared).

These guard against regressions: the seeds graph against the gold file, and
the NER on the People's Daily 1998 development split.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def seed_scores(shared_dir, seed_graph_path):
    """The shared scorer's JSON result, run as the issue runs it."""
    scorer = shared_dir / "eval" / "score_graph.py"
    gold = shared_dir / "gold" / "seeds.gold.json"
    if not (scorer.is_file() and gold.is_file()):
        pytest.skip("the shared scorer or gold file is not available")
    done = subprocess.run(
        [sys.executable, str(scorer), str(seed_graph_path), "--gold", str(gold), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(done.stdout[: done.stdout.rindex("}") + 1])


def test_seed_entities_meet_the_bars(seed_scores):
    entity = seed_scores["entity"]
    assert entity["precision"] >= 0.85, entity["false_positives"]
    assert entity["recall"] >= 0.90, entity["missed"]
    assert not entity["duplicates"]


@pytest.mark.parametrize("entity_type", ["ORG", "PERSON", "PLACE", "INITIATIVE"])
def test_seed_recall_of_each_type_meets_the_bar(seed_scores, entity_type):
    found, needed = map(int, seed_scores["entity"]["recall_by_type"][entity_type].split("/"))
    assert found / needed >= 0.80


def test_seed_relations_meet_the_bars(seed_scores):
    relation = seed_scores["relation"]
    assert relation["precision"] >= 0.80, relation["false_positives"]
    assert relation["recall"] >= 0.80, relation["missed"]
