"""Golden-file comparison: rendered files against a committed tree, rewritten only by the tool."""

from __future__ import annotations

from pathlib import Path

from generator import writer
from generator.pipeline import Options, build, discover_specs


def render_specs(
    spec_paths: list[str], options: Options | None = None
) -> dict[str, str]:
    return build(discover_specs(spec_paths), options or Options())


def compare_or_update(
    out_dir: Path, files: dict[str, str], update: bool, fix_command: str
) -> None:
    """Fail with a diff when `out_dir` differs from `files`; with `update`, rewrite it through the writer."""
    changes = writer.plan(out_dir, files)
    if update:
        writer.apply(out_dir, changes)
        return
    if changes:
        diff = writer.unified_diff(changes, out_dir.name)
        raise AssertionError(
            f"{out_dir} differs from what the spec renders to.\n"
            f"If the change is intended, run `{fix_command}` and review the diff.\n\n{diff}"
        )
