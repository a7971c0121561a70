"""The two renderings of a sync report: a text table for people, JSON for tools."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from generator.diagnostics import Diagnostic, github_annotation
from generator.diagnostics import to_json as diagnostic_json
from generator.sync import SyncReport
from generator.sync.compare import KINDS, Difference, Value

_KIND_LABELS = {
    "missing_in_target": "missing in target",
    "missing_in_spec": "missing in spec",
    "type": "type",
    "required": "required",
    "nullable": "nullable",
    "enum": "enum values",
    "discriminator": "discriminator",
    "frozen": "frozen",
    "doc": "documentation",
}
_REPRESENTATION = " (representation)"  # after the kind of a representation-only row
# A SPEC or TARGET cell wraps at spaces past this width; nothing is ever cut
# (a word longer than this widens the column).
_WRAP = 44
_CHOSEN = {
    "model_option": "chosen with --model",
    "name": "the spec model named like the target",
    "root": "the spec's root model",
}


def _cell(value: Value, kind: str) -> list[str]:
    """A cell's lines."""
    if value is None:
        return ["-"]
    if isinstance(value, bool):
        return [
            {
                "required": ("required", "optional"),
                "nullable": ("nullable", "not null"),
                "frozen": ("frozen", "not frozen"),
            }[kind][0 if value else 1]
        ]
    if isinstance(value, list):
        value = ", ".join(value)
    elif kind == "doc":
        value = json.dumps(value, ensure_ascii=False)  # quoted, newlines visible as \n
    return textwrap.wrap(
        value, _WRAP, break_long_words=False, break_on_hyphens=False
    ) or [value]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _counts(differences: tuple[Difference, ...]) -> str:
    return ", ".join(
        f"{sum(1 for d in differences if d.kind == k)} {_KIND_LABELS[k]}"
        for k in KINDS
        if any(d.kind == k for d in differences)
    )


def _spec_line(report: SyncReport) -> str:
    why = _CHOSEN[report.chosen_by]
    if report.chosen_by == "root":
        why += f" (no spec model is named {report.target_model})"
    return f"spec:   {report.spec_model} ({report.spec_source}), {why}"


def _summary(report: SyncReport, strict: bool) -> list[str]:
    """The verdict, and a line on the representation-only differences if there are any."""
    drift = report.drift(strict)
    representation = tuple(d for d in report.differences if d.representation)
    models = _plural(len(report.pairs), "model")
    if drift:
        lines = [f"drift: {_plural(len(drift), 'difference')} ({_counts(drift)})"]
    elif representation:
        lines = [f"in sync: no differences that count in {models}"]
    else:
        return [f"in sync: no differences in {models}"]
    if representation:
        these = (
            f"{_plural(len(representation), 'representation-only difference')} "
            f"({_counts(representation)})"
        )
        if strict:
            lines.append(f"counted (--strict): {these}")
        else:
            lines.append(f"not counted: {these}; --strict counts them")
    return lines


def render_text(report: SyncReport, strict: bool = False) -> str:
    lines = [
        _spec_line(report),
        f"target: {report.target_model} ({report.target})",
        "models: "
        + ", ".join(
            p.spec if p.spec == p.target else f"{p.spec} = {p.target}"
            for p in report.pairs
        ),
    ]
    if report.differences:
        rows = [(["WHERE"], ["DIFFERENCE"], ["SPEC"], ["TARGET"], ["NOTE"])]
        rows += [
            (
                [d.where],
                [_KIND_LABELS[d.kind] + (_REPRESENTATION if d.representation else "")],
                _cell(d.spec, d.kind),
                _cell(d.target, d.kind),
                [d.note],
            )
            for d in report.differences
        ]
        widths = [max(len(line) for row in rows for line in row[i]) for i in range(5)]
        lines.append("")
        for row in rows:
            for n in range(max(len(cell) for cell in row)):
                lines.append(
                    "  ".join(
                        (cell[n] if n < len(cell) else "").ljust(width)
                        for cell, width in zip(row, widths)
                    )
                )
        lines.append("")
    lines += _summary(report, strict)
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _difference_json(d: Difference) -> dict[str, object]:
    return {
        "model": d.model,
        "field": d.field,
        "kind": d.kind,
        "representation": d.representation,
        "spec": d.spec,
        "target": d.target,
        "note": d.note,
    }


def render_json(
    report: SyncReport, strict: bool = False, warnings: Sequence[Diagnostic] = ()
) -> str:
    data = {
        "spec": {
            "model": report.spec_model,
            "source": report.spec_source,
            "chosen_by": report.chosen_by,
        },
        "target": {"model": report.target_model, "source": report.target},
        "strict": strict,
        "in_sync": not report.drift(strict),
        "models": [
            {"spec": p.spec, "target": p.target, "via": p.via} for p in report.pairs
        ],
        "differences": [_difference_json(d) for d in report.differences],
        "diagnostics": [diagnostic_json(d) for d in warnings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def github_annotations(report: SyncReport, strict: bool = False) -> list[str]:
    """Each difference that counts as drift, as a GitHub Actions error on the spec."""
    return [
        github_annotation(
            "error",
            f"{d.where}: {_KIND_LABELS[d.kind]}: spec {_flat(d.spec, d.kind)}, "
            f"{report.target_model} {_flat(d.target, d.kind)}"
            + (f" ({d.note})" if d.note else ""),
            f"schemasmith sync: {d.kind}",
            report.spec_source,
        )
        for d in report.drift(strict)
    ]


def _flat(value: Value, kind: str) -> str:
    return " ".join(_cell(value, kind))
