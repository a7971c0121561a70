"""Checks 4 and 6: payloads drawn from the published JSON Schema get the same verdict from
the model, the TypedDict (as Pydantic's TypeAdapter reads it) and a JSON Schema validator;
payloads broken in one place are rejected by all of them; accepted payloads round-trip.

Where Pydantic is knowingly laxer than JSON Schema, the difference is named in
`LAX_COERCIONS` or in a comment, and the mutations do not probe it:
- Pydantic's lax mode coerces some values JSON Schema calls the wrong type
  (true -> 1, numbers -> datetimes as Unix timestamps, ...);
- string formats other than date and date-time are not checked by the models;
- the models accept a field under its Python name as well as its wire name
  (`populate_by_name`), so a drawn unknown key that happens to be the Python
  name of an aliased field is left out of the payload.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

import jsonschema
import pydantic
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from generator import ir
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


def format_checker() -> jsonschema.FormatChecker:
    """Draft 2020-12's format checks (not `FormatChecker()`, which mixes in older drafts'
    meanings, such as draft 3's offset-free `time`), completed with RFC 3339 times."""
    checker = jsonschema.FormatChecker(formats=())
    checker.checkers = dict(jsonschema.Draft202012Validator.FORMAT_CHECKER.checkers)
    if "date-time" not in checker.checkers:
        checker.checks("date-time")(_is_rfc3339_date_time)
    if "time" not in checker.checkers:
        checker.checks("time")(_is_rfc3339_time)
    return checker


FORMAT_CHECKER = format_checker()


def validator(published: dict[str, Any], name: str) -> jsonschema.Draft202012Validator:
    """A 2020-12 validator (formats checked) for `$defs[name]` of a published schema."""
    schema = {**published, "$ref": f"#/$defs/{name}"}
    return jsonschema.Draft202012Validator(schema, format_checker=FORMAT_CHECKER)


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
    "duration": st.from_regex(r"\AP[1-9][0-9]{0,2}(D|W|Y|M)\Z"),
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
    }
)


def _admits(
    type_: ir.TypeRef, module: ir.Module, label: str, value: Any
) -> bool | None:
    """Whether a value of kind `label` has a type `type_` admits; None when Pydantic's
    lax mode and JSON Schema disagree about it (LAX_COERCIONS)."""
    if isinstance(type_, ir.Scalar):
        if (type_.kind, label) in LAX_COERCIONS:
            return None
        if type_.kind == "json":
            return True
        if type_.kind in ("string", "datetime", "date"):
            # A string with a bad date(-time) format is a wrong value for both sides.
            return isinstance(value, str) and type_.kind == "string"
        if type_.kind == "integer":
            return isinstance(value, int) and not isinstance(value, bool)
        if type_.kind == "number":
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        return isinstance(value, bool)
    if isinstance(type_, (ir.InlineEnum, ir.EnumRef)):
        return False  # UNKNOWN is in no enum (asserted in _wrong_values)
    if isinstance(type_, ir.ListOf):
        return isinstance(value, list)
    return isinstance(value, dict)  # a map or a model


def _wrong_values(type_: ir.TypeRef, module: ir.Module) -> Iterator[tuple[str, Any]]:
    is_enum = isinstance(type_, (ir.InlineEnum, ir.EnumRef))
    if is_enum:
        values = (
            type_.values
            if isinstance(type_, ir.InlineEnum)
            else module.enum(type_.name).values
        )
        assert UNKNOWN not in values, "pick another UNKNOWN: it is a value of the enum"
    for label, value in WRONG_VALUES:
        if _admits(type_, module, label, value) is False:
            yield (
                ("an unknown enum value" if is_enum and value == UNKNOWN else label),
                value,
            )
    if isinstance(type_, ir.ListOf):
        for label, value in _wrong_values(type_.item, module):
            yield f"a list holding {label}", [value]
        if not _admits_null(type_.item):
            yield "a list holding null", [None]
    if isinstance(type_, ir.MapOf):
        for label, value in _wrong_values(type_.value, module):
            yield f"a map holding {label}", {"k": value}
        if not _admits_null(type_.value):
            yield "a map holding null", {"k": None}


def _admits_null(type_: ir.TypeRef) -> bool:
    return type_ == ir.Scalar("json")


@dataclass(frozen=True)
class Mutation:
    description: str
    payload: Any
    typed_dict_applies: (
        bool  # a TypedDict is never closed: unknown keys are its business
    )


def _set_at(payload: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    out = copy.copy(payload)
    out[path[0]] = _set_at(payload[path[0]], path[1:], value)
    return out


def _model_objects(
    module: ir.Module, type_: ir.TypeRef, value: Any, path: tuple[Any, ...]
) -> Iterator[tuple[ir.Model, dict[str, Any], tuple[Any, ...]]]:
    """Every object in `value` that stands for a model, with its path."""
    if value is None:
        return
    if isinstance(type_, ir.ModelRef) and isinstance(value, dict):
        model = module.model(type_.name)
        yield model, value, path
        for field in model.fields:
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


def mutations(module: ir.Module, model_name: str, payload: Any) -> Iterator[Mutation]:
    """Each way of breaking exactly one constraint of one model object in `payload`."""
    for model, obj, path in _model_objects(
        module, ir.ModelRef(model_name), payload, ()
    ):
        where = "".join(f"[{p!r}]" for p in path) or "the payload"

        def replaced(new_obj: dict[str, Any], path: tuple[Any, ...] = path) -> Any:
            return _set_at(payload, path, new_obj)

        for field in model.fields:
            at = f"{where}[{field.name!r}]"
            if field.required and field.name in obj:
                without = {k: v for k, v in obj.items() if k != field.name}
                yield Mutation(f"{at}: required field missing", replaced(without), True)
            if not field.nullable:
                yield Mutation(
                    f"{at}: null in a non-nullable field",
                    replaced({**obj, field.name: None}),
                    True,
                )
            for label, value in _wrong_values(field.type, module):
                yield Mutation(
                    f"{at}: {label}", replaced({**obj, field.name: value}), True
                )
        if model.extra == "forbid":
            key = UNKNOWN
            yield Mutation(
                f"{where}: unknown key {key!r} under extra: forbid",
                replaced({**obj, key: 1}),
                False,
            )


def python_name_keys(module: ir.Module, model_name: str, payload: Any) -> list[str]:
    """Unknown keys of `payload` that are the Python name of an aliased field: the models
    read them as that field (`populate_by_name`), the published schema as unknown keys."""
    found = []
    for model, obj, path in _model_objects(
        module, ir.ModelRef(model_name), payload, ()
    ):
        wire = {f.name for f in model.fields}
        for field in model.fields:
            python = field_name(field)
            if python != field.name and python in obj and python not in wire:
                found.append(f"{path}{python}")
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
        assert not accepted, (
            f"{model_name}: {mutation.description}: accepted by {accepted}, rejected by "
            f"{ {k: v for k, v in verdicts.items() if v is not None} }\n"
            f"payload: {_show(mutation.payload)}"
        )


# ---- round trip ----

_DATETIME = pydantic.TypeAdapter(datetime)
_DATE = pydantic.TypeAdapter(date)


def _canonical(module: ir.Module, type_: ir.TypeRef, value: Any) -> Any:
    """`value` as the data it stands for: date-times as (instant, offset), numbers as floats,
    unknown keys of `extra: ignore` models dropped (the model drops them by design)."""
    if value is None:
        return None
    if isinstance(type_, ir.Scalar):
        if type_.kind == "datetime":
            # Parsed as the model parses it: `datetime.fromisoformat` reads RFC 3339
            # only from Python 3.11 on (`Z`, any fraction length).
            parsed = _DATETIME.validate_python(value)
            return (parsed, parsed.utcoffset())
        if type_.kind == "date":
            return _DATE.validate_python(value)
        if type_.kind == "number":
            return float(value)
        return value
    if isinstance(type_, ir.ListOf):
        return [_canonical(module, type_.item, v) for v in value]
    if isinstance(type_, ir.MapOf):
        return {k: _canonical(module, type_.value, v) for k, v in value.items()}
    if isinstance(type_, ir.ModelRef):
        model = module.model(type_.name)
        fields = {f.name: f for f in model.fields}
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
