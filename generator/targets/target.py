"""What a target is, and the options that say how targets write what the IR means.

A target is a pure function from the IR (and these options) to
`{relative path: text}`, with checks for problems only its language has. The
registry of every target is `generator.targets.TARGETS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args

from generator import ir
from generator.diagnostics import Diagnostic
from generator.rendering import Templates

# How the Pydantic target splits a spec's module into files: one file, or a
# package with a module per model. A choice of the user's, never of the size.
Layout = Literal["module", "per-model"]
LAYOUTS: tuple[Layout, ...] = get_args(Layout)


@dataclass(frozen=True)
class TargetOptions:
    """Choices about how targets write the specs, none of which changes what they mean."""

    # The Pydantic layout of each spec module that does not use the default, `module`.
    layouts: Mapping[str, Layout] = field(default_factory=dict)

    def layout(self, module: str) -> Layout:
        return self.layouts.get(module, "module")


Modules = tuple[ir.Module, ...]
Check = Callable[[Modules, TargetOptions], Sequence[Diagnostic]]
Render = Callable[[Modules, Templates, TargetOptions], dict[str, str]]


@dataclass(frozen=True)
class Target:
    name: str  # `--target NAME`
    summary: str  # what it writes, for `--help` and the docs
    folder: str  # the output folder it alone writes in
    render: Render
    # Problems only this target's language has (Python keywords, ...); a check
    # that two targets share runs once.
    checks: tuple[Check, ...] = ()
    root_files: tuple[str, ...] = ()  # files it writes at the top of the output folder
    # Files that every spec's module shares (package indexes, a base class);
    # every other file of its folder belongs to the module its name starts with.
    shared_files: tuple[str, ...] = ()
    # The options a project may set for it (`[tool.schemasmith.NAME]`), each with
    # the values it takes.
    options: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def owns(self, path: str) -> bool:
        """Whether `path` (relative, posix) is this target's to write or remove."""
        return path.startswith(f"{self.folder}/") or path in self.root_files

    def module_of(self, path: str) -> str | None:
        """The spec module a file of this target belongs to; None for shared files.

        `models/run.py`, `models/run/_event.py` and `json_schema/run.schema.json`
        belong to the module `run`."""
        if path in self.root_files or path in self.shared_files:
            return None
        first = path.removeprefix(f"{self.folder}/").split("/", 1)[0]
        return first.split(".", 1)[0]
