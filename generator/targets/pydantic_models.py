"""Target: Pydantic v2 models (`models/<module>.py`, a shared `models/_base.py`, `models/__init__.py`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from generator import ir, scalar_values
from generator.constraints import BY_NAME
from generator.diagnostics import Code, Diagnostic, Location
from generator.rendering import Templates
from generator.targets import python_names
from generator.targets.python_code import (
    LAZY_IMPORT,
    NONE,
    ROOT_INIT,
    AnnotationWriter,
    Atom,
    Brackets,
    EnumView,
    FixedAnnotations,
    Imports,
    Node,
    Prefixed,
    alias_lines,
    call,
    class_header,
    enum_alias,
    field_statement,
    generated_header,
    isort_key,
    late_imports,
    layout,
    models_in_order,
    module_docstring,
    package_view,
    subscript,
    type_checking_block,
    union_alias,
    unions_in_order,
    value_node,
)
from generator.targets.python_text import py_docstring, py_string
from generator.targets.target import LAYOUTS, Target, TargetOptions
from generator.targets.type_map import SCALARS

FOLDER = "models"


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
    unions: tuple[EnumView, ...] = ()  # type aliases, after the models they name
    late_imports: str | None = None  # below the models: see model_module_view
    aliases: tuple[str, ...] = ()  # `_object = object`, for fields named like types


def _deprecation_message(name: str, deprecation: ir.Deprecation) -> str:
    return deprecation.message or f"{name} is deprecated."


def _field_view(field: ir.Field, annotations: AnnotationWriter) -> FieldView:
    name = python_names.field_name(field)
    assert name is not None, "python_names.check rejects fields without a Python name"
    if _never_null(field):
        # Python gives an absent key None (and `object` admits None): the base's
        # NotNull rejects null in the data while the attribute may be None.
        annotations.imports.add("._base", "NotNull")
        inner = annotations.annotation(field.type, False)
        if field.constraints:
            # Inside NotNull, where Pydantic can put them in the JSON Schema too
            # (on NotNull itself it checks them, but leaves them out of the schema).
            annotations.imports.add("typing", "Annotated")
            annotations.imports.add("pydantic", "Field")
            inner = subscript(
                "Annotated", inner, call("Field", _constraint_options(field))
            )
        annotation: Node = subscript("NotNull", inner)
    else:
        annotation = annotations.field(field)
    default: Node | None
    if field.required:
        default = None
    elif field.has_default:
        default = _default_node(field.type, field.default, annotations)
    else:
        default = NONE
    value = default
    if (
        name != field.name
        or field.description
        or field.secret
        or field.deprecated is not None
        or (field.has_default and isinstance(field.default, (list, dict)))
        or (field.constraints and not _never_null(field))
    ):
        value = _field_call(field, name, annotation, default, annotations)
    statement = field_statement("    ", name, annotation, value)
    docstring = py_docstring(field.description, "    ") if field.description else None
    return FieldView(statement, docstring)


def _default_node(
    type_: ir.TypeRef, value: ir.JsonValue, annotations: AnnotationWriter
) -> Node:
    """A default as Python: JSON's value, but the Python value a string stands for
    in a field of a datetime, a UUID, ... (the resolver accepts such strings only
    outside unions, so the type tells which)."""
    match type_, value:
        case ir.Scalar(kind), str() if kind in scalar_values.EXAMPLES:
            parsed = scalar_values.parse(kind, value)
            assert parsed is not None, "the resolver checks defaults"
            name, rest = scalar_values.python_text(parsed)
            mapping = SCALARS[kind]
            if mapping.python_import:
                annotations.imports.add(*mapping.python_import)
            return Atom(annotations.type_name(name).text + rest)
        case ir.Nullable(item), _ if value is not None:
            return _default_node(item, value, annotations)
        case ir.ListOf(item), list():
            items = tuple(_default_node(item, v, annotations) for v in value)
            return Brackets("[", items, "]", hug=False)
        case ir.MapOf(item), dict():
            entries = tuple(
                Prefixed(f"{py_string(k)}: ", _default_node(item, v, annotations))
                for k, v in value.items()
            )
            return Brackets("{", entries, "}", hug=False)
        case _:
            return value_node(value)


def _never_null(field: ir.Field) -> bool:
    """A field that may not be null, whose attribute still admits None: one that may
    be absent without a default, or a `json` one (`object` admits None). The
    resolver gives no other non-null field a type that admits null."""
    if field.nullable:
        return False
    return (not field.required and not field.has_default) or field.type == _JSON


_JSON = ir.Scalar("json")


def _is_union(field: ir.Field) -> bool:
    """Whether the field's annotation is a `Union[...]` or an `Optional[...]`."""
    return field.nullable or isinstance(
        field.type, (ir.OneOf, ir.UnionRef, ir.Nullable)
    )


def _constraint_options(field: ir.Field) -> list[Node]:
    """`min_length=1`, `pattern="..."`: Pydantic's own arguments for the constraints."""
    options: list[Node] = []
    for name, value in field.constraints:
        text = py_string(value) if isinstance(value, str) else repr(value)
        options.append(Atom(f"{BY_NAME[name].pydantic_argument}={text}"))
    return options


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
    if field.description:
        # Written in the code (as well as the docstring under the field, which
        # editors show): it is there without the source, unlike a docstring.
        options.append(Atom(f"description={py_string(field.description)}"))
    if field.secret:
        options.append(Atom("repr=False"))
    if not _never_null(field):  # NotNull's are inside its annotation
        options.extend(_constraint_options(field))
    if field.deprecated is not None:
        message = field.deprecated.message
        options.append(Atom(f"deprecated={py_string(message) if message else 'True'}"))
    # Pydantic copies a list or dict default for each instance (so `default: []` is
    # a fresh list in each, as `default_factory=list` would make, and stays in the
    # model's JSON schema, where a factory's value does not); inside Field() it is
    # also plain to linters that the class attribute is not shared mutable state.
    mutable_default = isinstance(field.default, (list, dict)) and field.has_default
    if mutable_default and _is_union(field) and default is not None:
        # mypy does not carry a `Union[...]` (`Optional[...]` too) annotation into
        # `Field(default=...)`: it would type `["a"]` as List[str], not the declared
        # List[Literal["a", "b"]], and `[[None]]` as List[List[None]]. The cast
        # states the declared type; at run time it returns the value as is.
        annotations.imports.add("typing", "cast")
        default = call("cast", [annotation, default])
    annotations.imports.add("pydantic", "Field")
    given = [Prefixed("default=", default)] if default is not None else []
    return call("Field", given + options)


def _model_view(
    module: ir.Module, model: ir.Model, annotations: AnnotationWriter
) -> ModelView:
    annotations.shadowed = set()  # a class body of its own
    views = []
    for field in model.fields:
        name = python_names.field_name(field)
        if name in python_names.SHADOWABLE:
            # Bound from here on, its own annotation included: Python evaluates
            # `date: Optional[date] = None` after binding `date` to the value.
            annotations.shadowed.add(name)
        views.append(_field_view(field, annotations))
    annotations.shadowed = set()
    fields = tuple(views)
    imports = annotations.imports
    decorator = None
    if model.deprecated is not None:
        imports.add("typing_extensions", "deprecated")
        message = _deprecation_message(model.name, model.deprecated)
        # Type checkers report uses of the class; `category=None` keeps it from
        # warning at run time, where every validation of a response creates one.
        arguments: list[Node] = [Atom(py_string(message)), Atom("category=None")]
        decorator = "\n".join(layout(call("@deprecated", arguments), ""))
    config = None
    # A subclass inherits its base's config: only what differs is written.
    base = module.model(model.extends) if model.extends is not None else None
    settings = []
    if model.extra != (base.extra if base is not None else "allow"):
        settings.append(f"extra={py_string(model.extra)}")
    if model.strict != (base.strict if base is not None else False):
        settings.append(f"strict={model.strict}")
    # `ConfigDict(frozen=True)`, not the class keyword: mypy reads the keyword as
    # a frozen dataclass, and refuses one below the shared (non-frozen) base.
    if model.frozen != (base.frozen if base is not None else False):
        settings.append(f"frozen={model.frozen}")
    if settings:
        imports.add("pydantic", "ConfigDict")
        config = f"model_config = ConfigDict({', '.join(settings)})"
    docstring = py_docstring(model.description, "    ") if model.description else None
    header = class_header(model.name, [model.extends or "BaseModel"])
    return ModelView(model.name, header, decorator, docstring, config, fields)


def _enum_views(module: ir.Module, imports: Imports) -> tuple[EnumView, ...]:
    return tuple(
        EnumView(
            enum_alias(enum, imports),
            py_docstring(enum.description, "") if enum.description else None,
        )
        for enum in module.enums
    )


def _union_views(
    module: ir.Module, annotations: AnnotationWriter
) -> tuple[EnumView, ...]:
    """The unions, after the models they name: each a type alias; a discriminated
    one validates by its tag (Pydantic's discriminated path)."""
    views = []
    for union in unions_in_order(module):
        views.append(
            EnumView(
                union_alias(union, annotations, _tag_attribute(module, union)),
                py_docstring(union.description, "") if union.description else None,
            )
        )
        annotations.defined.add(union.name)
    return tuple(views)


def _tag_attribute(module: ir.Module, union: ir.Union) -> str | None:
    """The Python name of a discriminated union's tag field (the same in every
    variant: `python_names.check` makes sure)."""
    if union.discriminator is None or not union.variants:
        return None
    variant = union.variants[0]
    assert isinstance(variant, ir.ModelRef)
    fields = module.all_fields(module.model(variant.name))
    tag = next(f for f in fields if f.name == union.discriminator)
    return python_names.field_name(tag)


def module_view(module: ir.Module) -> ModuleView:
    """One module holding every enum and model of the spec, in spec order."""
    imports = Imports()
    imports.add("._base", "BaseModel")
    defined = {enum.name for enum in module.enums}  # aliases come first: never quoted
    annotations = AnnotationWriter(module, imports, defined, models=True)
    enums = _enum_views(module, imports)
    models = []
    for model in models_in_order(module):
        models.append(_model_view(module, model, annotations))
        defined.add(model.name)  # only after its own fields: a self-reference is quoted
    unions = _union_views(module, annotations)
    names = [item.name for item in module.named_types]
    return ModuleView(
        aliases=alias_lines(annotations.aliases),
        header=generated_header(module),
        docstring=module_docstring(module, "Pydantic models"),
        imports=tuple(imports.lines(local_modules=["._base"])),
        exports=tuple(py_string(n) for n in sorted(names, key=isort_key)),
        enums=enums,
        models=tuple(models),
        unions=unions,
        late_imports=late_imports(
            [(f".{owner}", name) for owner, name in annotations.imported]
        )
        or None,
    )


# ---- the per-model layout: a package whose models are imported on first use ----


def model_file_stem(name: str) -> str:
    """`_account_action` for `AccountAction`: the private module of one model."""
    return "_" + _WORD_BOUNDARY.sub("_", name).lower()


_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


@dataclass(frozen=True)
class LazyPackageView:
    header: str
    docstring: str
    imports: tuple[str, ...]
    exports: tuple[str, ...]
    enums: tuple[EnumView, ...]
    type_checking: str | None  # the `if TYPE_CHECKING:` block importing each model
    modules: tuple[tuple[str, str], ...]  # (quoted model name, quoted module)


def lazy_package_view(module: ir.Module) -> LazyPackageView:
    imports = Imports()
    enums = _enum_views(module, imports)
    type_checking = None
    if module.models:
        imports.add("typing", "TYPE_CHECKING")
        type_checking = type_checking_block(
            [(f".{model_file_stem(m.name)}", m.name) for m in module.models]
        )
    names = [e.name for e in module.enums] + [m.name for m in module.models]
    if module.models:
        imports.add("importlib", LAZY_IMPORT)
    return LazyPackageView(
        header=generated_header(module),
        docstring=module_docstring(module, "Pydantic models"),
        imports=tuple(imports.lines()),
        exports=tuple(py_string(n) for n in sorted(names, key=isort_key)),
        enums=enums,
        type_checking=type_checking,
        modules=tuple(
            (py_string(m.name), py_string(f".{model_file_stem(m.name)}"))
            for m in module.models
        ),
    )


def model_module_view(
    module: ir.Module, model: ir.Model, fixed: FixedAnnotations | None = None
) -> ModuleView:
    """The module of one model: enums come from the package; the other models it
    names are quoted and imported at the bottom, after its class, so that a cycle
    of references works as Python's imports do: each module of the cycle has
    defined its class by the time another module imports it."""
    imports = Imports()
    if model.extends is None:
        imports.add(".._base", "BaseModel")
    defined = {enum.name for enum in module.enums}
    annotations = AnnotationWriter(module, imports, defined, fixed, models=True)
    view = _model_view(module, model, annotations)
    referenced = {
        name for field in model.fields for name in ir.referenced_names(field.type)
    }
    for name in referenced & defined:
        imports.add(".", name)
    if model.extends is not None:
        # Above the class, which needs it: `check_layout` makes sure the base's
        # module does not import this one in turn.
        imports.add(f".{model_file_stem(model.extends)}", model.extends)
    others = {
        n for n in referenced - defined - {model.name, model.extends} if "." not in n
    }
    return ModuleView(
        aliases=alias_lines(annotations.aliases),
        header=generated_header(module),
        docstring=py_docstring(
            f"The `{model.name}` model of the `{module.name}` spec; import it from "
            "the package, which imports this module on first use.",
            "",
        ),
        imports=tuple(
            imports.lines(local_modules=[m for m, _ in imports.names if m[0] == "."])
        ),
        exports=(py_string(model.name),),
        enums=(),
        models=(view,),
        late_imports=late_imports(
            [(f".{model_file_stem(n)}", n) for n in others]
            + [(f"..{owner}", name) for owner, name in annotations.imported]
        )
        or None,
    )


def render(
    modules: tuple[ir.Module, ...], templates: Templates, options: TargetOptions
) -> dict[str, str]:
    per_model = _per_model(modules, options)
    files = {
        ROOT_INIT: templates.render("python/root_init.py.jinja"),
        f"{FOLDER}/__init__.py": templates.render(
            "pydantic/init.py.jinja",
            package=package_view(modules, ("BaseModel",), lazy=per_model),
        ),
        f"{FOLDER}/_base.py": templates.render("pydantic/base.py.jinja"),
    }
    for module in modules:
        if module.name in per_model:
            folder = f"{FOLDER}/{module.name}"
            files[f"{folder}/__init__.py"] = templates.render(
                "pydantic/lazy_package.py.jinja", package=lazy_package_view(module)
            )
            fixed = FixedAnnotations(
                module, models=True
            )  # shared by the models' modules
            for model in module.models:
                view = model_module_view(module, model, fixed)
                files[f"{folder}/{model_file_stem(model.name)}.py"] = templates.render(
                    "pydantic/module.py.jinja", module=view
                )
        else:
            files[f"{FOLDER}/{module.name}.py"] = templates.render(
                "pydantic/module.py.jinja", module=module_view(module)
            )
    return files


def _per_model(
    modules: tuple[ir.Module, ...], options: TargetOptions
) -> frozenset[str]:
    """The modules written as a package with a module per model."""
    return frozenset(m.name for m in modules if options.layout(m.name) == "per-model")


def check_layout(
    modules: tuple[ir.Module, ...], options: TargetOptions
) -> list[Diagnostic]:
    """Names the per-model layout cannot write: two models in one file, or a
    name the lazy package imports."""
    diagnostics: list[Diagnostic] = []

    def error(location: Location | None, message: str, code: Code) -> None:
        diagnostics.append(
            Diagnostic(location or Location("<spec>", 1, 1), message, code)
        )

    per_model = _per_model(modules, options)
    if not per_model:
        return diagnostics
    # The package-wide names matter, in every spec, once any spec is written per model.
    module_names = {module.name for module in modules}
    for module in modules:
        for item in module.named_types:
            if item.name in module_names:
                # The package re-exports both lazily: which one a name means
                # would depend on which was asked for first.
                error(
                    item.location,
                    f"'{item.name}' is also the name of a spec module, which the "
                    f"models package exports too (layout: per-model); rename one",
                    Code.NAME_CLASH,
                )
            if item.name in _LAZY_PACKAGE_NAMES:
                error(
                    item.location,
                    f"'{item.name}' collides with a name the generated package "
                    "imports (layout: per-model); rename it",
                    Code.RESERVED_NAME,
                )
        if module.name not in per_model:
            continue
        for model in module.models:
            loop = _base_loop(module, model)
            if loop:
                error(
                    model.location,
                    f"model '{model.name}' extends '{model.extends}', whose module "
                    f"imports it in turn ({' -> '.join(loop)}); the per-model layout "
                    "imports a base above the class that extends it, so this cycle "
                    "cannot be written (use `layout: module`)",
                    Code.INHERITANCE,
                )
        stems: dict[str, str] = {}
        for model in module.models:
            stem = model_file_stem(model.name)
            if stem in stems:
                error(
                    model.location,
                    f"models '{stems[stem]}' and '{model.name}' would both be "
                    f"written to {stem}.py (layout: per-model); rename one",
                    Code.NAME_CLASH,
                )
            stems.setdefault(stem, model.name)
    return diagnostics


def _base_loop(module: ir.Module, model: ir.Model) -> list[str]:
    """The models through which the module of `model`'s base imports the module of
    `model` (empty: it does not). Each model's module imports those its own
    fields name and its base."""
    if model.extends is None:
        return []
    names = {m.name for m in module.models}

    def imported(name: str) -> list[str]:
        current = module.model(name)
        found = [n for f in current.fields for n in ir.referenced_names(f.type)]
        if current.extends is not None:
            found.append(current.extends)
        return [n for n in dict.fromkeys(found) if n in names and n != name]

    trails = {model.extends: [model.extends]}
    pending = [model.extends]
    while pending:
        name = pending.pop()
        for other in imported(name):
            if other == model.name:
                return [*trails[name], other]
            if other not in trails:
                trails[other] = [*trails[name], other]
                pending.append(other)
    return []


# The most models a cycle of references may go through for Pydantic to build a
# model's validator and its JSON schema at Python's default recursion limit
# (1,000 frames): measured with pydantic 2.11.0 and 2.14.4, both 29; see
# docs/targets.md.
LONGEST_SAFE_CYCLE = 29


def check_reference_cycles(
    modules: tuple[ir.Module, ...], options: TargetOptions
) -> list[Diagnostic]:
    """A warning at the first model of each group of more than LONGEST_SAFE_CYCLE
    models that reach each other through references (the longest cycle among
    them goes through at most that many)."""
    diagnostics = []
    for module in modules:
        order = {model.name: i for i, model in enumerate(module.models)}
        for group in _reference_groups(module):
            if len(group) <= LONGEST_SAFE_CYCLE:
                continue
            first = min(group, key=lambda m: order[m.name])
            diagnostics.append(
                Diagnostic(
                    first.location or Location(module.source or "<spec>", 1, 1),
                    f"model '{first.name}' is one of {len(group)} models that "
                    "reach each other through references; Pydantic may exceed "
                    "Python's default recursion limit building their validators "
                    "or JSON schemas (a cycle through up to "
                    f"{LONGEST_SAFE_CYCLE} models is known to work)",
                    Code.REFERENCE_CYCLE,
                    "warning",
                )
            )
    return diagnostics


def _reference_groups(module: ir.Module) -> list[list[ir.Model]]:
    """The strongly connected groups of the module's models (Tarjan's algorithm,
    without recursion: the groups worth finding are the deep ones)."""
    models = {model.name: model for model in module.models}
    edges = {
        model.name: [  # inherited fields too: Pydantic builds them into the child
            name
            for field in module.all_fields(model)
            for name in ir.referenced_names(field.type)
            if name in models
        ]
        for model in module.models
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[ir.Model]] = []
    for root, references in edges.items():
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(references))]
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(edges[successor])))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(models[member])
                        if member == node:
                            break
                    groups.append(group)
    return groups


# What a per-model package's `__init__.py` and model modules import besides the spec's names.
_LAZY_PACKAGE_NAMES = frozenset({"TYPE_CHECKING"})

TARGET = Target(
    name="pydantic",
    summary="Pydantic v2 models",
    folder=FOLDER,
    render=render,
    checks=(python_names.check, check_layout, check_reference_cycles),
    root_files=(ROOT_INIT,),
    shared_files=(f"{FOLDER}/__init__.py", f"{FOLDER}/_base.py"),
    options={"layout": LAYOUTS},  # the default for a spec that sets no `layout:`
)
