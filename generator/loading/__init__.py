"""Step one and two of the pipeline: read spec files, check their shape, resolve them into the IR."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from generator import ir
from generator.diagnostics import Diagnostic, Location, SpecError
from generator.loading.spec_document import check_document
from generator.loading.yaml_source import load_yaml
from generator.targets.target import Layout, TargetOptions

Reader = Callable[[str], bytes]


def read_file(path: str) -> bytes:
    return Path(path).read_bytes()


class Spec(NamedTuple):
    module: ir.Module | None  # None when the spec could not be read or shaped
    layout: Layout  # the Pydantic layout it asks for: a target option, not IR
    diagnostics: list[Diagnostic]


class Specs(NamedTuple):
    modules: tuple[ir.Module, ...]
    options: TargetOptions  # what the specs ask of the targets
    diagnostics: list[Diagnostic]


def load_module(path: str, read: Reader = read_file) -> Spec:
    """One spec file -> one IR module, with every problem found in it.

    `read` fetches the bytes a path names; `path` is also the name errors are
    reported under, so a spec read from elsewhere (`git show REF:path`) can be
    named the way its user knows it.
    """
    try:
        raw = read(path)
    except OSError as exc:
        problem = f"cannot read the spec: {exc.strerror or exc}"
        return Spec(None, "module", [Diagnostic(Location(path, 1, 1), problem)])
    loaded = load_yaml(path, raw)
    if loaded.data is None and loaded.diagnostics:
        return Spec(None, "module", loaded.diagnostics)
    document, problems = check_document(loaded.data, loaded.locator)
    diagnostics = loaded.diagnostics + problems
    if document is None:
        return Spec(None, "module", diagnostics)
    # Imported here: generator.resolve imports this package's spec_document, so a
    # module-level import would make `import generator.resolve` circular.
    from generator.resolve import resolve

    module, problems = resolve(document, loaded.locator, path)
    return Spec(module, document.layout, diagnostics + problems)


def load_all(paths: list[str], read: Reader = read_file) -> Specs:
    """Every spec -> IR and the target options they set, with every problem of every file.

    A module is returned even when its spec has problems (the parts that had
    them neutralised), so later checks can still report theirs in the same run.
    """
    modules: list[ir.Module] = []
    layouts: dict[str, Layout] = {}
    diagnostics: list[Diagnostic] = []
    seen: dict[str, str] = {}
    for path in paths:
        module, layout, problems = load_module(path, read)
        diagnostics.extend(problems)
        if module is None:
            continue
        if module.name in seen:
            diagnostics.append(
                Diagnostic(
                    Location(path, 1, 1),
                    f"module '{module.name}' is also produced by {seen[module.name]}; module names must be unique",
                )
            )
        seen.setdefault(module.name, path)
        modules.append(module)
        if layout != "module":
            layouts.setdefault(module.name, layout)
    return Specs(tuple(modules), TargetOptions(layouts), diagnostics)


def load_modules(paths: list[str], read: Reader = read_file) -> tuple[ir.Module, ...]:
    """Every spec -> IR; raises SpecError with all problems of all files at once."""
    modules, _, diagnostics = load_all(paths, read)
    if diagnostics:
        raise SpecError(diagnostics)
    return modules
