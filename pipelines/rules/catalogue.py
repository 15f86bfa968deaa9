"""Import every rule module of :mod:`pipelines.rules` so that their steps are registered.

Modules are found on disk, so a new relation module needs no entry here (see
:mod:`pipelines.rules.steps`).
"""

from __future__ import annotations

import importlib
import pkgutil

import pipelines.rules


def import_rule_modules() -> list[str]:
    """Import each module of the package once; returns their names, sorted."""
    names = sorted(m.name for m in pkgutil.iter_modules(pipelines.rules.__path__))
    for name in names:
        importlib.import_module(f"pipelines.rules.{name}")
    return names
