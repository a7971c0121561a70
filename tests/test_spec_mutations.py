"""Random mutations of valid specs end in generated code that imports, or in located errors.

Whatever is done to a spec (keys deleted or renamed, values swapped for values
of other kinds, random names, types and descriptions, random text spliced into
the YAML), `generate` either succeeds (exit 0) with output that imports and
builds, or fails with exit 2 and only `file:line:col: error: ...` lines plus the
summary, leaving the output folder exactly as it was. Never a traceback.

The example count is small by default; `SCHEMASMITH_DEEP=1` raises it.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from tests.conftest import CASES, ROOT

DEEP = os.environ.get("SCHEMASMITH_DEEP") == "1"
SETTINGS = settings(
    max_examples=400 if DEEP else 30,
    deadline=None,
    # capsys is read out before and after every example, so sharing it is safe.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
    derandomize=not DEEP,  # CI sees the same examples every run; deep runs explore
)
LOCATED = re.compile(r"^.+:\d+:\d+: error: ")
SUMMARY = re.compile(r"^schemasmith: \d+ errors?; nothing was written$")

BASE_SPECS = [ROOT / "spec" / "run.yaml", *sorted(CASES.glob("*/spec.yaml"))]
TYPES = [
    "string", "integer", "number", "boolean", "datetime", "date", "json", "list<string>",
    "map<integer>", "list<map<json>>", "list<>", "map<string", "list<list<>>", "Missing",
    "RunType", "Run", "Event", "map<string, integer>", "list", "", " ", "list<Run>",
    "string | integer", "string?", "list<string?>", "map<integer?>", "string? | integer",
    "ContentBlock", "StopReason", "Priority | boolean", "json | string", "TextBlock",
    "list<ContentBlock | string>", "|", "string |", "?", "list<?>", "string??",
]  # fmt: skip

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=8), inner, max_size=3),
    ),
    max_leaves=6,
)
names = st.one_of(
    st.sampled_from(
        ["id", "class", "json", "model_config", "x-y", "", "_p", "Run", "A1"]
    ),
    st.text(max_size=12),
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True),
)


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in `data` (keys of mappings, indexes of lists)."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(paths(value, (*prefix, index)))
    return found


def parent_of(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_spec(draw: st.DrawFn) -> str:
    base = draw(st.sampled_from(BASE_SPECS))
    data = yaml.safe_load(base.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        candidates = paths(data)
        if not candidates:
            break
        path = draw(st.sampled_from(candidates))
        parent, last = parent_of(data, path), path[-1]
        action = draw(
            st.sampled_from(
                ["delete", "replace", "rename", "type", "text", "duplicate_name"]
            )
        )
        if action == "delete":
            del parent[last]
        elif action == "replace":
            parent[last] = draw(json_values)
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(names)] = parent.pop(last)
        elif action == "type" and isinstance(parent, dict):
            parent["type"] = draw(
                st.one_of(st.sampled_from(TYPES), st.text(max_size=15))
            )
        elif action == "text" and isinstance(parent, dict):
            parent[
                draw(
                    st.sampled_from(
                        [
                            "description",
                            "python_name",
                            "module",
                            "root",
                            "deprecated",
                            "discriminator",
                            "const",
                        ]
                    )
                )
            ] = draw(st.text(max_size=40))
        elif (
            action == "duplicate_name"
            and isinstance(parent, dict)
            and isinstance(parent.get(last), dict)
        ):
            parent[draw(names)] = parent[last]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if draw(st.integers(0, 2)) == 0:  # random YAML junk spliced into the text
        position = draw(st.integers(0, len(text)))
        junk = draw(
            st.one_of(
                st.text(max_size=10),
                st.sampled_from(
                    [
                        "\t",
                        ":",
                        "- ",
                        "[",
                        "}",
                        "&a",
                        "*a",
                        "!!python/name:os.system",
                        "\n  x: 1\n",
                        '"',
                        "<<: ",
                    ]
                ),
            )
        )
        cut = draw(st.integers(0, 5))
        text = text[:position] + junk + text[position + cut :]
    return text


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder generated from the valid specs, copied before each example."""
    out = tmp_path_factory.mktemp("previous") / "out"
    assert (
        main(["generate", "--quiet", "--spec", str(ROOT / "spec"), "--out", str(out)])
        == 0
    )
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def import_generated(parent: Path, package: str) -> None:
    """Import both Python packages and build every model, then forget them again."""
    sys.path.insert(0, str(parent))
    try:
        importlib.invalidate_caches()
        models = importlib.import_module(f"{package}.models")
        importlib.import_module(f"{package}.typed_dicts")
        for name in models.__all__:
            item = getattr(models, name)
            if isinstance(item, type) and hasattr(item, "model_json_schema"):
                item.model_json_schema()
    finally:
        sys.path.remove(str(parent))
        for module in [
            m for m in sys.modules if m == package or m.startswith(f"{package}.")
        ]:
            del sys.modules[module]


@SETTINGS
@given(spec=mutated_spec())
def test_mutated_specs_generate_or_fail_with_located_errors(
    spec: str, previous_output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        spec_file = work / "mutant.yaml"
        spec_file.write_text(spec, encoding="utf-8")
        package = f"mutant_{uuid.uuid4().hex}"
        out = work / package
        shutil.copytree(previous_output, out)
        before = snapshot(out)
        capsys.readouterr()
        code = main(
            ["generate", "--quiet", "--spec", str(spec_file), "--out", str(out)]
        )
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err + captured.out
        if code == 0:
            assert captured.err == ""
            import_generated(work, package)
            return
        assert code == 2, captured.err
        *errors, summary = captured.err.splitlines()
        assert errors and SUMMARY.match(summary), captured.err
        for line in errors:
            assert LOCATED.match(line), line
            assert line.startswith(f"{spec_file}:"), line
        assert snapshot(out) == before
