"""The targets: each is a pure function from the IR to `{relative path: text}`.

A target module provides `NAME`, `FOLDER` (the output folder it alone writes
in), optionally `ROOT_FILES` (files it writes at the top of the output
folder), `check(modules) -> diagnostics` (problems that only this target's
language has, such as Python keywords; or `CHECKS`, a tuple of such functions,
where one shared with another target runs once) and `render(modules, templates) -> files`. Order here is the order of `--target`
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
    folder: str
    root_files: tuple[str, ...]
    checks: tuple[Callable[[tuple[ir.Module, ...]], Sequence[Diagnostic]], ...]
    render: Callable[[tuple[ir.Module, ...], Templates], dict[str, str]]

    def check(self, modules: tuple[ir.Module, ...]) -> list[Diagnostic]:
        return [d for check in self.checks for d in check(modules)]

    def owns(self, path: str) -> bool:
        """Whether `path` (relative, posix) is this target's to write or remove."""
        return path.startswith(f"{self.folder}/") or path in self.root_files


def _target(module: ModuleType) -> Target:
    root_files: tuple[str, ...] = getattr(module, "ROOT_FILES", ())
    checks = getattr(module, "CHECKS", None) or (module.check,)
    return Target(module.NAME, module.FOLDER, root_files, checks, module.render)


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
