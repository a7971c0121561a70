"""The JSON Schema target spells JSON exactly as `json.dumps(indent=2, ensure_ascii=False)`.

Schemas are written by orjson; spec values (defaults) go through `json_value`
first, which keeps `json`'s spelling of numbers.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.targets.json_schema import dumps, json_value

# Any JSON value the standard library writes, numbers of every size included.
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
    expected = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    assert dumps(json_value(value)) == expected


@pytest.mark.parametrize(
    "number", [1e-7, 1.5e-05, 1e16, 2**64, -(2**70), 0.1 + 0.2, -0.0, 5e-324]
)
def test_numbers_keep_the_standard_spelling(number: float) -> None:
    # Numbers orjson alone would spell otherwise (1e-7) or refuse (beyond 64 bits).
    assert (
        dumps(json_value({"default": number}))
        == json.dumps({"default": number}, indent=2) + "\n"
    )


def test_writer_rejects_what_is_not_json() -> None:
    with pytest.raises(TypeError):
        dumps({"a": {1: "x"}})
    with pytest.raises(TypeError):
        dumps({"a": object()})
