"""A generated corpus of bad inputs goes through one real build with nothing lost."""

import pytest

from benchmarks.garbage_benchmark import check_build, make_corpus, run_build


@pytest.mark.slow
@pytest.mark.issue(15)
def test_a_garbage_corpus_builds_and_every_entry_is_reported(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    make_corpus(corpus, files=200, seed=7)
    assert check_build(corpus, out, run_build(corpus, out)) == []
