"""The whole pipeline as functions of data: specs -> IR -> target checks -> files in memory.

Nothing here touches the output directory; `generator.writer` is the only code that does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from generator import ir, targets
from generator.diagnostics import Diagnostic, SpecError
from generator.loading import Reader, load_all, read_file
from generator.rendering import Templates
from generator.targets.target import Layout, Target, TargetOptions


class RenderError(Exception):
    """A target failed: a bug in schemasmith or in a user's template override."""


@dataclass(frozen=True)
class Options:
    targets: tuple[str, ...] | None = None  # None: every target
    templates: Path | None = None  # a folder whose templates override the built-in ones
    # How targets write the specs (`build` takes them from the specs).
    target_options: TargetOptions = field(default_factory=TargetOptions)


def selected_targets(options: Options) -> tuple[Target, ...]:
    if options.targets is None:
        return targets.TARGETS
    return tuple(t for t in targets.TARGETS if t.name in options.targets)


def output_scope(
    options: Options,
    modules: Iterable[str] | None = None,
    owned: Iterable[str] = (),
) -> Callable[[str], bool] | None:
    """The output paths a run answers for (None: every path): those of the targets
    it renders, and with `modules` (a run given some specs, not a whole folder of
    them), only those modules' files. The files every module shares are then
    answered for only when the output folder holds no other module's files
    (`owned`: what earlier runs wrote), so a partial run never rewrites an index
    without the other specs' names."""
    selected = selected_targets(options)
    if modules is None:
        if options.targets is None:
            return None
        return lambda path: any(target.owns(path) for target in selected)
    given = frozenset(modules)

    def module_of(path: str) -> str | None:
        target = next(t for t in targets.TARGETS if t.owns(path))
        return target.module_of(path)

    others = {
        module_of(path)
        for path in owned
        if any(t.owns(path) for t in selected) and module_of(path) not in given
    }
    shared = not (others - {None})

    def in_scope(path: str) -> bool:
        if not any(target.owns(path) for target in selected):
            return False
        module = module_of(path)
        return module in given if module is not None else shared

    return in_scope


def target_checks(
    modules: tuple[ir.Module, ...], selected: tuple[Target, ...], options: TargetOptions
) -> list[Diagnostic]:
    """The selected targets' own checks; one that two targets share runs once."""
    checks = {check: None for target in selected for check in target.checks}
    return [d for check in checks for d in check(modules, options)]


def render(modules: tuple[ir.Module, ...], options: Options) -> dict[str, str]:
    """Every file every selected target produces, as `{relative posix path: text}`,
    from modules that `load` has checked."""
    selected = selected_targets(options)
    templates = Templates(options.templates)
    files: dict[str, str] = {}
    for target in selected:
        try:
            produced = target.render(modules, templates, options.target_options)
        except Exception as exc:
            raise RenderError(
                f"target '{target.name}' failed: {type(exc).__name__}: {exc}"
            ) from exc
        for path, text in produced.items():
            if path in files and files[path] != text:
                raise RenderError(f"targets disagree about the content of {path}")
            files[path] = text
    return dict(sorted(files.items()))


class Loaded(NamedTuple):
    modules: tuple[ir.Module, ...]  # in name order
    target_options: TargetOptions
    warnings: list[Diagnostic]  # problems that do not stop a run


def load(
    spec_paths: list[str],
    read: Reader = read_file,
    selected: tuple[Target, ...] | None = None,
    default_layout: Layout = "module",
) -> Loaded:
    """Load and check specs as every command does: the loader's checks and those of
    the targets (`selected`, default all), all problems at once; raises SpecError
    with the errors, and returns the warnings.

    The targets' checks run even when loading found problems, so one run
    reports them all; a target's complaint about a spot already reported is dropped.
    Modules come in name order, so that no output depends on the order the
    specs were named in. `default_layout` is the Pydantic layout of a spec that
    sets none (the project's setting).
    """
    modules, target_options, diagnostics = load_all(spec_paths, read, default_layout)
    reported = {d.location for d in diagnostics}
    checked = target_checks(
        modules, targets.TARGETS if selected is None else selected, target_options
    )
    diagnostics.extend(d for d in checked if d.location not in reported)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        raise SpecError(errors)
    warnings = sorted(set(diagnostics) - set(errors))
    return Loaded(
        tuple(sorted(modules, key=lambda m: m.name)), target_options, warnings
    )


def build(spec_paths: list[str], options: Options) -> dict[str, str]:
    """Load, check and render: raises SpecError (bad specs) or RenderError (a target failed)."""
    modules, target_options, _ = load(spec_paths, selected=selected_targets(options))
    return render(modules, replace(options, target_options=target_options))


def discover_specs(paths: list[str]) -> list[str]:
    """Spec files named on the command line (a folder means its *.yaml files), sorted for stable output."""
    found: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found.extend(
                str(c) for c in sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml"))
            )
        else:
            found.append(path)
    return found
