"""Generate a spec with the real pipeline into a temporary folder and import the output.

Each generation is imported as a package with a name of its own, so several
generations (of different specs, or of the same spec twice) never share
`sys.modules` entries; leaving the context removes every module it imported.
"""

from __future__ import annotations

import importlib
import itertools
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any, Union, get_args

from generator import ir, writer
from generator.loading import load_modules
from generator.pipeline import Options, render

_COUNTER = itertools.count()


def not_null_item(model_cls: type, field: Any) -> Any | None:
    """T when the field (a Pydantic FieldInfo) of a generated model is the generated
    base's `NotNull[T]` (`Annotated[T | SkipJsonSchema[None], <marks>]`), else None.
    Known by the base's own marks, the objects every `NotNull[...]` carries."""
    base = next(
        sys.modules[c.__module__]
        for c in model_cls.__mro__
        if c.__module__.endswith(".models._base")
    )
    carried, *marks = get_args(base.NotNull)
    if field.metadata != marks:
        return None
    skipped = get_args(carried)[1]  # SkipJsonSchema[None]
    members = tuple(m for m in get_args(field.annotation) if m != skipped)
    return members[0] if len(members) == 1 else Union[members]  # noqa: UP007


class GeneratedPackage:
    """The output of one pipeline run, importable as `name` from `folder.parent`.

    Not a dataclass: Hypothesis prints a dataclass argument field by field, and
    the files of a package make for a very long failure report."""

    def __init__(
        self,
        name: str,
        folder: Path,
        modules: tuple[ir.Module, ...],
        files: dict[str, str],
    ) -> None:
        self.name = name
        self.folder = folder
        self.modules = modules
        self.files = files

    def __repr__(self) -> str:
        return f"GeneratedPackage({self.name!r}, {[m.name for m in self.modules]})"

    def models(self, module: ir.Module) -> ModuleType:
        return importlib.import_module(f"{self.name}.models.{module.name}")

    def typed_dicts(self, module: ir.Module) -> ModuleType:
        return importlib.import_module(f"{self.name}.typed_dicts.{module.name}")

    def typed_dicts_source(self, module: ir.Module) -> str:
        return self.files[f"typed_dicts/{module.name}.py"]

    def json_schema(self, module: ir.Module) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(
            self.files[f"json_schema/{module.name}.schema.json"]
        )
        return loaded


@contextmanager
def generated(spec_paths: list[str]) -> Iterator[GeneratedPackage]:
    """Run load -> resolve -> render -> write for `spec_paths`; yield the imported output."""
    modules = load_modules(spec_paths)
    files = render(modules, Options())
    name = f"schemasmith_out_{os.getpid()}_{next(_COUNTER)}"
    with tempfile.TemporaryDirectory(prefix="schemasmith-") as tmp:
        folder = Path(tmp) / name
        writer.apply(folder, writer.plan(folder, files))
        sys.path.insert(0, tmp)
        importlib.invalidate_caches()
        try:
            yield GeneratedPackage(name, folder, modules, files)
        finally:
            sys.path.remove(tmp)
            for key in [
                k for k in sys.modules if k == name or k.startswith(name + ".")
            ]:
                del sys.modules[key]


@contextmanager
def generated_from_text(
    spec_text: str, file_name: str = "spec.yaml"
) -> Iterator[GeneratedPackage]:
    """`generated` for a spec given as YAML text (random specs)."""
    with tempfile.TemporaryDirectory(prefix="schemasmith-spec-") as tmp:
        path = Path(tmp) / file_name
        path.write_text(spec_text, encoding="utf-8")
        with generated([str(path)]) as package:
            yield package
