"""Python names for spec names, and the checks that keep them generatable.

Shared by the Pydantic and TypedDict targets, which must agree on every name.
"""

from __future__ import annotations

import functools
import keyword
import re

from generator import ir
from generator.diagnostics import Code, Diagnostic, Location
from generator.targets.target import TargetOptions

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

# Public attributes of the generated base class (Pydantic's `BaseModel` and ours):
# a field with one of these names would shadow it. Names with a leading underscore
# are refused anyway. Written out rather than read from the installed Pydantic, so
# that a spec is accepted or refused the same way on every machine, and `generate`
# need not import Pydantic; a test checks the list against the installed version.
BASE_ATTRIBUTES = frozenset(
    {
        "Config",
        "construct",
        "copy",
        "dict",
        "from_orm",
        "json",
        "model_computed_fields",
        "model_config",
        "model_construct",
        "model_copy",
        "model_dump",
        "model_dump_json",
        "model_extra",
        "model_fields",
        "model_fields_set",
        "model_json_schema",
        "model_parametrized_name",
        "model_post_init",
        "model_rebuild",
        "model_validate",
        "model_validate_json",
        "model_validate_strings",
        "parse_file",
        "parse_obj",
        "parse_raw",
        "schema",
        "schema_json",
        "to_dict",
        "to_json",
        "update_forward_refs",
        "validate",
    }
)

# Names the generated modules import or define besides the spec's own.
MODULE_NAMES = frozenset(
    {
        "Annotated",
        "Base64Bytes",
        "BaseModel",
        "ConfigDict",
        "Decimal",
        "Dict",
        "Field",
        "List",
        "Literal",
        "NotNull",
        "NotRequired",
        "Optional",
        "Required",
        "Sequence",
        "TypeAlias",
        "TypedDict",
        "UUID",
        "Union",
        "cast",
        "date",
        "datetime",
        "deprecated",
        "time",
        "timedelta",
    }
)


# Builtins the generated annotations use.
ANNOTATION_BUILTINS = frozenset({"str", "int", "float", "bool", "bytes", "object"})

# Names a generated class body refers to. An attribute with one of these names would
# rebind it inside the class, so later annotations (`date: Optional[date] = None`
# included) would silently mean the attribute's value, not the type.
CLASS_BODY_NAMES = MODULE_NAMES | ANNOTATION_BUILTINS
# Of those, the type names a field may have all the same: later annotations in
# its class name the type by a module-level alias (`_object = object`) instead.
SHADOWABLE = ANNOTATION_BUILTINS | {
    "date",
    "datetime",
    "time",
    "timedelta",
    "UUID",
    "Decimal",
    "Base64Bytes",
}


def field_name(field: ir.Field) -> str | None:
    """The attribute name a field gets in Python, or None when the spec must supply one."""
    if field.code_name is not None:
        return field.code_name
    return _python_name(field.name)


@functools.lru_cache(maxsize=8192)  # asked by the check and by both Python targets
def _python_name(name: str) -> str | None:
    if keyword.iskeyword(name) or (name in CLASS_BODY_NAMES and name not in SHADOWABLE):
        return name + "_"  # `class` -> `class_`, `date` -> `date_`, as PEP 8 suggests
    if _IDENTIFIER.match(name):
        return name
    return None


@functools.lru_cache(maxsize=8192)  # asked for every key of every TypedDict
def is_identifier_key(name: str) -> bool:
    """Whether a wire name can be written as a TypedDict key in class syntax."""
    return bool(_IDENTIFIER.match(name)) and not keyword.iskeyword(name)


def check(modules: tuple[ir.Module, ...], options: TargetOptions) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []

    def error(location: Location | None, message: str, code: Code) -> None:
        diagnostics.append(
            Diagnostic(location or Location("<spec>", 1, 1), message, code)
        )

    exported: dict[str, str] = {}
    for module in modules:
        type_names = {item.name for item in module.named_types}
        for item in module.named_types:
            if item.name in MODULE_NAMES:
                error(
                    item.location,
                    f"'{item.name}' collides with a name the generated Python imports; rename it",
                    Code.RESERVED_NAME,
                )
            elif item.name in ANNOTATION_BUILTINS:
                error(
                    item.location,
                    f"'{item.name}' would shadow the Python builtin the generated annotations use; "
                    "rename it",
                    Code.RESERVED_NAME,
                )
            if item.name.startswith("_"):
                error(
                    item.location,
                    f"'{item.name}' starts with an underscore, which Python treats as private",
                    Code.RESERVED_NAME,
                )
            if item.name in exported and exported[item.name] != module.name:
                error(
                    item.location,
                    f"'{item.name}' is also defined in module '{exported[item.name]}'; "
                    "names must be unique across specs, since the packages re-export them",
                    Code.NAME_CLASH,
                )
            exported.setdefault(item.name, module.name)
        for model in module.models:
            seen: dict[str, str] = {}
            for field in module.all_fields(model):
                name = field_name(field)
                if field not in model.fields:  # inherited: checked at its base
                    if name is not None:
                        seen.setdefault(name, field.name)
                    continue
                if name is None:
                    what = (
                        "is not an ASCII identifier (Python reads non-ASCII names "
                        "NFKC-normalised, so one could silently become another)"
                        if field.name.isidentifier()
                        else "is not a Python identifier"
                    )
                    error(
                        field.location,
                        f"field '{field.name}' {what}; give it a `python_name` "
                        "(the wire name stays as written)",
                        Code.RESERVED_NAME,
                    )
                    continue
                if name.startswith("_"):
                    error(
                        field.location,
                        f"Python name '{name}' starts with an underscore, which Pydantic treats as a "
                        "private attribute; give the field a `python_name`",
                        Code.RESERVED_NAME,
                    )
                elif (
                    name in CLASS_BODY_NAMES and name not in SHADOWABLE
                ) or name in type_names:
                    error(
                        field.location,
                        f"Python name '{name}' would shadow the type '{name}' inside the generated "
                        "class; give the field a (different) `python_name`",
                        Code.RESERVED_NAME,
                    )
                elif name in BASE_ATTRIBUTES:
                    error(
                        field.location,
                        f"Python name '{name}' would shadow `BaseModel.{name}`; give the field a "
                        "`python_name` (the wire name stays as written)",
                        Code.RESERVED_NAME,
                    )
                if name in seen:
                    error(
                        field.location,
                        f"fields '{seen[name]}' and '{field.name}' of model '{model.name}' both "
                        f"become the Python name '{name}'",
                        Code.NAME_CLASH,
                    )
                seen.setdefault(name, field.name)
        for union in module.unions:
            tag_names: dict[str, str] = {}  # Python name -> the first model with it
            for variant in union.variants:
                if union.discriminator is None or not isinstance(variant, ir.ModelRef):
                    continue
                fields = module.all_fields(module.model(variant.name))
                tag = next((f for f in fields if f.name == union.discriminator), None)
                name = field_name(tag) if tag is not None else None
                if name is not None and tag_names and name not in tag_names:
                    first, first_model = next(iter(tag_names.items()))
                    # Pydantic's discriminator names one attribute of every variant.
                    error(
                        union.location,
                        f"union '{union.name}' is told apart by '{union.discriminator}', "
                        f"whose Python name is '{first}' in model '{first_model}' but '{name}' "
                        f"in model '{variant.name}'; give them one `python_name`",
                        Code.DISCRIMINATOR,
                    )
                elif name is not None:
                    tag_names.setdefault(name, variant.name)
    return diagnostics
