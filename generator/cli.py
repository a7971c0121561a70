"""The `schemasmith` command line.

Exit codes: 0 success; 1 `check` found drift (or `diff`/`sync` found what they
look for); 2 bad input (spec errors, usage, an output folder the tool may not
change); 3 a target failed, nothing written; 130 interrupted (143: SIGTERM while
`generate` wrote).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from generator.diagnostics import FORMATS, Diagnostic, annotation, github_annotation
from generator.diagnostics import to_json as diagnostic_json

if TYPE_CHECKING:
    from generator.compat.directions import DirectionOverrides

Direction = Literal["response", "request", "both"]
_DIRECTIONS: tuple[Direction, ...] = ("response", "request", "both")

EXIT_OK = 0
EXIT_DRIFT = 1
EXIT_BAD_INPUT = 2
EXIT_TARGET_FAILED = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The parser, and each subcommand's."""
    from generator import __version__
    from generator.targets import TARGETS

    parser = argparse.ArgumentParser(
        prog="schemasmith",
        description="Render one YAML spec of data models into "
        + ", ".join(t.summary for t in TARGETS)
        + ".",
    )
    parser.add_argument(
        "--version", action="version", version=f"schemasmith {__version__}"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add_pipeline_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--spec",
            action="append",
            metavar="PATH",
            help="a spec file or a folder of them (repeatable; default: the "
            "project's `specs`, else spec/)",
        )
        sub.add_argument(
            "--out",
            metavar="DIR",
            help="output folder (default: the project's `out`, else generated/)",
        )
        sub.add_argument(
            "--target",
            action="append",
            metavar="NAME",
            help="render only this target (repeatable; default: all): "
            + "; ".join(f"{t.name} ({t.summary})" for t in TARGETS),
        )
        sub.add_argument(
            "--templates",
            metavar="DIR",
            help="a folder of templates that override the built-in ones of the same name",
        )

    generate = commands.add_parser(
        "generate", help="render the specs into the output folder"
    )
    add_pipeline_options(generate)
    generate.add_argument(
        "--quiet", "-q", action="store_true", help="print nothing on success"
    )
    generate.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text: lines for people (default); json: the diagnostics and the files "
        f"written, for tools; {_GITHUB_HELP}",
    )
    check = commands.add_parser(
        "check",
        help="exit 1 with a diff when the output folder differs from what the specs render to",
    )
    add_pipeline_options(check)
    check.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="print nothing when the folder matches; on drift, only which files differ",
    )
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text: a unified diff (default); json: each differing file and how, and "
        f"the diagnostics, for tools; {_GITHUB_HELP}",
    )
    ir_command = commands.add_parser(
        "ir", help="print the specs' intermediate representation as JSON"
    )
    ir_command.add_argument(
        "--spec", action="append", metavar="PATH", help="as for generate"
    )
    sync = commands.add_parser(
        "sync",
        help="exit 1 with a report when a model that exists elsewhere has drifted from the spec",
        description="Compare a spec model with a Pydantic v2 class, a TypedDict or a schema in a "
        "JSON Schema / OpenAPI document: missing fields, types, required, nullable, enum values, "
        "documentation. Exit 1 on a difference that changes what is accepted or produced, or on "
        "a documentation difference in words; differences only in how a type or a text is "
        "written are shown but not counted (unless --strict).",
    )
    sync.add_argument(
        "--against",
        required=True,
        metavar="TARGET",
        help="package.module:Class (a Pydantic model or a TypedDict), or FILE.json#/json/pointer "
        "(e.g. openapi.json#/components/schemas/Run)",
    )
    sync.add_argument("--spec", action="append", metavar="PATH", help="as for generate")
    sync.add_argument(
        "--model",
        metavar="NAME",
        help="the spec model to compare (default: the spec model named like the target, "
        "else the spec's root model)",
    )
    sync.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help=f"text: a table (default); json: for tools; {_GITHUB_HELP}",
    )
    sync.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="KIND",
        help="leave out one kind of difference (repeatable): missing_in_target, missing_in_spec, "
        "type, required, nullable, enum, doc",
    )
    sync.add_argument(
        "--strict",
        action="store_true",
        help="count representation-only differences too (the same on the wire or the same "
        "words, written differently)",
    )
    sync.set_defaults(print_usage=sync.print_usage)
    diff = commands.add_parser(
        "diff",
        help="classify the changes between two versions of the specs; exit 1 when one breaks",
        description="Compare OLD with NEW (spec files or folders) and classify every change "
        "by what it breaks. Exit 1 when a change is an error at the chosen level and "
        "direction, 0 otherwise, 2 for bad input.",
    )
    diff.add_argument(
        "paths",
        nargs="*",
        metavar="OLD NEW",
        help="the old and the new spec file or folder; with --against, only NEW (default: spec/)",
    )
    diff.add_argument(
        "--against",
        metavar="GIT_REF",
        help="compare with the specs committed at GIT_REF (at the same paths as NEW)",
    )
    diff.add_argument(
        "--level",
        choices=("wire", "source"),
        default="source",
        help="wire: JSON compatibility only; source: also the generated Python and "
        "TypeScript API (default)",
    )
    diff.add_argument(
        "--direction",
        action="append",
        metavar="[MODEL=]DIRECTION",
        help="response, request or both: for every model, or for MODEL only "
        "(repeatable); overrides the spec's `direction:`",
    )
    diff.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help=f"text: a table (default); json: stable, sorted, for tools; {_GITHUB_HELP}",
    )
    init = commands.add_parser(
        "init",
        help="start a project: a starter spec, its settings and what to run next",
        description="Write a starter spec (spec/NAME.yaml, with the editor schema of the "
        "spec format beside it), the settings ([tool.schemasmith] in pyproject.toml, "
        "else schemasmith.toml) and .gitignore lines, in DIR. Nothing is overwritten.",
    )
    init.add_argument(
        "folder", nargs="?", default=".", metavar="DIR", help="default: this folder"
    )
    init.add_argument(
        "--module",
        metavar="NAME",
        help="the starter spec's module name (default: from the folder's name)",
    )
    spec_schema = commands.add_parser(
        "spec-schema",
        help="print the JSON Schema of the spec format, for editors",
        description="Print (or write) the JSON Schema of a spec file, derived from the "
        "loader's own shape check: yaml-language-server reads it for completion and "
        "hover docs (`# yaml-language-server: $schema=PATH` at the top of a spec).",
    )
    spec_schema.add_argument(
        "--out", metavar="FILE", help="write it to FILE instead of printing it"
    )
    import_command = commands.add_parser(
        "import",
        help="write a spec from existing Pydantic models, TypedDicts, JSON Schema or OpenAPI",
        description="Write a spec from what exists: package.module:Class or package.module "
        "(Pydantic v2 models and TypedDicts, submodules too), FILE.json[#/pointer] (JSON "
        "Schema) or an OpenAPI document's components/schemas (JSON or YAML). What the spec "
        "cannot say is widened, with a warning on stderr (docs/import.md).",
    )
    import_command.add_argument("sources", nargs="+", metavar="SOURCE")
    import_command.add_argument(
        "--out", metavar="FILE", help="write the spec to FILE instead of printing it"
    )
    import_command.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="how the warnings are printed: text on stderr (default); json or github "
        "(on stdout, so they need --out)",
    )
    return parser, {
        "import": import_command,
        "generate": generate,
        "check": check,
        "ir": ir_command,
        "sync": sync,
        "diff": diff,
        "spec-schema": spec_schema,
        "init": init,
    }


def _spec_paths(args: argparse.Namespace) -> list[str]:
    """The spec files a command reads: `--spec`, else the project's `specs`; a
    named path that does not exist, or no spec at all, is a usage error that
    says what to do."""
    from generator.pipeline import discover_specs

    given = list(args.spec or args.config.specs)
    missing = [p for p in given if not Path(p).exists()]
    if missing and (args.spec or args.config.file):
        where = "--spec" if args.spec else f"`specs` in {args.config.file}"
        raise _UsageError(f"{where}: no such file or folder: {', '.join(missing)}")
    found = discover_specs([p for p in given if p not in missing])
    if not found:
        raise _UsageError(
            f"no spec files found in {', '.join(given)}; create one "
            "(`schemasmith init` starts a project with a starter spec and its "
            "settings), or name yours with --spec PATH or `specs` in "
            "[tool.schemasmith] of pyproject.toml"
        )
    return found


def _out(args: argparse.Namespace) -> Path:
    return Path(args.out if args.out is not None else args.config.out)


def _options(args: argparse.Namespace) -> object:
    from generator.pipeline import Options
    from generator.targets import TARGET_NAMES

    if args.target:
        unknown = sorted(set(args.target) - set(TARGET_NAMES))
        if unknown:
            raise _UsageError(
                f"unknown target {', '.join(unknown)}; targets are: {', '.join(TARGET_NAMES)}"
            )
    targets = tuple(args.target) if args.target else args.config.targets
    folder = args.templates or args.config.templates
    templates = Path(folder) if folder else None
    if templates is not None and not templates.is_dir():
        where = (
            "--templates" if args.templates else f"`templates` in {args.config.file}"
        )
        raise _UsageError(f"{where} {folder}: not a folder")
    return Options(targets, templates)


class _UsageError(Exception):
    pass


_GITHUB_HELP = (
    "github: the text output, and each diagnostic and finding as a GitHub Actions "
    "annotation"
)


def _print_diagnostics(diagnostics: Sequence[Diagnostic], format: str) -> None:
    """Diagnostics as `--format` asks: text lines on stderr; for `github` an
    annotation on stdout as well; for `json` one document on stdout."""
    if format == "json":
        import json

        document = {"diagnostics": [diagnostic_json(d) for d in diagnostics]}
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
    if format == "github":
        for diagnostic in diagnostics:
            print(annotation(diagnostic))


def _render(
    args: argparse.Namespace,
) -> tuple[dict[str, str], Callable[[str], bool] | None, list[Diagnostic]]:
    """The rendered files, the output paths this run answers for (None: all), and
    the specs' warnings.

    A run given spec files (not folders of them) answers for those specs' files."""
    from dataclasses import replace

    from generator import writer
    from generator.pipeline import Options, load, output_scope, render, selected_targets

    paths = _spec_paths(args)
    options = _options(args)
    assert isinstance(options, Options)
    modules, target_options, warnings = load(
        paths,
        selected=selected_targets(options),
        default_layout=args.config.option("pydantic", "layout") or "module",
    )
    files = render(modules, replace(options, target_options=target_options))
    if any(not Path(p).is_dir() for p in args.spec or ()):
        names = [m.name for m in modules]
        scope = output_scope(options, names, writer.owned_files(_out(args)))
        return files, scope, warnings
    return files, output_scope(options), warnings


def _generate(args: argparse.Namespace) -> int:
    from generator import writer

    out = _out(args)
    files, scope, warnings = _render(args)
    if args.format != "json":
        _print_diagnostics(warnings, args.format)
    try:
        changes = writer.write(out, files, scope, _waiting_for(out))
    except writer.OutputError as exc:
        print(f"schemasmith: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except writer.Interrupted as exc:
        state = (
            f"{out.as_posix()}/ holds what the specs render"
            if exc.finished
            else "nothing was changed"
        )
        print(f"schemasmith: interrupted; {state}", file=sys.stderr)
        return 128 + exc.signum
    if args.format == "json":
        import json

        document = {
            "out": out.as_posix(),
            "files": [{"path": c.path, "change": _CHANGES[c.kind]} for c in changes],
            "diagnostics": [diagnostic_json(d) for d in warnings],
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not args.quiet:
        if not changes:
            print(f"{out.as_posix()}/ is up to date ({len(files)} files)")
        for change in changes:
            kind = _CHANGES[change.kind]
            note = (
                " (a temporary file left by an interrupted run)"
                if change.kind == "leftover"
                else ""
            )
            print(f"{kind:>6} {out.as_posix()}/{change.path}{note}")
    return EXIT_OK


# What a change does to a file, as generate reports it.
_CHANGES = {
    "create": "create",
    "update": "update",
    "delete": "delete",
    "leftover": "delete",
}


def _waiting_for(out: Path) -> Callable[[], None]:
    def waiting() -> None:
        print(
            f"schemasmith: waiting for another schemasmith run to finish writing to {out.as_posix()}/",
            file=sys.stderr,
        )

    return waiting


def _check(args: argparse.Namespace) -> int:
    from generator import writer

    out = _out(args)
    files, scope, warnings = _render(args)
    if args.format != "json":
        _print_diagnostics(warnings, args.format)
    try:
        # As for `generate`, without writing.
        changes = writer.compare(out, files, scope, _waiting_for(out))
    except writer.OutputError as exc:
        print(f"schemasmith: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    what = {
        "create": "missing",
        "update": "stale",
        "delete": "extra",
        "leftover": "a temporary file left by an interrupted run",
    }
    if args.format == "json":
        import json

        report = {
            "out": out.as_posix(),
            "in_sync": not changes,
            "files": [{"path": c.path, "state": what[c.kind]} for c in changes],
            "diagnostics": [diagnostic_json(d) for d in warnings],
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return EXIT_DRIFT if changes else EXIT_OK
    if not changes:
        if not args.quiet:
            print(f"{out.as_posix()}/ matches the specs ({len(files)} files)")
        return EXIT_OK
    left_out: list[tuple[str, int, int]] = []
    if not args.quiet:
        diff, left_out = writer.bounded_diff(
            changes, out.as_posix(), writer.MAX_DIFF_LINES
        )
        sys.stdout.write(diff)
    stale = ", ".join(f"{c.path} ({what[c.kind]})" for c in changes)
    print(
        f"schemasmith check: {out.as_posix()}/ differs from the specs: {stale}",
        file=sys.stderr,
    )
    if left_out:
        listed = ", ".join(
            f"{path} ({before:,} -> {after:,} lines)"
            for path, before, after in left_out
        )
        print(
            f"schemasmith check: the diff leaves out {len(left_out)} "
            f"file{'s' if len(left_out) != 1 else ''} that would take it past "
            f"{writer.MAX_DIFF_LINES:,} lines: {listed}",
            file=sys.stderr,
        )
    print("Run `schemasmith generate` and review the diff.", file=sys.stderr)
    if args.format == "github":
        for change in changes:
            path = f"{out.as_posix()}/{change.path}"
            print(
                github_annotation(
                    "error",
                    f"{path} is {what[change.kind]}: run `schemasmith generate`",
                    f"schemasmith check: {what[change.kind]}",
                    path,
                )
            )
    return EXIT_DRIFT


def _ir(args: argparse.Namespace) -> int:
    import json

    from generator import ir
    from generator.pipeline import load

    modules, _, _ = load(_spec_paths(args))
    print(json.dumps(ir.bundle_to_json(modules), indent=2, ensure_ascii=False))
    return EXIT_OK


def _sync(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from generator.diagnostics import SpecError
    from generator.pipeline import load
    from generator.sync import KINDS, ModelChoiceError, TargetError, sync
    from generator.sync.report import github_annotations, render_json, render_text

    def error(message: str, usage: bool) -> int:
        # A mistake in the options is shown under sync's usage, as argparse does.
        if usage:
            args.print_usage(sys.stderr)
        print(f"schemasmith sync: error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT

    unknown = sorted(set(args.ignore) - set(KINDS))
    if unknown:
        return error(
            f"unknown difference kind {', '.join(unknown)}; kinds are: {', '.join(KINDS)}",
            usage=True,
        )
    try:
        paths = _spec_paths(args)
    except _UsageError as exc:
        return error(str(exc), usage=True)
    try:
        modules, _, warnings = load(paths)
    except SpecError as exc:
        _print_diagnostics(exc.diagnostics, args.format)
        count = len(exc.diagnostics)
        return error(
            f"{count} error{'s' if count != 1 else ''} in the specs; nothing was compared",
            usage=False,
        )
    try:
        report = sync(modules, args.against, args.model)
    except TargetError as exc:
        return error(str(exc), usage=isinstance(exc, ModelChoiceError))
    kept = tuple(d for d in report.differences if d.kind not in args.ignore)
    report = replace(report, differences=kept)
    if args.format == "json":
        sys.stdout.write(render_json(report, args.strict, warnings))
        return EXIT_DRIFT if report.drift(args.strict) else EXIT_OK
    _print_diagnostics(warnings, args.format)
    sys.stdout.write(render_text(report, args.strict))
    if args.format == "github":
        for line in github_annotations(report, args.strict):
            print(line)
    return EXIT_DRIFT if report.drift(args.strict) else EXIT_OK


def _direction_overrides(values: list[str] | None) -> DirectionOverrides:
    from generator.compat.directions import DirectionOverrides

    everything: Direction | None = None
    per_model: dict[str, Direction] = {}
    for value in values or []:
        model, equals, direction = value.rpartition("=")
        if direction not in _DIRECTIONS:
            raise _UsageError(
                f"--direction {value}: the direction must be one of {', '.join(_DIRECTIONS)}"
            )
        if not equals:
            everything = direction
        elif not model:
            raise _UsageError(f"--direction {value}: name a model before '='")
        else:
            per_model[model] = direction
    return DirectionOverrides(everything, per_model)


def _diff(args: argparse.Namespace) -> int:
    from generator.compat.changes import compare
    from generator.compat.report import (
        github_annotations,
        is_breaking,
        judge,
        to_json,
        to_text,
    )
    from generator.compat.sources import SourceError, load_both
    from generator.diagnostics import SpecError

    paths: list[str] = args.paths
    if args.against is None and len(paths) != 2:
        raise _UsageError("diff needs OLD and NEW (or --against GIT_REF [NEW])")
    if args.against is not None and len(paths) > 1:
        raise _UsageError(
            "with --against, give only NEW (default: the project's `specs`, else spec/)"
        )
    overrides = _direction_overrides(args.direction)
    try:
        if args.against is not None:
            new = paths or list(args.config.specs)
            old_modules, new_modules = load_both((args.against, new), new)
        else:
            old_modules, new_modules = load_both([paths[0]], [paths[1]])
    except SourceError as exc:
        raise _UsageError(str(exc)) from None
    except SpecError as exc:
        _print_diagnostics(exc.diagnostics, args.format)
        count = len(exc.diagnostics)
        print(
            f"schemasmith diff: {count} error{'s' if count != 1 else ''} in the specs; "
            "nothing was compared",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    known = {m.name for module in (*old_modules, *new_modules) for m in module.models}
    unknown = sorted(set(overrides.per_model) - known)
    if unknown:
        raise _UsageError(
            f"--direction names no model of either version: {', '.join(unknown)}"
        )
    judged = judge(compare(old_modules, new_modules, overrides), args.level)
    render = to_json if args.format == "json" else to_text
    sys.stdout.write(render(judged, args.level))
    if args.format == "github":
        for line in github_annotations(judged):
            print(line)
    return EXIT_DRIFT if is_breaking(judged) else EXIT_OK


def console() -> int:
    """The `schemasmith` command and `python -m generator` (through
    `generator.__main__.run`): `main` in a process of its own."""
    # A short-lived process: the cyclic collector only costs time here (it makes
    # parsing large specs superlinear), and everything is freed at exit. Callers of
    # `main` in a longer-lived process keep their collector.
    gc.disable()
    from generator.__main__ import quit_on_interrupt

    quit_on_interrupt()
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: the interpreter reports it as it always does
        return code
    # Everything is written, closed and flushed: skip the interpreter's teardown,
    # which frees every object one by one (about 0.1 s for a spec of 40,000 fields).
    os._exit(code)


def _init(args: argparse.Namespace) -> int:
    from generator.init import InitError, init

    folder = Path(args.folder)
    try:
        created = init(folder, args.module)
    except InitError as exc:
        raise _UsageError(str(exc)) from None
    for item in created:
        print(f"{item.what:>6} {item.path.as_posix()}")
    steps = [] if folder == Path(".") else [f"cd {folder.as_posix()}"]
    steps += [
        "schemasmith generate   # render spec/ into generated/",
        "schemasmith check      # in CI: exit 1 when generated/ differs from the specs",
    ]
    print("\nNext:", *(f"  {step}" for step in steps), sep="\n")
    print(
        "An SDK of your own already? `schemasmith sync --against pkg.module:Class` "
        "compares a spec model with one of its classes (docs/sync.md)."
    )
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from generator import writer
    from generator.importing import TargetError, import_sources

    if args.format != "text" and args.out is None:
        raise _UsageError(
            f"--format {args.format} prints the warnings on stdout, which carries the "
            "spec when there is no --out: give --out FILE"
        )
    try:
        imported = import_sources(args.sources, args.out)
    except TargetError as exc:
        raise _UsageError(str(exc)) from None
    if args.format == "text":
        for warning in imported.warnings:
            print(warning, file=sys.stderr)
    else:
        _print_diagnostics(imported.diagnostics, args.format)
    if args.out is None:
        sys.stdout.write(imported.text)
        return EXIT_OK
    try:
        writer.write_file(Path(args.out), imported.text)
    except writer.OutputError as exc:
        raise _UsageError(str(exc)) from None
    return EXIT_OK


def _spec_schema(args: argparse.Namespace) -> int:
    from generator import writer
    from generator.loading.spec_schema import spec_format_schema_text

    text = spec_format_schema_text()
    if args.out is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        writer.write_file(Path(args.out), text)
    except writer.OutputError as exc:
        raise _UsageError(str(exc)) from None
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # `generate` holds it back while it writes
        print("schemasmith: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None) -> int:
    parser, subcommands = _parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        # Reported by the subcommand, with its own usage, as argparse does for
        # every other mistake in a subcommand's arguments.
        subcommands[args.command].error(f"unrecognized arguments: {' '.join(unknown)}")
    from generator import config
    from generator.diagnostics import SpecError
    from generator.pipeline import RenderError

    handlers = {
        "import": _import,
        "generate": _generate,
        "check": _check,
        "ir": _ir,
        "sync": _sync,
        "diff": _diff,
        "spec-schema": _spec_schema,
        "init": _init,
    }
    try:
        args.config = config.load()
        return handlers[args.command](args)
    except SpecError as exc:
        _print_diagnostics(exc.diagnostics, getattr(args, "format", "text"))
        count = len(exc.diagnostics)
        print(
            f"schemasmith: {count} error{'s' if count != 1 else ''}; nothing was written",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except _UsageError as exc:
        print(f"schemasmith: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RenderError as exc:
        print(f"schemasmith: error: {exc}; nothing was written", file=sys.stderr)
        if os.environ.get("SCHEMASMITH_DEBUG"):
            raise
        return EXIT_TARGET_FAILED
    except OSError as exc:
        print(f"schemasmith: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
