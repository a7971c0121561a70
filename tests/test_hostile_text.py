"""Spec text is data: hostile descriptions and enum values reach every target exactly.

For each case the spec carries the text as a model, field and enum description
and as enum values. After `normalize_doc` (the loader's one normalisation),
the Pydantic description, the TypedDict docstrings (as `ast` reads them,
cleaned as Python tools clean docstrings) and the JSON Schema descriptions are
byte-equal to it; enum values arrive unchanged in all three; the generated
code imports and is already formatted the way `ruff format` wants it.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import itertools
import json
import subprocess
import sys
import typing
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import typing_extensions
import yaml

from generator.cli import main
from generator.text import normalize_doc

HOSTILE = {
    "triple_double_quotes": 'He said """stop""" and left "',
    "triple_single_quotes": "It's '''quoted''' here'",
    "only_double_quotes": '""""""',
    "leading_quote": '"starts with a quote, ends with one"',
    "backslashes": r"C:\path\to\file: \n is not a newline, \\ \x41 \N{BULLET} \u00e9",
    "trailing_backslash": "ends with a backslash \\",
    "trailing_backslashes_and_quote": 'odd \\\\\\"',
    "jinja": "{{ model.name }} {% if x %}y{% endif %} {# comment #} {{",
    "comment_close": "ends a C comment */ here /* and opens one",
    "script_tag": "</script><script>alert('x')</script> & <!-- -->",
    "non_ascii": "Grüße, Ωmega, 日本語, ﬁ ligature, emoji 😀🎉👩‍👩‍👧",
    "tabs": "col1\tcol2\n\tindented\tline\t",
    "long_line": "word " * 400 + "end",
    "blank_lines": "\n\n   first line\n\n      second, indented\n   third\n\n\n",
    "control_characters": "nul\x00 bell\x07 escape\x1b delete\x7f c1\x85 end",
    "line_separators": "line\u2028separator\u2029paragraph",
    "invisible": "\ufeffbom, zero\u200bwidth, rtl\u202emark",
    "crlf": "windows\r\nline\rold mac\r\n",
    "percent_and_braces": "100% {0} {name} %s %(name)s $x ${y}",
    "python_code": '"""; import os; os.system(\'x\') #',
}
CASES = sorted(HOSTILE)


def spec_text(text: str) -> str:
    """A spec carrying `text` everywhere text may go, written by PyYAML's own emitter."""
    spec = {
        "schemasmith": 1,
        "module": "hostile",
        "description": text,
        "enums": {"Hostile": {"description": text, "values": [text, "plain"]}},
        "models": {
            "Holder": {
                "description": text,
                "fields": {
                    "value": {"type": "string", "description": text},
                    "choice": {"type": "Hostile", "description": text},
                    "inline": {"type": "string", "enum": ["other", text]},
                },
            }
        },
    }
    return yaml.safe_dump(spec, allow_unicode=True, sort_keys=False, width=1 << 30)


@pytest.fixture
def generated(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A unique package name and its folder on sys.path; both are cleaned up."""
    name = f"hostile_{uuid.uuid4().hex}"
    sys.path.insert(0, str(tmp_path))
    try:
        yield name, tmp_path / name
    finally:
        sys.path.remove(str(tmp_path))
        for module in [m for m in sys.modules if m == name or m.startswith(f"{name}.")]:
            del sys.modules[module]


def generate(spec: str, folder: Path) -> None:
    spec_file = folder.parent / "hostile.yaml"
    spec_file.write_text(spec, encoding="utf-8")
    assert (
        main(["generate", "--quiet", "--spec", str(spec_file), "--out", str(folder)])
        == 0
    )


def import_module(name: str) -> ModuleType:
    importlib.invalidate_caches()
    return importlib.import_module(name)


def attribute_docstrings(source: str, class_name: str) -> dict[str, str]:
    """What `ast` reads as each attribute's docstring, cleaned like Python tools clean docstrings."""
    tree = ast.parse(source)
    (cls,) = [
        n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name
    ]
    found: dict[str, str] = {}
    for statement, following in itertools.pairwise(cls.body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[statement.target.id] = inspect.cleandoc(following.value.value)
    return found


def alias_docstring(source: str, alias: str) -> str:
    """The string literal right after `alias = ...` at module level, cleaned."""
    body = ast.parse(source).body
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.Assign)
            and [t.id for t in statement.targets if isinstance(t, ast.Name)] == [alias]
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
        ):
            return inspect.cleandoc(following.value.value)
    raise AssertionError(f"no docstring after {alias}")


def literal_values(annotation: Any) -> tuple[Any, ...]:
    """The values of a `Literal[...]`, looking through `Optional[...]`."""
    if typing.get_origin(annotation) is typing.Union:
        (annotation,) = [a for a in typing.get_args(annotation) if a is not type(None)]
    assert typing.get_origin(annotation) is typing.Literal
    return typing.get_args(annotation)


def enum_values(schema: dict[str, Any]) -> list[Any]:
    if "anyOf" in schema:
        (schema,) = [s for s in schema["anyOf"] if s.get("type") != "null"]
    return list(schema["enum"])


@pytest.mark.parametrize("case", CASES)
def test_hostile_text_round_trips(case: str, generated: tuple[str, Path]) -> None:
    text = HOSTILE[case]
    expected = normalize_doc(text)
    assert expected, "a case must keep some text"
    package, folder = generated
    generate(spec_text(text), folder)

    # Pydantic: the description its JSON Schema reports and the field's own.
    models = import_module(f"{package}.models")
    holder = models.Holder
    schema = holder.model_json_schema()
    assert schema["description"] == expected
    assert schema["properties"]["value"]["description"] == expected
    assert holder.model_fields["value"].description == expected
    assert holder.model_fields["choice"].description == expected
    assert literal_values(holder.model_fields["inline"].annotation) == ("other", text)
    assert typing.get_args(models.Hostile) == (text, "plain")
    assert enum_values(schema["properties"]["inline"]) == ["other", text]
    instance = holder.model_validate({"value": text, "choice": text, "inline": text})
    assert instance.choice == text and instance.inline == text
    assert inspect.cleandoc(models.hostile.__doc__) == expected

    # TypedDict: the docstrings as `ast` reads them, and the Literal values.
    typed_dicts = import_module(f"{package}.typed_dicts")
    source = (folder / "typed_dicts" / "hostile.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    (cls,) = [
        n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Holder"
    ]
    assert ast.get_docstring(cls, clean=True) == expected
    assert attribute_docstrings(source, "Holder") == {
        "value": expected,
        "choice": expected,
    }
    assert alias_docstring(source, "Hostile") == expected
    assert ast.get_docstring(tree, clean=True) == expected
    assert typing.get_args(typed_dicts.Hostile) == (text, "plain")
    hints = typing_extensions.get_type_hints(typed_dicts.Holder)  # Required stripped
    assert literal_values(hints["inline"]) == ("other", text)

    # JSON Schema: the descriptions and the enum values.
    document = json.loads(
        (folder / "json_schema" / "hostile.schema.json").read_text(encoding="utf-8")
    )
    definitions = document["$defs"]
    assert document["description"] == expected
    assert definitions["Holder"]["description"] == expected
    assert definitions["Holder"]["properties"]["value"]["description"] == expected
    assert definitions["Holder"]["properties"]["choice"]["description"] == expected
    assert definitions["Hostile"]["description"] == expected
    assert definitions["Hostile"]["enum"] == [text, "plain"]
    assert enum_values(definitions["Holder"]["properties"]["inline"]) == ["other", text]

    # The generated code is exactly as `ruff format` would write it.
    python_files = sorted(str(p) for p in folder.rglob("*.py"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--check",
            "--diff",
            "--no-cache",
            *python_files,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_normalisation_is_the_fixed_point_of_docstring_cleaning() -> None:
    """`normalize_doc` output reads back unchanged through `inspect.cleandoc`."""
    for text in HOSTILE.values():
        once = normalize_doc(text)
        assert normalize_doc(once) == once
        assert inspect.cleandoc(once) == once
