"""Every module of pipelines/rules is imported when steps are looked up, so new modules need no registration."""

from __future__ import annotations

import pkgutil

import pipelines.rules
from pipelines.rules.catalogue import import_rule_modules


def test_every_rule_module_is_imported() -> None:
    on_disk = sorted(m.name for m in pkgutil.iter_modules(pipelines.rules.__path__))
    assert import_rule_modules() == on_disk and "visited" in on_disk
