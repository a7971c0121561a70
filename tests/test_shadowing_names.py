"""A field may be named like a type (`object`, `str`, `date`, `type`, `list`) without
changing what later annotations in its class mean."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.generated_package import generated

SPEC = """\
schemasmith: 1
module: chat
models:
  ChatCompletion:
    fields:
      id: {type: string, required: true, nullable: false}
      object: {type: string, python_name: object, required: true, nullable: false}
      created: {type: date}
      date: {type: date}
      str: {type: string}
      type: {type: string}
      list: {type: "list<string>"}
      later: {type: "map<string>"}
      seen: {type: date}
      payload: {type: json}
"""


def test_fields_named_like_types_keep_their_names_and_later_types(
    tmp_path: Path,
) -> None:
    spec = tmp_path / "chat.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    with generated([str(spec)]) as package:
        (module,) = package.modules
        model = package.models(module).ChatCompletion
        fields = model.model_fields
        assert {"object", "date", "str", "type", "list"} <= set(fields)
        ok = model.model_validate(
            {
                "id": "c1",
                "object": "chat.completion",
                "date": "2024-05-01",
                "seen": "2024-05-02",
                "str": "s",
                "later": {"a": "b"},
                "payload": {"x": 1},
            }
        )
        assert ok.object == "chat.completion"
        assert str(ok.seen) == "2024-05-02"
        assert ok.to_dict()["later"] == {"a": "b"}
        with pytest.raises(Exception, match="later"):
            model.model_validate({"id": "c", "object": "o", "later": {"a": 1}})
        with pytest.raises(Exception, match="seen"):
            model.model_validate({"id": "c", "object": "o", "seen": "not a date"})
