"""Find every change between two versions of the specs, compared as IR (never as text).

Models, enums and unions are matched by module and name, then by the name a
new one declares it had (`renamed_from:`) in its module: a rename. What is left over is
paired across modules where one old and one new item have the same name (a
move), or where the new one declares that name (a rename and a move). A field
is matched by its wire name, then by its `renamed_from:` among the old model's
fields. Nothing is paired by resemblance: anything else is a removal and an
addition (the text report may suggest a `renamed_from:`, which changes no
severity).

A change inside a model, enum or union is reported once, where it happened, and
judged by every way it flows (see `directions`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from typing_extensions import assert_never

from generator import ir
from generator.compat.directions import (
    BOTH,
    DirectionOverrides,
    Flows,
    Key,
    effective_flows,
)
from generator.compat.rules import Flow
from generator.compat.type_relations import (
    Renames,
    Side,
    TypeComparison,
    relate,
    value_key,
)
from generator.diagnostics import Location
from generator.targets.python_names import field_name


@dataclass(frozen=True)
class Change:
    rule: str  # an id of generator.compat.rules.RULES
    module: str
    item: str  # the model, enum or union (its new name when it has one), "" for the module
    field: str | None  # the field's wire name (its new one when it has one)
    message: str
    flows: Flows
    old: str | None = None
    new: str | None = None
    conditions: frozenset[str] = frozenset()
    # file:line:col in the new spec (in the old one for what was removed)
    location: str | None = None

    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (self.module, self.item, self.field or "", self.rule, self.message)


def compare(
    old: tuple[ir.Module, ...],
    new: tuple[ir.Module, ...],
    overrides: DirectionOverrides | None = None,
) -> list[Change]:
    """Every change from `old` to `new`, sorted by where it happened."""
    comparison = _Comparison(old, new, overrides or DirectionOverrides())
    return sorted(comparison.changes(), key=Change.sort_key)


def _quote(name: str) -> str:
    return f"'{name}'"


def type_text(type_: ir.TypeRef) -> str:
    """A type as a reader of the spec knows it, with enum values and string formats."""
    match type_:
        case ir.Scalar(kind, format):
            return f"{kind} ({format})" if format else kind
        case ir.ListOf(item):
            return f"list<{type_text(item)}>"
        case ir.MapOf(value):
            return f"map<{type_text(value)}>"
        case ir.InlineEnum(values):
            return "enum [" + ", ".join(_value_text(v) for v in values) + "]"
        case ir.ModelRef(name) | ir.EnumRef(name) | ir.UnionRef(name):
            return name
        case ir.Const(value):
            return f"const {json.dumps(value)}"
        case ir.OneOf(variants):
            return " | ".join(type_text(v) for v in variants)
        case ir.Nullable(item):
            return f"{type_text(item)}?"
        case _:
            assert_never(type_)


def _value_text(value: ir.ConstValue) -> str:
    """An enum value or constant as a message quotes it: strings bare, others as JSON."""
    return value if isinstance(value, str) else json.dumps(value)


def _json_text(value: ir.JsonValue) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def same_json(a: ir.JsonValue, b: ir.JsonValue) -> bool:
    """JSON equality: 1 and 1.0 are one number; true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b or (
            isinstance(a, float)
            and isinstance(b, float)
            and math.isnan(a)
            and math.isnan(b)
        )
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def _declared(model: ir.Model) -> str:
    return model.direction if model.direction_declared else "(not declared)"


def _deprecation_text(d: ir.Deprecation | None) -> str | None:
    if d is None:
        return None
    return d.message or "deprecated"


Named = ir.Model | ir.Enum | ir.Union


def _unmatched(item: Named | ir.Field, kind: str) -> str:
    """For something added that declares `renamed_from:` naming nothing of the old version."""
    if item.renamed_from is None:
        return ""
    return (
        f" (declared `renamed_from: {item.renamed_from}`, but no {kind} "
        f"{_quote(item.renamed_from)} of the old version is left to match)"
    )


def _pair(olds: Mapping[Key, Named], news: Mapping[Key, Named]) -> dict[Key, Key]:
    """Old key -> new key for the models (or enums, or unions) of two versions.

    By module and name; by a declared old name in the same module (the loader
    makes each unique there); then, across modules, by name and by declared old
    name, where one old and one new item are left with it.
    """
    pairs = {key: key for key in olds if key in news}
    for key, item in news.items():
        old_key = (key[0], item.renamed_from or "")
        if key not in olds and old_key in olds and old_key not in pairs:
            pairs[old_key] = key
    for declared in (False, True):
        taken = set(pairs.values())
        by_name_old: dict[str, list[Key]] = {}
        by_name_new: dict[str, list[Key]] = {}
        for key in olds:
            if key not in pairs:
                by_name_old.setdefault(key[1], []).append(key)
        for key, item in news.items():
            name = item.renamed_from if declared else key[1]
            if key not in taken and name is not None:
                by_name_new.setdefault(name, []).append(key)
        for name, old_keys in by_name_old.items():
            new_keys = by_name_new.get(name, [])
            if len(old_keys) == 1 and len(new_keys) == 1:
                pairs[old_keys[0]] = new_keys[0]
    return pairs


class _Comparison:
    def __init__(
        self,
        old: tuple[ir.Module, ...],
        new: tuple[ir.Module, ...],
        overrides: DirectionOverrides,
    ) -> None:
        self.old_modules = {m.name: m for m in old}
        self.new_modules = {m.name: m for m in new}
        self.old_models = {(m.name, x.name): x for m in old for x in m.models}
        self.new_models = {(m.name, x.name): x for m in new for x in m.models}
        self.old_enums = {(m.name, x.name): x for m in old for x in m.enums}
        self.new_enums = {(m.name, x.name): x for m in new for x in m.enums}
        self.old_unions = {(m.name, x.name): x for m in old for x in m.unions}
        self.new_unions = {(m.name, x.name): x for m in new for x in m.unions}
        self.old_flows = effective_flows(old, overrides)
        self.new_flows = effective_flows(new, overrides)
        self.enums = _pair(self.old_enums, self.new_enums)
        self.models = _pair(self.old_models, self.new_models)
        self.unions = _pair(self.old_unions, self.new_unions)
        self.renames = Renames(self.models, self.enums, self.unions)

    def _sides(self, old_module: str, new_module: str) -> tuple[Side, Side]:
        return (
            Side(old_module, self.old_enums, self.old_unions),
            Side(new_module, self.new_enums, self.new_unions),
        )

    # -- changes -------------------------------------------------------------

    def changes(self) -> Iterator[Change]:
        yield from self._module_changes()
        yield from self._item_changes(
            "enum", self.old_enums, self.new_enums, self.enums, self._enum_pair
        )
        yield from self._item_changes(
            "model", self.old_models, self.new_models, self.models, self._model_pair
        )
        yield from self._item_changes(
            "union", self.old_unions, self.new_unions, self.unions, self._union_pair
        )

    def _flows(self, old_key: Key | None, new_key: Key | None) -> Flows:
        flows: set[Flow] = set()
        if old_key is not None:
            flows |= self.old_flows.get(old_key, BOTH)
        if new_key is not None:
            flows |= self.new_flows.get(new_key, BOTH)
        return frozenset(flows) or BOTH

    def _module_flows(self, name: str) -> Flows:
        flows: set[Flow] = set()
        for key, value in (*self.old_flows.items(), *self.new_flows.items()):
            if key[0] == name:
                flows |= value
        return frozenset(flows) or BOTH

    def _module_changes(self) -> Iterator[Change]:
        old_names, new_names = self.old_modules.keys(), self.new_modules.keys()
        for name in sorted(old_names - new_names):
            source = self.old_modules[name].source
            at = _Site(name, "", None, self._module_flows(name), source)
            yield at.change("module-removed", f"module {_quote(name)} removed")
        for name in sorted(new_names - old_names):
            source = self.new_modules[name].source
            at = _Site(name, "", None, self._module_flows(name), source)
            yield at.change("module-added", f"module {_quote(name)} added")
        for name in sorted(old_names & new_names):
            old, new = self.old_modules[name], self.new_modules[name]
            at = _Site(name, "", None, self._module_flows(name), new.source)
            what = f"module {_quote(name)}"
            if old.description != new.description:
                yield at.change(
                    "documentation-changed",
                    f"description of {what} changed",
                    old.description,
                    new.description,
                )
            if old.json_schema_id != new.json_schema_id:
                yield at.change(
                    "schema-id-changed",
                    f"JSON Schema $id of {what} changed",
                    old.json_schema_id,
                    new.json_schema_id,
                )
            old_root = (name, old.root) if old.root else None
            new_root = (name, new.root) if new.root else None
            if (self.models.get(old_root) if old_root else None) != new_root:
                # Judged by the flows of the two root models, not the whole module.
                at = replace(at, flows=self._flows(old_root, new_root))
                yield at.change(
                    "root-changed", f"root model of {what} changed", old.root, new.root
                )

    def _item_changes(
        self,
        kind: str,
        olds: Mapping[Key, Named],
        news: Mapping[Key, Named],
        pairs: Mapping[Key, Key],
        compare_pair: Callable[[Key, Key, _Site], Iterator[Change]],
    ) -> Iterator[Change]:
        """Models (or enums, or unions) added, removed, renamed or moved, then what
        changed in each pair."""
        for key in sorted(olds.keys() - pairs.keys()):
            at = _Site(key[0], key[1], None, self._flows(key, None), olds[key].location)
            yield at.change(f"{kind}-removed", f"{kind} {_quote(key[1])} removed")
        for key in sorted(news.keys() - set(pairs.values())):
            at = _Site(key[0], key[1], None, self._flows(None, key), news[key].location)
            message = f"{kind} {_quote(key[1])} added"
            yield at.change(f"{kind}-added", message + _unmatched(news[key], kind))
        for old_key, new_key in sorted(pairs.items()):
            (old_module, old_name), (new_module, new_name) = old_key, new_key
            flows = self._flows(old_key, new_key)
            at = _Site(new_module, new_name, None, flows, news[new_key].location)
            if old_name != new_name:
                yield at.change(
                    f"{kind}-renamed",
                    f"{kind} {_quote(old_name)} renamed to {_quote(new_name)}",
                    old_name,
                    new_name,
                )
            if old_module != new_module:
                yield at.change(
                    f"{kind}-moved",
                    f"{kind} {_quote(new_name)} moved from module {_quote(old_module)} "
                    f"to {_quote(new_module)}",
                    old_module,
                    new_module,
                )
            yield from compare_pair(old_key, new_key, at)

    def _metadata(
        self,
        at: _Site,
        what: str,
        old: Named | ir.Field,
        new: Named | ir.Field,
    ) -> Iterator[Change]:
        """Description, since and deprecation of a model, enum, union or field."""
        if old.description != new.description:
            yield at.change(
                "documentation-changed",
                f"description of {what} changed",
                old.description,
                new.description,
            )
        if old.since != new.since:
            yield at.change(
                "documentation-changed",
                f"`since` of {what} changed",
                old.since,
                new.since,
            )
        old_dep, new_dep = old.deprecated, new.deprecated
        if old_dep is None and new_dep is not None:
            yield at.change(
                "deprecated", f"{what} deprecated", None, _deprecation_text(new_dep)
            )
        elif old_dep is not None and new_dep is None:
            yield at.change(
                "undeprecated",
                f"{what} no longer deprecated",
                _deprecation_text(old_dep),
                None,
            )
        elif old_dep != new_dep:
            yield at.change(
                "documentation-changed",
                f"deprecation message of {what} changed",
                _deprecation_text(old_dep),
                _deprecation_text(new_dep),
            )

    def _enum_pair(self, old_key: Key, new_key: Key, at: _Site) -> Iterator[Change]:
        old, new = self.old_enums[old_key], self.new_enums[new_key]
        what = f"enum {_quote(new.name)}"
        if old.kind != new.kind:
            # Every value changes with the kind: one change says it.
            yield at.change(
                "enum-kind-changed",
                f"values of {what} changed from {old.kind}s to {new.kind}s",
                old.kind,
                new.kind,
            )
        else:
            yield from self._values(at, what, old, new)
        if old.open != new.open:
            yield at.change(
                "enum-opened" if new.open else "enum-closed",
                f"{what} {'opened' if new.open else 'closed'}",
                "open" if old.open else "closed",
                "open" if new.open else "closed",
            )
        yield from self._metadata(at, what, old, new)

    def _values(
        self, at: _Site, what: str, old: ir.Enum, new: ir.Enum
    ) -> Iterator[Change]:
        """Values added, removed and reordered; an open enum accepts any value, so
        a value added to the old one, or removed from the new one, changes no JSON."""
        old_keys = [value_key(v) for v in old.values]
        new_keys = [value_key(v) for v in new.values]
        for value, key in zip(new.values, new_keys):
            if key not in old_keys:
                yield at.change(
                    "enum-value-added",
                    f"value {_quote(_value_text(value))} added to {what}",
                    None,
                    _value_text(value),
                    frozenset({"old-enum-open"} if old.open else ()),
                )
        for value, key in zip(old.values, old_keys):
            if key not in new_keys:
                yield at.change(
                    "enum-value-removed",
                    f"value {_quote(_value_text(value))} removed from {what}",
                    _value_text(value),
                    None,
                    frozenset({"new-enum-open"} if new.open else ()),
                )
        kept_old = [
            _value_text(v) for v, k in zip(old.values, old_keys) if k in new_keys
        ]
        kept_new = [
            _value_text(v) for v, k in zip(new.values, new_keys) if k in old_keys
        ]
        if kept_old != kept_new:
            yield at.change(
                "enum-values-reordered",
                f"values of {what} reordered",
                ", ".join(kept_old),
                ", ".join(kept_new),
            )

    def _union_pair(self, old_key: Key, new_key: Key, at: _Site) -> Iterator[Change]:
        """Variants added, removed, widened or narrowed, and the discriminator.

        Variants are matched by what they accept: an old variant with a new one of
        the same values (a renamed model counts as itself), then the rest where one
        accepts the other's values; what is left was added or removed.
        """
        old, new = self.old_unions[old_key], self.new_unions[new_key]
        what = f"union {_quote(new.name)}"
        sides = self._sides(old_key[0], new_key[0])
        unmatched_new = list(new.variants)
        pairs: list[tuple[ir.TypeRef, ir.TypeRef, TypeComparison]] = []
        unmatched_old: list[ir.TypeRef] = []
        for relations in (("same", "respelled"), ("widened", "narrowed")):
            unmatched_old = []
            for o in [o for o in old.variants if all(p[0] is not o for p in pairs)]:
                for n in unmatched_new:
                    found = relate(o, n, *sides, self.renames)
                    if found.relation in relations:
                        pairs.append((o, n, found))
                        unmatched_new.remove(n)
                        break
                else:
                    unmatched_old.append(o)
        for o, n, found in pairs:
            variant = f"variant {_quote(type_text(o))} of {what}"
            yield from self._type_report(at, variant, variant, o, n, found)
        for o in unmatched_old:
            yield at.change(
                "union-variant-removed",
                f"variant {_quote(type_text(o))} removed from {what}",
                type_text(o),
                None,
            )
        for n in unmatched_new:
            yield at.change(
                "union-variant-added",
                f"variant {_quote(type_text(n))} added to {what}",
                None,
                type_text(n),
            )
        if old.discriminator is None and new.discriminator is not None:
            yield at.change(
                "union-discriminator-added",
                f"{what} is now told apart by {_quote(new.discriminator)}",
                None,
                new.discriminator,
            )
        elif old.discriminator is not None and new.discriminator is None:
            yield at.change(
                "union-discriminator-removed",
                f"{what} is no longer told apart by {_quote(old.discriminator)}",
                old.discriminator,
                None,
            )
        elif old.discriminator != new.discriminator:
            yield at.change(
                "union-discriminator-changed",
                f"discriminator of {what} changed",
                old.discriminator,
                new.discriminator,
            )
        yield from self._metadata(at, what, old, new)

    def _base_change(
        self, at: _Site, what: str, old_key: Key, new_key: Key
    ) -> Iterator[Change]:
        old_base = self.old_models[old_key].extends
        new_base = self.new_models[new_key].extends
        old_paired = (
            self.models.get((old_key[0], old_base)) if old_base is not None else None
        )
        if old_paired == ((new_key[0], new_base) if new_base is not None else None):
            return
        yield at.change(
            "base-changed",
            f"{what} "
            + (
                f"now extends {_quote(new_base)}"
                if new_base
                else "extends no model now"
            )
            + (f" (it extended {_quote(old_base)})" if old_base else ""),
            old_base,
            new_base,
        )

    def _model_pair(self, old_key: Key, new_key: Key, at: _Site) -> Iterator[Change]:
        old, new = self.old_models[old_key], self.new_models[new_key]
        what = f"model {_quote(new.name)}"
        if _declared(old) != _declared(new):
            yield at.change(
                "direction-changed",
                f"declared direction of {what} changed",
                _declared(old),
                _declared(new),
            )
        if old.extra != new.extra:
            rule = (
                "extra-forbidden"
                if new.extra == "forbid"
                else "extra-allowed"
                if old.extra == "forbid"
                else "extra-policy-changed"
            )
            yield at.change(
                rule, f"extra policy of {what} changed", old.extra, new.extra
            )
        if old.strict != new.strict:
            yield at.change(
                "strict-changed",
                f"{what} is {'now' if new.strict else 'no longer'} strict",
                str(old.strict).lower(),
                str(new.strict).lower(),
            )
        if old.frozen != new.frozen:
            yield at.change(
                "frozen-added" if new.frozen else "frozen-removed",
                f"{what} is {'now' if new.frozen else 'no longer'} frozen",
                str(old.frozen).lower(),
                str(new.frozen).lower(),
            )
        yield from self._base_change(at, what, old_key, new_key)
        yield from self._metadata(at, what, old, new)
        sides = self._sides(old_key[0], new_key[0])
        # Inherited fields included: moving a field into a base changes nothing.
        old_all = self.old_modules[old_key[0]].all_fields(old)
        new_all = self.new_modules[new_key[0]].all_fields(new)
        old_fields = {f.name: f for f in old_all}
        pairs: dict[str, ir.Field] = {}  # old wire name -> the new field
        for n in new_all:
            if n.name in old_fields:
                pairs[n.name] = n
        for n in new_all:  # the loader makes each `renamed_from` unique and unused
            if n.name not in old_fields and n.renamed_from in old_fields:
                pairs[n.renamed_from] = n
        paired_new = {n.name for n in pairs.values()}
        forbids_now = frozenset(
            {"new-model-forbids-extra"} if new.extra == "forbid" else ()
        )
        forbade = frozenset(
            {"old-model-forbids-extra"} if old.extra == "forbid" else ()
        )
        for f in old_all:
            if f.name not in pairs:
                presence = "required" if f.required else "optional"
                yield at.at_field(f).change(
                    f"field-removed-{presence}",
                    f"{presence} field {_quote(f.name)} ({type_text(f.type)}) removed",
                    type_text(f.type),
                    None,
                    forbids_now,
                )
        for f in new_all:
            if f.name not in paired_new:
                presence = "required" if f.required else "optional"
                yield at.at_field(f).change(
                    f"field-added-{presence}",
                    f"{presence} field {_quote(f.name)} ({type_text(f.type)}) added"
                    + _unmatched(f, "field"),
                    None,
                    type_text(f.type),
                    forbade,
                )
        for o in old_all:
            if o.name in pairs:
                n = pairs[o.name]
                if o.name != n.name:
                    yield at.at_field(n).change(
                        "field-renamed",
                        f"field {_quote(o.name)} renamed to {_quote(n.name)}",
                        o.name,
                        n.name,
                    )
                yield from self._field_pair(at.at_field(n), o, n, sides)
        kept_old = [pairs[f.name].name for f in old_all if f.name in pairs]
        kept_new = [f.name for f in new_all if f.name in paired_new]
        # A model that extends another has its fields in its bases' order, not in
        # an order its spec writes: moving a field into a base is no reordering.
        flat = old.extends is None and new.extends is None
        if kept_old != kept_new and flat:
            yield at.change(
                "fields-reordered",
                f"fields of {what} reordered",
                ", ".join(kept_old),
                ", ".join(kept_new),
            )

    def _field_pair(
        self, at: _Site, o: ir.Field, n: ir.Field, sides: tuple[Side, Side]
    ) -> Iterator[Change]:
        what = f"field {_quote(n.name)}"
        if o.name == n.name and field_name(o) != field_name(n):
            yield at.change(
                "field-python-renamed",
                f"Python name of {what} changed from {field_name(o)} to {field_name(n)}",
                field_name(o),
                field_name(n),
            )
        if o.required != n.required:
            yield at.change(
                "field-became-required" if n.required else "field-became-optional",
                f"{what} became {'required' if n.required else 'optional'}",
            )
        if o.nullable != n.nullable:
            yield at.change(
                "field-became-nullable" if n.nullable else "field-became-non-nullable",
                f"{what} became {'nullable' if n.nullable else 'non-nullable'}",
            )
        yield from self._type_changes(at, what, o.type, n.type, sides)
        # A field that turned required or optional gained or lost its default with
        # that change, which is reported instead.
        if not o.required and not n.required:
            old_default = o.default if o.has_default else None
            new_default = n.default if n.has_default else None
            if not same_json(old_default, new_default):
                yield at.change(
                    "default-changed",
                    f"default of {what} changed",
                    _json_text(old_default),
                    _json_text(new_default),
                )
        if o.secret != n.secret:
            yield at.change(
                "secret-changed",
                f"{what} {'became' if n.secret else 'is no longer'} secret",
                str(o.secret).lower(),
                str(n.secret).lower(),
            )
        yield from self._metadata(at, what, o, n)

    def _type_changes(
        self,
        at: _Site,
        what: str,
        old: ir.TypeRef,
        new: ir.TypeRef,
        sides: tuple[Side, Side],
    ) -> Iterator[Change]:
        comparison = relate(old, new, *sides, self.renames)
        yield from self._type_report(at, f"type of {what}", what, old, new, comparison)

    def _type_report(
        self,
        at: _Site,
        subject: str,
        holder: str,
        old: ir.TypeRef,
        new: ir.TypeRef,
        comparison: TypeComparison,
    ) -> Iterator[Change]:
        """The changes one type comparison stands for: `subject` is the type that
        changed ("type of field 'x'"), `holder` what has it ("field 'x'")."""
        old_text, new_text = type_text(old), type_text(new)
        relation = comparison.relation
        if relation == "incompatible" and comparison.const_changed:
            yield at.change(
                "const-changed", f"constant of {holder} changed", old_text, new_text
            )
        elif relation == "incompatible":
            yield at.change("type-changed", f"{subject} changed", old_text, new_text)
        elif relation in ("widened", "narrowed"):
            unrelated = (
                {"code-types-unrelated"} if comparison.code_types_unrelated else ()
            )
            yield at.change(
                f"type-{relation}",
                f"{subject} {relation}",
                old_text,
                new_text,
                frozenset(unrelated),
            )
        elif relation == "respelled":
            yield at.change(
                "type-respelled",
                f"{subject} written another way, with the same values",
                old_text,
                new_text,
            )
        if comparison.null_change is not None:
            now = "may now" if comparison.null_change == "added" else "may no longer"
            yield at.change(
                "type-became-nullable"
                if comparison.null_change == "added"
                else "type-became-non-nullable",
                f"values inside {holder} {now} be null",
                old_text,
                new_text,
            )
        for value in comparison.added_values:
            yield at.change(
                "enum-value-added",
                f"value {_quote(_value_text(value))} added to {holder}",
                None,
                _value_text(value),
            )
        for value in comparison.removed_values:
            yield at.change(
                "enum-value-removed",
                f"value {_quote(_value_text(value))} removed from {holder}",
                _value_text(value),
                None,
            )
        if comparison.format_change is not None:
            yield at.change(
                f"format-{comparison.format_change}",
                f"string format of {holder} {comparison.format_change}",
                old_text,
                new_text,
            )


@dataclass(frozen=True)
class _Site:
    """Where changes are reported: a module, a model or enum, or a field."""

    module: str
    item: str
    field: str | None
    flows: Flows
    place: Location | str | None  # a location, or a file for module-wide changes

    def at_field(self, field_: ir.Field) -> _Site:
        return replace(self, field=field_.name, place=field_.location)

    def change(
        self,
        rule: str,
        message: str,
        old: str | None = None,
        new: str | None = None,
        conditions: frozenset[str] = frozenset(),
    ) -> Change:
        return Change(
            rule,
            self.module,
            self.item,
            self.field,
            message,
            self.flows,
            old,
            new,
            conditions,
            str(self.place) if self.place else None,
        )
