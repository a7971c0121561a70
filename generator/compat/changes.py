"""Find every change between two versions of the specs, compared as IR (never as text).

Models and enums are matched by module and name. What is left over is paired
when it can be told apart unambiguously: the same name in another module is a
move; the same shape under another name (fields, types, presence, defaults and
extra policy; docs aside) is a rename. A field is matched by its wire name; a
removed and an added field of one model are paired as a wire rename when they
are alike in everything but the name (type, presence, null, default, and the
description once the old name in it reads as the new one) and no other field
would fit either. Anything else is a removal and an addition.

A change inside a model or enum is reported once, where it happened, and judged
by every way that model or enum flows (see `directions`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from generator import ir
from generator.compat.directions import (
    BOTH,
    DirectionOverrides,
    Flows,
    Key,
    effective_flows,
)
from generator.compat.rules import Flow
from generator.compat.type_relations import Renames, Side, TypeComparison, relate
from generator.diagnostics import Location
from generator.targets.python_names import field_name


@dataclass(frozen=True)
class Change:
    rule: str  # an id of generator.compat.rules.RULES
    module: str
    item: str  # the model or enum (its new name when it has one), "" for the module
    field: str | None  # the field's wire name (its new one when it has one)
    message: str
    flows: Flows
    old: str | None = None
    new: str | None = None
    conditions: frozenset[str] = frozenset()
    location: str | None = (
        None  # file:line:col in the new spec (the old one for removals)
    )

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


def _where(location: Location | None) -> str | None:
    return str(location) if location is not None else None


def _quote(name: str) -> str:
    return f"'{name}'"


def type_text(type_: ir.TypeRef) -> str:
    """A type as a reader of the spec knows it, with enum values and string formats."""
    if isinstance(type_, ir.Scalar):
        return f"{type_.kind} ({type_.format})" if type_.format else type_.kind
    if isinstance(type_, ir.ListOf):
        return f"list<{type_text(type_.item)}>"
    if isinstance(type_, ir.MapOf):
        return f"map<{type_text(type_.value)}>"
    if isinstance(type_, ir.InlineEnum):
        return "enum [" + ", ".join(type_.values) + "]"
    return type_.name


def _json_text(value: ir.JsonValue) -> str:
    import json

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


def _mentions_replaced(text: str, old_name: str, new_name: str) -> str:
    """`text` with `old_name` written as `new_name` wherever it stands as a word."""
    pattern = re.compile(r"(?<![\w-])" + re.escape(old_name) + r"(?![\w-])")
    return pattern.sub(lambda _: new_name, text)


@dataclass
class _Pairing:
    """Old key -> new key for the models (or enums) of two versions, and how each pair was found."""

    pairs: dict[Key, Key] = field(default_factory=dict)
    how: dict[Key, str] = field(default_factory=dict)  # "same", "moved" or "renamed"

    def add(self, old: Key, new: Key, how: str) -> None:
        self.pairs[old] = new
        self.how[old] = how

    def unpaired_old(self, keys: Iterable[Key]) -> list[Key]:
        return [k for k in keys if k not in self.pairs]

    def unpaired_new(self, keys: Iterable[Key]) -> list[Key]:
        taken = set(self.pairs.values())
        return [k for k in keys if k not in taken]


def _unique_matches(
    old_keys: list[Key],
    new_keys: list[Key],
    old_sig: dict[Key, object],
    new_sig: dict[Key, object],
) -> list[tuple[Key, Key]]:
    """Pairs whose signatures match each other and nothing else."""
    by_sig_old: dict[object, list[Key]] = {}
    by_sig_new: dict[object, list[Key]] = {}
    for k in old_keys:
        by_sig_old.setdefault(old_sig[k], []).append(k)
    for k in new_keys:
        by_sig_new.setdefault(new_sig[k], []).append(k)
    return [
        (olds[0], by_sig_new[sig][0])
        for sig, olds in by_sig_old.items()
        if len(olds) == 1 and len(by_sig_new.get(sig, ())) == 1
    ]


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
        self.old_flows = effective_flows(old, overrides)
        self.new_flows = effective_flows(new, overrides)
        self.enums = self._pair_enums()
        self.models = self._pair_models()
        self.renames = Renames(self.models.pairs, self.enums.pairs)
        self.old_values = {k: e.values for k, e in self.old_enums.items()}
        self.new_values = {k: e.values for k, e in self.new_enums.items()}

    # -- pairing -------------------------------------------------------------

    def _pair_by_name(
        self, old_keys: Iterable[Key], new_keys: Iterable[Key], pairing: _Pairing
    ) -> None:
        new_set = set(new_keys)
        for key in old_keys:
            if key in new_set:
                pairing.add(key, key, "same")
        old_left = pairing.unpaired_old(old_keys)
        new_left = pairing.unpaired_new(new_set)
        by_name_new: dict[str, list[Key]] = {}
        for key in new_left:
            by_name_new.setdefault(key[1], []).append(key)
        by_name_old: dict[str, list[Key]] = {}
        for key in old_left:
            by_name_old.setdefault(key[1], []).append(key)
        for name, olds in by_name_old.items():
            news = by_name_new.get(name, [])
            if len(olds) == 1 and len(news) == 1:
                pairing.add(olds[0], news[0], "moved")

    def _pair_enums(self) -> _Pairing:
        pairing = _Pairing()
        self._pair_by_name(self.old_enums, self.new_enums, pairing)
        old_left = sorted(pairing.unpaired_old(self.old_enums))
        new_left = sorted(pairing.unpaired_new(self.new_enums))
        old_sig: dict[Key, object] = {
            k: frozenset(self.old_enums[k].values) for k in old_left
        }
        new_sig: dict[Key, object] = {
            k: frozenset(self.new_enums[k].values) for k in new_left
        }
        for old_key, new_key in _unique_matches(old_left, new_left, old_sig, new_sig):
            pairing.add(old_key, new_key, "renamed")
        return pairing

    def _pair_models(self) -> _Pairing:
        pairing = _Pairing()
        self._pair_by_name(self.old_models, self.new_models, pairing)
        # A rename can reveal another (a model whose field uses a renamed model): repeat.
        while True:
            old_left = sorted(pairing.unpaired_old(self.old_models))
            new_left = sorted(pairing.unpaired_new(self.new_models))
            if not old_left or not new_left:
                break
            old_sig = {
                k: self._shape(k, self.old_models[k], pairing, old=True)
                for k in old_left
            }
            new_sig = {
                k: self._shape(k, self.new_models[k], pairing, old=False)
                for k in new_left
            }
            found = _unique_matches(old_left, new_left, old_sig, new_sig)
            if not found:
                break
            for old_key, new_key in found:
                pairing.add(old_key, new_key, "renamed")
        return pairing

    def _shape(
        self, key: Key, model: ir.Model, pairing: _Pairing, *, old: bool
    ) -> object:
        def type_key(type_: ir.TypeRef) -> object:
            if isinstance(type_, ir.ListOf):
                return ("list", type_key(type_.item))
            if isinstance(type_, ir.MapOf):
                return ("map", type_key(type_.value))
            if isinstance(type_, (ir.ModelRef, ir.EnumRef)):
                ref = (key[0], type_.name)
                if ref == key:
                    return ("self",)
                kind = "model" if isinstance(type_, ir.ModelRef) else "enum"
                if old:
                    mapped = (
                        pairing.pairs if kind == "model" else self.enums.pairs
                    ).get(ref)
                    return (kind, mapped) if mapped else ("old " + kind, ref)
                return (kind, ref)
            return type_

        fields = tuple(
            sorted(
                (
                    f.name,
                    repr(type_key(f.type)),
                    f.required,
                    f.nullable,
                    _json_text(f.default) if f.has_default else None,
                    field_name(f),
                )
                for f in model.fields
            )
        )
        return (fields, model.extra)

    # -- changes -------------------------------------------------------------

    def changes(self) -> Iterator[Change]:
        yield from self._module_changes()
        yield from self._enum_changes()
        yield from self._model_changes()

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
        for name in sorted(self.old_modules.keys() - self.new_modules.keys()):
            yield Change(
                "module-removed",
                name,
                "",
                None,
                f"module {_quote(name)} removed",
                self._module_flows(name),
                location=self.old_modules[name].source or None,
            )
        for name in sorted(self.new_modules.keys() - self.old_modules.keys()):
            yield Change(
                "module-added",
                name,
                "",
                None,
                f"module {_quote(name)} added",
                self._module_flows(name),
                location=self.new_modules[name].source or None,
            )
        for name in sorted(self.old_modules.keys() & self.new_modules.keys()):
            old, new = self.old_modules[name], self.new_modules[name]
            where = new.source or None
            if old.description != new.description:
                yield Change(
                    "documentation-changed",
                    name,
                    "",
                    None,
                    f"description of module {_quote(name)} changed",
                    self._module_flows(name),
                    location=where,
                )
            if old.json_schema_id != new.json_schema_id:
                yield Change(
                    "schema-id-changed",
                    name,
                    "",
                    None,
                    f"JSON Schema $id of module {_quote(name)} changed",
                    self._module_flows(name),
                    old.json_schema_id,
                    new.json_schema_id,
                    location=where,
                )
            old_root = (name, old.root) if old.root else None
            new_root = (name, new.root) if new.root else None
            mapped = self.models.pairs.get(old_root) if old_root else None
            if mapped != new_root:
                yield Change(
                    "root-changed",
                    name,
                    "",
                    None,
                    f"root model of module {_quote(name)} changed",
                    self._flows(old_root, new_root),
                    old.root,
                    new.root,
                    location=where,
                )

    def _items(
        self,
        kind: str,
        olds: dict[Key, ir.Model] | dict[Key, ir.Enum],
        news: dict[Key, ir.Model] | dict[Key, ir.Enum],
        pairing: _Pairing,
    ) -> Iterator[Change]:
        for key in sorted(pairing.unpaired_old(olds)):
            yield Change(
                f"{kind}-removed",
                key[0],
                key[1],
                None,
                f"{kind} {_quote(key[1])} removed",
                self._flows(key, None),
                location=_where(olds[key].location),
            )
        for key in sorted(pairing.unpaired_new(news)):
            yield Change(
                f"{kind}-added",
                key[0],
                key[1],
                None,
                f"{kind} {_quote(key[1])} added",
                self._flows(None, key),
                location=_where(news[key].location),
            )
        for old_key, new_key in sorted(pairing.pairs.items()):
            how = pairing.how[old_key]
            if how == "renamed":
                yield Change(
                    f"{kind}-renamed",
                    new_key[0],
                    new_key[1],
                    None,
                    f"{kind} {_quote(old_key[1])} renamed to {_quote(new_key[1])}",
                    self._flows(old_key, new_key),
                    old_key[1],
                    new_key[1],
                    location=_where(news[new_key].location),
                )
            elif how == "moved":
                yield Change(
                    f"{kind}-moved",
                    new_key[0],
                    new_key[1],
                    None,
                    f"{kind} {_quote(new_key[1])} moved from module {_quote(old_key[0])} "
                    f"to {_quote(new_key[0])}",
                    self._flows(old_key, new_key),
                    old_key[0],
                    new_key[0],
                    location=_where(news[new_key].location),
                )

    def _metadata(
        self,
        what: str,
        module: str,
        item: str,
        field_: str | None,
        flows: Flows,
        where: str | None,
        old: tuple[str, str | None, ir.Deprecation | None],
        new: tuple[str, str | None, ir.Deprecation | None],
    ) -> Iterator[Change]:
        """Description, since and deprecation of a model, enum or field."""
        (old_doc, old_since, old_dep), (new_doc, new_since, new_dep) = old, new
        if old_doc != new_doc:
            yield Change(
                "documentation-changed",
                module,
                item,
                field_,
                f"description of {what} changed",
                flows,
                old_doc,
                new_doc,
                location=where,
            )
        if old_since != new_since:
            yield Change(
                "documentation-changed",
                module,
                item,
                field_,
                f"`since` of {what} changed",
                flows,
                old_since,
                new_since,
                location=where,
            )
        if old_dep is None and new_dep is not None:
            yield Change(
                "deprecated",
                module,
                item,
                field_,
                f"{what} deprecated",
                flows,
                None,
                _deprecation_text(new_dep),
                location=where,
            )
        elif old_dep is not None and new_dep is None:
            yield Change(
                "undeprecated",
                module,
                item,
                field_,
                f"{what} no longer deprecated",
                flows,
                _deprecation_text(old_dep),
                None,
                location=where,
            )
        elif old_dep is not None and new_dep is not None and old_dep != new_dep:
            yield Change(
                "documentation-changed",
                module,
                item,
                field_,
                f"deprecation message of {what} changed",
                flows,
                _deprecation_text(old_dep),
                _deprecation_text(new_dep),
                location=where,
            )

    def _enum_changes(self) -> Iterator[Change]:
        yield from self._items("enum", self.old_enums, self.new_enums, self.enums)
        for old_key, new_key in sorted(self.enums.pairs.items()):
            old, new = self.old_enums[old_key], self.new_enums[new_key]
            module, name = new_key
            flows = self._flows(old_key, new_key)
            where = _where(new.location)
            what = f"enum {_quote(name)}"
            added = tuple(v for v in new.values if v not in old.values)
            removed = tuple(v for v in old.values if v not in new.values)
            for value in added:
                yield Change(
                    "enum-value-added",
                    module,
                    name,
                    None,
                    f"value {_quote(value)} added to {what}",
                    flows,
                    None,
                    value,
                    location=where,
                )
            for value in removed:
                yield Change(
                    "enum-value-removed",
                    module,
                    name,
                    None,
                    f"value {_quote(value)} removed from {what}",
                    flows,
                    value,
                    None,
                    location=where,
                )
            kept_old = [v for v in old.values if v in new.values]
            kept_new = [v for v in new.values if v in old.values]
            if kept_old != kept_new:
                yield Change(
                    "enum-values-reordered",
                    module,
                    name,
                    None,
                    f"values of {what} reordered",
                    flows,
                    ", ".join(kept_old),
                    ", ".join(kept_new),
                    location=where,
                )
            yield from self._metadata(
                what,
                module,
                name,
                None,
                flows,
                where,
                (old.description, old.since, old.deprecated),
                (new.description, new.since, new.deprecated),
            )

    def _model_changes(self) -> Iterator[Change]:
        yield from self._items("model", self.old_models, self.new_models, self.models)
        for old_key, new_key in sorted(self.models.pairs.items()):
            yield from self._model_pair(old_key, new_key)

    def _model_pair(self, old_key: Key, new_key: Key) -> Iterator[Change]:
        old, new = self.old_models[old_key], self.new_models[new_key]
        module, name = new_key
        flows = self._flows(old_key, new_key)
        where = _where(new.location)
        what = f"model {_quote(name)}"
        if _declared(old) != _declared(new):
            yield Change(
                "direction-changed",
                module,
                name,
                None,
                f"declared direction of {what} changed",
                flows,
                _declared(old),
                _declared(new),
                location=where,
            )
        if old.extra != new.extra:
            rule = (
                "extra-forbidden"
                if new.extra == "forbid"
                else "extra-allowed"
                if old.extra == "forbid"
                else "extra-policy-changed"
            )
            yield Change(
                rule,
                module,
                name,
                None,
                f"extra policy of {what} changed",
                flows,
                old.extra,
                new.extra,
                location=where,
            )
        yield from self._metadata(
            what,
            module,
            name,
            None,
            flows,
            where,
            (old.description, old.since, old.deprecated),
            (new.description, new.since, new.deprecated),
        )
        sides = (
            Side(old_key[0], self.old_values),
            Side(new_key[0], self.new_values),
        )
        old_fields = {f.name: f for f in old.fields}
        new_fields = {f.name: f for f in new.fields}
        removed = [f for f in old.fields if f.name not in new_fields]
        added = [f for f in new.fields if f.name not in old_fields]
        renamed = self._pair_fields(removed, added, sides)
        renamed_old = {o.name for o, _ in renamed}
        renamed_new = {n.name for _, n in renamed}
        for f in removed:
            if f.name in renamed_old:
                continue
            yield Change(
                "field-removed-required" if f.required else "field-removed-optional",
                module,
                name,
                f.name,
                f"{'required' if f.required else 'optional'} field {_quote(f.name)} removed",
                flows,
                type_text(f.type),
                None,
                frozenset({"new-model-forbids-extra"})
                if new.extra == "forbid"
                else frozenset(),
                _where(f.location),
            )
        for f in added:
            if f.name in renamed_new:
                continue
            yield Change(
                "field-added-required" if f.required else "field-added-optional",
                module,
                name,
                f.name,
                f"{'required' if f.required else 'optional'} field {_quote(f.name)} added",
                flows,
                None,
                type_text(f.type),
                frozenset({"old-model-forbids-extra"})
                if old.extra == "forbid"
                else frozenset(),
                _where(f.location),
            )
        for o, n in renamed:
            yield Change(
                "field-renamed",
                module,
                name,
                n.name,
                f"field {_quote(o.name)} renamed to {_quote(n.name)}",
                flows,
                o.name,
                n.name,
                location=_where(n.location),
            )
        pairs = [(old_fields[k], new_fields[k]) for k in old_fields if k in new_fields]
        for o, n in [*pairs, *renamed]:
            yield from self._field_pair(module, name, flows, o, n, sides)
        new_name_of = {o.name: n.name for o, n in renamed}
        kept_old = [
            new_name_of.get(f.name, f.name)
            for f in old.fields
            if f.name in new_fields or f.name in new_name_of
        ]
        kept_new = [
            f.name for f in new.fields if f.name in old_fields or f.name in renamed_new
        ]
        if kept_old != kept_new:
            yield Change(
                "fields-reordered",
                module,
                name,
                None,
                f"fields of {what} reordered",
                flows,
                ", ".join(kept_old),
                ", ".join(kept_new),
                location=where,
            )

    def _pair_fields(
        self, removed: list[ir.Field], added: list[ir.Field], sides: tuple[Side, Side]
    ) -> list[tuple[ir.Field, ir.Field]]:
        def alike(o: ir.Field, n: ir.Field) -> bool:
            comparison = relate(o.type, n.type, *sides, self.renames)
            return (
                comparison == TypeComparison("same")
                and (o.required, o.nullable, o.has_default)
                == (n.required, n.nullable, n.has_default)
                and same_json(o.default, n.default)
                and _mentions_replaced(o.description, o.name, n.name) == n.description
            )

        matches = {o.name: [n for n in added if alike(o, n)] for o in removed}
        claimed: dict[str, int] = {}
        for candidates in matches.values():
            for n in candidates:
                claimed[n.name] = claimed.get(n.name, 0) + 1
        return [
            (o, candidates[0])
            for o in removed
            if len(candidates := matches[o.name]) == 1
            and claimed[candidates[0].name] == 1
        ]

    def _field_pair(
        self,
        module: str,
        model: str,
        flows: Flows,
        o: ir.Field,
        n: ir.Field,
        sides: tuple[Side, Side],
    ) -> Iterator[Change]:
        at = _FieldSite(module, model, n.name, flows, _where(n.location))
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
        yield from self._metadata(
            what,
            module,
            model,
            n.name,
            flows,
            at.location,
            (_mentions_replaced(o.description, o.name, n.name), o.since, o.deprecated),
            (n.description, n.since, n.deprecated),
        )

    def _type_changes(
        self,
        at: _FieldSite,
        what: str,
        old: ir.TypeRef,
        new: ir.TypeRef,
        sides: tuple[Side, Side],
    ) -> Iterator[Change]:
        comparison = relate(old, new, *sides, self.renames)
        old_text, new_text = type_text(old), type_text(new)
        unrelated = (
            frozenset({"code-types-unrelated"})
            if comparison.code_types_unrelated
            else frozenset()
        )
        relation = comparison.relation
        if relation == "incompatible":
            yield at.change(
                "type-changed", f"type of {what} changed", old_text, new_text
            )
        elif relation in ("widened", "narrowed"):
            yield at.change(
                f"type-{relation}",
                f"type of {what} {relation}",
                old_text,
                new_text,
                unrelated,
            )
        elif relation == "respelled":
            yield at.change(
                "type-respelled",
                f"type of {what} written another way, with the same values",
                old_text,
                new_text,
            )
        for value in comparison.added_values:
            yield at.change(
                "enum-value-added",
                f"value {_quote(value)} added to {what}",
                None,
                value,
            )
        for value in comparison.removed_values:
            yield at.change(
                "enum-value-removed",
                f"value {_quote(value)} removed from {what}",
                value,
                None,
            )
        if comparison.format_change is not None:
            yield at.change(
                f"format-{comparison.format_change}",
                f"string format of {what} {comparison.format_change}",
                old_text,
                new_text,
            )


@dataclass(frozen=True)
class _FieldSite:
    """Where a field's changes are reported."""

    module: str
    model: str
    field: str
    flows: Flows
    location: str | None

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
            self.model,
            self.field,
            message,
            self.flows,
            old,
            new,
            conditions,
            self.location,
        )
