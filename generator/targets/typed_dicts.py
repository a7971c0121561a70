"""Target: TypedDict twins of the models (`typed_dicts/<module>.py`, `typed_dicts/__init__.py`).

A TypedDict describes the JSON object itself, so its keys are wire names. A
model whose wire names are all identifiers uses the class syntax (with attribute
docstrings); otherwise the functional syntax, which accepts any key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from generator import ir
from generator.rendering import Templates
from generator.targets import python_names
from generator.targets.python_code import (
    ROOT_INIT,
    AnnotationWriter,
    EnumView,
    Imports,
    class_header,
    enum_alias,
    field_statement,
    generated_header,
    isort_key,
    late_imports,
    models_in_order,
    module_docstring,
    package_view,
    split_annotation,
    subscript,
    union_alias,
    unions_in_order,
)
from generator.targets.python_text import py_comment, py_docstring, py_string
from generator.targets.target import Target, TargetOptions

FOLDER = "typed_dicts"


class KeyView(NamedTuple):  # a tuple: built for every key, so kept cheap
    statement: str  # `key: Annotation` in class syntax, `"key": Annotation,` in functional syntax
    docstring: str | None


@dataclass(frozen=True)
class TypedDictView:
    name: str
    header: str  # the `class` statement, in class syntax
    name_literal: str
    functional: bool
    total: bool
    docstring: str | None
    keys: tuple[KeyView, ...]


@dataclass(frozen=True)
class ModuleView:
    header: str
    docstring: str
    imports: tuple[str, ...]
    exports: tuple[str, ...]
    enums: tuple[EnumView, ...]
    typed_dicts: tuple[TypedDictView, ...]
    unions: tuple[EnumView, ...] = ()  # type aliases, after the TypedDicts they name
    late_imports: str | None = None  # other specs' types, below the classes


def _inherits(module: ir.Module, model: ir.Model) -> bool:
    """Whether `model`'s TypedDict subclasses its base's. A TypedDict may not
    declare an inherited key again, so one that narrows a field is written with
    all its keys instead; so is one whose own keys need the functional syntax
    (which has no bases), or whose lists are written otherwise than its bases'
    (`Sequence` in a request)."""
    if model.extends is None:
        return False
    bases = module.bases(model)
    inherited = {f.name for base in bases for f in base.fields}
    request = model.direction == "request"
    return (
        all(python_names.is_identifier_key(f.name) for f in model.fields)
        and not any(f.name in inherited for f in model.fields)
        and all((base.direction == "request") == request for base in bases)
    )


def _typed_dict_view(
    module: ir.Module, model: ir.Model, annotations: AnnotationWriter
) -> TypedDictView:
    inherits = _inherits(module, model)
    fields = model.fields if inherits else module.all_fields(model)
    functional = not all(python_names.is_identifier_key(f.name) for f in fields)
    total = (bool(fields) or inherits) and all(f.required for f in fields)
    keys = []
    annotations.sequence_lists = model.direction == "request"
    for field in fields:
        annotation = annotations.field(field)
        if model.frozen:  # PEP 705: a type checker refuses to set or delete the key
            annotations.imports.add("typing_extensions", "ReadOnly")
            annotation = subscript("ReadOnly", annotation)
        if field.required and not total:
            annotations.imports.add("typing_extensions", "Required")
            annotation = subscript("Required", annotation)
        if functional:
            # A key of the functional form cannot carry a docstring: its
            # documentation stands above it as comments.
            entry = split_annotation(
                "        ", f"{py_string(field.name)}: ", annotation, ","
            )
            if field.description:
                entry = f"{py_comment(field.description, '        ')}\n{entry}"
            keys.append(KeyView(entry, None))
        else:
            docstring = (
                py_docstring(field.description, "    ") if field.description else None
            )
            keys.append(
                KeyView(
                    field_statement("    ", field.name, annotation, None),
                    docstring,
                )
            )
    annotations.sequence_lists = False
    indent = (
        "" if functional else "    "
    )  # the functional form's docstring stands at module level
    docstring = py_docstring(model.description, indent) if model.description else None
    base = model.extends if inherits and model.extends is not None else "TypedDict"
    bases = [base] if total else [base, "total=False"]
    return TypedDictView(
        model.name,
        class_header(model.name, bases),
        py_string(model.name),
        functional,
        total,
        docstring,
        tuple(keys),
    )


def module_view(module: ir.Module) -> ModuleView:
    imports = Imports()
    imports.add("typing_extensions", "TypedDict")
    defined = {enum.name for enum in module.enums}
    annotations = AnnotationWriter(module, imports, defined)
    enums = tuple(
        EnumView(
            enum_alias(e, imports),
            py_docstring(e.description, "") if e.description else None,
        )
        for e in module.enums
    )
    typed_dicts = []
    for model in models_in_order(module):
        typed_dicts.append(_typed_dict_view(module, model, annotations))
        defined.add(model.name)
    unions = []
    for union in unions_in_order(module):
        # TypedDicts carry no discriminator: a type checker narrows by the tag itself.
        unions.append(
            EnumView(
                union_alias(union, annotations, None),
                py_docstring(union.description, "") if union.description else None,
            )
        )
        defined.add(union.name)
    names = [item.name for item in module.named_types]
    return ModuleView(
        header=generated_header(module),
        docstring=module_docstring(module, "TypedDicts"),
        imports=tuple(imports.lines()),
        exports=tuple(py_string(n) for n in sorted(names, key=isort_key)),
        enums=enums,
        typed_dicts=tuple(typed_dicts),
        unions=tuple(unions),
        late_imports=late_imports(
            [(f".{owner}", name) for owner, name in annotations.imported]
        )
        or None,
    )


def render(
    modules: tuple[ir.Module, ...], templates: Templates, options: TargetOptions
) -> dict[str, str]:
    files = {
        ROOT_INIT: templates.render("python/root_init.py.jinja"),
        f"{FOLDER}/__init__.py": templates.render(
            "typed_dicts/init.py.jinja", package=package_view(modules, ())
        ),
    }
    for module in modules:
        files[f"{FOLDER}/{module.name}.py"] = templates.render(
            "typed_dicts/module.py.jinja", module=module_view(module)
        )
    return files


TARGET = Target(
    name="typed_dicts",
    summary="TypedDicts",
    folder=FOLDER,
    render=render,
    checks=(python_names.check,),
    root_files=(ROOT_INIT,),
    shared_files=(f"{FOLDER}/__init__.py",),
)
