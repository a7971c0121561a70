"""Located messages: every problem in a spec is reported as `file:line:col: error: message`
(or `warning:`, for one that does not stop generation)."""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Literal

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _one_line(text: str) -> str:
    """`text` with line breaks and other control characters escaped, so a message stays one line."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True, order=True)
class Location:
    """A place in a spec file; line and column count from 1, as editors show them."""

    file: str
    line: int
    column: int

    def __init__(self, file: str, line: int, column: int) -> None:
        # The generated frozen __init__ sets each attribute through
        # object.__setattr__, twice as slow; a spec has a location per field.
        self.__dict__.update(file=file, line=line, column=column)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Code(enum.Enum):
    """What kind of problem a diagnostic reports: a stable name that tools may match
    on (`--format json`, `--format github`), whatever the message's words. Each
    member's value is its name and what it covers, as docs/errors.md lists them."""

    def __init__(self, slug: str, summary: str) -> None:
        self.slug = slug
        self.summary = summary

    # Reading the file
    UNREADABLE = "unreadable", "the file cannot be read, or is not UTF-8 text"
    YAML_SYNTAX = "yaml-syntax", "not YAML: a syntax error, a tab used for indentation"
    YAML_FEATURE = (
        "yaml-feature",
        (
            "a YAML feature a spec may not use: a tag, a merge key, a key that is a list or "
            "a mapping, an alias that contains itself, a scalar its tag cannot read"
        ),
    )
    DUPLICATE_KEY = "duplicate-key", "a key written twice in one mapping"
    TOO_LARGE = (
        "too-large",
        (
            "past a limit against hostile input: nesting, alias expansion, a name's length"
        ),
    )
    # The spec's shape
    SPEC_VERSION = (
        "spec-version",
        "`schemasmith:` missing, or a version this release cannot read",
    )
    UNKNOWN_KEY = "unknown-key", "a key the spec format does not have"
    MISSING_KEY = "missing-key", "a required key left out"
    WRONG_VALUE = (
        "wrong-value",
        "a value of the wrong kind: a list where a mapping goes, ...",
    )
    # Names
    BAD_NAME = (
        "bad-name",
        "a name that cannot name a module, a class or a Python attribute",
    )
    NAME_CLASH = (
        "name-clash",
        ("two things under one name: in a spec, across specs, or in a target's output"),
    )
    RESERVED_NAME = (
        "reserved-name",
        "a name a target's language or generated code reserves",
    )
    RENAME = "rename", "a `renamed_from` that says nothing or contradicts another"
    # Types and references
    TYPE_SYNTAX = "type-syntax", "a type expression that does not parse"
    UNKNOWN_TYPE = (
        "unknown-type",
        "a name that is no type, model, enum or union the spec can see",
    )
    IMPORT = (
        "import",
        "an `imports:` entry that names no spec, the spec itself or one twice",
    )
    ENUM = (
        "enum",
        "an enum without values, or with an empty, repeated or wrong-kind value",
    )
    UNION = (
        "union",
        (
            "a union without variants, with a repeated variant, or one that cannot be told apart"
        ),
    )
    DISCRIMINATOR = (
        "discriminator",
        "a tagged union whose variants do not carry the tag as it says",
    )
    INHERITANCE = (
        "inheritance",
        (
            "an `extends:` that names no model of the spec, loops, or a child that widens its base"
        ),
    )
    NULLABILITY = "nullability", "a field's `nullable` that its type contradicts"
    CONSTANT = (
        "constant",
        "a `const:` that is not a string, a whole number or true/false",
    )
    FORMAT = (
        "format",
        "a string `format` that is unknown or on a type that is not a string",
    )
    DEFAULT = (
        "default",
        "a default the field cannot have, or one its type or constraints reject",
    )
    CONSTRAINT = (
        "constraint",
        (
            "a constraint on a type it does not apply to, with a bad value, or contradicting another"
        ),
    )
    PATTERN = "pattern", "a `pattern` outside what Python, ECMA-262 and Rust read alike"
    # Warnings
    REFERENCE_CYCLE = (
        "reference-cycle",
        (
            "a cycle of references longer than Pydantic builds at the default recursion limit"
        ),
    )
    # Settings
    SETTINGS = (
        "settings",
        "a bad key or value in [tool.schemasmith] or schemasmith.toml",
    )
    # Notes of `import`
    IMPORTED = (
        "imported",
        ("`import`: a name changed, or a type written wider, to what the spec can say"),
    )


@dataclass(frozen=True, order=True)
class Diagnostic:
    location: Location
    message: str
    code: Code = dataclass_field(compare=False)
    # A warning is printed, and nothing fails.
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {_one_line(self.message)}"


class SpecError(Exception):
    """Raised with every problem found in the specs, so one run reports all of them."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(set(diagnostics))
        super().__init__("\n".join(str(d) for d in self.diagnostics))


FORMATS = ("text", "json", "github")
"""How a command prints its diagnostics (`--format`)."""


def to_json(diagnostic: Diagnostic) -> dict[str, str | int]:
    """A diagnostic for tools: where, how bad, its stable code and its message."""
    return {
        "path": diagnostic.location.file,
        "line": diagnostic.location.line,
        "column": diagnostic.location.column,
        "severity": diagnostic.severity,
        "code": diagnostic.code.slug,
        "message": diagnostic.message,
    }


def github_annotation(
    level: Literal["error", "warning", "notice"],
    message: str,
    title: str,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
) -> str:
    """A GitHub Actions workflow command (`::error file=...,line=...::message`), escaped
    as the runner reads it: `%`, CR and LF in the message, and `:` and `,` too in the
    properties, so no text can end the command early or start another."""
    properties = [("title", title)]
    if file is not None:
        properties.insert(0, ("file", file))
    if line is not None:
        properties.insert(1, ("line", str(line)))
    if column is not None:
        properties.insert(2, ("col", str(column)))
    written = ",".join(f"{key}={_escape_property(value)}" for key, value in properties)
    return f"::{level} {written}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diagnostic: Diagnostic) -> str:
    """The diagnostic as a GitHub Actions annotation at its spec line."""
    where = diagnostic.location
    return github_annotation(
        diagnostic.severity,
        diagnostic.message,
        f"schemasmith: {diagnostic.code.slug}",
        where.file,
        where.line,
        where.column,
    )
