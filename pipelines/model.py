"""The pkuseg segmentation model: where it lives and how set-up fetches it.

spacy-pkuseg downloads its models from GitHub at run time, which fails on
closed networks. The PyPI wheel ``pkuseg==0.0.25`` (cp37) carries the same
default model under ``pkuseg/models/default/``, so set-up fetches that wheel
once with pip, extracts the model into a cache directory and converts its
features to msgpack (the format spacy-pkuseg loads without warnings).
After that, nothing downloads.

The cache directory is ``$ZHKG_CACHE_DIR`` if set, else
``$XDG_CACHE_HOME/zhkg`` (``~/.cache/zhkg``).

A truncated or damaged cache makes the loaders fail deep inside (BadZipFile,
CRC errors, msgpack "Unpack failed", or a bare abort on empty weights), so
every model file is checked against its known size and SHA-256 before it is
used, and by set-up; the one error for a damaged cache names
``zhkg setup --force``, which fetches it again. The wheel is checked too.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

from zhkg.errors import ModelCorruptError, ModelFetchError, ModelMissingError

log = logging.getLogger(__name__)

CACHE_ENV = "ZHKG_CACHE_DIR"
PKUSEG_WHEEL = "pkuseg==0.0.25"
WHEEL_SHA256 = "6fc2f97d0f66cc6722cf772e65dbcde1b01d8cc53b66ac4aa7bce639de79588f"
"""SHA-256 of pkuseg-0.0.25-cp37-cp37m-manylinux1_x86_64.whl, the wheel set-up downloads."""
_WHEEL_MODEL_DIR = "pkuseg/models/default/"
MODEL_FILES: dict[str, tuple[int, str]] = {
    "features.msgpack": (
        69_063_108, "ce40f2142d7d93bda16e2364665f603339ae46d0de170e8bb97e19cf6b93af6d"
    ),
    "weights.npz": (
        105_745_354, "95d1632a1fed45993b5006d8ba85939cb110fae71313987673582d24669811dd"
    ),
}
"""Size in bytes and SHA-256 of each model file as set-up writes it (the conversion is
deterministic: the same wheel always gives the same files)."""
FETCH_COMMAND = "zhkg setup"
REPAIR_COMMAND = "zhkg setup --force"


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
    if not all((path / name).is_file() for name in MODEL_FILES):
        raise ModelMissingError(path, FETCH_COMMAND)
    verify_model(path)
    return path


def verify_model(path: Path) -> None:
    """Check every model file's size, then its SHA-256; a check passed once per process is kept.

    Raises
    ------
    ModelCorruptError
        Naming the first damaged file and ``zhkg setup --force``.
    """
    for name, (size, digest) in MODEL_FILES.items():
        file = path / name
        try:
            info = file.stat()
        except OSError as error:
            raise ModelCorruptError(path, f"{name}: {error.strerror or error}", REPAIR_COMMAND) from None
        if info.st_size != size:
            problem = f"{name} is {info.st_size} bytes, expected {size}"
            raise ModelCorruptError(path, problem, REPAIR_COMMAND)
        if _sha256(str(file), info.st_size, info.st_mtime_ns, info.st_ino) != digest:
            raise ModelCorruptError(path, f"{name} does not match its SHA-256", REPAIR_COMMAND)


@lru_cache(maxsize=8)
def _sha256(path: str, size: int, mtime_ns: int, inode: int) -> str:
    """SHA-256 of a file, cached while its size, modification time and inode stay the same."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def fetch_pkuseg_model(cache: str | os.PathLike[str] | None = None, *, force: bool = False) -> Path:
    """Fetch the default pkuseg model into the cache once; return its directory.

    Idempotent: when the model is already there and intact (and ``force`` is
    false) it returns at once without touching the network. ``force`` fetches
    it again whatever is there.

    Raises
    ------
    ModelCorruptError
        When the installed model is damaged and ``force`` is false, or when the
        fetched files do not match their checksums.
    ModelFetchError
        When the wheel cannot be downloaded or fails its checksum.
    """
    target = cache_dir(cache) / "pkuseg" / "default"
    if not force:
        try:
            return pkuseg_model_dir(cache)
        except ModelMissingError:
            pass
    with tempfile.TemporaryDirectory(prefix="zhkg-pkuseg-") as tmp:
        wheel = _download_wheel(Path(tmp))
        _check_wheel(wheel)
        staging = Path(tmp) / "model"
        _extract_model(wheel, staging)
        _convert_features(staging)
        verify_model(staging)
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


def _check_wheel(wheel: Path) -> None:
    """Refuse a downloaded wheel whose SHA-256 is not the published one."""
    with open(wheel, "rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    if digest != WHEEL_SHA256:
        raise ModelFetchError(PKUSEG_WHEEL, f"{wheel.name} has SHA-256 {digest}, expected {WHEEL_SHA256}")


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
