"""Check 1: a model's own `model_json_schema()` says what the published JSON Schema says.

The two schemas are brought to one form by `normalised`, whose rules are the only
differences allowed between them; whatever else differs fails with a diff.
"""

from __future__ import annotations

import datetime
import decimal
import difflib
import json
from collections.abc import Mapping
from typing import Any

import pydantic

from generator.targets.type_map import BASE64_PATTERN, DECIMAL_PATTERN

# Formats a Python annotation can carry into Pydantic's schema: `datetime` and
# `date`. Other formats (uuid, uri, email, ...) refine a `str` field in the
# published schema only; the models keep them as plain strings.
PYDANTIC_FORMATS = frozenset({"date-time", "date"})


# The patterns a scalar's type writes: the published bytes and decimal patterns,
# and the one older Pydantic versions write for a decimal's string.
_SCALAR_PATTERNS = frozenset(
    {BASE64_PATTERN, DECIMAL_PATTERN, r"^(?!^[-+.]*$)[+-]?0*\d*\.?\d*$"}
)


def normalised(schema: Any, definitions: Mapping[str, Any]) -> Any:
    """`schema` in the form both generators are compared in.

    The rules, each a difference of notation, not of the data described:
    - `{"$ref": "#/$defs/X"}` to a definition that is not a model (an enum or a
      union) becomes the definition inlined, without its title, description and
      deprecation: a named enum is a `Literal` alias in Python and a named union a
      `TypeAlias`, neither of them a class, so Pydantic inlines them (and their
      documentation lives on the published definition only);
    - `{"$ref": "#/$defs/X"}` to a model becomes `{"$model": <the model's title>}`,
      so refs compare by class name, whatever the definitions are keyed by; a
      keyword next to the ref whose value the model's definition has too goes
      (Pydantic's `handle_ref_overrides` leaves such keywords out: a `deprecated`
      next to a deprecated model, a field description equal to the model's own);
    - an `anyOf` member that is only an `anyOf` is spliced in, a member met again
      goes, and an `anyOf` of one member is that member: Python's `Union` flattens
      nested unions and drops repeated members (`Optional[Union[A, B]]` is
      `Union[A, B, None]`), and `Union[A]` is `A`; the members are sorted, as
      `anyOf` holds for any of them in any order (Pydantic moves null last);
    - `discriminator` (OpenAPI's keyword, which JSON Schema validation ignores) goes
      from a `oneOf`, once checked to say what the variants' constants say: each
      tag maps to the one variant whose property `propertyName` is that constant
      (Pydantic writes it for `Field(discriminator=...)`; the published `oneOf`
      states the same with each variant's `const`); a `oneOf` of one member is that
      member (Pydantic drops the discriminator of a one-variant union inside
      `NotNull`, where the variant's own `const` still checks the tag);
    - a property's `title` goes: Pydantic derives it from the attribute name;
    - `"default": null` goes: an absent nullable field is None either way (and an
      absent `NotNull` field's attribute is None, while null stays rejected);
    - a `format` Pydantic cannot express goes (see PYDANTIC_FORMATS);
    - `"const": v` becomes `"enum": [v]`: Pydantic writes a one-value Literal as const
      (the values of `enum` are compared as JSON text, so `false` is not `0`);
    - the schema `true` under `items` or `additionalProperties` becomes `{}`: both
      accept any value (`Dict[str, object]` is `additionalProperties: true` in Pydantic);
    - a string's `contentEncoding: base64` and the base64 pattern beside it go
      (Pydantic writes `Base64Bytes` as `format: base64`, which goes as above), and
      so does the pattern of a decimal's string (Pydantic's own, or none).
    `definitions` are the `$defs` the refs in `schema` point into.
    """
    if isinstance(schema, list):
        return [normalised(item, definitions) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        target = definitions[schema["$ref"].removeprefix("#/$defs/")]
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        if target.get("type") != "object":
            documentation = ("title", "description", "deprecated")
            inlined = {k: v for k, v in target.items() if k not in documentation}
            return normalised({**inlined, **siblings}, definitions)
        siblings = {k: v for k, v in siblings.items() if target.get(k) != v}
        return {"$model": target["title"], **normalised(siblings, definitions)}
    members = None
    if "anyOf" in schema:
        members = _union_members(schema["anyOf"], definitions)
        rest = {k: v for k, v in schema.items() if k != "anyOf"}
        if len(members) == 1:
            return {**members[0], **normalised(rest, definitions)}
    if "discriminator" in schema:
        _check_discriminator(schema, definitions)
    if len(schema.get("oneOf", ())) == 1:
        rest = {k: v for k, v in schema.items() if k not in ("oneOf", "discriminator")}
        return normalised({**schema["oneOf"][0], **rest}, definitions)
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "anyOf":
            out[key] = members
            continue
        if key == "discriminator":
            continue
        if key == "default" and value is None:
            continue
        if key == "format" and value not in PYDANTIC_FORMATS:
            continue
        if key == "contentEncoding" and value == "base64":
            continue
        if key == "pattern" and value in _SCALAR_PATTERNS:
            continue
        if key in ("items", "additionalProperties") and value is True:
            out[key] = {}
            continue
        if key in ("const", "enum"):
            # Values as JSON text: Python's `False == 0` would hide a difference.
            values = [value] if key == "const" else value
            out["enum"] = [json.dumps(v, sort_keys=True) for v in values]
            continue
        if key == "properties":
            out[key] = {
                name: normalised(
                    {k: v for k, v in prop.items() if k != "title"}, definitions
                )
                for name, prop in value.items()
            }
        elif (
            key == "default"
            and isinstance(value, str)
            and _text_format(schema) in _TEXT_VALUES
        ):
            # One value in two spellings (`17:30:00.25Z`, Pydantic's
            # `17:30:00.250000Z`): compared as the value. A string of a
            # union's other member is kept as written.
            adapter = _TEXT_VALUES[_text_format(schema)]
            try:
                out[key] = adapter.dump_python(
                    adapter.validate_python(value), mode="json"
                )
            except pydantic.ValidationError:
                out[key] = value
        elif key in ("default", "examples"):
            out[key] = value  # values, not schemas
        else:
            out[key] = normalised(value, definitions)
    if isinstance(out.get("required"), list):
        out["required"] = sorted(out["required"])
    return out


# The string formats whose values have more than one spelling, read as Pydantic does.
_TEXT_VALUES: dict[str, pydantic.TypeAdapter[Any]] = {
    "date-time": pydantic.TypeAdapter(datetime.datetime),
    "time": pydantic.TypeAdapter(datetime.time),
    "duration": pydantic.TypeAdapter(datetime.timedelta),
    "decimal": pydantic.TypeAdapter(decimal.Decimal),  # `00` is Pydantic's `0`
}


def _text_format(schema: dict[str, Any]) -> str:
    """The string format of a schema, or of the one string member of its anyOf."""
    formats = {
        m.get("format", "")
        for m in [schema, *schema.get("anyOf", ())]
        if isinstance(m, dict)
    } - {""}
    return formats.pop() if len(formats) == 1 else ""


def _union_members(members: list[Any], definitions: Mapping[str, Any]) -> list[Any]:
    """The members of an `anyOf`, normalised, nested `anyOf`s spliced in, each once."""
    found: list[Any] = []
    for member in members:
        member = normalised(member, definitions)
        nested = member["anyOf"] if set(member) == {"anyOf"} else [member]
        found.extend(m for m in nested if m not in found)
    return sorted(found, key=lambda m: json.dumps(m, sort_keys=True))


def _check_discriminator(
    schema: dict[str, Any], definitions: Mapping[str, Any]
) -> None:
    """Fail unless `discriminator` maps each variant's constant to that variant."""
    discriminator = schema["discriminator"]
    tag = discriminator["propertyName"]
    expected = {}
    for member in schema["oneOf"]:
        variant = definitions[member["$ref"].removeprefix("#/$defs/")]
        constant = variant["properties"][tag]["const"]
        # OpenAPI's mapping is keyed by strings: Pydantic writes 1 and true as JSON.
        key = constant if isinstance(constant, str) else json.dumps(constant)
        expected[key] = member["$ref"]
    assert discriminator == {"propertyName": tag, "mapping": expected}, (
        f"the discriminator {discriminator} does not say what the variants' "
        f"constants say: {expected}"
    )


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
