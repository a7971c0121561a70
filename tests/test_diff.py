"""`schemasmith diff`: every rule of the table, by direction and level, and the command around it.

The expected severities below are written from the design table
(/work/shared/design/breaking-changes.md, whose rows `DESIGN_ROWS` lists, and
docs/diff.md), not read from generator.compat.rules, so a wrong cell in the rule
table fails here. Its code columns say which code breaks: "breaks readers" is an
error for the code of a model read from responses and a warning for one written
in requests, "breaks writers" the reverse, a plain "breaks" an error for both.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.cli import main
from generator.compat.changes import Change, compare
from generator.compat.directions import DirectionOverrides
from generator.compat.report import judge
from generator.compat.rules import RULES, markdown_table
from generator.loading import load_modules
from tests.conftest import ROOT

DIRECTIONS = ("response", "request", "both")
LEVELS = ("wire", "source")

ITEM = """\
schemasmith: 1
module: shop
models:
  Item:
    direction: {direction}
{extra}    fields:
      name:
        type: string
        required: true
        nullable: false
        description: name of the item.
{fields}"""


def item(fields: str = "", extra: str = "") -> str:
    """A one-model spec; `fields` are more fields of Item, indented as in the spec."""
    return ITEM.format(
        direction="{direction}",
        extra=f"    extra: {extra}\n" if extra else "",
        fields=textwrap.indent(textwrap.dedent(fields), " " * 6),
    )


NOTE = """\
note:
  type: string
  description: note is free text.
"""
COUNT = """\
count:
  type: {type}
  description: count of units.
"""
COLOR_ENUM = """\
enums:
  Color:
{renamed}    values: [{values}]
"""
COLOR_FIELD = """\
color:
  type: Color
  description: color of the item.
"""


def renamed(old_name: str) -> str:
    """The `renamed_from:` line of a model or enum."""
    return f"    renamed_from: {old_name}\n"


def with_enum(spec: str, values: str, name: str = "Color", more: str = "") -> str:
    enum = COLOR_ENUM.replace("Color", name).format(values=values, renamed=more)
    return spec.replace("models:\n", enum + "models:\n", 1)


def second_model(
    spec: str, name: str = "Other", direction: str = "{direction}", more: str = ""
) -> str:
    return spec + textwrap.indent(
        f"{name}:\n{textwrap.indent(textwrap.dedent(more), '  ')}"
        f"  direction: {direction}\n  fields:\n"
        "    id:\n      type: string\n      description: id of the thing.\n",
        "  ",
    )


SHAPE_FIELD = """\
shape:
  type: Shape
  description: shape of the item.
"""


def with_union(spec: str, variants: str, name: str = "Shape", more: str = "") -> str:
    """`spec` with a union (before its models); `more` are more lines of the union."""
    union = f"unions:\n  {name}:\n{more}    variants: [{variants}]\n"
    return spec.replace("models:\n", union + "models:\n", 1)


def tagged(spec: str, *names: str, tags: tuple[str, ...] = ("kind",)) -> str:
    """`spec` with more models, each with a constant of its own lowercase name at
    each of `tags`: the variants of a union told apart by one of them."""
    for name in names:
        fields = "".join(
            f"    {tag}:\n      const: {name.lower()}\n"
            f"      description: always {name.lower()}.\n"
            for tag in tags
        )
        spec += textwrap.indent(f"{name}:\n  fields:\n{fields}", "  ")
    return spec


def discriminated(discriminator: str | None, variants: str = "Circle, Square") -> str:
    """Item with a field of the union Shape of tagged models Circle and Square (and
    Star), told apart by `discriminator` (none when None)."""
    more = f"    discriminator: {discriminator}\n" if discriminator else ""
    return tagged(
        with_union(item(SHAPE_FIELD), variants, more=more),
        *[v.strip() for v in variants.split(",")],
        tags=("kind", "type"),
    )


# Expected severities: (response, request, both) at wire level, then at source level.
Row = tuple[str, str, str]


@dataclass(frozen=True)
class Case:
    id: str
    rule: str
    old: dict[str, str]  # file name -> spec text, `{direction}` filled in per test
    new: dict[str, str]
    wire: Row
    source: Row
    also: frozenset[str] = field(default=frozenset())  # other rules the change implies


def case(
    id: str,
    old: str | dict[str, str],
    new: str | dict[str, str],
    wire: str,
    source: str,
    rule: str | None = None,
    also: tuple[str, ...] = (),
) -> Case:
    def files(spec: str | dict[str, str]) -> dict[str, str]:
        return {"shop.yaml": spec} if isinstance(spec, str) else spec

    def row(text: str) -> Row:
        response, request, both = text.split()
        return response, request, both

    return Case(
        id, rule or id, files(old), files(new), row(wire), row(source), frozenset(also)
    )


FORBID_NOTE = item(NOTE, extra="forbid")

BASE = """\
schemasmith: 1
module: shop
models:
  Base:
    direction: {{direction}}
    fields:
      name:
        type: string
        required: true
        nullable: false
        description: name of the item.
{base_fields}  Item:
    direction: {{direction}}
{extends}    fields:
{item_fields}"""
NAME = """\
      name:
        type: string
        required: true
        nullable: false
        description: name of the item.
"""


def based(extends: bool, item_fields: str = NAME, base_fields: str = "") -> str:
    """Item, and a Base with Item's `name`: Item extends Base or not."""
    return BASE.format(
        extends="    extends: Base\n" if extends else "",
        item_fields=textwrap.indent(textwrap.dedent(item_fields), " " * 6)
        if item_fields != NAME
        else NAME,
        base_fields=textwrap.indent(textwrap.dedent(base_fields), " " * 6),
    )


CASES = [
    # A model's base: its fields are compared with inherited ones included.
    case(
        "base-changed",
        based(False),
        based(True, item_fields="{}\n"),
        "info info info",
        "warning warning warning",
    ),
    # Fields appearing and disappearing.
    case(
        "field-added-optional", item(), item(NOTE), "info info info", "info info info"
    ),
    case(
        "field-added-optional/old-forbids",
        item(extra="forbid"),
        FORBID_NOTE,
        "error info error",
        "error info error",
        rule="field-added-optional",
    ),
    case(
        "field-added-required",
        item(),
        item(NOTE + "  required: true\n"),
        "info error error",
        "warning error error",
    ),
    case(
        "field-added-required/old-forbids",
        item(extra="forbid"),
        item(NOTE + "  required: true\n", extra="forbid"),
        "error error error",
        "error error error",
        rule="field-added-required",
    ),
    case(
        "field-removed-optional",
        item(NOTE),
        item(),
        "info warning warning",
        "error error error",
    ),
    case(
        "field-removed-optional/new-forbids",
        FORBID_NOTE,
        item(extra="forbid"),
        "info error error",
        "error error error",
        rule="field-removed-optional",
    ),
    case(
        "field-removed-required",
        item(NOTE + "  required: true\n"),
        item(),
        "error warning error",
        "error error error",
    ),
    case(
        "field-renamed",
        item(NOTE),
        item(NOTE.replace("note:", "remark:") + "  renamed_from: note\n"),
        "error error error",
        "error error error",
    ),
    case(
        "field-renamed/required",
        item(NOTE + "  required: true\n"),
        item(
            NOTE.replace("note:", "remark:")
            + "  required: true\n  renamed_from: note\n"
        ),
        "error error error",
        "error error error",
        rule="field-renamed",
    ),
    case(
        "field-python-renamed",
        item(NOTE),
        item(NOTE + "  python_name: remark\n"),
        "info info info",
        "error error error",
    ),
    # Presence and null.
    case(
        "field-became-required",
        item(NOTE),
        item(NOTE + "  required: true\n"),
        "info error error",
        "warning error error",
    ),
    case(
        "field-became-optional",
        item(NOTE + "  required: true\n"),
        item(NOTE),
        "error info error",
        "error warning error",
    ),
    case(
        "field-became-nullable",
        item(NOTE + "  required: true\n  nullable: false\n"),
        item(NOTE + "  required: true\n"),
        "error info error",
        "error warning error",
    ),
    case(
        "field-became-non-nullable",
        item(NOTE + "  required: true\n"),
        item(NOTE + "  required: true\n  nullable: false\n"),
        "info error error",
        "warning error error",
    ),
    # Types.
    case(
        "type-changed",
        item(COUNT.format(type="string")),
        item(COUNT.format(type="boolean")),
        "error error error",
        "error error error",
    ),
    case(
        "type-widened",
        item(COUNT.format(type="integer")),
        item(COUNT.format(type="number")),
        "error info error",
        "error warning error",
    ),
    case(
        "type-widened/in-containers",
        item(COUNT.format(type="map<list<integer>>")),
        item(COUNT.format(type="map<list<number>>")),
        "error info error",
        "error warning error",
        rule="type-widened",
    ),
    case(
        "type-widened/enum-to-string",
        item(COUNT.format(type="string") + "  enum: [a, b]\n"),
        item(COUNT.format(type="string")),
        "error info error",
        "error warning error",
        rule="type-widened",
    ),
    case(
        "type-widened/code-types-unrelated",
        item(COUNT.format(type="datetime")),
        item(COUNT.format(type="string")),
        "error info error",
        "error error error",
        rule="type-widened",
    ),
    case(
        "type-widened/uuid-to-string",
        item(COUNT.format(type="uuid")),
        item(COUNT.format(type="string")),
        "error info error",
        "error error error",
        rule="type-widened",
    ),
    case(
        "type-narrowed/string-to-decimal",
        item(COUNT.format(type="string")),
        item(COUNT.format(type="decimal")),
        "info error error",
        "error error error",
        rule="type-narrowed",
    ),
    case(
        "type-changed/bytes-to-duration",
        item(COUNT.format(type="bytes")),
        item(COUNT.format(type="duration")),
        "error error error",
        "error error error",
        rule="type-changed",
    ),
    case(
        "type-narrowed",
        item(COUNT.format(type="number")),
        item(COUNT.format(type="integer")),
        "info error error",
        "warning error error",
    ),
    case(
        "type-narrowed/json-to-list",
        item(COUNT.format(type="json")),
        item(COUNT.format(type="list<integer>")),
        "info error error",
        "warning error error",
        rule="type-narrowed",
    ),
    case(
        "type-narrowed/string-to-enum",
        item(COUNT.format(type="string")),
        item(COUNT.format(type="string") + "  enum: [a, b]\n"),
        "info error error",
        "warning error error",
        rule="type-narrowed",
    ),
    case(
        "type-narrowed/code-types-unrelated",
        item(COUNT.format(type="string")),
        item(COUNT.format(type="date")),
        "info error error",
        "error error error",
        rule="type-narrowed",
    ),
    case(
        "type-respelled",
        item(COUNT.format(type="string") + "  enum: [red, green]\n"),
        with_enum(item(COUNT.format(type="Color")), "red, green"),
        "info info info",
        "info info info",
        also=("enum-added",),
    ),
    case(
        "enum-value-added",
        with_enum(item(COLOR_FIELD), "red, green"),
        with_enum(item(COLOR_FIELD), "red, green, blue"),
        "error info error",
        "error warning error",
    ),
    case(
        "enum-value-added/inline",
        item(COUNT.format(type="string") + "  enum: [a, b]\n"),
        item(COUNT.format(type="string") + "  enum: [a, b, c]\n"),
        "error info error",
        "error warning error",
        rule="enum-value-added",
    ),
    case(
        "enum-value-removed/in-list",
        with_enum(
            item(COLOR_FIELD.replace("Color", "list<Color>")), "red, green, blue"
        ),
        with_enum(item(COLOR_FIELD.replace("Color", "list<Color>")), "red, blue"),
        "info error error",
        "error error error",
        rule="enum-value-removed",
    ),
    case(
        "enum-value-removed",
        with_enum(item(COLOR_FIELD), "red, green, blue"),
        with_enum(item(COLOR_FIELD), "red, green"),
        "info error error",
        "error error error",
    ),
    case(
        "enum-value-removed/inline",
        item(COUNT.format(type="string") + "  enum: [a, b]\n"),
        item(COUNT.format(type="string") + "  enum: [a]\n"),
        "info error error",
        "error error error",
        rule="enum-value-removed",
    ),
    case(
        "enum-values-reordered",
        with_enum(item(COLOR_FIELD), "red, green"),
        with_enum(item(COLOR_FIELD), "green, red"),
        "info info info",
        "info info info",
    ),
    case(
        "format-added",
        item(NOTE),
        item(NOTE + "  format: uuid\n"),
        "info warning warning",
        "info warning warning",
    ),
    case(
        "format-removed",
        item(NOTE + "  format: uuid\n"),
        item(NOTE),
        "warning info warning",
        "warning info warning",
    ),
    case(
        "format-changed",
        item(NOTE + "  format: uuid\n"),
        item(NOTE + "  format: uri\n"),
        "warning warning warning",
        "warning warning warning",
    ),
    # Values, policies and metadata.
    case(
        "default-changed",
        item(COUNT.format(type="integer") + "  default: 1\n"),
        item(COUNT.format(type="integer") + "  default: 2\n"),
        "warning warning warning",
        "warning warning warning",
    ),
    case(
        "default-changed/from-null",
        item(NOTE),
        item(NOTE + "  default: n/a\n"),
        "warning warning warning",
        "warning warning warning",
        rule="default-changed",
    ),
    case(
        "extra-forbidden",
        item(),
        item(extra="forbid"),
        "info error error",
        "info error error",
    ),
    case(
        "extra-allowed",
        item(extra="forbid"),
        item(extra="ignore"),
        "error info error",
        "error info error",
    ),
    case(
        "extra-policy-changed",
        item(extra="allow"),
        item(extra="ignore"),
        "info warning warning",
        "warning warning warning",
    ),
    case(
        "strict-changed",
        item(),
        item().replace(
            "    direction: {direction}\n",
            "    direction: {direction}\n    strict: true\n",
            1,
        ),
        "info info info",
        "warning warning warning",
    ),
    case(
        "frozen-added",
        item(),
        item().replace(
            "    direction: {direction}\n",
            "    direction: {direction}\n    frozen: true\n",
            1,
        ),
        "info info info",
        "warning error error",
    ),
    case(
        "frozen-removed",
        item().replace(
            "    direction: {direction}\n",
            "    direction: {direction}\n    frozen: true\n",
            1,
        ),
        item(),
        "info info info",
        "warning warning warning",
    ),
    case(
        "direction-changed",
        item().replace("    direction: {direction}\n", ""),
        item(),
        "info info info",
        "info info info",
    ),
    case(
        "deprecated",
        item(NOTE),
        item(NOTE + "  deprecated: Use name.\n"),
        "info info info",
        "warning warning warning",
    ),
    case(
        "undeprecated",
        item(NOTE + "  deprecated: true\n"),
        item(NOTE),
        "info info info",
        "info info info",
    ),
    case(
        "secret-changed",
        item(NOTE),
        item(NOTE + "  secret: true\n"),
        "info info info",
        "info info info",
    ),
    case(
        "fields-reordered",
        item(NOTE + COUNT.format(type="integer")),
        item(COUNT.format(type="integer") + NOTE),
        "info info info",
        "info info info",
    ),
    case(
        "documentation-changed",
        item(NOTE),
        item(NOTE.replace("free text", "free-form text")),
        "info info info",
        "info info info",
    ),
    # Models, enums and modules as a whole.
    case(
        "model-added", item(), second_model(item()), "info info info", "info info info"
    ),
    case(
        "model-removed",
        second_model(item()),
        item(),
        "info info info",
        "error error error",
    ),
    case(
        "model-renamed",
        second_model(item()),
        second_model(item(), name="Thing", more=renamed("Other")),
        "info info info",
        "error error error",
    ),
    case(
        "model-renamed/and-moved",
        second_model(item()),
        {
            "shop.yaml": item(),
            "catalog.yaml": second_model(
                "schemasmith: 1\nmodels:\n", name="Thing", more=renamed("Other")
            ),
        },
        "info info info",
        "error error error",
        rule="model-renamed",
        also=("model-moved", "module-added"),
    ),
    case(
        "model-moved",
        second_model(item()),
        {
            "shop.yaml": item(),
            "catalog.yaml": second_model("schemasmith: 1\nmodels:\n"),
        },
        "info info info",
        "error error error",
        also=("module-added",),
    ),
    case(
        "enum-added",
        item(),
        with_enum(item(), "red"),
        "info info info",
        "info info info",
    ),
    case(
        "enum-removed",
        with_enum(item(), "red"),
        item(),
        "info info info",
        "error error error",
    ),
    case(
        "enum-renamed",
        with_enum(item(COLOR_FIELD), "red, green"),
        with_enum(
            item(COLOR_FIELD.replace("Color", "Hue")),
            "red, green",
            name="Hue",
            more=renamed("Color"),
        ),
        "info info info",
        "error error error",
    ),
    case(
        "enum-moved",
        with_enum(item(), "red"),
        {
            "shop.yaml": item(),
            "paint.yaml": with_enum(second_model("schemasmith: 1\nmodels:\n"), "red"),
        },
        "info info info",
        "error error error",
        also=("module-added", "model-added"),
    ),
    case(
        "module-added",
        item(),
        {"shop.yaml": item(), "extra.yaml": second_model("schemasmith: 1\nmodels:\n")},
        "info info info",
        "info info info",
        also=("model-added",),
    ),
    case(
        "module-removed",
        {"shop.yaml": item(), "extra.yaml": second_model("schemasmith: 1\nmodels:\n")},
        item(),
        "info info info",
        "error error error",
        also=("model-removed",),
    ),
    case(
        "root-changed",
        second_model(item()).replace("models:\n", "root: Item\nmodels:\n", 1),
        second_model(item()).replace("models:\n", "root: Other\nmodels:\n", 1),
        "error error error",
        "error error error",
    ),
    case(
        "schema-id-changed",
        item().replace(
            "models:\n", "json_schema_id: https://example.com/a.json\nmodels:\n", 1
        ),
        item().replace(
            "models:\n", "json_schema_id: https://example.com/b.json\nmodels:\n", 1
        ),
        "warning warning warning",
        "warning warning warning",
    ),
    # Unions, constants, open and integer enums, null inside containers.
    case(
        "union-added",
        item(),
        with_union(item(), "string, integer"),
        "info info info",
        "info info info",
    ),
    case(
        "union-removed",
        with_union(item(), "string, integer"),
        item(),
        "info info info",
        "error error error",
    ),
    case(
        "union-renamed",
        with_union(item(SHAPE_FIELD), "string, integer"),
        with_union(
            item(SHAPE_FIELD.replace("type: Shape", "type: Form")),
            "string, integer",
            name="Form",
            more=renamed("Shape"),
        ),
        "info info info",
        "error error error",
    ),
    case(
        "union-moved",
        with_union(second_model(item()), "string, integer"),
        {
            "shop.yaml": item(),
            "catalog.yaml": with_union(
                second_model("schemasmith: 1\nmodels:\n"), "string, integer"
            ),
        },
        "info info info",
        "error error error",
        also=("module-added", "model-moved"),
    ),
    case(
        "union-variant-added",
        with_union(item(SHAPE_FIELD), "string, integer"),
        with_union(item(SHAPE_FIELD), "string, integer, boolean"),
        "error info error",
        "error warning error",
    ),
    case(
        "union-variant-added/model",
        discriminated("kind"),
        discriminated("kind", "Circle, Square, Star"),
        "error info error",
        "error warning error",
        rule="union-variant-added",
        also=("model-added",),
    ),
    case(
        "union-variant-removed",
        with_union(item(SHAPE_FIELD), "string, integer, boolean"),
        with_union(item(SHAPE_FIELD), "string, integer"),
        "info error error",
        "warning error error",
    ),
    case(
        "type-widened/variant",
        with_union(item(SHAPE_FIELD), "string, integer"),
        with_union(item(SHAPE_FIELD), "string, number"),
        "error info error",
        "error warning error",
        rule="type-widened",
    ),
    case(
        "type-widened/to-union",
        item(COUNT.format(type="integer")),
        item(COUNT.format(type="integer | string")),
        "error info error",
        "error warning error",
        rule="type-widened",
    ),
    case(
        "type-widened/to-named-union",
        item(COUNT.format(type="integer")),
        with_union(item(COUNT.format(type="Shape")), "string, integer"),
        "error info error",
        "error warning error",
        rule="type-widened",
        also=("union-added",),
    ),
    case(
        "type-narrowed/from-union",
        item(COUNT.format(type="integer | string")),
        item(COUNT.format(type="integer")),
        "info error error",
        "warning error error",
        rule="type-narrowed",
    ),
    case(
        "type-respelled/union",
        with_union(item(COUNT.format(type="Shape")), "string, integer"),
        with_union(item(COUNT.format(type="integer | string")), "string, integer"),
        "info info info",
        "info info info",
        rule="type-respelled",
    ),
    case(
        "union-discriminator-added",
        discriminated(None),
        discriminated("kind"),
        "info info info",
        "info info info",
    ),
    case(
        "union-discriminator-removed",
        discriminated("kind"),
        discriminated(None),
        "info info info",
        "info info info",
    ),
    case(
        "union-discriminator-changed",
        discriminated("kind"),
        discriminated("type"),
        "info info info",
        "info info info",
    ),
    case(
        "const-changed",
        item("role:\n  const: buyer\n  description: the role.\n"),
        item("role:\n  const: seller\n  description: the role.\n"),
        "error error error",
        "error error error",
    ),
    case(
        "const-changed/kind",
        item("version:\n  const: 1\n  description: the version.\n"),
        item('version:\n  const: "1"\n  description: the version.\n'),
        "error error error",
        "error error error",
        rule="const-changed",
    ),
    case(
        "type-widened/const-to-scalar",
        item("version:\n  const: 1\n  description: the version.\n"),
        item(
            "version:\n  type: integer\n  required: true\n  nullable: false\n"
            "  description: the version.\n"
        ),
        "error info error",
        "error warning error",
        rule="type-widened",
    ),
    case(
        "type-became-nullable",
        item(COUNT.format(type="list<integer>")),
        item(COUNT.format(type="list<integer?>")),
        "error info error",
        "error warning error",
    ),
    case(
        "type-became-nullable/in-union",
        item(COUNT.format(type="string | integer")),
        item(COUNT.format(type="string | integer?")),
        "error info error",
        "error warning error",
        rule="type-became-nullable",
    ),
    case(
        "type-became-non-nullable",
        item(COUNT.format(type="map<integer?>")),
        item(COUNT.format(type="map<integer>")),
        "info error error",
        "warning error error",
    ),
    case(
        "enum-opened",
        with_enum(item(COLOR_FIELD), "red, green"),
        with_enum(item(COLOR_FIELD), "red, green", more="    open: true\n"),
        "error info error",
        "error warning error",
    ),
    case(
        "enum-closed",
        with_enum(item(COLOR_FIELD), "red, green", more="    open: true\n"),
        with_enum(item(COLOR_FIELD), "red, green"),
        "info error error",
        "warning error error",
    ),
    case(
        "enum-value-added/open",
        with_enum(item(COLOR_FIELD), "red, green", more="    open: true\n"),
        with_enum(item(COLOR_FIELD), "red, green, blue", more="    open: true\n"),
        "info info info",
        "info info info",
        rule="enum-value-added",
    ),
    case(
        "enum-value-removed/open",
        with_enum(item(COLOR_FIELD), "red, green", more="    open: true\n"),
        with_enum(item(COLOR_FIELD), "red", more="    open: true\n"),
        "info info info",
        "info info info",
        rule="enum-value-removed",
    ),
    case(
        "enum-value-added/integer",
        with_enum(item(COLOR_FIELD), "1, 2", more="    type: integer\n"),
        with_enum(item(COLOR_FIELD), "1, 2, 3", more="    type: integer\n"),
        "error info error",
        "error warning error",
        rule="enum-value-added",
    ),
    case(
        "enum-kind-changed",
        with_enum(item(COLOR_FIELD), '"1", "2"'),
        with_enum(item(COLOR_FIELD), "1, 2", more="    type: integer\n"),
        "error error error",
        "error error error",
    ),
    case(
        "type-widened/open-enum",
        with_enum(item(COUNT.format(type="Color")), "red, green"),
        with_enum(
            item(COUNT.format(type="Hue")),
            "red, green",
            name="Hue",
            more="    open: true\n",
        ).replace("enums:\n", "enums:\n  Color:\n    values: [red, green]\n", 1),
        "error info error",
        "error warning error",
        rule="type-widened",
        also=("enum-added",),
    ),
    case(
        "type-changed/enum-kind",
        with_enum(item(COLOR_FIELD), "red, green"),
        with_enum(
            item(COLOR_FIELD.replace("type: Color", "type: Level")),
            "1, 2",
            name="Level",
            more="    type: integer\n",
        ),
        "error error error",
        "error error error",
        rule="type-changed",
        also=("enum-added", "enum-removed"),
    ),
    # Presence: a field that may be absent but is never null (no default).
    case(
        "field-became-non-nullable/absent-never-null",
        item(NOTE),
        item(NOTE + "  nullable: false\n"),
        "info error error",
        "warning error error",
        rule="field-became-non-nullable",
    ),
    case(
        "field-became-nullable/from-absent-never-null",
        item(NOTE + "  nullable: false\n"),
        item(NOTE),
        "error info error",
        "error warning error",
        rule="field-became-nullable",
    ),
    case(
        "field-became-optional/to-absent-never-null",
        item(NOTE + "  required: true\n  nullable: false\n"),
        item(NOTE + "  nullable: false\n"),
        "error info error",
        "error warning error",
        rule="field-became-optional",
    ),
    case(
        "field-became-required/from-absent-never-null",
        item(NOTE + "  nullable: false\n"),
        item(NOTE + "  required: true\n  nullable: false\n"),
        "info error error",
        "warning error error",
        rule="field-became-required",
    ),
    case(
        "field-became-non-nullable/json",
        item(COUNT.format(type="json") + "  required: true\n"),
        item(COUNT.format(type="json") + "  required: true\n  nullable: false\n"),
        "info error error",
        "warning error error",
        rule="field-became-non-nullable",
    ),
]


def write_specs(folder: Path, files: dict[str, str], direction: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(
            text.replace("{direction}", direction), encoding="utf-8"
        )
    return folder


def changes_between(
    tmp_path: Path, old: dict[str, str], new: dict[str, str], direction: str
) -> list[Change]:
    old_dir = write_specs(tmp_path / "old", old, direction)
    new_dir = write_specs(tmp_path / "new", new, direction)
    old_modules = load_modules(sorted(str(p) for p in old_dir.glob("*.yaml")))
    new_modules = load_modules(sorted(str(p) for p in new_dir.glob("*.yaml")))
    return compare(old_modules, new_modules)


# The rows of the design table (its `change` column, word for word) and the cases
# above that implement each. Parts of rows that no case covers are not
# implemented (docs/diff.md says so): constraints other than a string's
# `format`, read-only and write-only fields, and renames that keep the old wire
# name as an alias.
DESIGN_ROWS: dict[str, tuple[str, ...]] = {
    "add optional field": (
        "field-added-optional",
        "field-added-optional/old-forbids",
    ),
    "add required field": (
        "field-added-required",
        "field-added-required/old-forbids",
    ),
    "remove optional field": (
        "field-removed-optional",
        "field-removed-optional/new-forbids",
    ),
    "remove required field": ("field-removed-required",),
    "rename wire (JSON) name": ("field-renamed", "field-renamed/required"),
    "rename Python name only (wire name kept)": ("field-python-renamed",),
    "optional -> required": (
        "field-became-required",
        "field-became-required/from-absent-never-null",
    ),
    "required -> optional": (
        "field-became-optional",
        "field-became-optional/to-absent-never-null",
    ),
    "becomes nullable": (
        "field-became-nullable",
        "field-became-nullable/from-absent-never-null",
        "type-became-nullable",
        "type-became-nullable/in-union",
    ),
    "becomes non-nullable": (
        "field-became-non-nullable",
        "field-became-non-nullable/absent-never-null",
        "field-became-non-nullable/json",
        "type-became-non-nullable",
    ),
    "incompatible type change": (
        "type-changed",
        "type-changed/enum-kind",
        "const-changed",
        "const-changed/kind",
        "enum-kind-changed",
    ),
    "widen type (add a union branch, integer -> number)": (
        "type-widened",
        "type-widened/in-containers",
        "type-widened/enum-to-string",
        "type-widened/code-types-unrelated",
        "union-variant-added",
        "union-variant-added/model",
        "type-widened/variant",
        "type-widened/to-union",
        "type-widened/to-named-union",
        "type-widened/const-to-scalar",
        "type-widened/open-enum",
        "enum-opened",
    ),
    "narrow type (number -> integer, string -> enum)": (
        "type-narrowed",
        "type-narrowed/json-to-list",
        "type-narrowed/string-to-enum",
        "type-narrowed/code-types-unrelated",
        "union-variant-removed",
        "type-narrowed/from-union",
        "enum-closed",
    ),
    "add enum value": (
        "enum-value-added",
        "enum-value-added/inline",
        "enum-value-added/integer",
        "enum-value-added/open",
    ),
    "remove enum value": (
        "enum-value-removed",
        "enum-value-removed/inline",
        "enum-value-removed/in-list",
        "enum-value-removed/open",
    ),
    "tighten a constraint (max, pattern)": ("format-added",),
    "loosen a constraint": ("format-removed",),
    "rename or move a model or enum (same shape)": (
        "model-renamed",
        "model-renamed/and-moved",
        "model-moved",
        "enum-renamed",
        "enum-moved",
        "union-renamed",
        "union-moved",
    ),
    "change a default": ("default-changed", "default-changed/from-null"),
    "documentation only": ("documentation-changed",),
}


def test_every_rule_has_a_case() -> None:
    assert {c.rule for c in CASES} == set(RULES)


def test_every_row_of_the_design_table_has_cases() -> None:
    ids = [c.id for c in CASES]
    assert len(DESIGN_ROWS) == 20 and all(DESIGN_ROWS.values())
    assert [i for cases in DESIGN_ROWS.values() for i in cases if i not in ids] == []


def test_docs_map_every_row_of_the_design_table() -> None:
    docs = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    assert [row for row in DESIGN_ROWS if f"| {row} |" not in docs] == []


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule(
    case: Case,
    direction: str,
    level: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    old = write_specs(tmp_path / "old", case.old, direction)
    new = write_specs(tmp_path / "new", case.new, direction)
    code, out, _ = run(
        ["diff", str(old), str(new), "--level", level, "--format", "json"], capsys
    )
    changes = json.loads(out)["changes"]
    assert sorted(c["rule"] for c in changes) == sorted({case.rule} | case.also)
    [severity] = [c["severity"] for c in changes if c["rule"] == case.rule]
    expected = (case.wire if level == "wire" else case.source)[
        DIRECTIONS.index(direction)
    ]
    assert severity == expected
    # What the change implies besides (an added module, ...) is never worse.
    assert code == (1 if expected == "error" else 0)


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_breaking_constructors_has_one_severity_however_it_happens(
    direction: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `Item(name="x")` then fails with `Field required`, whether the field is new or
    # was optional before.
    required_note = item(NOTE + "  required: true\n")
    outcomes = set()
    for old in (item(), item(NOTE)):
        old_path, new_path = two_versions(tmp_path, old, required_note, direction)
        code, out, _ = run(["diff", old_path, new_path, "--format", "json"], capsys)
        [change] = json.loads(out)["changes"]
        outcomes.add((change["severity"], code))
    expected = ("error", 1) if direction != "response" else ("warning", 0)
    assert outcomes == {expected}


# -- directions ---------------------------------------------------------------

NESTED = """\
schemasmith: 1
module: shop
models:
  Order:
{order_direction}    fields:
      lines:
        type: list<Line>
        description: lines of the order.
  Line:
{line_direction}    fields:
      sku:
        type: string
        description: sku of the line.
{line_fields}"""


def nested(order: str | None, line: str | None, line_fields: str = "") -> str:
    return NESTED.format(
        order_direction=f"    direction: {order}\n" if order else "",
        line_direction=f"    direction: {line}\n" if line else "",
        line_fields=textwrap.indent(textwrap.dedent(line_fields), " " * 6),
    )


def test_moving_a_field_into_a_base_changes_only_the_base(tmp_path: Path) -> None:
    """Item's flattened fields stay the same, so only Base, which gains the field,
    has a change; the order of an extending model's fields is its bases'."""
    old = based(True, item_fields=NOTE)
    new = based(True, item_fields="{}\n", base_fields=NOTE)
    found = changes_between(tmp_path, {"a.yaml": old}, {"a.yaml": new}, "response")
    assert [(c.rule, c.item) for c in found] == [("field-added-optional", "Base")]


def test_a_field_changed_in_a_base_changes_its_children_too(tmp_path: Path) -> None:
    old = based(True, item_fields="{}\n", base_fields=NOTE)
    new = based(True, item_fields="{}\n", base_fields=NOTE.replace("string", "integer"))
    found = changes_between(tmp_path, {"a.yaml": old}, {"a.yaml": new}, "response")
    assert sorted((c.rule, c.item) for c in found) == [
        ("type-changed", "Base"),
        ("type-changed", "Item"),
    ]


@pytest.mark.parametrize(
    ("order", "line", "expected"),
    [
        (
            "response",
            None,
            "response",
        ),  # an undeclared nested model takes its user's direction
        ("request", None, "request"),
        (None, None, "both"),  # the user itself flows both ways by default
        ("response", "request", "both"),  # a declared direction joins its users'
        ("request", "request", "request"),
    ],
)
def test_nested_model_inherits_its_users_direction(
    order: str | None, line: str | None, expected: str, tmp_path: Path
) -> None:
    changes = changes_between(
        tmp_path,
        {"shop.yaml": nested(order, line)},
        {"shop.yaml": nested(order, line, NOTE + "  required: true\n")},
        "both",
    )
    [change] = changes
    assert (change.rule, change.item, change.field) == (
        "field-added-required",
        "Line",
        "note",
    )
    assert change.flows == frozenset(
        ("response", "request") if expected == "both" else (expected,)
    )


def test_change_in_a_nested_model_is_reported_once_where_it_happened(
    tmp_path: Path,
) -> None:
    def spec(extra_field: str) -> str:
        return nested("response", None, extra_field) + textwrap.indent(
            "Invoice:\n  direction: request\n  fields:\n    line:\n      type: Line\n"
            "      description: line billed.\n",
            "  ",
        )

    changes = changes_between(
        tmp_path,
        {"shop.yaml": spec("")},
        {"shop.yaml": spec(NOTE + "  required: true\n")},
        "both",
    )
    assert [(c.rule, c.item) for c in changes] == [("field-added-required", "Line")]
    # Line is read by Order (response) and written by Invoice (request): both flows judge it.
    assert changes[0].flows == frozenset({"response", "request"})


def test_recursive_models_get_their_users_direction(tmp_path: Path) -> None:
    def spec(extra: str) -> str:
        return nested(
            "response", None, "next:\n  type: Line\n  description: next line.\n" + extra
        )

    changes = changes_between(
        tmp_path, {"shop.yaml": spec("")}, {"shop.yaml": spec(NOTE)}, "both"
    )
    assert [(c.rule, c.flows) for c in changes] == [
        ("field-added-optional", frozenset({"response"}))
    ]


def test_direction_overrides(tmp_path: Path) -> None:
    old = write_specs(tmp_path / "old", {"shop.yaml": item()}, "response")
    new = write_specs(
        tmp_path / "new", {"shop.yaml": item(NOTE + "  required: true\n")}, "response"
    )
    old_modules = load_modules([str(old / "shop.yaml")])
    new_modules = load_modules([str(new / "shop.yaml")])

    def severity(overrides: DirectionOverrides) -> str:
        [judged] = judge(compare(old_modules, new_modules, overrides), "wire")
        return judged.severity

    assert severity(DirectionOverrides()) == "info"  # read only: old readers ignore it
    assert severity(DirectionOverrides(everything="request")) == "error"
    assert severity(DirectionOverrides(per_model={"Item": "both"})) == "error"
    assert severity(DirectionOverrides(per_model={"Other": "both"})) == "info"


# -- renames --------------------------------------------------------------------


def login(name: str, description: str, more: str = "") -> str:
    """An optional string field, as the design issue's example has it."""
    return f"{name}:\n  type: string\n  description: {description}\n{more}"


@pytest.mark.parametrize(
    "description",
    ["username is the login.", "the login."],  # alike once renamed in the text, or not
)
def test_an_undeclared_rename_is_a_removal_and_an_addition(
    description: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = two_versions(
        tmp_path,
        item(login("user_name", "user_name is the login.")),
        item(login("username", description)),
    )
    out = run(["diff", old, new, "--format", "json"], capsys)[1]
    assert sorted(c["rule"] for c in json.loads(out)["changes"]) == [
        "field-added-optional",
        "field-removed-optional",
    ]
    for direction in DIRECTIONS:  # info or warning on the wire: never an exit 1
        args = ["diff", old, new, "--level", "wire", "--direction", direction]
        assert run(args, capsys)[0] == 0


@pytest.mark.parametrize("description", ["username is the login.", "the login."])
def test_a_declared_rename_is_one_change_whatever_the_descriptions(
    description: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = two_versions(
        tmp_path,
        item(login("user_name", "user_name is the login.")),
        item(login("username", description, "  renamed_from: user_name\n")),
    )
    out = run(["diff", old, new, "--format", "json"], capsys)[1]
    changes = json.loads(out)["changes"]
    assert [(c["rule"], c["old"], c["new"]) for c in changes] == [
        ("documentation-changed", "user_name is the login.", description),
        ("field-renamed", "user_name", "username"),
    ]
    for direction in DIRECTIONS:
        args = ["diff", old, new, "--level", "wire", "--direction", direction]
        assert run(args, capsys)[0] == 1


def test_a_declared_rename_reports_what_else_changed(tmp_path: Path) -> None:
    changes = changes_between(
        tmp_path,
        {"shop.yaml": item(COUNT.format(type="integer"))},
        {
            "shop.yaml": item(
                COUNT.format(type="number").replace("count:", "total:")
                + "  required: true\n  renamed_from: count\n"
            )
        },
        "both",
    )
    assert sorted((c.rule, c.field) for c in changes) == [
        ("field-became-required", "total"),
        ("field-renamed", "total"),
        ("type-widened", "total"),
    ]


def test_renamed_from_that_matches_nothing_is_an_addition(tmp_path: Path) -> None:
    changes = changes_between(
        tmp_path,
        {"shop.yaml": item(login("user_name", "the login."))},
        {"shop.yaml": item(login("username", "the login.", "  renamed_from: login\n"))},
        "both",
    )
    assert [(c.rule, c.message) for c in changes] == [
        ("field-removed-optional", "optional field 'user_name' (string) removed"),
        (
            "field-added-optional",
            (
                "optional field 'username' (string) added (declared `renamed_from: "
                "login`, but no field 'login' of the old version is left to match)"
            ),
        ),
    ]


def test_renamed_from_kept_or_added_later_changes_nothing(tmp_path: Path) -> None:
    declared = item(login("username", "the login.", "  renamed_from: user_name\n"))
    plain = item(login("username", "the login."))
    for old in (declared, plain):
        changes = changes_between(
            tmp_path, {"shop.yaml": old}, {"shop.yaml": declared}, "both"
        )
        assert changes == []


def test_a_declared_model_rename_keeps_its_users_unchanged(tmp_path: Path) -> None:
    old = nested("response", None)
    new = nested("response", None, NOTE)
    new = new.replace("list<Line>", "list<Entry>")
    new = new.replace("  Line:\n", "  Entry:\n    renamed_from: Line\n")
    changes = changes_between(tmp_path, {"shop.yaml": old}, {"shop.yaml": new}, "both")
    assert [(c.rule, c.item, c.old, c.new) for c in changes] == [
        ("model-renamed", "Entry", "Line", "Entry"),
        ("field-added-optional", "Entry", None, "string"),
    ]


def test_a_declared_recursive_model_rename(tmp_path: Path) -> None:
    old = nested("response", None, "next:\n  type: Line\n  description: next line.\n")
    new = old.replace("Line", "Entry").replace(
        "  Entry:\n", "  Entry:\n    renamed_from: Line\n"
    )
    changes = changes_between(tmp_path, {"shop.yaml": old}, {"shop.yaml": new}, "both")
    assert [(c.rule, c.old, c.new) for c in changes] == [
        ("model-renamed", "Line", "Entry")
    ]


def test_an_undeclared_model_rename_is_a_removal_and_an_addition(
    tmp_path: Path,
) -> None:
    old = nested("response", None)
    new = old.replace("Line", "Entry")  # the same shape under another name
    changes = changes_between(tmp_path, {"shop.yaml": old}, {"shop.yaml": new}, "both")
    assert sorted((c.rule, c.item, c.field) for c in changes) == [
        ("model-added", "Entry", None),
        ("model-removed", "Line", None),
        ("type-changed", "Order", "lines"),
    ]


def test_a_moved_model_is_matched_by_its_name_before_its_renamed_from(
    tmp_path: Path,
) -> None:
    # `renamed_from: Ancient` is left from an older release; Other moved to catalog.
    changes = changes_between(
        tmp_path,
        {"shop.yaml": second_model(item())},
        {
            "shop.yaml": item(),
            "catalog.yaml": second_model(
                "schemasmith: 1\nmodels:\n", more=renamed("Ancient")
            ),
        },
        "both",
    )
    assert sorted((c.rule, c.module, c.item) for c in changes) == [
        ("model-moved", "catalog", "Other"),
        ("module-added", "catalog", ""),
    ]


def test_text_output_hints_at_renames_without_judging_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = two_versions(
        tmp_path,
        second_model(item(login("user_name", "the login."))),
        second_model(item(login("username", "the login.")), name="Thing"),
    )
    for level in LEVELS:
        code, out, _ = run(["diff", old, new, "--level", level], capsys)
        json_code, json_out, _ = run(
            ["diff", old, new, "--level", level, "--format", "json"], capsys
        )
        assert code == json_code == (1 if level == "source" else 0)
        assert [line for line in out.splitlines() if line.startswith("hint:")] == [
            (
                "hint: shop.Item.username may be shop.Item.user_name renamed; "
                f"if it is, add `renamed_from: user_name` to it at {new}:12:7"
            ),
            (
                "hint: shop.Thing may be shop.Other renamed; "
                f"if it is, add `renamed_from: Other` to it at {new}:15:3"
            ),
        ]
        assert "hint:" not in json_out and "renamed_from" not in json_out


def test_no_hint_where_more_than_one_rename_would_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = "a:\n  type: string\n  description: text.\n"
    old, new = two_versions(
        tmp_path,
        item(a + a.replace("a:", "b:") + COUNT.format(type="integer")),
        item(
            a.replace("a:", "c:")
            + a.replace("a:", "d:")
            + COUNT.format(type="number").replace("count:", "total:")
        ),
    )
    assert "hint:" not in run(["diff", old, new], capsys)[1]


def test_inline_and_named_enum_with_other_values(tmp_path: Path) -> None:
    changes = changes_between(
        tmp_path,
        {"shop.yaml": item(COUNT.format(type="string") + "  enum: [red, green]\n")},
        {"shop.yaml": with_enum(item(COUNT.format(type="Color")), "red, blue")},
        "both",
    )
    assert sorted((c.rule, c.old, c.new) for c in changes) == [
        ("enum-added", None, None),
        ("enum-value-added", None, "blue"),
        ("enum-value-removed", "green", None),
        ("type-respelled", "enum [red, green]", "Color"),
    ]


@pytest.mark.parametrize("path", ["spec/run.yaml", "tests/cases/unions/spec.yaml"])
def test_identical_specs_have_no_changes(path: str, tmp_path: Path) -> None:
    # The second has named and inline unions, constants, open and integer
    # enums, `T?` items and fields absent but never null.
    spec = (ROOT / path).read_text(encoding="utf-8")
    assert (
        changes_between(tmp_path, {"run.yaml": spec}, {"run.yaml": spec}, "both") == []
    )


def test_a_renamed_model_is_the_same_variant_of_its_union(tmp_path: Path) -> None:
    old = discriminated("kind")
    new = old.replace("Circle", "Round").replace(
        "  Round:\n", "  Round:\n    renamed_from: Circle\n"
    )
    changes = changes_between(tmp_path, {"shop.yaml": old}, {"shop.yaml": new}, "both")
    assert [(c.rule, c.item) for c in changes] == [("model-renamed", "Round")]


def test_variants_are_matched_by_what_they_accept(tmp_path: Path) -> None:
    # integer -> number is the variant widened; the model Circle is removed and
    # boolean added: neither is taken for a changed variant.
    old = tagged(with_union(item(SHAPE_FIELD), "Circle, integer, string"), "Circle")
    new = with_union(item(SHAPE_FIELD), "string, number, boolean")
    changes = changes_between(tmp_path, {"shop.yaml": old}, {"shop.yaml": new}, "both")
    assert [(c.rule, c.item, c.old, c.new) for c in changes] == [
        ("model-removed", "Circle", None, None),
        ("type-widened", "Shape", "integer", "number"),
        ("union-variant-added", "Shape", None, "boolean"),
        ("union-variant-removed", "Shape", "Circle", None),
    ]


def test_a_union_and_its_variants_flow_like_the_models_that_use_it(
    tmp_path: Path,
) -> None:
    def spec(circle_fields: str) -> str:
        text = discriminated("kind").replace("{direction}", "response")
        return text.replace(
            "  Circle:\n    fields:\n",
            "  Circle:\n    fields:\n" + textwrap.indent(circle_fields, " " * 6),
        )

    changes = changes_between(
        tmp_path,
        {"shop.yaml": spec("")},
        {"shop.yaml": spec(NOTE + "  required: true\n")},
        "both",
    )
    assert [(c.rule, c.item, c.flows) for c in changes] == [
        ("field-added-required", "Circle", frozenset({"response"}))
    ]
    [judged] = judge(changes, "wire")
    assert judged.severity == "info"  # old readers ignore it


# -- the command ----------------------------------------------------------------


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def two_versions(
    tmp_path: Path, old: str, new: str, direction: str = "both"
) -> tuple[str, str]:
    old_path = (
        write_specs(tmp_path / "old", {"shop.yaml": old}, direction) / "shop.yaml"
    )
    new_path = (
        write_specs(tmp_path / "new", {"shop.yaml": new}, direction) / "shop.yaml"
    )
    return str(old_path), str(new_path)


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = two_versions(
        tmp_path, item(NOTE), item(NOTE + "  required: true\n"), "request"
    )
    code, out, _ = run(["diff", old, new, "--format", "json"], capsys)
    assert code == 1
    assert json.loads(out) == {
        "schemasmith_diff": 1,
        "level": "source",
        "breaking": True,
        "counts": {"error": 1, "warning": 0, "info": 0},
        "changes": [
            {
                "severity": "error",
                "rule": "field-became-required",
                "module": "shop",
                "item": "Item",
                "field": "note",
                "direction": "request",
                "message": "field 'note' became required",
                "old": None,
                "new": None,
                "conditions": [],
                "location": f"{new}:12:7",
            }
        ],
    }
    # Sorted keys and a fixed layout, so tools can diff two reports.
    assert (
        out
        == json.dumps(json.loads(out), indent=2, sort_keys=True, ensure_ascii=False)
        + "\n"
    )


def test_json_changes_are_sorted_and_stable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = two_versions(
        tmp_path,
        second_model(item(NOTE + COUNT.format(type="integer"))),
        second_model(item(COUNT.format(type="number"))).replace(
            "id of the thing", "the id"
        ),
    )
    first = run(["diff", old, new, "--format", "json"], capsys)
    second = run(["diff", old, new, "--format", "json"], capsys)
    assert first == second
    changes = json.loads(first[1])["changes"]
    keys = [
        (c["module"], c["item"] or "", c["field"] or "", c["rule"], c["message"])
        for c in changes
    ]
    assert keys == sorted(keys)
    assert [(c["item"], c["field"], c["rule"]) for c in changes] == [
        ("Item", "count", "type-widened"),
        ("Item", "note", "field-removed-optional"),
        ("Other", "id", "documentation-changed"),
    ]


def test_text_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = two_versions(
        tmp_path,
        item(COUNT.format(type="integer")),
        item(COUNT.format(type="number")),
        "response",
    )
    code, out, err = run(["diff", old, new], capsys)
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == [
        "SEVERITY",
        "RULE",
        "WHERE",
        "DIRECTION",
        "LOCATION",
        "CHANGE",
    ]
    assert lines[1].split() == [
        "error",
        "type-widened",
        "shop.Item.count",
        "response",
        f"{new}:12:7",
        "type",
        "of",
        "field",
        "'count'",
        "widened:",
        "integer",
        "->",
        "number",
    ]
    assert (
        lines[-1] == "1 change at level source: 1 error, 0 warnings, 0 info; breaking"
    )


def test_no_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = two_versions(tmp_path, item(), item())
    assert run(["diff", old, new], capsys) == (0, "no changes\n", "")


@pytest.mark.parametrize(
    ("level", "direction", "code"),
    [
        ("source", "both", 1),  # a Python-only rename breaks the generated API ...
        ("wire", "both", 0),  # ... but not the JSON
    ],
)
def test_exit_code_follows_level(
    level: str,
    direction: str,
    code: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    old, new = two_versions(
        tmp_path, item(NOTE), item(NOTE + "  python_name: remark\n")
    )
    assert run(["diff", old, new, "--level", level], capsys)[0] == code


def test_exit_code_follows_direction_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = two_versions(
        tmp_path, item(), item(NOTE + "  required: true\n"), "response"
    )
    assert run(["diff", old, new, "--level", "wire"], capsys)[0] == 0
    assert (
        run(["diff", old, new, "--level", "wire", "--direction", "request"], capsys)[0]
        == 1
    )
    assert (
        run(["diff", old, new, "--level", "wire", "--direction", "Item=both"], capsys)[
            0
        ]
        == 1
    )


def test_folders_are_compared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = write_specs(tmp_path / "old", {"shop.yaml": item()}, "both")
    new = write_specs(
        tmp_path / "new",
        {"shop.yaml": item(), "extra.yaml": second_model("schemasmith: 1\nmodels:\n")},
        "both",
    )
    code, out, _ = run(["diff", str(old), str(new), "--format", "json"], capsys)
    assert code == 0
    assert [c["rule"] for c in json.loads(out)["changes"]] == [
        "module-added",
        "model-added",
    ]


def test_bad_input_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = two_versions(tmp_path, item(), item(NOTE.replace("string", "strng")))
    code, out, err = run(["diff", old, new], capsys)
    assert code == 2 and out == ""
    assert f"{new}:13:15: error: unknown type 'strng'; did you mean 'string'?" in err
    assert "Traceback" not in err


def test_bad_input_on_both_sides_is_reported_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = two_versions(tmp_path, "schemasmith: 1\nmodels: [\n", "schemasmith: 2\n")
    code, _, err = run(["diff", old, new], capsys)
    assert code == 2
    assert (
        f"{old}:" in err
        and f"{new}:1:14: error: unsupported spec format version '2'" in err
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", "only-one.yaml"], "diff needs OLD and NEW"),
        (
            ["diff", "missing-old.yaml", "missing-new.yaml"],
            "missing-old.yaml:1:1: error: cannot read the spec",
        ),
        (
            ["diff", "a", "b", "--direction", "sideways"],
            "the direction must be one of response, request, both",
        ),
        (["diff", "a", "b", "--direction", "=request"], "name a model before '='"),
    ],
)
def test_usage_errors(
    args: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(args, capsys)
    assert code == 2
    assert message in err


def test_direction_override_must_name_a_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = two_versions(tmp_path, item(), item())
    code, _, err = run(["diff", old, new, "--direction", "Nope=request"], capsys)
    assert code == 2
    assert "--direction names no model of either version: Nope" in err


def test_empty_folder_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    old, _ = two_versions(tmp_path, item(), item())
    code, _, err = run(["diff", old, str(tmp_path / "empty")], capsys)
    assert code == 2 and "no spec files found" in err


# -- --against a git ref ------------------------------------------------------

needs_git = pytest.mark.skipif(
    shutil.which("git") is None, reason="git is not installed"
)


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    write_specs(root / "spec", {"shop.yaml": item(NOTE)}, "request")
    git(root, "init", "-q")
    git(root, "add", "spec")
    git(root, "commit", "-q", "-m", "v1")
    monkeypatch.chdir(root)
    return root


@needs_git
def test_against_a_ref(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_specs(
        repo / "spec", {"shop.yaml": item(NOTE + "  required: true\n")}, "request"
    )
    code, out, _ = run(["diff", "--against", "HEAD", "--format", "json"], capsys)
    assert code == 1
    [change] = json.loads(out)["changes"]
    assert (change["rule"], change["severity"], change["location"]) == (
        "field-became-required",
        "error",
        "spec/shop.yaml:12:7",
    )


@needs_git
def test_against_a_ref_sees_committed_not_working_files(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["diff", "--against", "HEAD"], capsys)[:2] == (0, "no changes\n")
    write_specs(
        repo / "spec", {"extra.yaml": second_model("schemasmith: 1\nmodels:\n")}, "both"
    )
    code, out, _ = run(
        ["diff", "--against", "HEAD", "spec", "--format", "json"], capsys
    )
    assert code == 0
    assert [c["rule"] for c in json.loads(out)["changes"]] == [
        "module-added",
        "model-added",
    ]
    # A single file, named from a subfolder of the repository.
    code, out, _ = run(["diff", "--against", "HEAD", "spec/shop.yaml"], capsys)
    assert code == 0 and out == "no changes\n"


@needs_git
def test_against_older_ref_with_a_removed_spec(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_specs(
        repo / "spec", {"extra.yaml": second_model("schemasmith: 1\nmodels:\n")}, "both"
    )
    git(repo, "add", "spec")
    git(repo, "commit", "-q", "-m", "v2")
    (repo / "spec" / "extra.yaml").unlink()
    code, out, _ = run(["diff", "--against", "HEAD", "--format", "json"], capsys)
    assert code == 1
    assert [(c["rule"], c["severity"]) for c in json.loads(out)["changes"]] == [
        ("module-removed", "error"),
        ("model-removed", "error"),
    ]
    code, out, _ = run(["diff", "--against", "HEAD~1", "--format", "json"], capsys)
    assert (code, json.loads(out)["changes"]) == (0, [])


@needs_git
def test_against_a_ref_with_a_bad_committed_spec(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "spec" / "shop.yaml").write_text(
        "schemasmith: 1\nmodels:\n  Item: [\n", encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "broken")
    write_specs(repo / "spec", {"shop.yaml": item()}, "both")
    code, _, err = run(["diff", "--against", "HEAD"], capsys)
    assert code == 2
    assert "HEAD:spec/shop.yaml:4:1: error: invalid YAML" in err


@needs_git
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", "--against", "no-such-ref"], "'no-such-ref' names no commit"),
        (["diff", "--against", "HEAD", "nowhere"], "nowhere does not exist at HEAD"),
        (["diff", "--against", "HEAD", "a", "b"], "with --against, give only NEW"),
    ],
)
def test_against_bad_input(
    repo: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(args, capsys)
    assert code == 2
    assert message in err and "Traceback" not in err


# -- the documentation ------------------------------------------------------------


def test_docs_print_the_rule_table_as_implemented() -> None:
    docs = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    assert markdown_table() in docs


def test_direction_change_judges_by_both_directions(tmp_path: Path) -> None:
    old = item().replace("{direction}", "response")
    new = item(NOTE + "  required: true\n").replace("{direction}", "request")
    changes = changes_between(tmp_path, {"shop.yaml": old}, {"shop.yaml": new}, "both")
    judged = {j.change.rule: j for j in judge(changes, "wire")}
    assert set(judged) == {"direction-changed", "field-added-required"}
    assert judged["field-added-required"].change.flows == frozenset(
        {"response", "request"}
    )
    assert judged["field-added-required"].severity == "error"


IMPORTS_CASE = ROOT / "tests" / "cases" / "imports" / "specs"


def _import_specs() -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted(IMPORTS_CASE.glob("*.yaml"))}


def test_specs_that_import_each_other_are_unchanged_when_equal(
    tmp_path: Path,
) -> None:
    specs = _import_specs()
    assert changes_between(tmp_path, specs, specs, "both") == []


def test_a_changed_imported_model_is_reported_once_in_its_own_spec(
    tmp_path: Path,
) -> None:
    old = _import_specs()
    new = dict(old)
    new["common.yaml"] = old["common.yaml"].replace(
        "output_tokens: {type: integer}", "output_tokens: {type: string}"
    )
    new["chat.yaml"] = old["chat.yaml"].replace(
        "    description: One message.\n",
        "    description: One message.\n    direction: response\n",
    )
    old["chat.yaml"] = new["chat.yaml"]
    changes = changes_between(tmp_path, old, new, "both")
    assert [(c.module, c.item, c.field, c.rule) for c in changes] == [
        ("common", "Usage", "output_tokens", "type-changed")
    ]
    # Usage takes its direction from the chat model that uses it, across the import.
    assert sorted(changes[0].flows) == ["response"]
