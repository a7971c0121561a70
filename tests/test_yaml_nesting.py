"""The cheap bound on YAML nesting that decides whether depth is measured before composing."""

from __future__ import annotations

import pytest
import yaml

from generator.loading.yaml_source import _COMPACT_NESTING, _nesting_bound


@pytest.mark.parametrize("compact", _COMPACT_NESTING)
def test_compact_block_nesting_leaves_the_bound_unknown(compact: str) -> None:
    text = f"models:\n  A:\n    values: [a, b]\nlist:\n  {compact} x\n"
    assert _nesting_bound(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "a: {b: [c, [d]]}\n",
        "a:\n  - b\n  - c: d\n",  # block sequences, but nothing nested on one line
        "question: why? because - and how\n",
    ],
)
def test_a_bound_is_at_least_the_real_depth(text: str) -> None:
    bound = _nesting_bound(text)
    assert bound is not None

    def depth(node: yaml.Node) -> int:
        if isinstance(node, yaml.MappingNode):
            return 1 + max((depth(v) for _, v in node.value), default=0)
        if isinstance(node, yaml.SequenceNode):
            return 1 + max((depth(v) for v in node.value), default=0)
        return 0

    assert depth(yaml.compose(text, Loader=yaml.SafeLoader)) <= bound
