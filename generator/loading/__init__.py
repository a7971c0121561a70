"""Step one and two of the pipeline: read spec files, check their shape, resolve them into the IR."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath
from typing import NamedTuple

from generator import ir
from generator.diagnostics import Code, Diagnostic, Location, SpecError
from generator.loading.spec_document import SpecDocument, check_document
from generator.loading.yaml_source import Locator, load_yaml
from generator.targets.target import Layout, TargetOptions

Reader = Callable[[str], bytes]


def read_file(path: str) -> bytes:
    return Path(path).read_bytes()


class _Document(NamedTuple):
    """A spec read and shaped, not yet resolved."""

    path: str
    document: SpecDocument | None  # None when it could not be read or shaped
    locator: Locator | None
    diagnostics: list[Diagnostic]


class Imported(NamedTuple):
    """A spec other specs may import, by its module name."""

    path: str
    document: SpecDocument
    locator: Locator


def module_name(document: SpecDocument, path: str) -> str:
    return document.module if document.module is not None else PurePath(path).stem


class Specs(NamedTuple):
    modules: tuple[ir.Module, ...]
    options: TargetOptions  # what the specs ask of the targets
    diagnostics: list[Diagnostic]


def _read_document(path: str, read: Reader) -> _Document:
    """`read` fetches the bytes a path names; `path` is also the name errors are
    reported under, so a spec read from elsewhere (`git show REF:path`) can be
    named the way its user knows it."""
    try:
        raw = read(path)
    except OSError as exc:
        problem = f"cannot read the spec: {exc.strerror or exc}"
        return _Document(
            path,
            None,
            None,
            [Diagnostic(Location(path, 1, 1), problem, Code.UNREADABLE)],
        )
    loaded = load_yaml(path, raw)
    if loaded.data is None and loaded.diagnostics:
        return _Document(path, None, None, loaded.diagnostics)
    document, problems = check_document(loaded.data, loaded.locator)
    return _Document(path, document, loaded.locator, loaded.diagnostics + problems)


def load_all(
    paths: list[str], read: Reader = read_file, default_layout: Layout = "module"
) -> Specs:
    """Every spec -> IR and the target options they set, with every problem of every file.

    A module is returned even when its spec has problems (the parts that had
    them neutralised), so later checks can still report theirs in the same run.
    """
    # Imported here: generator.resolve imports this package's spec_document, so a
    # module-level import would make `import generator.resolve` circular.
    from generator.resolve import resolve

    documents = [_read_document(path, read) for path in paths]
    catalog: dict[str, Imported] = {}
    for spec in documents:
        if spec.document is not None and spec.locator is not None:
            name = module_name(spec.document, spec.path)
            catalog.setdefault(name, Imported(spec.path, spec.document, spec.locator))
    modules: list[ir.Module] = []
    layouts: dict[str, Layout] = {}
    diagnostics: list[Diagnostic] = []
    seen: dict[str, str] = {}
    for path, document, locator, problems in documents:
        diagnostics.extend(problems)
        if document is None or locator is None:
            continue
        module, problems = resolve(document, locator, path, catalog)
        diagnostics.extend(problems)
        layout = document.layout if "layout" in document.given else default_layout
        if module.name in seen:
            diagnostics.append(
                Diagnostic(
                    Location(path, 1, 1),
                    f"module '{module.name}' is also produced by {seen[module.name]}; module names must be unique",
                    Code.NAME_CLASH,
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
