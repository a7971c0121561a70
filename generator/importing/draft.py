"""A spec drafted from the shapes a sync reader reads: names, types, notes.

Every source kind (Python classes, JSON Schema, OpenAPI) is read by the reader
`schemasmith sync` uses (generator.sync), into the shapes of
generator.sync.shapes. This module turns those shapes into the pieces of a spec:
enums, unions and models with their fields. What the reader drops and the spec
can say (defaults, Python names, extra, the names of type aliases) comes from
the source's `Extras`. What the spec cannot say is widened to the closest type
that accepts at least as much, with a note on the item.
"""

from __future__ import annotations

import hashlib
import json
import keyword
import re
from collections.abc import Hashable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from generator.resolve import MAX_NAME_LENGTH, SCALAR_FORMATS, STRING_FORMATS
from generator.sync.shapes import (
    JSON,
    NULL,
    WIRE_DECIMAL,
    EnumShape,
    FieldShape,
    ListShape,
    MapShape,
    ModelInfo,
    ModelShape,
    Opaque,
    Scalar,
    Shape,
    UnionShape,
    accepts,
    literal,
    split_null,
    text,
)
from generator.targets.python_names import (
    ANNOTATION_BUILTINS,
    BASE_ATTRIBUTES,
    MODULE_NAMES,
    _python_name,
)

_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_FORMATS = set(STRING_FORMATS) - set(SCALAR_FORMATS)
# Strings of a format that a spec type of its own stands for (a `uuid` string
# keeps `type: string, format: uuid`, as spec/run.yaml writes it).
_FORMAT_TYPES = {"base64": "bytes", "time": "time", "duration": "duration"}
_NO_DEFAULT = object()


@dataclass(frozen=True)
class FieldExtras:
    """What a source knows of a field besides its shape."""

    python_name: str | None = None  # the source's attribute name, when it has one
    default: object = _NO_DEFAULT  # a JSON value, or _NO_DEFAULT
    deprecated: bool | str = False
    location: str | None = None  # `file:line:col`, or `file#/pointer`


@dataclass(frozen=True)
class ModelExtras:
    extra: str = "allow"
    direction: str | None = None
    deprecated: bool | str = False
    location: str | None = None


class Source(Protocol):
    """One source, read by a sync reader plus what the reader drops."""

    label: str  # how the header names the source
    doc: str  # the module's documentation, "" when none
    primary: ModelShape | None  # the spec's `root`, when the source names one model

    def describe(self, name: str) -> str:
        """The documentation of a named enum or union (its source name)."""
        ...

    def model(self, shape: ModelShape) -> ModelInfo: ...

    def base(self, shape: ModelShape) -> ModelShape | None:
        """The one model `shape` directly extends (a Pydantic or TypedDict base
        class, an `allOf` member that is a `$ref` to a model), else None."""
        ...

    def roots(self) -> list[ModelShape]: ...

    def aliases(self) -> list[tuple[str, Shape]]: ...

    def model_extras(self, shape: ModelShape) -> ModelExtras: ...

    def field_extras(self, shape: ModelShape, wire: str) -> FieldExtras: ...

    def target(self, shape: ModelShape) -> str:
        """The model as `schemasmith sync --against` names it."""
        ...


NO_DEFAULT = _NO_DEFAULT


@dataclass
class Note:
    """Something the spec says differently from the source: a YAML comment above
    the item, and a warning on stderr naming the source location."""

    message: str
    location: str | None


@dataclass
class FieldOut:
    wire: str
    keys: dict[str, Any]  # the field's spec keys, in writing order
    notes: list[Note] = field(default_factory=list)


@dataclass
class ModelOut:
    name: str
    keys: dict[str, Any]
    fields: list[FieldOut] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass
class NamedOut:
    """An enum or a union: its keys in writing order."""

    name: str
    keys: dict[str, Any]
    notes: list[Note] = field(default_factory=list)


@dataclass
class Draft:
    enums: list[NamedOut] = field(default_factory=list)
    unions: list[NamedOut] = field(default_factory=list)
    models: list[ModelOut] = field(default_factory=list)
    roots: list[str] = field(default_factory=list)
    # (a spec model, its source as `sync --against` names it), for every model
    targets: list[tuple[str, str]] = field(default_factory=list)


def _alias_key(shape: Shape) -> Hashable | None:
    """What a type alias is recognised by: a union's members (whatever tells them
    apart) or an enum's values; None for a shape no alias is looked up for."""
    shape = split_null(shape)[0]
    if isinstance(shape, UnionShape):
        return ("union", shape.options)
    if isinstance(shape, EnumShape) and len(shape.values) > 1:
        return ("enum", tuple(sorted(shape.values)))
    return None


def pascal(text_: str) -> str:
    return "".join(
        part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", text_)
    )


def type_name(raw: str) -> tuple[str, str | None]:
    """A class name the spec allows for a source's name, and why it changed (None
    when it did not). The same name always changes the same way."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", raw).lstrip("_")
    why = (
        None
        if name == raw
        else "a spec name is letters, digits and `_`, starting with a letter"
    )
    if not name:
        name, why = "Unnamed", "the source has no usable name"
    if name[0].isdigit():
        name, why = "T" + name, "a spec name cannot start with a digit"
    if keyword.iskeyword(name) or name in MODULE_NAMES or name in ANNOTATION_BUILTINS:
        name, why = name + "_", "the generated Python uses that name"
    if len(name) > MAX_NAME_LENGTH:
        digest = hashlib.sha256(raw.encode()).hexdigest()[:8]
        name = name[: MAX_NAME_LENGTH - 9] + "_" + digest
        why = f"a spec name has at most {MAX_NAME_LENGTH} characters"
    return name, why


def python_name_for(
    wire: str, source_name: str | None
) -> tuple[str | None, str | None]:
    """The `python_name` to write (None: the spec's own rule gives the source's
    name), and why a source name could not be kept."""
    derived = None if wire in BASE_ATTRIBUTES else _python_name(wire)
    wanted = source_name or derived
    if wanted is not None and _valid_python_name(wanted):
        return (None if wanted == derived else wanted), None
    made = re.sub(r"[^A-Za-z0-9_]", "_", wanted or wire).strip("_") or "field"
    if made[0].isdigit():
        made = "f_" + made
    if not _valid_python_name(made):
        made += "_"
    why = (
        f"the Python name '{wanted}' would shadow a name of the generated model"
        if wanted
        else None
    )
    return made, why


def _valid_python_name(name: str) -> bool:
    return (
        bool(_IDENTIFIER.match(name))
        and not keyword.iskeyword(name)
        and name not in BASE_ATTRIBUTES
        and name not in MODULE_NAMES
    )


class Drafter:
    """Turns the models a source reaches into a draft, following nested models."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self.draft = Draft()
        self.claimed: dict[str, Hashable] = {}  # spec name -> what holds it
        self.given: dict[Hashable, str] = {}  # what -> its spec name
        self.queue: list[tuple[Source, ModelShape]] = []
        self.aliases: dict[Hashable, str] = {}
        self.alias_sources: dict[str, Source] = {}
        self._infos: dict[tuple[int, Hashable], ModelInfo] = {}
        for source in sources:
            for name, shape in source.aliases():
                key = _alias_key(shape)
                if key is not None and (
                    key not in self.aliases or name < self.aliases[key]
                ):
                    self.aliases[key] = name
                    self.alias_sources.setdefault(name, source)

    # Names -----------------------------------------------------------------

    def claim(
        self, holder: Hashable, raw: str, notes: list[Note], location: str | None
    ) -> str:
        """The spec name of `holder` (a model, enum or union), claimed once."""
        if holder in self.given:
            return self.given[holder]
        name, why = type_name(raw)
        base, count = name, 1
        while name in self.claimed:
            count += 1
            name = f"{base}{count}"
            why = f"another type already has the name '{base}'"
        self.claimed[name] = holder
        self.given[holder] = name
        if why is not None:
            notes.append(Note(f"'{raw}' is named '{name}': {why}", location))
        return name

    # Models ----------------------------------------------------------------

    def run(self) -> Draft:
        for source in self.sources:
            for root in source.roots():
                name = self.model_ref(source, root)
                if root == source.primary:
                    self.draft.roots.append(name)
        index = 0
        while index < len(self.queue):
            source, shape = self.queue[index]
            index += 1
            self._model(source, shape)
        return self.draft

    def info(self, source: Source, shape: ModelShape) -> ModelInfo:
        key = (id(source), shape.ref)
        if key not in self._infos:
            self._infos[key] = source.model(shape)
        return self._infos[key]

    def model_ref(self, source: Source, shape: ModelShape) -> str:
        holder = ("model", source.target(shape))
        if holder in self.given:
            return self.given[holder]
        out = ModelOut("", {})
        extras = source.model_extras(shape)
        out.name = self.claim(holder, shape.name, out.notes, extras.location)
        self.draft.models.append(out)
        self.draft.targets.append((out.name, source.target(shape)))
        self.queue.append((source, shape))
        return out.name

    def _model(self, source: Source, shape: ModelShape) -> None:
        name = self.given[("model", source.target(shape))]
        out = next(m for m in self.draft.models if m.name == name)
        info = self.info(source, shape)
        extras = source.model_extras(shape)
        base = source.base(shape)
        while base is not None and not self.info(source, base).fields:
            base = source.base(base)  # a base of settings only (an SDK's BaseModel)
        inherited: dict[str, tuple[FieldShape, FieldExtras]] = {}
        if base is not None:
            base_info = self.info(source, base)
            inherited = {
                f.name: (f, _without_location(source.field_extras(base, f.name)))
                for f in base_info.fields
            }
            widened = [
                f.name
                for f in info.fields
                if f.name in inherited
                and not _narrows(
                    inherited[f.name], f, source.field_extras(shape, f.name)
                )
            ]
            if widened:
                out.notes.append(
                    Note(
                        f"'{shape.name}' extends '{base.name}' but declares "
                        f"{', '.join(repr(w) for w in widened)} wider than its base, "
                        "which a spec's `extends` cannot say: written with every field",
                        extras.location,
                    )
                )
                base, inherited = None, {}
        if base is not None and bool(self.info(source, base).frozen) != bool(
            info.frozen
        ):
            out.notes.append(
                Note(
                    f"'{shape.name}' extends '{base.name}' but is "
                    f"{'' if info.frozen else 'not '}frozen and its base "
                    f"{'is not' if info.frozen else 'is'}, which a spec's "
                    "`extends` cannot say: written with every field",
                    extras.location,
                )
            )
            base, inherited = None, {}
        if info.description:
            out.keys["description"] = info.description
        base_extra = "allow"
        if base is not None:
            out.keys["extends"] = self.model_ref(source, base)
            base_extra = source.model_extras(base).extra
        if extras.deprecated:
            out.keys["deprecated"] = extras.deprecated
        if extras.extra != base_extra:
            out.keys["extra"] = extras.extra
        if extras.direction is not None:
            out.keys["direction"] = extras.direction
        if info.frozen and base is None:  # a child inherits its base's
            out.keys["frozen"] = True
        python_names: set[str] = set()
        for field_shape in info.fields:
            field_extras = source.field_extras(shape, field_shape.name)
            if inherited.get(field_shape.name) == (
                field_shape,
                _without_location(field_extras),
            ):
                continue  # inherited as it is
            out.fields.append(
                self._field(source, name, field_shape, field_extras, python_names)
            )

    def _field(
        self,
        source: Source,
        model: str,
        shape: FieldShape,
        extras: FieldExtras,
        python_names: set[str],
    ) -> FieldOut:
        out = FieldOut(shape.name, {})
        keys = out.keys
        context = _Context(self, source, model, shape.name, out.notes, extras.location)
        type_ = shape.type
        required, nullable = shape.required, shape.nullable or not shape.nullable_known
        if (
            isinstance(type_, EnumShape)
            and len(type_.values) == 1
            and not self._named_enum(type_)
        ):
            keys["const"] = json.loads(type_.values[0])
            if not required:
                keys["required"] = False
            if nullable:
                keys["nullable"] = True
        else:
            string_enum = (
                isinstance(type_, EnumShape)
                and type_.name is None
                and _alias_key(type_) not in self.aliases
                and _kinds(type_) == {"string"}
                and "" not in [json.loads(v) for v in type_.values]
            )
            if string_enum:
                assert isinstance(type_, EnumShape)
                keys["type"] = "string"
                keys["enum"] = [json.loads(v) for v in type_.values]
            else:
                keys["type"], format_ = context.field_type(type_)
                if format_ is not None:
                    keys["format"] = format_
            if required:
                keys["required"] = True
            if not nullable:
                keys["nullable"] = False
            if (
                extras.default is not _NO_DEFAULT
                and not required
                and _default_fits(type_, extras.default)
            ):
                keys["default"] = extras.default
        python_name, why = python_name_for(shape.name, extras.python_name)
        if python_name is not None:
            while python_name in python_names:
                python_name += "_"
            keys["python_name"] = python_name
            if why:
                out.notes.append(
                    Note(f"{why}: python_name '{python_name}'", extras.location)
                )
        python_names.add(python_name or _python_name(shape.name) or shape.name)
        if extras.deprecated:
            keys["deprecated"] = extras.deprecated
        if shape.description:
            keys["description"] = shape.description
        return out

    def _named_enum(self, shape: EnumShape) -> bool:
        return shape.name is not None

    # Enums and unions --------------------------------------------------------

    def enum_ref(
        self, context: _Context, shape: EnumShape, open_as: UnionShape | None
    ) -> str:
        """The named enum of `shape`; open when `open_as` is the union of it and its kind."""
        values = [json.loads(v) for v in shape.values]
        holder = ("enum", tuple(sorted(shape.values)), open_as is not None, shape.name)
        if holder in self.given:
            return self.given[holder]
        alias = self.aliases.get(_alias_key(open_as if open_as is not None else shape))
        open_kind = open_as is not None
        out = NamedOut("", {})
        raw = alias or shape.name or context.derived_name()
        out.name = self.claim(holder, raw, out.notes, context.location)
        self._describe(out, raw, context.source)
        if _kinds(shape) == {"integer"}:
            out.keys["type"] = "integer"
        if open_kind:
            out.keys["open"] = True
        out.keys["values"] = values
        self.draft.enums.append(out)
        return out.name

    def union_ref(
        self, context: _Context, shape: UnionShape, variants: list[str]
    ) -> str | None:
        """The name of a named union for `shape`, or None to write it inline."""
        alias = self.aliases.get(("union", shape.options))
        discriminator = self._discriminator(context, shape)
        if alias is None and discriminator is None:
            return None
        holder = ("union", shape.options, discriminator)
        if holder in self.given:
            return self.given[holder]
        out = NamedOut("", {})
        raw = alias or context.derived_name()
        out.name = self.claim(holder, raw, out.notes, context.location)
        self._describe(out, raw, context.source)
        if discriminator is not None:
            out.keys["discriminator"] = discriminator
        out.keys["variants"] = variants
        self.draft.unions.append(out)
        return out.name

    def _describe(self, out: NamedOut, raw: str, source: Source) -> None:
        description = self.alias_sources.get(raw, source).describe(raw)
        if description:
            out.keys["description"] = description

    def _discriminator(self, context: _Context, shape: UnionShape) -> str | None:
        """The union's discriminator when the spec can state it (every variant a
        model with a distinct constant of one kind there, present and never null)."""
        tag = shape.discriminator
        if tag is None:
            return None
        seen: set[str] = set()
        for option in shape.options:
            constant = None
            if isinstance(option, ModelShape):
                info = self.info(context.source, option)
                found = next((f for f in info.fields if f.name == tag), None)
                if (
                    found is not None
                    and found.required
                    and not found.nullable
                    and isinstance(found.type, EnumShape)
                    and len(found.type.values) == 1
                ):
                    constant = found.type.values[0]
            if constant is None or constant in seen:
                context.note(
                    f"the union of {_short(shape)} is told apart by `{tag}` in the source, "
                    "but not every variant is a model with a distinct constant there: "
                    "written without a discriminator"
                )
                return None
            seen.add(constant)
        if len({_kind(v) for v in seen}) > 1:
            return None
        return tag


def _without_location(extras: FieldExtras) -> FieldExtras:
    return replace(extras, location=None)


def _narrows(
    old: tuple[FieldShape, FieldExtras], new: FieldShape, extras: FieldExtras
) -> bool:
    """Whether a field a child declares again narrows its base's, as a spec's
    `extends` allows (docs/spec-format.md, Inheritance)."""
    base, base_extras = old
    if base.required and not new.required:
        return False
    if (new.nullable or not new.nullable_known) and not (
        base.nullable or not base.nullable_known
    ):
        return False
    if extras.python_name != base_extras.python_name:
        return False
    if isinstance(base.type, ListShape) and isinstance(new.type, ListShape):
        return base.type.item == new.type.item
    if isinstance(base.type, MapShape) and isinstance(new.type, MapShape):
        return base.type.value == new.type.value
    return base.type == new.type or accepts(base.type, new.type)


def _short(shape: Shape) -> str:
    """A type as notes show it, cut at 100 characters."""
    written = text(shape)
    return written if len(written) <= 100 else written[:97] + "..."


def _kind(value_text: str) -> str:
    value = json.loads(value_text)
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string" if isinstance(value, str) else "null"


def _kinds(shape: EnumShape) -> set[str]:
    return {_kind(v) for v in shape.values}


def _default_fits(shape: Shape, value: object) -> bool:
    """Whether the spec takes `value` as a default of a field of this type."""
    if shape == JSON:
        return True
    if isinstance(shape, ListShape):
        return isinstance(value, list) and all(
            _default_fits(shape.item, v) for v in value
        )
    if isinstance(shape, MapShape):
        return isinstance(value, dict) and all(
            isinstance(k, str) and _default_fits(shape.value, v)
            for k, v in value.items()
        )
    if isinstance(value, (list, dict)) or value is None:
        return False
    if isinstance(shape, Scalar) and shape.kind in ("datetime", "date"):
        return False
    plain = (Scalar, EnumShape)
    if isinstance(shape, plain) or (
        isinstance(shape, UnionShape)
        and all(isinstance(o, plain) for o in shape.options)
    ):
        return accepts(shape, EnumShape((literal(value),)))
    return False


class _Context:
    """Where a type is written: for derived names and notes."""

    def __init__(
        self,
        drafter: Drafter,
        source: Source,
        model: str,
        wire: str,
        notes: list[Note],
        location: str | None,
    ) -> None:
        self.drafter = drafter
        self.source = source
        self.model = model
        self.wire = wire
        self.notes = notes
        self.location = location
        self.count = 0

    def derived_name(self) -> str:
        """`Message` + `stop_reason` -> `MessageStopReason` (then `...2`, ...)."""
        self.count += 1
        suffix = "" if self.count == 1 else str(self.count)
        return f"{self.model}{pascal(self.wire)}{suffix}"

    def note(self, message: str) -> None:
        self.notes.append(Note(message, self.location))

    def widen(self, shape: Shape, why: str) -> str:
        self.note(f"{why}: written as `json` (any JSON value)")
        return "json"

    def field_type(self, shape: Shape) -> tuple[str, str | None]:
        """A field's type expression and the string format it carries, if any."""
        inner, wrappers = shape, []
        while isinstance(inner, (ListShape, MapShape)):
            wrappers.append("list" if isinstance(inner, ListShape) else "map")
            inner = inner.item if isinstance(inner, ListShape) else inner.value
        if (
            isinstance(inner, Scalar)
            and inner.kind == "string"
            and inner.format in _FORMATS
            and inner.format not in _FORMAT_TYPES
        ):
            expression = "string"
            for wrapper in reversed(wrappers):
                expression = f"{wrapper}<{expression}>"
            return expression, inner.format
        return self.expression(shape), None

    def expression(self, shape: Shape) -> str:
        if shape == JSON:
            return "json"
        if shape == WIRE_DECIMAL:
            return "decimal"
        if (
            isinstance(shape, Scalar)
            and shape.kind == "string"
            and shape.format in _FORMAT_TYPES
        ):
            return _FORMAT_TYPES[shape.format]
        if shape == NULL:
            return self.widen(shape, "a value that can only be null")
        if isinstance(shape, Scalar):
            if (
                shape.kind == "string"
                and shape.format
                and shape.format not in ("date-time", "date")
            ):
                self.note(
                    f"the string format `{shape.format}` cannot be stated here: written as `string`"
                    if shape.format in _FORMATS
                    else f"the string format `{shape.format}` is not one the spec knows: written as `string`"
                )
            return shape.kind
        if isinstance(shape, ListShape):
            return f"list<{self.nested(shape.item)}>"
        if isinstance(shape, MapShape):
            return f"map<{self.nested(shape.value)}>"
        if isinstance(shape, ModelShape):
            return self.drafter.model_ref(self.source, shape)
        if isinstance(shape, EnumShape):
            return self.enum(shape, None)
        if isinstance(shape, UnionShape):
            return self.union(shape)
        assert isinstance(shape, Opaque)
        return self.widen(
            shape, f"the source type `{shape.text}` has no JSON meaning known"
        )

    def nested(self, shape: Shape) -> str:
        """A list's item, a map's value or a union's variant: null written `T?`."""
        inner, admits_null = split_null(shape)
        if inner == JSON:
            return "json"
        expression = self.expression(inner)
        if admits_null:
            return (
                expression.replace(" | ", "? | ", 1)
                if " | " in expression
                else expression + "?"
            )
        return expression

    def enum(self, shape: EnumShape, open_as: UnionShape | None) -> str:
        kinds = _kinds(shape)
        values = [json.loads(v) for v in shape.values]
        if kinds == {"boolean"} and open_as is None:
            if len(values) == 1:
                self.note(
                    f"the constant {shape.values[0]} cannot be stated here: written as `boolean`"
                )
            return "boolean"
        if kinds == {"string"} and "" in values:
            self.note(
                "an enum with an empty value cannot be stated: written as `string`"
            )
            return "string"
        if kinds not in ({"string"}, {"integer"}):
            self.note(
                f"the enum of {', '.join(shape.values)} mixes kinds or holds fractions: "
                "written as `json` (any JSON value)"
            )
            return "json"
        return self.drafter.enum_ref(self, shape, open_as)

    def union(self, shape: UnionShape) -> str:
        options = list(shape.options)
        scalars = [o for o in options if isinstance(o, Scalar)]
        enums = [o for o in options if isinstance(o, EnumShape)]
        if (
            len(options) == 2
            and len(enums) == 1
            and len(scalars) == 1
            and scalars[0].format is None
            and scalars[0].kind in ("string", "integer")
            and _kinds(enums[0]) == {scalars[0].kind}
        ):
            return self.enum(enums[0], shape)  # an open enum
        variants = [self.nested(o) for o in options]
        if len(set(variants)) < len(variants) or "json" in variants:
            self.note(
                f"the union of {_short(shape)} has variants the spec cannot tell apart"
            )
            return "json"
        booleans = "boolean" in variants
        integer_enum = any(
            isinstance(o, EnumShape) and _kinds(o) == {"integer"} for o in options
        )
        if booleans and integer_enum:
            self.note(
                "a union of an integer enum and `boolean` cannot be stated (True == 1)"
            )
            return "json"
        named = self.drafter.union_ref(self, shape, variants)
        return named if named is not None else " | ".join(variants)


def draft(sources: list[Source]) -> Draft:
    return Drafter(sources).run()
