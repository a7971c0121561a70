"""tests/sync_fixtures/unions.yaml with drift: each difference is marked `DRIFT:`."""

from __future__ import annotations

from typing import Annotated, List, Literal, Optional, Union

from pydantic import BaseModel, Field

from tests.sync_fixtures.union_models import Square


class Circle(BaseModel):
    """A circle."""

    kind: Literal["circle"]
    """Always circle."""

    radius: int  # DRIFT: type, integer for number
    """The radius."""


class Drawing(BaseModel):
    """A drawing."""

    version: Literal["2"]  # DRIFT: type, the string "2" for the number 2
    """The version of this shape."""

    final: Literal[True]
    """Always true for a finished drawing."""

    shapes: List[Union[Circle, Square]]  # DRIFT: discriminator (representation)
    """The shapes, bottom first."""

    focus: Optional[Annotated[Union[Circle, Square], Field(discriminator="kind")]] = (
        None
    )
    """The shape in focus, if any."""

    palette: Optional[Literal["red", "green", "blue"]] = None  # DRIFT: type, closed
    """The main colour."""

    size: Optional[Union[Literal["small", "large", "huge"], int]] = None  # DRIFT: enum
    """How big it is."""

    layer: Optional[Literal[0, 1, 2, 3]] = None  # DRIFT: enum
    """The layer it is on."""

    weights: Optional[List[float]] = None  # DRIFT: type, no null inside
    """A weight per shape; null for none."""

    title: Optional[str] = None  # DRIFT: nullable
    """The title; absent when untitled, never null."""

    extra: object  # DRIFT: nullable, as a Pydantic `object` takes None
    """Anything else; never null."""

    label: Optional[str] = None  # DRIFT: type, one label only
    """One label, or several."""
