"""`schemasmith import`: a spec written from existing models, proved by round trip.

Each source is imported, the spec generated as it is, and every imported model
compared with its source by `sync`: no drift (types, presence, enums, documentation).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.importing import import_sources
from generator.pipeline import load
from generator.sync import sync
from tests.conftest import ROOT

FIXTURES = "tests/sync_fixtures"


def round_trip(tmp_path: Path, sources: list[str]) -> tuple[str, list[str]]:
    """Import, generate, sync every model: the spec text and each drift found."""
    spec = tmp_path / "spec" / "imported.yaml"
    imported = import_sources(sources, str(spec))
    spec.parent.mkdir(parents=True, exist_ok=True)
    spec.write_text(imported.text, encoding="utf-8")
    assert (
        main(["generate", "--spec", str(spec), "--out", str(tmp_path / "out"), "-q"])
        == 0
    )
    modules, _, _ = load([str(spec)])
    drift = []
    for model, target in imported.targets:
        report = sync(modules, target, model)
        drift += [f"{d.where}: {d.kind}: {d.note}" for d in report.drift(strict=False)]
    return imported.text, drift


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize(
    "sources",
    [
        ["tests.sync_fixtures.union_models:Drawing"],
        ["tests.sync_fixtures.in_sync_models"],
        ["tests.sync_fixtures.representation_models"],
        ["tests.sync_fixtures.typed_dict_params"],
        ["tests.sync_fixtures.typed_dict_models"],
        ["tests.sync_fixtures.union_params"],
        ["tests.sync_fixtures.union_drifted"],
        ["tests.sync_fixtures.drifted_models"],
        [f"{FIXTURES}/unions.openapi.json"],
        [f"{FIXTURES}/drifted.openapi.json"],
        [f"{FIXTURES}/unions.openapi.json#/components/schemas/Drawing"],
    ],
    ids=lambda s: s[0].rsplit("/", 1)[-1],
)
def test_fixtures_round_trip_without_drift(tmp_path: Path, sources: list[str]) -> None:
    _, drift = round_trip(tmp_path, sources)
    assert drift == []


@pytest.mark.parametrize(
    "sources",
    [
        ["tests/import_fixtures/draft7.schema.json"],
        ["tests/import_fixtures/shop.openapi.yaml"],
        ["generated/json_schema/run.schema.json"],
        ["generated/json_schema/run.schema.json#/$defs/Event"],
        ["tests.import_fixtures.odd_names", "tests.import_fixtures.same_names"],
    ],
    ids=lambda s: s[0].rsplit("/", 1)[-1],
)
def test_schema_documents_round_trip_without_drift(
    tmp_path: Path, sources: list[str]
) -> None:
    _, drift = round_trip(tmp_path, sources)
    # A widened type (`list<json>` for a tuple, `json` for a complex number) accepts more: that
    # and only that is what the spec says differently.
    assert all("the target accepts less than the spec" in d for d in drift), drift
    assert len(drift) == (1 if "draft7" in sources[0] else 0) + (
        1 if "odd_names" in sources[0] else 0
    )


def test_anthropic_message_and_params_round_trip(tmp_path: Path) -> None:
    text, drift = round_trip(
        tmp_path,
        [
            "anthropic.types:Message",
            "anthropic.types:ToolChoiceAutoParam",
            "anthropic.types:ToolParam",
            "anthropic.types:TextBlockParam",
        ],
    )
    assert drift == []
    spec = yaml.safe_load(text)
    # The SDK's alias names its union, the tag tells the variants apart.
    assert spec["unions"]["ContentBlock"]["discriminator"] == "type"
    assert "TextBlock" in spec["unions"]["ContentBlock"]["variants"]
    role = spec["models"]["Message"]["fields"]["role"]
    assert role["const"] == "assistant"
    assert role["description"] == (
        'Conversational role of the generated message.\n\nThis will always be `"assistant"`.\n'
    )
    assert spec["models"]["TextBlockParam"]["direction"] == "request"
    assert spec["enums"]["Model"]["open"] is True


def test_widened_types_warn_with_source_and_spec_line(tmp_path: Path) -> None:
    out = tmp_path / "orders.yaml"
    imported = import_sources(["tests/import_fixtures/draft7.schema.json"], str(out))
    lines = imported.text.splitlines()
    (warning,) = imported.warnings
    assert warning.startswith(
        "tests/import_fixtures/draft7.schema.json#/definitions/Order/properties/pair: "
        "warning: the source type"
    )
    number = lines.index("      pair: {type: list<json>, nullable: false}") + 1
    assert warning.endswith(
        f"(written at {out}:{number}: pair: {{type: list<json>, nullable: false}})"
    )
    assert lines[number - 3].startswith("      # the source type")


def test_names_that_must_change_change_alike_with_a_note() -> None:
    imported = import_sources(
        ["tests.import_fixtures.odd_names", "tests.import_fixtures.same_names"]
    )
    spec = yaml.safe_load(imported.text)
    assert "Sequence_" in spec["models"] and "Sequence" not in spec["models"]
    # The first `Dict_` met keeps its name; the other is `Dict_2`, where it is used too.
    assert spec["models"]["Holder"]["fields"]["theirs"]["type"] == "Dict_"
    assert spec["models"]["Holder"]["fields"]["mine"]["type"] == "Dict_2"
    assert (
        "# 'Sequence' is named 'Sequence_': the generated Python uses that name"
        in imported.text
    )
    assert any(
        w.startswith("tests/import_fixtures/odd_names.py:") and "'Sequence_'" in w
        for w in imported.warnings
    )
    fields = spec["models"]["Request"]["fields"]
    assert fields["schema"]["python_name"] == "schema_"
    assert fields["json"]["python_name"] == "json_"
    assert fields["mode"]["default"] == "fast"
    assert fields["tags"]["default"] == ["a"]
    assert spec["models"]["Request"]["extra"] == "forbid"
    assert (
        spec["enums"]["Mode"]["description"]
        == "How fast to go; other modes are accepted too."
    )


def test_output_is_deterministic() -> None:
    sources = [
        "tests.sync_fixtures.union_models",
        "tests/sync_fixtures/unions.openapi.json",
    ]
    assert import_sources(sources).text == import_sources(sources).text


def test_cli_writes_the_spec_and_warns_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "odd.yaml"
    assert main(["import", "tests.import_fixtures.odd_names", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert out.read_text(encoding="utf-8").startswith(
        "# Written by `schemasmith import` from:\n#   tests.import_fixtures.odd_names\n"
    )
    assert (
        "tests/import_fixtures/odd_names.py:41:5: warning: the source type `builtins.complex`"
        in captured.err
    )
    assert main(["import", "no_such_module_here"]) == 2
    assert "cannot import no_such_module_here" in capsys.readouterr().err


@pytest.mark.parametrize(
    "source",
    [
        "tests.import_fixtures.inherited_models",
        "tests.import_fixtures.inherited_params",
        "tests/import_fixtures/inherited.schema.json",
    ],
    ids=lambda s: s.rsplit(".", 1)[-1],
)
def test_inheritance_round_trips_through_extends(tmp_path: Path, source: str) -> None:
    _, drift = round_trip(tmp_path, [source])
    assert drift == []


def test_a_pydantic_subclass_extends_its_base_with_its_own_fields_only() -> None:
    imported = import_sources(["tests.import_fixtures.inherited_models"])
    models = yaml.safe_load(imported.text)["models"]
    # A base of settings only is passed over; `name`, declared again as it was, is not repeated.
    assert "extends" not in models["Animal"]
    assert models["Animal"]["fields"]["marks"]["default"] == {}  # default_factory=dict
    assert models["Cat"]["extends"] == "Animal"
    assert list(models["Cat"]["fields"]) == ["kind", "indoor"]
    assert models["Cat"]["fields"]["kind"]["const"] == "cat"
    assert models["Kitten"]["extends"] == "Cat"
    assert models["Kitten"]["fields"]["age"] == {
        "type": "integer",
        "required": True,
        "nullable": False,
    }
    # Two model bases, or a field wider than the base's: every field written, with a note.
    assert "extends" not in models["Parrot"]
    assert list(models["Parrot"]["fields"]) == [
        "volume",
        "name",
        "age",
        "kind",
        "marks",
        "words",
    ]
    assert "extends" not in models["Fish"]
    (warning,) = imported.warnings
    assert "'Fish' extends 'Animal' but declares 'age' wider" in warning


def test_a_child_imported_alone_brings_its_base() -> None:
    imported = import_sources(["tests.import_fixtures.inherited_models:Kitten"])
    models = yaml.safe_load(imported.text)["models"]
    assert [(n, m.get("extends")) for n, m in models.items()] == [
        ("Kitten", "Cat"),
        ("Cat", "Animal"),
        ("Animal", None),
    ]


def test_typed_dicts_and_all_of_extend_their_bases() -> None:
    params = yaml.safe_load(
        import_sources(["tests.import_fixtures.inherited_params"]).text
    )["models"]
    assert params["StreamingMessageParam"]["extends"] == "MessageParam"
    assert params["StreamingMessageParam"]["fields"] == {
        "stream": {"const": True},
        "chunk_size": {"type": "integer", "nullable": False},
    }
    assert list(params["ToolMessageParam"]["fields"]) == ["tool_id", "note"]
    shapes = yaml.safe_load(
        import_sources(["tests/import_fixtures/inherited.schema.json"]).text
    )["models"]
    assert shapes["Circle"]["extends"] == "Shape"
    assert list(shapes["Circle"]["fields"]) == ["kind", "label", "radius"]
    assert shapes["Ring"] == {
        "description": "A circle with a hole.",
        "extends": "Circle",
        "fields": {"inner": {"type": "number", "nullable": False}},
    }
    assert "extends" not in shapes["Tagged"]  # allOf without a `$ref`: merged


def test_frozen_models_import_as_frozen(tmp_path: Path) -> None:
    source = "tests.import_fixtures.frozen_models"
    imported = import_sources([source])
    models = yaml.safe_load(imported.text)["models"]
    assert models["Point"]["frozen"] is True
    # A child inherits it; a frozen child of a mutable base is written flat.
    assert models["NamedPoint"]["extends"] == "Point"
    assert "frozen" not in models["NamedPoint"]
    assert "frozen" not in models["Label"]
    assert "extends" not in models["FixedLabel"]
    assert models["FixedLabel"]["frozen"] is True
    assert list(models["FixedLabel"]["fields"]) == ["text", "size"]
    assert models["PointParam"]["frozen"] is True
    (warning,) = imported.warnings
    assert "'FixedLabel' extends 'Label' but is frozen" in warning
    _, drift = round_trip(tmp_path, [source])
    assert drift == []
    spec = tmp_path / "spec" / "imported.yaml"
    modules, _, _ = load([str(spec)])
    for model, target in imported.targets:
        assert [d.kind for d in sync(modules, target, model).differences] == []
