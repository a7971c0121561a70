"""The whole pipeline as functions of data: specs -> IR -> target checks -> files in memory.

Nothing here touches the output directory; `generator.writer` is the only code that does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import ir, targets
from generator.diagnostics import Diagnostic, SpecError
from generator.loading import load_all
from generator.rendering import Templates
from generator.targets.target import Target, TargetOptions


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


def output_scope(options: Options) -> Callable[[str], bool] | None:
    """The output paths a run with these options answers for; None: every path."""
    if options.targets is None:
        return None
    selected = selected_targets(options)
    return lambda path: any(target.owns(path) for target in selected)


def target_checks(
    modules: tuple[ir.Module, ...], selected: tuple[Target, ...], options: TargetOptions
) -> list[Diagnostic]:
    """The selected targets' own checks; one that two targets share runs once."""
    checks = {check: None for target in selected for check in target.checks}
    return [d for check in checks for d in check(modules, options)]


def render(modules: tuple[ir.Module, ...], options: Options) -> dict[str, str]:
    """Every file every selected target produces, as `{relative posix path: text}`."""
    selected = selected_targets(options)
    diagnostics = target_checks(modules, selected, options.target_options)
    if diagnostics:
        raise SpecError(diagnostics)
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


def build(spec_paths: list[str], options: Options) -> dict[str, str]:
    """Load, check and render: raises SpecError (bad specs) or RenderError (a target failed).

    The targets' checks run even when loading found problems, so one run
    reports them all; a target's complaint about a spot already reported is dropped.
    """
    modules, target_options, diagnostics = load_all(spec_paths)
    if diagnostics:
        reported = {d.location for d in diagnostics}
        checked = target_checks(modules, selected_targets(options), target_options)
        diagnostics.extend(d for d in checked if d.location not in reported)
        raise SpecError(diagnostics)
    # In name order, so that no output depends on the order the specs were named in.
    ordered = tuple(sorted(modules, key=lambda m: m.name))
    return render(ordered, replace(options, target_options=target_options))


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
