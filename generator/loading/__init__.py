"""Step one and two of the pipeline: read spec files, check their shape, resolve them into the IR."""

from __future__ import annotations

from pathlib import Path

from generator import ir
from generator.diagnostics import Diagnostic, Location, SpecError
from generator.loading.spec_document import check_document
from generator.loading.yaml_source import load_yaml


def load_module(path: str) -> tuple[ir.Module | None, list[Diagnostic]]:
    """One spec file -> one IR module, with every problem found in it."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, [
            Diagnostic(
                Location(path, 1, 1), f"cannot read the spec: {exc.strerror or exc}"
            )
        ]
    loaded = load_yaml(path, raw)
    if loaded.data is None and loaded.diagnostics:
        return None, loaded.diagnostics
    document, problems = check_document(loaded.data, loaded.locator)
    diagnostics = loaded.diagnostics + problems
    if document is None:
        return None, diagnostics
    # Imported here: generator.resolve imports this package's spec_document, so a
    # module-level import would make `import generator.resolve` circular.
    from generator.resolve import resolve

    module, problems = resolve(document, loaded.locator, path)
    return module, diagnostics + problems


def load_modules(paths: list[str]) -> tuple[ir.Module, ...]:
    """Every spec -> IR; raises SpecError with all problems of all files at once."""
    modules: list[ir.Module] = []
    diagnostics: list[Diagnostic] = []
    seen: dict[str, str] = {}
    for path in paths:
        module, problems = load_module(path)
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
    if diagnostics:
        raise SpecError(diagnostics)
    return tuple(modules)
