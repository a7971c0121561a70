"""`schemasmith init [DIR]`: a project that works at once.

It writes a starter spec (with the editor schema of the spec format beside it),
the settings (`[tool.schemasmith]` added to an existing `pyproject.toml`, else
a `schemasmith.toml`) and the `.gitignore` lines for what an interrupted run
may leave; `schemasmith generate` in DIR then succeeds. It never overwrites:
when any of its files exists, or the project already has settings, it writes
nothing and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator import config, writer
from generator.loading.spec_schema import spec_format_schema_text

SPEC_FOLDER = "spec"
EDITOR_SCHEMA = "schemasmith.schema.json"
# What a run may leave in an output folder if it is killed: temporary files,
# and the lock file where the file system has no `flock`.
IGNORED = ("*.schemasmith.tmp", writer.LOCK)

STARTER_SPEC = """\
# yaml-language-server: $schema={schema}
# A starter spec: edit it, then run `schemasmith generate`.
# Every key is documented in docs/spec-format.md of schemasmith.
schemasmith: 1
module: {module}
description: The data types of this project.
root: Order

enums:
  OrderStatus:
    description: Where an order is.
    values: [pending, paid, shipped]

models:
  LineItem:
    description: One product in an order.
    fields:
      sku: {{type: string, required: true, nullable: false, description: The product's code.}}
      quantity: {{type: integer, required: true, nullable: false, description: How many.}}

  Order:
    description: An order placed by a customer.
    fields:
      id: {{type: string, format: uuid, required: true, nullable: false, description: The order's id.}}
      status: {{type: OrderStatus, required: true, nullable: false, description: Where the order is.}}
      items: {{type: "list<LineItem>", required: true, nullable: false, description: What was ordered.}}
      note: {{type: string, description: "A note from the customer; null when none."}}
      placed_at: {{type: datetime, description: When the order was placed.}}
"""

SETTINGS = """\
specs = ["{specs}"]
out = "generated"
"""


class InitError(Exception):
    pass


@dataclass(frozen=True)
class Created:
    path: Path
    what: str  # "create" or "update"


def module_name(folder: Path) -> str:
    """A spec module name from the folder's name (`My SDK` -> `my_sdk`)."""
    name = re.sub(r"[^a-z0-9]+", "_", folder.resolve().name.lower()).strip("_")
    if not name or not name[0].isalpha():
        return "models"
    return name


def init(folder: Path, module: str | None = None) -> list[Created]:
    """Write the project's files in `folder`; raises InitError, having written nothing."""
    module = module or module_name(folder)
    if not re.fullmatch(r"[a-z][a-z0-9_]*", module):
        raise InitError(
            f"--module {module}: a module name is lowercase letters, digits and `_`, "
            "starting with a letter"
        )
    spec = folder / SPEC_FOLDER / f"{module}.yaml"
    schema = folder / SPEC_FOLDER / EDITOR_SCHEMA
    pyproject = folder / config.PYPROJECT
    standalone = folder / config.STANDALONE
    gitignore = folder / ".gitignore"
    problems = [f"{p.as_posix()} exists" for p in (spec, schema) if p.exists()]
    if standalone.exists():
        problems.append(f"{standalone.as_posix()} exists: the project has settings")
    elif pyproject.is_file() and config._has_table(pyproject):
        problems.append(
            f"{pyproject.as_posix()} has a [tool.schemasmith] table already"
        )
    if problems:
        raise InitError("; ".join(problems) + "; nothing was written")
    settings = SETTINGS.format(specs=SPEC_FOLDER)
    files: list[tuple[Path, str]] = [
        (spec, STARTER_SPEC.format(schema=EDITOR_SCHEMA, module=module)),
        (schema, spec_format_schema_text()),
    ]
    if pyproject.is_file():
        text = pyproject.read_text("utf-8")
        separator = (
            ""
            if not text or text.endswith("\n\n")
            else ("\n" if text.endswith("\n") else "\n\n")
        )
        files.append((pyproject, f"{text}{separator}[tool.schemasmith]\n{settings}"))
    else:
        files.append((standalone, settings))
    old = gitignore.read_text("utf-8") if gitignore.is_file() else ""
    missing = [line for line in IGNORED if line not in old.splitlines()]
    if missing:
        lead = "" if not old or old.endswith("\n") else "\n"
        block = "# left by an interrupted schemasmith run\n" + "\n".join(missing)
        files.append((gitignore, f"{old}{lead}{block}\n"))
    created = []
    for path, text in files:
        existed = path.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        writer.write_file(path, text)
        created.append(Created(path, "update" if existed else "create"))
    return created
