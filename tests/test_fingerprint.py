"""The pipeline fingerprint: which changes make the next build re-extract."""

from __future__ import annotations

import pytest

from zhkg.store.fingerprint import pipeline_file_hashes

PIPELINE = {
    "config.cfg": "[nlp]\nlang = \"zh\"\n",
    "rules/visited.py": "VERBS = ('考察', '调研')\n",
    "lexicons/titles.txt": "书记\n省长\n",
    "workers.py": "IN_FLIGHT = 2\n",
    "cluster.py": "PLUGIN = 'zhkg'\n",
    "model.py": "CACHE = '~/.cache/zhkg'\n",
}


def _tree(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return pipeline_file_hashes(root)


@pytest.mark.parametrize(
    "name, text, changes",
    [
        ("config.cfg", "[nlp]\nlang = \"zh\"\nbatch = 2\n", True),
        ("rules/visited.py", "VERBS = ('考察', '调研', '视察')\n", True),
        ("lexicons/titles.txt", "书记\n省长\n市长\n", True),
        ("workers.py", "IN_FLIGHT = 3\n", False),
        ("cluster.py", "PLUGIN = 'zhkg-worker'\n", False),
        ("model.py", "CACHE = '/srv/zhkg'\n", False),
    ],
)
def test_only_files_that_shape_records_change_the_fingerprint(tmp_path, name, text, changes):
    before = _tree(tmp_path / "a", PIPELINE)
    after = _tree(tmp_path / "b", {**PIPELINE, name: text})
    assert (before != after) is changes
