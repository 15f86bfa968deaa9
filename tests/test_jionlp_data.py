"""jionlp's public loaders: imported quietly, on first use, with a hint when missing."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace
from pathlib import Path

import pytest

from pipelines.lexicons import jionlp_data

ROOT = Path(__file__).resolve().parents[1]


def test_import_prints_no_banner():
    code = "from pipelines.lexicons.jionlp_data import jionlp; jionlp().idf_loader()"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout == ""


def test_importing_the_lexicons_does_not_import_jionlp():
    code = "import sys, pipelines.lexicons.divisions, pipelines.lexicons.surnames; print('jionlp' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_missing_jionlp_names_the_install_command(monkeypatch):
    jionlp_data.jionlp.cache_clear()
    monkeypatch.setitem(sys.modules, "jionlp", None)
    try:
        with pytest.raises(ImportError, match="pip install 'jionlp"):
            jionlp_data.jionlp()
    finally:
        jionlp_data.jionlp.cache_clear()


@pytest.mark.parametrize(("name", "expected"), [("烟台市", "烟台"), ("湖北省", "湖北")])
def test_divisions_come_from_the_public_loader(name, expected):
    from pipelines.lexicons.divisions import load_place_lexicon

    assert load_place_lexicon().lookup(expected).full_name == name


def test_each_table_is_read_once_per_process(monkeypatch):
    reads = []
    fake = SimpleNamespace(idf_loader=lambda: reads.append("idf") or {"会上": "3.1"})
    monkeypatch.setattr(jionlp_data, "jionlp", lambda: fake)
    jionlp_data.jionlp_table.cache_clear()
    try:
        first, second = jionlp_data.jionlp_table("idf_loader"), jionlp_data.jionlp_table("idf_loader")
    finally:
        jionlp_data.jionlp_table.cache_clear()
    assert (reads, first, second) == (["idf"], {"会上": "3.1"}, {"会上": "3.1"})
