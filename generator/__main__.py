"""`python -m generator` is the same program as the `schemasmith` command."""

from generator.cli import console

raise SystemExit(console())
