"""Turn a checked spec document into the IR: resolve type names, check meaning, normalise text.

Every problem found is collected with its location; nothing stops at the first.
"""

from __future__ import annotations

import difflib
import json
import keyword
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import PurePath
from typing import Any

from typing_extensions import assert_never

from generator import constraints, ir, scalar_values
from generator.compat.type_relations import Renames, Side, effective, relate
from generator.constraints import CONSTRAINTS
from generator.diagnostics import Code, Diagnostic, Location
from generator.loading import Imported
from generator.loading.spec_document import (
    EnumDocument,
    FieldDocument,
    ModelDocument,
    SpecDocument,
    UnionDocument,
)
from generator.loading.yaml_source import Locator, Path
from generator.text import normalize_doc
from generator.type_expressions import (
    Either,
    Expression,
    Named,
    OrNull,
    TypeSyntaxError,
    Wrapped,
    parse,
    scalar_kind,
)

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_MODULE_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
# Module, model and enum names become file names (`<module>.schema.json`, a
# model's own module in the per-model layout, the writer's temporary files
# beside them); this bound keeps every one well under the 255 bytes that file
# systems allow, so a long name is refused here rather than at write time.
MAX_NAME_LENGTH = 100

# JSON Schema 2020-12 format names (validation vocabulary); a typo is an error, not a silent no-op.
STRING_FORMATS = (
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
)

# Formats that have a scalar type of their own: the spec says `type: datetime`, so that
# every target (the Python types too, not only the JSON Schema) checks the value.
SCALAR_FORMATS = {"date-time": "datetime", "date": "date"}


# Type names people write from other languages, and what a spec says instead.
_TYPE_HINTS = {
    "any": "write `json` for any JSON value",
    "object": "write `json` for any JSON value, or `map<T>` for an object of T",
    "str": "write `string`",
    "int": "write `integer`",
    "float": "write `number`",
    "bool": "write `boolean`",
    "array": "write `list<T>`",
    "dict": "write `map<T>`",
}


class _Resolver:
    def __init__(
        self,
        document: SpecDocument,
        locator: Locator,
        source: str,
        catalog: Mapping[str, Imported],
    ) -> None:
        self.document = document
        # Every spec of the run by module name; `imported`: those this one imports.
        self.catalog = catalog
        self.imported: dict[str, Imported] = {}
        self.locator = locator
        self.source = source
        self.diagnostics: list[Diagnostic] = []
        self.problems = 0  # found, whether reported here or already by an earlier step
        # Field types found without a problem, by what determines them: a spec
        # writes the same few types (`string`, `list<Model>`) on thousands of fields.
        self._field_types: dict[
            tuple[str, tuple[str, ...] | None, str | None], ir.TypeRef
        ] = {}
        self._unions: dict[str, ir.Union] = {}  # resolved so far
        self._untyped: set[Path] = set()  # fields whose type had a problem (reported)

    def error(
        self,
        path: Path,
        message: str,
        *,
        code: Code,
        key: bool = False,
        offset: int | None = None,
    ) -> None:
        """Report a problem at `path` (its key with `key`; character `offset` of its text)."""
        self.problems += 1
        if self.locator.is_reported(path):
            return  # the loader or the shape check already reported this value
        if offset is not None:
            location = self.locator.locate_in_scalar(path, offset)
        else:
            location = self.locator.locate(path, key=key)
        self.diagnostics.append(Diagnostic(location, message, code))

    def module(self) -> ir.Module:
        document = self.document
        name = (
            document.module
            if document.module is not None
            else PurePath(self.source).stem
        )
        if not _MODULE_NAME.match(name) or keyword.iskeyword(name):
            where: Path = ("module",) if document.module is not None else ()
            self.error(
                where,
                f"module name '{name}' cannot name output files: use lowercase letters, digits and "
                "underscores, starting with a letter (set `module:` or rename the file)",
                code=Code.BAD_NAME,
            )
        elif len(name) > MAX_NAME_LENGTH:
            where = ("module",) if document.module is not None else ()
            self.error(where, _too_long("module", name), code=Code.TOO_LARGE)
        self._check_imports(name)
        for enum_name in document.enums:
            if enum_name in document.models:
                self.error(
                    ("enums", enum_name),
                    f"'{enum_name}' names both an enum and a model",
                    key=True,
                    code=Code.NAME_CLASH,
                )
        for union_name in document.unions:
            taken = (
                "a model"
                if union_name in document.models
                else "an enum"
                if union_name in document.enums
                else None
            )
            if taken:
                self.error(
                    ("unions", union_name),
                    f"'{union_name}' names both a union and {taken}",
                    key=True,
                    code=Code.NAME_CLASH,
                )
        enums = tuple(self.enum(n, e) for n, e in document.enums.items())
        # Before the models, whose defaults may have a union's type.
        for n, u in document.unions.items():
            self._unions[n] = self.union(n, u)
        unions = tuple(self._unions.values())
        models = self._inherit(
            tuple(self.model(n, m) for n, m in document.models.items()), enums
        )
        scope = ir.Module(name, "", enums, models, unions=unions)
        for union in unions:
            self._check_union(union, scope)
        self._check_union_cycles(unions)
        self._check_renamed_from(
            [
                (("enums", n), f"enum '{n}'", e.renamed_from)
                for n, e in document.enums.items()
            ]
            + [
                (("models", n), f"model '{n}'", m.renamed_from)
                for n, m in document.models.items()
            ]
            + [
                (("unions", n), f"union '{n}'", u.renamed_from)
                for n, u in document.unions.items()
            ],
            {
                **dict.fromkeys(document.models, "a model of this spec"),
                **dict.fromkeys(document.enums, "an enum of this spec"),
                **dict.fromkeys(document.unions, "a union of this spec"),
            },
        )
        if document.root is not None and document.root not in document.models:
            self.error(
                ("root",),
                f"root '{document.root}' is not a model of this spec{self._suggest(document.root)}",
                code=Code.UNKNOWN_TYPE,
            )
        return ir.Module(
            name=name,
            description=normalize_doc(document.description),
            enums=enums,
            models=models,
            json_schema_id=document.json_schema_id,
            root=document.root,
            imports=tuple(self.imported),
            source=self.source,
            unions=unions,
        )

    def _check_imports(self, own: str) -> None:
        """Each import names another spec of the run, once."""
        for index, imported in enumerate(self.document.imports):
            where: Path = ("imports", index)
            if imported == own:
                self.error(where, f"spec '{own}' imports itself", code=Code.IMPORT)
            elif imported in self.imported:
                self.error(
                    where, f"spec '{imported}' is imported twice", code=Code.IMPORT
                )
            elif imported not in self.catalog:
                self.error(
                    where,
                    f"imports unknown spec '{imported}'; the specs given are "
                    f"{_listing(self.catalog)}",
                    code=Code.IMPORT,
                )
            else:
                self.imported[imported] = self.catalog[imported]
        self.own_module = own

    def _defined_at(self, name: str) -> list[tuple[str, str]]:
        """The other specs that define `name`, as (module, `file:line`)."""
        found = []
        for module, spec in self.catalog.items():
            for section in ("models", "enums", "unions"):
                if module != self.own_module and name in getattr(
                    spec.document, section
                ):
                    location = spec.locator.locate((section, name), key=True)
                    found.append((module, f"{location.file}:{location.line}"))
        return found

    def _qualified(self, path: Path, expression: Named) -> ir.TypeRef | None:
        """`module.Name`: a type of an imported spec."""
        module, _, name = expression.name.partition(".")
        spec = self.imported.get(module)
        problem = None
        if spec is None:
            if module == self.own_module:
                problem = f"'{module}' is this spec: write '{name}'"
            elif module in self.catalog:
                problem = f"spec '{module}' is not imported: add `imports: [{module}]`"
            else:
                problem = (
                    f"unknown spec '{module}' in type '{expression.name}'; the specs "
                    f"given are {_listing(self.catalog)}"
                )
        elif name in spec.document.models:
            return ir.ModelRef(expression.name)
        elif name in spec.document.enums:
            return ir.EnumRef(expression.name)
        elif name in spec.document.unions:
            return ir.UnionRef(expression.name)
        else:
            defined = _listing(
                [*spec.document.models, *spec.document.enums, *spec.document.unions]
            )
            elsewhere = [d for d in self._defined_at(name) if d[0] != module]
            where = (
                f"; '{name}' is defined in spec '{elsewhere[0][0]}' at {elsewhere[0][1]}"
                if elsewhere
                else ""
            )
            problem = f"spec '{module}' defines no type '{name}' (it defines {defined}){where}"
        code = Code.IMPORT if spec is None else Code.UNKNOWN_TYPE
        self.error(path, problem, offset=expression.offset, code=code)
        return None

    def union(self, name: str, document: UnionDocument) -> ir.Union:
        self._check_type_name("unions", name)
        path: Path = ("unions", name, "variants")
        if not document.variants:
            self.error(path, f"union '{name}' has no variants", code=Code.UNION)
        variants: list[ir.TypeRef] = []
        for index, text in enumerate(document.variants):
            variant = self._type_expression((*path, index), text)
            if variant is None:
                continue
            if variant in variants:
                self.error(
                    (*path, index),
                    f"union '{name}' lists the variant '{text}' twice",
                    code=Code.UNION,
                )
                continue
            variants.append(variant)
        if document.discriminator == "":
            self.error(
                ("unions", name, "discriminator"),
                f"union '{name}' has an empty discriminator",
                code=Code.DISCRIMINATOR,
            )
        return ir.Union(
            name=name,
            description=normalize_doc(document.description),
            variants=tuple(variants),
            discriminator=document.discriminator or None,
            since=document.since,
            deprecated=self._deprecation(document.deprecated),
            location=self.locator.locate(("unions", name), key=True),
            renamed_from=document.renamed_from,
        )

    def _check_booleans(self, path: Path, type_: ir.TypeRef) -> None:
        """No union in `type_` (at any depth) holds both an integer enum and a
        variant that holds booleans: Python's True == 1, so Pydantic can read
        `true` as 1 (a `Literal[0, 1]` accepts True, and before `bool` wins)."""
        pending = [type_]
        while pending:
            current = pending.pop()
            if not isinstance(current, (ir.OneOf, ir.Nullable)):
                pending.extend(ir.parts(current))
                continue
            # The members of one Python Union, named unions' included; then the
            # lists and maps among its own members (a named union is checked once).
            self._check_union_booleans(path, (current,))
            local = _leaves((current,), {}, set())
            pending.extend(part for leaf in local for part in ir.parts(leaf))

    def _check_union_booleans(
        self, path: Path, variants: tuple[ir.TypeRef, ...]
    ) -> None:
        leaves = _leaves(variants, self._unions, set())
        numbers = [
            v
            for v in leaves
            if isinstance(v, ir.EnumRef)
            and v.name in self.document.enums
            and self.document.enums[v.name].type == "integer"
        ]
        booleans = [v for v in leaves if v in (ir.Scalar("boolean"), ir.Scalar("json"))]
        if numbers and booleans:
            self.error(
                path,
                f"a union holds both the integer enum '{ir.type_to_text(numbers[0])}' "
                f"and '{ir.type_to_text(booleans[0])}': Python cannot tell true from 1 "
                "(True == 1), so Pydantic can read true as 1",
                code=Code.UNION,
            )

    def _check_union(self, union: ir.Union, scope: ir.Module) -> None:
        """No integer enum beside booleans; with a discriminator, every variant is a
        model whose field of that wire name is a constant, and no two variants have
        the same constant."""
        path: Path = ("unions", union.name, "variants")
        self._check_booleans(path, ir.OneOf(union.variants))
        tag = union.discriminator
        if tag is None:
            return
        tags: dict[ir.ConstValue, str] = {}
        for index, variant in enumerate(union.variants):
            where: Path = ("unions", union.name, "variants", index)
            if not isinstance(variant, ir.ModelRef):
                self.error(
                    where,
                    f"union '{union.name}' is told apart by '{tag}', so its variants "
                    f"must be models; '{ir.type_to_text(variant)}' is not one",
                    code=Code.DISCRIMINATOR,
                )
                continue
            if variant.name not in self.document.models:
                continue
            model = scope.model(variant.name)
            field = next((f for f in scope.all_fields(model) if f.name == tag), None)
            if field is None or not isinstance(field.type, ir.Const):
                what = (
                    f"has no field '{tag}'"
                    if field is None
                    else f"has a field '{tag}' that is not a constant"
                )
                self.error(
                    where,
                    f"union '{union.name}' is told apart by '{tag}', but model "
                    f"'{model.name}' {what} (write `{tag}: {{const: ...}}`)",
                    code=Code.DISCRIMINATOR,
                )
                continue
            if field.nullable or not field.required:
                self.error(
                    where,
                    f"union '{union.name}' is told apart by '{tag}', so model "
                    f"'{model.name}' must always have it: its `{tag}` may not be "
                    "absent or null",
                    code=Code.DISCRIMINATOR,
                )
            value = field.type.value
            first = next(iter(tags.items()), None)
            if first is not None and type(value) is not type(first[0]):
                # Python's True == 1: Pydantic could not tell such tags apart.
                self.error(
                    where,
                    f"union '{union.name}' is told apart by '{tag}', whose constants "
                    "must be all strings, all whole numbers or all true/false; model "
                    f"'{model.name}' has {json.dumps(value)}, model '{first[1]}' "
                    f"{json.dumps(first[0])}",
                    code=Code.DISCRIMINATOR,
                )
            elif value in tags:
                self.error(
                    where,
                    f"models '{tags[value]}' and '{model.name}' of union "
                    f"'{union.name}' have the same {tag} {json.dumps(value)}; each "
                    "variant needs its own",
                    code=Code.DISCRIMINATOR,
                )
            tags.setdefault(value, model.name)

    def _check_union_cycles(self, unions: tuple[ir.Union, ...]) -> None:
        """A union may not contain itself through unions alone (no model between)."""
        inner = {
            u.name: [n for v in u.variants for n in _union_names(v)] for u in unions
        }
        done: set[str] = set()

        def visit(name: str, trail: list[str]) -> None:
            if name in trail:
                cycle = [*trail[trail.index(name) :], name]
                self.error(
                    ("unions", name),
                    "unions contain each other with no model between: "
                    + " -> ".join(cycle),
                    key=True,
                    code=Code.UNION,
                )
                return
            if name in done:
                return
            for other in inner.get(name, ()):
                visit(other, [*trail, name])
            done.add(name)

        for union in unions:
            visit(union.name, [])

    def _check_renamed_from(
        self, entries: Sequence[tuple[Path, str, str | None]], present: dict[str, str]
    ) -> None:
        """Each `renamed_from` names what its entry was called before, so it names
        neither the entry itself, nor anything still `present` beside it, nor what
        another entry was renamed from.
        """
        claimed: dict[str, str] = {}
        for path, what, old in entries:
            if old is None:
                continue
            where = (*path, "renamed_from")
            if old == "":
                self.error(
                    where, f"{what} has an empty `renamed_from`", code=Code.RENAME
                )
            elif old == path[-1]:
                self.error(
                    where, f"{what} is renamed from its own name", code=Code.RENAME
                )
            elif old in present:
                self.error(
                    where,
                    f"{what} is renamed from '{old}', which is still {present[old]}: "
                    "after a rename only the new name exists",
                    code=Code.RENAME,
                )
            elif old in claimed:
                self.error(
                    where,
                    f"{what} and {claimed[old]} are both renamed from '{old}'",
                    code=Code.RENAME,
                )
            else:
                claimed[old] = what

    def _check_type_name(self, section: str, name: str) -> None:
        kind = section[:-1]  # models -> model
        if not _IDENTIFIER.match(name) or keyword.iskeyword(name):
            self.error(
                (section, name),
                f"{kind} name '{name}' is not a valid class name: use letters, digits and underscores, "
                "not starting with a digit",
                key=True,
                code=Code.BAD_NAME,
            )
        elif len(name) > MAX_NAME_LENGTH:
            self.error(
                (section, name), _too_long(kind, name), key=True, code=Code.TOO_LARGE
            )

    def _deprecation(self, value: bool | str) -> ir.Deprecation | None:
        if value is False:
            return None
        return ir.Deprecation(normalize_doc(value) if isinstance(value, str) else None)

    def enum(self, name: str, document: EnumDocument) -> ir.Enum:
        self._check_type_name("enums", name)
        path: Path = ("enums", name, "values")
        if not document.values:
            self.error(path, f"enum '{name}' has no values", code=Code.ENUM)
        seen: set[ir.EnumValue] = set()
        values: list[ir.EnumValue] = []
        for index, value in enumerate(document.values):
            if document.type == "string" and not isinstance(value, str):
                self.error(
                    (*path, index),
                    f"item {index + 1} of 'values' must be a string, not a number; "
                    f"quote it to keep it text: '{value}' (or set `type: integer` "
                    "for an enum of whole numbers)",
                    code=Code.ENUM,
                )
            elif document.type == "integer" and not isinstance(value, int):
                self.error(
                    (*path, index),
                    f"item {index + 1} of 'values' is {value!r}, not a whole number "
                    "(the enum has `type: integer`)",
                    code=Code.ENUM,
                )
            elif value == "":
                self.error(
                    (*path, index), f"enum '{name}' has an empty value", code=Code.ENUM
                )
            elif value in seen:
                self.error(
                    (*path, index),
                    f"enum '{name}' lists the value '{value}' twice",
                    code=Code.ENUM,
                )
            else:
                values.append(value)
            seen.add(value)
        return ir.Enum(
            name=name,
            description=normalize_doc(document.description),
            values=tuple(values),
            open=document.open,
            since=document.since,
            deprecated=self._deprecation(document.deprecated),
            location=self.locator.locate(("enums", name), key=True),
            renamed_from=document.renamed_from,
        )

    def model(self, name: str, document: ModelDocument) -> ir.Model:
        self._check_type_name("models", name)
        locations = self.locator.key_locations(("models", name, "fields"))
        fields = tuple(
            self.field(("models", name, "fields", key), key, spec, locations.get(key))
            for key, spec in document.fields.items()
        )
        renamed = [
            (("models", name, "fields", key), f"field '{key}'", spec.renamed_from)
            for key, spec in document.fields.items()
            if spec.renamed_from is not None
        ]
        if renamed:
            present = dict.fromkeys(document.fields, f"a field of model '{name}'")
            self._check_renamed_from(renamed, present)
        return ir.Model(
            name=name,
            description=normalize_doc(document.description),
            fields=fields,
            extra=document.extra,
            direction=document.direction,
            direction_declared="direction" in document.given,
            strict=self.document.strict if document.strict is None else document.strict,
            since=document.since,
            deprecated=self._deprecation(document.deprecated),
            location=self.locator.locate(("models", name), key=True),
            renamed_from=document.renamed_from,
            extends=document.extends,
            frozen=bool(document.frozen),
        )

    # ---- inheritance (`extends`) ----

    def _inherit(
        self, models: tuple[ir.Model, ...], enums: tuple[ir.Enum, ...]
    ) -> tuple[ir.Model, ...]:
        """The models with each `extends` checked (a model of this spec, no cycle),
        each child taking its base's `extra` and `strict` unless it sets its own,
        and its base's `frozen` (a child that sets another is refused), and each
        field a child declares again checked to narrow the inherited one."""
        by_name = {model.name: model for model in models}
        parents: dict[str, str] = {}
        for model in models:
            base = model.extends
            if base is None:
                continue
            where: Path = ("models", model.name, "extends")
            if base in by_name:
                parents[model.name] = base
            elif "." in base:
                self.error(
                    where,
                    f"model '{model.name}' extends '{base}', a model of another spec; "
                    "a model can extend only a model of its own spec",
                    code=Code.INHERITANCE,
                )
            elif base in self.document.enums or base in self.document.unions:
                kind = "an enum" if base in self.document.enums else "a union"
                self.error(
                    where,
                    f"model '{model.name}' extends '{base}', which is {kind}; "
                    "a model can extend only a model",
                    code=Code.INHERITANCE,
                )
            else:
                self.error(
                    where,
                    f"model '{model.name}' extends unknown model '{base}'"
                    f"{self._hint(base)}",
                    code=Code.INHERITANCE,
                )
        for model in models:
            chain = _chain(model.name, parents)
            if len(chain) > 1 and chain[-1] == model.name:
                self.error(
                    ("models", model.name, "extends"),
                    f"model '{model.name}' extends itself: " + " -> ".join(chain),
                    code=Code.INHERITANCE,
                )
        for name in [n for n in parents if _chain(n, parents)[-1] == n]:
            del parents[name]  # a cycle: reported
        settled: dict[str, ir.Model] = {}
        for model in models:
            pending = [n for n in _chain(model.name, parents) if n not in settled]
            for name in reversed(pending):
                current = by_name[name]
                parent = parents.get(name)
                if parent is None:
                    settled[name] = replace(current, extends=None)
                    continue
                given = self.document.models[name].given
                inherited = settled[parent]
                if "frozen" in given and current.frozen != inherited.frozen:
                    self._frozen_mismatch(current, inherited, parent)
                settled[name] = replace(
                    current,
                    extends=parent,
                    extra=current.extra if "extra" in given else inherited.extra,
                    strict=current.strict if "strict" in given else inherited.strict,
                    frozen=inherited.frozen,
                )
        result = tuple(settled[model.name] for model in models)
        scope = ir.Module("", "", enums, result)
        side = Side(
            "",
            {("", e.name): e for e in enums},
            {("", u.name): u for u in self._unions.values()},
        )
        renames = Renames(
            models={("", m.name): ("", m.name) for m in models},
            enums={("", e.name): ("", e.name) for e in enums},
            unions={("", n): ("", n) for n in self._unions},
        )
        for model in result:
            if model.extends is not None:
                self._check_narrowing(scope, model, side, renames)
        return result

    def _frozen_mismatch(
        self, model: ir.Model, inherited: ir.Model, parent: str
    ) -> None:
        """A child is frozen exactly when its base is: a mutable child would break
        the base's promise (unchanged, hashable values), a frozen one the base's
        assignments; Python's dataclasses and mypy refuse both."""
        verdict = (
            "is frozen, so it must be frozen too"
            if inherited.frozen
            else "is not frozen, so it cannot be frozen"
        )
        self.error(
            ("models", model.name, "frozen"),
            f"model '{model.name}' extends '{parent}', which {verdict}: a model is "
            "frozen exactly when its base is (leave `frozen` out to inherit it, or "
            "set it on the base)",
            code=Code.INHERITANCE,
        )

    def _check_narrowing(
        self, scope: ir.Module, model: ir.Model, side: Side, renames: Renames
    ) -> None:
        """Each field `model` declares that its base has too may only narrow it: the
        same Python name, never absent or null where the base's is not, and a type
        whose values are all values of the base's."""
        assert model.extends is not None
        base = scope.model(model.extends)
        inherited = {f.name: f for f in scope.all_fields(base)}
        for field in model.fields:
            old = inherited.get(field.name)
            if old is None:
                continue
            owner = scope.declarer(base, field.name).name
            path: Path = ("models", model.name, "fields", field.name)
            given = self.document.models[model.name].fields[field.name].given

            def at(key: str) -> Path:
                return (*path, key) if key in given else path  # noqa: B023

            what = f"field '{field.name}' of model '{model.name}'"
            rule = "a model may narrow an inherited field, never widen it"
            if old.required and not field.required:
                self.error(
                    at("required"),
                    f"{what} may be absent, but '{owner}' requires it ({rule})",
                    code=Code.INHERITANCE,
                )
            if field.nullable and not old.nullable:
                self.error(
                    at("nullable"),
                    f"{what} may be null, but in '{owner}' it may not "
                    f"({rule}: write `nullable: false`)",
                    code=Code.INHERITANCE,
                )
            if field.code_name != old.code_name:
                self.error(
                    at("python_name"),
                    f"{what} has the Python name "
                    f"'{field.code_name or field.name}', but '{owner}' gives it "
                    f"'{old.code_name or old.name}'; an inherited field keeps its name",
                    code=Code.INHERITANCE,
                )
            if path in self._untyped:
                continue  # its type is reported already
            if not _narrows(old.type, field.type, side, renames):
                container = isinstance(old.type, (ir.ListOf, ir.MapOf))
                note = (
                    "; the items of a list or a map stay as they are, since "
                    "Python's lists and dicts are invariant"
                    if container
                    else ""
                )
                self.error(
                    at("const") if "const" in given else at("type"),
                    f"{what} has the type '{ir.type_to_text(field.type)}', which is "
                    f"not narrower than '{ir.type_to_text(old.type)}' in '{owner}' "
                    f"({rule}{note})",
                    code=Code.INHERITANCE,
                )

    def field(
        self,
        path: Path,
        key: str,
        document: FieldDocument,
        location: Location | None = None,
    ) -> ir.Field:
        given = document.given
        is_const = "const" in given
        type_ = self.field_type(path, key, document)
        # A constant is always present and never null, unless the spec says otherwise.
        required = document.required if "required" in given or not is_const else True
        nullable = document.nullable if "nullable" in given or not is_const else False
        if key == "":
            self.error(
                path, "a field name cannot be empty", key=True, code=Code.BAD_NAME
            )
        if document.python_name is not None and (
            not _IDENTIFIER.match(document.python_name)
            or keyword.iskeyword(document.python_name)
        ):
            self.error(
                (*path, "python_name"),
                f"python_name '{document.python_name}' is not a valid Python identifier",
                code=Code.BAD_NAME,
            )
        if type_ is None:
            self._untyped.add(path)
        has_default = "default" in given
        if has_default and required:
            self.error(
                (*path, "default"),
                f"field '{key}' is required, so it cannot have a default",
                code=Code.DEFAULT,
            )
        elif has_default and is_const:
            self.error(
                (*path, "default"),
                f"field '{key}' is a constant, so it cannot have a default",
                code=Code.DEFAULT,
            )
        if not nullable and type_ is not None and type_ != ir.Scalar("json"):
            admitted = _null_through(type_, self._unions, set())
            if admitted is not None:
                self.error(  # only `nullable: false` makes a non-constant not null
                    (*path, "nullable"),
                    f"field '{key}' may not be null, but its type "
                    f"'{ir.type_to_text(type_)}' admits null through "
                    f"'{ir.type_to_text(admitted)}'; let the field be null, or "
                    "leave null out of the type",
                    code=Code.NULLABILITY,
                )
        if has_default and type_ is not None:
            problem = self.default_problem(type_, document.default, nullable)
            if problem:
                self.error(
                    (*path, "default"),
                    f"default of field '{key}' {problem}",
                    code=Code.DEFAULT,
                )
        checked = self.constraints(path, key, document, type_)
        return ir.Field(
            name=key,
            type=type_ or ir.Scalar("json"),
            description=normalize_doc(document.description),
            required=required,
            nullable=nullable,
            has_default=has_default,
            default=document.default if has_default else None,
            deprecated=self._deprecation(document.deprecated),
            since=document.since,
            secret=document.secret,
            code_name=document.python_name,
            renamed_from=document.renamed_from,
            location=location or self.locator.locate(path, key=True),
            constraints=checked,
        )

    def constraints(
        self, path: Path, key: str, document: FieldDocument, type_: ir.TypeRef | None
    ) -> ir.Constraints:
        """The field's value constraints, each checked: it applies to the field's
        type, its value makes sense, they leave some value, and the default fits."""
        given = {
            c.name: getattr(document, c.name)
            for c in CONSTRAINTS
            if getattr(document, c.name) is not None
        }
        if not given:
            return ()
        applies = () if type_ is None else constraints.applies_to(type_)
        kept: dict[str, ir.ConstraintValue] = {}
        for name, value in given.items():
            constraint = constraints.BY_NAME[name]
            where = (*path, name)
            problem = constraints.value_problem(constraint, value)
            if type_ is None:
                continue  # the type is reported already
            if constraint.applies not in applies:
                self.error(
                    where,
                    f"`{name}` constrains {_APPLIES_TEXT[constraint.applies]}, "
                    f"but field '{key}' is '{ir.type_to_text(type_)}'",
                    key=True,
                    code=Code.CONSTRAINT,
                )
            elif problem is not None:
                self.error(
                    where, f"`{name}` of field '{key}' {problem}", code=Code.CONSTRAINT
                )
            elif constraint.value == "pattern":
                try:
                    constraints.check_pattern(value)
                except constraints.PatternError as exc:
                    self.error(
                        where,
                        f"pattern of field '{key}': {exc.message}",
                        offset=exc.offset,
                        code=Code.PATTERN,
                    )
                else:
                    kept[name] = value
            else:
                kept[name] = value
        for upper, problem in constraints.contradictions(kept, type_):
            self.error(
                (*path, upper), f"field '{key}': {problem}", code=Code.CONSTRAINT
            )
        if "default" in document.given and document.default is not None:
            problem = constraints.value_breaks(kept, document.default)
            if problem is not None:
                self.error(
                    (*path, "default"),
                    f"default of field '{key}' {problem}",
                    code=Code.DEFAULT,
                )
        return tuple((c.name, kept[c.name]) for c in CONSTRAINTS if c.name in kept)

    def field_type(
        self, path: Path, key: str, document: FieldDocument
    ) -> ir.TypeRef | None:
        if "const" in document.given:
            return self._const_type(path, key, document)
        if document.type is None:
            self.error(
                path,
                f"field '{key}' is missing the required key 'type' "
                "(or `const` for a constant)",
                code=Code.MISSING_KEY,
            )
            return None
        enum = None if document.enum is None else tuple(document.enum)
        cache_key = (document.type, enum, document.format)
        known = self._field_types.get(cache_key)
        if known is not None:
            return known
        problems = self.problems
        type_ = self._field_type(path, document, document.type)
        if type_ is not None and self.problems == problems:
            self._field_types[cache_key] = type_
        return type_

    def _const_type(
        self, path: Path, key: str, document: FieldDocument
    ) -> ir.Const | None:
        value = document.const
        for other in ("type", "enum", "format"):
            if other in document.given:
                self.error(
                    (*path, other),
                    f"field '{key}' is a constant: its value is its type, so it has no `{other}`",
                    code=Code.CONSTANT,
                )
        if value is None or isinstance(value, float):
            what = "null" if value is None else f"the number {value!r}"
            self.error(
                (*path, "const"),
                f"a constant is a string, a whole number or true/false, not {what}",
                code=Code.CONSTANT,
            )
            return None
        if value == "":
            self.error(
                (*path, "const"),
                "a constant cannot be the empty string",
                code=Code.CONSTANT,
            )
            return None
        return ir.Const(value)

    def _type_expression(self, path: Path, text: str) -> ir.TypeRef | None:
        """A type expression (a union's variant) resolved, or None after an error."""
        try:
            expression = parse(text)
        except TypeSyntaxError as exc:
            self.error(path, exc.message, offset=exc.offset, code=Code.TYPE_SYNTAX)
            return None
        return self._resolve(path, expression)

    def _field_type(
        self, path: Path, document: FieldDocument, text: str
    ) -> ir.TypeRef | None:
        type_path = (*path, "type")
        try:
            expression = parse(text)
        except TypeSyntaxError as exc:
            self.error(type_path, exc.message, offset=exc.offset, code=Code.TYPE_SYNTAX)
            return None
        if isinstance(expression, OrNull):
            self.error(
                type_path,
                f"a field says whether it may be null with `nullable`, not with '?' "
                f"(which is for the items of lists and maps, and union variants): "
                f"write `type: {text[: expression.offset].rstrip()}`",
                offset=expression.offset,
                code=Code.NULLABILITY,
            )
            return None
        type_ = self._resolve(type_path, expression)
        if type_ is None:
            return None
        self._check_booleans(type_path, type_)
        if document.enum is not None:
            if type_ != ir.Scalar("string"):
                self.error(
                    (*path, "enum"),
                    f"`enum` lists strings, so the field's type must be string, not '{document.type}'",
                    code=Code.ENUM,
                )
                return None
            values_path = (*path, "enum")
            if not document.enum:
                self.error(values_path, "`enum` has no values", code=Code.ENUM)
            seen: set[str] = set()
            for index, value in enumerate(document.enum):
                if value == "":
                    self.error(
                        (*values_path, index),
                        "`enum` has an empty value",
                        code=Code.ENUM,
                    )
                elif value in seen:
                    self.error(
                        (*values_path, index),
                        f"`enum` lists the value '{value}' twice",
                        code=Code.ENUM,
                    )
                seen.add(value)
            type_ = ir.InlineEnum(tuple(document.enum))
        if document.format is not None:
            if ir.innermost(type_) != ir.Scalar("string"):
                self.error(
                    (*path, "format"),
                    f"`format` refines strings, but the type is '{document.type}'",
                    code=Code.FORMAT,
                )
            elif document.format not in STRING_FORMATS:
                hint = difflib.get_close_matches(document.format, STRING_FORMATS, n=1)
                extra = (
                    f"; did you mean '{hint[0]}'?"
                    if hint
                    else f"; known formats: {', '.join(STRING_FORMATS)}"
                )
                self.error(
                    (*path, "format"),
                    f"unknown string format '{document.format}'{extra}",
                    code=Code.FORMAT,
                )
            elif document.format in SCALAR_FORMATS:
                scalar = SCALAR_FORMATS[document.format]
                self.error(
                    (*path, "format"),
                    f"`format: {document.format}` would leave the Python types a plain str; "
                    f"write `type: {text.replace('string', scalar)}` instead",
                    code=Code.FORMAT,
                )
            else:
                type_ = _with_format(type_, document.format)
        return type_

    def _resolve(self, path: Path, expression: Expression) -> ir.TypeRef | None:
        match expression:
            case Wrapped(kind, inner_expression):
                inner = self._resolve(path, inner_expression)
                if inner is None:
                    return None
                return ir.ListOf(inner) if kind == "list" else ir.MapOf(inner)
            case OrNull(inner_expression):
                inner = self._resolve(path, inner_expression)
                return None if inner is None else ir.Nullable(inner)
            case Either(members, offsets):
                variants: list[ir.TypeRef] = []
                for member, offset in zip(members, offsets):
                    variant = self._resolve(path, member)
                    if variant is None:
                        return None
                    if variant in variants:
                        self.error(
                            path,
                            f"the union lists '{ir.type_to_text(variant)}' twice",
                            offset=offset,
                            code=Code.UNION,
                        )
                        return None
                    variants.append(variant)
                return ir.OneOf(tuple(variants))
            case Named():
                return self._named(path, expression)
            case _:
                assert_never(expression)

    def _named(self, path: Path, expression: Named) -> ir.TypeRef | None:
        name = expression.name
        if "." in name:
            return self._qualified(path, expression)
        kind = scalar_kind(name)
        if kind is not None:
            return ir.Scalar(kind)
        if name in self.document.models:
            return ir.ModelRef(name)
        if name in self.document.enums:
            return ir.EnumRef(name)
        if name in self.document.unions:
            return ir.UnionRef(name)
        offset = expression.offset
        if name in ("list", "map"):
            self.error(
                path,
                f"'{name}' needs an element type: write '{name}<T>'",
                offset=offset,
                code=Code.TYPE_SYNTAX,
            )
        else:
            self.error(
                path,
                f"unknown type '{name}'{self._hint(name)}",
                offset=offset,
                code=Code.UNKNOWN_TYPE,
            )
        return None

    def _hint(self, name: str) -> str:
        elsewhere = self._defined_at(name)
        if len(elsewhere) > 1:
            return (
                "; it is defined in "
                + " and in ".join(
                    f"spec '{module}' at {at}" for module, at in elsewhere
                )
                + f": import one and write `module.{name}`"
            )
        if elsewhere:
            module, at = elsewhere[0]
            add = "" if module in self.imported else f"add `imports: [{module}]` and "
            return f"; it is defined in spec '{module}' at {at}: {add}write {module}.{name}"
        if name in SCALAR_FORMATS:
            return f"; write `{SCALAR_FORMATS[name]}`"
        if name in STRING_FORMATS:
            return f"; `{name}` is a string format: write `type: string` with `format: {name}`"
        if name.lower() in _TYPE_HINTS:
            return f"; {_TYPE_HINTS[name.lower()]}"
        return self._suggest(name)

    def _suggest(self, name: str) -> str:
        candidates = [
            *ir.SCALAR_KINDS,
            *self.document.models,
            *self.document.enums,
            *self.document.unions,
        ]
        hint = difflib.get_close_matches(name, candidates, n=1)
        if hint:
            return f"; did you mean '{hint[0]}'?"
        return ""

    def default_problem(
        self, type_: ir.TypeRef, value: Any, nullable: bool
    ) -> str | None:
        """Why `value` cannot be the default of a field of `type_`, or None when it fits."""
        if value is None:
            return None if nullable else "is null, but the field is not nullable"
        return self._value_problem(type_, value)

    def _value_problem(
        self, type_: ir.TypeRef, value: Any, in_union: bool = False
    ) -> str | None:
        """`in_union`: `type_` is (inside) a union's variant, where a default is taken
        as JSON gives it, so no string stands for a datetime, a UUID..."""
        match type_:
            case ir.Scalar(kind) if in_union and kind in scalar_values.EXAMPLES:
                return f"is {value!r}, and a default inside a union cannot be a {kind}"
            case ir.Scalar(kind):
                return _scalar_value_problem(kind, value)
            case ir.InlineEnum(values):
                return _enum_value_problem(values, value)
            case ir.EnumRef(name):
                enum = self._enum_document(name)
                if enum.open:
                    return _scalar_value_problem(enum.type, value)
                return _enum_value_problem(tuple(enum.values), value)
            case ir.Const(constant):
                if value == constant and type(value) is type(constant):
                    return None
                return f"is {value!r}, not the constant {constant!r}"
            case ir.Nullable(item):
                return (
                    None
                    if value is None
                    else self._value_problem(item, value, in_union)
                )
            case ir.ListOf(item):
                if not isinstance(value, list):
                    return f"is {value!r}, not a list"
                for element in value:
                    problem = self._value_problem(item, element, in_union)
                    if problem:
                        return f"has an item that {problem}"
                return None
            case ir.MapOf(item):
                if not isinstance(value, dict):
                    return f"is {value!r}, not a mapping"
                for element in value.values():
                    problem = self._value_problem(item, element, in_union)
                    if problem:
                        return f"has a value that {problem}"
                return None
            case ir.UnionRef(name):
                union = self._unions.get(name)
                variants = union.variants if union is not None else ()
                return self._variants_problem(variants, value)
            case ir.OneOf(variants):
                return self._variants_problem(variants, value)
            case ir.ModelRef():
                return "cannot be given for a model-typed field"
            case _:
                assert_never(type_)

    def _enum_document(self, name: str) -> EnumDocument:
        module, _, short = name.rpartition(".")
        if module:
            return self.imported[module].document.enums[short]
        return self.document.enums[name]

    def _variants_problem(
        self, variants: tuple[ir.TypeRef, ...], value: Any
    ) -> str | None:
        problems = [self._value_problem(v, value, True) for v in variants]
        if not variants or None in problems:
            return None
        return f"is {value!r}, which fits none of the union's variants"


_APPLIES_TEXT = {
    "string": "a string",
    "number": "a number (an integer or a number)",
    "integer": "an integer",
    "list": "a list",
}


def _listing(names: Iterable[str]) -> str:
    return ", ".join(f"'{n}'" for n in names) or "none"


def _null_through(
    type_: ir.TypeRef, unions: Mapping[str, ir.Union], seen: set[str]
) -> ir.TypeRef | None:
    """The variant (`T?`, or `json`, any JSON value) through which a value of `type_`
    may be null, or None. Only a union's variants count: a list or a map is not null.
    A field that may not be null has no such type (but for `json` itself), since no
    target could say both; `seen` stops at a union met again (a cycle, reported)."""
    match type_:
        case ir.Nullable() | ir.Scalar("json"):
            return type_
        case ir.OneOf(variants):
            found = (_null_through(v, unions, seen) for v in variants)
            return next((f for f in found if f is not None), None)
        case ir.UnionRef(name):
            if name in seen or name not in unions:
                return None
            seen.add(name)
            return _null_through(ir.OneOf(unions[name].variants), unions, seen)
        case _:
            return None


def _leaves(
    variants: tuple[ir.TypeRef, ...], unions: Mapping[str, ir.Union], seen: set[str]
) -> list[ir.TypeRef]:
    """The variants with unions, inline and named, and `?` taken apart: the members
    of the one Python `Union` they make (`seen` stops at a union met again)."""
    found: list[ir.TypeRef] = []
    for variant in variants:
        match variant:
            case ir.Nullable(item):
                found += _leaves((item,), unions, seen)
            case ir.OneOf(inner):
                found += _leaves(inner, unions, seen)
            case ir.UnionRef(name) if name in unions and name not in seen:
                seen.add(name)
                found += _leaves(unions[name].variants, unions, seen)
            case _:
                found.append(variant)
    return found


def _union_names(type_: ir.TypeRef) -> list[str]:
    """The unions a union's variant is made of directly (not through a model)."""
    if isinstance(type_, ir.UnionRef):
        return [type_.name]
    return [name for part in ir.parts(type_) for name in _union_names(part)]


def _chain(name: str, parents: Mapping[str, str]) -> list[str]:
    """`name`, its base, that one's base, ..., stopping before a name met again."""
    chain = [name]
    while chain[-1] in parents and parents[chain[-1]] not in chain:
        chain.append(parents[chain[-1]])
    if chain[-1] in parents:
        chain.append(parents[chain[-1]])  # the name met again closes the cycle
    return chain


def _narrows(old: ir.TypeRef, new: ir.TypeRef, side: Side, renames: Renames) -> bool:
    """Whether every value of `new` is a value of `old`, with a Python type that
    may override `old`'s in a subclass (a list's or a map's items stay the same)."""
    if isinstance(old, ir.ListOf) and isinstance(new, ir.ListOf):
        return _same(old.item, new.item, side, renames)
    if isinstance(old, ir.MapOf) and isinstance(new, ir.MapOf):
        return _same(old.value, new.value, side, renames)
    if old == new:
        return True
    comparison = relate(old, new, side, side, renames)
    if comparison.code_types_unrelated or comparison.format_change in (
        "removed",
        "changed",
    ):
        return False
    return effective(comparison) in ("same", "respelled", "narrowed")


def _same(old: ir.TypeRef, new: ir.TypeRef, side: Side, renames: Renames) -> bool:
    return _narrows(old, new, side, renames) and _narrows(new, old, side, renames)


def _too_long(kind: str, name: str) -> str:
    return (
        f"{kind} name '{name[:20]}...' is {len(name)} characters long; names that "
        f"become file names may have at most {MAX_NAME_LENGTH}"
    )


def _with_format(type_: ir.TypeRef, format_: str) -> ir.TypeRef:
    """`type_` (a string, or lists and maps of strings, `?` or not: checked before)
    with its format."""
    match type_:
        case ir.ListOf(item):
            return ir.ListOf(_with_format(item, format_))
        case ir.MapOf(value):
            return ir.MapOf(_with_format(value, format_))
        case ir.Nullable(item):
            return ir.Nullable(_with_format(item, format_))
        case _:
            return ir.Scalar("string", format_)


def _enum_value_problem(values: tuple[ir.EnumValue, ...], value: Any) -> str | None:
    if not values or any(v == value and type(v) is type(value) for v in values):
        return None  # an enum without values is reported where it is declared
    listed = ", ".join(repr(v) for v in dict.fromkeys(values))
    return f"is {value!r}, not one of {listed}"


def _scalar_value_problem(kind: ir.ScalarKind, value: Any) -> str | None:
    if kind == "json":
        return None
    if kind == "string":
        if isinstance(value, str):
            return None
        if isinstance(value, (bool, int, float)):  # `yes`, `off`, `1.0` unquoted
            spelled = json.dumps(value)
            return f"is {spelled}, not a string; quote it to keep it text"
        return f"is {value!r}, not a string"
    if kind == "boolean":
        return None if isinstance(value, bool) else f"is {value!r}, not true or false"
    if kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"is {value!r}, not a whole number"
    if kind == "number":
        ok = (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and math.isfinite(value)
        )
        return None if ok else f"is {value!r}, not a finite number"
    if kind in scalar_values.EXAMPLES:
        if scalar_values.parse(kind, value) is not None:
            return None
        return f"is {value!r}, not {scalar_values.EXAMPLES[kind]}"
    return f"cannot be given for a {kind} field (defaults are supported for strings, numbers, booleans, dates, times, UUIDs, decimals, durations, enums, lists, maps and json)"


def resolve(
    document: SpecDocument,
    locator: Locator,
    source: str,
    catalog: Mapping[str, Imported] | None = None,
) -> tuple[ir.Module, list[Diagnostic]]:
    """`catalog`: every spec of the run by module name (those it may import)."""
    resolver = _Resolver(document, locator, source, catalog or {})
    module = resolver.module()
    return module, resolver.diagnostics
