"""Synthetic specs for the benchmark: N models x 40 fields, deterministic from a seed.

The same description of a spec is written two ways: as a schemasmith spec and
as an equivalent LinkML schema (for LinkML's `gen-pydantic`). Every model has
the same mix of 40 fields, in an order shuffled per model:

    10 optional strings, 4 integers, 3 numbers, 3 booleans (one non-null with a
    default), 3 datetimes, 3 uuid-format strings (one of them the required
    `id`), 3 list<string>, 3 map<integer>, 4 references to other models (two
    direct, one list<Model>, one map<Model>), 2 uses of a named enum of 5
    values, 2 inline enums

and every model, field and enum carries a multi-sentence description. In the
plain variant a model only references models defined before it (a DAG); in
the `cycle` variant model i references models i+1 .. i+4, wrapping around,
so every model sits on reference cycles as long as the spec.

The `unions` variant keeps the 40 fields but swaps some for the union forms
of the spec language: one named union for every 10 models, discriminated by
a constant `kind` field that its 4 variants (the group's first 4 models)
carry in place of one string; in each model that has a union to name (model
i names the latest union whose variants all come before it; in the cycle
variant, the next group's), a union field and a `list<Union>` in place of the
direct reference and the list of references; in every model an inline mixed
union (`Model | string | integer`, or `string | integer` with no model to
name) in place of a string, and a `list<string?>` in place of a
`list<string>`; and every other named enum open. LinkML has no such unions:
no LinkML schema is written for it.

Usage: python benchmarks/synthetic.py N [--cycle] [--unions] [--seed S] [--linkml] > spec.yaml
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass

FIELDS_PER_MODEL = 40
ENUM_VALUES = 5
MODELS_PER_ENUM = 10  # one named enum for every 10 models
MODELS_PER_UNION = 10  # with `unions`: one named union for every 10 models,
UNION_VARIANTS = 4  # of the group's first 4 models
TAG = "kind"  # the variants' constant field that tells them apart

_WORD_TEXT = (
    "account action activity address agent alert amount analysis answer archive "
    "asset attempt audit balance batch billing branch budget bundle cache campaign "
    "capacity catalog channel charge check claim client cluster comment config "
    "contact content contract counter coupon credit customer dataset deadline "
    "delivery deployment device digest discount document domain draft entry estimate "
    "event export feature feedback filter folder forecast gateway grant group "
    "handler header history import incident index invoice issue journal label "
    "ledger license limit listing location mailbox manifest member message metric "
    "milestone monitor network notice offer order owner package partner payload "
    "payment period permit pipeline plan policy portal price printer process "
    "profile project prompt quota rating receipt record region release report "
    "request resource result review reward route rule sample schedule score "
    "segment sensor session setting shipment signal snapshot source stage "
    "statement status storage stream summary supplier survey target task team "
    "template tenant ticket token topic trace transfer trigger usage vendor "
    "version voucher warehouse webhook window workflow workspace"
)
_WORDS = _WORD_TEXT.split()

_QUALIFIER_TEXT = (
    "primary secondary external internal pending current previous default "
    "effective estimated last first total average minimum maximum public private "
    "local remote parent child source target daily weekly monthly"
)
_QUALIFIERS = _QUALIFIER_TEXT.split()

_SENTENCES = (
    "It is set by the server when the object is created and never changes afterwards.",
    "Clients should treat unknown values as opaque and pass them through unchanged.",
    "The value is recomputed in the background, so it may lag behind recent writes.",
    "It is omitted from responses when the caller lacks the permission to read it.",
    "Older API versions returned this under a different name; both are accepted.",
    "Use it to correlate this object with entries in the audit log.",
    "It is empty until the first successful run of the owning workflow.",
    "Values are normalised to lowercase before they are stored.",
    "The server rejects updates that would make it inconsistent with the parent.",
    "It counts only events recorded since the last reset of the counter.",
    "Timestamps are in UTC and carry microsecond precision.",
    "It may be shared between several objects of the same tenant.",
)

_KINDS = (
    ["string"] * 9
    + ["integer"] * 4
    + ["number"] * 3
    + ["boolean"] * 2
    + ["flag"]  # a boolean that is not nullable and defaults to false
    + ["datetime"] * 3
    + ["uuid"] * 2
    + ["list_string"] * 3
    + ["map_integer"] * 3
    + ["ref", "ref", "list_ref", "map_ref"]
    + ["named_enum"] * 2
    + ["inline_enum"] * 2
)
# plus `id` (uuid, required) and one more string:
assert len(_KINDS) + 2 == FIELDS_PER_MODEL


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str
    description: str
    target: str | None = None  # the model, enum or union a reference names
    values: tuple[str, ...] = ()  # an inline enum's values; a tag's constant


@dataclass(frozen=True)
class ModelSpec:
    name: str
    description: str
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True)
class EnumSpec:
    name: str
    description: str
    values: tuple[str, ...]
    open: bool = False


@dataclass(frozen=True)
class UnionSpec:
    name: str
    description: str
    variants: tuple[str, ...]  # model names, each with a constant TAG field


@dataclass(frozen=True)
class SpecModel:
    enums: tuple[EnumSpec, ...]
    models: tuple[ModelSpec, ...]
    unions: tuple[UnionSpec, ...] = ()


def _camel(*words: str) -> str:
    return "".join(w.capitalize() for w in words)


def _description(rng: random.Random, subject: str) -> str:
    count = rng.randint(2, 3)
    return " ".join([f"{subject}.", *rng.sample(_SENTENCES, count)])


def build_model(
    n_models: int, seed: int = 0, cycle: bool = False, unions: bool = False
) -> SpecModel:
    """The synthetic spec as plain data; the same arguments give the same spec
    (and without `unions`, the spec this gave before unions existed)."""
    rng = random.Random(f"{seed}/{n_models}/{cycle}")
    model_names = [
        f"{_camel(rng.choice(_WORDS), rng.choice(_WORDS))}{i:04d}"
        for i in range(n_models)
    ]
    n_enums = max(1, n_models // MODELS_PER_ENUM)
    enums = tuple(
        EnumSpec(
            name=f"{_camel(rng.choice(_WORDS))}Kind{i:03d}",
            description=_description(rng, "The kind of object a record describes"),
            values=tuple(w.upper() for w in rng.sample(_WORDS, ENUM_VALUES)),
            open=unions and i % 2 == 1,
        )
        for i in range(n_enums)
    )
    union_specs: tuple[UnionSpec, ...] = ()
    if unions:
        union_specs = tuple(
            UnionSpec(
                name=f"{_camel(rng.choice(_WORDS))}Union{g:03d}",
                description=_description(rng, "One of several kinds of record"),
                variants=tuple(model_names[g * MODELS_PER_UNION :][:UNION_VARIANTS]),
            )
            for g in range(-(-n_models // MODELS_PER_UNION))
        )
    models = []
    for index, model_name in enumerate(model_names):
        names = set()
        fields = [
            FieldSpec(
                "id", "id", _description(rng, "The unique identifier of the object")
            )
        ]
        kinds = ["string", *_KINDS]
        union = None
        if unions:
            kinds = _with_unions(kinds, index)
            union = _union_named_by(union_specs, index, cycle)
            if union is None:  # no union to name: references stay references
                kinds = [
                    {"union": "ref", "list_union": "list_ref"}.get(k, k) for k in kinds
                ]
        rng.shuffle(kinds)
        next_ref = 1
        for kind in kinds:
            while True:
                name = f"{rng.choice(_QUALIFIERS)}_{rng.choice(_WORDS)}"
                if name not in names:
                    break
            names.add(name)
            target = None
            values: tuple[str, ...] = ()
            if kind == "tag":
                name = TAG
                values = (model_name.lower(),)
            elif kind in ("union", "list_union"):
                target = union
            elif kind == "inline_union":
                if cycle:
                    target = model_names[(index + 5) % n_models]
                elif index > 0:
                    target = model_names[rng.randrange(index)]
            elif kind in ("ref", "list_ref", "map_ref"):
                if cycle:
                    target = model_names[(index + next_ref) % n_models]
                    next_ref += 1
                elif index > 0:
                    target = model_names[rng.randrange(index)]
                else:
                    kind = "string"  # model 0 has nothing before it to reference
            elif kind == "named_enum":
                target = enums[min(index // MODELS_PER_ENUM, n_enums - 1)].name
            elif kind == "inline_enum":
                values = tuple(w.lower() for w in rng.sample(_WORDS, rng.randint(3, 4)))
            subject = f"The {name.replace('_', ' ')} of the {model_name}"
            fields.append(
                FieldSpec(name, kind, _description(rng, subject), target, values)
            )
        models.append(
            ModelSpec(
                model_name,
                _description(rng, f"A {model_name} as the API returns it"),
                tuple(fields),
            )
        )
    return SpecModel(enums, tuple(models), union_specs)


def _with_unions(kinds: list[str], index: int) -> list[str]:
    """Model `index`'s field kinds with the union forms in place of some (see the top)."""
    swaps = {"ref": "union", "list_ref": "list_union", "list_string": "list_optional"}
    if index % MODELS_PER_UNION < UNION_VARIANTS:
        kinds = ["tag", *kinds[1:]]  # the extra string
    out = []
    for kind in kinds:
        if kind in swaps:
            out.append(swaps.pop(kind))
        else:
            out.append(kind)
    out[out.index("string")] = "inline_union"
    return out


def _union_named_by(
    unions: tuple[UnionSpec, ...], index: int, cycle: bool
) -> str | None:
    if cycle:
        return unions[(index // MODELS_PER_UNION + 1) % len(unions)].name
    group = (index - UNION_VARIANTS) // MODELS_PER_UNION
    return unions[group].name if index >= UNION_VARIANTS else None


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML for this text)."""
    return json.dumps(text, ensure_ascii=False)


_SPEC_TYPES = {
    "id": "string",
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "flag": "boolean",
    "datetime": "datetime",
    "uuid": "string",
    "list_string": "list<string>",
    "map_integer": "map<integer>",
    "inline_enum": "string",
}


def _spec_type(field: FieldSpec) -> str:
    if field.kind in ("ref", "named_enum", "union"):
        assert field.target is not None
        return field.target
    if field.kind == "list_union":
        return _q(f"list<{field.target}>")
    if field.kind == "inline_union":
        return _q(
            " | ".join([*([field.target] if field.target else []), "string", "integer"])
        )
    if field.kind == "list_optional":
        return _q("list<string?>")
    if field.kind == "list_ref":
        return f"list<{field.target}>"
    if field.kind == "map_ref":
        return f"map<{field.target}>"
    return _SPEC_TYPES[field.kind]


def to_schemasmith(
    spec: SpecModel, module: str = "synthetic", layout: str | None = None
) -> str:
    """The spec as schemasmith's YAML; without `layout`, the size chooses it."""
    out = [
        "schemasmith: 1",
        f"module: {module}",
        *([f"layout: {layout}"] if layout else []),
        f"description: {_q('A synthetic API spec for benchmarking schemasmith.')}",
        "json_schema_id: https://example.com/schemas/",
        f"root: {spec.models[0].name}",
        "",
        "enums:",
    ]
    for enum in spec.enums:
        out.append(f"  {enum.name}:")
        out.append(f"    description: {_q(enum.description)}")
        if enum.open:
            out.append("    open: true")
        out.append(f"    values: [{', '.join(enum.values)}]")
    out.append("")
    if spec.unions:
        out.append("unions:")
        for union in spec.unions:
            out.append(f"  {union.name}:")
            out.append(f"    description: {_q(union.description)}")
            out.append(f"    discriminator: {TAG}")
            out.append(f"    variants: [{', '.join(union.variants)}]")
        out.append("")
    out.append("models:")
    for model in spec.models:
        out.append(f"  {model.name}:")
        out.append(f"    description: {_q(model.description)}")
        out.append("    fields:")
        for field in model.fields:
            out.append(f"      {field.name}:")
            if field.kind == "tag":
                out.append(f"        const: {_q(field.values[0])}")
            else:
                out.append(f"        type: {_spec_type(field)}")
            if field.kind in ("id", "uuid"):
                out.append("        format: uuid")
            if field.kind == "id":
                out.append("        required: true")
                out.append("        nullable: false")
            if field.kind == "flag":
                out.append("        nullable: false")
                out.append("        default: false")
            if field.kind == "inline_enum":
                out.append(f"        enum: [{', '.join(field.values)}]")
            out.append(f"        description: {_q(field.description)}")
        out.append("")
    return "\n".join(out)


_LINKML_RANGES = {
    "id": "string",
    "string": "string",
    "integer": "integer",
    "number": "float",
    "boolean": "boolean",
    "flag": "boolean",
    "datetime": "datetime",
    "uuid": "string",
    "list_string": "string",
    "map_integer": "integer",
}


def to_linkml(spec: SpecModel, name: str = "synthetic") -> str:
    """The same spec as a LinkML schema.

    LinkML has no inline enums and no string-keyed maps: an inline enum becomes
    a named enum of its own, and a map<T> becomes a multivalued T (for models,
    inlined as a dictionary keyed by the referenced model's `id`). A spec with
    unions has no LinkML schema.
    """
    if spec.unions:
        raise ValueError("LinkML has no discriminated unions: no schema for --unions")
    out = [
        f"id: https://example.com/schemas/{name}",
        f"name: {name}",
        f"description: {_q('A synthetic API spec for benchmarking schemasmith.')}",
        "prefixes:",
        "  linkml: https://w3id.org/linkml/",
        f"  {name}: https://example.com/schemas/{name}/",
        f"default_prefix: {name}",
        "default_range: string",
        "imports:",
        "  - linkml:types",
        "",
        "enums:",
    ]
    inline: list[tuple[str, FieldSpec]] = []
    for model in spec.models:
        for field in model.fields:
            if field.kind == "inline_enum":
                inline.append((f"{model.name}{_camel(*field.name.split('_'))}", field))
    for enum in spec.enums:
        out.append(f"  {enum.name}:")
        out.append(f"    description: {_q(enum.description)}")
        out.append("    permissible_values:")
        out.extend(f"      {v}: {{}}" for v in enum.values)
    for enum_name, field in inline:
        out.append(f"  {enum_name}:")
        out.append("    permissible_values:")
        out.extend(f"      {v}: {{}}" for v in field.values)
    out.append("")
    out.append("classes:")
    for model in spec.models:
        out.append(f"  {model.name}:")
        out.append(f"    description: {_q(model.description)}")
        out.append("    attributes:")
        for field in model.fields:
            out.append(f"      {field.name}:")
            if field.kind in ("ref", "list_ref", "map_ref", "named_enum"):
                out.append(f"        range: {field.target}")
            elif field.kind == "inline_enum":
                out.append(
                    f"        range: {model.name}{_camel(*field.name.split('_'))}"
                )
            else:
                out.append(f"        range: {_LINKML_RANGES[field.kind]}")
            if field.kind == "id":
                out.append("        identifier: true")
                out.append("        required: true")
            if field.kind in ("list_string", "map_integer", "list_ref", "map_ref"):
                out.append("        multivalued: true")
            if field.kind in ("ref", "list_ref"):
                out.append("        inlined: true")
                if field.kind == "list_ref":
                    out.append("        inlined_as_list: true")
            if field.kind == "map_ref":
                out.append("        inlined: true")
            if field.kind == "flag":
                out.append("        required: true")
                out.append('        ifabsent: "false"')
            out.append(f"        description: {_q(field.description)}")
    out.append("")
    return "\n".join(out)


def sample_payload(
    spec: SpecModel, model_index: int = 0, depth: int = 2
) -> dict[str, object]:
    """A valid instance of one model with nested references `depth` levels deep (wire names)."""
    model = spec.models[model_index]
    by_name = {m.name: i for i, m in enumerate(spec.models)}
    enums = {e.name: e for e in spec.enums}
    unions = {u.name: u for u in spec.unions}
    payload: dict[str, object] = {}
    for position, field in enumerate(model.fields):
        if field.kind in ("id", "uuid"):
            payload[field.name] = (
                f"00000000-0000-4000-8000-{model_index:06d}{position:06d}"
            )
        elif field.kind in ("string", "inline_union"):
            payload[field.name] = f"text {position}"
        elif field.kind == "tag":
            payload[field.name] = field.values[0]
        elif field.kind == "list_optional":
            payload[field.name] = ["a", None]
        elif field.kind == "integer":
            payload[field.name] = position
        elif field.kind == "number":
            payload[field.name] = position + 0.5
        elif field.kind in ("boolean", "flag"):
            payload[field.name] = position % 2 == 0
        elif field.kind == "datetime":
            payload[field.name] = "2024-05-01T12:30:00Z"
        elif field.kind == "list_string":
            payload[field.name] = ["a", "b"]
        elif field.kind == "map_integer":
            payload[field.name] = {"a": 1}
        elif field.kind == "named_enum":
            assert field.target is not None
            payload[field.name] = enums[field.target].values[0]
        elif field.kind == "inline_enum":
            payload[field.name] = field.values[-1]
        elif depth > 0:
            assert field.target is not None
            target = field.target
            if target in unions:  # its first variant, which carries its tag
                target = unions[target].variants[0]
            nested = sample_payload(spec, by_name[target], depth - 1)
            if field.kind in ("ref", "union"):
                payload[field.name] = nested
            elif field.kind in ("list_ref", "list_union"):
                payload[field.name] = [nested]
            else:
                payload[field.name] = {"k": nested}
    return payload


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--cycle", action="store_true", help="model i references i+1..i+4"
    )
    parser.add_argument(
        "--unions",
        action="store_true",
        help="discriminated unions, inline unions, open enums and T? items in place of some fields",
    )
    parser.add_argument("--linkml", action="store_true", help="write the LinkML schema")
    args = parser.parse_args(argv)
    if args.linkml and args.unions:
        parser.error("LinkML has no discriminated unions: --linkml takes no --unions")
    spec = build_model(args.models, args.seed, args.cycle, args.unions)
    sys.stdout.write(to_linkml(spec) if args.linkml else to_schemasmith(spec))
    return 0


if __name__ == "__main__":
    sys.exit(main())
