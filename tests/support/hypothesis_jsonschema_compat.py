"""Let hypothesis-jsonschema 0.23.1 draw objects under the pinned Hypothesis.

hypothesis-jsonschema drives Hypothesis' internal `conjecture.utils.many` the old
way (`while elements.more(): ... elements.reject()`); the pinned Hypothesis
turned `many` into a context manager iterated with `for _ in elements`, so every
object schema fails with "'many' object has no attribute 'more'". `OldStyleMany`
offers the old two methods on top of the new class; `install()` hands it to
hypothesis-jsonschema only when the installed Hypothesis lacks `more`, so a
fixed release of either package makes this a no-op.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from typing import Any

from hypothesis.internal.conjecture import utils as conjecture_utils


class OldStyleMany:
    def __init__(
        self, data: Any, min_size: int, max_size: float, average_size: float
    ) -> None:
        self._many = conjecture_utils.many(data, min_size, max_size, average_size)
        self._many.__enter__()
        self._elements: Iterator[None] = iter(self._many)
        self._finished = False

    def more(self) -> bool:
        if self._finished:
            return False
        try:
            next(self._elements)
        except StopIteration:
            self._finished = True
            self._many.__exit__(None, None, None)
            return False
        return True

    def reject(self, why: str | None = None) -> None:
        self._many.reject(why)


def install() -> None:
    from hypothesis_jsonschema import _from_schema

    if hasattr(conjecture_utils.many, "more"):
        return
    shim = types.SimpleNamespace(**vars(conjecture_utils))
    shim.many = OldStyleMany
    _from_schema.cu = shim  # type: ignore[attr-defined]
