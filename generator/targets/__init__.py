"""The targets: each is a pure function from the IR to `{relative path: text}`.

A target module provides `NAME`, `check(modules) -> diagnostics` (problems
that only this target's language has, such as Python keywords) and
`render(modules, templates) -> files`. Order here is the order of `--target`
help and of rendering; output never depends on it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType

from generator import ir
from generator.diagnostics import Diagnostic
from generator.rendering import Templates


@dataclass(frozen=True)
class Target:
    name: str
    check: Callable[[tuple[ir.Module, ...]], Sequence[Diagnostic]]
    render: Callable[[tuple[ir.Module, ...], Templates], dict[str, str]]


def _target(module: ModuleType) -> Target:
    return Target(module.NAME, module.check, module.render)


def all_targets() -> tuple[Target, ...]:
    from generator.targets import (
        json_schema,
        markdown,
        pydantic_models,
        typed_dicts,
        typescript,
    )

    return tuple(
        _target(m)
        for m in (pydantic_models, typed_dicts, json_schema, typescript, markdown)
    )


TARGET_NAMES = ("pydantic", "typed_dicts", "json_schema", "typescript", "markdown")
