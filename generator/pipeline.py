"""The whole pipeline as functions of data: specs -> IR -> target checks -> files in memory.

Nothing here touches the output directory; `generator.writer` is the only code that does.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import ir, two_processes
from generator.diagnostics import Diagnostic, SpecError
from generator.loading import load_all
from generator.rendering import Templates, template_cache
from generator.targets import Target, all_targets


class RenderError(Exception):
    """A target failed: a bug in schemasmith or in a user's template override."""


@dataclass(frozen=True)
class Options:
    targets: tuple[str, ...] | None = None  # None: every target
    templates: Path | None = None  # a folder whose templates override the built-in ones
    # Big specs may render on two processes where the system allows it.
    two_processes: bool = True


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
    """Raise SpecError with the targets' errors; print their warnings on stderr."""
    diagnostics: list[Diagnostic] = []
    # The Python targets share one check; each runs once.
    checks = {check: None for target in targets for check in target.checks}
    for check in checks:
        diagnostics.extend(check(modules))
    errors = [d for d in diagnostics if d.severity == "error"]
    for warning in sorted(set(diagnostics) - set(errors)):
        print(warning, file=sys.stderr)
    if errors:
        raise SpecError(errors)


# Called with each target's files (`generate` stages them for writing, `check`
# compares them with the disk); on two processes, this process's own as soon as
# they are rendered, so that the work overlaps the other process's rendering.
Rendered = Callable[[dict[str, str]], None]


def render(
    modules: tuple[ir.Module, ...],
    options: Options,
    on_rendered: Rendered | None = None,
) -> dict[str, str]:
    """Every file every selected target produces, as `{relative posix path: text}`.

    `on_rendered` is called with each target's files once every target has
    rendered; on two processes, also with the files of each target this
    process rendered as soon as it has (while the other still renders), so a
    target's files may be passed to it twice."""
    targets = selected_targets(options)
    check_targets(modules, targets)
    templates = Templates(options.templates, template_cache())

    def render_one(target: Target) -> dict[str, str]:
        try:
            return target.render(modules, templates)
        except Exception as exc:
            raise RenderError(
                f"target '{target.name}' failed: {type(exc).__name__}: {exc}"
            ) from exc

    rendered: dict[str, dict[str, str]] = {}
    if options.two_processes and two_processes.worth_it(modules, targets):
        rendered = two_processes.render_shared(targets, render_one, on_rendered)
    files: dict[str, str] = {}
    for target in targets:
        # In target order, so the first target to fail is the one reported, as
        # on one process; one the other process could not render fails here.
        produced = rendered.get(target.name)
        if produced is None:
            produced = rendered[target.name] = render_one(target)
        for path, text in produced.items():
            if path in files and files[path] != text:
                raise RenderError(f"targets disagree about the content of {path}")
            files[path] = text
    if on_rendered is not None:
        for target in targets:
            on_rendered(rendered[target.name])
    return dict(sorted(files.items()))


def build(
    spec_paths: list[str], options: Options, on_rendered: Rendered | None = None
) -> dict[str, str]:
    """Load, check and render: raises SpecError (bad specs) or RenderError (a target failed).

    The targets' checks run even when loading found problems, so one run
    reports them all; a target's complaint about a spot already reported is dropped.
    """
    modules, diagnostics = load_all(spec_paths)
    if diagnostics:
        reported = {d.location for d in diagnostics}
        targets = selected_targets(options)
        for check in {check: None for target in targets for check in target.checks}:
            diagnostics.extend(
                d
                for d in check(modules)
                if d.location not in reported and d.severity == "error"
            )
        raise SpecError(diagnostics)
    # In name order, so that no output depends on the order the specs were named in.
    return render(tuple(sorted(modules, key=lambda m: m.name)), options, on_rendered)


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
