"""The rule table of `schemasmith diff`: how much each kind of change breaks, as data.

Each rule gives a severity for each way a model's data flows and for each level:

- `response`: an old SDK reads what a newer server sends (schema registries'
  FORWARD compatibility);
- `request`: an old SDK's writes must still be accepted by a newer server
  (BACKWARD); a model used both ways must satisfy both (FULL);
- `wire`: JSON compatibility alone; `source`: the generated Python and TypeScript
  API as well, so at that level a change is as severe as the worse of its two cells.

The wire cells are the design table's two wire columns. The code cells come
from its two code columns in a few words (`CODE_*` below): SDK users read
response models and write request models, so "breaks readers" is an error for a
response model's code and "breaks writers" one for a request model's; the other
code of each (tests and mocks that build responses, a server that reads
requests) breaks too, which counts one step lower. The same kind of break thus
has the same severity in every rule.

A condition found by detection (for example "the old model forbids unknown
fields") may replace a rule's cells; `docs/diff.md` prints this table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Severity = Literal["info", "warning", "error"]
Level = Literal["wire", "source"]
Flow = Literal["response", "request"]

SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")  # least to most severe
LEVELS: tuple[Level, ...] = ("wire", "source")
FLOWS: tuple[Flow, ...] = ("response", "request")

I: Severity = "info"
W: Severity = "warning"
E: Severity = "error"


@dataclass(frozen=True)
class Cells:
    """Severities for a model read from responses and one written in requests."""

    response: Severity
    request: Severity

    def get(self, flow: Flow) -> Severity:
        return self.response if flow == "response" else self.request


@dataclass(frozen=True)
class Override:
    """Cells that replace some of a rule's own when a condition holds."""

    condition: str
    explanation: str
    cells: Mapping[tuple[Level, Flow], Severity]

    def apply(self, rule: Rule) -> tuple[Cells, Cells]:
        def level(name: Level, cells: Cells) -> Cells:
            return Cells(
                self.cells.get((name, "response"), cells.response),
                self.cells.get((name, "request"), cells.request),
            )

        return level("wire", rule.wire), level("source", rule.source)


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    wire: Cells
    source: Cells  # the generated API alone; `source` level also counts `wire`
    why: str = ""
    overrides: tuple[Override, ...] = field(default=())


def _cells(response: Severity, request: Severity) -> Cells:
    return Cells(response, request)


# What a change does to the generated API, for a model read from responses and
# one written in requests (the design table's words).
CODE_SAFE = Cells(I, I)
CODE_BREAKS = Cells(E, E)  # readers and writers alike: a name they use is gone
CODE_BREAKS_WRITERS = Cells(W, E)  # constructors, TypedDicts, object literals
CODE_BREAKS_READERS = Cells(E, W)  # strict typing, exhaustive matches
CODE_WARNS = Cells(W, W)
CODE_WARNS_WRITERS = Cells(I, W)
CODE_WARNS_READERS = Cells(W, I)


_OLD_FORBIDS = Override(
    "old-model-forbids-extra",
    "the old model has `extra: forbid`, so an old reader rejects the new field",
    {("wire", "response"): E},
)
_NEW_FORBIDS = Override(
    "new-model-forbids-extra",
    "the new model has `extra: forbid`, so the server rejects the old field",
    {("wire", "request"): E},
)
_OLD_ENUM_OPEN = Override(
    "old-enum-open",
    "the old enum is open: old readers accept any value of its kind",
    {
        ("wire", "response"): I,
        ("source", "response"): I,
        ("source", "request"): I,
    },
)
_NEW_ENUM_OPEN = Override(
    "new-enum-open",
    "the new enum is open: the server accepts any value of its kind",
    {
        ("wire", "request"): I,
        ("source", "response"): I,
        ("source", "request"): I,
    },
)
_UNRELATED_CODE_TYPES = Override(
    "code-types-unrelated",
    "the generated Python types are unrelated (for example str and datetime)",
    {("source", "response"): E, ("source", "request"): E},
)

RULE_TABLE: tuple[Rule, ...] = (
    # Modules, models and enums as a whole.
    Rule("module-added", "module added", _cells(I, I), CODE_SAFE),
    Rule(
        "module-removed",
        "module removed",
        _cells(I, I),
        CODE_BREAKS,
        "its generated modules disappear; imports break",
    ),
    Rule(
        "root-changed",
        "module's root model changed",
        _cells(E, E),
        CODE_SAFE,
        "the published JSON Schema validates a different object",
    ),
    Rule(
        "schema-id-changed",
        "JSON Schema $id changed",
        _cells(W, W),
        CODE_SAFE,
        "documents that `$ref` the old $id no longer resolve it",
    ),
    Rule("model-added", "model added", _cells(I, I), CODE_SAFE),
    Rule(
        "model-removed",
        "model removed",
        _cells(I, I),
        CODE_BREAKS,
        "on the wire only the fields that used it change (reported there); imports break",
    ),
    Rule(
        "model-renamed",
        "model renamed (declared with `renamed_from`)",
        _cells(I, I),
        CODE_BREAKS,
        "the JSON is unchanged; the class name changes",
    ),
    Rule(
        "model-moved",
        "model moved to another module",
        _cells(I, I),
        CODE_BREAKS,
        "the JSON is unchanged; the import path changes",
    ),
    Rule("enum-added", "enum added", _cells(I, I), CODE_SAFE),
    Rule(
        "enum-removed",
        "enum removed",
        _cells(I, I),
        CODE_BREAKS,
        "on the wire only the fields that used it change (reported there); imports break",
    ),
    Rule(
        "enum-renamed",
        "enum renamed (declared with `renamed_from`)",
        _cells(I, I),
        CODE_BREAKS,
        "the JSON is unchanged; the type name changes",
    ),
    Rule(
        "enum-moved",
        "enum moved to another module",
        _cells(I, I),
        CODE_BREAKS,
        "the JSON is unchanged; the import path changes",
    ),
    Rule("union-added", "union added", _cells(I, I), CODE_SAFE),
    Rule(
        "union-removed",
        "union removed",
        _cells(I, I),
        CODE_BREAKS,
        "on the wire only the fields that used it change (reported there); imports break",
    ),
    Rule(
        "union-renamed",
        "union renamed (declared with `renamed_from`)",
        _cells(I, I),
        CODE_BREAKS,
        "the JSON is unchanged; the type alias's name changes",
    ),
    Rule(
        "union-moved",
        "union moved to another module",
        _cells(I, I),
        CODE_BREAKS,
        "the JSON is unchanged; the import path changes",
    ),
    # Fields appearing, disappearing and being renamed.
    Rule(
        "field-added-optional",
        "optional field added",
        _cells(I, I),
        CODE_SAFE,
        "old readers ignore it; old writers may leave it out",
        (_OLD_FORBIDS,),
    ),
    Rule(
        "field-added-required",
        "required field added",
        _cells(I, E),
        CODE_BREAKS_WRITERS,
        "old writers do not send it; constructors and object literals need it",
        (_OLD_FORBIDS,),
    ),
    Rule(
        "field-removed-optional",
        "optional field removed",
        _cells(I, W),
        CODE_BREAKS,
        "old writers still send it, which a lenient server drops; code using it breaks",
        (_NEW_FORBIDS,),
    ),
    Rule(
        "field-removed-required",
        "required field removed",
        _cells(E, W),
        CODE_BREAKS,
        "old readers require it; old writers still send it; code using it breaks",
        (_NEW_FORBIDS,),
    ),
    Rule(
        "field-renamed",
        "field's wire (JSON) name renamed (declared with `renamed_from`)",
        _cells(E, E),
        CODE_BREAKS,
        "old SDKs neither read nor send the new name; nothing accepts the old one",
    ),
    Rule(
        "field-python-renamed",
        "field's Python name renamed (wire name kept)",
        _cells(I, I),
        CODE_BREAKS,
        "the JSON is unchanged; the Python attribute changes",
    ),
    # Presence and null.
    Rule(
        "field-became-required",
        "field became required",
        _cells(I, E),
        CODE_BREAKS_WRITERS,
        "old writers may leave it out; code that builds the model must pass it",
    ),
    Rule(
        "field-became-optional",
        "field became optional",
        _cells(E, I),
        CODE_BREAKS_READERS,
        "old readers require it; typed readers must now handle its absence",
    ),
    Rule(
        "field-became-nullable",
        "field became nullable",
        _cells(E, I),
        CODE_BREAKS_READERS,
        "old readers reject null; typed readers must now handle None",
    ),
    Rule(
        "field-became-non-nullable",
        "field became non-nullable",
        _cells(I, E),
        CODE_BREAKS_WRITERS,
        "old writers may send null; code passing None stops type-checking",
    ),
    Rule(
        "type-became-nullable",
        "values inside a list, map or union may now be null (T -> T?)",
        _cells(E, I),
        CODE_BREAKS_READERS,
        "old readers reject null there; typed readers must now handle None",
    ),
    Rule(
        "type-became-non-nullable",
        "values inside a list, map or union may no longer be null (T? -> T)",
        _cells(I, E),
        CODE_BREAKS_WRITERS,
        "old writers may send null there; code passing None stops type-checking",
    ),
    # Types.
    Rule(
        "type-changed",
        "type changed incompatibly",
        _cells(E, E),
        CODE_BREAKS,
        "neither side accepts all of the other's values",
    ),
    Rule(
        "type-widened",
        "type widened (integer -> number, enum -> string, T -> T | U, any -> json)",
        _cells(E, I),
        CODE_BREAKS_READERS,
        "old readers get values they do not accept; typed readers get a wider type",
        (_UNRELATED_CODE_TYPES,),
    ),
    Rule(
        "type-narrowed",
        "type narrowed (number -> integer, string -> enum, T | U -> T, json -> any)",
        _cells(I, E),
        CODE_BREAKS_WRITERS,
        "old writers send values the server no longer accepts; "
        "code passing the old type stops type-checking",
        (_UNRELATED_CODE_TYPES,),
    ),
    Rule(
        "type-respelled",
        "type written another way, same values (inline enum <-> named enum, "
        "union <-> its variants' union)",
        _cells(I, I),
        CODE_SAFE,
        "the Python and TypeScript types are structurally the same",
    ),
    Rule(
        "const-changed",
        "constant changed",
        _cells(E, E),
        CODE_BREAKS,
        "each side rejects the other's value",
    ),
    Rule(
        "union-variant-added",
        "variant added to a union",
        _cells(E, I),
        CODE_BREAKS_READERS,
        "old readers reject values of the new variant; "
        "exhaustive matches stop type-checking",
    ),
    Rule(
        "union-variant-removed",
        "variant removed from a union",
        _cells(I, E),
        CODE_BREAKS_WRITERS,
        "old writers may send it; code passing it stops type-checking",
    ),
    Rule(
        "union-discriminator-added",
        "union now told apart by a discriminator",
        _cells(I, I),
        CODE_SAFE,
        "each variant already has its own constant there, so the same values are "
        "accepted; validation now picks the variant by it",
    ),
    Rule(
        "union-discriminator-removed",
        "union no longer told apart by a discriminator",
        _cells(I, I),
        CODE_SAFE,
        "the variants keep their constants, so the same values are accepted; "
        "validation now tries each variant",
    ),
    Rule(
        "union-discriminator-changed",
        "union told apart by another field",
        _cells(I, I),
        CODE_SAFE,
        "the variants' fields are compared on their own; only the field validation "
        "picks the variant by changes",
    ),
    Rule(
        "enum-value-added",
        "enum value added",
        _cells(E, I),
        CODE_BREAKS_READERS,
        "a closed enum: old readers reject the value; "
        "exhaustive matches stop type-checking",
        (_OLD_ENUM_OPEN,),
    ),
    Rule(
        "enum-value-removed",
        "enum value removed",
        _cells(I, E),
        CODE_BREAKS,
        "old writers may send it; code comparing with it stops type-checking",
        (_NEW_ENUM_OPEN,),
    ),
    Rule(
        "enum-opened",
        "enum opened (any other value of its kind accepted)",
        _cells(E, I),
        CODE_BREAKS_READERS,
        "old readers, closed, reject the values the server may now send; "
        "typed readers get a wider type",
    ),
    Rule(
        "enum-closed",
        "enum closed (only its values accepted)",
        _cells(I, E),
        CODE_BREAKS_WRITERS,
        "old writers may send other values, which the server now rejects; "
        "code passing them stops type-checking",
    ),
    Rule(
        "enum-kind-changed",
        "enum's values changed kind (strings <-> whole numbers)",
        _cells(E, E),
        CODE_BREAKS,
        "no value of one kind is a value of the other",
    ),
    Rule(
        "enum-values-reordered",
        "enum values reordered",
        _cells(I, I),
        CODE_SAFE,
    ),
    Rule(
        "format-added",
        "string format added (constraint tightened)",
        _cells(I, W),
        CODE_SAFE,
        "JSON Schema asserts `format` only where a validator opts in; "
        "the generated types do not carry it",
    ),
    Rule(
        "format-removed",
        "string format removed (constraint loosened)",
        _cells(W, I),
        CODE_SAFE,
        "old readers that assert the format may reject the new values",
    ),
    Rule(
        "format-changed",
        "string format changed",
        _cells(W, W),
        CODE_SAFE,
        "validators that assert formats reject the other side's values",
    ),
    # Values, policies and metadata.
    Rule(
        "default-changed",
        "default changed",
        _cells(W, W),
        CODE_SAFE,
        "an absent value now means something else",
    ),
    Rule(
        "extra-forbidden",
        "unknown fields now rejected (extra: forbid)",
        _cells(I, E),
        CODE_WARNS_WRITERS,
        "old writers may send fields the server now rejects; "
        "code passing extra keyword arguments fails at run time",
    ),
    Rule(
        "extra-allowed",
        "unknown fields now accepted (extra: forbid lifted)",
        _cells(E, I),
        CODE_SAFE,
        "old readers that forbid unknown fields reject what the server may now send",
    ),
    Rule(
        "extra-policy-changed",
        "unknown fields now kept or now dropped (extra: allow <-> ignore)",
        _cells(I, W),
        CODE_WARNS_READERS,
        "what becomes of the unknown fields old writers send changes; "
        "readers of `model_extra` see a difference",
    ),
    Rule(
        "strict-changed",
        "model now takes, or no longer takes, values only as JSON writes them (strict)",
        _cells(I, I),
        CODE_WARNS,
        'the JSON Schema is the same; code that passes `"12"` for an integer, or '
        "validates Python data with dates as text, fails or passes where it did not",
    ),
    Rule(
        "frozen-added",
        "model frozen (instances cannot be changed once made)",
        _cells(I, I),
        CODE_BREAKS_WRITERS,
        "the JSON is the same; code that assigns to an attribute fails (a type "
        "error in TypeScript, whose properties become `readonly`, and in "
        "TypedDicts, whose keys become `ReadOnly`; at run time in Pydantic)",
    ),
    Rule(
        "frozen-removed",
        "model no longer frozen",
        _cells(I, I),
        CODE_WARNS,
        "the JSON is the same; Pydantic instances are no longer hashable, so code "
        "that puts them in a set or uses them as dict keys fails",
    ),
    Rule(
        "base-changed",
        "model extends another model, or none, than before",
        _cells(I, I),
        CODE_WARNS,
        "fields are compared with inherited ones included, so moving a field into "
        "a base is no change; code that checks `isinstance` against the old base, "
        "or passes the model where the old base is expected, fails",
    ),
    Rule(
        "direction-changed",
        "model's declared direction changed",
        _cells(I, I),
        CODE_SAFE,
        "changes are judged by both the old and the new direction",
    ),
    Rule(
        "deprecated",
        "deprecation added",
        _cells(I, I),
        CODE_WARNS,
        "users now get deprecation warnings",
    ),
    Rule("undeprecated", "deprecation withdrawn", _cells(I, I), CODE_SAFE),
    Rule(
        "secret-changed",
        "secret flag changed",
        _cells(I, I),
        CODE_SAFE,
        "only the generated repr() changes",
    ),
    Rule(
        "fields-reordered",
        "fields reordered",
        _cells(I, I),
        CODE_SAFE,
        "JSON objects are unordered; the generated classes take keyword arguments",
    ),
    Rule(
        "documentation-changed",
        "documentation only (description, since, deprecation message)",
        _cells(I, I),
        CODE_SAFE,
    ),
)

RULES: Mapping[str, Rule] = MappingProxyType({rule.id: rule for rule in RULE_TABLE})


def worst(severities: Iterable[Severity]) -> Severity:
    return max(severities, key=SEVERITIES.index, default="info")


def severity(
    rule: Rule, flows: Iterable[Flow], level: Level, conditions: Iterable[str] = ()
) -> Severity:
    """How severe a change is for a model with these flows, at this level."""
    wire, source = rule.wire, rule.source
    for override in rule.overrides:
        if override.condition in conditions:
            wire, source = override.apply(rule)
    found: list[Severity] = []
    for flow in flows:
        found.append(wire.get(flow))
        if level == "source":
            found.append(source.get(flow))
    return worst(found)


def markdown_table() -> str:
    """The table as docs/diff.md prints it (a test keeps the two equal)."""

    def row(*cells: str) -> str:
        return "| " + " | ".join(cells) + " |"

    lines = [
        row(
            "rule",
            "change",
            "wire: response",
            "wire: request",
            "code: response",
            "code: request",
            "why",
        ),
        row(*["---"] * 7),
    ]
    for rule in RULE_TABLE:
        lines.append(
            row(
                f"`{rule.id}`",
                rule.summary,
                rule.wire.response,
                rule.wire.request,
                rule.source.response,
                rule.source.request,
                rule.why,
            )
        )
        for override in rule.overrides:
            wire, source = override.apply(rule)
            lines.append(
                row(
                    f"`{rule.id}` when `{override.condition}`",
                    override.explanation,
                    wire.response,
                    wire.request,
                    source.response,
                    source.request,
                    "",
                )
            )
    return "\n".join(lines) + "\n"
