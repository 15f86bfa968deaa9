"""pkuseg model cache: where it is, the error when missing, and idempotent fetch."""

from __future__ import annotations

import zipfile

import pytest

from pipelines import model
from zhkg.errors import ModelMissingError


def _install_fake_model(cache):
    path = cache / "pkuseg" / "default"
    path.mkdir(parents=True)
    for name in ("features.msgpack", "weights.npz"):
        (path / name).write_bytes(b"x")
    return path


def test_missing_model_error_names_the_setup_command(tmp_path):
    with pytest.raises(ModelMissingError, match="zhkg setup"):
        model.pkuseg_model_dir(tmp_path)


def test_cache_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(model.CACHE_ENV, str(tmp_path / "elsewhere"))
    assert model.cache_dir() == tmp_path / "elsewhere"


def test_explicit_cache_dir_wins_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(model.CACHE_ENV, str(tmp_path / "env"))
    assert model.cache_dir(tmp_path / "option") == tmp_path / "option"


def test_fetch_is_a_no_op_when_the_model_is_there(tmp_path, monkeypatch):
    installed = _install_fake_model(tmp_path)

    def no_network(dest):
        raise AssertionError("fetch downloaded although the model was installed")

    monkeypatch.setattr(model, "_download_wheel", no_network)
    assert model.fetch_pkuseg_model(tmp_path) == installed


def test_extract_takes_only_the_default_model_files(tmp_path):
    wheel = tmp_path / "pkuseg-0.0.25-cp37-cp37m-manylinux1_x86_64.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("pkuseg/models/default/features.pkl", b"features")
        archive.writestr("pkuseg/models/default/weights.npz", b"weights")
        archive.writestr("pkuseg/models/news/weights.npz", b"other model")
        archive.writestr("pkuseg/__init__.py", b"")
    dest = tmp_path / "model"
    model._extract_model(wheel, dest)
    assert sorted(p.name for p in dest.iterdir()) == ["features.pkl", "weights.npz"]
    assert (dest / "weights.npz").read_bytes() == b"weights"
