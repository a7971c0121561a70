"""Judge changes by the rule table and print them: a table for people, JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from generator.compat.changes import Change
from generator.compat.directions import direction_of
from generator.compat.rules import RULES, SEVERITIES, Level, Severity, severity
from generator.diagnostics import github_annotation

JSON_FORMAT_VERSION = 1


@dataclass(frozen=True)
class Judged:
    change: Change
    severity: Severity


def judge(changes: Iterable[Change], level: Level) -> list[Judged]:
    return [
        Judged(c, severity(RULES[c.rule], sorted(c.flows), level, c.conditions))
        for c in changes
    ]


def is_breaking(judged: Iterable[Judged]) -> bool:
    return any(j.severity == "error" for j in judged)


def _counts(judged: list[Judged]) -> dict[str, int]:
    return {s: sum(1 for j in judged if j.severity == s) for s in SEVERITIES}


def _where(change: Change) -> str:
    parts = [change.module, change.item, change.field or ""]
    return ".".join(p for p in parts if p)


def to_json(judged: list[Judged], level: Level) -> str:
    """Stable for tools: sorted keys, changes in a fixed order, every key always present."""
    document = {
        "schemasmith_diff": JSON_FORMAT_VERSION,
        "level": level,
        "breaking": is_breaking(judged),
        "counts": _counts(judged),
        "changes": [
            {
                "severity": j.severity,
                "rule": j.change.rule,
                "module": j.change.module,
                "item": j.change.item or None,
                "field": j.change.field,
                "direction": direction_of(j.change.flows),
                "message": j.change.message,
                "old": j.change.old,
                "new": j.change.new,
                "conditions": sorted(j.change.conditions),
                "location": j.change.location,
            }
            for j in judged
        ],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _short(value: str | None) -> str:
    return "(none)" if value is None else value


def _detail(change: Change) -> str:
    """The message, with old -> new when both fit on one short line (JSON has them in full)."""
    if change.old is None and change.new is None:
        return change.message
    old, new = _short(change.old), _short(change.new)
    already_said = any(
        v and (f"'{v}'" in change.message or f"({v})" in change.message)
        for v in (change.old, change.new)
    )
    if already_said or "\n" in old + new or len(old) + len(new) > 60:
        return change.message
    return f"{change.message}: {old} -> {new}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def rename_hints(changes: Iterable[Change]) -> list[str]:
    """Where one thing removed and one added could be a rename, the `renamed_from:` to declare it.

    Only the text report shows these, and they change no severity: a rename is
    one only when the spec declares it. A field's removal and addition fit when
    they have the same type and presence and no other field of the model does.
    """
    groups: dict[tuple[str, ...], tuple[list[Change], list[Change]]] = {}
    for change in changes:
        kind, _, what = change.rule.partition("-")
        side, _, presence = what.partition("-")
        if kind not in ("field", "model", "enum") or side not in ("removed", "added"):
            continue
        key: tuple[str, ...]
        if kind == "field":  # the fields of one model with one presence and type
            type_ = change.old if side == "removed" else change.new
            key = (change.module, change.item, kind, presence, type_ or "")
        else:
            key = (change.module, kind)
        gone, new = groups.setdefault(key, ([], []))
        (gone if side == "removed" else new).append(change)
    hints = []
    for gone, new in groups.values():
        if len(gone) == 1 and len(new) == 1:
            old_name = gone[0].field or gone[0].item
            at = f" at {new[0].location}" if new[0].location else ""
            hints.append(
                f"hint: {_where(new[0])} may be {_where(gone[0])} renamed; "
                f"if it is, add `renamed_from: {old_name}` to it{at}"
            )
    return sorted(hints)


def to_text(judged: list[Judged], level: Level) -> str:
    if not judged:
        return "no changes\n"
    header = ("SEVERITY", "RULE", "WHERE", "DIRECTION", "LOCATION", "CHANGE")
    rows = [header] + [
        (
            j.severity,
            j.change.rule,
            _where(j.change),
            direction_of(j.change.flows),
            j.change.location or "-",
            _detail(j.change),
        )
        for j in judged
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths))
        + "  "
        + row[-1]
        for row in rows
    ]
    hints = rename_hints(j.change for j in judged)
    if hints:
        lines += ["", *hints]
    counts = _counts(judged)
    verdict = "breaking" if is_breaking(judged) else "not breaking"
    lines.append("")
    lines.append(
        f"{_plural(len(judged), 'change')} at level {level}: "
        f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
        f"{counts['info']} info; {verdict}"
    )
    return "\n".join(lines) + "\n"


_ANNOTATION_LEVELS: dict[Severity, Literal["error", "warning", "notice"]] = {
    "error": "error",
    "warning": "warning",
    "info": "notice",
}


def github_annotations(judged: list[Judged]) -> list[str]:
    """Each change as a GitHub Actions annotation at its spec line (`info` as a
    notice), titled by its rule."""
    lines = []
    for j in judged:
        file, line, column = _place(j.change.location)
        lines.append(
            github_annotation(
                _ANNOTATION_LEVELS[j.severity],
                f"{_where(j.change)}: {_detail(j.change)}",
                f"schemasmith diff: {j.change.rule}",
                file,
                line,
                column,
            )
        )
    return lines


def _place(location: str | None) -> tuple[str | None, int | None, int | None]:
    """`file:line:col` (or a file alone) as its parts."""
    if location is None:
        return None, None, None
    file, line, column = (location.rsplit(":", 2) + ["", ""])[:3]
    if line.isdigit() and column.isdigit():
        return file, int(line), int(column)
    return location, None, None
