"""The registry of targets: the one list that `--target`, its help, the pipeline
and the docs' tables are derived from. Order here is the order of `--target`
help and of rendering; output never depends on it.

Adding a target is one module that defines `TARGET` (see `target.Target`) and
one line here; docs/targets.md says what else it needs.
"""

from __future__ import annotations

from generator.targets import (
    json_schema,
    markdown,
    pydantic_models,
    typed_dicts,
    typescript,
)
from generator.targets.target import Target

TARGETS: tuple[Target, ...] = (
    pydantic_models.TARGET,
    typed_dicts.TARGET,
    json_schema.TARGET,
    typescript.TARGET,
    markdown.TARGET,
)
TARGET_NAMES: tuple[str, ...] = tuple(target.name for target in TARGETS)


def all_targets() -> tuple[Target, ...]:
    return TARGETS
