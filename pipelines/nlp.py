"""Build the zhkg spaCy pipeline from ``pipelines/config.cfg``.

The config names the components in order; every module in
``pipelines/components/`` is imported first so their factories are registered.
The pkuseg model directory is only known at run time (it lives in the user's
cache), so it is written into ``[initialize.tokenizer]`` just before
``nlp.initialize()``; ``[initialize.after_init]`` then gives pkuseg its user
dictionary of lexicon words (:mod:`pipelines.user_dict`).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from functools import lru_cache
from pathlib import Path

CONFIG_PATH = Path(__file__).with_name("config.cfg")

logger = logging.getLogger(__name__)


def import_components() -> None:
    """Import every module of ``pipelines.components`` so its factories register, and the
    tokenizer's user-dictionary callback (``[initialize.after_init]``)."""
    import pipelines.components as package
    import pipelines.user_dict  # noqa: F401  (registers zhkg.pkuseg_user_dict.v1)

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")


def build_pipeline(
    config_path: str | Path = CONFIG_PATH,
    pkuseg_model: str | Path | None = None,
    overrides: dict[str, object] | None = None,
):
    """A freshly built and initialised pipeline (use :func:`load_pipeline` to share one).

    Parameters
    ----------
    config_path
        spaCy config describing the pipeline.
    pkuseg_model
        pkuseg model directory; defaults to :func:`pipelines.model.pkuseg_model_dir`.
    overrides
        Config values by dotted path (``{"components.lac_ner.threads": 1}``).

    Raises
    ------
    zhkg.errors.ModelMissingError
        When the pkuseg model has not been fetched (the message names the command).
    """
    from spacy import util

    from pipelines.lexicons.jionlp_data import jionlp_table
    from pipelines.model import pkuseg_model_dir

    import_components()
    config = util.load_config(config_path, overrides=dict(overrides or {}))
    model = Path(pkuseg_model) if pkuseg_model else pkuseg_model_dir()
    config["initialize"]["tokenizer"]["pkuseg_model"] = str(model)
    nlp = util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.initialize()
    jionlp_table.cache_clear()  # the lexicons are built: jionlp's raw tables (about 35 MB) can go
    logger.info("pipeline ready: %s", ", ".join(nlp.pipe_names))
    return nlp


@lru_cache(maxsize=1)
def load_pipeline():
    """The configured spaCy ``Language``, built once per process and reused."""
    return build_pipeline()
