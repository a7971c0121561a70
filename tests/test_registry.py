"""One registry of targets: the CLI, its help and the docs are derived from it."""

from __future__ import annotations

import re

import pytest

from generator.cli import main
from generator.targets import TARGET_NAMES, TARGETS
from tests.conftest import ROOT


def test_names_and_folders_are_unique() -> None:
    assert len(set(TARGET_NAMES)) == len(TARGETS)
    assert len({t.folder for t in TARGETS}) == len(TARGETS)


def test_the_help_lists_every_target_with_its_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["generate", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    for target in TARGETS:
        assert f"{target.name} ({target.summary})" in help_text


def test_the_readme_table_lists_the_registered_targets_in_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("| target (`--target`) | output |", 1)[1].split("\n\n", 1)[0]
    listed = re.findall(r"^\| [^|]*\(`(\w+)`\) \|", table, flags=re.MULTILINE)
    assert tuple(listed) == TARGET_NAMES


def test_an_unknown_target_is_refused_with_the_registered_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["generate", "--target", "golang"]) == 2
    assert capsys.readouterr().err == (
        "schemasmith: error: unknown target golang; targets are: "
        + ", ".join(TARGET_NAMES)
        + "\n"
    )
