"""Check 2: every TypedDict is its model's twin: same keys (by wire name), same types
(models replaced by their twins), same required keys, same documentation."""

from __future__ import annotations

import ast
import inspect
import typing
import unicodedata
from types import ModuleType
from typing import Any, Union, get_args, get_origin

import typing_extensions

from generator import ir
from generator.targets.python_names import field_name, is_identifier_key
from tests.support.generated_package import not_null_item
from tests.support.schema_equivalence import pydantic_schema


def _twin_type(annotation: Any, twins: dict[type, Any], sequence: bool) -> Any:
    """`annotation` with every model class replaced by its TypedDict twin (and every
    list by a `Sequence` when `sequence`: the twin of a model sent in requests)."""
    if isinstance(annotation, type) and annotation in twins:
        return twins[annotation]
    origin = get_origin(annotation)
    if origin is None:
        return annotation
    if origin is typing.Annotated:
        # A discriminated union inside NotNull[...] keeps its `Field(discriminator=...)`;
        # its TypedDict twin has none (a type checker narrows by the constant).
        return _twin_type(get_args(annotation)[0], twins, sequence)
    args = tuple(_twin_type(a, twins, sequence) for a in get_args(annotation))
    if origin is Union:
        return Union[args]  # noqa: UP007 - rebuilds the annotation as written
    if origin is typing.Literal:
        return annotation
    if origin is list and sequence:
        return typing.Sequence[args]
    return _SUBSCRIPTABLE[origin][args]


# The generated modules write `List[...]`/`Dict[...]`; rebuild annotations the same way.
_SUBSCRIPTABLE: dict[Any, Any] = {list: typing.List, dict: typing.Dict}  # noqa: UP006


def documented_keys(source: str, name: str) -> tuple[str | None, dict[str, str]]:
    """The docstring of TypedDict `name` and of each of its keys, read from its source
    with `ast` and cleaned with `inspect.cleandoc`, the way IDEs and Pydantic read them.

    A TypedDict that subclasses another has its inherited keys documented there.

    The functional syntax (`Name = TypedDict("Name", {...})`) documents the
    TypedDict with a string statement after the assignment; it has no place for
    per-key docstrings, so each key's documentation is read from the `#` comment
    lines right above it (`# ` taken off each)."""
    tree = ast.parse(source)
    lines = source.split("\n")
    body = tree.body
    for index, node in enumerate(body):
        following = body[index + 1] if index + 1 < len(body) else None
        doc = (
            inspect.cleandoc(following.value.value)
            if isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
            else None
        )
        if isinstance(node, ast.ClassDef) and node.name == name:
            keys: dict[str, str] = {}
            statements = node.body
            for position, statement in enumerate(statements):
                after = (
                    statements[position + 1] if position + 1 < len(statements) else None
                )
                if (
                    isinstance(statement, ast.AnnAssign)
                    and isinstance(statement.target, ast.Name)
                    and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)
                ):
                    keys[statement.target.id] = inspect.cleandoc(after.value.value)
            base = node.bases[0] if node.bases else None
            if isinstance(base, ast.Name) and base.id != "TypedDict":
                # A subclass's inherited keys are documented in its base.
                keys = {**documented_keys(source, base.id)[1], **keys}
            return ast.get_docstring(node), keys
        if isinstance(node, ast.Assign) and [
            t.id for t in node.targets if isinstance(t, ast.Name)
        ] == [name]:
            assert isinstance(node.value, ast.Call)
            display = node.value.args[1]
            assert isinstance(display, ast.Dict)
            comments: dict[str, str] = {}
            for key in display.keys:
                assert isinstance(key, ast.Constant) and isinstance(key.value, str)
                above: list[str] = []
                row = key.lineno - 2  # the line above the key, 0-based
                while row >= 0 and lines[row].lstrip().startswith("#"):
                    above.insert(0, lines[row].lstrip()[2:])
                    row -= 1
                if above:
                    comments[key.value] = "\n".join(above)
            return doc, comments
    raise AssertionError(f"TypedDict {name} is not defined in its module")


def check_typed_dict(
    module: ir.Module,
    model: ir.Model,
    models: ModuleType,
    typed_dicts: ModuleType,
    typed_dicts_source: str,
) -> None:
    model_cls = getattr(models, model.name)
    typed_dict = getattr(typed_dicts, model.name)
    twins = {
        getattr(models, m.name): getattr(typed_dicts, m.name) for m in module.models
    }
    model_cls.model_rebuild()  # the fields' annotations resolved (forward references)
    model_hints = typing.get_type_hints(model_cls)
    # typing_extensions strips Required[...] on every Python (typing only from 3.11).
    dict_hints = typing_extensions.get_type_hints(typed_dict)
    by_wire = {
        (info.alias or name): name for name, info in model_cls.model_fields.items()
    }
    assert list(dict_hints) == list(by_wire), (
        f"{model.name}: TypedDict keys {list(dict_hints)} != model wire names {list(by_wire)}"
    )
    for wire, python in by_wire.items():
        # A `NotNull[T]` field is a `T` key: absent, or a T (a TypedDict cannot say
        # "never null" of `object`, which includes None).
        item = not_null_item(model_cls, model_cls.model_fields[python])
        declared = model_hints[python] if item is None else item
        expected = _twin_type(declared, twins, model.direction == "request")
        said = dict_hints[wire]
        assert said == expected, (
            f"{model.name}.{wire}: TypedDict says {dict_hints[wire]}, model says "
            f"{model_hints[python]} (twin {expected})"
        )
    required = {
        (info.alias or name)
        for name, info in model_cls.model_fields.items()
        if info.is_required()
    }
    assert set(typed_dict.__required_keys__) == required, (
        f"{model.name}: TypedDict requires {sorted(typed_dict.__required_keys__)}, "
        f"the model requires {sorted(required)}"
    )
    assert set(typed_dict.__optional_keys__) == set(by_wire) - required
    doc, key_docs = documented_keys(typed_dicts_source, model.name)
    model_doc = pydantic_schema(model_cls)[0].get("description")
    assert doc == model_doc == (model.description or None), (
        f"{model.name}: TypedDict docstring {doc!r}, model docstring {model_doc!r}, "
        f"spec {model.description!r}"
    )
    # At the start of a line: `B = TypedDict(` is also the tail of `AB = TypedDict(`.
    functional = f"\n{model.name} = TypedDict(" in typed_dicts_source
    if functional:  # only for keys class syntax cannot spell
        assert not all(is_identifier_key(f.name) for f in module.all_fields(model)), (
            f"{model.name}: every key is an identifier, yet the TypedDict is functional"
        )
    for field in module.all_fields(model):
        python = field_name(field)
        assert python is not None
        description = model_cls.model_fields[python].description
        assert description == (field.description or None), (
            f"{model.name}.{python}: model description {description!r}, spec {field.description!r}"
        )
        # A comment shows invisible characters as escapes; a docstring holds them.
        expected_doc = (
            _shown_in_comment(description)
            if description is not None
            and _in_functional_syntax(typed_dicts_source, model.name, field.name)
            else description
        )
        assert key_docs.get(field.name) == expected_doc, (
            f"{model.name}.{field.name}: TypedDict key documentation "
            f"{key_docs.get(field.name)!r}, model field description {description!r}"
        )


def _in_functional_syntax(source: str, name: str, key: str) -> bool:
    """Whether `key` of TypedDict `name` is written in the functional syntax: by
    `name` itself, or by the base a class-syntax subclass inherits it from."""
    if f"\n{name} = TypedDict(" in source:
        return True
    (node,) = [
        n
        for n in ast.parse(source).body
        if isinstance(n, ast.ClassDef) and n.name == name
    ]
    own = {
        s.target.id
        for s in node.body
        if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
    }
    base = node.bases[0] if node.bases else None
    if key in own or not isinstance(base, ast.Name) or base.id == "TypedDict":
        return False
    return _in_functional_syntax(source, base.id, key)


def _shown_in_comment(text: str) -> str:
    """Controls and invisible characters (Cc, Cf, Zl, Zp, Cs, Co, Cn) as `\\uXXXX`."""
    hidden = ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")
    return "".join(
        (f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        if ch != "\n" and unicodedata.category(ch) in hidden
        else ch
        for ch in text
    )
