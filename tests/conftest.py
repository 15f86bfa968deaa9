"""Shared fixtures: the seed graph built once per session by the real main job."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def full_pipeline():
    """The configured pipeline (``load_pipeline``); skip when the model is not installed."""
    from zhkg.errors import ModelMissingError
    from pipelines.nlp import load_pipeline

    try:
        return load_pipeline()
    except ModelMissingError as error:
        pytest.skip(str(error))


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """Run ``zhkg.job.build`` on ``seeds/`` once; skip when the model is not installed."""
    from zhkg.errors import ModelMissingError
    from zhkg.job import build

    out = tmp_path_factory.mktemp("seed-out")
    try:
        summary = build([SEEDS], out)
    except ModelMissingError as error:
        pytest.skip(str(error))
    return summary, out


@pytest.fixture(scope="session")
def seed_graph_path(seed_build) -> Path:
    """The GraphML file of the seed graph."""
    return seed_build[1] / "graph.graphml"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (development data); tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not available (development data only)")
    return SHARED
