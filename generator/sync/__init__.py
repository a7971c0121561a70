"""`schemasmith sync`: report drift between a spec model and a model that exists elsewhere.

The target is an importable Pydantic v2 class or TypedDict (`package.module:Class`) or a schema
in a JSON Schema / OpenAPI document (`openapi.json#/components/schemas/Run`). Both
sides are read into the shapes of `generator.sync.shapes` and compared as types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
from generator.sync.python_source import PythonSource, TargetError, import_class
from generator.sync.shapes import ModelShape, ModelSource
from generator.sync.spec_source import SpecSource

__all__ = [
    "KINDS",
    "ChosenBy",
    "Difference",
    "Kind",
    "ModelChoiceError",
    "ModelPair",
    "SyncReport",
    "TargetError",
    "sync",
]


ChosenBy = Literal["model_option", "name", "root"]


class ModelChoiceError(TargetError):
    """The spec model to compare cannot be told (or `--model` names none): a usage error."""


@dataclass(frozen=True)
class SyncReport:
    spec_model: str
    spec_source: str
    # How the spec model was chosen: --model, the target's name, or the spec's root.
    chosen_by: ChosenBy
    target: str  # as given to --against
    # The target's model: the class name, the schema's title or last pointer segment.
    target_model: str
    pairs: tuple[ModelPair, ...]
    differences: tuple[Difference, ...]

    def drift(self, strict: bool) -> tuple[Difference, ...]:
        """The differences that count: all with `strict`, else those that change the wire."""
        return tuple(d for d in self.differences if strict or not d.representation)


def _candidates(names: list[str]) -> str:
    return ", ".join(sorted(set(names))) or "(the spec has no models)"


def _spec_model(
    modules: tuple[ir.Module, ...], name: str | None, target_name: str | None
) -> tuple[ir.Module, str, ChosenBy]:
    """The spec model to compare: `--model`, else the target's namesake, else the root.

    The root is taken only when no spec model has the target's name and exactly
    one spec module has a root; anything else that leaves a choice is an error
    listing the candidates.
    """

    # Names are unique across specs (the loader checks it): at most one holder.
    def holder(model: str) -> ir.Module | None:
        return next(
            (m for m in modules if any(x.name == model for x in m.models)), None
        )

    every_model = [m.name for module in modules for m in module.models]
    if name is not None:
        found = holder(name)
        if found is None:
            raise ModelChoiceError(
                f"no spec model is named '{name}'; "
                f"the spec models are: {_candidates(every_model)}"
            )
        return found, name, "model_option"
    if target_name is not None:
        found = holder(target_name)
        if found is not None:
            return found, target_name, "name"
    roots = [m for m in modules if m.root is not None]
    if len(roots) == 1 and roots[0].root is not None:
        return roots[0], roots[0].root, "root"
    why = (
        f"no spec model is named '{target_name}' (the target's name)"
        if target_name is not None
        else "the target names no model"
    )
    if roots:
        why += " and several spec modules have a root"
        candidates = [str(m.root) for m in roots]
    else:
        why += " and the spec has no root model"
        candidates = every_model
    raise ModelChoiceError(
        f"cannot tell which spec model to compare: {why}; "
        f"name it with --model, one of: {_candidates(candidates)}"
    )


def sync(
    modules: tuple[ir.Module, ...], target: str, model: str | None = None
) -> SyncReport:
    """Compare a spec model with the target; raises TargetError for bad input."""
    target_source: ModelSource
    if looks_like_document(target):
        path, _, fragment = target.partition("#")
        schema_source = JsonSchemaSource(path, load_document(path))
        if "#" in target:
            target_root = schema_source.root(fragment, None)
        else:
            # Without a pointer, the spec model's name may locate the schema
            # ($defs/NAME): the one named by --model, else the spec's only root.
            roots = [m.root for m in modules if m.root is not None]
            hint = model if model is not None else roots[0] if len(roots) == 1 else None
            target_root = schema_source.root(None, hint)
        target_source = schema_source
    else:
        python_source = PythonSource(import_class(target))
        target_root = python_source.root()
        target_source = python_source
    module, name, chosen_by = _spec_model(modules, model, target_root.name)
    result: Comparison = compare(
        SpecSource(module, modules),
        ModelShape(name, f"{module.name}.{name}"),
        target_source,
        target_root,
    )
    return SyncReport(
        name,
        module.source,
        chosen_by,
        target,
        target_root.name,
        result.pairs,
        result.differences,
    )
