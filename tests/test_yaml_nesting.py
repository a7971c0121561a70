"""The cheap bound on YAML nesting that decides whether depth is measured before composing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.loading.yaml_source import _nesting_bound
from tests.conftest import ROOT

COMPACT = [
    "- -",
    "-  -",
    "-\t-",
    "? ?",
    "? -",
    "- ?",
    "-   -",
    "?   -",
    ": -",
    "- \t -",
]


@pytest.mark.parametrize("compact", COMPACT)
def test_compact_block_nesting_leaves_the_bound_unknown(compact: str) -> None:
    text = f"models:\n  A:\n    values: [a, b]\nlist:\n  {compact} x\n"
    assert _nesting_bound(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "a: {b: [c, [d]]}\n",
        "a:\n  - b\n  - c: d\n",  # block sequences, but nothing nested on one line
        "question: why? because - and how\n",
        "range: -1 - -2\n",
    ],
)
def test_a_bound_is_at_least_the_real_depth(text: str) -> None:
    bound = _nesting_bound(text)
    assert bound is not None

    def depth(node: yaml.Node) -> int:
        if isinstance(node, yaml.MappingNode):
            return 1 + max((depth(v) for _, v in node.value), default=0)
        if isinstance(node, yaml.SequenceNode):
            return 1 + max((depth(v) for v in node.value), default=0)
        return 0

    assert depth(yaml.compose(text, Loader=yaml.SafeLoader)) <= bound


@pytest.mark.parametrize("indicator", ["- ", "-   ", "?   ", "? - "])
def test_nesting_deeper_than_libyaml_survives_is_a_located_error(
    indicator: str, tmp_path: Path
) -> None:
    # libyaml composes recursively in C: past about 20,000 levels it would crash
    # the process, so this runs in a subprocess of its own.
    spec = tmp_path / "deep.yaml"
    spec.write_text("schemasmith: 1\nx:\n  " + indicator * 60_000 + "a\n")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec)]
        + ["--out", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2, result.stderr[-2000:]
    assert f"{spec}:3:" in result.stderr
    assert "the YAML nests more than 100 levels deep" in result.stderr
