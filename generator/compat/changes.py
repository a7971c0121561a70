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

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

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
        yield from self._item_changes(
            "enum", self.old_enums, self.new_enums, self.enums, self._enum_pair
        )
        yield from self._item_changes(
            "model", self.old_models, self.new_models, self.models, self._model_pair
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
            if (self.models.pairs.get(old_root) if old_root else None) != new_root:
                # Judged by the flows of the two root models, not the whole module.
                at = replace(at, flows=self._flows(old_root, new_root))
                yield at.change(
                    "root-changed", f"root model of {what} changed", old.root, new.root
                )

    def _item_changes(
        self,
        kind: str,
        olds: Mapping[Key, ir.Model | ir.Enum],
        news: Mapping[Key, ir.Model | ir.Enum],
        pairing: _Pairing,
        compare_pair: Callable[[Key, Key, _Site], Iterator[Change]],
    ) -> Iterator[Change]:
        """Models (or enums) added, removed, renamed or moved, then what changed in each pair."""
        for key in sorted(pairing.unpaired_old(olds)):
            at = _Site(key[0], key[1], None, self._flows(key, None), olds[key].location)
            yield at.change(f"{kind}-removed", f"{kind} {_quote(key[1])} removed")
        for key in sorted(pairing.unpaired_new(news)):
            at = _Site(key[0], key[1], None, self._flows(None, key), news[key].location)
            yield at.change(f"{kind}-added", f"{kind} {_quote(key[1])} added")
        for old_key, new_key in sorted(pairing.pairs.items()):
            (old_module, old_name), (new_module, new_name) = old_key, new_key
            flows = self._flows(old_key, new_key)
            at = _Site(new_module, new_name, None, flows, news[new_key].location)
            how = pairing.how[old_key]
            if how == "renamed":
                yield at.change(
                    f"{kind}-renamed",
                    f"{kind} {_quote(old_name)} renamed to {_quote(new_name)}",
                    old_name,
                    new_name,
                )
            elif how == "moved":
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
        old: ir.Model | ir.Enum | ir.Field,
        new: ir.Model | ir.Enum | ir.Field,
        old_description: str | None = None,
    ) -> Iterator[Change]:
        """Description, since and deprecation of a model, enum or field."""
        if old_description is None:
            old_description = old.description
        if old_description != new.description:
            yield at.change(
                "documentation-changed",
                f"description of {what} changed",
                old_description,
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
        for value in new.values:
            if value not in old.values:
                yield at.change(
                    "enum-value-added",
                    f"value {_quote(value)} added to {what}",
                    None,
                    value,
                )
        for value in old.values:
            if value not in new.values:
                yield at.change(
                    "enum-value-removed",
                    f"value {_quote(value)} removed from {what}",
                    value,
                    None,
                )
        kept_old = [v for v in old.values if v in new.values]
        kept_new = [v for v in new.values if v in old.values]
        if kept_old != kept_new:
            yield at.change(
                "enum-values-reordered",
                f"values of {what} reordered",
                ", ".join(kept_old),
                ", ".join(kept_new),
            )
        yield from self._metadata(at, what, old, new)

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
        yield from self._metadata(at, what, old, new)
        sides = (Side(old_key[0], self.old_values), Side(new_key[0], self.new_values))
        old_fields = {f.name: f for f in old.fields}
        new_fields = {f.name: f for f in new.fields}
        removed = [f for f in old.fields if f.name not in new_fields]
        added = [f for f in new.fields if f.name not in old_fields]
        renamed = self._pair_fields(removed, added, sides)
        new_name_of = {o.name: n.name for o, n in renamed}
        forbids_now = frozenset(
            {"new-model-forbids-extra"} if new.extra == "forbid" else ()
        )
        forbade = frozenset(
            {"old-model-forbids-extra"} if old.extra == "forbid" else ()
        )
        for f in removed:
            if f.name not in new_name_of:
                presence = "required" if f.required else "optional"
                yield at.at_field(f).change(
                    f"field-removed-{presence}",
                    f"{presence} field {_quote(f.name)} ({type_text(f.type)}) removed",
                    type_text(f.type),
                    None,
                    forbids_now,
                )
        for f in added:
            if f.name not in new_name_of.values():
                presence = "required" if f.required else "optional"
                yield at.at_field(f).change(
                    f"field-added-{presence}",
                    f"{presence} field {_quote(f.name)} ({type_text(f.type)}) added",
                    None,
                    type_text(f.type),
                    forbade,
                )
        for o in old.fields:
            if o.name in new_fields:
                n = new_fields[o.name]
                yield from self._field_pair(at.at_field(n), o, n, sides)
        for o, n in renamed:
            yield at.at_field(n).change(
                "field-renamed",
                f"field {_quote(o.name)} renamed to {_quote(n.name)}",
                o.name,
                n.name,
            )
            yield from self._field_pair(at.at_field(n), o, n, sides)
        kept_old = [
            new_name_of.get(f.name, f.name)
            for f in old.fields
            if f.name in new_fields or f.name in new_name_of
        ]
        kept_new = [f.name for f in new.fields if f.name in kept_old]
        if kept_old != kept_new:
            yield at.change(
                "fields-reordered",
                f"fields of {what} reordered",
                ", ".join(kept_old),
                ", ".join(kept_new),
            )

    def _pair_fields(
        self, removed: list[ir.Field], added: list[ir.Field], sides: tuple[Side, Side]
    ) -> list[tuple[ir.Field, ir.Field]]:
        """Removed and added fields alike in all but the name, each with no other match."""

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
        claims: dict[str, int] = {}
        for candidates in matches.values():
            for n in candidates:
                claims[n.name] = claims.get(n.name, 0) + 1
        return [
            (o, candidates[0])
            for o in removed
            if len(candidates := matches[o.name]) == 1
            and claims[candidates[0].name] == 1
        ]

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
        # A renamed field's description may name it: read the old one with the new name.
        yield from self._metadata(
            at, what, o, n, _mentions_replaced(o.description, o.name, n.name)
        )

    def _type_changes(
        self,
        at: _Site,
        what: str,
        old: ir.TypeRef,
        new: ir.TypeRef,
        sides: tuple[Side, Side],
    ) -> Iterator[Change]:
        comparison = relate(old, new, *sides, self.renames)
        old_text, new_text = type_text(old), type_text(new)
        relation = comparison.relation
        if relation == "incompatible":
            yield at.change(
                "type-changed", f"type of {what} changed", old_text, new_text
            )
        elif relation in ("widened", "narrowed"):
            unrelated = (
                {"code-types-unrelated"} if comparison.code_types_unrelated else ()
            )
            yield at.change(
                f"type-{relation}",
                f"type of {what} {relation}",
                old_text,
                new_text,
                frozenset(unrelated),
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
