"""tests/sync_fixtures/unions.yaml as TypedDicts, with no drift.

A TypedDict's union cannot name a discriminator, and its `object` key cannot
say "never null"; a key that may be absent but never null is `NotRequired[T]`.
"""

from __future__ import annotations

from typing import List, Literal, Optional, Union

from typing_extensions import NotRequired, Required, TypedDict


class Circle(TypedDict):
    """A circle."""

    kind: Literal["circle"]
    """Always circle."""

    radius: float
    """The radius."""


class Square(TypedDict):
    """A square."""

    kind: Literal["square"]
    """Always square."""

    side: float
    """The side."""


class Drawing(TypedDict, total=False):
    """A drawing."""

    version: Required[Literal[2]]
    """The version of this shape."""

    final: Required[Literal[True]]
    """Always true for a finished drawing."""

    shapes: Required[List[Union[Circle, Square]]]
    """The shapes, bottom first."""

    focus: Optional[Union[Circle, Square]]
    """The shape in focus, if any."""

    palette: Optional[Union[Literal["red", "green"], str]]
    """The main colour."""

    size: Optional[Union[Literal["small", "large"], int]]
    """How big it is."""

    layer: Optional[Literal[0, 1, 2]]
    """The layer it is on."""

    weights: Optional[List[Optional[float]]]
    """A weight per shape; null for none."""

    title: NotRequired[str]
    """The title; absent when untitled, never null."""

    extra: Required[object]
    """Anything else; never null."""

    label: Optional[Union[str, List[str]]]
    """One label, or several."""
