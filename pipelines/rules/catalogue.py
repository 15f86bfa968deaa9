"""Import every rule module of :mod:`pipelines.rules` so that their steps are registered.

Modules are found on disk, so a new relation module needs no entry here (see
:mod:`pipelines.rules.steps`), and :func:`rule_steps` lists what they register.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from spacy.util import registry

import pipelines.rules


def import_rule_modules() -> list[str]:
    """Import each module of the package once; returns their names, sorted."""
    names = sorted(m.name for m in pkgutil.iter_modules(pipelines.rules.__path__))
    for name in names:
        importlib.import_module(f"pipelines.rules.{name}")
    return names


def rule_steps() -> list[tuple[str, Any]]:
    """``(name, step)`` of every step the rule modules register: modules by name, then in definition order."""
    modules = [f"pipelines.rules.{name}" for name in import_rule_modules()]
    found = [(name, func) for name, func in registry.misc.get_all().items()
             if hasattr(func, "relation") and getattr(func, "__module__", "") in modules]
    return sorted(found, key=lambda item: modules.index(item[1].__module__))
