"""The generated base class and modules in a fresh interpreter: documentation
without the sources, reference cycles at the default recursion limit, the
per-model layout, deprecations and Pydantic's typed signatures.

Each check runs in a fresh interpreter with the default recursion limit, on a
spec rendered by the tool into a temporary folder (or a committed one).
"""

from __future__ import annotations

import compileall
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import writer
from generator.cli import main
from generator.pipeline import Options, build
from generator.targets.pydantic_models import LONGEST_SAFE_CYCLE
from generator.targets.python_names import BASE_ATTRIBUTES
from tests.conftest import CASES, ROOT

CYCLE = LONGEST_SAFE_CYCLE  # the longest cycle the docs say works: tested here


def _cycle_spec(n: int, layout: str, ring: bool = True) -> str:
    """Models Node0 -> Node1 -> ... -> Node{n-1}, and back to Node0 if `ring`."""
    lines = ["schemasmith: 1", "module: ring", f"layout: {layout}", "models:"]
    for i in range(n):
        lines += [
            f"  Node{i}:",
            f"    description: Node {i} of the ring.",
            "    fields:",
            "      label:",
            "        type: string",
            f'        description: "The label of node {i}.\\n\\n  Second paragraph, indented."',
        ]
        if ring or i + 1 < n:
            lines += [
                "      next:",
                f"        type: Node{(i + 1) % n}",
                f"        description: The node after node {i}.",
            ]
    return "\n".join(lines) + "\n"


def _render(root: Path, spec_text: str) -> Path:
    spec = root / "spec.yaml"
    spec.write_text(spec_text, encoding="utf-8")
    files = build([str(spec)], Options(targets=("pydantic",)))
    out = root / "generated"
    writer.apply(out, writer.plan(out, files))
    return root


@pytest.fixture(scope="module", params=["module", "per-model"])
def package(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Path:
    root = _render(tmp_path_factory.mktemp("ring"), _cycle_spec(CYCLE, request.param))
    (root / "user_code.py").write_text(
        "from generated.models import Node0\n\n\n"
        "class Special(Node0):\n"
        "    extra_note: str = ''\n"
        '    """A field the user added."""\n',
        encoding="utf-8",
    )
    return root


def _run(package: Path, code: str, *options: str) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, *options, "-c", code],
        cwd=package,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, object] = json.loads(completed.stdout)
    return result


def test_field_documentation_is_there_before_any_build(package: Path) -> None:
    result = _run(
        package,
        "import json\n"
        "from generated.models import Node7\n"
        "from user_code import Special\n"
        "print(json.dumps({\n"
        "  'complete': Node7.__pydantic_complete__,\n"
        "  'label': Node7.model_fields['label'].description,\n"
        "  'next': Node7.model_fields['next'].description,\n"
        "  'inherited': Special.model_fields['label'].description,\n"
        "}))\n",
    )
    assert result == {
        "complete": False,
        "label": "The label of node 7.\n\nSecond paragraph, indented.",
        "next": "The node after node 7.",
        "inherited": "The label of node 0.\n\nSecond paragraph, indented.",
    }


def test_the_longest_cycle_known_to_work_validates_and_has_a_schema(
    package: Path,
) -> None:
    result = _run(
        package,
        "import json, sys\n"
        "from generated.models import Node0\n"
        "from user_code import Special\n"
        "limit = sys.getrecursionlimit()\n"
        "payload = {'label': 'a', 'next': {'label': 'b', 'next': {'label': 'c'}}}\n"
        "node = Node0.model_validate(payload)\n"
        "schema = Node0.model_json_schema()\n"
        "special = Special.model_validate({'extra_note': 'n', **payload})\n"
        "print(json.dumps({\n"
        "  'limit_before': limit,\n"
        "  'limit_after': sys.getrecursionlimit(),\n"
        "  'round_trip': node.to_dict() == payload,\n"
        "  'definitions': len(schema['$defs']),\n"
        "  'description': schema['$defs']['Node5']['properties']['next']['description'],\n"
        "  'special': type(special.next).__name__,\n"
        "  'special_schema': len(Special.model_json_schema()['$defs']),\n"
        "}))\n",
    )
    assert result == {
        "limit_before": 1000,
        "limit_after": 1000,
        "round_trip": True,
        "definitions": CYCLE,
        "description": "The node after node 5.",
        "special": "Node1",
        "special_schema": CYCLE,
    }


@pytest.mark.parametrize(
    ("models", "ring", "warned"),
    [(CYCLE + 1, True, True), (CYCLE, True, False), (CYCLE + 10, False, False)],
    ids=["longer-cycle", "longest-known-to-work", "long-chain-without-cycle"],
)
def test_generate_warns_at_a_cycle_longer_than_the_one_known_to_work(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    models: int,
    ring: bool,
    warned: bool,
) -> None:
    spec = tmp_path / "ring.yaml"
    spec.write_text(_cycle_spec(models, "module", ring), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["generate", "--spec", str(spec), "--out", str(out), "--quiet"])
    assert code == 0 and (out / "models" / "ring.py").is_file()
    stderr = capsys.readouterr().err
    if warned:
        # One warning, at the group's first model (`Node0:` is on line 5).
        assert stderr == (
            f"{spec}:5:3: warning: model 'Node0' is one of {models} models that "
            "reach each other through references; Pydantic may exceed Python's "
            "default recursion limit building their validators or JSON schemas "
            f"(a cycle through up to {CYCLE} models is known to work)\n"
        )
    else:
        assert stderr == ""


@pytest.mark.parametrize("package", ["per-model"], indirect=True)
def test_the_per_model_layout_imports_a_model_and_the_models_it_names(
    package: Path,
) -> None:
    result = _run(
        package,
        "import json, sys\n"
        "def loaded():\n"
        "    return sorted(m.rsplit('.', 1)[1] for m in sys.modules\n"
        "                  if m.startswith('generated.models.ring.'))\n"
        "import generated.models\n"
        "from generated.models import ring\n"
        "at_import = loaded()\n"
        "from generated.models import Node7\n"
        "after_one = loaded()\n"
        "try:\n"
        "    ring.Missing\n"
        "    missing = 'found'\n"
        "except AttributeError as error:\n"
        "    missing = str(error)\n"
        "print(json.dumps({\n"
        "  'at_import': at_import,\n"
        "  'after_one': after_one,\n"
        "  'same_class': ring.Node7 is Node7 and generated.models.Node8 is ring.Node8,\n"
        "  'complete': Node7.__pydantic_complete__,\n"
        "  'listed': f'Node{CYCLE - 1}' in dir(ring) and f'Node{CYCLE - 1}' in ring.__all__,\n"
        "  'missing': missing,\n"
        "}))\n".replace("CYCLE", str(CYCLE)),
    )
    # Node7's module imports the module of the model it names, which imports
    # the next, and so on round the ring.
    assert result == {
        "at_import": [],
        "after_one": sorted(f"_node{i}" for i in range(CYCLE)),
        "same_class": True,
        "complete": False,
        "listed": True,
        "missing": "module 'generated.models.ring' has no attribute 'Missing'",
    }


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed per-model case (Vertex and Arc name each other), and a user's subclasses."""
    root = tmp_path_factory.mktemp("graph")
    shutil.copytree(CASES / "per_model" / "expected", root / "generated")
    (root / "user_code.py").write_text(
        "from generated.models import Arc, Vertex\n\n\n"
        "class MyVertex(Vertex):\n"
        "    note: str = ''\n\n\n"
        "class MyArc(Arc):\n"
        "    pass\n",
        encoding="utf-8",
    )
    return root


def test_a_per_model_module_imports_only_the_models_it_reaches(graph: Path) -> None:
    result = _run(
        graph,
        "import json, sys\n"
        "def loaded():\n"
        "    return sorted(m.rsplit('.', 1)[1] for m in sys.modules\n"
        "                  if m.startswith('generated.models.graph.'))\n"
        "from generated.models import HTTPLabel\n"
        "label_only = loaded()\n"
        "from generated.models import Arc\n"
        "print(json.dumps({'label_only': label_only, 'arc': loaded()}))\n",
    )
    assert result == {
        "label_only": ["_http_label"],
        "arc": ["_arc", "_http_label", "_vertex"],
    }


def test_a_users_subclass_of_a_per_model_model_validates(graph: Path) -> None:
    result = _run(
        graph,
        "import json\n"
        "from user_code import MyArc, MyVertex\n"
        "vertex = MyVertex.model_validate(\n"
        "    {'name': 'a', 'note': 'n', 'arcs': [{'target': {'name': 'b'}}]})\n"
        "arc = MyArc.model_validate({'target': {'name': 'c'}})\n"
        "print(json.dumps({\n"
        "  'vertex': vertex.to_dict(),\n"
        "  'arc': type(arc.target).__name__,\n"
        "  'arc_target_field': MyArc.model_fields['target'].description,\n"
        "}))\n",
    )
    assert result == {
        "vertex": {"name": "a", "note": "n", "arcs": [{"target": {"name": "b"}}]},
        "arc": "Vertex",
        "arc_target_field": "target is where the arc points.",
    }


_DESCRIPTIONS = (
    "import json, sys, pydantic\n"
    "import generated.models as package\n"
    "from generated.models import {module} as module\n"
    "classes = [getattr(module, name) for name in module.__all__]\n"
    "models = [c for c in classes if isinstance(c, type)]\n"
    "print(json.dumps({{\n"
    "  'python_files': [f for f in sys.modules if f.startswith('generated.')\n"
    "                   and sys.modules[f].__file__.endswith('.py')],\n"
    "  'descriptions': {{f'{{c.__name__}}.{{name}}': field.description\n"
    "                   for c in models for name, field in c.model_fields.items()}},\n"
    "}}))\n"
)


@pytest.mark.parametrize(
    ("tree", "module"),
    [(ROOT / "generated", "run"), (CASES / "per_model" / "expected", "graph")],
    ids=["run", "per-model"],
)
def test_documentation_survives_an_install_without_sources(
    tmp_path: Path, tree: Path, module: str
) -> None:
    with_sources = tmp_path / "with_sources"
    shutil.copytree(tree, with_sources / "generated")
    expected = _run(with_sources, _DESCRIPTIONS.format(module=module))
    descriptions = expected["descriptions"]
    assert isinstance(descriptions, dict) and descriptions
    assert all(descriptions.values()), "every field of these specs is documented"

    # What `python -m compileall -b` and deleting the sources leave installed.
    bytecode_only = tmp_path / "bytecode_only"
    shutil.copytree(tree, bytecode_only / "generated")
    assert compileall.compile_dir(bytecode_only, quiet=1, legacy=True)
    for source in bytecode_only.rglob("*.py"):
        source.unlink()
    shutil.rmtree(bytecode_only / "generated" / "json_schema", ignore_errors=True)
    result = _run(bytecode_only, _DESCRIPTIONS.format(module=module))
    assert result == {"python_files": [], "descriptions": descriptions}


def _deprecations_spec() -> str:
    return (
        "schemasmith: 1\n"
        "module: api\n"
        "models:\n"
        "  Old:\n"
        "    deprecated: use New\n"
        "    fields:\n"
        "      x: {type: string}\n"
        "  Resp:\n"
        "    fields:\n"
        "      old: {type: Old}\n"
        "      olds: {type: 'list<Old>'}\n"
        "      gone: {type: string, deprecated: gone is gone}\n"
    )


@pytest.mark.parametrize("layout", ["module", "per-model"])
def test_reading_a_response_with_deprecated_parts_never_warns(
    tmp_path: Path, layout: str
) -> None:
    spec = _deprecations_spec().replace("models:\n", f"layout: {layout}\nmodels:\n")
    root = _render(tmp_path, spec)
    result = _run(
        root,
        "import json, warnings\n"
        "from generated.models import Old, Resp\n"
        "payload = {'old': {'x': 'a'}, 'olds': [{'x': 'b'}], 'gone': 'g'}\n"
        "resp = Resp.model_validate(payload)\n"
        "again = Resp.model_validate_json(resp.to_json())\n"
        "built = Resp.construct(**payload)\n"
        "text = repr(resp) + repr(built)\n"
        "schema = Resp.model_json_schema()\n"
        "try:\n"
        "    resp.gone\n"
        "    access = 'silent'\n"
        "except DeprecationWarning as warning:\n"
        "    access = str(warning)\n"
        "print(json.dumps({\n"
        "  'round_trip': again == resp and resp.to_dict() == payload,\n"
        "  'constructed': type(built.old).__name__,\n"
        "  'marked': Old.__deprecated__,\n"
        "  'schema_model': schema['$defs']['Old'].get('deprecated'),\n"
        "  'schema_field': schema['properties']['gone'].get('deprecated'),\n"
        "  'field_access': access,\n"
        "}))\n",
        "-W",
        "error::DeprecationWarning",
    )
    # Reading a deprecated field is the one use that warns (Pydantic's `deprecated=`).
    assert result == {
        "round_trip": True,
        "constructed": "Old",
        "marked": "use New",
        "schema_model": True,
        "schema_field": True,
        "field_access": "gone is gone",
    }


def test_model_dump_keeps_pydantics_typed_signature(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    checked = tmp_path / "uses_run.py"
    checked.write_text(
        "from generated.models import Run\n\n"
        "Run().model_dump(exclude_unset=True, mode='json')\n"
        "Run().model_dump_json(indent=2, exclude_none=True)\n"
        "Run().model_dump(exclude_unsett=True)\n"
        "Run().model_dump(mode=3)\n"
        "Run().model_dump_json(indent='2')\n",
        encoding="utf-8",
    )
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / "cache"),
            str(checked),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [
        line.split(": error: ")[0].rsplit(":", 1)[1]
        for line in completed.stdout.splitlines()
        if ": error: " in line
    ]
    assert errors == ["5", "6", "7"], completed.stdout


def test_every_public_attribute_of_the_generated_base_class_is_a_refused_field_name() -> (
    None
):
    # The list is written out in the generator (it must not depend on the
    # Pydantic installed where it runs); this is where it meets the real class,
    # Pydantic's attributes included.
    from generated.models._base import BaseModel

    public = {name for name in dir(BaseModel) if not name.startswith("_")}
    assert public - BASE_ATTRIBUTES == set()
