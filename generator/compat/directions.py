"""Which way each model's, enum's and union's data flows: read from responses, written in requests, or both.

A model declares its direction in the spec (`direction:`). A model, enum or
union used by other models (or by unions) also flows every way its users flow,
so a change inside a nested model is judged by the models that carry it. A
model that declares nothing and that nothing uses is taken to flow both ways.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator import ir
from generator.compat.rules import FLOWS, Flow

Key = tuple[str, str]  # (module name, model, enum or union name)
Flows = frozenset[Flow]

BOTH: Flows = frozenset(FLOWS)


def flows_of(direction: ir.Direction) -> Flows:
    return BOTH if direction == "both" else frozenset((direction,))


def direction_of(flows: Flows) -> str:
    """The spec's word for a set of flows."""
    if flows == BOTH or not flows:
        return "both"
    return next(iter(flows))


@dataclass(frozen=True)
class DirectionOverrides:
    """`--direction`: one direction for everything, and/or one per model name."""

    everything: ir.Direction | None = None
    per_model: Mapping[str, ir.Direction] = field(default_factory=dict)


def effective_flows(
    modules: tuple[ir.Module, ...], overrides: DirectionOverrides
) -> dict[Key, Flows]:
    """The flows of every model, enum and union of one version of the specs."""
    if overrides.everything is not None:
        everywhere = flows_of(overrides.everything)
        names = [(m.name, x.name) for m in modules for x in m.named_types]
        return dict.fromkeys(names, everywhere)
    users: dict[Key, set[Key]] = {}
    flows: dict[Key, set[Flow]] = {}
    declared: dict[Key, bool] = {}
    for module in modules:
        for name in [e.name for e in module.enums] + [u.name for u in module.unions]:
            key = (module.name, name)
            users.setdefault(key, set())
            flows[key] = set()
            declared[key] = False
        for union in module.unions:
            key = (module.name, union.name)
            for variant in union.variants:
                for name in ir.referenced_names(variant):
                    used = _key(module.name, name)
                    if used != key:
                        users.setdefault(used, set()).add(key)
        for model in module.models:
            key = (module.name, model.name)
            users.setdefault(key, set())
            if model.name in overrides.per_model:
                flows[key] = set(flows_of(overrides.per_model[model.name]))
                declared[key] = True
            else:
                flows[key] = (
                    set(flows_of(model.direction))
                    if model.direction_declared
                    else set()
                )
                declared[key] = model.direction_declared
            for field_ in module.all_fields(model):
                for name in ir.referenced_names(field_.type):
                    used = _key(module.name, name)
                    if used != key:
                        users.setdefault(used, set()).add(key)
    # A model nothing else uses and that declares nothing flows both ways.
    for key, its_users in users.items():
        if not its_users and not declared.get(key, True):
            flows[key] = set(BOTH)
    # Push flows from users to what they use until nothing changes (cycles are fine).
    changed = True
    while changed:
        changed = False
        for key, its_users in users.items():
            if key not in flows:
                continue  # a reference the loader would have rejected
            for user in its_users:
                missing = flows[user] - flows[key]
                if missing:
                    flows[key] |= missing
                    changed = True
    # Models used only inside an undeclared cycle have received nothing: both ways.
    return {key: frozenset(value) or BOTH for key, value in flows.items()}


def _key(module: str, name: str) -> Key:
    """A name a module's type uses, as (module, name): `common.Usage` is common's."""
    owner, short = ir.qualified(name)
    return (owner or module, short)
