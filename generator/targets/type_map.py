"""The one table that says how each IR scalar is written in every target.

Containers (`list<T>`, `map<T>`), references and enums are composed by each
target from these entries; an IR scalar missing here is a KeyError, never a
silent fallback to `str` or `any`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from generator.ir import ScalarKind


@dataclass(frozen=True)
class ScalarMapping:
    python: str  # annotation text in generated Python
    python_import: tuple[str, str] | None  # (module, name) the annotation needs
    json_schema: Mapping[str, object]
    typescript: str
    reference: str  # how the Markdown reference names the type
    typescript_note: str | None = (
        None  # what a TS reader must know that the type cannot say
    )
    # The Pydantic models' annotation and import, where they differ from `python`
    # (which the TypedDicts use).
    pydantic: tuple[str, tuple[str, str] | None] | None = None


# Padded base64 of the standard alphabet, and a decimal in plain notation.
BASE64_PATTERN = "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
DECIMAL_PATTERN = "^-?[0-9]+(?:\\.[0-9]+)?$"

SCALARS: Mapping[ScalarKind, ScalarMapping] = MappingProxyType(
    {
        "string": ScalarMapping("str", None, {"type": "string"}, "string", "string"),
        "integer": ScalarMapping("int", None, {"type": "integer"}, "number", "integer"),
        "number": ScalarMapping("float", None, {"type": "number"}, "number", "number"),
        "boolean": ScalarMapping(
            "bool", None, {"type": "boolean"}, "boolean", "boolean"
        ),
        "datetime": ScalarMapping(
            "datetime",
            ("datetime", "datetime"),
            {"type": "string", "format": "date-time"},
            "string",
            "datetime (RFC 3339)",
            "An RFC 3339 date-time string.",
        ),
        "date": ScalarMapping(
            "date",
            ("datetime", "date"),
            {"type": "string", "format": "date"},
            "string",
            "date (RFC 3339 full-date)",
            "An RFC 3339 full-date string (YYYY-MM-DD).",
        ),
        "json": ScalarMapping("object", None, {}, "unknown", "any JSON value"),
        "uuid": ScalarMapping(
            "UUID",
            ("uuid", "UUID"),
            {"type": "string", "format": "uuid"},
            "string",
            "UUID",
            "A UUID string (RFC 9562), such as `123e4567-e89b-12d3-a456-426614174000`.",
        ),
        # Base64 text on the wire (RFC 4648 section 4, padded); the pattern lets a
        # JSON Schema validator check it, which `contentEncoding` alone does not.
        "bytes": ScalarMapping(
            "bytes",
            None,
            {"type": "string", "contentEncoding": "base64", "pattern": BASE64_PATTERN},
            "string",
            "bytes (base64 text)",
            "Bytes as base64 text (RFC 4648, standard alphabet, padded).",
            ("Base64Bytes", ("pydantic", "Base64Bytes")),
        ),
        # Written as a string, so that no JSON reader rounds it to a float; a
        # JSON number is read too (as Pydantic reads a Decimal).
        "decimal": ScalarMapping(
            "Decimal",
            ("decimal", "Decimal"),
            {
                "anyOf": [
                    {"type": "number"},
                    {"format": "decimal", "pattern": DECIMAL_PATTERN, "type": "string"},
                ]
            },
            "string | number",
            'decimal (written as a string, such as `"12.50"`; a number is read too)',
            'A decimal number, written as a string (such as `"12.50"`) to keep it '
            "exact; a number is read too.",
        ),
        "time": ScalarMapping(
            "time",
            ("datetime", "time"),
            {"type": "string", "format": "time"},
            "string",
            "time (RFC 3339 full-time)",
            "An RFC 3339 full-time string (HH:MM:SS with an offset).",
        ),
        "duration": ScalarMapping(
            "timedelta",
            ("datetime", "timedelta"),
            {"type": "string", "format": "duration"},
            "string",
            "duration (ISO 8601)",
            "An ISO 8601 duration string, such as `PT1H30M`.",
        ),
    }
)
