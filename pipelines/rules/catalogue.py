"""Import every rule module so that their steps are registered (see :mod:`pipelines.rules.steps`)."""

from pipelines.rules import holds_post, located_in, part_of, promotes, visited  # noqa: F401
