"""jionlp's dictionaries are read from their zips on a fresh install."""

from __future__ import annotations

import zipfile

import pytest

from pipelines.lexicons import jionlp_files


@pytest.fixture()
def fake_jionlp(tmp_path, monkeypatch):
    folder = tmp_path / "jionlp" / "dictionary"
    folder.mkdir(parents=True)
    monkeypatch.setattr(jionlp_files, "jionlp_dir", lambda: tmp_path / "jionlp")
    return folder


@pytest.mark.issue(2)
def test_a_zipped_dictionary_is_read_without_unzipping(fake_jionlp):
    """Regression: a fresh jionlp install has china_location.zip but no .txt."""
    with zipfile.ZipFile(fake_jionlp / "china_location.zip", "w") as archive:
        archive.writestr("china_location.txt", "安徽省\t340000\n".encode("utf-8"))
    with jionlp_files.open_dictionary("china_location.txt") as handle:
        assert handle.read() == "安徽省\t340000\n"
    assert not (fake_jionlp / "china_location.txt").exists()


def test_an_unzipped_dictionary_is_read_directly(fake_jionlp):
    (fake_jionlp / "idf.txt").write_text("会上\t5.1\n", encoding="utf-8")
    with jionlp_files.open_dictionary("idf.txt") as handle:
        assert handle.read() == "会上\t5.1\n"


def test_a_missing_dictionary_says_how_to_install(fake_jionlp):
    with pytest.raises(ImportError, match="pip install"):
        with jionlp_files.open_dictionary("nothing.txt"):
            pass
