"""`schemasmith sync`: report drift between a spec model and a model that exists elsewhere.

The target is an importable Pydantic v2 class (`package.module:Class`) or a schema
in a JSON Schema / OpenAPI document (`openapi.json#/components/schemas/Run`). Both
sides are read into the shapes of `generator.sync.shapes` and compared as types.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import ir
from generator.sync.compare import (
    KINDS,
    Comparison,
    Difference,
    Kind,
    ModelPair,
    compare,
)
from generator.sync.json_schema_source import (
    JsonSchemaSource,
    load_document,
    looks_like_document,
)
from generator.sync.python_source import PydanticSource, TargetError, import_class
from generator.sync.shapes import ModelShape, ModelSource
from generator.sync.spec_source import SpecSource

__all__ = [
    "KINDS",
    "Difference",
    "Kind",
    "ModelPair",
    "SyncReport",
    "TargetError",
    "sync",
]


@dataclass(frozen=True)
class SyncReport:
    spec_model: str
    spec_source: str
    target: str
    pairs: tuple[ModelPair, ...]
    differences: tuple[Difference, ...]


def _spec_model(
    modules: tuple[ir.Module, ...], name: str | None, target_name: str | None
) -> tuple[ir.Module, str]:
    """The spec model to compare: `--model`, else the module's root, else the target's namesake."""

    def holders(model: str) -> list[ir.Module]:
        return [m for m in modules if any(x.name == model for x in m.models)]

    if name is not None:
        found = holders(name)
        if not found:
            raise TargetError(f"no spec model is named '{name}'")
        if len(found) > 1:
            raise TargetError(
                f"several spec modules define '{name}': choose one with --spec"
            )
        return found[0], name
    if len(modules) == 1 and modules[0].root is not None:
        return modules[0], modules[0].root
    if target_name is not None:
        found = holders(target_name)
        if len(found) == 1:
            return found[0], target_name
    raise TargetError("cannot tell which spec model to compare: name it with --model")


def sync(
    modules: tuple[ir.Module, ...], target: str, model: str | None = None
) -> SyncReport:
    """Compare a spec model with the target; raises TargetError for bad input."""
    target_source: ModelSource
    if looks_like_document(target):
        path, _, fragment = target.partition("#")
        schema_source = JsonSchemaSource(path, load_document(path))
        pointer = fragment if "#" in target else None
        if pointer is None:
            # Without a pointer the spec model's name may locate the schema ($defs/NAME).
            try:
                hint: str | None = _spec_model(modules, model, None)[1]
            except TargetError:
                hint = model
            target_root = schema_source.root(None, hint)
        else:
            target_root = schema_source.root(pointer, None)
        target_source = schema_source
    else:
        python_source = PydanticSource(import_class(target))
        target_root = python_source.root()
        target_source = python_source
    module, name = _spec_model(modules, model, target_root.name)
    spec_source = SpecSource(module)
    result: Comparison = compare(
        spec_source, ModelShape(name, name), target_source, target_root
    )
    return SyncReport(name, module.source, target, result.pairs, result.differences)
