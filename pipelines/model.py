"""The pkuseg segmentation model: where it lives and how set-up fetches it.

spacy-pkuseg downloads its models from GitHub at run time, which fails on
closed networks. The PyPI wheel ``pkuseg==0.0.25`` (cp37) carries the same
default model under ``pkuseg/models/default/``, so set-up fetches that wheel
once with pip, extracts the model into a cache directory and converts its
features to msgpack (the format spacy-pkuseg loads without warnings).
After that, nothing downloads.

The cache directory is ``$ZHKG_CACHE_DIR`` if set, else
``$XDG_CACHE_HOME/zhkg`` (``~/.cache/zhkg``).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from zhkg.errors import ModelMissingError, ModelFetchError

log = logging.getLogger(__name__)

CACHE_ENV = "ZHKG_CACHE_DIR"
PKUSEG_WHEEL = "pkuseg==0.0.25"
_WHEEL_MODEL_DIR = "pkuseg/models/default/"
_MODEL_FILES = ("features.msgpack", "weights.npz")
FETCH_COMMAND = "zhkg setup"


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The zhkg cache directory (not created)."""
    if override:
        return Path(override).expanduser()
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "zhkg"


def pkuseg_model_dir(cache: str | os.PathLike[str] | None = None) -> Path:
    """The installed pkuseg model directory.

    Raises
    ------
    ModelMissingError
        When set-up has not fetched the model; the message names the command.
    """
    path = cache_dir(cache) / "pkuseg" / "default"
    if not all((path / name).is_file() for name in _MODEL_FILES):
        raise ModelMissingError(path, FETCH_COMMAND)
    return path


def fetch_pkuseg_model(cache: str | os.PathLike[str] | None = None, *, force: bool = False) -> Path:
    """Fetch the default pkuseg model into the cache once; return its directory.

    Idempotent: when the model is already there (and ``force`` is false) it
    returns at once without touching the network.
    """
    target = cache_dir(cache) / "pkuseg" / "default"
    if not force:
        try:
            return pkuseg_model_dir(cache)
        except ModelMissingError:
            pass
    with tempfile.TemporaryDirectory(prefix="zhkg-pkuseg-") as tmp:
        wheel = _download_wheel(Path(tmp))
        staging = Path(tmp) / "model"
        _extract_model(wheel, staging)
        _convert_features(staging)
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging), target)
    log.info("pkuseg model installed in %s", target)
    return target


def _download_wheel(dest: Path) -> Path:
    """Download the pkuseg wheel that carries the model (no install)."""
    command = [
        sys.executable, "-m", "pip", "download", PKUSEG_WHEEL, "--only-binary=:all:",
        "--python-version", "3.7", "--platform", "manylinux1_x86_64", "--no-deps",
        "--quiet", "--dest", str(dest),
    ]
    log.info("downloading %s from the package index", PKUSEG_WHEEL)
    done = subprocess.run(command, capture_output=True, text=True)
    wheels = sorted(dest.glob("pkuseg-*.whl"))
    if done.returncode != 0 or not wheels:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no wheel"]
        raise ModelFetchError(PKUSEG_WHEEL, detail[0])
    return wheels[0]


def _extract_model(wheel: Path, dest: Path) -> None:
    """Copy ``pkuseg/models/default/*`` out of the wheel into ``dest``."""
    dest.mkdir(parents=True)
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            name = member[len(_WHEEL_MODEL_DIR):]
            if member.startswith(_WHEEL_MODEL_DIR) and name and "/" not in name:
                with archive.open(member) as src, open(dest / name, "wb") as out:
                    shutil.copyfileobj(src, out)


def _convert_features(model: Path) -> None:
    """Rewrite ``features.pkl`` as ``features.msgpack``, the format spacy-pkuseg expects."""
    from spacy_pkuseg.feature_extractor import FeatureExtractor

    FeatureExtractor.load(str(model)).save(str(model))
    (model / "features.pkl").unlink()
