"""Checks 4 and 6: payloads drawn from the published JSON Schema get the same verdict from
the model, the TypedDict (as Pydantic's TypeAdapter reads it) and a JSON Schema validator;
payloads broken in one place are rejected by all of them; accepted payloads round-trip.

Where Pydantic is knowingly laxer than JSON Schema, the difference is named in
`LAX_COERCIONS` or in a comment, and the mutations do not probe it:
- Pydantic's lax mode coerces some values JSON Schema calls the wrong type
  (true -> 1, numbers -> datetimes as Unix timestamps, ...);
- string formats other than date and date-time are not checked by the models;
- a `bytes` field (Pydantic's `Base64Bytes`) skips characters outside the base64
  alphabet, where the published pattern rejects them; a `time` without an offset
  and a UUID without hyphens are read by the models and not by the formats (no
  mutation writes such values);
- the models accept a field under its Python name as well as its wire name
  (`populate_by_name`), so a drawn unknown key that happens to be the Python
  name of an aliased field is left out of the payload.
"""

from __future__ import annotations

import copy
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from typing import Any
from uuid import UUID

import jsonschema
import pydantic
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from generator import constraints, ir
from generator.targets.python_names import field_name
from tests.support import hypothesis_jsonschema_compat

hypothesis_jsonschema_compat.install()

UNKNOWN = "%not-a-known-value%"

# RFC 3339 section 5.6 `full-time` and `date-time`. jsonschema checks these formats only
# when the optional rfc3339-validator package is installed; without it they would go
# unchecked, so the checks are supplied here.
_FULL_TIME = r"(\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))"
_TIME = re.compile(_FULL_TIME + r"\Z")
_DATE_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[Tt]" + _FULL_TIME + r"\Z")


def _time_ok(
    hour: str, minute: str, second: str, offset_h: str | None, offset_m: str | None
) -> bool:
    offset_ok = offset_h is None or (int(offset_h) < 24 and int(offset_m or 0) < 60)
    return int(hour) < 24 and int(minute) < 60 and int(second) <= 60 and offset_ok


def _is_rfc3339_time(value: object) -> bool:
    if not isinstance(value, str):
        return True  # formats only constrain strings
    match = _TIME.match(value)
    return bool(match) and _time_ok(*match.group(1, 2, 3, 6, 7))


def _is_rfc3339_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    match = _DATE_TIME.match(value)
    if not match:
        return False
    try:
        date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return False
    return _time_ok(*match.group(4, 5, 6, 9, 10))


# RFC 3339 appendix A `duration` (ISO 8601), which jsonschema checks only with the
# optional isoduration package.
_DURATION = re.compile(
    r"P(?:(?=\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?"
    r"|T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?|\d+W)\Z"
)


def _is_duration(value: object) -> bool:
    return not isinstance(value, str) or bool(_DURATION.match(value))


def format_checker() -> jsonschema.FormatChecker:
    """Draft 2020-12's format checks (not `FormatChecker()`, which mixes in older drafts'
    meanings, such as draft 3's offset-free `time`), completed with RFC 3339 times."""
    checker = jsonschema.FormatChecker(formats=())
    checker.checkers = dict(jsonschema.Draft202012Validator.FORMAT_CHECKER.checkers)
    if "date-time" not in checker.checkers:
        checker.checks("date-time")(_is_rfc3339_date_time)
    if "time" not in checker.checkers:
        checker.checks("time")(_is_rfc3339_time)
    if "duration" not in checker.checkers:
        checker.checks("duration")(_is_duration)
    return checker


FORMAT_CHECKER = format_checker()


def _ecma_pattern(
    validator: Any, pattern: str, instance: Any, schema: Any
) -> Iterator[jsonschema.ValidationError]:
    """`pattern` as ECMA-262 reads it: python-jsonschema hands the pattern to `re`
    as it is, where `$` also matches before a final newline. A pattern of the common
    subset (generator.constraints) is read with its ECMA meaning; the scalars' own
    patterns are read by `re` as they are."""
    if not isinstance(instance, str):
        return
    try:
        compiled = constraints.python_pattern(pattern)
    except constraints.PatternError:
        compiled = re.compile(pattern)
    if not compiled.search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_ECMA_VALIDATOR = jsonschema.validators.extend(
    jsonschema.Draft202012Validator, {"pattern": _ecma_pattern}
)


def validator(published: dict[str, Any], name: str) -> jsonschema.Draft202012Validator:
    """A 2020-12 validator (formats checked, patterns read as ECMA-262 reads them)
    for `$defs[name]` of a published schema."""
    schema = {**published, "$ref": f"#/$defs/{name}"}
    checker: jsonschema.Draft202012Validator = _ECMA_VALIDATOR(
        schema, format_checker=FORMAT_CHECKER
    )
    return checker


def bounded_schema(published: dict[str, Any], name: str, depth: int = 1) -> Any:
    """`$defs[name]` with every ref inlined, for hypothesis-jsonschema (which cannot follow
    recursive refs). A model met again more than `depth` times on one path becomes `false`:
    the schema then describes a subset of the published one (recursion cut short), so
    every payload it yields is a payload of the published schema too."""
    definitions = published["$defs"]

    def inline(schema: Any, path: tuple[str, ...]) -> Any:
        if isinstance(schema, list):
            return [inline(item, path) for item in schema]
        if not isinstance(schema, dict):
            return schema
        if "$ref" in schema:
            target_name = schema["$ref"].removeprefix("#/$defs/")
            if path.count(target_name) > depth:
                return False
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            return {
                **inline(definitions[target_name], (*path, target_name)),
                **siblings,
            }
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key in ("enum", "const", "default"):
                out[key] = value  # values, not schemas
            elif key == "properties":
                # keyed by wire names, which may be anything (`$ref` included)
                out[key] = {wire: inline(sub, path) for wire, sub in value.items()}
            else:
                out[key] = inline(value, path)
        return out

    return inline(definitions[name], (name,))


# Formats of the spec (generator.resolve.STRING_FORMATS) hypothesis-jsonschema has no
# strategy for; without one it would draw arbitrary text, which the format checker rejects.
CUSTOM_FORMATS: dict[str, st.SearchStrategy[str]] = {
    "uuid": st.uuids().map(str),
    "duration": st.from_regex(r"\AP[1-9][0-9]{0,2}(D|W|Y|M)\Z")
    | st.from_regex(r"\AP([1-9][0-9]?D)?T[1-9][0-9]?(H|M|S)\Z"),
    # The decimal's pattern says it all; the name is only a label for readers.
    "decimal": st.from_regex(r"\A-?[0-9]{1,12}(\.[0-9]{1,6})?\Z"),
}


_STRATEGIES: dict[tuple[str, str, int], st.SearchStrategy[Any]] = {}


def payloads(
    published: dict[str, Any], name: str, depth: int = 1
) -> st.SearchStrategy[Any]:
    """Payloads of `$defs[name]`; built once per schema (building one is the slow part)."""
    key = (json.dumps(published, sort_keys=True), name, depth)
    if key not in _STRATEGIES:
        _STRATEGIES[key] = _payloads(published, name, depth)
    return _STRATEGIES[key]


def _payloads(
    published: dict[str, Any], name: str, depth: int
) -> st.SearchStrategy[Any]:
    return from_schema(
        bounded_schema(published, name, depth), custom_formats=CUSTOM_FORMATS
    )


# ---- the types the IR admits, and the values that break them ----

# One value of each JSON kind, to put where a field does not admit that kind.
WRONG_VALUES: tuple[tuple[str, Any], ...] = (
    ("a string", UNKNOWN),
    ("an integer", 7),
    ("a fraction", 2.5),
    ("a boolean", True),
    ("an array", []),
    ("an object", {}),
)

# Values Pydantic's lax mode accepts although JSON Schema calls them the wrong type:
# (scalar kind, description of the wrong value). Mutations leave these out.
LAX_COERCIONS = frozenset(
    {
        ("integer", "a boolean"),  # True -> 1
        ("number", "a boolean"),  # True -> 1.0
        ("datetime", "an integer"),  # Unix timestamp
        ("datetime", "a fraction"),  # Unix timestamp
        ("date", "an integer"),  # Unix timestamp of a midnight
        ("date", "a fraction"),
        ("time", "an integer"),  # seconds since midnight
        ("time", "a fraction"),
        ("duration", "an integer"),  # seconds
        ("duration", "a fraction"),
        ("duration", "a boolean"),  # True -> 1 second
    }
)
# Kinds whose values travel as JSON strings: any other string is wrong for both sides
# (a string of the wrong form fails the format or the pattern, and the model's type).
_TEXT_KINDS = ("datetime", "date", "time", "duration", "uuid", "bytes")


def _members(module: ir.Module, type_: ir.TypeRef) -> list[ir.TypeRef]:
    """The members of the Python `Union` a type makes: inline unions, named unions
    without a discriminator and `?` taken apart (Python flattens them; a null
    member is left out). A discriminated union stays whole: it is an `Annotated`
    union, which Python does not flatten, and the tag picks its variant."""
    match type_:
        case ir.Nullable(item):
            return _members(module, item)
        case ir.OneOf(variants):
            return [m for v in variants for m in _members(module, v)]
        case ir.UnionRef(name) if module.union(name).discriminator is None:
            return [m for v in module.union(name).variants for m in _members(module, v)]
        case _:
            return [type_]


def _literal_admits(values: tuple[ir.ConstValue, ...], value: Any) -> bool | None:
    """Whether a `Literal[values]` admits `value`; None when only Pydantic does: it
    matches a Literal by Python's equality, where True == 1 and False == 0."""
    if any(v == value and type(v) is type(value) for v in values):
        return True
    return None if any(v == value for v in values) else False


def _admits(
    type_: ir.TypeRef, module: ir.Module, label: str, value: Any
) -> bool | None:
    """Whether a value of kind `label` has a type `type_` admits; None when Pydantic's
    lax mode and JSON Schema disagree about it (LAX_COERCIONS)."""
    members = _members(module, type_)
    if members != [type_]:
        verdicts = [_admits(m, module, label, value) for m in members]
        return True if True in verdicts else None if None in verdicts else False
    match type_:
        case ir.Scalar(kind):
            if (kind, label) in LAX_COERCIONS:
                return None
            if kind == "json":
                return True
            if kind == "string" or kind in _TEXT_KINDS:
                # A string with a bad date(-time) format is a wrong value for both sides.
                return isinstance(value, str) and kind == "string"
            if kind == "decimal":  # a number, or a string in decimal notation
                return isinstance(value, (int, float)) and not isinstance(value, bool)
            if kind == "integer":
                return isinstance(value, int) and not isinstance(value, bool)
            if kind == "number":
                return isinstance(value, (int, float)) and not isinstance(value, bool)
            return isinstance(value, bool)
        case ir.InlineEnum(values):
            return _literal_admits(values, value)
        case ir.EnumRef(name):
            enum = module.enum(name)
            if enum.open:
                return _admits(ir.Scalar(enum.kind), module, label, value)
            return _literal_admits(enum.values, value)
        case ir.Const(constant):
            return _literal_admits((constant,), value)
        case ir.ListOf():
            return isinstance(value, list)
        case ir.MapOf():
            return isinstance(value, dict)
        case ir.ModelRef(name):  # {} lacks every required field
            required = any(f.required for f in module.all_fields(module.model(name)))
            return isinstance(value, dict) and not (required and not value)
        case ir.UnionRef():  # a discriminated union: {} has no tag
            return isinstance(value, dict) and bool(value)
        case _:
            raise AssertionError(f"{type_} is taken apart by _members")


def _closed_values(type_: ir.TypeRef, module: ir.Module) -> tuple[ir.ConstValue, ...]:
    match type_:
        case ir.InlineEnum(values):
            return values
        case ir.EnumRef(name) if not module.enum(name).open:
            return module.enum(name).values
        case ir.Const(value):
            return (value,)
        case _:
            return ()


def _wrong_values(type_: ir.TypeRef, module: ir.Module) -> Iterator[tuple[str, Any]]:
    """Values `type_` does not admit, each with what is wrong with it."""
    closed = _closed_values(type_, module)
    assert UNKNOWN not in closed, "pick another UNKNOWN: the type holds it"
    for label, value in WRONG_VALUES:
        if _admits(type_, module, label, value) is False:
            same_kind = closed and any(type(v) is type(value) for v in closed)
            if same_kind:
                label = (
                    "a wrong constant"
                    if isinstance(type_, ir.Const)
                    else "an unknown enum value"
                )
            yield label, value
    if isinstance(type_, ir.ListOf):
        for label, value in _wrong_values(type_.item, module):
            yield f"a list holding {label}", [value]
        if not _admits_null(type_.item, module):
            yield "a list holding null", [None]
    if isinstance(type_, ir.MapOf):
        for label, value in _wrong_values(type_.value, module):
            yield f"a map holding {label}", {"k": value}
        if not _admits_null(type_.value, module):
            yield "a map holding null", {"k": None}


def _accepted_values(type_: ir.TypeRef, module: ir.Module) -> Iterator[tuple[str, Any]]:
    """Values `type_` admits that a drawn payload may never hold: an open enum's
    unknown value, a null item of `list<T?>`."""
    for member in _members(module, type_):
        if isinstance(member, ir.EnumRef) and module.enum(member.name).open:
            enum = module.enum(member.name)
            unknown: ir.EnumValue = (
                UNKNOWN if enum.kind == "string" else max(map(int, enum.values)) + 1
            )
            assert unknown not in enum.values
            yield f"an unknown value of the open enum {enum.name}", unknown
        if isinstance(member, ir.ListOf):
            if _admits_null(member.item, module):
                yield "a list holding null", [None]
            for label, value in _accepted_values(member.item, module):
                yield f"a list holding {label}", [value]
        if isinstance(member, ir.MapOf):
            if _admits_null(member.value, module):
                yield "a map holding null", {"k": None}
            for label, value in _accepted_values(member.value, module):
                yield f"a map holding {label}", {"k": value}


def _admits_null(type_: ir.TypeRef, module: ir.Module) -> bool:
    """`T?`, `json`, or a union with such a variant."""
    match type_:
        case ir.Nullable() | ir.Scalar("json"):
            return True
        case ir.OneOf(variants):
            return any(_admits_null(v, module) for v in variants)
        case ir.UnionRef(name):
            return any(_admits_null(v, module) for v in module.union(name).variants)
        case _:
            return False


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


_SCALAR_KINDS = {
    **{kind: {"string"} for kind in _TEXT_KINDS},
    "decimal": {"string", "integer", "number"},
    "string": {"string"},
    "datetime": {"string"},
    "date": {"string"},
    "integer": {"integer"},
    "number": {"integer", "number"},
    "boolean": {"boolean"},
    "json": {"string", "integer", "number", "boolean", "array", "object"},
}


def _kinds(member: ir.TypeRef, module: ir.Module) -> set[str]:
    """The JSON kinds of the values of a union's member (not itself a union)."""
    match member:
        case ir.Scalar(kind):
            return _SCALAR_KINDS[kind]
        case ir.EnumRef(name) if module.enum(name).open:
            return _SCALAR_KINDS[module.enum(name).kind]
        case ir.InlineEnum() | ir.EnumRef() | ir.Const():
            return {_json_kind(v) for v in _closed_values(member, module)}
        case ir.ListOf():
            return {"array"}
        case _:
            return {"object"}  # a map, a model or a discriminated union


def _member_for(module: ir.Module, type_: ir.TypeRef, value: Any) -> ir.TypeRef | None:
    """The type a (non-null) `value` of `type_` is of: `type_` itself, the member of
    a union its JSON kind picks, or the variant of a discriminated union its tag
    names (one level at a time); None when several could hold it (Pydantic then
    chooses by its own rules)."""
    if isinstance(type_, ir.UnionRef) and module.union(type_.name).discriminator:
        union = module.union(type_.name)
        if not isinstance(value, dict):
            return None
        tag = value.get(union.discriminator)
        return next(
            (
                ir.ModelRef(name)
                for name, constant in _tags(module, union).items()
                if constant == tag and type(constant) is type(tag)
            ),
            None,
        )
    members = _members(module, type_)
    if members == [type_]:
        return type_
    holding = [m for m in members if _json_kind(value) in _kinds(m, module)]
    return holding[0] if len(holding) == 1 else None


@dataclass(frozen=True)
class Mutation:
    description: str
    payload: Any
    # A TypedDict is never closed (unknown keys are its business), and Python's
    # types have no "any value but None" (a `json` key admits null).
    typed_dict_applies: bool
    # What the judges must say: "rejected" or "accepted" by all, or "same" (agree).
    expected: str = "rejected"


def _set_at(payload: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    out = copy.copy(payload)
    out[path[0]] = _set_at(payload[path[0]], path[1:], value)
    return out


@dataclass(frozen=True)
class _Found:
    """An object of `payload` that stands for a model, where it is, and the
    discriminated union it was reached through (if any)."""

    model: ir.Model
    obj: dict[str, Any]
    path: tuple[Any, ...]
    union: ir.Union | None = None


def _model_objects(
    module: ir.Module,
    type_: ir.TypeRef,
    value: Any,
    path: tuple[Any, ...],
    union: ir.Union | None = None,
) -> Iterator[_Found]:
    """Every object in `value` that stands for a model, with its path. Inside a union,
    only values whose member is known (by their kind or their tag) are followed."""
    if value is None:
        return
    member = _member_for(module, type_, value)
    if member is None:
        return
    if member != type_:  # a union's member
        if isinstance(type_, ir.UnionRef) and module.union(type_.name).discriminator:
            union = module.union(type_.name)
        yield from _model_objects(module, member, value, path, union)
        return
    if isinstance(type_, ir.ModelRef) and isinstance(value, dict):
        model = module.model(type_.name)
        yield _Found(model, value, path, union)
        for field in module.all_fields(model):
            if field.name in value:
                yield from _model_objects(
                    module, field.type, value[field.name], (*path, field.name)
                )
    elif isinstance(type_, ir.ListOf) and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _model_objects(module, type_.item, item, (*path, index))
    elif isinstance(type_, ir.MapOf) and isinstance(value, dict):
        for key, item in value.items():
            yield from _model_objects(module, type_.value, item, (*path, key))


def _tags(module: ir.Module, union: ir.Union) -> dict[str, ir.ConstValue]:
    """Each variant's constant, by model name."""
    tags = {}
    for variant in union.variants:
        assert isinstance(variant, ir.ModelRef)
        field = next(
            f
            for f in module.all_fields(module.model(variant.name))
            if f.name == union.discriminator
        )
        assert isinstance(field.type, ir.Const)
        tags[variant.name] = field.type.value
    return tags


def mutations(module: ir.Module, model_name: str, payload: Any) -> Iterator[Mutation]:
    """Each way of breaking exactly one constraint of one model object in `payload`,
    and a few changes the judges must accept or agree about."""
    for found in _model_objects(module, ir.ModelRef(model_name), payload, ()):
        model, obj, path = found.model, found.obj, found.path
        where = "".join(f"[{p!r}]" for p in path) or "the payload"

        def replaced(new_obj: dict[str, Any], path: tuple[Any, ...] = path) -> Any:
            return _set_at(payload, path, new_obj)

        for field in module.all_fields(model):
            at = f"{where}[{field.name!r}]"
            if field.required and field.name in obj:
                without = {k: v for k, v in obj.items() if k != field.name}
                yield Mutation(f"{at}: required field missing", replaced(without), True)
            if not field.nullable:
                yield Mutation(
                    f"{at}: null in a non-nullable field",
                    replaced({**obj, field.name: None}),
                    field.type != ir.Scalar("json"),
                )
            tag_of_union = found.union is not None and (
                field.name == found.union.discriminator
            )
            # A union's tag changed to another value may name another variant:
            # the tag mutations below know which values are whose.
            for label, value in (
                () if tag_of_union else _wrong_values(field.type, module)
            ):
                yield Mutation(
                    f"{at}: {label}",
                    replaced({**obj, field.name: value}),
                    not _text_as_bytes(field.type, value, module),
                )
            for label, value, verdict in _edge_values(field, obj.get(field.name)):
                yield Mutation(
                    f"{at}: {label}",
                    replaced({**obj, field.name: value}),
                    False,  # a TypedDict states no constraints
                    verdict,
                )
            for label, value in _accepted_values(field.type, module):
                if constraints.value_breaks(dict(field.constraints), value):
                    continue
                yield Mutation(
                    f"{at}: {label}",
                    replaced({**obj, field.name: value}),
                    True,
                    "accepted",
                )
        if found.union is not None:
            tag = found.union.discriminator
            assert tag is not None
            tags = _tags(module, found.union)
            at = f"{where}[{tag!r}]"
            values = list(tags.values())  # all of one kind (the resolver's rule)
            unknown: ir.ConstValue | None = UNKNOWN
            if isinstance(values[0], bool):
                unknown = next((b for b in (True, False) if b not in values), None)
            elif isinstance(values[0], int):
                unknown = max(int(v) for v in values) + 1
            if unknown is not None:
                yield Mutation(
                    f"{at}: an unknown tag of union {found.union.name}",
                    replaced({**obj, tag: unknown}),
                    True,
                )
            for other, value in tags.items():
                if other != model.name:
                    yield Mutation(
                        f"{at}: the tag of {other}, on a {model.name}",
                        replaced({**obj, tag: value}),
                        False,  # the TypedDicts of another variant may keep any key
                        "same",
                    )
        if model.extra == "forbid":
            key = UNKNOWN
            yield Mutation(
                f"{where}: unknown key {key!r} under extra: forbid",
                replaced({**obj, key: 1}),
                False,
            )


def _edge_values(field: ir.Field, drawn: Any) -> Iterator[tuple[str, Any, str]]:
    """Values at and just past each edge of the field's constraints, each with the
    verdict the generator's own reading of the constraints gives it ("accepted" or
    "rejected"); `drawn` is the field's value in the drawn (valid) payload."""
    given = dict(field.constraints)
    if not given:
        return
    for label, value in _edge_candidates(field, given, drawn):
        broken = constraints.value_breaks(given, value)
        yield label, value, "rejected" if broken else "accepted"


def _edge_candidates(
    field: ir.Field, given: dict[str, Any], drawn: Any
) -> Iterator[tuple[str, Any]]:
    kind = constraints.applies_to(field.type)[:1]
    if kind == ("string",):
        text = drawn if isinstance(drawn, str) else None
        if "pattern" in given:
            if text is None:
                return
            # The drawn text matches; these sit just past it (a `$` before a final
            # newline is where Python's `re` and ECMA-262 part).
            for label, value in (
                ("the drawn text and a newline", text + "\n"),
                ("a newline and the drawn text", "\n" + text),
                ("the drawn text without its last character", text[:-1]),
                ("the drawn text with its last character twice", text + text[-1:]),
                ("the drawn text in upper case", text.upper()),
            ):
                yield label, value
            units = [text[:1] or "a"]
        else:
            units = ["a", "\U0001d11e"]  # one code point, two UTF-16 units
        for name in ("min_length", "max_length"):
            if name in given:
                for count in (given[name] - 1, given[name], given[name] + 1):
                    for unit in units:
                        if count >= 0:
                            yield f"{count} x {unit!r} against {name}", unit * count
    elif kind == ("list",):
        items = drawn if isinstance(drawn, list) else []
        for name in ("min_items", "max_items"):
            if name in given and items:
                for count in (given[name] - 1, given[name], given[name] + 1):
                    if count >= 0:
                        yield f"{count} items against {name}", [items[0]] * count
        if items == [] and given.get("min_items", 0) > 0:
            yield "an empty list against min_items", []
    elif kind == ("number",):
        integer = field.type == ir.Scalar("integer")
        step = given.get("multiple_of")
        values: set[int | float] = set()
        for name in ("minimum", "maximum", "exclusive_minimum", "exclusive_maximum"):
            if name in given:
                bound = given[name]
                if integer:
                    values.update(range(math.floor(bound) - 1, math.ceil(bound) + 2))
                else:
                    values.update(
                        (bound, math.nextafter(bound, -math.inf),
                         math.nextafter(bound, math.inf))
                    )  # fmt: skip
                if step:
                    below = math.floor(bound / step) * step
                    values.update((below - step, below, below + step, below + 1))
        if step:
            values.update((step, step + 1, -step, 2 * step - 1, 0))
        for value in sorted(values):
            if integer:
                value = int(value)
            yield f"{value!r} against {given}", value


def _text_as_bytes(type_: ir.TypeRef, value: Any, module: ir.Module) -> bool:
    """Whether `value` holds a string where `type_` holds bytes: a TypedDict's
    `bytes`, as Pydantic reads it, takes any string as its UTF-8 bytes (the models'
    `Base64Bytes` and the published pattern take base64 text only)."""
    if not isinstance(value, (str, list, dict)):
        return False
    seen: set[ir.UnionRef] = set()
    pending = [type_]
    while pending:
        current = pending.pop()
        if current == ir.Scalar("bytes"):
            return True
        if isinstance(current, ir.UnionRef) and current not in seen:
            seen.add(current)  # a named union's variants too, each union once
            pending.extend(module.union(current.name).variants)
        pending.extend(ir.parts(current))
    return False


def python_name_keys(module: ir.Module, model_name: str, payload: Any) -> list[str]:
    """Unknown keys of `payload` that are the Python name of an aliased field: the models
    read them as that field (`populate_by_name`), the published schema as unknown keys."""
    found = []
    for item in _model_objects(module, ir.ModelRef(model_name), payload, ()):
        wire = {f.name for f in module.all_fields(item.model)}
        for field in module.all_fields(item.model):
            python = field_name(field)
            if python != field.name and python in item.obj and python not in wire:
                found.append(f"{item.path}{python}")
    return found


# ---- verdicts ----


@cache
def typed_dict_adapter(typed_dict: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(typed_dict)


def _verdict(check: Any, payload: Any) -> str | None:
    """None when accepted, else the reason."""
    try:
        check(payload)
    except (pydantic.ValidationError, jsonschema.ValidationError) as exc:
        return (
            str(exc).splitlines()[0]
            if isinstance(exc, pydantic.ValidationError)
            else exc.message
        )
    return None


@dataclass(frozen=True)
class Judges:
    model: Any
    typed_dict: Any
    schema: jsonschema.Draft202012Validator

    def verdicts(self, payload: Any) -> dict[str, str | None]:
        return {
            "model": _verdict(self.model.model_validate, payload),
            "typed_dict": _verdict(
                typed_dict_adapter(self.typed_dict).validate_python, payload
            ),
            "json_schema": _verdict(self.schema.validate, payload),
        }


def _show(payload: Any) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False, default=str)


def check_same_verdict(
    module: ir.Module, model_name: str, judges: Judges, payload: Any
) -> None:
    verdicts = judges.verdicts(payload)
    rejected = {k: v for k, v in verdicts.items() if v is not None}
    assert not rejected, (
        f"{model_name}: a payload drawn from the published schema was rejected by "
        f"{rejected}\npayload: {_show(payload)}"
    )
    for mutation in mutations(module, model_name, payload):
        verdicts = judges.verdicts(mutation.payload)
        if not mutation.typed_dict_applies:
            del verdicts["typed_dict"]
        accepted = [k for k, v in verdicts.items() if v is None]
        expected = {
            "rejected": [],
            "accepted": list(verdicts),
            "same": accepted if accepted in ([], list(verdicts)) else None,
        }[mutation.expected]
        assert accepted == expected, (
            f"{model_name}: {mutation.description} (to be {mutation.expected}): "
            f"accepted by {accepted}, rejected by "
            f"{ {k: v for k, v in verdicts.items() if v is not None} }\n"
            f"payload: {_show(mutation.payload)}"
        )


# ---- round trip ----

_DATETIME = pydantic.TypeAdapter(datetime)
_DATE = pydantic.TypeAdapter(date)
# The other scalars as the models read them (a time as itself and its offset).
_READERS: dict[str, pydantic.TypeAdapter[Any]] = {
    "time": pydantic.TypeAdapter(time),
    "duration": pydantic.TypeAdapter(timedelta),
    "uuid": pydantic.TypeAdapter(UUID),
    "decimal": pydantic.TypeAdapter(Decimal),
    "bytes": pydantic.TypeAdapter(pydantic.Base64Bytes),
}


def _canonical(module: ir.Module, type_: ir.TypeRef, value: Any) -> Any:
    """`value` as the data it stands for: date-times as (instant, offset), numbers as floats,
    unknown keys of `extra: ignore` models dropped (the model drops them by design)."""
    if value is None:
        return None
    member = _member_for(module, type_, value)
    if member is None:
        return (
            value  # one of several members: Pydantic keeps its kind, and so its value
        )
    if member != type_:
        return _canonical(module, member, value)
    if isinstance(type_, ir.Scalar):
        if type_.kind == "datetime":
            # Parsed as the model parses it: `datetime.fromisoformat` reads RFC 3339
            # only from Python 3.11 on (`Z`, any fraction length).
            parsed = _DATETIME.validate_python(value)
            return (parsed, parsed.utcoffset())
        if type_.kind == "date":
            return _DATE.validate_python(value)
        if type_.kind in _READERS:
            read = _READERS[type_.kind].validate_python(value)
            return (read, read.utcoffset()) if isinstance(read, time) else read
        if type_.kind == "number":
            return float(value)
        return value
    if isinstance(type_, ir.ListOf):
        return [_canonical(module, type_.item, v) for v in value]
    if isinstance(type_, ir.MapOf):
        return {k: _canonical(module, type_.value, v) for k, v in value.items()}
    if isinstance(type_, ir.ModelRef):
        model = module.model(type_.name)
        fields = {f.name: f for f in module.all_fields(model)}
        out = {}
        for key, item in value.items():
            if key in fields:
                out[key] = _canonical(module, fields[key].type, item)
            elif model.extra == "allow":
                out[key] = item
        return out
    return value


def check_round_trip(
    module: ir.Module, model_name: str, model_cls: Any, payload: Any
) -> None:
    instance = model_cls.model_validate(payload)
    dumped = instance.to_dict(mode="json")
    ref = ir.ModelRef(model_name)
    assert _canonical(module, ref, dumped) == _canonical(module, ref, payload), (
        f"{model_name}: to_dict(mode='json') lost data\npayload: {_show(payload)}\n"
        f"to_dict: {_show(dumped)}"
    )
    assert json.loads(instance.to_json()) == dumped, (
        f"{model_name}: to_json() != to_dict(mode='json')"
    )
    again = model_cls.model_validate(dumped)
    assert again == instance, (
        f"{model_name}: model_validate(to_dict()) != the original\npayload: {_show(payload)}"
    )
    assert model_cls.model_validate(instance.to_dict()) == instance, (
        f"{model_name}: model_validate(to_dict(mode='python')) != the original"
    )
