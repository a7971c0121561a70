"""The two renderings of a sync report: a text table for people, JSON for tools."""

from __future__ import annotations

import json

from generator.sync import SyncReport
from generator.sync.compare import KINDS, Difference, Value

_KIND_LABELS = {
    "missing_in_target": "missing in target",
    "missing_in_spec": "missing in spec",
    "type": "type",
    "required": "required",
    "nullable": "nullable",
    "enum": "enum values",
    "doc": "documentation",
}
_CELL = 44  # widest a SPEC or TARGET cell gets; the JSON report carries the full text


def _cell(value: Value, kind: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return {
            "required": ("required", "optional"),
            "nullable": ("nullable", "not null"),
        }[kind][0 if value else 1]
    if isinstance(value, list):
        value = ", ".join(value)
    elif kind == "doc":
        value = json.dumps(value, ensure_ascii=False)  # quoted, newlines visible as \n
    return value if len(value) <= _CELL else value[: _CELL - 1] + "…"


def render_text(report: SyncReport) -> str:
    lines = [
        f"spec:   {report.spec_model} ({report.spec_source})",
        f"target: {report.target}",
        "models: "
        + ", ".join(
            p.spec if p.spec == p.target else f"{p.spec} = {p.target}"
            for p in report.pairs
        ),
    ]
    if not report.differences:
        lines.append(
            f"in sync: no differences in {len(report.pairs)} model{'s' if len(report.pairs) != 1 else ''}"
        )
        return "\n".join(lines) + "\n"
    rows = [("WHERE", "DIFFERENCE", "SPEC", "TARGET", "NOTE")]
    rows += [
        (
            d.where,
            _KIND_LABELS[d.kind],
            _cell(d.spec, d.kind),
            _cell(d.target, d.kind),
            d.note,
        )
        for d in report.differences
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines.append("")
    for row in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths)) + "  " + row[4])
    counts = [
        f"{sum(1 for d in report.differences if d.kind == k)} {_KIND_LABELS[k]}"
        for k in KINDS
        if any(d.kind == k for d in report.differences)
    ]
    total = len(report.differences)
    lines.append("")
    lines.append(
        f"drift: {total} difference{'s' if total != 1 else ''} ({', '.join(counts)})"
    )
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _difference_json(d: Difference) -> dict[str, object]:
    return {
        "model": d.model,
        "field": d.field,
        "kind": d.kind,
        "spec": d.spec,
        "target": d.target,
        "note": d.note,
    }


def render_json(report: SyncReport) -> str:
    data = {
        "spec": {"model": report.spec_model, "source": report.spec_source},
        "target": report.target,
        "in_sync": not report.differences,
        "models": [
            {"spec": p.spec, "target": p.target, "via": p.via} for p in report.pairs
        ],
        "differences": [_difference_json(d) for d in report.differences],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
