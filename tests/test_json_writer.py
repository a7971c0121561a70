"""The JSON Schema target's writer spells JSON exactly as `json.dumps(indent=2, ensure_ascii=False)`."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.targets.json_schema import dumps

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)


@given(st.dictionaries(st.text(max_size=8), _JSON, max_size=5))
def test_writer_matches_json_dumps(value: dict[str, Any]) -> None:
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def test_writer_rejects_what_is_not_json() -> None:
    with pytest.raises(TypeError):
        dumps({"a": {1: "x"}})
    with pytest.raises(TypeError):
        dumps({"a": object()})
