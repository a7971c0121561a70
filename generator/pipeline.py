"""The whole pipeline as functions of data: specs -> IR -> target checks -> files in memory.

Nothing here touches the output directory; `generator.writer` is the only code that does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import ir
from generator.diagnostics import Diagnostic, SpecError
from generator.loading import load_all
from generator.rendering import Templates
from generator.targets import Target, all_targets


class RenderError(Exception):
    """A target failed: a bug in schemasmith or in a user's template override."""


@dataclass(frozen=True)
class Options:
    targets: tuple[str, ...] | None = None  # None: every target
    templates: Path | None = None  # a folder whose templates override the built-in ones


def selected_targets(options: Options) -> tuple[Target, ...]:
    targets = all_targets()
    if options.targets is None:
        return targets
    return tuple(t for t in targets if t.name in options.targets)


def output_scope(options: Options) -> Callable[[str], bool] | None:
    """The output paths a run with these options answers for; None: every path."""
    if options.targets is None:
        return None
    targets = selected_targets(options)
    return lambda path: any(target.owns(path) for target in targets)


def check_targets(modules: tuple[ir.Module, ...], targets: tuple[Target, ...]) -> None:
    diagnostics: list[Diagnostic] = []
    # The Python targets share one check; each runs once.
    checks = {check: None for target in targets for check in target.checks}
    for check in checks:
        diagnostics.extend(check(modules))
    if diagnostics:
        raise SpecError(diagnostics)


def render(modules: tuple[ir.Module, ...], options: Options) -> dict[str, str]:
    """Every file every selected target produces, as `{relative posix path: text}`."""
    targets = selected_targets(options)
    check_targets(modules, targets)
    templates = Templates(options.templates)
    files: dict[str, str] = {}
    for target in targets:
        try:
            produced = target.render(modules, templates)
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
    modules, diagnostics = load_all(spec_paths)
    if diagnostics:
        reported = {d.location for d in diagnostics}
        targets = selected_targets(options)
        for check in {check: None for target in targets for check in target.checks}:
            diagnostics.extend(d for d in check(modules) if d.location not in reported)
        raise SpecError(diagnostics)
    # In name order, so that no output depends on the order the specs were named in.
    return render(tuple(sorted(modules, key=lambda m: m.name)), options)


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
