"""Long generated lines are laid out exactly as `ruff format` lays them out.

Random annotated assignments, of the shapes the Python targets emit, are
written by `field_statement` and compared with what the pinned ruff makes of
them: any difference would make the committed output fail `ruff format --check`.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.targets.python_code import (
    Atom,
    Node,
    Prefixed,
    call,
    class_header,
    field_statement,
    split_annotation,
    subscript,
)

ATOMS = ["str", "int", "float", "bool", "object", "datetime"]


def random_name(rng: random.Random, longest: int) -> str:
    return "n" + "".join(
        rng.choice("abcdefghij_") for _ in range(rng.randint(0, longest))
    )


def random_annotation(rng: random.Random, depth: int) -> Node:
    roll = rng.random()
    if depth == 0 or roll < 0.25:
        if rng.random() < 0.3:
            return Atom("M" + "x" * rng.randint(0, 40))  # a model name
        if rng.random() < 0.1:
            return Atom('"Forward' + "y" * rng.randint(0, 30) + '"')
        return Atom(rng.choice(ATOMS))
    if roll < 0.45:
        return subscript("Optional", random_annotation(rng, depth - 1))
    if roll < 0.65:
        return subscript("List", random_annotation(rng, depth - 1))
    if roll < 0.85:
        return subscript("Dict", Atom("str"), random_annotation(rng, depth - 1))
    values = [Atom(f'"{"v" * rng.randint(1, 25)}"') for _ in range(rng.randint(1, 6))]
    return subscript("Literal", *values)


def random_statement(rng: random.Random) -> str:
    name = random_name(rng, rng.choice([8, 30, 70]))
    annotation = random_annotation(rng, rng.randint(0, 6))
    kind = rng.random()
    if kind < 0.2:
        return field_statement("    ", name, annotation, None)
    if kind < 0.5:
        return field_statement("    ", name, annotation, Atom("None"))
    if kind < 0.65:
        text = Atom(f'"{"s" * rng.randint(0, 90)}"')
        return field_statement("    ", name, annotation, text)
    arguments: list[Node] = [Atom(f'alias="{"a" * rng.randint(1, 40)}"')]
    if rng.random() < 0.7:
        arguments.insert(0, Prefixed("default=", Atom("None")))
    if rng.random() < 0.4:
        arguments.append(Atom("repr=False"))
    return field_statement("    ", name, annotation, call("Field", arguments))


def ruff() -> str:
    path = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which(
        "ruff"
    )
    assert path, "ruff is not installed: pip install -e '.[test]'"
    return path


@pytest.mark.parametrize("seed", range(10))
def test_field_statements_match_ruff_format(seed: int) -> None:
    rng = random.Random(seed)
    statements = [random_statement(rng) for _ in range(400)]
    entries = [
        split_annotation(
            "        ",
            f'"{random_name(rng, 60)}": ',
            random_annotation(rng, rng.randint(0, 6)),
            ",",
        )
        for _ in range(200)
    ]
    source = (
        "class Sample:\n"
        + "\n".join(statements)
        + '\n\n\nT = TypedDict(\n    "T",\n    {\n'
        + "\n".join(entries)
        + "\n    },\n)\n"
    )
    assert_ruff_keeps(source)


def assert_ruff_keeps(source: str) -> None:
    """Fail, showing the first differing lines, unless `ruff format` leaves `source` as it is."""
    result = subprocess.run(
        [ruff(), "format", "--isolated", "--line-length", "88", "-"],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    )
    if result.stdout != source:
        ours = source.splitlines()
        theirs = result.stdout.splitlines()
        first = next(
            (i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b),
            min(len(ours), len(theirs)),
        )
        context = "\n".join(
            f"ours:  {a}\nruff:  {b}"
            for a, b in zip(ours[first - 2 : first + 6], theirs[first - 2 : first + 6])
        )
        pytest.fail(f"layout differs from ruff format at line {first + 1}:\n{context}")


def test_class_headers_match_ruff_format() -> None:
    rng = random.Random(0)
    headers = []
    for _ in range(60):
        name = "M" + "x" * rng.randint(50, 100)
        bases = rng.choice([["BaseModel"], ["TypedDict"], ["TypedDict", "total=False"]])
        headers.append(class_header(name, bases) + "\n    pass\n")
    assert_ruff_keeps("\n\n".join(headers))
