"""`schemasmith import`: a spec written from models that already exist.

Each source is read by the reader `schemasmith sync` uses for its kind
(generator.sync), so a spec imported from a source and the source itself are
read alike when they are later compared. See docs/import.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Code, Diagnostic, Location
from generator.importing import yaml_text
from generator.importing.draft import Source, draft
from generator.sync.json_schema_source import looks_like_document
from generator.sync.python_source import TargetError

__all__ = ["Imported", "TargetError", "import_sources"]


@dataclass(frozen=True)
class Imported:
    text: str  # the spec
    warnings: tuple[str, ...]  # `location: warning: message`, one per note
    # The same notes located at the spec lines written (`--format json`, `github`).
    diagnostics: tuple[Diagnostic, ...]
    # (a spec model, its source as `schemasmith sync --against` names it)
    targets: tuple[tuple[str, str], ...]


def _source(source: str) -> Source:
    if looks_like_document(source):
        from generator.importing.schemas import SchemaImport

        return SchemaImport(source)
    from generator.importing.python_models import PythonImport

    return PythonImport(source)


def module_name(sources: list[str], out: str | None) -> str:
    """The spec's module: the output file's stem, else the first source's last name."""
    if out is not None:
        raw = Path(out).name.split(".")[0]
    else:
        first = sources[0]
        if looks_like_document(first):
            raw = Path(first.partition("#")[0]).name.split(".")[0]
        else:
            raw = first.partition(":")[0].rsplit(".", 1)[-1]
    name = re.sub(r"[^a-z0-9_]", "_", raw.lower()).lstrip("_0123456789")
    return name or "imported"


def import_sources(
    sources: list[str], out: str | None = None, description: str = ""
) -> Imported:
    """The spec for `sources`; raises TargetError for a source that cannot be read."""
    read = [_source(s) for s in sources]
    drafted = draft(read)
    if not description and len(read) == 1:
        description = read[0].doc
    written = yaml_text.write(drafted, module_name(sources, out), sources, description)
    spec = out if out is not None else "<stdout>"
    warnings = tuple(
        f"{note.location or sources[0]}: warning: {note.message} "
        f"(written at {spec}:{line}: {line_text})"
        for note, line, line_text in written.notes
    )
    diagnostics = tuple(
        Diagnostic(
            Location(spec, line, 1),
            f"{note.message} (from {note.location or sources[0]})",
            Code.IMPORTED,
            "warning",
        )
        for note, line, _ in written.notes
    )
    return Imported(written.text, warnings, diagnostics, tuple(drafted.targets))
