"""pkuseg model cache: where it is, the error when missing, and idempotent fetch."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from pipelines import model
from zhkg.errors import ModelCorruptError, ModelFetchError, ModelMissingError

DAMAGED = [
    {"features.msgpack": b"features", "weights.npz": b""},
    {"features.msgpack": b"featurez", "weights.npz": b"weights"},
    {"features.msgpack": b"feat", "weights.npz": b"weights"},
]


FAKE_FILES = {"features.msgpack": b"features", "weights.npz": b"weights"}


@pytest.fixture(autouse=True)
def fake_checksums(monkeypatch):
    """Model checks against the small fake files these tests install, not the real model."""
    monkeypatch.setattr(model, "MODEL_FILES", {
        name: (len(data), hashlib.sha256(data).hexdigest()) for name, data in FAKE_FILES.items()
    })


def _install_fake_model(cache, files=FAKE_FILES):
    path = cache / "pkuseg" / "default"
    path.mkdir(parents=True)
    for name, data in files.items():
        (path / name).write_bytes(data)
    return path


def _fake_wheel(dest):
    wheel = dest / "pkuseg-0.0.25-cp37-cp37m-manylinux1_x86_64.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("pkuseg/models/default/features.pkl", FAKE_FILES["features.msgpack"])
        archive.writestr("pkuseg/models/default/weights.npz", FAKE_FILES["weights.npz"])
    return wheel


@pytest.fixture
def fake_download(monkeypatch):
    """Set-up with a local fake wheel: no network, no spacy-pkuseg conversion."""
    monkeypatch.setattr(model, "_download_wheel", _fake_wheel)
    monkeypatch.setattr(
        model, "_convert_features",
        lambda path: (path / "features.pkl").rename(path / "features.msgpack"),
    )
    digest = hashlib.sha256(_fake_wheel(Path(tempfile.mkdtemp())).read_bytes()).hexdigest()
    monkeypatch.setattr(model, "WHEEL_SHA256", digest)


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


@pytest.mark.issue(15)
@pytest.mark.parametrize("files", DAMAGED)
def test_a_damaged_model_is_one_coded_error_naming_the_repair(tmp_path, files):
    _install_fake_model(tmp_path, files)
    with pytest.raises(ModelCorruptError, match=r"^\[E009\] .*`zhkg setup --force`"):
        model.pkuseg_model_dir(tmp_path)


@pytest.mark.issue(15)
def test_setup_does_not_call_a_damaged_model_ready(tmp_path, fake_download):
    _install_fake_model(tmp_path, DAMAGED[0])
    with pytest.raises(ModelCorruptError):
        model.fetch_pkuseg_model(tmp_path)


@pytest.mark.issue(15)
def test_setup_force_replaces_a_damaged_model(tmp_path, fake_download):
    path = _install_fake_model(tmp_path, DAMAGED[0])
    assert model.fetch_pkuseg_model(tmp_path, force=True) == path
    assert (path / "weights.npz").read_bytes() == FAKE_FILES["weights.npz"]
    assert model.pkuseg_model_dir(tmp_path) == path


@pytest.mark.issue(15)
def test_a_wheel_that_fails_its_checksum_is_refused(tmp_path, fake_download, monkeypatch):
    monkeypatch.setattr(model, "WHEEL_SHA256", "0" * 64)
    with pytest.raises(ModelFetchError, match="SHA-256"):
        model.fetch_pkuseg_model(tmp_path)
    assert not (tmp_path / "pkuseg").exists()


@pytest.mark.issue(15)
def test_setup_command_reports_a_damaged_cache_in_one_line(tmp_path):
    path = tmp_path / "pkuseg" / "default"
    path.mkdir(parents=True)
    (path / "features.msgpack").write_bytes(b"")
    (path / "weights.npz").write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-m", "zhkg.cli", "setup", "--cache-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "[E009]" in line and "zhkg setup --force" in line
