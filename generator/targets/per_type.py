"""A value worked out once per field type, for targets that render thousands of fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from generator import ir

T = TypeVar("T")


class PerType(Generic[T]):
    """`make(type)`, remembered per type: a spec writes a few distinct types on
    tens of thousands of fields.

    Keyed by identity, which is cheaper than hashing a nested frozen type: the
    loader shares one object per distinct type (an equal type built elsewhere
    is simply worked out again). Every type asked about is kept alive here, so
    no other object can take its id while it is remembered.
    """

    def __init__(self, make: Callable[[ir.TypeRef], T]) -> None:
        self._make = make
        self._known: dict[int, T] = {}
        self._kept: list[ir.TypeRef] = []

    def __call__(self, type_: ir.TypeRef) -> T:
        try:
            return self._known[id(type_)]
        except KeyError:
            value = self._known[id(type_)] = self._make(type_)
            self._kept.append(type_)
            return value
