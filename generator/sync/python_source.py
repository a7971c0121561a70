"""The Python side of a sync: an importable Pydantic v2 model or TypedDict read into shapes.

Annotations are read as types, never as text: `Optional[X]`, `Union[X, None]` and
`X | None` are one thing, as are `typing.List` and `list`, `Dict` and `dict`,
`Literal` value sets and `Enum` classes, `Annotated[X, ...]` and `X`. Forward
references are resolved by Pydantic (`model_rebuild`), by `get_type_hints` for a
TypedDict, or, failing that, in the namespace of the module that defines the class.
A TypedDict (of `typing` or `typing_extensions`) is a model whose fields are its
keys, required as `total`, `Required[...]` and `NotRequired[...]` say. A union's
discriminator is read from what `Annotated` metadata says, whatever class holds
it; `SkipJsonSchema[None]` is None kept off the wire (a field absent but never null).
"""

from __future__ import annotations

import ast
import collections.abc
import contextlib
import datetime
import decimal
import enum
import importlib
import inspect
import sys
import textwrap
import types
import typing
import uuid
from collections.abc import Hashable
from pathlib import Path
from typing import Any, TypeGuard, cast

import typing_extensions

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
    field_shape,
    literal,
    told_apart_by,
    union,
)
from generator.text import normalize_doc


class TargetError(Exception):
    """The target cannot be read: a usage error, reported without a traceback."""


_SCALARS: dict[object, Shape] = {
    str: Scalar("string", format_known=False),
    int: Scalar("integer"),
    float: Scalar("number"),
    decimal.Decimal: WIRE_DECIMAL,
    bytes: Scalar("string", "base64"),
    bool: Scalar("boolean"),
    datetime.datetime: Scalar("datetime"),
    datetime.date: Scalar("date"),
    datetime.time: Scalar("string", "time"),
    datetime.timedelta: Scalar("string", "duration"),
    uuid.UUID: Scalar("string", "uuid"),
}
_LISTS = (
    list,
    set,
    frozenset,
    collections.abc.Sequence,
    collections.abc.MutableSequence,
    collections.abc.Set,
    collections.abc.MutableSet,
    collections.abc.Iterable,
    collections.abc.Collection,
)
_MAPS = (dict, collections.abc.Mapping, collections.abc.MutableMapping)
_UNIONS: tuple[object, ...] = (typing.Union, types.UnionType)
_LITERALS: tuple[object, ...] = (typing.Literal, typing_extensions.Literal)
# `type X = ...` (Python 3.12) and its typing_extensions backport.
_ALIAS_TYPES = (
    typing_extensions.TypeAliasType,
    getattr(typing, "TypeAliasType", typing_extensions.TypeAliasType),
)
_ANNOTATED: tuple[object, ...] = (typing.Annotated, typing_extensions.Annotated)
# A TypedDict key's qualifiers (`typing` has Required and NotRequired from 3.11 only).
_REQUIRED: tuple[object, ...] = (
    typing_extensions.Required,
    getattr(typing, "Required", typing_extensions.Required),
)
_NOT_REQUIRED: tuple[object, ...] = (
    typing_extensions.NotRequired,
    getattr(typing, "NotRequired", typing_extensions.NotRequired),
)
_READ_ONLY: tuple[object, ...] = (
    typing_extensions.ReadOnly,
    getattr(typing, "ReadOnly", typing_extensions.ReadOnly),
)


def is_typed_dict(value: object) -> TypeGuard[type[Any]]:
    """A TypedDict class of `typing` or of `typing_extensions` (whose check knows both)."""
    return isinstance(value, type) and typing_extensions.is_typeddict(value)


def import_class(target: str) -> type[Any]:
    """`package.module:Class` (or `Outer.Inner`) -> the class; the working folder is importable."""
    module_name, _, qualname = target.partition(":")
    if not module_name or not qualname:
        raise TargetError(
            f"'{target}' is not a Pydantic class: write package.module:ClassName, "
            "or give a JSON Schema file (FILE.json#/pointer)"
        )
    cwd = str(Path.cwd())
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    try:
        found: object = importlib.import_module(module_name)
    except Exception as exc:  # any failure of user code at import time is bad input
        raise TargetError(
            f"cannot import {module_name}: {type(exc).__name__}: {exc}"
        ) from exc
    for part in qualname.split("."):
        try:
            found = getattr(found, part)
        except AttributeError:
            raise TargetError(f"{module_name} has no attribute '{qualname}'") from None
    import pydantic

    if is_typed_dict(found):
        return found
    if not (isinstance(found, type) and issubclass(found, pydantic.BaseModel)):
        v1 = getattr(pydantic, "v1", None)
        if (
            v1 is not None
            and isinstance(found, type)
            and issubclass(found, v1.BaseModel)
        ):
            raise TargetError(
                f"{target} is a Pydantic v1 model; sync reads Pydantic v2 models"
            )
        raise TargetError(
            f"{target} is neither a Pydantic v2 model class nor a TypedDict"
        )
    return found


def _class_node(cls: type[Any]) -> ast.ClassDef | None:
    """The class statement in its source; None without source (built dynamically, or
    only bytecode shipped, or a TypedDict of the functional form)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return None
    node = tree.body[0] if tree.body else None
    return node if isinstance(node, ast.ClassDef) else None


def _bases(cls: type[Any]) -> list[type[Any]]:
    """The class and the classes it inherits fields from, nearest last.

    A TypedDict's `__mro__` is only (cls, dict, object), and before Python 3.12
    `typing` keeps its bases nowhere: they are read from its class statement.
    """
    if not is_typed_dict(cls):
        return list(reversed(cls.__mro__))
    node = _class_node(cls)
    found: list[type[Any]] = []
    namespace = vars(sys.modules[cls.__module__])
    for expression in node.bases if node is not None else ():
        base: object = None
        with contextlib.suppress(Exception):  # a base written as no plain name
            base = eval(ast.unparse(expression), dict(namespace))
        if is_typed_dict(base):
            found += [b for b in _bases(base) if b not in found]
    return [*found, cls]


def _attribute_docstrings(cls: type[Any]) -> dict[str, str]:
    """`name: T` followed by a string literal, in the class and its bases (the nearest wins)."""
    docs: dict[str, str] = {}
    for klass in _bases(cls):
        if klass.__module__.startswith("pydantic") or klass is object:
            continue
        node = _class_node(klass)
        if node is None:
            continue
        for statement, following in zip(node.body, node.body[1:]):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                docs[statement.target.id] = following.value.value
    return docs


def _functional_docs(cls: type[Any]) -> tuple[str, dict[str, str]]:
    """A TypedDict of the functional form, `Name = TypedDict("Name", {...})`, has no
    docstrings; by the convention of attribute docstrings, and as schemasmith writes
    it, its documentation is the string after the assignment and each key's the
    `#` comment lines right above the key."""
    try:
        source = inspect.getsource(sys.modules[cls.__module__])
        tree = ast.parse(source)
    except (KeyError, OSError, TypeError, SyntaxError):
        return "", {}
    lines = source.splitlines()
    for statement, following in zip(tree.body, [*tree.body[1:], None]):
        if not (
            isinstance(statement, ast.Assign)
            and [ast.unparse(t) for t in statement.targets] == [cls.__name__]
            and isinstance(statement.value, ast.Call)
            and len(statement.value.args) >= 2
            and isinstance(statement.value.args[1], ast.Dict)
        ):
            continue
        doc = ""
        if (
            isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            doc = following.value.value
        keys: dict[str, str] = {}
        for key in statement.value.args[1].keys:
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                comment: list[str] = []
                above = key.lineno - 2  # the line above the key, counted from 0
                while above >= 0 and lines[above].lstrip().startswith("#"):
                    text = lines[above].lstrip()[1:]
                    comment.insert(0, text.removeprefix(" "))
                    above -= 1
                keys[key.value] = "\n".join(comment)
        return doc, keys
    return "", {}


class PythonSource:
    def __init__(self, root: type[Any]) -> None:
        self.root_class = root

    def root(self) -> ModelShape:
        return ModelShape(self.root_class.__name__, cast(Hashable, self.root_class))

    def model(self, shape: ModelShape) -> ModelInfo:
        cls: Any = shape.ref
        doc = cls.__dict__.get("__doc__")
        frozen: bool | None
        if not is_typed_dict(cls):
            fields = self._fields(cls)
            frozen = bool(cls.model_config.get("frozen", False))
        else:
            if _class_node(cls) is not None:
                fields, frozen = self._keys(cls, _attribute_docstrings(cls))
            else:  # `Name = TypedDict("Name", {...})`
                doc, docs = _functional_docs(cls)
                fields, frozen = self._keys(cls, docs)
        return ModelInfo(
            cls.__name__,
            normalize_doc(doc) if isinstance(doc, str) else "",
            fields,
            frozen=frozen,
        )

    def _fields(self, cls: Any) -> tuple[FieldShape, ...]:
        """A Pydantic model's fields, by wire name."""
        if not getattr(cls, "__pydantic_complete__", True):
            with contextlib.suppress(Exception):
                # Names Pydantic cannot resolve are looked up one by one below.
                cls.model_rebuild()
        docs = _attribute_docstrings(cls)
        fields = []
        for name, info in cls.model_fields.items():
            # The key the API sends: the alias, else a plain validation alias, else the name.
            wire = next(
                (a for a in (info.alias, info.validation_alias) if isinstance(a, str)),
                name,
            )
            description = info.description or docs.get(name) or ""
            # Pydantic keeps a field's own `Annotated` metadata (and its
            # `Field(discriminator=...)`) out of the annotation.
            shape = self._told_apart(
                self.shape(info.annotation, cls), [info, *info.metadata]
            )
            fields.append(
                field_shape(
                    wire,
                    shape,
                    info.is_required(),
                    normalize_doc(description),
                    nullable=False if _hides_none(info.annotation) else None,
                )
            )
        return tuple(fields)

    def _keys(
        self, cls: Any, docs: dict[str, str]
    ) -> tuple[tuple[FieldShape, ...], bool | None]:
        """A TypedDict's keys, and whether it is frozen: every key `ReadOnly[...]`
        (PEP 705; None for a TypedDict without keys, which cannot say).
        `__required_keys__` knows `total` (per class, when
        inherited), but not always the qualifiers: not those of `typing_extensions`
        on a `typing.TypedDict` of Python 3.10, nor any written as strings (`from
        __future__ import annotations`); so a key's own `Required[...]` or
        `NotRequired[...]` decides, read from the resolved annotation."""
        # Names get_type_hints cannot resolve are resolved one by one, below.
        hints: dict[str, object] = dict(cls.__annotations__)
        with contextlib.suppress(Exception):
            hints = typing_extensions.get_type_hints(cls, include_extras=True)
        fields = []
        read_only = True
        for key, hint in hints.items():
            annotation, required = self._key_type(hint, cls)
            read_only = read_only and self._read_only(hint, cls)
            fields.append(
                field_shape(
                    key,
                    self.shape(annotation, cls),
                    key in cls.__required_keys__ if required is None else required,
                    normalize_doc(docs.get(key, "")),
                    # A TypedDict has no way to say "any value but null": its
                    # `object` key states nothing about null.
                    nullable_known=annotation not in (object, Any),
                )
            )
        return tuple(fields), (read_only if fields else None)

    def _read_only(self, hint: object, owner: type[Any]) -> bool:
        """Whether a TypedDict key's qualifiers include `ReadOnly`."""
        while True:
            if isinstance(hint, (str, typing.ForwardRef)):
                hint = self._resolve_name(hint, owner)
            origin = typing_extensions.get_origin(hint)
            if origin in _READ_ONLY:
                return True
            if origin not in _REQUIRED and origin not in _NOT_REQUIRED:
                return False
            hint = typing_extensions.get_args(hint)[0]

    def _key_type(self, hint: object, owner: type[Any]) -> tuple[object, bool | None]:
        """A TypedDict key's type without its qualifiers, and what `(Not)Required` says."""
        required: bool | None = None
        while True:
            if isinstance(hint, (str, typing.ForwardRef)):
                hint = self._resolve_name(hint, owner)
            origin = typing_extensions.get_origin(hint)
            if origin in _REQUIRED or origin in _NOT_REQUIRED:
                if required is None:
                    required = origin in _REQUIRED
            elif origin in _ANNOTATED and _discriminator(
                typing_extensions.get_args(hint)[1:]
            ):
                return hint, required  # the metadata says how to tell variants apart
            elif origin not in _READ_ONLY and origin not in _ANNOTATED:
                return hint, required
            hint = typing_extensions.get_args(hint)[0]

    def shape(self, annotation: object, owner: type[Any]) -> Shape:
        if annotation is None or annotation is type(None):
            return NULL
        if annotation is Any or annotation is object:
            return JSON
        if isinstance(annotation, (str, typing.ForwardRef)):
            return self.shape(self._resolve_name(annotation, owner), owner)
        if isinstance(annotation, typing.TypeVar):
            return JSON
        if hasattr(annotation, "__supertype__"):  # typing.NewType
            return self.shape(annotation.__supertype__, owner)
        if isinstance(annotation, _ALIAS_TYPES):
            return self.shape(annotation.__value__, owner)
        scalar = _SCALARS.get(annotation)
        if scalar is not None:
            return scalar
        origin = typing_extensions.get_origin(annotation)
        args = typing_extensions.get_args(annotation)
        if origin in _ANNOTATED:
            return self._told_apart(self.shape(args[0], owner), args[1:])
        if origin in _UNIONS:
            # A member marked `SkipJsonSchema[...]` is not on the wire, as Pydantic
            # leaves it out of the model's JSON Schema. A TypedDict's union cannot
            # name a discriminator; a model's can.
            return union(
                [self.shape(a, owner) for a in args if not _skipped(a)],
                known=not is_typed_dict(owner),
            )
        if origin in _LITERALS:
            values = EnumShape(tuple(literal(_plain(a)) for a in args if a is not None))
            return union([values, NULL]) if None in args else values
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return ListShape(self.shape(args[0], owner))
            return Opaque(
                _type_text(annotation)
            )  # a fixed-length tuple is not a list of one type
        if annotation in _LISTS or origin in _LISTS:
            return ListShape(self.shape(args[0], owner) if args else JSON)
        if annotation in _MAPS or origin in _MAPS:
            return MapShape(self.shape(args[1], owner) if len(args) == 2 else JSON)
        if isinstance(annotation, type):
            import pydantic

            if issubclass(annotation, pydantic.BaseModel) or is_typed_dict(annotation):
                return ModelShape(annotation.__name__, cast(Hashable, annotation))
            if issubclass(annotation, enum.Enum):
                return EnumShape(
                    tuple(literal(m.value) for m in annotation), annotation.__name__
                )
            if issubclass(annotation, bool):
                return Scalar("boolean")
            for base, scalar in _SCALARS.items():
                if isinstance(base, type) and issubclass(annotation, base):
                    return scalar  # a str or int subclass is still that on the wire
            url_format = _url_format(annotation)
            if url_format is not None:
                return Scalar("string", url_format)
        return Opaque(_type_text(annotation))

    def _told_apart(
        self, shape: Shape, metadata: collections.abc.Iterable[object]
    ) -> Shape:
        """The union `shape` with the discriminator the metadata names, as the wire
        name of the variants' field (Pydantic and the SDKs name the attribute)."""
        found = _discriminator(metadata)
        if found is None or not isinstance(shape, UnionShape):
            return shape
        if found is True:
            return told_apart_by(shape, None)
        assert isinstance(found, str)
        wire = found
        for option in shape.options:
            fields = getattr(getattr(option, "ref", None), "model_fields", None)
            info = fields.get(found) if isinstance(fields, dict) else None
            if info is not None and isinstance(info.alias, str):
                wire = info.alias
        return told_apart_by(shape, wire)

    def _resolve_name(
        self, reference: str | typing.ForwardRef, owner: type[Any]
    ) -> object:
        text = reference if isinstance(reference, str) else reference.__forward_arg__
        namespace = dict(vars(sys.modules[owner.__module__]))
        namespace.setdefault(owner.__name__, owner)
        try:
            return eval(
                text, namespace
            )  # the annotation text of a class already imported
        except Exception as exc:
            raise TargetError(
                f"{owner.__module__}.{owner.__qualname__}: cannot resolve the annotation {text!r}: {exc}"
            ) from exc


def _url_format(cls: type[Any]) -> str | None:
    """Pydantic's URL and e-mail types by name, so no version of pydantic is assumed."""
    if not cls.__module__.startswith("pydantic"):
        return None
    if cls.__name__.endswith("Url"):
        return "uri"
    if cls.__name__ in ("EmailStr", "NameEmail"):
        return "email"
    return None


def _plain(value: object) -> object:
    """A `Literal` argument as its JSON value (an Enum member by its value)."""
    return value.value if isinstance(value, enum.Enum) else value


def _skips_json_schema(metadata: object) -> bool:
    """Pydantic's `SkipJsonSchema` marker: the type is valid but not on the wire."""
    import pydantic.json_schema

    return isinstance(metadata, pydantic.json_schema.SkipJsonSchema)


def _skipped(member: object) -> bool:
    """A union member marked `SkipJsonSchema[...]`."""
    if typing_extensions.get_origin(member) not in _ANNOTATED:
        return False
    return any(_skips_json_schema(m) for m in typing_extensions.get_args(member)[1:])


def _hides_none(annotation: object) -> bool:
    """A union with `SkipJsonSchema[None]` (Pydantic's spelling, and schemasmith's
    `NotNull[T]`, of a field that may be absent but is never null): None stands for
    the absent key, and the model's JSON Schema admits no null."""
    if typing_extensions.get_origin(annotation) not in _UNIONS:
        return False
    return any(
        _skipped(arg) and typing_extensions.get_args(arg)[0] in (None, type(None))
        for arg in typing_extensions.get_args(annotation)
    )


def _discriminator(metadata: collections.abc.Iterable[object]) -> str | bool | None:
    """What `Annotated` metadata says tells a union's variants apart, read by what
    it says, whatever defines it: a `discriminator` attribute (Pydantic's
    `Field(discriminator=...)` and `Discriminator`, Stainless SDKs'
    `PropertyInfo(discriminator=...)`), or the `field_name` of a class named
    `...Discriminator` (`UnionDiscriminator("type")`). A field name (a Python
    attribute name or a wire name); True for a discriminator that names no field
    (a function); None when the metadata says nothing of one."""
    for item in metadata:
        found = getattr(item, "discriminator", None)
        if found is None and type(item).__name__.endswith("Discriminator"):
            found = getattr(item, "field_name", None)
        if isinstance(found, str):
            return found
        if found is not None:
            return True
    return None


def _type_text(annotation: object) -> str:
    if isinstance(annotation, type):
        return f"{annotation.__module__}.{annotation.__qualname__}"
    return repr(annotation)
