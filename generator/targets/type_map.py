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
    }
)
