"""Compare two sides model by model, following nested models once each (so cycles end)."""

from __future__ import annotations

import dataclasses
from collections import deque
from dataclasses import dataclass
from typing import Literal

from generator.sync.shapes import (
    EnumShape,
    FieldShape,
    ListShape,
    MapShape,
    ModelShape,
    ModelSource,
    Scalar,
    Shape,
    UnionShape,
    accepts,
    text,
    value_text,
)

Kind = Literal[
    "missing_in_target",
    "missing_in_spec",
    "type",
    "required",
    "nullable",
    "enum",
    "discriminator",
    "frozen",
    "doc",
]
KINDS: tuple[Kind, ...] = (
    "missing_in_target",
    "missing_in_spec",
    "type",
    "required",
    "nullable",
    "enum",
    "discriminator",
    "frozen",
    "doc",
)
Value = str | bool | list[str] | None


@dataclass(frozen=True)
class Difference:
    model: str  # the spec's model name (the target's when the spec has none)
    field: str | None  # the wire name; None for the model itself
    kind: Kind
    spec: Value
    target: Value
    note: str
    # True when only the writing differs: the same JSON values are accepted and
    # produced (`type`), or the same words (`doc`). Not drift unless --strict.
    representation: bool = False

    @property
    def where(self) -> str:
        return self.model if self.field is None else f"{self.model}.{self.field}"


@dataclass(frozen=True)
class ModelPair:
    spec: str
    target: str
    via: (
        str | None
    )  # the spec field through which the pair was reached; None for the root


@dataclass(frozen=True)
class Comparison:
    pairs: tuple[ModelPair, ...]
    differences: tuple[Difference, ...]


def _words(text: str) -> str:
    return " ".join(text.split())


def _doc_note(spec: str, target: str) -> tuple[str, bool]:
    """How two documentation texts differ, and whether only their writing does."""
    if _words(spec) == _words(target):
        return "differs only in whitespace or line breaks", True
    if _words(spec.replace("`", "")) == _words(target.replace("`", "")):
        return "differs only in `code` marks and line breaks", True
    if not target:
        return "the target has no documentation", False
    if not spec:
        return "the spec has no documentation", False
    return "the texts differ", False


def _models(shape: Shape) -> list[ModelShape]:
    """The models a type holds, in lists, maps and unions too."""
    if isinstance(shape, ModelShape):
        return [shape]
    if isinstance(shape, ListShape):
        return _models(shape.item)
    if isinstance(shape, MapShape):
        return _models(shape.value)
    if isinstance(shape, UnionShape):
        return [m for option in shape.options for m in _models(option)]
    return []


def _relation(spec: Shape, target: Shape) -> tuple[str, bool]:
    """How two types differ on the wire, and whether they accept the same values."""
    wider = accepts(target, spec)
    narrower = accepts(spec, target)
    if wider and narrower:
        return "equivalent on the wire, written differently", True
    if wider:
        return "the target accepts more than the spec", False
    if narrower:
        return "the target accepts less than the spec", False
    return "incompatible types", False


@dataclass
class _Details:
    """What two types of one field differ in besides their structure."""

    # (the spec's, the target's, whether both are open: then any value passes)
    enums: list[tuple[EnumShape, EnumShape, bool]] = dataclasses.field(
        default_factory=list
    )
    # (the spec's discriminator, the target's), None for none
    discriminators: list[tuple[str | None, str | None]] = dataclasses.field(
        default_factory=list
    )


def _values(values: list[str]) -> str:
    return ", ".join(value_text(v) for v in values)


def _open(shape: UnionShape) -> bool:
    """Whether a union takes any string or whole number besides its enum values
    (an open enum): then the values named are a hint, and differ only in writing."""
    scalars = [o for o in shape.options if isinstance(o, Scalar)]
    enums = [o for o in shape.options if isinstance(o, EnumShape)]
    return bool(enums) and all(any(accepts(s, e) for s in scalars) for e in enums)


def _discriminator_note(spec: str | None, target: str | None) -> str:
    """Validation picks the variant by the field, or tries each: the variants'
    own constants decide what is accepted either way (their fields are compared)."""

    def by(name: str | None) -> str:
        return f"by `{name}`" if name else "by none (each variant is tried)"

    return f"the spec tells the variants apart {by(spec)}, the target {by(target)}"


def _nullable_note(spec: FieldShape, target: FieldShape) -> str:
    side = "spec" if spec.nullable else "target"
    if not spec.required and not target.required:
        never = "target" if spec.nullable else "spec"
        return (
            f"nullable in the {side} only: the {never}'s field may be absent "
            "but is never null"
        )
    return f"nullable in the {side} only"


class _Comparer:
    def __init__(self, spec: ModelSource, target: ModelSource) -> None:
        self.spec = spec
        self.target = target
        self.queue: deque[tuple[ModelShape, ModelShape, str | None]] = deque()
        self.seen: set[tuple[object, object]] = set()
        self.pairs: list[ModelPair] = []
        self.differences: list[Difference] = []

    def run(self, spec_root: ModelShape, target_root: ModelShape) -> Comparison:
        self._enqueue(spec_root, target_root, None)
        while self.queue:
            spec_model, target_model, via = self.queue.popleft()
            self.pairs.append(ModelPair(spec_model.name, target_model.name, via))
            self._models(spec_model, target_model)
        return Comparison(tuple(self.pairs), tuple(self.differences))

    def _enqueue(self, spec: ModelShape, target: ModelShape, via: str | None) -> None:
        key = (spec.ref, target.ref)
        if key not in self.seen:
            self.seen.add(key)
            self.queue.append((spec, target, via))

    def _models(self, spec_shape: ModelShape, target_shape: ModelShape) -> None:
        spec = self.spec.model(spec_shape)
        target = self.target.model(target_shape)
        name = spec.name
        if spec.description != target.description:
            self._add(
                name,
                None,
                "doc",
                spec.description or None,
                target.description or None,
                *_doc_note(spec.description, target.description),
            )
        if None not in (spec.frozen, target.frozen) and spec.frozen != target.frozen:
            side = "spec" if spec.frozen else "target"
            self._add(
                name,
                None,
                "frozen",
                spec.frozen,
                target.frozen,
                f"frozen in the {side} only: the same JSON, but code may change "
                "the other's instances",
                representation=True,
            )
        target_fields = {f.name: f for f in target.fields}
        spec_names = {f.name for f in spec.fields}
        for field in spec.fields:
            other = target_fields.get(field.name)
            if other is None:
                self._add(
                    name,
                    field.name,
                    "missing_in_target",
                    text(field.type),
                    None,
                    "the spec has this field; the target does not",
                )
            else:
                self._fields(name, field, other)
        for other in target.fields:
            if other.name not in spec_names:
                self._add(
                    name,
                    other.name,
                    "missing_in_spec",
                    None,
                    text(other.type),
                    "the target has this field; the spec does not",
                )

    def _fields(self, model: str, spec: FieldShape, target: FieldShape) -> None:
        where = f"{model}.{spec.name}"
        details = _Details()
        if not self._same_type(spec.type, target.type, where, details):
            # The types differ, but a model both sides name is still compared.
            target_models = {m.name: m for m in _models(target.type)}
            for spec_model in _models(spec.type):
                if spec_model.name in target_models:
                    self._enqueue(spec_model, target_models[spec_model.name], where)
            self._add(
                model,
                spec.name,
                "type",
                text(spec.type),
                text(target.type),
                *_relation(spec.type, target.type),
            )
        for spec_enum, target_enum, open_ in details.enums:
            only_spec = [v for v in spec_enum.values if v not in target_enum.values]
            only_target = [v for v in target_enum.values if v not in spec_enum.values]
            parts = []
            if only_spec:
                parts.append(f"only in the spec: {_values(only_spec)}")
            if only_target:
                parts.append(f"only in the target: {_values(only_target)}")
            if open_:
                parts.append("both open: any value of the kind is accepted")
            self._add(
                model,
                spec.name,
                "enum",
                [value_text(v) for v in spec_enum.values],
                [value_text(v) for v in target_enum.values],
                "; ".join(parts),
                representation=open_,
            )
        for in_spec, in_target in details.discriminators:
            self._add(
                model,
                spec.name,
                "discriminator",
                in_spec,
                in_target,
                _discriminator_note(in_spec, in_target),
                representation=True,
            )
        if spec.required != target.required:
            side = "spec" if spec.required else "target"
            self._add(
                model,
                spec.name,
                "required",
                spec.required,
                target.required,
                f"required in the {side} only",
            )
        known = spec.nullable_known and target.nullable_known
        if known and spec.nullable != target.nullable:
            self._add(
                model,
                spec.name,
                "nullable",
                spec.nullable,
                target.nullable,
                _nullable_note(spec, target),
            )
        if spec.description != target.description:
            self._add(
                model,
                spec.name,
                "doc",
                spec.description or None,
                target.description or None,
                *_doc_note(spec.description, target.description),
            )

    def _same_type(
        self,
        spec: Shape,
        target: Shape,
        where: str,
        details: _Details,
        open_: bool = False,
    ) -> bool:
        """Whether the types match structurally; nested models are queued, enum
        sets and discriminators that differ collected. `open_`: inside a union
        that on both sides also takes any value of the enums' kind."""
        if isinstance(spec, Scalar) and isinstance(target, Scalar):
            formats_match = (
                spec.format == target.format
                or not spec.format_known
                or not target.format_known
            )
            return spec.kind == target.kind and formats_match
        if isinstance(spec, ListShape) and isinstance(target, ListShape):
            return self._same_type(spec.item, target.item, where, details)
        if isinstance(spec, MapShape) and isinstance(target, MapShape):
            return self._same_type(spec.value, target.value, where, details)
        if isinstance(spec, EnumShape) and isinstance(target, EnumShape):
            if len(spec.values) == 1 or len(target.values) == 1:
                # A constant: another value is another type, not another enum value.
                return set(spec.values) == set(target.values)
            if set(spec.values) != set(target.values):
                details.enums.append((spec, target, open_))
            return True  # value differences are reported as such, not as a type change
        if isinstance(spec, ModelShape) and isinstance(target, ModelShape):
            self._enqueue(spec, target, where)
            return True
        if isinstance(spec, UnionShape) and isinstance(target, UnionShape):
            if len(spec.options) != len(target.options):
                return False
            same = all(
                self._same_type(s, t, where, details, _open(spec) and _open(target))
                for s, t in zip(spec.options, target.options)
            )
            known = spec.discriminator_known and target.discriminator_known
            if same and known and spec.discriminator != target.discriminator:
                details.discriminators.append(
                    (spec.discriminator, target.discriminator)
                )
            return same
        return spec == target

    def _add(
        self,
        model: str,
        field: str | None,
        kind: Kind,
        spec: Value,
        target: Value,
        note: str,
        representation: bool = False,
    ) -> None:
        self.differences.append(
            Difference(model, field, kind, spec, target, note, representation)
        )


def compare(
    spec: ModelSource,
    spec_root: ModelShape,
    target: ModelSource,
    target_root: ModelShape,
) -> Comparison:
    return _Comparer(spec, target).run(spec_root, target_root)
