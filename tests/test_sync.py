"""`schemasmith sync`: drift between a spec model and a Pydantic class or a JSON Schema / OpenAPI schema."""

from __future__ import annotations

import json
import re
import shlex
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Dict, List, Literal, Optional, Union

import pytest
import yaml
from pydantic import BaseModel, Discriminator, Tag
from pydantic.json_schema import SkipJsonSchema
from typing_extensions import ReadOnly, TypedDict

from generator import writer
from generator.cli import main
from generator.loading import load_modules
from generator.pipeline import Options, build, discover_specs
from generator.sync import sync
from generator.sync.compare import compare
from generator.sync.json_schema_source import JsonSchemaSource
from generator.sync.python_source import PythonSource
from generator.sync.shapes import (
    JSON,
    EnumShape,
    ListShape,
    MapShape,
    ModelShape,
    Scalar,
    UnionShape,
    accepts,
    split_null,
    union,
)
from generator.sync.spec_source import SpecSource
from tests.conftest import CASES, ROOT
from tests.sync_fixtures.in_sync_models import Customer as InSyncCustomer
from tests.sync_fixtures.in_sync_models import Line as InSyncLine

FIXTURES = ROOT / "tests" / "sync_fixtures"
FIXTURE_SPEC = str(FIXTURES / "spec.yaml")
OPENAPI = "tests/sync_fixtures/drifted.openapi.json"


@pytest.fixture(autouse=True)
def _at_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # Targets name modules and files relative to the working folder, as on the command line.
    monkeypatch.chdir(ROOT)


def _fixture_modules() -> Any:
    return load_modules([FIXTURE_SPEC])


def _rows(
    target: str, model: str | None = None
) -> list[tuple[str, str, object, object]]:
    report = sync(_fixture_modules(), target, model)
    return [(d.where, d.kind, d.spec, d.target) for d in report.differences]


def test_drifted_pydantic_models_report_every_kind_of_drift() -> None:
    # Each row is one `DRIFT:` mark in tests/sync_fixtures/drifted_models.py;
    # nested models (Line, Customer) are followed through a list and a nullable field.
    assert _rows("tests.sync_fixtures.drifted_models:Order") == [
        (
            "Order",
            "doc",
            "An order placed in the shop.",
            "An order placed in the shop, as the SDK sees it.",
        ),
        (
            "Order.status",
            "enum",
            ["OPEN", "PAID", "SHIPPED"],
            ["OPEN", "PAID", "CANCELLED"],
        ),
        ("Order.channel", "enum", ["WEB", "STORE"], ["WEB", "STORE", "APP"]),
        ("Order.totals", "type", "map<number>", "map<integer>"),
        ("Order.note", "missing_in_target", "string", None),
        ("Order.meta", "type", "json", "map<json>"),
        ("Order.gift", "nullable", True, False),
        (
            "Order.gift",
            "doc",
            "gift is true for gift orders.",
            "`gift` is true for gift orders.",
        ),
        ("Order.coupon", "missing_in_spec", None, "string"),
        ("Line", "doc", "One line of an order.", None),
        ("Line.sku", "required", True, False),
        ("Line.quantity", "type", "integer", "string"),
        ("Line.price", "missing_in_target", "number", None),
        (
            "Customer",
            "doc",
            "Who placed an order, with the customer who\nreferred them (if any).",
            "Who placed an order, with the customer who referred them\n(if any).",
        ),
        ("Customer.since", "type", "date", "datetime"),
    ]


def test_notes_say_how_types_and_documentation_differ() -> None:
    report = sync(_fixture_modules(), "tests.sync_fixtures.drifted_models:Order")
    notes = {(d.where, d.kind): d.note for d in report.differences}
    assert notes[("Order.totals", "type")] == "the target accepts less than the spec"
    assert notes[("Order.meta", "type")] == "the target accepts less than the spec"
    assert notes[("Customer.since", "type")] == "incompatible types"
    assert (
        notes[("Order.status", "enum")]
        == "only in the spec: SHIPPED; only in the target: CANCELLED"
    )
    assert notes[("Customer", "doc")] == "differs only in whitespace or line breaks"
    assert (
        notes[("Order.gift", "doc")] == "differs only in `code` marks and line breaks"
    )
    assert notes[("Line", "doc")] == "the target has no documentation"
    assert notes[("Order", "doc")] == "the texts differ"


def test_drifted_openapi_document_reports_its_drift() -> None:
    # OpenAPI 3.0: `nullable: true`, `allOf: [$ref]` wrappers, null in an enum, a
    # 3.1-style `type: [boolean, "null"]`, a self-referencing schema.
    assert _rows(f"{OPENAPI}#/components/schemas/Order") == [
        ("Order.id", "type", "string(uuid)", "string"),
        ("Order.status", "enum", ["OPEN", "PAID", "SHIPPED"], ["OPEN", "PAID"]),
        ("Order.status", "required", False, True),
        ("Order.customer", "nullable", True, False),
        ("Order.customer", "doc", "customer is who placed the order.", None),
        ("Order.note", "missing_in_target", "string", None),
        (
            "Order.meta",
            "doc",
            "meta is arbitrary JSON attached to the order.",
            "meta is arbitrary JSON\nattached to the order.",
        ),
        (
            "Order.x-trace",
            "doc",
            "x-trace correlates the order with request logs.",
            "x-trace ties the order to request logs.",
        ),
        ("Order.coupon", "missing_in_spec", None, "string"),
        ("Line.quantity", "type", "integer", "number"),
    ]


def test_openapi_without_pointer_finds_the_spec_model_by_name(tmp_path: Path) -> None:
    by_pointer = _rows(f"{OPENAPI}#/components/schemas/Order")
    assert (
        _rows(OPENAPI) == by_pointer
    )  # the spec's root, Order, under components/schemas
    as_yaml = tmp_path / "drifted.openapi.yaml"
    as_yaml.write_text(yaml.safe_dump(json.loads((ROOT / OPENAPI).read_text())))
    assert _rows(f"{as_yaml}#/components/schemas/Order") == by_pointer


def test_hand_written_models_in_another_style_are_in_sync() -> None:
    report = sync(_fixture_modules(), "tests.sync_fixtures.in_sync_models:Order")
    assert report.differences == ()
    assert [(p.spec, p.target, p.via) for p in report.pairs] == [
        ("Order", "Order", None),
        ("Line", "Line", "Order.lines"),
        ("Customer", "Customer", "Order.customer"),
    ]


@pytest.fixture(scope="module")
def generated_shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture spec rendered by schemasmith into an importable package `sync_generated_shop`."""
    base = tmp_path_factory.mktemp("generated")
    out = base / "sync_generated_shop"
    writer.apply(out, writer.plan(out, build([FIXTURE_SPEC], Options())))
    sys.path.insert(0, str(base))
    yield out
    sys.path.remove(str(base))


def test_our_generated_models_and_schema_are_in_sync(generated_shop: Path) -> None:
    modules = _fixture_modules()
    schema = generated_shop / "json_schema" / "shop.schema.json"
    targets = [
        "sync_generated_shop.models.shop:Order",
        # TypedDicts: Order in the functional form (its key `x-trace` is no
        # identifier), documented by comments; Line and Customer as classes.
        "sync_generated_shop.typed_dicts.shop:Order",
        str(schema),  # no pointer: the document's root `$ref`
        f"{schema}#/$defs/Order",
    ]
    for target in targets:
        report = sync(modules, target)
        assert report.differences == (), target
        assert [p.spec for p in report.pairs] == ["Order", "Line", "Customer"]
    line = sync(modules, str(schema), "Line")  # no pointer: found as $defs/Line
    assert line.differences == () and [p.spec for p in line.pairs] == ["Line"]


def _golden_targets() -> list[tuple[str, str, str]]:
    """(spec path, model, module path of its committed generated models) for every golden."""
    out = []
    trees = [("spec/run.yaml", "generated")] + [
        (f"tests/cases/{case.name}/spec.yaml", f"tests/cases/{case.name}/expected")
        for case in sorted(CASES.iterdir())
        if (case / "spec.yaml").exists()
    ]
    for spec, tree in trees:
        (module,) = load_modules([str(ROOT / spec)])
        for model in module.models:
            out.append((spec, model.name, f"{tree}|{module.name}"))
    return out


@pytest.mark.parametrize(("spec", "model", "tree"), _golden_targets())
def test_committed_goldens_are_in_sync_with_their_specs(
    spec: str, model: str, tree: str
) -> None:
    folder, module_name = tree.split("|")
    modules = load_modules(discover_specs([spec]))
    package = folder.replace("/", ".")
    python = sync(modules, f"{package}.models.{module_name}:{model}", model)
    typed_dict = sync(modules, f"{package}.typed_dicts.{module_name}:{model}", model)
    schema = sync(
        modules, f"{folder}/json_schema/{module_name}.schema.json#/$defs/{model}", model
    )
    assert python.differences == ()
    assert typed_dict.differences == ()
    assert schema.differences == ()


# -- normalisation, one rule at a time -------------------------------------------------


class _Holder(BaseModel):
    pass


def _py(annotation: object) -> object:
    return PythonSource(_Holder).shape(annotation, _Holder)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (Optional[List[int]], Union[None, list[int]]),
        (Optional[List[int]], list[int] | None),
        (Dict[str, float], dict[str, float]),
        (Literal["A", "B"], Literal["B", "A"]),
        (Optional[Literal["A"]], Literal["A", None]),
        (Union[int, Union[str, int]], Union[str, int]),
        (Union[int, Any], Any),
        ("List[int]", list[int]),
    ],
)
def test_python_spellings_of_one_type_read_the_same(one: object, other: object) -> None:
    # A string is a forward reference, resolved in the namespace of the class's module (this one).
    first, second = _py(one), _py(other)
    if isinstance(first, EnumShape) and isinstance(second, EnumShape):
        assert set(first.values) == set(second.values)
    else:
        assert first == second


def test_python_types_map_to_json_level_types() -> None:
    assert _py(datetime) == Scalar("datetime")
    assert _py(date) == Scalar("date")
    assert _py(List[Dict[str, bool]]) == ListShape(MapShape(Scalar("boolean")))
    assert _py(dict) == MapShape(JSON)
    assert split_null(_py(Optional[object])) == (JSON, True)
    assert split_null(_py(Optional[int])) == (Scalar("integer"), True)
    assert split_null(_py(int)) == (Scalar("integer"), False)


def _schema(schema: dict[str, Any]) -> object:
    return JsonSchemaSource(
        "inline.json", {"$defs": {"E": {"enum": ["X", "Y"]}}}
    ).shape(schema, "", frozenset())


@pytest.mark.parametrize(
    "nullable_integer",
    [
        {"anyOf": [{"type": "integer"}, {"type": "null"}]},
        {"oneOf": [{"type": "null"}, {"type": "integer"}]},
        {"type": ["integer", "null"]},
        {"type": "integer", "nullable": True},
        {"allOf": [{"type": "integer"}], "nullable": True},
    ],
)
def test_json_schema_spellings_of_nullable_read_the_same(
    nullable_integer: dict[str, Any],
) -> None:
    assert split_null(_schema(nullable_integer)) == (Scalar("integer"), True)  # type: ignore[arg-type]


def test_json_schema_refs_to_enums_and_open_objects() -> None:
    assert _schema({"$ref": "#/$defs/E"}) == EnumShape(('"X"', '"Y"'), "E")
    assert _schema({"type": "object"}) == MapShape(JSON)
    assert _schema({}) == JSON
    assert _schema({"type": "array"}) == ListShape(JSON)
    assert _schema({"type": "string", "format": "date-time"}) == Scalar("datetime")


def test_type_relations() -> None:
    integer, number, string = Scalar("integer"), Scalar("number"), Scalar("string")
    assert accepts(number, integer) and not accepts(integer, number)
    assert accepts(JSON, MapShape(JSON)) and not accepts(MapShape(JSON), JSON)
    a, b = EnumShape(('"A"',)), EnumShape(('"B"',))
    assert accepts(string, a) and not accepts(a, string)
    assert accepts(EnumShape(('"A"', '"B"')), b)
    assert not accepts(Scalar("date"), Scalar("datetime"))
    assert accepts(union([integer, string]), integer)
    assert not accepts(Scalar("string", "uuid"), Scalar("string"))


# -- the command line --------------------------------------------------------------------


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["sync", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_exit_codes_and_text_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(
        capsys,
        "--spec",
        FIXTURE_SPEC,
        "--against",
        "tests.sync_fixtures.in_sync_models:Order",
    )
    assert code == 0
    assert out.splitlines()[-1] == "in sync: no differences in 3 models"
    code, out, _ = _cli(
        capsys,
        "--spec",
        FIXTURE_SPEC,
        "--against",
        "tests.sync_fixtures.drifted_models:Order",
    )
    assert code == 1
    lines = out.splitlines()
    assert lines[4].split() == ["WHERE", "DIFFERENCE", "SPEC", "TARGET", "NOTE"]
    assert any(
        line.split()[:4] == ["Line.quantity", "type", "integer", "string"]
        for line in lines
    )
    assert lines[-2:] == [
        (
            "drift: 13 differences (2 missing in target, 1 missing in spec, 4 type, "
            "1 required, 1 nullable, 2 enum values, 2 documentation)"
        ),
        (
            "not counted: 2 representation-only differences (2 documentation); "
            "--strict counts them"
        ),
    ]


def test_cli_json_format_carries_the_full_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _cli(
        capsys,
        "--spec",
        FIXTURE_SPEC,
        "--against",
        f"{OPENAPI}#/components/schemas/Order",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 1 and data["in_sync"] is False
    assert data["spec"] == {
        "model": "Order",
        "source": FIXTURE_SPEC,
        "chosen_by": "name",
    }
    assert data["target"] == {
        "model": "Order",
        "source": f"{OPENAPI}#/components/schemas/Order",
    }
    assert [m["spec"] for m in data["models"]] == ["Order", "Line", "Customer"]
    expected = sync(
        _fixture_modules(), f"{OPENAPI}#/components/schemas/Order"
    ).differences
    assert [
        (
            d["model"],
            d["field"],
            d["kind"],
            d["spec"],
            d["target"],
            d["note"],
            d["representation"],
        )
        for d in data["differences"]
    ] == [
        (d.model, d.field, d.kind, d.spec, d.target, d.note, d.representation)
        for d in expected
    ]


def test_cli_ignore_leaves_out_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(
        capsys,
        "--spec",
        FIXTURE_SPEC,
        "--against",
        f"{OPENAPI}#/components/schemas/Order",
        "--ignore",
        "doc",
        "--ignore",
        "missing_in_spec",
        "--format",
        "json",
    )
    kinds = {d["kind"] for d in json.loads(out)["differences"]}
    assert code == 1 and kinds == {
        "type",
        "enum",
        "required",
        "nullable",
        "missing_in_target",
    }
    code, out, _ = _cli(
        capsys,
        "--spec",
        FIXTURE_SPEC,
        "--against",
        f"{OPENAPI}#/components/schemas/Order",
        *[
            arg
            for kind in (
                "doc",
                "missing_in_spec",
                "missing_in_target",
                "type",
                "enum",
                "required",
                "nullable",
            )
            for arg in ("--ignore", kind)
        ],
    )
    assert code == 0


def test_cli_model_option_picks_the_spec_model(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _cli(
        capsys,
        "--spec",
        FIXTURE_SPEC,
        "--model",
        "Line",
        "--against",
        f"{OPENAPI}#/components/schemas/Line",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 1 and data["spec"]["model"] == "Line"
    assert [(d["field"], d["kind"]) for d in data["differences"]] == [
        ("quantity", "type")
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--against", "no_such_module_xyz:Run"],
            "cannot import no_such_module_xyz: ModuleNotFoundError",
        ),
        (
            ["--against", "tests.sync_fixtures.drifted_models:Nope"],
            "has no attribute 'Nope'",
        ),
        (
            ["--against", "tests.sync_fixtures.drifted_models:Status"],
            "is neither a Pydantic v2 model class nor a TypedDict",
        ),
        (["--against", "pydantic.v1:BaseModel"], "is a Pydantic v1 model"),
        (
            ["--against", "tests.sync_fixtures.drifted_models"],
            "write package.module:ClassName",
        ),
        (["--against", f"{OPENAPI}#/components/schemas/Nope"], "nothing at 'Nope'"),
        (
            ["--against", f"{OPENAPI}#/components/schemas/Status"],
            "not an object schema with properties",
        ),
        (
            ["--against", "tests/sync_fixtures/spec.yaml"],
            "name the schema with a pointer",
        ),
        (
            ["--against", "tests/sync_fixtures/missing.json"],
            "cannot read tests/sync_fixtures/missing.json",
        ),
    ],
)
def test_cli_bad_input_exits_2_without_a_traceback(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = _cli(capsys, "--spec", FIXTURE_SPEC, *args)
    assert code == 2
    assert out == ""
    assert message in err and err.startswith("schemasmith sync: error: ")
    assert "Traceback" not in err


def test_cli_invalid_json_document_is_located(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "type": "object",\n  "properties": {,}\n}\n')
    code, _, err = _cli(capsys, "--spec", FIXTURE_SPEC, "--against", f"{broken}#")
    assert code == 2
    assert f"{broken}:3:18: error: invalid JSON" in err


def test_cli_spec_errors_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schemasmith: 1\nmodels:\n  A:\n    fields:\n      x: {type: nope}\n"
    )
    code, _, err = _cli(
        capsys,
        "--spec",
        str(bad),
        "--against",
        "tests.sync_fixtures.drifted_models:Order",
    )
    assert code == 2 and f"{bad}:5:" in err and "unknown type 'nope'" in err


def test_cli_option_mistakes_are_shown_under_the_sync_usage(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cases = [
        (["--spec", FIXTURE_SPEC, "--model", "Nope"], "no spec model is named 'Nope'"),
        (["--spec", FIXTURE_SPEC, "--ignore", "typo"], "unknown difference kind typo"),
        (["--spec", str(tmp_path)], "no spec files found in"),
    ]
    for args, message in cases:
        code, out, err = _cli(
            capsys, *args, "--against", "tests.sync_fixtures.in_sync_models:Line"
        )
        assert code == 2 and out == ""
        usage, *_, last = err.splitlines()
        assert usage.startswith("usage: schemasmith sync [-h] --against TARGET")
        assert last.startswith("schemasmith sync: error: ") and message in last


# -- which spec model is compared --------------------------------------------------------


def test_the_spec_model_named_like_the_target_is_compared_before_the_root() -> None:
    # The fixture spec's root is Order; the target is a Line, and the spec has a Line.
    report = sync(_fixture_modules(), "tests.sync_fixtures.in_sync_models:Line")
    assert (report.spec_model, report.chosen_by, report.target_model) == (
        "Line",
        "name",
        "Line",
    )
    assert report.differences == ()


def test_model_option_then_the_same_name_then_the_root(
    capsys: pytest.CaptureFixture[str],
) -> None:
    chosen = sync(_fixture_modules(), "tests.sync_fixtures.in_sync_models:Line", "Line")
    assert chosen.chosen_by == "model_option"
    # No spec model is named DriftedLine: the spec's root is compared, and the
    # report says so.
    code, out, _ = _cli(
        capsys,
        "--spec",
        FIXTURE_SPEC,
        "--against",
        "tests.sync_fixtures.typed_dict_params:DriftedLine",
    )
    assert code == 1
    assert out.splitlines()[:2] == [
        (
            f"spec:   Order ({FIXTURE_SPEC}), the spec's root model "
            "(no spec model is named DriftedLine)"
        ),
        "target: DriftedLine (tests.sync_fixtures.typed_dict_params:DriftedLine)",
    ]
    code, out, _ = _cli(
        capsys,
        "--spec",
        FIXTURE_SPEC,
        "--against",
        "tests.sync_fixtures.in_sync_models:Line",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 0
    assert data["spec"]["model"] == "Line" and data["spec"]["chosen_by"] == "name"
    assert data["target"] == {
        "model": "Line",
        "source": "tests.sync_fixtures.in_sync_models:Line",
    }


def _write_spec(path: Path, module: str, root: str | None, models: list[str]) -> str:
    lines = ["schemasmith: 1", f"module: {module}"]
    if root is not None:
        lines.append(f"root: {root}")
    lines.append("models:")
    for model in models:
        lines += [f"  {model}:", "    fields:", "      x: {type: string}"]
    path.write_text("\n".join(lines) + "\n")
    return str(path)


@pytest.mark.parametrize(
    ("other", "message"),
    [
        (
            ("other", "Other", ["Other"]),
            (
                "no spec model is named 'DriftedLine' (the target's name) and several "
                "spec modules have a root; name it with --model, one of: Order, Other"
            ),
        ),
    ],
)
def test_a_spec_model_that_cannot_be_told_is_an_error_listing_the_candidates(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    other: tuple[str, str | None, list[str]],
    message: str,
) -> None:
    second = _write_spec(tmp_path / "other.yaml", *other)
    target = "DriftedLine" if "DriftedLine" in message else "Line"
    code, out, err = _cli(
        capsys,
        "--spec",
        FIXTURE_SPEC,
        "--spec",
        second,
        "--against",
        f"tests.sync_fixtures.typed_dict_params:{target}",
    )
    assert code == 2 and out == ""
    assert err.startswith("usage: schemasmith sync ")
    assert message in err.splitlines()[-1]


def test_without_a_root_or_a_namesake_the_spec_models_are_the_candidates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = _write_spec(tmp_path / "loose.yaml", "loose", None, ["Beta", "Alpha"])
    code, _, err = _cli(
        capsys, "--spec", spec, "--against", "tests.sync_fixtures.in_sync_models:Line"
    )
    assert code == 2
    assert err.splitlines()[-1] == (
        "schemasmith sync: error: cannot tell which spec model to compare: no spec "
        "model is named 'Line' (the target's name) and the spec has no root model; "
        "name it with --model, one of: Alpha, Beta"
    )


# -- representation only: shown, not counted unless --strict ----------------------------

REPRESENTATION = "tests.sync_fixtures.representation_models:Order"


def test_differences_only_in_writing_are_marked_and_do_not_count() -> None:
    report = sync(_fixture_modules(), REPRESENTATION)
    assert [
        (d.where, d.kind, d.note, d.representation) for d in report.differences
    ] == [
        ("Order", "doc", "differs only in whitespace or line breaks", True),
        ("Order.id", "doc", "differs only in `code` marks and line breaks", True),
        ("Order.note", "type", "equivalent on the wire, written differently", True),
    ]
    assert report.drift(strict=False) == ()
    assert report.drift(strict=True) == report.differences


def test_drift_in_words_or_on_the_wire_counts() -> None:
    report = sync(_fixture_modules(), "tests.sync_fixtures.drifted_models:Order")
    assert [d.where for d in report.differences if d.representation] == [
        "Order.gift",  # only code marks differ
        "Customer",  # only line breaks differ
    ]
    # A documentation text that says something else, or nothing, is drift.
    assert {d.note for d in report.drift(strict=False) if d.kind == "doc"} == {
        "the texts differ",
        "the target has no documentation",
    }


def test_cli_exits_0_on_representation_only_and_1_with_strict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ("--spec", FIXTURE_SPEC, "--against", REPRESENTATION)
    code, out, _ = _cli(capsys, *args)
    assert code == 0
    lines = out.splitlines()
    assert lines[5].split()[:3] == ["Order", "documentation", "(representation)"]
    assert lines[-2:] == [
        "in sync: no differences that count in 3 models",
        (
            "not counted: 3 representation-only differences (1 type, 2 documentation); "
            "--strict counts them"
        ),
    ]
    code, out, _ = _cli(capsys, *args, "--strict")
    assert code == 1
    assert out.splitlines()[-2:] == [
        "drift: 3 differences (1 type, 2 documentation)",
        (
            "counted (--strict): 3 representation-only differences (1 type, "
            "2 documentation)"
        ),
    ]
    code, out, _ = _cli(capsys, *args, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["in_sync"] is True and data["strict"] is False
    assert [d["representation"] for d in data["differences"]] == [True, True, True]
    code, out, _ = _cli(capsys, *args, "--format", "json", "--strict")
    data = json.loads(out)
    assert code == 1 and data["in_sync"] is False and data["strict"] is True


def test_a_union_with_another_model_is_not_taken_for_the_same_type() -> None:
    # `Customer | Line` accepts more than `Customer`: never "equivalent", and the
    # Customer both sides name is still compared field by field.
    class Holder(BaseModel):
        customer: Optional[Union[InSyncCustomer, InSyncLine]] = None

    (module,) = _fixture_modules()
    spec = SpecSource(module)
    target = PythonSource(Holder)
    result = compare(spec, ModelShape("Order", "Order"), target, target.root())
    (row,) = [
        d for d in result.differences if d.field == "customer" and d.kind == "type"
    ]
    assert (row.kind, row.note, row.representation) == (
        "type",
        "the target accepts more than the spec",
        False,
    )
    assert ("Customer", "Customer") in [(p.spec, p.target) for p in result.pairs]
    assert not accepts(ModelShape("Customer", 1), ModelShape("Line", 2))


# -- TypedDicts ----------------------------------------------------------------------------


def test_typed_dicts_in_pydantic_fields_are_models_compared_key_by_key() -> None:
    # `lines: Optional[List[Line]]` and `customer: Optional[Customer]`, where Line
    # and Customer are TypedDicts identical to the spec's models.
    report = sync(_fixture_modules(), "tests.sync_fixtures.typed_dict_models:Order")
    assert report.differences == ()
    assert [(p.spec, p.target, p.via) for p in report.pairs] == [
        ("Order", "Order", None),
        ("Line", "Line", "Order.lines"),
        ("Customer", "Customer", "Order.customer"),
    ]


@pytest.mark.parametrize("name", ["Line", "Customer"])
def test_typing_typed_dicts_with_string_annotations_are_targets(name: str) -> None:
    report = sync(_fixture_modules(), f"tests.sync_fixtures.typed_dict_params:{name}")
    assert (report.spec_model, report.chosen_by) == (name, "name")
    assert report.differences == ()


def test_typed_dict_drift_is_reported() -> None:
    assert _rows("tests.sync_fixtures.typed_dict_params:DriftedLine", "Line") == [
        ("Line.sku", "required", True, False),
        ("Line.quantity", "required", False, True),
        ("Line.price", "type", "number", "string"),
    ]


def test_typed_dict_keys_are_required_as_total_and_their_qualifiers_say() -> None:
    from tests.sync_fixtures import typed_dict_params as params

    def required(cls: type[Any]) -> dict[str, bool]:
        source = PythonSource(cls)
        return {f.name: f.required for f in source.model(source.root()).fields}

    # Inherited from a total base; `total=False` for the class's own keys.
    assert required(params.Line) == {"sku": True, "quantity": False, "price": False}
    # `NotRequired[...]` in a string annotation, which __required_keys__ misses.
    assert params.Customer.__required_keys__ == {"name", "referrer", "since"}
    assert required(params.Customer) == {
        "name": False,
        "referrer": False,
        "since": False,
    }
    assert required(params.DriftedLine) == {
        "sku": False,
        "quantity": True,
        "price": False,
    }


def test_our_generated_typed_dicts_are_in_sync(generated_shop: Path) -> None:
    # Order is written in the functional form (its key `x-trace` is no identifier),
    # documented by `#` comments and the string after it; Line and Customer as classes.
    report = sync(_fixture_modules(), "sync_generated_shop.typed_dicts.shop:Order")
    assert report.differences == ()
    assert [p.spec for p in report.pairs] == ["Order", "Line", "Customer"]


# -- the table: types and texts are wrapped, never cut -----------------------------------


def _column(out: str, where: str, heading: str) -> str:
    """The text of one cell of the row at `where`, its wrapped lines joined."""
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("WHERE"))
    columns = lines[header].split()
    start = lines[header].index(heading)
    following = columns[columns.index(heading) + 1]
    end = lines[header].index(following)
    row = next(i for i, line in enumerate(lines) if line.split()[:1] == [where])
    cell = [lines[row][start:end].strip()]
    for line in lines[row + 1 :]:
        if not line.strip() or line[: lines[header].index("DIFFERENCE")].strip():
            break
        cell.append(line[start:end].strip())
    return " ".join(c for c in cell if c)


def test_long_types_are_wrapped_never_cut(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _cli(capsys, "--spec", FIXTURE_SPEC, "--against", REPRESENTATION)
    full = "enum(gift wrap please, leave at the door, ring twice) | string"
    assert len(full) > 44 and "…" not in out
    assert _column(out, "Order.note", "TARGET") == full
    (row,) = [line for line in out.splitlines() if line.startswith("Order.note")]
    assert "ring twice" not in row  # wrapped onto the next line, not one long line


# -- unions, constants, open and integer enums, presence --------------------------------

UNIONS_SPEC = "tests/sync_fixtures/unions.yaml"


def _union_rows(target: str) -> list[tuple[str, str, object, object, bool]]:
    report = sync(load_modules([UNIONS_SPEC]), target)
    return [
        (d.where, d.kind, d.spec, d.target, d.representation)
        for d in report.differences
    ]


@pytest.mark.parametrize(
    "target",
    [
        "tests.sync_fixtures.union_models:Drawing",
        "tests.sync_fixtures.union_params:Drawing",
        "tests/sync_fixtures/unions.openapi.json",
    ],
)
def test_unions_written_another_way_are_in_sync(target: str) -> None:
    report = sync(load_modules([UNIONS_SPEC]), target)
    assert report.differences == ()
    assert [p.spec for p in report.pairs] == ["Drawing", "Circle", "Square"]


def test_union_drift_is_reported() -> None:
    # Each row is one `DRIFT:` mark in tests/sync_fixtures/union_drifted.py.
    assert _union_rows("tests.sync_fixtures.union_drifted:Drawing") == [
        ("Drawing.version", "type", "const 2", 'const "2"', False),
        ("Drawing.shapes", "discriminator", "kind", None, True),
        (
            "Drawing.palette",
            "type",
            "Palette | string",
            "enum(red, green, blue)",
            False,
        ),
        ("Drawing.size", "enum", ["small", "large"], ["small", "large", "huge"], False),
        ("Drawing.layer", "enum", ["0", "1", "2"], ["0", "1", "2", "3"], False),
        ("Drawing.weights", "type", "list<number | null>", "list<number>", False),
        ("Drawing.title", "nullable", False, True, False),
        ("Drawing.extra", "nullable", False, True, False),
        ("Drawing.label", "type", "string | list<string>", "string", False),
        ("Circle.radius", "type", "number", "integer", False),
    ]


def test_a_field_absent_but_never_null_is_told_from_an_optional_one() -> None:
    report = sync(
        load_modules([UNIONS_SPEC]), "tests.sync_fixtures.union_drifted:Drawing"
    )
    notes = {d.where: d.note for d in report.differences if d.kind == "nullable"}
    assert notes == {
        # `Optional[str] = None` against a spec field absent but never null.
        "Drawing.title": (
            "nullable in the target only: the spec's field may be absent but is "
            "never null"
        ),
        "Drawing.extra": "nullable in the target only",  # required on both sides
    }


def _field_types(cls: type[Any]) -> dict[str, object]:
    source = PythonSource(cls)
    return {f.name: f.type for f in source.model(source.root()).fields}


def test_discriminators_are_read_by_what_the_metadata_says() -> None:
    from tests.sync_fixtures import union_models

    # Classes of the fixture's own module, not imported from any SDK.
    types = _field_types(union_models.TaggedByProperty)
    for name in ("property_info", "union_discriminator"):
        shape = types[name]
        assert isinstance(shape, UnionShape) and shape.discriminator == "kind", name
    drawing = _field_types(union_models.Drawing)
    for name in ("shapes", "focus"):  # Discriminator(...), Field(discriminator=...)
        shape = drawing[name]
        if isinstance(shape, ListShape):
            shape = shape.item
        assert isinstance(shape, UnionShape) and shape.discriminator == "kind", name

    class ByFunction(BaseModel):
        shape: Annotated[
            Union[
                Annotated[union_models.Circle, Tag("circle")],
                Annotated[union_models.Square, Tag("square")],
            ],
            Discriminator(lambda value: "circle"),
        ]

    (by_function,) = _field_types(ByFunction).values()
    assert isinstance(by_function, UnionShape)
    assert (by_function.discriminator, by_function.discriminator_known) == (None, False)


def test_values_are_compared_as_json_values() -> None:
    # 1, "1" and true are three values; Literal[1] is Literal[1.0].
    one, text_one, true = _py(Literal[1]), _py(Literal["1"]), _py(Literal[True])
    assert len({one, text_one, true}) == 3
    assert _schema({"const": 1.0}) == one
    assert accepts(Scalar("number"), one) and not accepts(Scalar("string"), one)
    assert accepts(Scalar("boolean"), true) and not accepts(Scalar("integer"), true)


def test_a_none_kept_off_the_wire_is_not_null() -> None:
    class Holder(BaseModel):
        title: Union[str, SkipJsonSchema[None]] = None
        anything: Union[object, SkipJsonSchema[None]] = None
        plain: Optional[str] = None

    source = PythonSource(Holder)
    fields = {f.name: f for f in source.model(source.root()).fields}
    assert fields["title"].type == Scalar("string", format_known=False)
    assert [fields[n].nullable for n in ("title", "anything", "plain")] == [
        False,
        False,
        True,
    ]
    document = {"properties": {"x": {"not": {"type": "null"}}, "y": {}}}
    schema = JsonSchemaSource("inline.json", document)
    x, y = schema.model(ModelShape("M", "")).fields
    assert (x.type, x.nullable, y.type, y.nullable) == (JSON, False, JSON, True)


# -- the published Anthropic SDK (anthropic==2.16.0, pinned in the test extras) ---------

ANTHROPIC_SPEC = "tests/cases/anthropic_message/spec.yaml"


def test_anthropic_usage_is_compared_with_the_spec_usage_not_the_root(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The spec's root is Message; it also has Usage, the target's name.
    code, out, _ = _cli(
        capsys, "--spec", ANTHROPIC_SPEC, "--against", "anthropic.types:Usage"
    )
    assert out.splitlines() == [
        f"spec:   Usage ({ANTHROPIC_SPEC}), the spec model named like the target",
        "target: Usage (anthropic.types:Usage)",
        "models: Usage, CacheCreation, OutputTokensDetails, ServerToolUsage",
        "in sync: no differences in 4 models",
    ]
    assert code == 0


def test_anthropic_typed_dict_param_is_in_sync() -> None:
    # `from __future__ import annotations`, total=False, `type: Required[Literal[...]]`.
    (module,) = load_modules([ANTHROPIC_SPEC])
    report = sync((module,), "anthropic.types:CacheControlEphemeralParam")
    assert report.differences == ()


def test_anthropic_message_and_all_it_nests_have_no_drift() -> None:
    # Message, its discriminated union of twelve content blocks (UnionDiscriminator
    # in `Annotated`), the unions inside them, the open enum Model, `type` tags
    # as constants, Usage: 57 models.
    (module,) = load_modules([ANTHROPIC_SPEC])
    report = sync((module,), "anthropic.types:Message")
    assert len(report.pairs) == 57
    blocks = module.union("ContentBlock").variants
    assert {p.spec for p in report.pairs} >= {v.name for v in blocks}  # type: ignore[union-attr]
    assert report.drift(strict=False) == ()
    # The SDK names a discriminator for a union with a list among its variants,
    # which no spec discriminator can be (every variant must be a model).
    assert [
        (d.where, d.kind, d.spec, d.target, d.representation)
        for d in report.differences
    ] == [("WebSearchToolResultBlock.content", "discriminator", None, "type", True)]


def test_the_sync_page_shows_what_sync_prints_for_the_anthropic_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _cli(
        capsys, "--spec", ANTHROPIC_SPEC, "--against", "anthropic.types:Message"
    )
    table = out[out.index("WHERE") :]  # after the list of 57 models
    assert code == 0
    assert f"```\n{table}```" in (ROOT / "docs" / "sync.md").read_text("utf-8")


def _anthropic_mutated(tmp_path: Path, old: str, new: str) -> list[tuple[str, ...]]:
    """The drift against anthropic.types:Message of the fixture with one edit."""
    text = (ROOT / ANTHROPIC_SPEC).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    spec = tmp_path / "anthropic_message.yaml"
    spec.write_text(text.replace(old, new), encoding="utf-8")
    report = sync(load_modules([str(spec)]), "anthropic.types:Message")
    return [
        (d.where, d.kind, d.note, str(d.representation))
        for d in report.differences
        if d.where != "WebSearchToolResultBlock.content"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (  # a content block the spec does not know
            "ToolSearchToolResultBlock, ContainerUploadBlock]",
            "ToolSearchToolResultBlock]",
            [
                (
                    "Message.content",
                    "type",
                    "the target accepts more than the spec",
                    "False",
                )
            ],
        ),
        (  # the SDK's model names are an open enum: any string passes
            "  Model:\n    open: true\n",
            "  Model:\n",
            [
                (
                    "Message.model",
                    "type",
                    "the target accepts more than the spec",
                    "False",
                )
            ],
        ),
        (  # ... so the names it lists are a hint
            '"claude-opus-4-5-20251101"]',
            '"claude-opus-4-5-20251101", "claude-next"]',
            [
                (
                    "Message.model",
                    "enum",
                    (
                        "only in the spec: claude-next; both open: any value of the kind "
                        "is accepted"
                    ),
                    "True",
                )
            ],
        ),
        (  # another constant is another type
            'const: "message"',
            'const: "msg"',
            [("Message.type", "type", "incompatible types", "False")],
        ),
        (  # how validation picks a content block, not what it accepts
            "  ContentBlock:\n    discriminator: type\n",
            "  ContentBlock:\n",
            [
                (
                    "Message.content",
                    "discriminator",
                    (
                        "the spec tells the variants apart by none (each variant is "
                        "tried), the target by `type`"
                    ),
                    "True",
                )
            ],
        ),
        (  # absent but never null in the spec; `Optional[str] = None` in the SDK
            "      stop_sequence:\n        type: string\n",
            "      stop_sequence:\n        type: string\n        nullable: false\n",
            [
                (
                    "Message.stop_sequence",
                    "nullable",
                    (
                        "nullable in the target only: the spec's field may be absent "
                        "but is never null"
                    ),
                    "False",
                )
            ],
        ),
    ],
    ids=[
        "variant",
        "open-enum",
        "open-enum-values",
        "const",
        "discriminator",
        "presence",
    ],
)
def test_anthropic_message_drift_is_found(
    tmp_path: Path, old: str, new: str, expected: list[tuple[str, ...]]
) -> None:
    assert _anthropic_mutated(tmp_path, old, new) == expected


# -- the pages show what the commands print -------------------------------------------


def _examples() -> list[tuple[str, list[str], str]]:
    """Every block of README.md and docs/sync.md that starts `$ schemasmith sync ...`:
    (page, the arguments, the output the page shows)."""
    found = []
    for page in ("README.md", "docs/sync.md"):
        text = (ROOT / page).read_text(encoding="utf-8")
        for block in re.findall(r"```\n(\$ schemasmith sync .*?)```", text, re.DOTALL):
            command, _, shown = block.partition("\n")
            found.append((page, shlex.split(command)[3:], shown))
    return found


@pytest.mark.parametrize(
    ("page", "args", "shown"),
    _examples(),
    ids=[f"{page}:{' '.join(args)}" for page, args, _ in _examples()],
)
def test_the_pages_show_what_sync_prints(
    capsys: pytest.CaptureFixture[str], page: str, args: list[str], shown: str
) -> None:
    if any(arg.startswith("langsmith.") for arg in args):
        pytest.importorskip("langsmith")  # in the test extras from Python 3.11 on
    _, out, _ = _cli(capsys, *args)
    assert out == shown, page


def test_the_pages_give_the_langsmith_verdict_sync_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pytest.importorskip("langsmith")  # in the test extras from Python 3.11 on
    code, out, _ = _cli(capsys, "--against", "langsmith.types.run:Run")
    verdict = "\n".join(out.splitlines()[-2:])
    assert code == 1
    for page in ("README.md", "docs/sync.md"):
        assert f"```\n{verdict}\n```" in (ROOT / page).read_text(encoding="utf-8")


# -- inheritance -------------------------------------------------------------------

INHERITANCE = "tests/cases/inheritance/spec.yaml"


def test_a_schema_that_extends_by_all_of_reads_as_the_flat_model(
    tmp_path: Path,
) -> None:
    """A JSON Schema child written as `allOf: [{$ref: base}]` plus its own (narrowed)
    properties and `unevaluatedProperties` is the spec's child, inherited fields
    included; so is the base whose definition it refers to."""
    published = json.loads(
        (
            ROOT
            / "tests/cases/inheritance/expected/json_schema/inheritance.schema.json"
        ).read_text(encoding="utf-8")
    )
    base = published["$defs"]["Params"]
    child = {
        "title": "StreamingParams",
        "description": published["$defs"]["StreamingParams"]["description"],
        "allOf": [{"$ref": "#/$defs/Params"}],
        "properties": {
            "stream": {"const": True, "description": "stream is always true here."},
            "stop": {"type": ["string", "null"]},
        },
        "required": ["stream"],
        "unevaluatedProperties": False,
    }
    document = tmp_path / "params.json"
    document.write_text(
        json.dumps({"$defs": {"Params": base, "StreamingParams": child}}),
        encoding="utf-8",
    )
    modules = load_modules([str(ROOT / INHERITANCE)])
    report = sync(modules, f"{document}#/$defs/StreamingParams", "StreamingParams")
    assert report.differences == ()
    assert [p.spec for p in report.pairs] == ["StreamingParams"]


class _HandParams(BaseModel):
    """What a request sends; unknown keys are rejected."""

    model: str
    stream: Optional[bool] = None
    """stream asks for the response in pieces."""
    stop: Union[str, List[str], None] = None
    tags: Optional[List[str]] = None


class _HandStreamingParams(_HandParams):
    """A streamed request; `stream` is always true, and the base's policy is kept."""

    stream: Literal[True]
    """stream is always true here."""
    stop: Optional[str] = None


class _FlatSpan(BaseModel):
    """A span, declared before the base it extends."""

    name: str
    """name of the span."""
    kind: Literal["llm", "chain", "tool"]
    inputs: Optional[Dict[str, Any]] = None
    """inputs of the span."""
    error: Optional[str] = None
    id: str
    """id of the span."""
    child_spans: Optional[List[_FlatSpan]] = None
    """child_spans are spans of the same kind (a self-reference)."""


def test_pydantic_subclasses_and_flat_models_read_as_the_spec_child() -> None:
    """Pydantic's `model_fields` include a base's: a hand-written subclass and a
    model written flat are both in sync with a spec model that extends another."""
    modules = load_modules([str(ROOT / INHERITANCE)])
    streaming = sync(modules, "tests.test_sync:_HandStreamingParams", "StreamingParams")
    assert streaming.differences == ()
    flat = sync(modules, "tests.test_sync:_FlatSpan", "Span")
    assert flat.differences == ()


IMPORTS_SPECS = ROOT / "tests" / "cases" / "imports" / "specs"


def test_sync_sees_through_imports(tmp_path: Path) -> None:
    """A spec model whose fields name other specs' models is compared with them,
    each once; a change in the imported spec is found."""
    from tests.support.generated_package import generated

    specs = [str(p) for p in sorted(IMPORTS_SPECS.glob("*.yaml"))]
    with generated(specs) as package:
        report = sync(package.modules, f"{package.name}.models:Thread")
        assert report.differences == ()
        assert sorted(p.spec for p in report.pairs) == [
            "First",
            "Message",
            "Note",
            "Thread",
            "Usage",
        ]
        changed = tmp_path / "specs"
        changed.mkdir()
        for spec in specs:
            text = (
                Path(spec)
                .read_text("utf-8")
                .replace(
                    "output_tokens: {type: integer}", "output_tokens: {type: string}"
                )
            )
            (changed / Path(spec).name).write_text(text, "utf-8")
        modules = load_modules(sorted(str(p) for p in changed.glob("*.yaml")))
        drift = sync(modules, f"{package.name}.models:Thread").differences
        assert [(d.model, d.field, d.kind) for d in drift] == [
            ("Usage", "output_tokens", "type")
        ]


class FrozenPoint(BaseModel, frozen=True):
    x: int


class MutablePoint(BaseModel):
    x: int


class ReadOnlyPoint(TypedDict):
    x: ReadOnly[int]


class WritablePoint(TypedDict):
    x: int


FROZEN_SPEC = """\
schemasmith: 1
module: points
models:
  Point:
    frozen: {frozen}
    fields:
      x: {{type: integer, required: true, nullable: false}}
"""


@pytest.mark.parametrize(
    ("frozen", "target", "found"),
    [
        (True, "FrozenPoint", None),
        (True, "MutablePoint", False),
        (False, "FrozenPoint", True),
        (False, "MutablePoint", None),
        (True, "ReadOnlyPoint", None),
        (True, "WritablePoint", False),
        (False, "ReadOnlyPoint", True),
    ],
)
def test_frozen_is_compared_as_representation(
    frozen: bool, target: str, found: bool | None, tmp_path: Path
) -> None:
    """Pydantic's `model_config["frozen"]` and a TypedDict's `ReadOnly` keys are
    read; a difference is shown, representation only (the JSON is the same)."""
    spec = tmp_path / "points.yaml"
    spec.write_text(FROZEN_SPEC.format(frozen=str(frozen).lower()), "utf-8")
    report = sync(load_modules([str(spec)]), f"tests.test_sync:{target}", "Point")
    rows = [
        (d.where, d.kind, d.spec, d.target, d.representation)
        for d in report.differences
    ]
    expected = [] if found is None else [("Point", "frozen", frozen, found, True)]
    assert rows == expected


def test_a_json_schema_matches_either_frozen(tmp_path: Path) -> None:
    spec = tmp_path / "points.yaml"
    spec.write_text(FROZEN_SPEC.format(frozen="true"), "utf-8")
    schema = tmp_path / "point.json"
    schema.write_text(
        json.dumps(
            {
                "title": "Point",
                "type": "object",
                "properties": {"x": {"type": "integer"}},
                "required": ["x"],
            }
        ),
        "utf-8",
    )
    report = sync(load_modules([str(spec)]), str(schema), "Point")
    assert report.differences == ()
