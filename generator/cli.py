"""The `schemasmith` command line.

Exit codes: 0 success; 1 `check` found drift (or `diff`/`sync` found what they
look for); 2 bad input (spec errors, usage); 3 a target failed, nothing written.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK = 0
EXIT_DRIFT = 1
EXIT_BAD_INPUT = 2
EXIT_TARGET_FAILED = 3


def _parser() -> argparse.ArgumentParser:
    from generator import __version__

    parser = argparse.ArgumentParser(
        prog="schemasmith",
        description="Render one YAML spec of data models into Pydantic models, TypedDicts, JSON Schema, TypeScript types and a Markdown reference.",
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
            help="a spec file or a folder of them (repeatable; default: spec/)",
        )
        sub.add_argument(
            "--out",
            default="generated",
            metavar="DIR",
            help="output folder (default: generated/)",
        )
        sub.add_argument(
            "--target",
            action="append",
            metavar="NAME",
            help="render only this target (repeatable; default: all): pydantic, typed_dicts, json_schema, typescript, markdown",
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
    check = commands.add_parser(
        "check",
        help="exit 1 with a diff when the output folder differs from what the specs render to",
    )
    add_pipeline_options(check)
    ir_command = commands.add_parser(
        "ir", help="print the specs' intermediate representation as JSON"
    )
    ir_command.add_argument(
        "--spec", action="append", metavar="PATH", help="as for generate"
    )
    return parser


def _spec_paths(args: argparse.Namespace) -> list[str]:
    from generator.pipeline import discover_specs

    return discover_specs(args.spec or ["spec"])


def _options(args: argparse.Namespace) -> object:
    from generator.pipeline import Options
    from generator.targets import TARGET_NAMES

    if args.target:
        unknown = sorted(set(args.target) - set(TARGET_NAMES))
        if unknown:
            raise _UsageError(
                f"unknown target {', '.join(unknown)}; targets are: {', '.join(TARGET_NAMES)}"
            )
    templates = Path(args.templates) if args.templates else None
    if templates is not None and not templates.is_dir():
        raise _UsageError(f"--templates {args.templates}: not a folder")
    return Options(tuple(args.target) if args.target else None, templates)


class _UsageError(Exception):
    pass


def _render(args: argparse.Namespace) -> dict[str, str]:
    from generator.pipeline import Options, build

    paths = _spec_paths(args)
    if not paths:
        raise _UsageError(f"no spec files found in {', '.join(args.spec or ['spec/'])}")
    options = _options(args)
    assert isinstance(options, Options)
    return build(paths, options)


def _generate(args: argparse.Namespace) -> int:
    from generator import writer

    files = _render(args)
    out = Path(args.out)
    changes = writer.plan(out, files)
    writer.apply(out, changes)
    if not args.quiet:
        if changes:
            for change in changes:
                print(f"{change.kind:>6} {out.as_posix()}/{change.path}")
        else:
            print(f"{out.as_posix()}/ is up to date ({len(files)} files)")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from generator import writer

    files = _render(args)
    out = Path(args.out)
    changes = writer.plan(out, files)
    if not changes:
        print(f"{out.as_posix()}/ matches the specs ({len(files)} files)")
        return EXIT_OK
    sys.stdout.write(writer.unified_diff(changes, out.as_posix()))
    stale = ", ".join(
        f"{c.path} ({'missing' if c.kind == 'create' else 'extra' if c.kind == 'delete' else 'stale'})"
        for c in changes
    )
    print(
        f"schemasmith check: {out.as_posix()}/ differs from the specs: {stale}",
        file=sys.stderr,
    )
    print("Run `schemasmith generate` and review the diff.", file=sys.stderr)
    return EXIT_DRIFT


def _ir(args: argparse.Namespace) -> int:
    import json

    from generator import ir
    from generator.loading import load_modules

    modules = load_modules(_spec_paths(args))
    print(json.dumps(ir.bundle_to_json(modules), indent=2, ensure_ascii=False))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    # A short-lived process: the cyclic collector only costs time here (it makes
    # parsing large specs superlinear), and everything is freed at exit.
    gc.disable()
    args = _parser().parse_args(argv)
    from generator.diagnostics import SpecError
    from generator.pipeline import RenderError

    handlers = {"generate": _generate, "check": _check, "ir": _ir}
    try:
        return handlers[args.command](args)
    except SpecError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
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
