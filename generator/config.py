"""A project's settings, written once: `[tool.schemasmith]` in `pyproject.toml`,
or a `schemasmith.toml` where a project keeps none there.

Every command reads them; a command-line flag overrides its setting. Paths are
relative to the folder of the file that sets them. A bad key or value is a
located error like a spec's (`pyproject.toml:12:1: error: ...`), all at once.
The keys and what each takes are `KEYS` and the targets' own `options`
(`generator.targets`); docs/configuration.md documents them.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import Code, Diagnostic, Location, SpecError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PYPROJECT = "pyproject.toml"
STANDALONE = "schemasmith.toml"


@dataclass(frozen=True)
class Config:
    """Settings from a project file, paths already relative to the working folder."""

    file: str | None = None  # where they came from; None: no project file
    specs: tuple[str, ...] = ("spec",)
    out: str = "generated"
    targets: tuple[str, ...] | None = None  # None: every target
    templates: str | None = None
    # Each target's options, by target name (`{"pydantic": {"layout": "per-model"}}`).
    target_options: dict[str, dict[str, str]] = field(default_factory=dict)

    def option(self, target: str, name: str) -> str | None:
        return self.target_options.get(target, {}).get(name)


def _string(value: Any) -> str | None:
    return "a string" if not isinstance(value, str) else None


def _strings(value: Any) -> str | None:
    ok = isinstance(value, list) and all(isinstance(v, str) for v in value) and value
    return None if ok else "a non-empty list of strings"


# Each key of the table: what it takes, checked by the function (None: fine).
KEYS: dict[str, tuple[str, Callable[[Any], str | None]]] = {
    "specs": ('spec files or folders of them (default `["spec"]`)', _strings),
    "out": ('the output folder (default `"generated"`)', _string),
    "targets": ("the targets to render (default: all)", _strings),
    "templates": ("a folder of templates that override the built-in ones", _string),
}


def find(start: Path) -> Path | None:
    """The project file that configures `start`: the nearest folder, from `start`
    up, with a `pyproject.toml` or `schemasmith.toml`; None when none has settings."""
    for folder in (start, *start.parents):
        pyproject, standalone = folder / PYPROJECT, folder / STANDALONE
        if standalone.is_file():
            return standalone
        if pyproject.is_file():
            return pyproject if _has_table(pyproject) else None
    return None


def _has_table(pyproject: Path) -> bool:
    # Read only to see whether the table is there; a broken file is reported by `load`.
    try:
        data = tomllib.loads(pyproject.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True
    return isinstance(data.get("tool"), dict) and "schemasmith" in data["tool"]


def load(start: Path | None = None) -> Config:
    """The settings for the working folder (or `start`); raises SpecError with every
    problem of the file."""
    from generator.targets import TARGET_NAMES, TARGETS

    here = Path.cwd() if start is None else start
    path = find(here)
    if path is None:
        return Config()
    label = os.path.relpath(path, here)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(
            [
                Diagnostic(
                    Location(label, 1, 1), f"cannot read it: {exc}", Code.UNREADABLE
                )
            ]
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column = _decode_error_position(exc, text)
        raise SpecError(
            [
                Diagnostic(
                    Location(label, line, column), f"not TOML: {exc}", Code.SETTINGS
                )
            ]
        )
    standalone = path.name == STANDALONE
    table = data if standalone else data["tool"]["schemasmith"]
    header = None if standalone else "tool.schemasmith"
    locate = _Locator(label, text)
    problems: list[Diagnostic] = []
    if (
        standalone
        and (path.parent / PYPROJECT).is_file()
        and _has_table(path.parent / PYPROJECT)
    ):
        problems.append(
            Diagnostic(
                Location(label, 1, 1),
                f"{PYPROJECT} beside it has a [tool.schemasmith] table too; "
                "keep the settings in one of them",
                Code.SETTINGS,
            )
        )
    if not isinstance(table, dict):
        where = locate(None, "schemasmith")
        problems.append(
            Diagnostic(where, "[tool.schemasmith] must be a table", Code.SETTINGS)
        )
        raise SpecError(problems)
    options = {t.name: t.options for t in TARGETS}
    values: dict[str, Any] = {}
    target_options: dict[str, dict[str, str]] = {}
    for key, value in table.items():
        where = locate(header, key)
        if key in options:
            target_options[key] = _target_table(
                key, value, options[key], locate, header, problems
            )
            continue
        if key not in KEYS:
            known = [*KEYS, *options]
            hint = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            suggestion = (
                f"did you mean '{hint[0]}'?"
                if hint
                else f"expected one of: {', '.join(known)}"
            )
            problems.append(
                Diagnostic(
                    where, f"unknown setting '{key}'; {suggestion}", Code.SETTINGS
                )
            )
            continue
        expected, check = KEYS[key]
        wrong = check(value)
        if wrong is not None:
            problems.append(
                Diagnostic(
                    where,
                    f"'{key}' takes {wrong}: {expected}; got {value!r}",
                    Code.SETTINGS,
                )
            )
            continue
        values[key] = value
    unknown = sorted(set(values.get("targets", ())) - set(TARGET_NAMES))
    if unknown:
        problems.append(
            Diagnostic(
                locate(header, "targets"),
                f"unknown target {', '.join(unknown)}; targets are: {', '.join(TARGET_NAMES)}",
                Code.SETTINGS,
            )
        )
    if problems:
        raise SpecError(problems)
    folder = path.parent

    def relative(p: str) -> str:
        return p if Path(p).is_absolute() else os.path.relpath(folder / p, here)

    return Config(
        file=label,
        specs=tuple(relative(p) for p in values.get("specs", ["spec"])),
        out=relative(values.get("out", "generated")),
        targets=tuple(values["targets"]) if "targets" in values else None,
        templates=relative(values["templates"]) if "templates" in values else None,
        target_options=target_options,
    )


def _target_table(
    target: str,
    value: Any,
    allowed: Mapping[str, tuple[str, ...]],
    locate: _Locator,
    header: str | None,
    problems: list[Diagnostic],
) -> dict[str, str]:
    table_header = f"{header}.{target}" if header else target
    if not isinstance(value, dict):
        problems.append(
            Diagnostic(
                locate(header, target),
                f"'{target}' takes a table of its options",
                Code.SETTINGS,
            )
        )
        return {}
    kept = {}
    for name, option in value.items():
        where = locate(table_header, name)
        if name not in allowed:
            names = ", ".join(allowed) or "none"
            problems.append(
                Diagnostic(
                    where,
                    f"the {target} target has no option '{name}'; its options: {names}",
                    Code.SETTINGS,
                )
            )
        elif option not in allowed[name]:
            problems.append(
                Diagnostic(
                    where,
                    f"'{name}' of the {target} target takes one of "
                    f"{', '.join(allowed[name])}; got {option!r}",
                    Code.SETTINGS,
                )
            )
        else:
            kept[name] = option
    return kept


def _decode_error_position(exc: Exception, text: str) -> tuple[int, int]:
    found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    if found:
        return int(found[1]), int(found[2])
    if "(at end of document)" in str(exc):
        last = text.split("\n")[-1]
        return text.count("\n") + 1, len(last) + 1
    return 1, 1


class _Locator:
    """The line and column of a key under a table header, found in the file's text
    (tomllib keeps no positions); the header's line when the key is not found
    as `key =` (a dotted or quoted key), else the file's first line."""

    def __init__(self, label: str, text: str) -> None:
        self.label = label
        self.lines = text.splitlines()

    def __call__(self, header: str | None, key: str) -> Location:
        table: str | None = None
        header_line = 1
        for number, line in enumerate(self.lines, 1):
            stripped = line.strip()
            heading = re.fullmatch(r"\[\s*([^\[\]]+?)\s*\]\s*(#.*)?", stripped)
            if heading:
                table = heading[1].replace(" ", "")
                if table == header or (header and table == f"{header}.{key}"):
                    header_line = number
                    if table == f"{header}.{key}":
                        return Location(self.label, number, line.index("[") + 1)
                continue
            if table == header:
                found = re.match(rf"(\s*)[\"']?{re.escape(key)}[\"']?\s*=", line)
                if found:
                    return Location(self.label, number, len(found[1]) + 1)
        return Location(self.label, header_line, 1)
