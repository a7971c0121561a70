"""Pydantic v2 models and TypedDicts as an import source, read by sync's Python reader.

`pkg.module:Class` is one class (and what it reaches); `pkg.module` every model
and TypedDict defined in the module, and in its submodules when it is a package.
The module-level type aliases of the modules read (`ContentBlock = Annotated[Union[...],
...]`, `Model = Union[Literal[...], str]`) name the unions and enums they equal.
"""

from __future__ import annotations

import ast
import contextlib
import enum
import importlib
import inspect
import pkgutil
import sys
import textwrap
import types
import typing
from collections.abc import Hashable
from pathlib import Path
from typing import Any, cast

import typing_extensions

from generator.importing.draft import NO_DEFAULT, FieldExtras, ModelExtras
from generator.sync.python_source import (
    PythonSource,
    TargetError,
    _class_node,
    import_class,
    is_typed_dict,
)
from generator.sync.shapes import ModelInfo, ModelShape, Shape
from generator.text import normalize_doc

_ALIAS_ORIGINS: tuple[object, ...] = (
    typing.Union,
    types.UnionType,
    typing.Literal,
    typing_extensions.Literal,
    typing.Annotated,
    typing_extensions.Annotated,
)


def _is_model_class(value: object) -> bool:
    import pydantic

    if is_typed_dict(value):
        return True
    return (
        isinstance(value, type)
        and issubclass(value, pydantic.BaseModel)
        and value is not pydantic.BaseModel
        and not value.__module__.startswith("pydantic")
        and "[" not in value.__name__  # a parametrised generic
        and not getattr(value, "__pydantic_generic_metadata__", {}).get("parameters")
    )


def _modules(name: str) -> list[types.ModuleType]:
    """The module, and when it is a package every module under it, by name."""
    cwd = str(Path.cwd())
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    try:
        module = importlib.import_module(name)
    except Exception as exc:
        raise TargetError(f"cannot import {name}: {type(exc).__name__}: {exc}") from exc
    found = [module]
    for info in sorted(
        pkgutil.walk_packages(getattr(module, "__path__", []), name + "."),
        key=lambda i: i.name,
    ):
        with contextlib.suppress(Exception):  # a submodule that fails to import
            found.append(importlib.import_module(info.name))
    return found


class PythonImport:
    def __init__(self, source: str) -> None:
        self.label = source
        if ":" in source:
            classes = [import_class(source)]
            modules = [sys.modules[classes[0].__module__]]
        else:
            modules = _modules(source)
            classes = []
            for module in modules:
                for name, value in vars(module).items():
                    if (
                        not name.startswith("_")
                        and _is_model_class(value)
                        and value.__module__ == module.__name__
                        and value not in classes
                    ):
                        classes.append(value)
            if not classes:
                raise TargetError(f"{source} defines no Pydantic v2 model or TypedDict")
        self.classes = classes
        self.modules = modules
        self.primary = (
            ModelShape(classes[0].__name__, cast(Hashable, classes[0]))
            if ":" in source
            else None
        )
        module_doc = modules[0].__doc__ if ":" not in source else None
        self.doc = normalize_doc(module_doc) if isinstance(module_doc, str) else ""
        self._docs: dict[str, str] | None = None
        self.reader = PythonSource(classes[0])
        self._fields: dict[type[Any], dict[str, tuple[str, Any]]] = {}

    def roots(self) -> list[ModelShape]:
        return [ModelShape(c.__name__, cast(Hashable, c)) for c in self.classes]

    def model(self, shape: ModelShape) -> ModelInfo:
        return self.reader.model(shape)

    def base(self, shape: ModelShape) -> ModelShape | None:
        cls: Any = shape.ref
        if is_typed_dict(cls):
            node = _class_node(cls)
            namespace = vars(sys.modules[cls.__module__])
            bases: list[object] = []
            for expression in node.bases if node is not None else ():
                with contextlib.suppress(Exception):  # a base written as no plain name
                    bases.append(eval(ast.unparse(expression), dict(namespace)))
        else:
            bases = list(cls.__bases__)
        models = [b for b in bases if _is_model_class(b)]
        if len(models) != 1:
            return None  # none, or several: the fields are written out in full
        found: Any = models[0]
        return ModelShape(found.__name__, cast(Hashable, found))

    def target(self, shape: ModelShape) -> str:
        cls: Any = shape.ref
        return f"{cls.__module__}:{cls.__qualname__}"

    def aliases(self) -> list[tuple[str, Shape]]:
        found: list[tuple[str, Shape]] = []
        for module in self.modules:
            owner = type("_Owner", (), {"__module__": module.__name__})
            for name, value in vars(module).items():
                if name.startswith("_") or isinstance(value, type):
                    continue
                origin = typing_extensions.get_origin(value)
                if origin not in _ALIAS_ORIGINS and not isinstance(
                    value, typing_extensions.TypeAliasType
                ):
                    continue
                with contextlib.suppress(Exception):
                    found.append((name, self.reader.shape(value, owner)))
        return found

    def describe(self, name: str) -> str:
        """An Enum class's docstring, or the string after an alias's assignment."""
        if self._docs is None:
            self._docs = {}
            for module in reversed(self.modules):
                for key, value in vars(module).items():
                    doc = (
                        value.__dict__.get("__doc__")
                        if isinstance(value, type)
                        else None
                    )
                    if isinstance(value, type) and issubclass(value, enum.Enum) and doc:
                        self._docs[key] = normalize_doc(doc)
                self._docs.update(_alias_docstrings(module))
        return self._docs.get(name, "")

    def model_extras(self, shape: ModelShape) -> ModelExtras:
        cls: Any = shape.ref
        location = _class_location(cls)
        deprecated = _deprecation(getattr(cls, "__deprecated__", None))
        if is_typed_dict(cls):
            return ModelExtras(
                direction="request", deprecated=deprecated, location=location
            )
        extra = cls.model_config.get("extra") or "ignore"
        return ModelExtras(extra=str(extra), deprecated=deprecated, location=location)

    def field_extras(self, shape: ModelShape, wire: str) -> FieldExtras:
        cls: Any = shape.ref
        lines = _field_lines(cls)
        if is_typed_dict(cls):
            return FieldExtras(location=lines.get(wire) or _class_location(cls))
        if cls not in self._fields:
            self._fields[cls] = {}
            for name, info in cls.model_fields.items():
                key = next(
                    (
                        a
                        for a in (info.alias, info.validation_alias)
                        if isinstance(a, str)
                    ),
                    name,
                )
                self._fields[cls][key] = (name, info)
        name, info = self._fields[cls][wire]
        default: object = NO_DEFAULT
        if not info.is_required() and info.default_factory is None:
            default = _json_value(info.default)
        elif info.default_factory in (dict, list):  # an empty container, every time
            default = info.default_factory()
        return FieldExtras(
            python_name=name,
            default=default,
            deprecated=_deprecation(info.deprecated),
            location=lines.get(name) or _class_location(cls),
        )


def _alias_docstrings(module: types.ModuleType) -> dict[str, str]:
    """`Name = ...` followed by a string literal, at the top of a module."""
    try:
        tree = ast.parse(inspect.getsource(module))
    except (OSError, TypeError, SyntaxError):
        return {}
    found: dict[str, str] = {}
    for statement, following in zip(tree.body, tree.body[1:]):
        targets = (
            statement.targets
            if isinstance(statement, ast.Assign)
            else [statement.target]
            if isinstance(statement, ast.AnnAssign)
            else []
        )
        if (
            len(targets) == 1
            and isinstance(targets[0], ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[targets[0].id] = normalize_doc(following.value.value)
    return found


def _deprecation(value: object) -> bool | str:
    if value is None or value is False:
        return False
    message = getattr(value, "message", value)
    return message if isinstance(message, str) and message else True


def _json_value(value: object) -> object:
    """A default as JSON, or NO_DEFAULT for None or anything JSON cannot hold."""
    if isinstance(value, enum.Enum):
        value = value.value
    if value is None:
        return NO_DEFAULT
    if isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple)):
        items = [_json_value(v) for v in value]
        return NO_DEFAULT if NO_DEFAULT in items else items
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        entries = {k: _json_value(v) for k, v in value.items()}
        return NO_DEFAULT if NO_DEFAULT in entries.values() else entries
    return NO_DEFAULT


def _class_location(cls: type[Any]) -> str | None:
    try:
        path = inspect.getsourcefile(cls)
        line = inspect.getsourcelines(cls)[1]
    except (OSError, TypeError):
        return None
    return f"{_shown(path)}:{line}:1" if path else None


_LINES: dict[type[Any], dict[str, str]] = {}


def _field_lines(cls: type[Any]) -> dict[str, str]:
    """Each annotated attribute's `file:line:col` in the class statement."""
    if cls in _LINES:
        return _LINES[cls]
    found: dict[str, str] = {}
    with contextlib.suppress(OSError, TypeError, SyntaxError):
        path = inspect.getsourcefile(cls)
        source, start = inspect.getsourcelines(cls)
        indent = len(source[0]) - len(source[0].lstrip())
        node = ast.parse(textwrap.dedent("".join(source))).body[0]
        if path and isinstance(node, ast.ClassDef):
            for statement in node.body:
                if isinstance(statement, ast.AnnAssign) and isinstance(
                    statement.target, ast.Name
                ):
                    found[statement.target.id] = (
                        f"{_shown(path)}:{start + statement.lineno - 1}:"
                        f"{statement.col_offset + indent + 1}"
                    )
    _LINES[cls] = found
    return found


def _shown(path: str) -> str:
    """A path relative to the working folder when it is under it."""
    with contextlib.suppress(ValueError):
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    return path
