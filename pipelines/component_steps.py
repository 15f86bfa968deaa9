"""Look up a component's rule steps by name: the functions ``[components.NAME] steps`` lists.

A component's rules are functions registered in spaCy's ``misc`` registry under
versioned names (``zhkg.places.gone_to.v1``), with ``@registry.misc(name)`` in
the component's module. Its config lists the names in the order they run, so a
reader finds each rule by its name and a config can drop or reorder rules.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import catalogue
from spacy.util import registry

from zhkg.errors import InvalidOptionError


def registered_steps(factory: str, names: Sequence[str], known: Sequence[str]) -> list[Callable[..., Any]]:
    """The functions registered as ``names``, in that order.

    Raises
    ------
    InvalidOptionError
        A name no function is registered as (a typo in the config); the message lists
        ``known``, the component's own steps.
    """
    steps = []
    for name in names:
        try:
            steps.append(registry.misc.get(name))
        except catalogue.RegistryError:
            raise InvalidOptionError(f"{factory}: no rule step is registered as {name!r}; "
                                     f"use one of: {', '.join(known)}") from None
    return steps
