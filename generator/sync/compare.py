"""Compare two sides model by model, following nested models once each (so cycles end)."""

from __future__ import annotations

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
)

Kind = Literal[
    "missing_in_target",
    "missing_in_spec",
    "type",
    "required",
    "nullable",
    "enum",
    "doc",
]
KINDS: tuple[Kind, ...] = (
    "missing_in_target",
    "missing_in_spec",
    "type",
    "required",
    "nullable",
    "enum",
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
        enum_differences: list[tuple[EnumShape, EnumShape]] = []
        if not self._same_type(spec.type, target.type, where, enum_differences):
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
        for spec_enum, target_enum in enum_differences:
            only_spec = [v for v in spec_enum.values if v not in target_enum.values]
            only_target = [v for v in target_enum.values if v not in spec_enum.values]
            parts = []
            if only_spec:
                parts.append(f"only in the spec: {', '.join(only_spec)}")
            if only_target:
                parts.append(f"only in the target: {', '.join(only_target)}")
            self._add(
                model,
                spec.name,
                "enum",
                list(spec_enum.values),
                list(target_enum.values),
                "; ".join(parts),
            )
        for kind in ("required", "nullable"):
            in_spec, in_target = getattr(spec, kind), getattr(target, kind)
            if in_spec != in_target:
                side = "spec" if in_spec else "target"
                self._add(
                    model,
                    spec.name,
                    kind,
                    in_spec,
                    in_target,
                    f"{kind} in the {side} only",
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
        enums: list[tuple[EnumShape, EnumShape]],
    ) -> bool:
        """Whether the types match structurally; nested models are queued, enum sets collected."""
        if isinstance(spec, Scalar) and isinstance(target, Scalar):
            formats_match = (
                spec.format == target.format
                or not spec.format_known
                or not target.format_known
            )
            return spec.kind == target.kind and formats_match
        if isinstance(spec, ListShape) and isinstance(target, ListShape):
            return self._same_type(spec.item, target.item, where, enums)
        if isinstance(spec, MapShape) and isinstance(target, MapShape):
            return self._same_type(spec.value, target.value, where, enums)
        if isinstance(spec, EnumShape) and isinstance(target, EnumShape):
            if set(spec.values) != set(target.values):
                enums.append((spec, target))
            return True  # value differences are reported as such, not as a type change
        if isinstance(spec, ModelShape) and isinstance(target, ModelShape):
            self._enqueue(spec, target, where)
            return True
        if isinstance(spec, UnionShape) and isinstance(target, UnionShape):
            if len(spec.options) != len(target.options):
                return False
            return all(
                self._same_type(s, t, where, enums)
                for s, t in zip(spec.options, target.options)
            )
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
