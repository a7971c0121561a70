"""Check 1: a model's own `model_json_schema()` says what the published JSON Schema says.

The two schemas are brought to one form by `normalised`, whose rules are the only
differences allowed between them; whatever else differs fails with a diff.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from typing import Any

# Formats a Python annotation can carry into Pydantic's schema: `datetime` and
# `date`. Other formats (uuid, uri, email, ...) refine a `str` field in the
# published schema only; the models keep them as plain strings.
PYDANTIC_FORMATS = frozenset({"date-time", "date"})


def normalised(schema: Any, definitions: Mapping[str, Any]) -> Any:
    """`schema` in the form both generators are compared in.

    The rules, each a difference of notation, not of the data described:
    - `{"$ref": "#/$defs/X"}` to an enum becomes the enum inlined as
      `{"type": "string", "enum": [...]}`: a named enum is a `Literal` alias in
      Python, which Pydantic inlines (so its title, description and deprecation
      live on the published definition only);
    - `{"$ref": "#/$defs/X"}` to a model becomes `{"$model": <the model's title>}`,
      so refs compare by class name, whatever the definitions are keyed by; a
      keyword next to the ref whose value the model's definition has too goes
      (Pydantic's `handle_ref_overrides` leaves such keywords out: a `deprecated`
      next to a deprecated model, a field description equal to the model's own);
    - a property's `title` goes: Pydantic derives it from the attribute name;
    - `"default": null` goes: an absent nullable field is None either way;
    - a `format` Pydantic cannot express goes (see PYDANTIC_FORMATS);
    - `"const": v` becomes `"enum": [v]`: Pydantic writes a one-value Literal as const;
    - the schema `true` under `items` or `additionalProperties` becomes `{}`: both
      accept any value (`Dict[str, object]` is `additionalProperties: true` in Pydantic).
    `definitions` are the `$defs` the refs in `schema` point into.
    """
    if isinstance(schema, list):
        return [normalised(item, definitions) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        target = definitions[schema["$ref"].removeprefix("#/$defs/")]
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        if "enum" in target:
            inlined = {"type": "string", "enum": target["enum"], **siblings}
            return normalised(inlined, definitions)
        siblings = {k: v for k, v in siblings.items() if target.get(k) != v}
        return {"$model": target["title"], **normalised(siblings, definitions)}
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "default" and value is None:
            continue
        if key == "format" and value not in PYDANTIC_FORMATS:
            continue
        if key in ("items", "additionalProperties") and value is True:
            out[key] = {}
            continue
        if key == "const":
            out["enum"] = [value]
            continue
        if key == "properties":
            out[key] = {
                name: normalised(
                    {k: v for k, v in prop.items() if k != "title"}, definitions
                )
                for name, prop in value.items()
            }
        elif key in ("default", "enum", "examples"):
            out[key] = value  # values, not schemas
        else:
            out[key] = normalised(value, definitions)
    if isinstance(out.get("required"), list):
        out["required"] = sorted(out["required"])
    return out


def pydantic_schema(model_cls: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The model's validation-mode schema by wire names, and the `$defs` it refers into."""
    schema: dict[str, Any] = model_cls.model_json_schema(
        by_alias=True, mode="validation"
    )
    definitions = schema.pop("$defs", {})
    if "$ref" in schema and len(schema) == 1:  # a recursive model is a ref to itself
        schema = definitions[schema["$ref"].removeprefix("#/$defs/")]
    return schema, definitions


def schema_diff(
    expected: Any, actual: Any, expected_name: str, actual_name: str
) -> str:
    def lines(value: Any) -> list[str]:
        return json.dumps(value, indent=2, sort_keys=True).splitlines(keepends=True)

    return "".join(
        difflib.unified_diff(lines(expected), lines(actual), expected_name, actual_name)
    )


def check_model_schema(model_cls: Any, published: dict[str, Any], name: str) -> None:
    """Fail with a diff unless the model's schema and the published `$defs[name]` agree."""
    own, own_definitions = pydantic_schema(model_cls)
    ours = normalised(own, own_definitions)
    published_definitions = published.get("$defs", {})
    theirs = normalised(published_definitions[name], published_definitions)
    if ours != theirs:
        diff = schema_diff(
            theirs, ours, f"published $defs/{name}", f"{name}.model_json_schema()"
        )
        raise AssertionError(f"model {name} and its published schema differ:\n{diff}")
