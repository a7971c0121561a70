"""The generated base class at scale: documentation without Pydantic's docstring option, long reference cycles.

Each check runs in a fresh interpreter with the default recursion limit, on a
spec rendered by the tool into a temporary folder.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import writer
from generator.pipeline import Options, build
from generator.targets.python_names import BASE_ATTRIBUTES
from tests.conftest import CASES

CYCLE = 150  # Pydantic's default recursion limit is exceeded by a cycle of ~60 models


def _cycle_spec(n: int, layout: str) -> str:
    lines = ["schemasmith: 1", "module: ring", f"layout: {layout}", "models:"]
    for i in range(n):
        lines += [
            f"  Node{i}:",
            f"    description: Node {i} of the ring.",
            "    fields:",
            "      label:",
            "        type: string",
            f'        description: "The label of node {i}.\\n\\n  Second paragraph, indented."',
            "      next:",
            f"        type: Node{(i + 1) % n}",
            f"        description: The node after node {i}.",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module", params=["module", "per-model"])
def package(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Path:
    root = tmp_path_factory.mktemp("ring")
    spec = root / "ring.yaml"
    spec.write_text(_cycle_spec(CYCLE, request.param), encoding="utf-8")
    files = build([str(spec)], Options(targets=("pydantic",)))
    out = root / "generated"
    writer.apply(out, writer.plan(out, files))
    (root / "user_code.py").write_text(
        "from generated.models import Node0\n\n\n"
        "class Special(Node0):\n"
        "    extra_note: str = ''\n"
        '    """A field the user added."""\n',
        encoding="utf-8",
    )
    return root


def _run(package: Path, code: str) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-c", code],
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
        "  'own': Special.model_fields['extra_note'].description,\n"
        "}))\n",
    )
    assert result == {
        "complete": False,
        "label": "The label of node 7.\n\nSecond paragraph, indented.",
        "next": "The node after node 7.",
        "inherited": "The label of node 0.\n\nSecond paragraph, indented.",
        "own": "A field the user added.",
    }


def test_a_long_reference_cycle_validates_and_has_a_schema(package: Path) -> None:
    result = _run(
        package,
        "import json, sys\n"
        "from generated.models import Node0\n"
        "limit = sys.getrecursionlimit()\n"
        "payload = {'label': 'a', 'next': {'label': 'b', 'next': {'label': 'c'}}}\n"
        "node = Node0.model_validate(payload)\n"
        "schema = Node0.model_json_schema()\n"
        "print(json.dumps({\n"
        "  'limit_before': limit,\n"
        "  'limit_after': sys.getrecursionlimit(),\n"
        "  'round_trip': node.to_dict() == payload,\n"
        "  'definitions': len(schema['$defs']),\n"
        "  'description': schema['$defs']['Node5']['properties']['next']['description'],\n"
        "}))\n",
    )
    assert result == {
        "limit_before": 1000,
        "limit_after": 1000,
        "round_trip": True,
        "definitions": CYCLE,
        "description": "The node after node 5.",
    }


@pytest.mark.parametrize("package", ["per-model"], indirect=True)
def test_the_per_model_layout_imports_a_model_when_it_is_first_used(
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
        "  'documented': Node7.model_fields['next'].description,\n"
        "  'listed': 'Node149' in dir(ring) and 'Node149' in ring.__all__,\n"
        "  'missing': missing,\n"
        "}))\n",
    )
    # Building the model (the long-cycle test above) imports the rest of the ring.
    assert result == {
        "at_import": [],
        "after_one": ["_node7"],
        "same_class": True,
        "complete": False,
        "documented": "The node after node 7.",
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


def test_two_threads_may_build_a_per_model_model_at_once(graph: Path) -> None:
    # The package's lookups are slowed down, so that the second thread starts
    # its build while the first is still fetching the models Vertex names.
    result = _run(
        graph,
        "import json, threading, time\n"
        "from generated.models import graph\n"
        "lookup = graph.__getattr__\n"
        "def slow_lookup(name):\n"
        "    time.sleep(0.2)\n"
        "    return lookup(name)\n"
        "graph.__getattr__ = slow_lookup\n"
        "from generated.models.graph import Vertex\n"
        "outcomes = []\n"
        "def build():\n"
        "    try:\n"
        "        Vertex.model_validate({'name': 'a', 'arcs': [{'target': {'name': 'b'}}]})\n"
        "        outcomes.append('ok')\n"
        "    except Exception as error:\n"
        "        outcomes.append(type(error).__name__)\n"
        "threads = [threading.Thread(target=build) for _ in range(2)]\n"
        "for thread in threads:\n"
        "    thread.start()\n"
        "    time.sleep(0.05)\n"
        "for thread in threads:\n"
        "    thread.join()\n"
        "print(json.dumps({'outcomes': outcomes}))\n",
    )
    assert result == {"outcomes": ["ok", "ok"]}


def test_every_public_attribute_of_the_generated_base_class_is_a_refused_field_name() -> (
    None
):
    # The list is written out in the generator (it must not depend on the
    # Pydantic installed where it runs); this is where it meets the real class,
    # Pydantic's attributes included.
    from generated.models._base import BaseModel

    public = {name for name in dir(BaseModel) if not name.startswith("_")}
    assert public - BASE_ATTRIBUTES == set()
