"""The YAML loader's short cuts agree with the general paths: the builder's walk
for trees (no `*` in the file, so no aliases) with its walk for any node graph,
and the loader's tag resolution with PyYAML's."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from generator.loading.yaml_source import Locator, _Builder, _compose, _SpecLoader
from tests.conftest import ROOT

SPECS = sorted(
    [
        *ROOT.glob("spec/*.yaml"),
        *ROOT.glob("tests/cases/*/spec.yaml"),
        *ROOT.glob("tests/bad_specs/*.yaml"),
    ]
)


def _build(text: str, *, aliases: bool) -> tuple[object, list[str]]:
    root = _compose(text)
    assert root is not None
    builder = _Builder(Locator("spec.yaml", root), aliases=aliases)
    data = builder.build(root, 0)
    return data, [str(d) for d in builder.diagnostics]


@pytest.mark.parametrize("path", SPECS, ids=lambda p: str(p.relative_to(ROOT)))
def test_tree_walk_matches_the_general_walk(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
        composed = _compose(text)
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
        pytest.skip("not YAML: the builder never sees it")
    if composed is None:
        pytest.skip("empty: the builder never sees it")
    if "*" in text:
        pytest.skip("has aliases: only the general walk applies")
    general = _build(text, aliases=True)
    assert _build(text, aliases=False) == general


@pytest.mark.parametrize(
    "text",
    [
        "a: !!str {b: c}\n",  # a tagged collection is reported, not taken as a string
        "a: !!binary aGk=\n",
        "a: yes\nb: 1.5\nc: ~\nd: '1'\ne: [1, x, {f: g}]\n",
        "a:\n  a: x\n  a: y\n",  # a duplicate key
        "{[a]: b}\n",
    ],
)
def test_tree_walk_matches_the_general_walk_on_awkward_values(text: str) -> None:
    assert _build(text, aliases=False) == _build(text, aliases=True)


def test_deep_nesting_is_reported_alike() -> None:
    text = "a: " + "[" * 150 + "x" + "]" * 150 + "\n"
    tree = _build(text, aliases=False)
    assert tree == _build(text, aliases=True)
    assert any("nests more than" in problem for problem in tree[1])


def test_the_general_walk_is_used_when_the_file_has_an_alias() -> None:
    from generator.loading.yaml_source import load_yaml

    loaded = load_yaml("spec.yaml", b"a: &x [1]\nb: *x\nc: [*x, *x]\n")
    assert loaded.data == {"a": [1], "b": [1], "c": [[1], [1]]}


# Scalars YAML 1.1 gives a type by their spelling, and near misses.
SPELLINGS = [
    *("", "~", "null", "Null", "NULL", "nul", "yes", "Yes", "YES", "yEs", "no", "on"),
    *("Off", "true", "False", "y", "n", "0", "-0", "+12", "0x1F", "0o17", "017"),
    *("0b101", "1_000", "190:20:30", "1.5", "-.5", ".inf", "-.Inf", ".NaN", "1e5"),
    *("6.8523015e+5", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "<<", "=", "!"),
    *("&a", "*a", "-", "--", ".", "1.", "._", "string", "list<Event>", "0.1.2"),
]
IMPLICIT = [(True, False), (False, True), (True, True), (False, False)]


def _same_tags(value: str) -> None:
    loader = _SpecLoader("")
    try:
        for kind in (ScalarNode, SequenceNode, MappingNode):
            for implicit in IMPLICIT:
                expected = BaseResolver.resolve(loader, kind, value, implicit)
                assert loader.resolve(kind, value, implicit) == expected, (
                    kind,
                    value,
                    implicit,
                )
    finally:
        loader.dispose()


@pytest.mark.parametrize("value", SPELLINGS)
def test_tag_resolution_matches_pyyaml(value: str) -> None:
    _same_tags(value)


@given(st.text(max_size=12))
def test_tag_resolution_matches_pyyaml_on_any_text(value: str) -> None:
    _same_tags(value)


def test_aliases_of_one_long_string_are_bounded_by_characters_not_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sixty aliases of one 200 kB description: few values, 12 MB of text, refused."""
    from generator.cli import main
    from generator.loading.yaml_source import MAX_ALIAS_EXPANSION

    blob = "word " * 40_000
    lines = [
        "schemasmith: 1",
        "models:",
        "  Run:",
        f"    description: &doc {blob}",
        "    fields:",
    ]
    lines += [f"      f{i}: {{type: string, description: *doc}}" for i in range(60)]
    spec = tmp_path / "spec.yaml"
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["generate", "--spec", str(spec), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{spec}:" in err
    assert f"aliases repeat more than {MAX_ALIAS_EXPANSION:,} characters" in err
    assert not out.exists()
