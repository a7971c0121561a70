"""`frozen: true`: instances cannot be changed, in every target that can say so.

Pydantic refuses assignment at run time (`ConfigDict(frozen=True)`) and makes
instances hashable; type checkers refuse to set a TypedDict's `ReadOnly` keys
and a TypeScript interface's `readonly` properties.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydantic
import pytest

from tests.conftest import CASES
from tests.support.generated_package import GeneratedPackage, generated
from tests.test_generated_code_quality import mypy_strict
from tests.test_typescript import node, run_tsc  # noqa: F401 - `node` is a fixture

CASE = CASES / "frozen"


@pytest.fixture(scope="module")
def package() -> Iterator[GeneratedPackage]:
    with generated([str(CASE / "spec.yaml")]) as built:
        yield built


def _models(package: GeneratedPackage) -> Any:
    return __import__(f"{package.name}.models.frozen", fromlist=["_"])


def test_a_frozen_model_refuses_assignment_and_its_child_too(
    package: GeneratedPackage,
) -> None:
    models = _models(package)
    point = models.Coordinates(lat=1.5, lon=2.5)
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        point.lat = 3.0
    landmark = models.Landmark(lat=1, lon=2, name="Tower")
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        landmark.name = "Bridge"
    waypoint = models.Waypoint.model_validate({"order-index": 1, "at": None})
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        waypoint.order_index = 2
    trip = models.Trip(stops=[waypoint])
    trip.stops = []  # a mutable model that holds frozen ones stays mutable
    assert trip.stops == []


def test_frozen_instances_are_hashable_unless_they_hold_a_list(
    package: GeneratedPackage,
) -> None:
    """Pydantic hashes a frozen model by its field values: equal instances hash
    alike; a list (or map) value is not hashable, so neither is the instance
    (docs/targets.md says so). A mutable model has no hash at all."""
    models = _models(package)
    one, other = models.Coordinates(lat=1, lon=2), models.Coordinates(lat=1, lon=2)
    assert one == other and hash(one) == hash(other)
    assert len({one, other}) == 1
    with pytest.raises(TypeError, match="unhashable type: 'list'"):
        hash(models.Landmark(lat=1, lon=2, name="Tower", tags=["old"]))
    with pytest.raises(TypeError, match="unhashable"):
        hash(models.Trip(stops=[]))


def test_type_checkers_refuse_to_change_a_frozen_typed_dict(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(CASE / "expected", tree)
    (tree / "use.py").write_text(
        textwrap.dedent(
            """\
            from typed_dicts.frozen import Coordinates, Trip, Waypoint

            point: Coordinates = {"lat": 1.0, "lon": 2.0}
            point["lat"] = 3.0
            stop: Waypoint = {"order-index": 1, "at": point}
            stop["order-index"] = 2
            trip: Trip = {"stops": [stop]}
            trip["stops"] = []
            """
        ),
        encoding="utf-8",
    )
    result = mypy_strict("use.py", tree, tmp_path / "mypy-cache")
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert [e.split(":")[1] for e in errors] == ["4", "6"], result.stdout
    assert all("typeddict-readonly-mutated" in e for e in errors), result.stdout


def test_tsc_refuses_to_change_a_frozen_interface(node: str, tmp_path: Path) -> None:  # noqa: F811
    module = (CASE / "expected" / "typescript" / "frozen.ts").resolve()
    use = tmp_path / "use.ts"
    shutil.copy(module, tmp_path / "frozen.ts")
    use.write_text(
        textwrap.dedent(
            """\
            import type { Coordinates, Trip } from "./frozen.js";

            const point: Coordinates = { lat: 1, lon: 2 };
            point.lat = 3;
            const trip: Trip = { stops: [] };
            trip.stops = [];
            console.log(point, trip);
            """
        ),
        encoding="utf-8",
    )
    result = run_tsc(node, [use])
    errors = result.errors_in(use)
    assert [e.split(",")[0] for e in errors] == ["4"], result.output
    assert "read-only property" in errors[0]
