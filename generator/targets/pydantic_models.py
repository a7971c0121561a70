"""Target: Pydantic v2 models (`models/<module>.py`, a shared `models/_base.py`, `models/__init__.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from generator import ir
from generator.rendering import Templates
from generator.targets import python_names
from generator.targets.python_code import (
    NONE,
    AnnotationWriter,
    Atom,
    EnumView,
    Imports,
    Node,
    Prefixed,
    call,
    class_header,
    enum_alias,
    field_statement,
    generated_header,
    isort_key,
    layout,
    module_docstring,
    package_view,
    value_node,
)
from generator.text import py_docstring, py_string

NAME = "pydantic"
FOLDER = "models"
ROOT_FILES = ("__init__.py",)  # makes the output folder a package


class FieldView(NamedTuple):  # a tuple: built for every field, so kept cheap
    statement: str
    docstring: str | None


@dataclass(frozen=True)
class ModelView:
    name: str
    header: str  # the `class` statement
    decorator: str | None
    docstring: str | None
    config: str | None
    fields: tuple[FieldView, ...]


@dataclass(frozen=True)
class ModuleView:
    header: str
    docstring: str
    imports: tuple[str, ...]
    exports: tuple[str, ...]
    enums: tuple[EnumView, ...]
    models: tuple[ModelView, ...]


def _deprecation_message(name: str, deprecation: ir.Deprecation) -> str:
    return deprecation.message or f"{name} is deprecated."


def _field_view(field: ir.Field, annotations: AnnotationWriter) -> FieldView:
    name = python_names.field_name(field)
    assert name is not None, "python_names.check rejects fields without a Python name"
    annotation = annotations.field(field)
    default: Node | None
    if field.required:
        default = None
    elif field.has_default:
        default = value_node(field.default)
    else:
        default = NONE
    value = default
    if (
        name != field.name
        or field.secret
        or field.deprecated is not None
        or (field.has_default and isinstance(field.default, (list, dict)))
    ):
        value = _field_call(field, name, annotation, default, annotations)
    statement = field_statement("    ", name, annotation, value)
    docstring = py_docstring(field.description, "    ") if field.description else None
    return FieldView(statement, docstring)


def _field_call(
    field: ir.Field,
    name: str,
    annotation: Node,
    default: Node | None,
    annotations: AnnotationWriter,
) -> Node:
    """`Field(default=..., alias=..., ...)` for a field that needs more than a default."""
    options: list[Node] = []
    if name != field.name:
        options.append(Atom(f"alias={py_string(field.name)}"))
    if field.secret:
        options.append(Atom("repr=False"))
    if field.deprecated is not None:
        message = field.deprecated.message
        options.append(Atom(f"deprecated={py_string(message) if message else 'True'}"))
    # Pydantic copies a list or dict default for each instance; inside Field() it is
    # also plain to linters that the class attribute is not shared mutable state.
    mutable_default = isinstance(field.default, (list, dict)) and field.has_default
    if mutable_default and field.nullable and default is not None:
        # mypy does not carry an `Optional[...]` annotation into `Field(default=...)`:
        # it would type `["a"]` as List[str], not the declared List[Literal["a", "b"]].
        # The cast states the declared type; at run time it returns the value as is.
        annotations.imports.add("typing", "cast")
        default = call("cast", [annotation, default])
    annotations.imports.add("pydantic", "Field")
    given = [Prefixed("default=", default)] if default is not None else []
    return call("Field", given + options)


def module_view(module: ir.Module) -> ModuleView:
    imports = Imports()
    imports.add("._base", "BaseModel")
    defined = {
        enum.name for enum in module.enums
    }  # aliases come first, so never quoted
    annotations = AnnotationWriter(module, imports, defined)
    enums = []
    if module.enums:
        imports.add("typing", "Literal")
    for enum in module.enums:
        docstring = py_docstring(enum.description, "") if enum.description else None
        enums.append(EnumView(enum_alias(enum.name, enum.values), docstring))
    models = []
    for model in module.models:
        fields = tuple(_field_view(field, annotations) for field in model.fields)
        defined.add(model.name)  # only after its own fields: a self-reference is quoted
        decorator = None
        if model.deprecated is not None:
            imports.add("typing_extensions", "deprecated")
            message = _deprecation_message(model.name, model.deprecated)
            decorator = "\n".join(
                layout(call("@deprecated", [Atom(py_string(message))]), "")
            )
        config = None
        if model.extra != "allow":
            imports.add("pydantic", "ConfigDict")
            config = f"model_config = ConfigDict(extra={py_string(model.extra)})"
        docstring = (
            py_docstring(model.description, "    ") if model.description else None
        )
        header = class_header(model.name, ["BaseModel"])
        models.append(
            ModelView(model.name, header, decorator, docstring, config, fields)
        )
    names = [e.name for e in module.enums] + [m.name for m in module.models]
    return ModuleView(
        header=generated_header(module),
        docstring=module_docstring(module, "Pydantic models"),
        imports=tuple(imports.lines(local_modules=["._base"])),
        exports=tuple(py_string(n) for n in sorted(names, key=isort_key)),
        enums=tuple(enums),
        models=tuple(models),
    )


def render(modules: tuple[ir.Module, ...], templates: Templates) -> dict[str, str]:
    files = {
        ROOT_FILES[0]: templates.render("python/root_init.py.jinja"),
        f"{FOLDER}/__init__.py": templates.render(
            "pydantic/init.py.jinja", package=package_view(modules, ("BaseModel",))
        ),
        f"{FOLDER}/_base.py": templates.render("pydantic/base.py.jinja"),
    }
    for module in modules:
        files[f"{FOLDER}/{module.name}.py"] = templates.render(
            "pydantic/module.py.jinja", module=module_view(module)
        )
    return files


check = python_names.check
